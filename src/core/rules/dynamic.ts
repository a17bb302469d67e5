// dynamic: import()/require() with a computed specifier; the engine cannot know what it loads.
import path from 'node:path';
import type { RawFinding } from '../types.js';
import { at, byCodeUnit, chainOf, ignoreHint, type Rule } from './rule.js';

export const dynamic: Rule = {
  name: 'dynamic',
  check({ graph }) {
    const findings: RawFinding[] = [];
    for (const file of [...graph.files.keys()].sort(byCodeUnit)) {
      for (const site of graph.files.get(file)!.dynamic) {
        const glob = suggestGlob(site.file, site.expression);
        findings.push({
          rule: 'dynamic',
          file: site.file,
          line: site.line,
          column: site.column,
          chain: chainOf(graph, site.file),
          message:
            `${at(site.file, site.line)} loads a module with a computed specifier (${site.expression}): shipset cannot tell which files it loads, ` +
            `so the shipped set may be incomplete. Name the files it can load with \`include\`${glob ? ` (e.g. ${glob})` : ''}, or import them statically; ` +
            `if it loads only packages or files that already ship, ${ignoreHint('dynamic', site.file).replace('above the import', 'above the call')}.`,
        });
      }
    }
    return findings;
  },
};

/** `./plugins/${name}` in src/app.ts -> `src/plugins/**`: the literal folder before the first hole. */
export function suggestGlob(file: string, expression: string): string | undefined {
  const m = /^[`'"](\.{1,2}\/[^`'"$]*)/.exec(expression.trim());
  if (!m) return undefined;
  const folder = m[1].slice(0, m[1].lastIndexOf('/') + 1);
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(file), folder));
  if (joined.startsWith('..')) return undefined;
  return joined === '.' || joined === './' ? '**' : `${joined.replace(/\/$/, '')}/**`;
}
