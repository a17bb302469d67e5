import { describe, expect, it } from '@jest/globals';
import { repoPath, selectAnnotations } from '../../src/action/annotations.js';
import type { Finding } from '../../src/core/types.js';

const f = (file: string, level: 'error' | 'warn', line = 1): Finding => ({ rule: 'unresolved', level, file, line, column: 8, chain: [file], message: `broken import in ${file}` });

describe('selectAnnotations', () => {
  it('puts the paths under working-directory, relative to the workspace', () => {
    const { annotations } = selectAnnotations([f('src/a.ts', 'error', 4)], 'apps/api');
    expect(annotations).toEqual([
      { kind: 'error', message: 'broken import in src/a.ts', properties: { title: 'shipset unresolved', file: 'apps/api/src/a.ts', startLine: 4, startColumn: 8 } },
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
});
