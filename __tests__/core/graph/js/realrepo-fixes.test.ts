// Regressions found by running shipset on real repositories (a turborepo monorepo, a NestJS
// boilerplate, an Express app), each reduced to its minimal reproduction.
import { afterAll, describe, expect, it } from '@jest/globals';
import { defaultOptions } from '../../../../src/core/options.js';
import { runPipeline } from '../../../../src/core/pipeline.js';
import type { Options, Result } from '../../../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles, type Files } from '../../../helpers/fixture.js';

afterAll(cleanupFixtures);

async function check(files: Files, entries: string[], extra: Partial<Options> = {}): Promise<{ root: string; result: Result }> {
  const root = tempDir();
  writeFiles(root, files);
  return { root, result: await runPipeline({ ...defaultOptions(root, entries), ...extra }) };
}

const shipped = (r: Result) => [...r.graph.files.keys()].sort();
const rules = (r: Result) => r.manifest.findings.map((f) => `${f.rule}:${f.level}`);

/** A monorepo whose app keeps its alias in its own tsconfig (create-t3-turbo's shape). */
const monorepo = (rootTsconfig?: string): Files => ({
  'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }),
  ...(rootTsconfig ? { 'tsconfig.json': rootTsconfig } : {}),
  'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: {} }),
  'apps/web/tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '~/*': ['./src/*'] } } }),
  'apps/web/src/main.ts': 'import { x } from "~/lib";\nconsole.log(x);\n',
  'apps/web/src/lib.ts': 'export const x = 1;\n',
});

describe('each file uses the tsconfig that owns it (nearest above it in the root)', () => {
  it('applies an app tsconfig paths alias when checked from the monorepo root (no root tsconfig)', async () => {
    const { result } = await check(monorepo(), ['apps/web/src/main.ts']);
    expect(shipped(result)).toEqual(['apps/web/src/lib.ts', 'apps/web/src/main.ts']);
    expect(rules(result)).toEqual([]);
  });

  it('applies it too when the root tsconfig has no paths', async () => {
    const { result } = await check(monorepo(JSON.stringify({ compilerOptions: { strict: true } })), ['apps/web/src/main.ts']);
    expect(shipped(result)).toEqual(['apps/web/src/lib.ts', 'apps/web/src/main.ts']);
    expect(rules(result)).toEqual([]);
  });

  it('gives the same set as --root at the app', async () => {
    const { root } = await check(monorepo(), ['apps/web/src/main.ts']);
    const app = await runPipeline(defaultOptions(`${root}/apps/web`, ['src/main.ts']));
    expect(shipped(app)).toEqual(['src/lib.ts', 'src/main.ts']);
  });

  it("follows a nested solution-style config's references (a Vite app inside a monorepo)", async () => {
    const files = {
      ...monorepo(),
      'apps/web/tsconfig.json': JSON.stringify({ files: [], references: [{ path: './tsconfig.app.json' }] }),
      'apps/web/tsconfig.app.json': JSON.stringify({ compilerOptions: { paths: { '~/*': ['./src/*'] } }, include: ['src'] }),
    };
    const { result } = await check(files, ['apps/web/src/main.ts']);
    expect(shipped(result)).toEqual(['apps/web/src/lib.ts', 'apps/web/src/main.ts']);
    expect(rules(result)).toEqual([]);
  });

  it('a nested config that cannot be read is a notice, and its files use the next config up', async () => {
    const files = {
      ...monorepo(JSON.stringify({ compilerOptions: { paths: { '~/*': ['./apps/web/src/*'] } } })),
      'apps/web/tsconfig.json': '{ "compilerOptions": { "paths": { "~/*": "./src/*" } } }',
    };
    const { result } = await check(files, ['apps/web/src/main.ts']);
    expect(shipped(result)).toEqual(['apps/web/src/lib.ts', 'apps/web/src/main.ts']);
    expect(result.manifest.notices.join('\n')).toContain('apps/web/tsconfig.json was not applied to the files under apps/web');
  });

  it('--tsconfig still forces one config for every file', async () => {
    const files = { ...monorepo(), 'tsconfig.base.json': JSON.stringify({ compilerOptions: {} }) };
    const { result } = await check(files, ['apps/web/src/main.ts'], { tsconfig: 'tsconfig.base.json' });
    expect(shipped(result)).toEqual(['apps/web/src/main.ts']);
    expect(result.errorCount).toBeGreaterThan(0);
  });
});

describe('a bare specifier that is not a valid npm package name is an unresolved alias, never "npm install"', () => {
  const files = (specifier: string): Files => ({
    'package.json': JSON.stringify({ name: 'app', dependencies: {} }),
    'src/main.ts': `import { x } from ${JSON.stringify(specifier)};\nconsole.log(x);\n`,
  });
  for (const specifier of ['~/lib', '~', '@/lib', 'my lib', '_private', '.hidden/x']) {
    it(`'${specifier}'`, async () => {
      const { result } = await check(files(specifier), ['src/main.ts']);
      expect(rules(result)).toEqual(['unresolved:error']);
      const text = JSON.stringify(result.manifest.findings);
      expect(text).not.toContain('npm install');
      expect(result.graph.files.get('src/main.ts')?.edges[0]).toMatchObject({ class: 'unresolved' });
    });
  }
  it("'#lib' without an imports map is unresolved too", async () => {
    const { result } = await check(files('#lib'), ['src/main.ts']);
    expect(rules(result)).toEqual(['unresolved:error']);
  });
  it('a valid name that is not declared is still undeclared, with its install advice (upper case included: the registry has JSONStream)', async () => {
    const { result } = await check(files('JSONStream'), ['src/main.ts']);
    expect(rules(result)).toEqual(['undeclared:error']);
    expect(JSON.stringify(result.manifest.findings)).toContain('npm install JSONStream');
  });
});

describe('a tsconfig extends a workspace member package, as TypeScript does after an install', () => {
  const files = (): Files => ({
    'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*', 'tooling/*'] }),
    'tooling/typescript/package.json': JSON.stringify({ name: '@acme/tsconfig', private: true }),
    'tooling/typescript/base.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '~/*': ['../../apps/web/src/*'] } } }),
    'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: {} }),
    'apps/web/tsconfig.json': JSON.stringify({ extends: '@acme/tsconfig/base.json' }),
    'apps/web/src/main.ts': 'import { x } from "~/lib";\nconsole.log(x);\n',
    'apps/web/src/lib.ts': 'export const x = 1;\n',
  });

  it('applies its settings without node_modules, and says nothing about a missing package', async () => {
    const { result } = await check(files(), ['apps/web/src/main.ts']);
    expect(shipped(result)).toEqual(['apps/web/src/lib.ts', 'apps/web/src/main.ts']);
    expect(rules(result)).toEqual([]);
    expect(result.manifest.notices.join('\n')).not.toMatch(/not installed|not found/);
  });

  it('a package that is neither installed nor a member still gets its notice', async () => {
    const f = { ...files(), 'apps/web/tsconfig.json': JSON.stringify({ extends: '@other/tsconfig/base.json' }) };
    const { result } = await check(f, ['apps/web/src/main.ts']);
    expect(result.manifest.notices.join('\n')).toMatch(/@other\/tsconfig\/base\.json.*not installed/);
  });
});

describe('data folders beside shipped JS code get one notice', () => {
  const files = (): Files => ({
    'package.json': JSON.stringify({ name: 'app', dependencies: {} }),
    'src/app.js': "const path = require('path');\nmodule.exports = path.join(__dirname, 'views');\n",
    'src/views/index.ejs': '<h1>hi</h1>\n',
    'src/public/style.css': 'body{}\n',
    'src/schema.sql': 'create table t(x int);\n',
    'src/lib/util.js': 'module.exports = 1;\n',
  });

  it('names the folders and the include globs that add them', async () => {
    const { result } = await check(files(), ['src/app.js']);
    const notice = result.manifest.notices.find((n) => n.includes('beside the shipped JavaScript/TypeScript code'));
    expect(notice).toContain('src/public/, src/schema.sql, src/views/');
    expect(notice).toContain("--include 'src/views/**'");
    expect(notice).toContain("--include 'src/schema.sql'");
  });

  it('says nothing once include covers them', async () => {
    const { result } = await check(files(), ['src/app.js'], { include: ['src/views/**', 'src/public/**', 'src/*.sql'] });
    expect(result.manifest.notices.join('\n')).not.toContain('beside the shipped');
  });
});

describe('TypeORM-style glob loading from __dirname is a dynamic warning naming the glob', () => {
  const files = (config: string): Files => ({
    'package.json': JSON.stringify({ name: 'api', dependencies: {} }),
    'src/data-source.ts': `import { join } from 'node:path';\nexport const options = ${config};\n`,
    'src/migrations/1-init.ts': 'export class Init1 {}\n',
    'src/user.entity.ts': 'export class User {}\n',
  });

  for (const [name, config, glob] of [
    ['concatenation', "{ migrations: [__dirname + '/migrations/**/*{.ts,.js}'] }", "__dirname + '/migrations/**/*{.ts,.js}'"],
    ['path.join', "{ entities: [join(__dirname, '**', '*.entity.{ts,js}')] }", "join(__dirname, '**', '*.entity.{ts,js}')"],
  ] as const) {
    it(name, async () => {
      const { result } = await check(files(config), ['src/data-source.ts']);
      const dynamic = result.manifest.findings.filter((f) => f.rule === 'dynamic');
      expect(dynamic).toHaveLength(1);
      expect(dynamic[0].level).toBe('warn');
      expect(JSON.stringify(dynamic[0])).toContain(glob.slice(-14));
      expect(dynamic[0].line).toBe(2);
    });
  }

  it('a plain path from __dirname is not a glob', async () => {
    const { result } = await check(files("{ dir: join(__dirname, 'migrations'), file: __dirname + '/a.sql' }"), ['src/data-source.ts']);
    expect(result.manifest.findings.filter((f) => f.rule === 'dynamic')).toEqual([]);
  });
});
