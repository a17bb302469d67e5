// Families of real-code cases where the reachable set must be what Node or the compiler's
// emit really loads (one describe per family; fixtures built in temp dirs).
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { buildGraph } from '../../../../src/core/graph/index.js';
import { defaultOptions } from '../../../../src/core/options.js';
import type { ImportEdge, ModuleGraph } from '../../../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles, type Files } from '../../../helpers/fixture.js';

afterAll(cleanupFixtures);

async function graphIn(root: string, entries: string[], extra: Partial<ReturnType<typeof defaultOptions>> = {}): Promise<ModuleGraph> {
  return buildGraph({ ...defaultOptions(root, entries), ...extra });
}

async function graphOf(files: Files, entries: string[], extra: Partial<ReturnType<typeof defaultOptions>> = {}): Promise<ModuleGraph> {
  const root = tempDir();
  writeFiles(root, files);
  return graphIn(root, entries, extra);
}

const reachable = (g: ModuleGraph) => [...g.files.keys()].sort();
const edge = (g: ModuleGraph, from: string, specifier: string): ImportEdge => {
  const e = g.files.get(from)?.edges.find((x) => x.specifier === specifier);
  if (!e) throw new Error(`no edge ${from} -> ${specifier}: ${JSON.stringify(g.files.get(from)?.edges.map((x) => x.specifier))}`);
  return e;
};

describe('1. package.json imports vs tsconfig paths, rootDir inferred', () => {
  const files: Files = {
    'package.json': JSON.stringify({ name: 'svc', imports: { '#src/*': './build/*' } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', outDir: 'build', paths: { '#src/*': ['./src/*'] } }, include: ['src'] }),
    'src/main.ts': "import { db } from '#src/db/index.js';\nimport { log } from '#src/log.js';\nconsole.log(db, log);\n",
    'src/db/index.ts': "import { log } from '#src/log.js';\nexport const db = log;\n",
    'src/log.ts': 'export const log = 1;\n',
  };

  it('follows the sources under the inferred rootDir (src/), not the tsconfig folder', async () => {
    const g = await graphOf(files, ['src/main.ts']);
    expect(reachable(g)).toEqual(['src/db/index.ts', 'src/log.ts', 'src/main.ts']);
    expect(edge(g, 'src/db/index.ts', '#src/log.js')).toMatchObject({ class: 'file', target: 'src/log.ts' });
  });

  it('maps outDir targets of package.json imports back to the inferred rootDir without tsconfig paths', async () => {
    const noPaths = { ...files, 'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', outDir: 'build' }, include: ['src'] }) };
    const g = await graphOf(noPaths, ['src/main.ts']);
    expect(reachable(g)).toEqual(['src/db/index.ts', 'src/log.ts', 'src/main.ts']);
    expect(g.files.get('src/main.ts')!.edges.every((e) => e.class === 'file')).toBe(true);
  });

  it('maps outDir targets for JavaScript sources of an allowJs program too, never for compiled output', async () => {
    const g = await graphOf(
      {
        'package.json': JSON.stringify({ imports: { '#src/*': './build/*' } }),
        'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true, outDir: 'build' }, include: ['src'] }),
        'src/main.js': "const { x } = require('#src/x.js');\nconsole.log(x);\n",
        'src/x.js': 'exports.x = 1;\n',
        'build/main.js': "const { x } = require('#src/x.js');\nconsole.log(x);\n",
        'build/x.js': 'exports.x = 1;\n',
      },
      ['src/main.js', 'build/main.js'],
    );
    expect(edge(g, 'src/main.js', '#src/x.js').target).toBe('src/x.js');
    expect(edge(g, 'build/main.js', '#src/x.js').target).toBe('build/x.js');
  });

  it('uses an explicit rootDir as set', async () => {
    const g = await graphOf(
      {
        'package.json': JSON.stringify({ imports: { '#lib/*': './dist/lib/*' } }),
        'tsconfig.json': JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: '.' } }),
        'main.ts': "import { x } from '#lib/x.js';\nconsole.log(x);\n",
        'lib/x.ts': 'export const x = 1;\n',
      },
      ['main.ts'],
    );
    expect(reachable(g)).toEqual(['lib/x.ts', 'main.ts']);
  });
});

