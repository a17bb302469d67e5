// unparseable: a shipped file the engine could not parse would look like a leaf with no
// imports, silently dropping everything it needs.
import type { ParseFailure, RawFinding } from '../types.js';
import { byCodeUnit, chainOf, formatChain, type Rule } from './rule.js';

export const unparseable: Rule = {
  name: 'unparseable',
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
        message: messageFor(file, failure, chain),
      });
    }
    return findings;
  },
};

/** A syntax error, a file that cannot be read, or code too deep to parse: each says its own fix. */
function messageFor(file: string, failure: ParseFailure, chain: string[]): string {
  const where = `${file}:${failure.line}:${failure.column}`;
  const ships = `It ships (${formatChain(chain)})`;
  if (failure.message.startsWith('cannot be read')) {
    return `${where} ${failure.message}. ${ships} but its content cannot be checked or packed. Make it a readable regular file, or stop importing it.`;
  }
  if (failure.message.startsWith('nested too deeply')) {
    return `${where} is ${failure.message}. ${ships}.`;
  }
  return `${where} cannot be parsed: ${failure.message}. ${ships} but would fail to load, and the files it imports cannot be followed. Fix the syntax error.`;
}
