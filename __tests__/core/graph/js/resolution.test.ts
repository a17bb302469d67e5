// The reachable set must be exact on every resolution case of docs/design.md: no missing file, no extra one.
// Cases that need only the reachable set, dormant, typeOnly and findings are golden fixture
// projects (__fixtures__/golden, run by __tests__/core/pipeline-golden.test.ts).
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { buildGraph } from '../../../../src/core/graph/index.js';
import { chainOf } from '../../../../src/core/graph/via.js';
import { defaultOptions } from '../../../../src/core/options.js';
import type { ImportEdge, ModuleGraph } from '../../../../src/core/types.js';
import { cleanupFixtures, gitInit, gitRun, tempDir, writeFiles, type Files } from '../../../helpers/fixture.js';

afterAll(cleanupFixtures);

async function graphOf(files: Files, entries: string[], extra: Partial<ReturnType<typeof defaultOptions>> = {}): Promise<ModuleGraph> {
  const root = tempDir();
  writeFiles(root, files);
  return buildGraph({ ...defaultOptions(root, entries), ...extra });
}

const reachable = (g: ModuleGraph) => [...g.files.keys()].sort();
const edge = (g: ModuleGraph, from: string, specifier: string): ImportEdge => {
  const e = g.files.get(from)?.edges.find((x) => x.specifier === specifier);
  if (!e) throw new Error(`no edge ${from} -> ${specifier}`);
  return e;
};

describe('relative resolution', () => {
  it('maps TypeScript ESM style ./x.js to x.ts, and extensionless and folder index imports', async () => {
    const g = await graphOf(
      {
        'src/index.ts':
          "import { a } from './a.js';\nimport b from './b';\nimport './lib';\nimport c from './c.mjs';\nimport d from './d.cjs';\nconsole.log(a, b, c, d);\n",
        'src/a.ts': 'export const a = 1;',
        'src/b.tsx': 'export default 1;',
        'src/lib/index.ts': "export * from '../util/u.jsx';",
        'src/util/u.tsx': 'export const u = 1;',
        'src/c.mts': "import e from './e.js'; export default e;",
        'src/e.ts': 'export default 1;',
        'src/d.cts': 'export = 1;',
        'src/unused.ts': 'export {}',
      },
      ['src/index.ts'],
    );
    expect(reachable(g)).toEqual(['src/a.ts', 'src/b.tsx', 'src/c.mts', 'src/d.cts', 'src/e.ts', 'src/index.ts', 'src/lib/index.ts', 'src/util/u.tsx']);
    expect(g.dormant).toEqual(['src/unused.ts']);
    // madge's own traversal (through our hooks) found the same set: nothing had to be filled in.
    expect(g.notices.filter((n) => n.includes('madge'))).toEqual([]);
    expect(edge(g, 'src/index.ts', './a.js')).toMatchObject({ class: 'file', target: 'src/a.ts', line: 1, column: 19, kind: 'import' });
  });

  it('records shadowing candidates: file beside folder index, and a.js beside a.ts', async () => {
    const g = await graphOf(
      {
        'src/index.ts': "import './prompts';\nimport './a.js';",
        'src/prompts.ts': 'export {}',
        'src/prompts/index.ts': 'export {}',
        'src/a.ts': 'export {}',
        'src/a.js': 'exports.x = 1;',
      },
      ['src/index.ts'],
    );
    expect(edge(g, 'src/index.ts', './prompts')).toMatchObject({ target: 'src/prompts.ts', shadowedCandidates: ['src/prompts/index.ts'] });
    expect(edge(g, 'src/index.ts', './a.js')).toMatchObject({ target: 'src/a.ts', shadowedCandidates: ['src/a.js'] });
  });
});

