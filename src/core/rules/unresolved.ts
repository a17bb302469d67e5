// unresolved: an import of a reachable file lands on nothing (or on a file no engine can read),
// so the program fails at run time on that line.
import path from 'node:path';
import type { RawFinding } from '../types.js';
import { at, findingAt, reachableEdges, type Rule } from './rule.js';

export const unresolved: Rule = {
  name: 'unresolved',
  defaultLevel: 'error',
  why: 'An import of a shipped file resolves to nothing, or to a file of a language no engine can read: the program would fail on that line.',
  check({ graph }) {
    const findings: RawFinding[] = [];
    for (const edge of reachableEdges(graph)) {
      if (edge.class !== 'unresolved' && edge.class !== 'unsupported') continue;
      if (edge.tsOnly === 'compiled-alias') continue; // the runtime rule names that cause
      const where = at(edge.from, edge.line);
      let message: string;
      if (edge.class === 'unsupported') {
        const ext = path.posix.extname(edge.target ?? edge.specifier) || `'${path.posix.basename(edge.target ?? edge.specifier)}'`;
        message =
          `${where} imports ${edge.specifier}${edge.target ? ` (${edge.target})` : ''}, a ${ext} file: that language is not supported, ` +
          `so its own imports cannot be followed and the set would be incomplete. Import a JavaScript, TypeScript or Python module instead, ` +
          `or drop the import and ship the file with \`include\`.`;
      } else if (edge.optional) {
        message =
          `${where} imports ${edge.specifier}, which resolves to nothing${edge.reason ? ` (${edge.reason})` : ''}; ` +
          `it is inside try/except ImportError (or a sys.version_info/sys.platform check), so the program falls back at run time. Add the module if the fallback is not intended.`;
      } else {
        message =
          `${where} imports ${edge.specifier}, which resolves to nothing${edge.reason ? ` (${edge.reason})` : ''}. ` +
          `Create the file, fix the path, or remove the import.`;
      }
      const level = edge.optional && edge.class === 'unresolved' ? 'warn' : undefined;
      findings.push(findingAt(graph, 'unresolved', edge, message, { level, target: edge.target }));
    }
    return findings;
  },
};
