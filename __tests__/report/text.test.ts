import { describe, expect, it } from '@jest/globals';
import type { Finding, Result } from '../../src/core/types.js';
import { COLOR, PLAIN, renderText, styleFor, terminalVerdict } from '../../src/report/text.js';

function result(findings: Finding[], extra: Partial<Result['manifest']> = {}): Result {
  const errors = findings.filter((f) => f.level === 'error').length;
  return {
    manifest: {
      schema: 2,
      tool: { name: 'shipset', version: 't' },
      root: '.',
      entries: ['src/index.ts'],
      runtime: 'node',
      files: [{ path: 'src/index.ts', bytes: 1, sha256: 'x', reason: 'entry', via: null }],
      typeOnly: [],
      dormant: ['src/old.ts'],
      packages: {},
      findings,
      notices: [],
      tarball: null,
      ...extra,
    },
    graph: undefined as never,
    excluded: [],
    errorCount: errors,
    warningCount: findings.length - errors,
  };
}

const stale: Finding = {
  rule: 'stale',
  level: 'error',
  file: 'src/index.ts',
  line: 3,
  column: 8,
  chain: ['src/index.ts'],
  message: 'src/index.ts:3 imports ./a (src/a.ts), but src/a_v2.ts is newer. Import the newer file.',
};

describe('terminal report', () => {
  it('opens with a verdict and counts, and shows each location once', () => {
    const text = renderText(result([stale]), PLAIN);
    expect(text.split('\n')[0]).toBe('✖ shipset: FAIL — 1 file ships, 1 dormant, 1 error, 0 warnings');
    expect(text).toContain('  error src/index.ts:3:8  imports ./a (src/a.ts), but src/a_v2.ts is newer. Import the newer file.');
    expect(text).toContain('dormant (1)');
  });

  it('says PASS with warnings, and PASS', () => {
    expect(terminalVerdict(result([{ ...stale, level: 'warn' }]), PLAIN)).toMatch(/^⚠ shipset: PASS with warnings/);
    expect(terminalVerdict(result([]), PLAIN)).toMatch(/^✔ shipset: PASS — /);
  });

  it('uses colour only on a terminal, and never with NO_COLOR', () => {
    expect(styleFor({ isTTY: true }, {})).toBe(COLOR);
    expect(styleFor({ isTTY: true }, { NO_COLOR: '1' })).toBe(PLAIN);
    expect(styleFor({ isTTY: true }, { NO_COLOR: '' })).toBe(COLOR); // the spec: set and not empty
    expect(styleFor({ isTTY: false }, {})).toBe(PLAIN);
    expect(styleFor({ isTTY: true }, { TERM: 'dumb' })).toBe(PLAIN);
  });
});

describe('terminal report order and words', () => {
  const warn = (rule: Finding['rule'], file: string): Finding => ({ ...stale, rule, level: 'warn', file, line: 1, message: `${file}:1 something` });

  it('lists rules with errors first, errors first inside a rule, with plurals and one arrow style', () => {
    const findings = [
      warn('undeclared', 'src/u1.ts'),
      warn('undeclared', 'src/u2.ts'),
      warn('stale', 'src/s0.ts'),
      { ...stale, chain: ['src/index.ts', 'src/mid.ts', 'src/index.ts'] },
    ];
    const text = renderText(
      result(findings, { files: [1, 2].map((i) => ({ path: `f${i}`, bytes: 1, sha256: 'x', reason: 'import' as const, via: null })) }),
      PLAIN,
    );
    const groups = text.split('\n').filter((l) => /^[a-z-]+ \(/.test(l));
    expect(groups.slice(0, 2)).toEqual(['stale (1 error, 1 warning)', 'undeclared (2 warnings)']);
    const stales = text
      .split('\n')
      .filter((l) => /^ {2}(error|warn )/.test(l))
      .slice(0, 2);
    expect(stales[0]).toMatch(/^ {2}error src\/index.ts:3:8/);
    expect(text.split('\n')[0]).toBe('✖ shipset: FAIL — 2 files ship, 1 dormant, 1 error, 3 warnings');
    expect(text).toContain('via src/index.ts -> src/mid.ts -> src/index.ts');
    expect(text).not.toContain('→');
    expect(text).not.toMatch(/\(s\)/);
  });

  it('counts suppressed findings in one line', () => {
    const text = renderText(result([{ ...stale, suppressed: { by: 'baseline' } }]), PLAIN);
    expect(text).toContain('1 suppressed finding (1 by baseline), listed with their reasons in --format json');
  });
});
