import { describe, expect, it, jest } from '@jest/globals';
import { annotationBudget, emitAnnotations, repoPath, selectAnnotations, selectNotices } from '../../src/action/annotations.js';
import type { Finding } from '../../src/core/types.js';

const f = (file: string, level: 'error' | 'warn', line = 1, rule: Finding['rule'] = 'unresolved'): Finding => ({
  rule,
  level,
  file,
  line,
  column: 8,
  chain: [file],
  message: `broken import in ${file}`,
});

/** What @actions/core writes to stdout while `fn` runs. */
function stdoutOf(fn: () => void): string[] {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    lines.push(...String(chunk).split(/\r?\n/).filter(Boolean));
    return true;
  });
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

describe('selectAnnotations', () => {
  it('puts the paths under working-directory, relative to the workspace, and the rule in the title', () => {
    const { annotations } = selectAnnotations([f('src/a.ts', 'error', 4)], 'apps/api');
    expect(annotations).toEqual([
      {
        kind: 'error',
        message: 'broken import in src/a.ts',
        properties: { title: 'shipset unresolved', file: 'apps/api/src/a.ts', startLine: 4, startColumn: 8 },
      },
    ]);
    expect(repoPath('', 'src/a.ts')).toBe('src/a.ts');
  });

  it('emits at most 10 per kind, files changed in the PR first, and counts the rest', () => {
    const errors = Array.from({ length: 14 }, (_, i) => f(`src/e${i}.ts`, 'error'));
    const warnings = Array.from({ length: 12 }, (_, i) => f(`src/w${i}.ts`, 'warn'));
    const changed = new Set(['app/src/e13.ts', 'app/src/w11.ts']);
    const { annotations, leftOut } = selectAnnotations([...errors, ...warnings], 'app', changed);
    const errs = annotations.filter((a) => a.kind === 'error');
    const warns = annotations.filter((a) => a.kind === 'warning');
    expect(errs).toHaveLength(10);
    expect(warns).toHaveLength(10);
    expect(errs[0].properties.file).toBe('app/src/e13.ts');
    expect(warns[0].properties.file).toBe('app/src/w11.ts');
    // The others keep the pipeline's order.
    expect(errs.slice(1).map((a) => a.properties.file)).toEqual(errors.slice(0, 9).map((e) => `app/${e.file}`));
    expect(leftOut).toBe(4 + 2);
  });

  it('keeps one error slot for the verdict of a failing step and one warning slot for the comment, and counts exactly what is left out', () => {
    const errors = Array.from({ length: 10 }, (_, i) => f(`src/e${i}.ts`, 'error'));
    const warnings = Array.from({ length: 10 }, (_, i) => f(`src/w${i}.ts`, 'warn'));
    const budget = annotationBudget({ failing: true, commentWarning: true });
    expect(budget).toEqual({ errors: 9, warnings: 9 });
    const { annotations, leftOut } = selectAnnotations([...errors, ...warnings], '', new Set(), budget);
    expect(annotations.filter((a) => a.kind === 'error')).toHaveLength(9);
    expect(annotations.filter((a) => a.kind === 'warning')).toHaveLength(9);
    expect(leftOut).toBe(1 + 1);

    // A passing run without a comment has all 10 warning slots, and nothing is left out.
    const passing = selectAnnotations(warnings, '', new Set(), annotationBudget({ failing: false, commentWarning: false }));
    expect(passing.annotations).toHaveLength(10);
    expect(passing.leftOut).toBe(0);
  });
});

describe('emitAnnotations', () => {
  it('writes ::error / ::warning lines with a title naming the rule, then the file', () => {
    const { annotations } = selectAnnotations([f('src/x.ts', 'error', 3, 'stale'), { ...f('src/y.ts', 'warn', 0), column: undefined }], 'app');
    const lines = stdoutOf(() => emitAnnotations(annotations));
    expect(lines).toEqual([
      '::error title=shipset stale,file=app/src/x.ts,line=3,col=8::broken import in src/x.ts',
      '::warning title=shipset unresolved,file=app/src/y.ts,line=1::broken import in src/y.ts',
    ]);
  });
});

describe('selectNotices', () => {
  it('puts the base-diff notice first and keeps at most 10 notice lines', () => {
    const engine = Array.from({ length: 12 }, (_, i) => `engine notice ${i}`);
    const withBase = selectNotices(engine, 'base not fetched');
    expect(withBase).toHaveLength(10);
    expect(withBase[0]).toBe('base not fetched');
    expect(withBase.slice(1)).toEqual(engine.slice(0, 9));
    expect(selectNotices(engine)).toEqual(engine.slice(0, 10));
    expect(selectNotices(['one'], undefined)).toEqual(['one']);
  });
});
