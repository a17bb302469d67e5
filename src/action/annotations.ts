// Findings as annotations at file:line. GitHub shows only 10 per kind per step, and the
// step's own messages (the failing verdict, a comment warning, notices) count against the
// same cap: slots are kept for them, findings in files this pull request changed go first,
// and the summary says exactly how many findings were not annotated.
import path from 'node:path';
import * as core from '@actions/core';
import type { Finding } from '../core/types.js';
import { annotationText } from '../report/escape.js';

export const ANNOTATIONS_PER_KIND = 10;

export interface Annotation {
  kind: 'error' | 'warning';
  /** The finding's message; the rule is the `title` property: `::error title=stale,file=…,line=…::…`. */
  message: string;
  properties: core.AnnotationProperties;
}

/** How many finding annotations of each kind fit beside the step's own messages. */
export interface AnnotationBudget {
  errors: number;
  warnings: number;
}

/**
 * Slots left for findings: one error is kept for setFailed's verdict when the step fails,
 * one warning for the comment's warning when a comment may be written, and one for each warning
 * already given (e.g. the pull request's files could not be listed).
 */
export function annotationBudget(step: { failing: boolean; commentWarning: boolean; otherWarnings?: number }): AnnotationBudget {
  return {
    errors: ANNOTATIONS_PER_KIND - (step.failing ? 1 : 0),
    warnings: Math.max(0, ANNOTATIONS_PER_KIND - (step.commentWarning ? 1 : 0) - (step.otherWarnings ?? 0)),
  };
}

/**
 * Which annotations to emit: at most `budget` errors and warnings, changed files first.
 * Paths are made relative to the workspace (the repository root), where GitHub looks for them.
 * `leftOut` is the exact number of findings not annotated.
 */
export function selectAnnotations(
  findings: Finding[],
  rootInWorkspace: string,
  changedFiles: ReadonlySet<string> = new Set(),
  budget: AnnotationBudget = { errors: ANNOTATIONS_PER_KIND, warnings: ANNOTATIONS_PER_KIND },
): { annotations: Annotation[]; leftOut: number } {
  const annotations: Annotation[] = [];
  let leftOut = 0;
  for (const level of ['error', 'warn'] as const) {
    const cap = Math.max(0, level === 'error' ? budget.errors : budget.warnings);
    const ofKind = findings
      .filter((f) => f.level === level)
      .map((f, i) => ({ f, file: repoPath(rootInWorkspace, f.file), i }))
      // Stable: changed files first, otherwise the pipeline's order.
      .sort((a, b) => Number(changedFiles.has(b.file)) - Number(changedFiles.has(a.file)) || a.i - b.i);
    for (const { f, file } of ofKind.slice(0, cap)) {
      annotations.push({
        kind: level === 'error' ? 'error' : 'warning',
        message: f.message,
        properties: { title: `shipset ${f.rule}`, file, startLine: Math.max(1, f.line), startColumn: f.column },
      });
    }
    leftOut += Math.max(0, ofKind.length - cap);
  }
  return { annotations, leftOut };
}

/** The notices to emit: the base-diff notice first, then the engine's, at most 10 in all (all are in the summary). */
export function selectNotices(engineNotices: readonly string[], baseDiffNotice?: string): string[] {
  return [...(baseDiffNotice ? [baseDiffNotice] : []), ...engineNotices].slice(0, ANNOTATIONS_PER_KIND);
}

export function emitAnnotations(annotations: Annotation[]): void {
  // @actions/core percent-encodes CR, LF, `%` (and `:`/`,` in properties); the other control
  // characters (ESC, C1, bidi) would reach the log viewer, so they are made visible first.
  for (const a of annotations) {
    // @actions/core then encodes property values as commandProperty does (`%`, CR, LF, `:`, `,`).
    const properties = {
      ...a.properties,
      ...(a.properties.file !== undefined ? { file: annotationText(a.properties.file) } : {}),
      ...(a.properties.title !== undefined ? { title: annotationText(a.properties.title) } : {}),
    };
    (a.kind === 'error' ? core.error : core.warning)(annotationText(a.message), properties);
  }
}

/** `working-directory` + file, POSIX, relative to the workspace. */
export function repoPath(rootInWorkspace: string, file: string): string {
  return path.posix.normalize(path.posix.join(rootInWorkspace.split(path.sep).join('/') || '.', file));
}
