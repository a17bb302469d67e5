// The `deprecated` rule: a file someone marked as not-to-ship is still reached from an entry.
import type { RawFinding } from '../types.js';
import { deprecationOf } from './deprecation.js';
import { at, byCodeUnit, chainOf, formatChain, ignoreHint, importersOf, type Rule } from './rule.js';

export const deprecated: Rule = {
  name: 'deprecated',
  check({ graph, options }) {
    const findings: RawFinding[] = [];
    for (const file of [...graph.files.keys()].sort(byCodeUnit)) {
      const mark = deprecationOf(graph.root, file, options.deprecated, graph.headers);
      if (!mark) continue;
      const chain = chainOf(graph, file);
      const importer = chain.length > 1 ? chain[chain.length - 2] : undefined;
      const edge = importer ? importersOf(graph, file).find((e) => e.from === importer) : undefined;
      const how = edge
        ? `${at(edge.from, edge.line)} imports it as ${edge.specifier} (${formatChain(chain)})`
        : graph.entries.includes(file)
          ? 'it is an entry'
          : `it is reached through ${formatChain(chain)}`;
      const fix = edge ? `Import the current file instead, or remove the import at ${at(edge.from, edge.line)}` : 'Use the current file as the entry';
      const weak = mark.strength === 'weak';
      const unmark = weak
        ? `if it is live code, rename it or ${ignoreHint('deprecated', file, true)}`
        : `if the file is not deprecated, remove the mark or ${ignoreHint('deprecated', file, true)}`;
      findings.push({
        rule: 'deprecated',
        ...(weak ? { level: 'warn' as const } : {}),
        file,
        line: mark.line,
        chain,
        message: `${file} is ${weak ? 'possibly deprecated' : 'deprecated'} (${mark.reason}) but ships: ${how}. ${fix}; ${unmark}.`,
      });
    }
    return findings;
  },
};
