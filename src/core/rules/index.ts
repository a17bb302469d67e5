// The rules stage: run every rule over the graph, apply levels (rule default, then the user's
// overrides), and return the findings in one deterministic order.
import type { Finding, FindingLevel, Level, ModuleGraph, Options, RawFinding, RuleName } from '../types.js';
import { circular } from './circular.js';
import { deprecated } from './deprecated.js';
import { dynamic } from './dynamic.js';
import { outsideRoot } from './outside-root.js';
import type { Rule } from './rule.js';
import { shadowed } from './shadowed.js';
import { stale } from './stale.js';
import { undeclared } from './undeclared.js';
import { undeclaredPython } from './undeclared-python.js';
import { unparseable } from './unparseable.js';
import { unresolved } from './unresolved.js';

export type { Rule, RuleContext } from './rule.js';

/** Every rule module, in the order of DESIGN.md's table. Several modules may share a name (undeclared: JS and Python). */
export const RULES: readonly Rule[] = [deprecated, stale, unresolved, unparseable, undeclared, undeclaredPython, shadowed, dynamic, outsideRoot, circular];

/** The level a rule runs at: the user's override, else the rule's default. `outside-root` is always an error. */
export function levelOf(name: RuleName, defaultLevel: Level, options: Pick<Options, 'rules'>): Level {
  if (name === 'outside-root') return 'error';
  return options.rules[name] ?? defaultLevel;
}

export async function runRules(graph: ModuleGraph, options: Options, rules: readonly Rule[] = RULES): Promise<{ findings: Finding[]; notices: string[] }> {
  const notices: string[] = [];
  const findings: Finding[] = [];
  for (const rule of rules) {
    const level = levelOf(rule.name, rule.defaultLevel, options);
    if (level === 'off') continue;
    const raw = await rule.check({ graph, options, notices });
    for (const finding of raw) findings.push(withLevel(finding, level));
  }
  return { findings: findings.sort(compareFindings), notices };
}

/** A rule may lower one finding to `warn` (e.g. an optional Python import); never raise it above the rule's level. */
function withLevel(raw: RawFinding, ruleLevel: FindingLevel): Finding {
  const level: FindingLevel = raw.rule === 'outside-root' ? 'error' : raw.level === 'warn' || ruleLevel === 'warn' ? 'warn' : 'error';
  const { rule, file, line, column, specifier, target, chain, message, sites } = raw;
  return {
    rule,
    level,
    file,
    line,
    ...(column !== undefined ? { column } : {}),
    ...(specifier !== undefined ? { specifier } : {}),
    ...(target !== undefined ? { target } : {}),
    chain,
    message,
    ...(sites?.length ? { sites } : {}),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareFindings(a: Finding, b: Finding): number {
  return cmp(a.file, b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || cmp(a.rule, b.rule) || cmp(a.message, b.message);
}
