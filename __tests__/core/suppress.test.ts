import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { applyBaseline, buildBaseline, findingKey, isBaselineFile, readBaseline } from '../../src/core/baseline.js';
import { applySuppressions, parseDirective, scanDirectives } from '../../src/core/suppress.js';
import { type Finding, type IgnoreEntry, UsageError } from '../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const NOW = Date.parse('2026-01-15T12:00:00Z');

function finding(extra: Partial<Finding>): Finding {
  return { rule: 'stale', level: 'error', file: 'src/index.ts', line: 3, chain: ['src/index.ts'], message: 'm', ...extra };
}

function ignore(extra: Partial<IgnoreEntry>): IgnoreEntry {
  return { rule: 'stale', file: 'src/**', reason: 'not versions of each other', source: 'shipset.config.json: ignore[0]', ...extra };
}

describe('inline directives', () => {
  it('parses rules and an optional reason', () => {
    expect(parseDirective(' shipset-ignore stale: not a replacement')).toEqual({ rules: ['stale'], reason: 'not a replacement' });
    expect(parseDirective(' shipset-ignore Stale, deprecated ')).toEqual({ rules: ['stale', 'deprecated'] });
    expect(parseDirective(' shipset-ignore undeclared: vendored */')).toEqual({ rules: ['undeclared'], reason: 'vendored' });
    expect(parseDirective(' ignore stale')).toBeUndefined();
  });

  it('finds them in JS/TS line and block comments, and in the leading comment', () => {
    const text = [
      '#!/usr/bin/env node',
      '/**',
      ' * The server. shipset-ignore deprecated: kept until the migration',
      ' */',
      '// shipset-ignore circular',
      "import a from './a.js';",
      "/* shipset-ignore stale: api.v2 is a draft */ import b from './b.js';",
      "const s = 'x'; // shipset-ignore dynamic",
    ].join('\n');
    const d = scanDirectives(text, false);
    expect(d.file).toEqual([{ rules: ['deprecated'], reason: 'kept until the migration' }, { rules: ['circular'] }]);
    expect(d.lines.get(5)).toEqual([{ rules: ['circular'] }]);
    expect(d.lines.get(7)).toEqual([{ rules: ['stale'], reason: 'api.v2 is a draft' }]);
    expect(d.lines.get(8)).toEqual([{ rules: ['dynamic'] }]);
  });

  it('finds them in Python # comments; // is not a comment there', () => {
    const d = scanDirectives(
      '# shipset-ignore undeclared: optional extra\nimport x\n# shipset-ignore stale\nfrom a import b\ny = 1 // 2  # shipset-ignore dynamic\n',
      true,
    );
    expect(d.file).toEqual([{ rules: ['undeclared'], reason: 'optional extra' }]);
    expect(d.lines.get(3)).toEqual([{ rules: ['stale'] }]);
    expect(d.lines.get(5)).toEqual([{ rules: ['dynamic'] }]);
  });
});

