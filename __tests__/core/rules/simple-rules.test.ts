import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { dynamic, suggestGlob } from '../../../src/core/rules/dynamic.js';
import { outsideRoot } from '../../../src/core/rules/outside-root.js';
import type { Rule } from '../../../src/core/rules/rule.js';
import { shadowed } from '../../../src/core/rules/shadowed.js';
import { unparseable } from '../../../src/core/rules/unparseable.js';
import { unresolved } from '../../../src/core/rules/unresolved.js';
import type { ModuleGraph, RawFinding } from '../../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles } from '../../helpers/fixture.js';
import { buildGraph, optionsFor } from '../../helpers/graph-builder.js';

afterAll(cleanupFixtures);

function check(rule: Rule, graph: ModuleGraph): RawFinding[] {
  return rule.check({ graph, options: optionsFor(graph.root), notices: [] }) as RawFinding[];
}

describe('unresolved', () => {
  const graph = buildGraph({
    entries: ['src/index.js'],
    files: {
      'src/index.js': [
        ['./routes/users.js', 'src/routes/users.js'],
        { specifier: '../config/database.js', class: 'unresolved', line: 4, column: 22, reason: 'no file src/config/database.js' },
        { specifier: './styles.css', class: 'unsupported', target: 'src/styles.css', line: 5, column: 8 },
        { specifier: 'hono', class: 'package', packageName: 'hono' },
      ],
      'src/routes/users.js': [{ specifier: '#db', class: 'unresolved', line: 2, column: 3 }],
      'app.py': [
        { specifier: 'ujson', class: 'unresolved', kind: 'python-import', optional: true, line: 3, column: 12 },
        { specifier: 'helpers.missing', class: 'unresolved', kind: 'python-import', line: 7, column: 6 },
      ],
    },
  });
  const findings = check(unresolved, graph);

  it('flags unresolved and unsupported edges at the import line with the chain', () => {
    expect(findings.map((f) => [f.file, f.line, f.column, f.specifier, f.level])).toEqual([
      ['app.py', 3, 12, 'ujson', 'warn'],
      ['app.py', 7, 6, 'helpers.missing', undefined],
      ['src/index.js', 4, 22, '../config/database.js', undefined],
      ['src/index.js', 5, 8, './styles.css', undefined],
      ['src/routes/users.js', 2, 3, '#db', undefined],
    ]);
    expect(findings.find((f) => f.specifier === '#db')!.chain).toEqual(['src/index.js', 'src/routes/users.js']);
  });

  it('one finding per missing file: its other import lines (relative to each importer) are sites; a required import carries it', () => {
    const g = buildGraph({
      entries: ['src/main.ts'],
      files: {
        'src/main.ts': [
          ['./user/auth.ts', 'src/user/auth.ts'],
          ['./user/service.ts', 'src/user/service.ts'],
        ],
        'src/user/auth.ts': [{ specifier: '../config', class: 'unresolved', line: 6, column: 20, optional: true }],
        'src/user/service.ts': [
          { specifier: '../config', class: 'unresolved', line: 7, column: 20 },
          { specifier: './config', class: 'unresolved', line: 8, column: 20 },
        ],
      },
    });
    const found = check(unresolved, g);
    expect(found.map((f) => [f.file, f.line, f.specifier, f.level, f.sites])).toEqual([
      ['src/user/service.ts', 7, '../config', undefined, [{ file: 'src/user/auth.ts', line: 6, column: 20 }]],
      ['src/user/service.ts', 8, './config', undefined, undefined],
    ]);
    expect(found[0].message).toMatch(
      /^src\/user\/service\.ts:7 imports \.\.\/config, which resolves to nothing.*It is imported at 1 more line \(see sites\)\.$/,
    );
  });

  it('names the file, the line, the reason and the fix', () => {
    expect(findings.find((f) => f.line === 4)!.message).toBe(
      'src/index.js:4 imports ../config/database.js, which resolves to nothing (no file src/config/database.js). Create the file, fix the path, or remove the import; if the import can never run, put `// shipset-ignore unresolved: <reason>` on the line above the import in src/index.js.',
    );
  });

  it('says the language is not supported for an unsupported target', () => {
    const f = findings.find((x) => x.specifier === './styles.css')!;
    expect(f.target).toBe('src/styles.css');
    expect(f.message).toContain('a .css file: that language is not supported');
  });

  it('lowers an optional Python import to a warning and says why', () => {
    expect(findings[0].message).toContain('guarded by try/except ImportError');
    expect(findings[0].message).toContain('`# shipset-ignore unresolved: <reason>`');
  });

  it('lowers an optional JS import (try/catch around require) to a warning', () => {
    const g = buildGraph({
      entries: ['index.js'],
      files: { 'index.js': [{ specifier: './config.local.json', class: 'unresolved', kind: 'require', optional: true }] },
    });
    const [f] = check(unresolved, g);
    expect(f.level).toBe('warn');
    expect(f.message).toContain('guarded by a try/catch or a runtime check');
  });

  it('names a file whose name differs only in case (Linux tells case apart)', () => {
    const root = tempDir();
    writeFiles(root, { 'src/index.js': '', 'src/lib/utils.js': '', 'src/lib/other.ts': '' });
    const g = buildGraph({
      root,
      entries: ['src/index.js'],
      files: {
        'src/index.js': [
          { specifier: './lib/Utils', class: 'unresolved', line: 1 },
          { specifier: './lib/Utils.js', class: 'unresolved', line: 2 },
          { specifier: './lib/missing', class: 'unresolved', line: 3 },
          { specifier: './Lib/utils', class: 'unresolved', line: 4 },
        ],
      },
    });
    const messages = check(unresolved, g).map((f) => f.message);
    expect(messages[0]).toContain('src/lib/utils.js exists, but the case differs');
    expect(messages[0]).toContain('Write the name as it is on disk (src/lib/utils.js)');
    expect(messages[1]).toContain('src/lib/utils.js exists, but the case differs');
    expect(messages[2]).not.toContain('case differs');
    expect(messages[3]).not.toContain('case differs');
  });
});