describe('aliases', () => {
  it('resolves tsconfig paths inherited through extends (no baseUrl), independent of the working directory', async () => {
    const files: Files = {
      'configs/base.json': '{ "compilerOptions": { "paths": { "@app/*": ["../src/app/*"], "@shared": ["../src/shared/index.ts"] } } }',
      'tsconfig.json': '{ "extends": "./configs/base.json", "compilerOptions": { "strict": true } }',
      'src/main.ts': "import { svc } from '@app/service.js';\nimport { s } from '@shared';\nimport lodash from 'lodash/fp';\nconsole.log(svc, s, lodash);",
      'src/app/service.ts': 'export const svc = 1;',
      'src/shared/index.ts': 'export const s = 1;',
    };
    const root = tempDir();
    writeFiles(root, files);
    const cwd = process.cwd();
    try {
      process.chdir(path.join(root, 'src', 'app'));
      const g = await buildGraph(defaultOptions(root, ['src/main.ts']));
      expect(reachable(g)).toEqual(['src/app/service.ts', 'src/main.ts', 'src/shared/index.ts']);
      expect(edge(g, 'src/main.ts', 'lodash/fp')).toMatchObject({ class: 'package', packageName: 'lodash' });
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('classification', () => {
  it('classifies builtins, packages (scoped and subpaths), unresolved, unsupported and outside-root imports', async () => {
    const outside = tempDir();
    fs.writeFileSync(path.join(outside, 'secret.js'), 'module.exports = 1;');
    const root = tempDir();
    writeFiles(root, {
      'app/index.js': [
        "const fs = require('fs');",
        "import('node:path');",
        "require('@scope/pkg/sub');",
        "require('./missing');",
        "require('./tool.py');",
        `require('${path.join(outside, 'secret.js')}');`,
        "require('./linked');",
        'require(name);',
      ].join('\n'),
      'app/tool.py': 'print(1)',
    });
    fs.symlinkSync(path.join(outside, 'secret.js'), path.join(root, 'app', 'linked.js'));
    const g = await buildGraph(defaultOptions(root, ['app/index.js']));
    const edges = g.files.get('app/index.js')!.edges.map((e) => [e.specifier.replace(outside, '<outside>'), e.class, e.packageName ?? e.target ?? '']);
    expect(edges).toEqual([
      ['fs', 'builtin', 'fs'],
      ['node:path', 'builtin', 'path'],
      ['@scope/pkg/sub', 'package', '@scope/pkg'],
      ['./missing', 'unresolved', ''],
      ['./tool.py', 'unsupported', 'app/tool.py'],
      ['<outside>/secret.js', 'outside-root', expect.stringContaining('secret.js')],
      ['./linked', 'outside-root', 'app/linked.js'],
    ]);
    expect(edge(g, 'app/index.js', './linked')).toMatchObject({ symlink: 'app/linked.js', outsidePath: path.join(outside, 'secret.js') });
    expect(g.files.get('app/index.js')!.dynamic).toEqual([{ file: 'app/index.js', line: 8, column: 9, expression: 'name' }]);
    expect(reachable(g)).toEqual(['app/index.js']);
  });

  it('records a syntax error as a parse failure with its line, instead of a silent leaf', async () => {
    const g = await graphOf({ 'index.ts': "import './broken.js';", 'broken.ts': 'export const x = ;\n' }, ['index.ts']);
    expect(g.files.get('broken.ts')!.parseError).toMatchObject({ file: 'broken.ts', line: 1 });
  });

  it('rejects an entry in a language no engine reads', async () => {
    const root = tempDir();
    writeFiles(root, { 'main.rb': 'puts 1' });
    await expect(buildGraph(defaultOptions(root, ['main.rb']))).rejects.toThrow(/cannot read \.rb files/);
  });
});

describe('scripts and configs found in the wild', () => {
  it('reads an extensionless bin script by its node #! line, and requires of one', async () => {
    const g = await graphOf(
      {
        'bin/tool': "#!/usr/bin/env node\nrequire('../lib/run.js');\n",
        'lib/run.js': "require('./helper');\n",
        'lib/helper': '#!/usr/bin/env node\nmodule.exports = 1;\n',
        'docs/notes': 'plain text',
      },
      ['bin/tool'],
    );
    expect(reachable(g)).toEqual(['bin/tool', 'lib/helper', 'lib/run.js']);
    const root = tempDir();
    writeFiles(root, { 'docs/notes': 'plain text' });
    await expect(buildGraph(defaultOptions(root, ['docs/notes']))).rejects.toThrow(/no extension and no node or python #! line/);
  });

  it('goes on with a notice when tsconfig extends a package that is not installed', async () => {
    const g = await graphOf(
      {
        'tsconfig.json': '{ "extends": "@tsconfig/node20/tsconfig.json", "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
        'src/main.ts': "import '@/util.js';",
        'src/util.ts': 'export {}',
      },
      ['src/main.ts'],
    );
    expect(reachable(g)).toEqual(['src/main.ts', 'src/util.ts']);
    expect(g.notices.join('\n')).toMatch(/@tsconfig\/node20\/tsconfig\.json.*not installed/);
  });

  it('rejects an extends of a missing relative file as bad input', async () => {
    const root = tempDir();
    writeFiles(root, { 'tsconfig.json': '{ "extends": "./base.json" }', 'index.ts': '' });
    await expect(buildGraph(defaultOptions(root, ['index.ts']))).rejects.toThrow(/tsconfig.*base\.json/);
  });
});

describe('review findings', () => {
  it('resolves aliases before builtins: baseUrl folders named http/ or events/ are project files', async () => {
    const g = await graphOf(
      {
        'tsconfig.json': '{ "compilerOptions": { "baseUrl": "src", "paths": { "domain/*": ["domain/*"] } } }',
        'src/index.ts': "import 'http/client';\nimport 'domain/user';\nimport 'fs/promises';\nimport 'punycode/';\nimport 'node:events';",
        'src/http/client.ts': 'export {}',
        'src/domain/user.ts': 'export {}',
      },
      ['src/index.ts'],
    );
    expect(reachable(g)).toEqual(['src/domain/user.ts', 'src/http/client.ts', 'src/index.ts']);
    expect(edge(g, 'src/index.ts', 'fs/promises')).toMatchObject({ class: 'builtin', packageName: 'fs' });
    expect(edge(g, 'src/index.ts', 'punycode/')).toMatchObject({ class: 'package', packageName: 'punycode' });
    expect(edge(g, 'src/index.ts', 'node:events').class).toBe('builtin');
  });

  it.each([
    ['type annotations in a .js file', 'function f(x: number) { return x }\n', 1, 13],
    ['a top-level return in an ES module', "import './b.js';\nreturn 5;\n", 2, 1],
    ['a let declared twice', 'let x = 1;\nlet x = 2;\n', 2, 5],
  ])('JS that TypeScript parses but Node rejects is a parse failure: %s', async (_name, code, line, column) => {
    const g = await graphOf({ 'index.js': "require('./a.js');\n", 'a.js': code, 'b.js': '' }, ['index.js']);
    expect(g.files.get('a.js')!.parseError).toMatchObject({ line, column });
  });

  it('accepts what Node runs: top-level return in CommonJS, JSX, hashbang, top-level await in ESM', async () => {
    const g = await graphOf(
      {
        'index.js': "#!/usr/bin/env node\nif (process.env.X) return;\nrequire('./esm.mjs');\nrequire('./view.jsx');\nrequire('./exports-only.js');\n",
        'esm.mjs': "import fs from 'node:fs';\nawait Promise.resolve(fs);\nexport const x = 1;\n",
        'view.jsx': 'module.exports = () => <div className="x" />;\n',
        'exports-only.js': 'export const health = () => 1;\nexport default function f() {}\n',
      },
      ['index.js'],
    );
    expect(g.files.size).toBe(4);
    expect([...g.files.values()].filter((n) => n.parseError)).toEqual([]);
  });

  it('reports a JSON syntax error at its line, in one line', async () => {
    const g = await graphOf({ 'index.js': "require('./b.json');", 'b.json': '{\n  "a": 1,\n  "b": 2,\n  "c": ,\n}\n' }, ['index.js']);
    const err = g.files.get('b.json')!.parseError!;
    expect(err.line).toBe(4);
    expect(err.message).not.toContain('\n');
  });

  it('skips an import of names used only as types when only a .d.ts exists; flags value uses', async () => {
    const g = await graphOf(
      {
        'src/index.ts': "import { Config } from './config';\nimport { helper } from './helpers';\nexport const c: Config = { a: helper() };\n",
        'src/config.d.ts': 'export interface Config { a: number }',
        'src/helpers.d.ts': 'export declare function helper(): number;',
      },
      ['src/index.ts'],
    );
    expect(g.files.get('src/index.ts')!.edges.map((e) => [e.specifier, e.class])).toEqual([['./helpers', 'unresolved']]);
    expect(edge(g, 'src/index.ts', './helpers').reason).toMatch(/only the declaration file src\/helpers\.d\.ts exists/);
  });

  it('does not list a file deleted in the work tree as dormant', async () => {
    const root = tempDir();
    writeFiles(root, { 'index.js': '', 'gone.js': '' });
    gitInit(root);
    gitRun(root, ['add', '-A']);
    gitRun(root, ['commit', '-q', '-m', 'init'], '2025-01-01T00:00:00Z');
    fs.rmSync(path.join(root, 'gone.js'));
    const g = await buildGraph(defaultOptions(root, ['index.js']));
    expect(g.dormant).toEqual([]);
    expect(g.sourceFiles).toEqual(['index.js']);
  });
});

describe('symlinks inside the root', () => {
  it('does not call the target of a reachable symlink dormant: its code runs under the link', async () => {
    const root = tempDir();
    writeFiles(root, { 'index.js': "require('./src/release');\nrequire('./linked/strings');", 'lib/real.js': '', 'shared/strings.js': '' });
    fs.mkdirSync(path.join(root, 'src'));
    fs.symlinkSync('../lib/real.js', path.join(root, 'src', 'release.js'));
    fs.symlinkSync('shared', path.join(root, 'linked'));
    const g = await buildGraph(defaultOptions(root, ['index.js']));
    expect(reachable(g)).toEqual(['index.js', 'linked/strings.js', 'src/release.js']);
    expect(g.dormant).toEqual([]);
  });
});

describe('dormant files', () => {
  it('uses git tracked + untracked-not-ignored files, never node_modules or ignored build output', async () => {
    const root = tempDir();
    writeFiles(root, {
      '.gitignore': 'build/\n',
      'index.js': "require('./a');",
      'a.js': '',
      'old.js': '',
      'build/out.js': '',
      'node_modules/x/index.js': '',
      'types.d.ts': '',
    });
    gitInit(root);
    gitRun(root, ['add', 'index.js', 'a.js']);
    gitRun(root, ['commit', '-q', '-m', 'init'], '2025-01-01T00:00:00Z');
    const g = await buildGraph(defaultOptions(root, ['index.js']));
    expect(g.inGit).toBe(true);
    expect(g.dormant).toEqual(['old.js']);
    expect(g.via.get('a.js')).toEqual({ file: 'index.js', line: 1 });
    expect(chainOf(g, 'a.js')).toEqual(['index.js', 'a.js']);
  });
});

describe('what Node loads (found by __tests__/e2e/differential.test.ts)', () => {
  it('follows require() through createRequire under any name, called directly, and module.require()', async () => {
    const g = await graphOf(
      {
        'src/main.mjs': [
          "import { createRequire as makeRequire } from 'node:module';",
          "import nodeModule from 'node:module';",
          'const req = makeRequire(import.meta.url);',
          "const a = req('./a.cjs');",
          "const b = nodeModule.createRequire(import.meta.url)('./b.cjs');",
          "const other = { require: (x) => x }; other.require('./not-an-import.cjs');",
          'export default a + b;',
        ].join('\n'),
        'src/a.cjs': "module.exports = module.require('./c.cjs');",
        'src/c.cjs': 'module.exports = 1;',
        'src/b.cjs': 'module.exports = 2;',
        'src/not-an-import.cjs': 'module.exports = 3;',
      },
      ['src/main.mjs'],
    );
    expect(reachable(g)).toEqual(['src/a.cjs', 'src/b.cjs', 'src/c.cjs', 'src/main.mjs']);
    expect(edge(g, 'src/main.mjs', './a.cjs')).toMatchObject({ kind: 'require', line: 4, target: 'src/a.cjs' });
    expect(edge(g, 'src/main.mjs', './b.cjs')).toMatchObject({ kind: 'require', line: 5, target: 'src/b.cjs' });
  });

  it('matches package.json imports as Node 20.19+ does: module-sync for both require and import, null stops the search', async () => {
    const g = await graphOf(
      {
        'package.json': JSON.stringify({
          type: 'commonjs',
          imports: {
            '#sync': { 'module-sync': './sync.js', require: './req.js', import: './imp.mjs' },
            '#off': { node: null, default: './fallback.js' },
          },
        }),
        'main.js': "require('#sync');\nimport('#sync');\nrequire('#off');\n",
        'sync.js': '',
        'req.js': '',
        'imp.mjs': '',
        'fallback.js': '',
      },
      ['main.js'],
    );
    expect(reachable(g)).toEqual(['main.js', 'sync.js']);
    expect(g.files.get('main.js')!.edges.map((e) => [e.specifier, e.kind, e.class, e.target])).toEqual([
      ['#sync', 'require', 'file', 'sync.js'],
      ['#sync', 'dynamic-import', 'file', 'sync.js'],
      ['#off', 'require', 'unresolved', undefined],
    ]);
  });

  it('reports package.json imports Node rejects (URL, ../ or absolute targets, #x/ folder mappings) as unresolved; accepts a bare builtin', async () => {
    const g = await graphOf(
      {
        'package.json': JSON.stringify({
          imports: { '#url': 'node:fs', '#up': '../up.js', '#abs': '/etc/hosts', '#fs': { node: 'fs', default: './shim.js' }, '#lib/': './lib/' },
        }),
        'main.mjs': "import '#url';\nimport '#up';\nimport '#abs';\nimport '#fs';\nimport '#lib/a.js';\n",
        'shim.js': '',
        'lib/a.js': '',
      },
      ['main.mjs'],
    );
    const edges = g.files.get('main.mjs')!.edges;
    expect(edges.map((e) => [e.specifier, e.class])).toEqual([
      ['#url', 'unresolved'],
      ['#up', 'unresolved'],
      ['#abs', 'unresolved'],
      ['#fs', 'builtin'],
      ['#lib/a.js', 'unresolved'],
    ]);
    expect(edges[0].reason).toContain('ERR_INVALID_PACKAGE_TARGET');
    expect(edges[4].reason).toContain("write '#lib/*' instead");
  });
});
