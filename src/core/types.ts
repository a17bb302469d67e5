// The shared vocabulary of the pipeline: options -> graph -> rules -> pack -> report.
// Every path in these types is POSIX and relative to the root unless it says otherwise.

import type { RuleName } from './rules/registry.js';
import type { Format } from '../report/index.js';

/** A rule's name: a key of the rule registry (src/core/rules/registry.ts). */
export type { RuleName };
/** An output format: a key of the reporter map (src/report/index.ts). */
export type { Format };

export const LEVELS = ['error', 'warn', 'off'] as const;
export type Level = (typeof LEVELS)[number];

/** `asset`: a file that ships but is not read (a native `.node` addon, a file loaded by `new URL(..., import.meta.url)`). */
export type Language = 'js' | 'ts' | 'json' | 'python' | 'asset';

/** The runtime that starts the entries: resolution follows what it does (see src/core/runtime.ts). */
export const RUNTIMES = ['node', 'tsx', 'ts-node', 'bun', 'node-strip-types'] as const;
export type Runtime = (typeof RUNTIMES)[number];

/** A config `ignore` entry: findings of `rule` in files matching `file` are suppressed, until `until`. */
export interface IgnoreEntry {
  rule: RuleName;
  /** Glob relative to the root. */
  file: string;
  reason: string;
  /** 'YYYY-MM-DD': the entry applies through that day (UTC) and stops after it. */
  until?: string;
  /** Where the entry was written, for notices ('shipset.config.json: ignore[2]'). */
  source: string;
}

/** One typed settings object, built by the CLI from flags and by the action from inputs. */
export interface Options {
  /** Absolute path of the root (`--root` / `working-directory`). */
  root: string;
  /** Entry files relative to the root. Empty means: package.json `main`/`bin`. */
  entries: string[];
  /** tsconfig path relative to the root; undefined means `tsconfig.json` if present. */
  tsconfig?: string;
  /** Rule level overrides; defaults come from each rule. */
  rules: Partial<Record<RuleName, Level>>;
  /** Extra globs of files that must never ship. */
  deprecated: string[];
  /** Include globs, added to the defaults (package.json + lockfile, workspace files, Python manifests). */
  include?: string[];
  /**
   * True when `include` came from the config file, which a pull request can change: such an
   * include cannot opt a secret in (only a CLI flag or an action input can).
   */
  includeFromConfig?: boolean;
  /** false: pack only the reachable set and `include` (`--no-default-include`, config `default-include: false`). */
  defaultInclude?: boolean;
  exclude: string[];
  /** Extra words that never make two names variants (added to the role suffixes). */
  staleIgnore: string[];
  /** Extra import roots for Python, relative to the root. */
  pythonPath: string[];
  /**
   * How Python entries start: `script` (`python3 app.py`) or `module` (`python -m pkg.app`,
   * gunicorn, uvicorn, celery). Undefined: `module` when the entry's folder has an __init__.py.
   */
  pythonMode?: 'script' | 'module';
  /** Write the tarball. */
  pack: boolean;
  /** Absolute tarball path (used when pack is true). */
  tarball: string;
  /**
   * The tarball path came from a config file (not a flag, an input or the default): then a
   * refused pack does not delete a file there, since shipset cannot know it wrote that file.
   */
  tarballFromConfig?: boolean;
  /** Folder inside the tarball. */
  prefix?: string;
  /**
   * Last-commit times from somewhere other than local git, for a shallow clone (the action passes
   * a GitHub API lookup). The core knows no GitHub: it only calls this function.
   */
  commitTimes?: CommitTimeLookup;
  /** The clock, in milliseconds since the epoch ("uncommitted" means changed now). Default: Date.now(). */
  now?: number;
  /** Tarball mtime in seconds (the front ends read SOURCE_DATE_EPOCH); else the HEAD commit time, else 0. */
  sourceDateEpoch?: number;
  /** Absolute folder paths are shown relative to (the user's cwd, the action's workspace). Default: the root. */
  cwd?: string;
  /** The runtime that starts the entries (`runtime` key, `--runtime`, input `runtime`). */
  runtime?: Runtime;
  /** Config `ignore` entries (suppressions with a reason). */
  ignore?: IgnoreEntry[];
  /** Absolute path of the baseline file whose findings are known (reported, not failing). */
  baseline?: string;
  /** Ship node_modules packages the set needs (stored for the pack stage). */
  nodeModules?: boolean;
  /** Globs of build output, relative to the root: a missing relative import there is pending build output (rules/unresolved.ts). */
  generated?: string[];
  /** Things the options stage noticed (a config file not read, ...); the pipeline reports them. */
  notices?: string[];
  /** Absolute folder of the scan cache (`--cache DIR`, input `cache`); undefined: no cache. */
  cache?: string;
}