describe('unparseable', () => {
  it('flags reachable files with a parse error, at the error position', () => {
    const graph = buildGraph({
      entries: ['src/index.ts'],
      files: { 'src/index.ts': [['./broken', 'src/broken.ts']], 'src/broken.ts': { parseError: { line: 12, column: 5, message: "')' expected" } } },
    });
    expect(check(unparseable, graph)).toEqual([
      {
        rule: 'unparseable',
        file: 'src/broken.ts',
        line: 12,
        column: 5,
        chain: ['src/index.ts', 'src/broken.ts'],
        message:
          "src/broken.ts:12:5 cannot be parsed: ')' expected. It ships (src/index.ts -> src/broken.ts) but would fail to load, and the files it imports cannot be followed. Fix the syntax error.",
      },
    ]);
  });

  it('gives nothing for files that parse', () => {
    expect(check(unparseable, buildGraph({ entries: ['a.js'], files: { 'a.js': [] } }))).toEqual([]);
  });
});

describe('shadowed', () => {
  it('names the file that runs and the one that is shadowed (scenario C)', () => {
    const graph = buildGraph({
      entries: ['src/index.ts'],
      files: {
        'src/index.ts': [
          { specifier: './prompts', target: 'src/prompts.ts', shadowedCandidates: ['src/prompts/index.ts'], line: 2, column: 25 },
          ['./a.js', 'src/a.ts'],
        ],
        'src/prompts.ts': [],
        'src/a.ts': [],
      },
    });
    expect(check(shadowed, graph)).toEqual([
      {
        rule: 'shadowed',
        file: 'src/index.ts',
        line: 2,
        column: 25,
        specifier: './prompts',
        target: 'src/prompts.ts',
        chain: ['src/index.ts'],
        message:
          'src/index.ts:2 imports ./prompts, which runs src/prompts.ts; src/prompts/index.ts also exists and is shadowed (edits there never run). Rename or remove one of them, or import the intended file by its full path; if the file that runs is the intended one, put `// shipset-ignore shadowed: <reason>` on the line above the import in src/index.ts.',
      },
    ]);
  });

  it('lists several shadowed candidates', () => {
    const graph = buildGraph({
      entries: ['a.ts'],
      files: { 'a.ts': [{ specifier: './b.js', target: 'b.js', shadowedCandidates: ['b.ts', 'b.tsx'] }], 'b.js': [] },
    });
    expect(check(shadowed, graph)[0].message).toContain('which runs b.js; b.ts, b.tsx also exist and are shadowed');
  });
});

describe('dynamic', () => {
  it('flags each non-literal import()/require() with the include fix', () => {
    const graph = buildGraph({
      entries: ['src/app.ts'],
      files: {
        'src/app.ts': { imports: [['./plugins', 'src/plugins.ts']] },
        'src/plugins.ts': {
          dynamic: [
            { expression: '`./plugins/${name}.js`', line: 7, column: 9 },
            { expression: 'modulePath', line: 9, column: 3 },
          ],
        },
      },
    });
    const findings = check(dynamic, graph);
    expect(findings.map((f) => [f.file, f.line, f.column, f.chain])).toEqual([
      ['src/plugins.ts', 7, 9, ['src/app.ts', 'src/plugins.ts']],
      ['src/plugins.ts', 9, 3, ['src/app.ts', 'src/plugins.ts']],
    ]);
    expect(findings[0].message).toBe(
      'src/plugins.ts:7 loads a module with a computed specifier (`./plugins/${name}.js`): shipset cannot tell which files it loads, so the shipped set may be incomplete. Name the files it can load with `include` (e.g. src/plugins/**), or import them statically; if it loads only packages or files that already ship, put `// shipset-ignore dynamic: <reason>` on the line above the call in src/plugins.ts.',
    );
    expect(findings[1].message).not.toContain('(e.g.');
  });

  it('suggests a glob from the literal folder before the first hole', () => {
    expect(suggestGlob('src/a.ts', "'./locales/' + lang")).toBe('src/locales/**');
    expect(suggestGlob('src/a.ts', '`../${x}`')).toBe('**');
    expect(suggestGlob('a.ts', '`../${x}`')).toBeUndefined();
    expect(suggestGlob('a.ts', 'name')).toBeUndefined();
  });
});

