// The rules stage: run every rule over the graph, apply levels (rule default, then the user's
// overrides), and return the findings in one deterministic order. The rule modules are loaded
// here, on first run, through the registry's loaders (registry.ts holds the data and no code).
import type { Finding, FindingLevel, Level, ModuleGraph, Options, RawFinding, RuleName } from '../types.js';
import { byCodeUnit as cmp } from '../paths.js';
import { type Rule, withEdgeList } from './rule.js';
import { RULE_REGISTRY } from './registry.js';

export type { Rule, RuleContext } from './rule.js';
export { isRuleName, RULE_NAMES, RULE_REGISTRY, type RuleInfo, type RuleSetting } from './registry.js';

let loaded: Promise<readonly Rule[]> | undefined;

/**
 * Every rule module, in the registry's order (several modules may share a name: undeclared has
 * one for JS and one for Python). The first call imports them (TypeScript's parser, the Python
 * engine's readers come with them); later calls return the same array.
 */
export function loadRules(): Promise<readonly Rule[]> {
  loaded ??= loadInOrder();
  return loaded;
}

// One import at a time: the modules share most of their imports, so nothing is gained by
// overlapping them (and jest's ESM loader fails on concurrent imports of a shared module).
async function loadInOrder(): Promise<readonly Rule[]> {
  const rules: Rule[] = [];
  for (const info of Object.values(RULE_REGISTRY)) rules.push(...(await info.load()));
  return Object.freeze(rules);
}

/** The level a rule runs at: the user's override, else the registry's default. A rule that cannot be lowered keeps its default. */
export function levelOf(name: RuleName, options: Pick<Options, 'rules'>): Level {
  const { defaultLevel, lowerable } = RULE_REGISTRY[name];
  return lowerable ? (options.rules[name] ?? defaultLevel) : defaultLevel;
}

/**
 * Runs `rules` (default: every registered rule, loaded on first use) over `graph`, each at the
 * level levelOf gives, skipping rules that are off. Returns the findings sorted by
 * compareFindings and the notices the rules left (things they could not judge).
 */
export async function runRules(graph: ModuleGraph, options: Options, rules?: readonly Rule[]): Promise<{ findings: Finding[]; notices: string[] }> {
  const notices: string[] = [];
  const findings: Finding[] = [];
  const all = rules ?? (await loadRules());
  await withEdgeList(graph, async () => {
    for (const rule of all) {
      const level = levelOf(rule.name, options);
      if (level === 'off') continue;
      const raw = await rule.check({ graph, options, notices });
      for (const finding of raw) findings.push(withLevel(finding, level));
    }
  });
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
