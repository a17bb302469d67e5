// The rules stage: run every rule over the graph, apply levels (rule default, then the user's
// overrides), and return the findings in one deterministic order.
import type { Finding, FindingLevel, Level, ModuleGraph, Options, RawFinding, RuleName } from '../types.js';
import { circular } from './circular.js';
import { deprecated } from './deprecated.js';
import { dynamic } from './dynamic.js';
import { outsideRoot } from './outside-root.js';
import { runtime } from './runtime.js';
import type { Rule } from './rule.js';
import { shadowed } from './shadowed.js';
import { stale } from './stale.js';
import { undeclared } from './undeclared.js';
import { undeclaredPython } from './undeclared-python.js';
import { unparseable } from './unparseable.js';
import { unresolved } from './unresolved.js';
import { byCodeUnit as cmp } from '../paths.js';

export type { Rule, RuleContext } from './rule.js';

/** A setting a rule reads besides its level, with its spelling in each front end. */
export interface RuleSetting {
  /** The Options field that carries it. */
  option: 'staleIgnore';
  /** Its key in the config file. */
  key: string;
  flag: string;
  input: string;
  description: string;
}

/** What the options module, the runner and `shipset rules` know about one rule name. */
export interface RuleInfo {
  name: RuleName;
  defaultLevel: Level;
  /** false: the level cannot be lowered and findings cannot be suppressed (a file outside the root never ships). */
  lowerable: boolean;
  /** One sentence: what the rule catches. */
  why: string;
  settings: readonly RuleSetting[];
  /** The modules that implement it (undeclared: one for JS, one for Python). */
  modules: readonly Rule[];
}

/**
 * The rule registry: one line per rule name, in the order of the documentation's table.
 * Adding a rule means its file, one line here, and its tests.
 */
export const RULE_REGISTRY: Readonly<Record<RuleName, RuleInfo>> = Object.freeze({
  deprecated: info([deprecated]),
  stale: info([stale], {
    settings: [
      {
        option: 'staleIgnore',
        key: 'stale-ignore',
        flag: '--stale-ignore',
        input: 'stale-ignore',
        description: 'extra name parts that never make two files variants',
      },
    ],
  }),
  unresolved: info([unresolved]),
  unparseable: info([unparseable]),
  undeclared: info([undeclared, undeclaredPython]),
  shadowed: info([shadowed]),
  dynamic: info([dynamic]),
  'outside-root': info([outsideRoot], { lowerable: false }),
  circular: info([circular]),
  runtime: info([runtime]),
});

function info(modules: readonly Rule[], extra: { lowerable?: boolean; settings?: RuleSetting[] } = {}): RuleInfo {
  const [first] = modules;
  return { name: first.name, defaultLevel: first.defaultLevel, lowerable: extra.lowerable ?? true, why: first.why, settings: extra.settings ?? [], modules };
}

/** Every rule module, in the registry's order. Several modules may share a name (undeclared: JS and Python). */
export const RULES: readonly Rule[] = Object.values(RULE_REGISTRY).flatMap((r) => r.modules);

/** The level a rule runs at: the user's override, else the rule's default. A rule that cannot be lowered keeps its default. */
export function levelOf(name: RuleName, defaultLevel: Level, options: Pick<Options, 'rules'>): Level {
  if (!RULE_REGISTRY[name].lowerable) return RULE_REGISTRY[name].defaultLevel;
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
  const level: FindingLevel = !RULE_REGISTRY[raw.rule].lowerable ? 'error' : raw.level === 'warn' || ruleLevel === 'warn' ? 'warn' : 'error';
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

export function compareFindings(a: Finding, b: Finding): number {
  return cmp(a.file, b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || cmp(a.rule, b.rule) || cmp(a.message, b.message);
}
