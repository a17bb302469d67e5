// Findings as annotations at file:line. GitHub shows only 10 per kind per step, so the
// findings in files this pull request changed go first; the summary says how many were left.
import path from 'node:path';
import * as core from '@actions/core';
import type { Finding } from '../core/types.js';

export const ANNOTATIONS_PER_KIND = 10;

export interface Annotation {
  kind: 'error' | 'warning';
  message: string;
  properties: core.AnnotationProperties;
}

/**
 * Which annotations to emit: at most 10 errors and 10 warnings, changed files first.
 * Paths are made relative to the workspace (the repository root), where GitHub looks for them.
 */
export function selectAnnotations(
  findings: Finding[],
  rootInWorkspace: string,
  changedFiles: ReadonlySet<string> = new Set(),
): { annotations: Annotation[]; leftOut: number } {
  const annotations: Annotation[] = [];
  let leftOut = 0;
  for (const level of ['error', 'warn'] as const) {
    const ofKind = findings
      .filter((f) => f.level === level)
      .map((f, i) => ({ f, file: repoPath(rootInWorkspace, f.file), i }))
      // Stable: changed files first, otherwise the pipeline's order.
      .sort((a, b) => Number(changedFiles.has(b.file)) - Number(changedFiles.has(a.file)) || a.i - b.i);
    for (const { f, file } of ofKind.slice(0, ANNOTATIONS_PER_KIND)) {
      annotations.push({
        kind: level === 'error' ? 'error' : 'warning',
        message: f.message,
        properties: { title: `shipset ${f.rule}`, file, startLine: Math.max(1, f.line), startColumn: f.column },
      });
    }
    leftOut += Math.max(0, ofKind.length - ANNOTATIONS_PER_KIND);
  }
  return { annotations, leftOut };
}

export function emitAnnotations(annotations: Annotation[]): void {
  for (const a of annotations) (a.kind === 'error' ? core.error : core.warning)(a.message, a.properties);
}

/** `working-directory` + file, POSIX, relative to the workspace. */
export function repoPath(rootInWorkspace: string, file: string): string {
  return path.posix.normalize(path.posix.join(rootInWorkspace.split(path.sep).join('/') || '.', file));
}