describe('applySuppressions', () => {
  function project(files: Record<string, string>): string {
    const root = tempDir();
    writeFiles(root, files);
    return root;
  }

  it('config ignore: a glob and a rule; the finding stays with by and reason', () => {
    const root = project({});
    const findings = [finding({ file: 'src/a.ts' }), finding({ file: 'lib/a.ts' }), finding({ rule: 'deprecated', file: 'src/b.ts' })];
    const notices = applySuppressions(findings, { root, ignore: [ignore({})], now: NOW });
    expect(notices).toEqual([]);
    expect(findings.map((f) => f.suppressed)).toEqual([{ by: 'config', reason: 'not versions of each other' }, undefined, undefined]);
  });

  it('config ignore: applies through its until day, then stops with a notice', () => {
    const root = project({});
    const onTheDay = [finding({})];
    applySuppressions(onTheDay, { root, ignore: [ignore({ until: '2026-01-15' })], now: NOW });
    expect(onTheDay[0].suppressed).toEqual({ by: 'config', reason: 'not versions of each other' });

    const after = [finding({})];
    const notices = applySuppressions(after, { root, ignore: [ignore({ until: '2026-01-14' })], now: NOW });
    expect(after[0].suppressed).toBeUndefined();
    expect(notices).toEqual([
      'shipset.config.json: ignore[0]: the ignore entry for stale in \'src/**\' expired on 2026-01-14; its findings count again. Fix them, or move "until" later.',
    ]);
  });

  it('inline: the line above an import silences that import only; the leading comment the whole file', () => {
    const root = project({
      'src/index.ts': "import './a.js';\n// shipset-ignore stale: a and a_sessions are two services\nimport './b.js';\nimport './c.js';\n",
      'src/whole.py': '"""Module."""\n',
      'src/lead.py': '# shipset-ignore undeclared: installed by the base image\nimport requests\nimport yaml\n',
    });
    const findings = [
      finding({ line: 1 }),
      finding({ line: 3 }),
      finding({ line: 4 }),
      finding({ rule: 'deprecated', line: 3 }),
      finding({ rule: 'undeclared', file: 'src/lead.py', line: 2 }),
      finding({ rule: 'undeclared', file: 'src/lead.py', line: 3 }),
      finding({ rule: 'undeclared', file: 'src/whole.py', line: 1 }),
    ];
    applySuppressions(findings, { root, now: NOW });
    expect(findings.map((f) => f.suppressed?.by ?? null)).toEqual([null, 'inline', null, null, 'inline', 'inline', null]);
    expect(findings[1].suppressed).toEqual({ by: 'inline', reason: 'a and a_sessions are two services' });
    expect(findings[4].suppressed).toEqual({ by: 'inline', reason: 'installed by the base image' });
  });

  it('inline: the leading comment of the file a finding is about (its target) covers it', () => {
    const root = project({
      'src/index.ts': "import './legacy/cron.js';\nimport './api.js';\n",
      'src/legacy/cron.ts': '// shipset-ignore deprecated: the legacy folder is the live cron\nexport {};\n',
      'src/api.ts': 'export {};\n// shipset-ignore stale\n',
    });
    const findings = [finding({ rule: 'deprecated', line: 1, target: 'src/legacy/cron.ts' }), finding({ rule: 'stale', line: 2, target: 'src/api.ts' })];
    applySuppressions(findings, { root, now: NOW });
    expect(findings.map((f) => f.suppressed)).toEqual([{ by: 'inline', reason: 'the legacy folder is the live cron' }, undefined]);
  });

  it('inline: above the first line of an import written over several lines', () => {
    const root = project({
      'src/index.ts':
        "import './a.js';\n// shipset-ignore stale: two providers\nimport {\n  charge,\n  refund,\n} from './provider.js';\nimport {\n  x,\n} from './other.js';\n",
    });
    const findings = [finding({ line: 6 }), finding({ line: 9 })];
    applySuppressions(findings, { root, now: NOW });
    expect(findings.map((f) => f.suppressed?.by ?? null)).toEqual(['inline', null]);
  });

  it('inline: a finding with other import sites is silenced only when every site is', () => {
    const root = project({
      'src/a.ts': "// shipset-ignore undeclared\nimport 'left-pad';\n",
      'src/b.ts': "import 'left-pad';\n",
      'src/c.ts': "// shipset-ignore undeclared\nimport 'left-pad';\n",
    });
    const partly = [finding({ rule: 'undeclared', file: 'src/a.ts', line: 2, sites: [{ file: 'src/b.ts', line: 1 }] })];
    applySuppressions(partly, { root, now: NOW });
    expect(partly[0].suppressed).toBeUndefined();
    const all = [finding({ rule: 'undeclared', file: 'src/a.ts', line: 2, sites: [{ file: 'src/c.ts', line: 2 }] })];
    applySuppressions(all, { root, now: NOW });
    expect(all[0].suppressed).toEqual({ by: 'inline' });
  });

  it('never suppresses outside-root, and says a directive for it or for an unknown rule has no effect', () => {
    const root = project({ 'src/index.ts': "// shipset-ignore outside-root\nimport '../../etc/x.js';\n// shipset-ignore stail\nimport './b.js';\n" });
    const findings = [finding({ rule: 'outside-root', line: 2 }), finding({ line: 4 })];
    const notices = applySuppressions(findings, { root, now: NOW });
    expect(findings.map((f) => f.suppressed)).toEqual([undefined, undefined]);
    expect(notices).toEqual([
      'src/index.ts:1: shipset-ignore outside-root has no effect: outside-root findings cannot be suppressed. Fix the import.',
      "src/index.ts:3: shipset-ignore names 'stail', which is not a rule (rules: deprecated, stale, unresolved, unparseable, undeclared, shadowed, dynamic, outside-root, circular, runtime). Fix the name.",
    ]);
  });

  it('does not read a file outside the root through a symlink', () => {
    const outside = tempDir();
    fs.writeFileSync(path.join(outside, 'x.ts'), '// shipset-ignore stale\n');
    const root = project({});
    fs.mkdirSync(path.join(root, 'src'));
    fs.symlinkSync(path.join(outside, 'x.ts'), path.join(root, 'src/index.ts'));
    const findings = [finding({ line: 2 })];
    applySuppressions(findings, { root, now: NOW });
    expect(findings[0].suppressed).toBeUndefined();
  });
});