describe('2. bare specifiers that land inside the root', () => {
  it('follows a self-reference through the package exports as a file edge', async () => {
    const g = await graphOf(
      {
        'package.json': JSON.stringify({ name: 'orbit-app', exports: { '.': './index.js', './tools/*': './lib/tools/*.js' } }),
        'index.js': "const math = require('orbit-app/tools/math');\nmodule.exports = math;\n",
        'lib/tools/math.js': 'module.exports = 1;\n',
      },
      ['index.js'],
    );
    expect(reachable(g)).toEqual(['index.js', 'lib/tools/math.js']);
    expect(edge(g, 'index.js', 'orbit-app/tools/math')).toMatchObject({ class: 'file', target: 'lib/tools/math.js' });
    expect(edge(g, 'index.js', 'orbit-app/tools/math').workspace).toBeUndefined();
  });

  it('follows a workspace package through a node_modules symlink into the root, marked as workspace', async () => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': JSON.stringify({ name: 'mono', workspaces: ['packages/*'] }),
      'apps/api/main.js': "const { s } = require('@acme/shared');\nconst u = require('@acme/shared/util');\nconsole.log(s, u);\n",
      'packages/shared/package.json': JSON.stringify({
        name: '@acme/shared',
        exports: { '.': { require: './cjs/index.js', import: './esm/index.js' }, './util': './cjs/util.js' },
      }),
      'packages/shared/cjs/index.js': 'exports.s = 1;\n',
      'packages/shared/esm/index.js': 'export const s = 1;\n',
      'packages/shared/cjs/util.js': 'module.exports = 2;\n',
    });
    fs.mkdirSync(path.join(root, 'node_modules/@acme'), { recursive: true });
    fs.symlinkSync('../../packages/shared', path.join(root, 'node_modules/@acme/shared'));
    const g = await graphIn(root, ['apps/api/main.js']);
    expect(reachable(g)).toEqual(['apps/api/main.js', 'packages/shared/cjs/index.js', 'packages/shared/cjs/util.js']);
    expect(edge(g, 'apps/api/main.js', '@acme/shared')).toMatchObject({ class: 'file', target: 'packages/shared/cjs/index.js', workspace: '@acme/shared' });
    expect(g.dormant).toEqual(['packages/shared/esm/index.js']);
  });

  it('finds a workspace member without node_modules (npm workspaces and pnpm-workspace.yaml)', async () => {
    for (const manifest of <Files[]>[
      { 'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: { packages: ['libs/*'] } }) },
      { 'package.json': JSON.stringify({ name: 'mono', private: true }), 'pnpm-workspace.yaml': "packages:\n  - 'libs/*'\n  - '!libs/ignored'\n" },
    ]) {
      const g = await graphOf(
        {
          ...manifest,
          'app.mjs': "import { f } from '@acme/fmt';\nf();\n",
          'libs/fmt/package.json': JSON.stringify({ name: '@acme/fmt', main: 'src/index.js' }),
          'libs/fmt/src/index.js': 'export const f = () => 1;\n',
        },
        ['app.mjs'],
      );
      expect(reachable(g)).toEqual(['app.mjs', 'libs/fmt/src/index.js']);
      expect(edge(g, 'app.mjs', '@acme/fmt')).toMatchObject({ class: 'file', workspace: '@acme/fmt' });
    }
  });

  it("maps a TypeScript workspace member's unbuilt dist/ entry back to its source for a TypeScript importer", async () => {
    const g = await graphOf(
      {
        'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
        'apps/api/main.ts': "import { lib } from '@acme/lib';\nimport { sub } from '@acme/lib/sub';\nconsole.log(lib, sub);\n",
        'packages/lib/package.json': JSON.stringify({
          name: '@acme/lib',
          main: 'dist/index.js',
          exports: { '.': './dist/index.js', './sub': './dist/sub/index.js' },
        }),
        'packages/lib/tsconfig.json': JSON.stringify({ compilerOptions: { outDir: 'dist' }, include: ['src'] }),
        'packages/lib/src/index.ts': 'export const lib = 1;\n',
        'packages/lib/src/sub/index.ts': 'export const sub = 2;\n',
      },
      ['apps/api/main.ts'],
    );
    expect(edge(g, 'apps/api/main.ts', '@acme/lib')).toMatchObject({ class: 'file', target: 'packages/lib/src/index.ts', workspace: '@acme/lib' });
    expect(reachable(g)).toEqual(['apps/api/main.ts', 'packages/lib/src/index.ts', 'packages/lib/src/sub/index.ts']);
  });

  it('a project that itself sits inside a node_modules folder is still project code', async () => {
    const root = path.join(tempDir(), 'node_modules', 'proj');
    writeFiles(root, {
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'src/main.ts': "import { a } from '@/a';\nconsole.log(a);\n",
      'src/a.ts': 'export const a = 1;\n',
    });
    const g = await graphIn(root, ['src/main.ts']);
    expect(edge(g, 'src/main.ts', '@/a')).toMatchObject({ class: 'file', target: 'src/a.ts' });
  });

  it('treats an installed package (real folder in node_modules) as a package', async () => {
    const g = await graphOf(
      {
        'package.json': JSON.stringify({ name: 'app', dependencies: { left: '1' } }),
        'index.js': "require('left');\n",
        'node_modules/left/package.json': JSON.stringify({ name: 'left', main: 'i.js' }),
        'node_modules/left/i.js': '',
      },
      ['index.js'],
    );
    expect(edge(g, 'index.js', 'left')).toMatchObject({ class: 'package', packageName: 'left' });
    expect(reachable(g)).toEqual(['index.js']);
  });

  it('classifies a tsconfig paths catch-all into node_modules as a package, not project files', async () => {
    const g = await graphOf(
      {
        'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '*': ['node_modules/*', 'src/types/*'] } } }),
        'src/main.ts': "import chalk from 'chalk';\nimport { t } from 'local-t';\nconsole.log(chalk, t);\n",
        'src/types/local-t.ts': 'export const t = 1;\n',
        'node_modules/chalk/package.json': JSON.stringify({ name: 'chalk', main: 'index.js' }),
        'node_modules/chalk/index.js': 'module.exports = 1;\n',
      },
      ['src/main.ts'],
    );
    expect(edge(g, 'src/main.ts', 'chalk')).toMatchObject({ class: 'package', packageName: 'chalk' });
    expect(edge(g, 'src/main.ts', 'local-t')).toMatchObject({ class: 'file', target: 'src/types/local-t.ts' });
    expect(reachable(g)).toEqual(['src/main.ts', 'src/types/local-t.ts']);
  });
});

describe('3. conditions by the format the importing file runs in', () => {
  const files: Files = {
    'package.json': JSON.stringify({ name: 'store-app', imports: { '#store': { import: './src/store.mjs.ts', require: './src/store.cjs.ts' } } }),
    'src/main.ts': "import { save } from '#store';\nsave();\n",
    'src/store.mjs.ts': 'export const save = () => 1;\n',
    'src/store.cjs.ts': 'export const save = () => 2;\n',
  };

  it('a .ts file compiled to CommonJS (module node16, no "type") runs the require target', async () => {
    const g = await graphOf({ ...files, 'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'node16' } }) }, ['src/main.ts']);
    expect(edge(g, 'src/main.ts', '#store')).toMatchObject({ class: 'file', target: 'src/store.cjs.ts' });
  });

  it('module commonjs: require; "type": "module" with node16: import; .mts: import', async () => {
    let g = await graphOf({ ...files, 'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs' } }) }, ['src/main.ts']);
    expect(edge(g, 'src/main.ts', '#store').target).toBe('src/store.cjs.ts');
    const esm = { ...files, 'package.json': files['package.json'].replace('"name"', '"type":"module","name"') };
    g = await graphOf({ ...esm, 'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'node16' } }) }, ['src/main.ts']);
    expect(edge(g, 'src/main.ts', '#store').target).toBe('src/store.mjs.ts');
    g = await graphOf(
      { ...files, 'src/main.mts': "import { save } from '#store';\nsave();\n", 'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'node16' } }) },
      ['src/main.mts'],
    );
    expect(edge(g, 'src/main.mts', '#store').target).toBe('src/store.mjs.ts');
  });
});

describe('4. imports the compiler and bundlers add', () => {
  it('jsx react-jsx adds <source>/jsx-runtime to files with JSX; the pragma overrides the source', async () => {
    const g = await graphOf(
      {
        'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsx', jsxImportSource: 'preact' } }),
        'src/main.tsx': "import { App } from './App';\nimport { Emo } from './Emo';\nexport const el = <App><Emo /></App>;\n",
        'src/App.tsx': 'export const App = (p: { children?: unknown }) => <div>{p.children as string}</div>;\n',
        'src/Emo.tsx': '/** @jsxImportSource @emotion/react */\nexport const Emo = () => <span css={{ color: "red" }} />;\n',
        'src/plain.tsx': 'export const n = 1;\n',
      },
      ['src/main.tsx'],
    );
    expect(edge(g, 'src/main.tsx', 'preact/jsx-runtime')).toMatchObject({ class: 'package', packageName: 'preact', origin: 'jsx-runtime', line: 3 });
    expect(edge(g, 'src/Emo.tsx', '@emotion/react/jsx-runtime')).toMatchObject({ class: 'package', packageName: '@emotion/react' });
    const dev = await graphOf({ 'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsxdev' } }), 'a.tsx': 'export default <b/>;\n' }, ['a.tsx']);
    expect(edge(dev, 'a.tsx', 'react/jsx-dev-runtime')).toMatchObject({ class: 'package', packageName: 'react' });
    const classic = await graphOf(
      { 'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react' } }), 'a.tsx': "import React from 'react';\nexport default <b/>;\n" },
      ['a.tsx'],
    );
    expect(classic.files.get('a.tsx')!.edges.map((e) => e.specifier)).toEqual(['react']);
  });

  it('expands import.meta.glob (string, array, negation) and require.context to the files they match', async () => {
    const g = await graphOf(
      {
        'src/main.ts':
          "const pages = import.meta.glob(['./routes/*.ts', '!./routes/*.test.ts']);\nconst eager = import.meta.glob('./eager/*.ts', { eager: true });\nconsole.log(pages, eager);\n",
        'src/routes/a.ts': 'export default 1;\n',
        'src/routes/b.ts': 'export default 2;\n',
        'src/routes/b.test.ts': 'export default 3;\n',
        'src/eager/e.ts': 'export default 4;\n',
        'web/app.js':
          "const ctx = require.context('./views', true, /\\.view\\.js$/);\nconst flat = require.context('./flat', false);\nconsole.log(ctx, flat);\n",
        'web/views/home.view.js': 'module.exports = 1;\n',
        'web/views/deep/about.view.js': 'module.exports = 2;\n',
        'web/views/helper.js': 'module.exports = 3;\n',
        'web/flat/one.js': 'module.exports = 4;\n',
        'web/flat/sub/two.js': 'module.exports = 5;\n',
      },
      ['src/main.ts', 'web/app.js'],
    );
    expect(reachable(g)).toEqual([
      'src/eager/e.ts',
      'src/main.ts',
      'src/routes/a.ts',
      'src/routes/b.ts',
      'web/app.js',
      'web/flat/one.js',
      'web/views/deep/about.view.js',
      'web/views/home.view.js',
    ]);
    expect(edge(g, 'src/main.ts', './routes/a.ts')).toMatchObject({ origin: 'import.meta.glob', kind: 'dynamic-import', line: 1 });
    expect(edge(g, 'src/main.ts', './eager/e.ts')).toMatchObject({ kind: 'import' });
    expect(edge(g, 'web/app.js', './views/home.view.js')).toMatchObject({ origin: 'require.context', kind: 'require' });
  });

  it('a non-literal glob or context is a dynamic site; new URL(literal, import.meta.url) is an edge', async () => {
    const g = await graphOf(
      {
        'main.mjs':
          "const dir = process.argv[2];\nimport.meta.glob(dir);\nrequire.context(dir, true);\nconst w = new URL('./worker.js', import.meta.url);\nconst logo = new URL('./logo.png', import.meta.url);\nconst x = new URL(`./w/${dir}.js`, import.meta.url);\nconsole.log(w, logo, x);\n",
        'worker.js': "import './dep.js';\n",
        'dep.js': '',
        'logo.png': 'png',
      },
      ['main.mjs'],
    );
    expect(g.files.get('main.mjs')!.dynamic.map((d) => d.line)).toEqual([2, 3, 6]);
    expect(edge(g, 'main.mjs', './worker.js')).toMatchObject({ class: 'file', origin: 'new URL' });
    expect(edge(g, 'main.mjs', './logo.png')).toMatchObject({ class: 'file', target: 'logo.png' });
    expect(reachable(g)).toEqual(['dep.js', 'logo.png', 'main.mjs', 'worker.js']);
    expect(g.files.get('logo.png')!.language).toBe('asset');
  });
});