describe('outside-root', () => {
  it('flags edges that leave the root, naming the link and its target', () => {
    const graph = buildGraph({
      entries: ['src/index.ts'],
      files: {
        'src/index.ts': [
          { specifier: '../../shared/util', class: 'outside-root', outsidePath: '/home/ci/shared/util.ts', line: 1, column: 18 },
          { specifier: './vendor/lib', class: 'outside-root', symlink: 'src/vendor', outsidePath: '/opt/lib/index.js', line: 2, column: 18 },
          ['./ok', 'src/ok.ts'],
        ],
        'src/ok.ts': [],
      },
    });
    const findings = check(outsideRoot, graph);
    expect(findings.map((f) => [f.line, f.specifier])).toEqual([
      [1, '../../shared/util'],
      [2, './vendor/lib'],
    ]);
    expect(findings[0].message).toContain('resolves outside the root (/home/ci/shared/util.ts)');
    expect(findings[1].message).toContain('through the symlink src/vendor -> /opt/lib/index.js');
    expect(findings[1].message).toContain('Move the file under the root');
  });
});

describe('outside-root names the link that leaves the root, found on disk', () => {
  // root/src/ldir -> <outside>/data (a folder), root/src/cfg.json -> <outside>/cfg.json (a file, relative link),
  // root/src/alias -> src/inner (inside), root/src/inner/out -> <outside>/data (leaves).
  const root = tempDir();
  const outside = fs.realpathSync(tempDir());
  writeFiles(outside, { 'data/y.json': '{}', 'cfg.json': '{}' });
  writeFiles(root, { 'src/index.ts': '', 'src/inner/keep.ts': '' });
  fs.symlinkSync(path.join(outside, 'data'), path.join(root, 'src/ldir'));
  fs.symlinkSync(path.relative(path.join(root, 'src'), path.join(outside, 'cfg.json')), path.join(root, 'src/cfg.json'));
  fs.symlinkSync('inner', path.join(root, 'src/alias'));
  fs.symlinkSync(path.join(outside, 'data'), path.join(root, 'src/inner/out'));
  const edge = (specifier: string, symlink: string, outsidePath: string, line: number) => ({
    specifier,
    class: 'outside-root' as const,
    symlink,
    outsidePath,
    line,
    column: 1,
  });
  const graph = buildGraph({
    root,
    entries: ['src/index.ts'],
    files: {
      'src/index.ts': [
        edge('./ldir/y.json', 'src/ldir/y.json', path.join(outside, 'data/y.json'), 1),
        edge('./cfg.json', 'src/cfg.json', path.join(outside, 'cfg.json'), 2),
        edge('./alias/out/y.json', 'src/alias/out/y.json', path.join(outside, 'data/y.json'), 3),
        edge('./gone/y.json', 'src/gone/y.json', '/opt/gone/y.json', 4),
      ],
    },
  });
  const messages = check(outsideRoot, graph).map((f) => f.message);

  it('names a FOLDER symlink on the way, not the file path, and where the import lands', () => {
    expect(messages[0]).toContain(
      `through a symlink: src/ldir is a symlink to ${path.join(outside, 'data')}, so the import lands on ${path.join(outside, 'data/y.json')}:`,
    );
    expect(messages[0]).not.toContain('src/ldir/y.json is a symlink');
  });

  it('names a file symlink itself, with its target resolved to an absolute path', () => {
    expect(messages[1]).toContain(`through a symlink: src/cfg.json is a symlink to ${path.join(outside, 'cfg.json')}: it would not ship`);
  });

  it('skips a link that stays inside the root and names the one that leaves', () => {
    expect(messages[2]).toContain(`src/alias/out is a symlink to ${path.join(outside, 'data')}`);
  });

  it('falls back to what the engine saw when no link is found on disk any more', () => {
    expect(messages[3]).toContain('through the symlink src/gone/y.json -> /opt/gone/y.json');
  });
});
