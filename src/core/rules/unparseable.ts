// unparseable: a shipped file the engine could not parse would look like a leaf with no
// imports, silently dropping everything it needs.
import type { RawFinding } from '../types.js';
import { byCodeUnit, chainOf, formatChain, type Rule } from './rule.js';

export const unparseable: Rule = {
  name: 'unparseable',
  defaultLevel: 'error',
  why: 'A shipped file has a syntax error: it would fail to load, and its imports cannot be followed.',
  check({ graph }) {
    const findings: RawFinding[] = [];
    for (const file of [...graph.files.keys()].sort(byCodeUnit)) {
      const failure = graph.files.get(file)!.parseError;
      if (!failure) continue;
      const chain = chainOf(graph, file);
      findings.push({
        rule: 'unparseable',
        file,
        line: failure.line,
        column: failure.column,
        chain,
        message:
          `${file}:${failure.line}:${failure.column} cannot be parsed: ${failure.message}. ` +
          `It ships (${formatChain(chain)}) but would fail to load, and the files it imports cannot be followed. Fix the syntax error.`,
      });
    }
    return findings;
  },
};
