// The rule registry: what `--help`, `shipset rules`, the options, the config schema, SARIF and
// the runner know about each rule, as data. It imports no rule code: each entry loads its
// implementation with a dynamic import when rules run (rules/index.ts), so a command that only
// reads options or prints help never loads TypeScript's parser, madge or the Python engine.
import type { Level } from '../types.js';
import type { Rule } from './rule.js';

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

/** One registry line as written below: the defaults are filled in by RULE_REGISTRY. */
interface RuleEntry {
  defaultLevel: Level;
  /** false: the level cannot be lowered and findings cannot be suppressed (a file outside the root never ships). Default true. */
  lowerable?: boolean;
  settings?: readonly RuleSetting[];
  /** One sentence: the failure the rule exists to catch (`shipset rules`, SARIF). */
  why: string;
  /** The modules that implement the rule (undeclared: one for JS, one for Python), loaded on first use. */
  load: () => Promise<readonly Rule[]>;
}

/**
 * One line per rule, in the order of the documentation's table. Adding a rule means its file in
 * this folder, one entry here, and its tests: the rule names (RULE_NAMES, RuleName), `--rule`,
 * the config's `rules`, `shipset rules` and SARIF all derive from these keys.
 */
const ENTRIES = {
  deprecated: {
    defaultLevel: 'error',
    why: 'A file marked deprecated (by a glob, its header, or its name or folder) still ships because something imports it. Weak marks (legacy, archive/) only warn.',
    load: async () => [(await import('./deprecated.js')).deprecated],
  },
  stale: {
    defaultLevel: 'error',
    settings: [
      {
        option: 'staleIgnore',
        key: 'stale-ignore',
        flag: '--stale-ignore',
        input: 'stale-ignore',
        description: 'extra name parts that never make two files variants',
      },
    ],
    why: 'A shipped file has a newer replacement beside it (hybrid vs hybrid_sessions, api-v1 vs api-v2) that provides what its importers use and that nothing imports: production would run the old copy.',
    load: async () => [(await import('./stale.js')).stale],
  },
  unresolved: {
    defaultLevel: 'error',
    why: 'An import of a shipped file resolves to nothing, or to a file of a language no engine can read: the program would fail on that line.',
    load: async () => [(await import('./unresolved.js')).unresolved],
  },
  unparseable: {
    defaultLevel: 'error',
    why: 'A shipped file has a syntax error: it would fail to load, and its imports cannot be followed.',
    load: async () => [(await import('./unparseable.js')).unparseable],
  },
  undeclared: {
    defaultLevel: 'error',
    why: 'A shipped file imports a package its manifest does not declare for production (package.json; requirements.txt / pyproject.toml for Python): a production install would not have it.',
    load: async () => [(await import('./undeclared.js')).undeclared, (await import('./undeclared-python.js')).undeclaredPython],
  },
  shadowed: {
    defaultLevel: 'warn',
    why: 'An import could mean two files (prompts.ts and prompts/index.ts, a.js and a.ts): the one that runs may not be the one being edited.',
    load: async () => [(await import('./shadowed.js')).shadowed],
  },
  dynamic: {
    defaultLevel: 'warn',
    why: 'A computed import()/require() may load files the analysis cannot see: the shipped set may be incomplete.',
    load: async () => [(await import('./dynamic.js')).dynamic],
  },
  'outside-root': {
    defaultLevel: 'error',
    lowerable: false,
    why: 'An import resolves outside the root, directly or through a symlink: it would not ship, or would leak a file of the machine into the archive.',
    load: async () => [(await import('./outside-root.js')).outsideRoot],
  },
  circular: {
    defaultLevel: 'off',
    why: 'Shipped files import each other in a cycle: one of them may run with the other half-initialised.',
    load: async () => [(await import('./circular.js')).circular],
  },
  runtime: {
    defaultLevel: 'error',
    why: 'An import resolves only the way TypeScript resolves it (tsconfig paths, ./a.js for a.ts, an alias left in compiled output), and the runtime that starts the set does not: the artifact crashes at start.',
    load: async () => [(await import('./runtime.js')).runtime],
  },
} satisfies Record<string, RuleEntry>;

export type RuleName = keyof typeof ENTRIES;

/** What the options module, the runner and `shipset rules` know about one rule name. */
export interface RuleInfo extends Required<Omit<RuleEntry, 'load'>> {
  name: RuleName;
  load: RuleEntry['load'];
}

/** Every rule by name, with its defaults filled in (lowerable: true, settings: none). */
export const RULE_REGISTRY: Readonly<Record<RuleName, RuleInfo>> = Object.freeze(
  Object.fromEntries(Object.entries(ENTRIES).map(([name, entry]: [string, RuleEntry]) => [name, { name, lowerable: true, settings: [], ...entry }])) as Record<
    RuleName,
    RuleInfo
  >,
);

/** Every rule name, in the registry's order. */
export const RULE_NAMES: readonly RuleName[] = Object.freeze(Object.keys(ENTRIES) as RuleName[]);

/** Whether `name` is a rule name (exact spelling; callers lower-case first where the input is case-insensitive). */
export function isRuleName(name: string): name is RuleName {
  return Object.prototype.hasOwnProperty.call(ENTRIES, name);
}
