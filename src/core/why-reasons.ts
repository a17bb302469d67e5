// The exact reason a file does not ship, where "dormant" would be true but useless: a file only
// type imports reach (the compiler erases them), a file another file shadows (the specifier
// resolves elsewhere), the newer variant of a stale pair, a file an exclude glob removes.
// Pure: reads the Result only. `shipset why` asks these before its generic answers.
import type { Result } from './types.js';

export type ExactReason = 'type-only' | 'shadowed' | 'stale-variant';

export interface ExactAnswer {
  reason: ExactReason;
  text: string;
}

/**
 * Why `rel` (relative to the root, POSIX) does not ship although it exists, when an exact reason
 * is known; undefined otherwise. Checked in this order: type-only, shadowed, stale variant.
 */
export function exactReason(result: Pick<Result, 'graph' | 'manifest'>, rel: string): ExactAnswer | undefined {
  const graph = result.graph;
  if (graph.typeOnly.includes(rel)) {
    return {
      reason: 'type-only',
      text: `${rel} does not ship: only type imports reach it (\`import type …\` or \`import { type … }\`), and the compiler erases those, so nothing loads it at run time. It is not dormant either: keep it for its types.`,
    };
  }
  for (const [from, node] of graph.files) {
    for (const edge of node.edges) {
      const hit = (edge.shadowedCandidates ?? []).find((c) => c === rel || rel.startsWith(c.endsWith('/') ? c : `${c}/`));
      if (!hit || !edge.target || edge.target === rel) continue;
      return {
        reason: 'shadowed',
        text: `${rel} does not ship: it is shadowed by ${edge.target}. ${from}:${edge.line} imports ${edge.specifier}, which resolves to ${edge.target} first${hit !== rel ? ` (the folder ${hit.replace(/\/$/, '')} loses)` : ''}. Rename one of them, or import the path you mean in full.`,
      };
    }
  }
  const stale = result.manifest.findings.find(
    (f) =>
      f.rule === 'stale' &&
      f.target &&
      f.target !== rel &&
      (f.message.includes(`${rel} is a newer replacement`) || f.message.includes(`${rel} is a newer variant`)),
  );
  if (stale) {
    return {
      reason: 'stale-variant',
      text: `${rel} does not ship: it is the newer replacement of ${stale.target}, which ships instead (stale, ${stale.file}:${stale.line}). Import ${rel} instead, or mark one of them deprecated.`,
    };
  }
  return undefined;
}