/**
 * Looks up the last commit time (milliseconds since the epoch) of each of `files` (POSIX, relative to
 * the root). `at.prefix` is the root's folder inside the repository, `at.ref` the commit to start from.
 * Never throws: files it could not look up are absent from `times`; `error` says why in words.
 */
export type CommitTimeLookup = (files: readonly string[], at: { prefix?: string; ref?: string }) => Promise<{ times: Map<string, number>; error?: string }>;

export type ImportKind =
  | 'import' // static import / side-effect import
  | 'export' // export ... from
  | 'require' // require('x') and import x = require('x')
  | 'dynamic-import' // import('x') with a literal specifier
  | 'python-import'; // import a.b / from a import b / importlib.import_module('a')

/** How one import specifier was classified by the engine. */
export type EdgeClass =
  | 'file' // resolved to a file under the root: followed
  | 'package' // an npm / third-party package: recorded, not followed
  | 'builtin' // node:fs, fs, Python stdlib: fine
  | 'unresolved' // relative/aliased/# import that resolves to nothing
  | 'outside-root' // resolves to a file outside the root (directly or through a symlink)
  | 'unsupported'; // resolves to a file no engine can read (e.g. .css from JS, .py from JS)

export interface ImportEdge {
  /** Importing file. */
  from: string;
  specifier: string;
  /** 1-based line and column of the specifier in the importing file. */
  line: number;
  column: number;
  kind: ImportKind;
  class: EdgeClass;
  /** Resolved file (class 'file' or 'unsupported'), relative to the root. */
  target?: string;
  /** Package name for class 'package' ('lodash' for 'lodash/fp', '@scope/pkg' for '@scope/pkg/sub'). */
  packageName?: string;
  /** Other existing files the specifier could have meant (for `shadowed`), relative to the root. */
  shadowedCandidates?: string[];
  /** For 'outside-root': the absolute path the import (or the symlink on the way) leads to. */
  outsidePath?: string;
  /** For 'outside-root' through a symlink: the link inside the root. */
  symlink?: string;
  /**
   * The program runs without it: inside a `try` whose `catch` handles the failure, under a run-time
   * check (`typeof window`, `process.env.NODE_ENV`), or Python's `except ImportError`. Its
   * unresolved/undeclared findings are warnings.
   */
  optional?: boolean;
  /** Why it did not resolve, in words (for the message); for a case-only near miss it names the file. */
  reason?: string;
  /**
   * Python: what imports this module by name rather than by an import statement (a Django
   * setting such as `INSTALLED_APPS`, Celery's `include`, `python -m` for an entry's packages).
   */
  loadedBy?: string;
  /**
   * Python, class 'package': a module or package of that name inside the project but outside
   * the import roots (`vendor/tinylib/`), most likely put on sys.path at run time.
   */
  localCandidate?: string;
  /** The package name when the specifier is a workspace package inside the root (followed as files; its package.json ships). */
  workspace?: string;
  /**
   * A Node builtin of the same name competes with the local file this resolved to (baseUrl `src`
   * with `src/events/`): TypeScript and tsx load the local file, Node running the compiled output
   * loads the builtin.
   */
  builtin?: string;
  /** An import the source does not spell as one: added by the compiler or a bundler convention. */
  origin?: 'jsx-runtime' | 'import.meta.glob' | 'require.context' | 'new URL';
  /**
   * The TypeScript-only step the resolution needed: tsconfig `paths`/`baseUrl`, the `./a.js` ->
   * `a.ts` mapping, or an alias left in compiled output (never applied). The `runtime` rule
   * reports it when the run's runtime does not perform that step.
   */
  tsOnly?: 'tsconfig-paths' | 'ts-extension' | 'extension-probe' | 'compiled-alias';
}

/** `import(expr)` / `require(expr)` with a specifier that is not a literal. */
export interface DynamicSite {
  file: string;
  line: number;
  column: number;
  /** Source text of the argument, shortened. */
  expression: string;
}