describe('baseline', () => {
  it('identifies a finding by rule, file, target and specifier, not by line', () => {
    expect(findingKey(finding({ line: 3, target: 'src/a.ts', specifier: './a.js' }))).toBe(
      findingKey(finding({ line: 40, column: 2, target: 'src/a.ts', specifier: './a.js' })),
    );
    expect(findingKey(finding({ target: 'src/a.ts' }))).not.toBe(findingKey(finding({ target: 'src/b.ts' })));
  });

  it('records unsuppressed findings (counted), leaves out config/inline ones and outside-root', () => {
    const b = buildBaseline([
      finding({ rule: 'dynamic', level: 'warn', file: 'src/p.ts', line: 3 }),
      finding({ rule: 'dynamic', level: 'warn', file: 'src/p.ts', line: 9 }),
      finding({ rule: 'undeclared', specifier: 'lodash' }),
      finding({ rule: 'outside-root', specifier: '../x' }),
      finding({ rule: 'stale', target: 'src/a.ts', suppressed: { by: 'inline' } }),
    ]);
    expect(b.schema).toBe(1);
    expect(b.findings.map(({ rule, file, specifier, count }) => ({ rule, file, specifier, count }))).toEqual([
      { rule: 'dynamic', file: 'src/p.ts', specifier: undefined, count: 2 },
      { rule: 'undeclared', file: 'src/index.ts', specifier: 'lodash', count: 1 },
    ]);
  });

  it('marks known findings, lets new ones count, and reports fixed entries', () => {
    const baseline = buildBaseline([
      finding({ target: 'src/a.ts' }),
      finding({ rule: 'undeclared', specifier: 'gone' }),
      finding({ rule: 'dynamic', file: 'src/p.ts' }),
    ]);
    const now = [
      finding({ line: 12, target: 'src/a.ts' }), // known, moved down by an edit
      finding({ rule: 'dynamic', file: 'src/p.ts', line: 1 }), // known (count 1)
      finding({ rule: 'dynamic', file: 'src/p.ts', line: 8 }), // a second one: new
      finding({ target: 'src/new.ts' }), // new
    ];
    const notices = applyBaseline(now, baseline, '.shipset-baseline.json');
    expect(now.map((f) => f.suppressed?.by ?? null)).toEqual(['baseline', 'baseline', null, null]);
    expect(now[0].suppressed).toEqual({ by: 'baseline', reason: 'known in .shipset-baseline.json' });
    expect(notices).toEqual([
      "1 baseline entry no longer occurs (fixed): undeclared in src/index.ts (gone). Run 'shipset baseline' to drop them from .shipset-baseline.json.",
    ]);
  });

  it('applySuppressions reads the baseline file after config and inline', () => {
    const root = tempDir();
    const file = path.join(root, '.shipset-baseline.json');
    fs.writeFileSync(file, JSON.stringify(buildBaseline([finding({}), finding({ rule: 'deprecated' })])));
    const findings = [finding({ line: 7 }), finding({ rule: 'deprecated', line: 7 })];
    applySuppressions(findings, { root, now: NOW, baseline: file, ignore: [ignore({ rule: 'deprecated' })] });
    expect(findings.map((f) => f.suppressed?.by)).toEqual(['baseline', 'config']);
  });

  it('refuses a file that is not a baseline, naming it', () => {
    const root = tempDir();
    const bad = (text: string) => {
      fs.writeFileSync(path.join(root, 'b.json'), text);
      try {
        readBaseline(root, path.join(root, 'b.json'), 'b.json');
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as Error).message;
      }
      throw new Error('expected a UsageError');
    };
    expect(bad('{')).toMatch(/^b\.json: invalid JSON/);
    expect(bad('{"findings": []}')).toMatch(/^b\.json: not a shipset baseline/);
    expect(bad('{"schema":1,"findings":[{"rule":"nope","file":"a","count":1}]}')).toMatch(/^b\.json: findings\[0\] is not a baseline entry/);
  });

  it("knows its own earlier file (which `shipset baseline` may replace) from anyone else's", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify(buildBaseline([finding({})]), null, 2));
    fs.writeFileSync(path.join(dir, 'other.json'), '{"name": "not a baseline"}');
    expect(isBaselineFile(path.join(dir, 'b.json'))).toBe(true);
    expect(isBaselineFile(path.join(dir, 'other.json'))).toBe(false);
    expect(isBaselineFile(path.join(dir, 'missing.json'))).toBe(false);
  });
});
