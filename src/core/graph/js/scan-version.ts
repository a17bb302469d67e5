// The scanner's identity for the scan cache, without loading the parser: a run answered wholly
// from the cache must not pay for loading TypeScript (3.5 MB of JavaScript) just to name it.
import typescriptPackage from 'typescript/package.json' with { type: 'json' };

/** What produces a scan: a stored scan from any other parser version (or scanner revision) is not reused. */
export const SCANNER_VERSION = `typescript ${typescriptPackage.version}; scan 2`;