export interface ParseFailure {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface FileNode {
  path: string;
  language: Language;
  /** Every import of the file that exists at run time (type-only imports are not here). */
  edges: ImportEdge[];
  dynamic: DynamicSite[];
  parseError?: ParseFailure;
}

/** The import that reached a file: the importing file and the 1-based line of the import. */
export interface ViaSite {
  file: string;
  line: number;
}

export interface ModuleGraph {
  /** Absolute root. */
  root: string;
  /** Entry files, relative to the root. */
  entries: string[];
  /** Reachable files (entries included), keyed by relative path. */
  files: Map<string, FileNode>;
  /**
   * How each reachable file was first reached, breadth-first from the entries: the import that
   * reached it (importing file and line), or null for an entry. One pointer per file keeps the
   * graph (and the manifest) linear in size; `chainOf` in graph/via.ts rebuilds the shortest chain.
   */
  via: Map<string, ViaSite | null>;
  /** Source files under the root that no entry reaches and no type-only import names, sorted. */
  dormant: string[];
  /**
   * Files reached only through imports that compilers erase (types only): neither shipped nor
   * dormant, so nobody deletes an interface file because it was called dead. Sorted.
   */
  typeOnly: string[];
  /** All source files under the root (reachable or not), sorted: the candidates for variants. */
  sourceFiles: string[];
  /** Whether the root is inside a git work tree. */
  inGit: boolean;
  /** The runtime that starts the entries (given, or inferred from scripts.start / the entry's language). */
  runtime?: Runtime;
  /** tsconfig files (root-relative, with their `extends` chain) the runtime reads at start: they ship. */
  /** tsconfig-paths/register is preloaded by the start command or required first by an entry: `paths` apply at run time. */
  pathsHook?: boolean;
  runtimeConfigs?: string[];
  /** Things the engine could not judge and says so. */
  notices: string[];
  /** Size and SHA-256 of the files the engine read, by relative path (the pack stage need not read them again). */
  contents?: Map<string, { bytes: number; sha256: string }>;
  /** The file-level deprecation header of each file the engine read (null: none), by relative path, so rules need not read it again. */
  headers?: Map<string, { line: number; text: string } | null>;
  /** fs.realpathSync as remembered during this run (undefined: cannot be followed), so each file is looked up once. */
  realpath?: (abs: string) => string | undefined;
}

export type FindingLevel = 'error' | 'warn';

export interface Finding {
  rule: RuleName;
  level: FindingLevel;
  file: string;
  line: number;
  column?: number;
  specifier?: string;
  target?: string;
  /** Import path from an entry to `file`, entry first. */
  chain: string[];
  message: string;
  /** The same fact's other import sites (one finding per fact, not one per import line). */
  sites?: FindingSite[];
  /** Set when an ignore entry, an inline directive or the baseline silenced it; it still shows. */
  suppressed?: Suppression | null;
}

export interface FindingSite {
  file: string;
  line: number;
  column?: number;
}

export interface Suppression {
  by: 'config' | 'inline' | 'baseline';
  reason?: string;
}

/** What a rule yields before its level is applied. */
export type RawFinding = Omit<Finding, 'level'> & { level?: FindingLevel };

/** Why a file is in the package: an entry, reached by an import, or brought in by include (and, later, workspace or dependency). */
export type ShipReason = 'entry' | 'import' | 'include' | 'workspace' | 'dependency';

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
  /** `dependency`: a node_modules file of the self-contained closure (`--node-modules`). */
  reason: ShipReason;
  /** The import that first reached it (null for an entry or an included file); see ModuleGraph.via. */
  via: ViaSite | null;
}

export interface TarballInfo {
  path: string;
  /** Size of the .tar.gz file. */
  bytes: number;
  /** SHA-256 of the .tar.gz file as written. */
  sha256: string;
  /**
   * SHA-256 of the uncompressed tar stream: the same for the same files whatever zlib build
   * (or gzip level) compressed it, so two machines can compare packages when the .gz bytes differ.
   */
  contentSha256: string;
}

/**
 * The manifest JSON, schema 2: `files[].via` (one import site) replaced schema 1's per-file
 * `chain`, which grew quadratically with the depth of the import graph.
 */
export interface Manifest {
  schema: 2;
  tool: { name: 'shipset'; version: string };
  root: string;
  entries: string[];
  /** The runtime the set was resolved for (node, tsx, ts-node, bun, node-strip-types). */
  runtime: Runtime;
  files: ManifestFile[];
  typeOnly: string[];
  dormant: string[];
  packages: Record<string, string[]>;
  findings: Finding[];
  notices: string[];
  tarball: TarballInfo | null;
}

export interface Result {
  manifest: Manifest;
  graph: ModuleGraph;
  /** Files excluded from the package by `exclude` globs (for `why`). */
  excluded: string[];
  errorCount: number;
  warningCount: number;
}

/** Bad usage or input: one clear message naming the problem and the fix; exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
