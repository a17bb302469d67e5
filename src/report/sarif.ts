// Manifest -> SARIF 2.1.0, for GitHub code scanning (github/codeql-action/upload-sarif): no cap of
// 10 annotations, and findings tracked across runs by their fingerprint. A pure function: the
// front end says where the root sits in the repository and which rules exist.
// Types are the SARIF 2.1.0 schema as published on DefinitelyTyped (@types/sarif).
import type * as Sarif from 'sarif';
import type { Finding, Manifest } from '../core/types.js';
import { terminalText } from './escape.js';

/** What SARIF needs to know about a rule (the rule registry gives it). */
export interface SarifRule {
  name: string;
  defaultLevel: 'error' | 'warn' | 'off';
  /** One sentence: the failure the rule exists to catch. */
  why: string;
}

export interface SarifContext {
  /** Every rule, so code scanning can show each rule's help even for rules without results. */
  rules: readonly SarifRule[];
  /**
   * The root's folder relative to the repository root, POSIX ('' when the root is the repository):
   * code scanning places results by paths relative to the checkout.
   */
  rootInRepository: string;
  /** Where users read about the tool and its rules. */
  informationUri?: string;
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const DOCS = 'https://github.com/shipset/shipset#rules';

/**
 * The SARIF log for one run: one `run`, the rules as `reportingDescriptor`s, each finding a
 * `result` at `file:line:column` with its other import sites as `relatedLocations` and its
 * import chain (entry first) as a `codeFlow`. Suppressed findings carry a SARIF `suppression`
 * (`inSource` for an inline directive, `external` for a config entry or the baseline), so code
 * scanning shows them as dismissed, not as gone. Notices become tool notifications.
 */
export function renderSarif(manifest: Manifest, context: SarifContext): string {
  const ruleIndex = new Map(context.rules.map((r, i) => [r.name, i]));
  const log: Sarif.Log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'shipset',
            version: manifest.tool.version,
            semanticVersion: manifest.tool.version,
            informationUri: context.informationUri ?? DOCS,
            rules: context.rules.map(descriptor),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root (the checkout).' } } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: manifest.notices.map((text) => ({ level: 'note', message: { text: clean(text) } })),
          },
        ],
        results: manifest.findings.map((f) => result(f, context, ruleIndex.get(f.rule))),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function descriptor(rule: SarifRule): Sarif.ReportingDescriptor {
  return {
    id: rule.name,
    name: rule.name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.why },
    fullDescription: { text: rule.why },
    help: { text: `${rule.why} Default level: ${rule.defaultLevel}. Set it with --rule ${rule.name}=LEVEL or the rules option.` },
    helpUri: DOCS,
    defaultConfiguration: {
      enabled: rule.defaultLevel !== 'off',
      level: rule.defaultLevel === 'warn' ? 'warning' : rule.defaultLevel === 'off' ? 'none' : 'error',
    },
  };
}

function result(f: Finding, context: SarifContext, index: number | undefined): Sarif.Result {
  const sites = f.sites ?? [];
  return {
    ruleId: f.rule,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: f.level === 'warn' ? 'warning' : 'error',
    message: { text: clean(f.message) },
    locations: [location(context, f.file, f.line, f.column)],
    ...(sites.length
      ? {
          relatedLocations: sites.map((s, i) => ({
            ...location(context, s.file, s.line, s.column),
            id: i + 1,
            message: { text: 'another import of the same fact' },
          })),
        }
      : {}),
    ...(f.chain.length > 1
      ? {
          codeFlows: [
            {
              message: { text: `how ${clean(f.file)} is reached from an entry` },
              threadFlows: [
                {
                  locations: f.chain.map((file, i) => ({
                    location: { ...location(context, file), message: { text: i === 0 ? 'entry' : `imported by ${clean(f.chain[i - 1])}` } },
                  })),
                },
              ],
            },
          ],
        }
      : {}),
    // Stable across line moves: the same fact keeps its identity when code above it changes.
    partialFingerprints: { 'shipsetFact/v1': [f.rule, f.file, f.target ?? f.specifier ?? ''].join('\u0000') },
    ...(f.suppressed
      ? {
          suppressions: [
            {
              kind: f.suppressed.by === 'inline' ? 'inSource' : 'external',
              status: 'accepted',
              justification: clean(f.suppressed.reason ?? `suppressed by ${f.suppressed.by}`),
            },
          ],
        }
      : {}),
  };
}

function location(context: SarifContext, file: string, line?: number, column?: number): Sarif.Location {
  const uri = encodeUri(context.rootInRepository ? `${context.rootInRepository.replace(/\/+$/, '')}/${file}` : file);
  return {
    physicalLocation: {
      artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
      ...(line !== undefined ? { region: { startLine: Math.max(1, line), ...(column !== undefined ? { startColumn: Math.max(1, column) } : {}) } } : {}),
    },
  };
}

/** A relative URI reference for a POSIX path: each segment percent-encoded (spaces, `#`, `?`, `%`). */
function encodeUri(relPath: string): string {
  return relPath.split('/').map(encodeURIComponent).join('/');
}

/** SARIF text is shown as plain text: control characters, ESC and bidi marks become visible escapes. */
function clean(text: string): string {
  return terminalText(text);
}