describe('5. solution-style tsconfig', () => {
  const files: Files = {
    'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './tsconfig.app.json' }, { path: './tsconfig.node.json' }] }),
    'tsconfig.app.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./src/*'] }, jsx: 'react-jsx' }, include: ['src'] }),
    'tsconfig.node.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./tools/*'] } }, include: ['vite.config.ts'] }),
    'src/main.tsx': "import { cn } from '@/lib/utils';\nexport const el = <div className={cn()} />;\n",
    'src/lib/utils.ts': 'export const cn = () => "x";\n',
    'vite.config.ts': "import { h } from '@/helper';\nexport default h;\n",
    'tools/helper.ts': 'export const h = 1;\n',
  };

  it('each file uses the referenced config that includes it', async () => {
    const g = await graphOf(files, ['src/main.tsx', 'vite.config.ts']);
    expect(edge(g, 'src/main.tsx', '@/lib/utils')).toMatchObject({ class: 'file', target: 'src/lib/utils.ts' });
    expect(edge(g, 'src/main.tsx', 'react/jsx-runtime')).toMatchObject({ class: 'package' });
    expect(edge(g, 'vite.config.ts', '@/helper')).toMatchObject({ class: 'file', target: 'tools/helper.ts' });
    expect(reachable(g)).toEqual(['src/lib/utils.ts', 'src/main.tsx', 'tools/helper.ts', 'vite.config.ts']);
  });

  it('--tsconfig forces one config for every file', async () => {
    const g = await graphOf(files, ['src/main.tsx', 'vite.config.ts'], { tsconfig: 'tsconfig.app.json' });
    expect(edge(g, 'vite.config.ts', '@/helper')).toMatchObject({ class: 'unresolved' });
  });

  it('says so when a reference is missing or broken, and goes on', async () => {
    const g = await graphOf(
      {
        'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './tsconfig.gone.json' }, { path: './tsconfig.bad.json' }] }),
        'tsconfig.bad.json': '{ "compilerOptions": { "paths": { "@/*": "src/*" } } }',
        'main.ts': 'export {};\n',
      },
      ['main.ts'],
    );
    expect(g.notices.some((n) => n.includes('tsconfig.gone.json, which does not exist'))).toBe(true);
    expect(g.notices.some((n) => n.startsWith('tsconfig.bad.json (referenced by tsconfig.json) was not applied'))).toBe(true);
  });

  it('a root config that lists files itself owns them; references own the rest', async () => {
    const g = await graphOf(
      {
        'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '~/*': ['./src/*'] } }, include: ['src'], references: [{ path: './scripts' }] }),
        'scripts/tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '~/*': ['./lib/*'] } }, include: ['.'] }),
        'src/main.ts': "import { a } from '~/a';\nconsole.log(a);\n",
        'src/a.ts': 'export const a = 1;\n',
        'scripts/run.ts': "import { b } from '~/b';\nconsole.log(b);\n",
        'scripts/lib/b.ts': 'export const b = 1;\n',
      },
      ['src/main.ts', 'scripts/run.ts'],
    );
    expect(edge(g, 'src/main.ts', '~/a').target).toBe('src/a.ts');
    expect(edge(g, 'scripts/run.ts', '~/b').target).toBe('scripts/lib/b.ts');
  });
});

describe('6. files Node loads', () => {
  it('accepts a UTF-8 BOM in JSON, in JS, and before a #! line of an ES module; rejects it before #! in CommonJS as Node does', async () => {
    const g = await graphOf(
      {
        'bin/cli.mjs': "\uFEFF#!/usr/bin/env node\nimport '../lib.js';\nimport '../bin/old';\n",
        'bin/old': "\uFEFF#!/usr/bin/env node\nrequire('../config.json');\n",
        'config.json': '\uFEFF{"a": 1}',
        'lib.js': '\uFEFF"use strict";\nmodule.exports = require("./config.json");\n',
      },
      ['bin/cli.mjs'],
    );
    expect(reachable(g)).toEqual(['bin/cli.mjs', 'bin/old', 'config.json', 'lib.js']);
    expect(['bin/cli.mjs', 'config.json', 'lib.js'].map((f) => g.files.get(f)!.parseError)).toEqual([undefined, undefined, undefined]);
    expect(g.files.get('bin/old')!.parseError).toMatchObject({ line: 1, column: 1 });
    expect(g.files.get('bin/old')!.parseError!.message).toContain("Node's CommonJS loader rejects it");
  });

  it('ships native addons as leaves, named with or without .node', async () => {
    const g = await graphOf(
      {
        'src/index.js': "const a = require('../build/Release/hasher.node');\nconst b = require('../build/Release/hasher');\nmodule.exports = [a, b];\n",
        'build/Release/hasher.node': '\x7fELF',
      },
      ['src/index.js'],
    );
    expect(edge(g, 'src/index.js', '../build/Release/hasher.node')).toMatchObject({ class: 'file', target: 'build/Release/hasher.node' });
    expect(edge(g, 'src/index.js', '../build/Release/hasher')).toMatchObject({ class: 'file', target: 'build/Release/hasher.node' });
    expect(g.files.get('build/Release/hasher.node')).toMatchObject({ language: 'asset', edges: [] });
    expect(g.notices.filter((n) => n.includes('madge'))).toEqual([]);
  });
});

describe('7. import elision as compilers do it', () => {
  it('erases imports used only as types; their targets are typeOnly, not dormant and not shipped', async () => {
    const g = await graphOf(
      {
        'package.json': JSON.stringify({ name: 'nest-app', dependencies: {} }),
        'src/main.ts': [
          "import { Request, Response } from 'express';",
          "import { User } from './user';",
          "import * as shapes from './shapes';",
          "import { helper } from './helper';",
          "import { unused } from './unused';",
          'export function handle(req: Request, res: Response): User | shapes.Shape { return helper(req as never); }',
        ].join('\n'),
        'src/user.ts': "import { Role } from './role';\nexport interface User { role: Role }\n",
        'src/role.ts': 'export type Role = string;\n',
        'src/shapes.ts': 'export interface Shape { n: number }\n',
        'src/helper.ts': 'export const helper = (x: never) => x;\n',
        'src/unused.ts': 'export const unused = 1;\n',
        'src/dead.ts': 'export {};\n',
      },
      ['src/main.ts'],
    );
    expect(g.files.get('src/main.ts')!.edges.map((e) => e.specifier)).toEqual(['./helper']);
    expect(reachable(g)).toEqual(['src/helper.ts', 'src/main.ts']);
    expect(g.typeOnly).toEqual(['src/role.ts', 'src/shapes.ts', 'src/unused.ts', 'src/user.ts']);
    expect(g.dormant).toEqual(['src/dead.ts']);
  });

  it('keeps imports whose bindings are re-exported or aliased as values', async () => {
    const g = await graphOf(
      {
        'index.ts':
          "import { a } from './a';\nimport { b as bee } from './b';\nimport * as ns from './ns';\nimport { T } from './t';\nimport C = ns.C;\nexport { a, bee as b };\nexport type { T };\nexport const c: typeof C = C;\n",
        'a.ts': 'export const a = 1;\n',
        'b.ts': 'export const b = 1;\n',
        'ns.ts': 'export const C = 1;\n',
        't.ts': 'export type T = 1;\n',
      },
      ['index.ts'],
    );
    expect(reachable(g)).toEqual(['a.ts', 'b.ts', 'index.ts', 'ns.ts']);
    expect(g.typeOnly).toEqual(['t.ts']);
  });

  it('keeps imports as written under verbatimModuleSyntax, and never elides in JavaScript', async () => {
    const g = await graphOf(
      {
        'tsconfig.json': JSON.stringify({ compilerOptions: { verbatimModuleSyntax: true } }),
        'a.ts': "import { T } from './t';\nimport type { U } from './u';\nexport let x: T | U;\n",
        't.ts': 'export type T = 1;\n',
        'u.ts': 'export type U = 1;\n',
        'b.js': "import { y } from './t2.js';\n",
        't2.js': 'export const y = 1;\n',
      },
      ['a.ts', 'b.js'],
    );
    expect(reachable(g)).toEqual(['a.ts', 'b.js', 't.ts', 't2.js']);
    expect(g.typeOnly).toEqual(['u.ts']);
  });

  it('keeps the module load under importsNotUsedAsValues preserve (TypeScript before 5.5)', async () => {
    const g = await graphOf(
      {
        'tsconfig.json': JSON.stringify({ compilerOptions: { importsNotUsedAsValues: 'preserve' } }),
        'a.ts': "import { T } from './t';\nexport let x: T;\n",
        't.ts': 'export type T = 1;\n',
      },
      ['a.ts'],
    );
    expect(reachable(g)).toEqual(['a.ts', 't.ts']);
  });

  it('emitDecoratorMetadata keeps classes referenced in decorated signatures, drops interfaces', async () => {
    const g = await graphOf(
      {
        'tsconfig.json': JSON.stringify({ compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true } }),
        'src/ctrl.ts': [
          "import { Service } from './service';",
          "import { Dto } from './dto';",
          "import { Req } from 'express';",
          "import { Opts } from './opts';",
          'const Injectable = (): ClassDecorator => () => {};',
          'const Body = (): ParameterDecorator => () => {};',
          '@Injectable()',
          'export class Ctrl {',
          '  constructor(private readonly s: Service) {}',
          '  handle(@Body() dto: Dto, r: Req, o: Opts) { return [dto, r, o]; }',
          '}',
        ].join('\n'),
        'src/service.ts': 'export class Service {}\n',
        'src/dto.ts': 'export interface Dto { a: number }\n',
        'src/opts.ts': 'export class Opts {}\n',
      },
      ['src/ctrl.ts'],
    );
    // Service: constructor of a decorated class (a class: kept). Dto: an interface (tsc writes Object).
    // Req from express: its types are not installed, so tsc cannot tell and keeps the reference.
    expect(g.files.get('src/ctrl.ts')!.edges.map((e) => e.specifier)).toEqual(['./service', 'express', './opts']);
    expect(g.typeOnly).toEqual(['src/dto.ts']);
  });

  it('drops a decorated-signature import of a package whose installed types declare only an interface', async () => {
    const g = await graphOf(
      {
        'tsconfig.json': JSON.stringify({ compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true } }),
        'c.ts':
          "import { Request } from 'express';\nconst Req = (): ParameterDecorator => () => {};\nexport class C { get(@Req() r: Request) { return r; } }\n",
        'node_modules/@types/express/package.json': JSON.stringify({ name: '@types/express', types: 'index.d.ts' }),
        'node_modules/@types/express/index.d.ts': 'export interface Request { url: string }\n',
      },
      ['c.ts'],
    );
    expect(g.files.get('c.ts')!.edges).toEqual([]);
  });
});

describe('8. a local folder shadowing a builtin', () => {
  it('records that the builtin competes with the local file under baseUrl', async () => {
    const g = await graphOf(
      {
        'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: 'src' } }),
        'src/main.ts': "import { EventEmitter } from 'events';\nimport fs from 'fs';\nexport default [new EventEmitter(), fs];\n",
        'src/events/index.ts': 'export class EventEmitter {}\n',
      },
      ['src/main.ts'],
    );
    expect(edge(g, 'src/main.ts', 'events')).toMatchObject({ class: 'file', target: 'src/events/index.ts', builtin: 'events' });
    expect(edge(g, 'src/main.ts', 'fs')).toMatchObject({ class: 'builtin' });
    expect(edge(g, 'src/main.ts', 'fs').builtin).toBeUndefined();
  });
});

describe('9. case-only mismatch', () => {
  it('is unresolved and names the near-miss file', async () => {
    const g = await graphOf({ 'index.js': "require('./Utils');\nrequire('./Lib/x');\n", 'utils.js': '', 'lib/x.js': '' }, ['index.js']);
    expect(edge(g, 'index.js', './Utils')).toMatchObject({ class: 'unresolved' });
    expect(edge(g, 'index.js', './Utils').reason).toContain('utils.js differs only in letter case');
    expect(edge(g, 'index.js', './Lib/x').reason).toContain('lib');
  });
});

describe('optional imports', () => {
  it('marks imports in a handling try, and under run-time checks, as optional', async () => {
    const g = await graphOf(
      {
        'index.js': [
          "let fast; try { fast = require('fast-json'); } catch { fast = null; }",
          "try { require('must-have'); } catch (e) { throw e; }",
          "try { require('must-have-2'); } catch (e) { console.error('missing'); process.exit(1); }",
          "try { require('maybe'); } catch (e) { if (e.code !== 'MODULE_NOT_FOUND') throw e; }",
          "if (process.env.NODE_ENV !== 'production') { require('dev-logger'); }",
          "const w = typeof window !== 'undefined' ? require('browser-thing') : null;",
          "require('always');",
          "import('lazy-optional').catch(() => null);",
          "import('lazy-required').then((m) => m);",
          'module.exports = [fast, w];',
        ].join('\n'),
      },
      ['index.js'],
    );
    const optional = Object.fromEntries(g.files.get('index.js')!.edges.map((e) => [e.specifier, !!e.optional]));
    expect(optional).toEqual({
      'fast-json': true,
      'must-have': false,
      'must-have-2': false,
      maybe: true,
      'dev-logger': true,
      'browser-thing': true,
      always: false,
      'lazy-optional': true,
      'lazy-required': false,
    });
  });
});

describe('hostile input in the new families', () => {
  it('does not run a regular expression that can backtrack for ever, nor walk outside the root', async () => {
    const g = await graphOf(
      {
        'a.js': "require.context('./v', true, /^(a+)+$/);\nrequire.context('./v', true, /(x|x)*y/);\n",
        'b.mjs': "import.meta.glob('../../*.js');\nimport.meta.glob('./{../..,x}/*.js');\n",
        'v/aaaa': '',
      },
      ['a.js', 'b.mjs'],
    );
    expect(g.files.get('a.js')!.dynamic.map((d) => d.line)).toEqual([1, 2]);
    expect(g.files.get('b.mjs')!.dynamic.map((d) => d.line)).toEqual([1, 2]);
    expect(reachable(g)).toEqual(['a.js', 'b.mjs']);
  });

  it('ignores workspace patterns that climb out of the root, and a pnpm-workspace.yaml that is not a regular file', async () => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': JSON.stringify({ name: 'mono', workspaces: ['../*', '/etc/*'] }),
      'app.js': "require('@x/y');\n",
    });
    fs.mkdirSync(path.join(root, 'pnpm-workspace.yaml'));
    const g = await graphIn(root, ['app.js']);
    expect(edge(g, 'app.js', '@x/y')).toMatchObject({ class: 'package', packageName: '@x/y' });
  });
});
