// A loader registered by a Node flag (`node -r ts-node/register x`, `--import tsx`) or by the entry
// itself (`require('tsx/cjs'); require('./src/main')`, ts-node's README pattern) makes Node load
// TypeScript as that runtime does. Judged against the runtime: the fixture is started with Node
// and the real tsx loader (from this repository's node_modules), and must print what it imports.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { defaultOptions } from '../../src/core/options.js';
import { runPipeline } from '../../src/core/pipeline.js';
import { pathsHookInStartScript, registersPathsHook, runtimeApplies, runtimeFromStartScript, runtimeRegisteredBy } from '../../src/core/runtime.js';
import type { ImportEdge, Runtime } from '../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

describe('runtimeFromStartScript: loader flags', () => {
  it.each<[string, string, Runtime | undefined]>([
    ['node -r ts-node/register src/main.ts', 'src/main.ts', 'ts-node'],
    ['node --require ts-node/register/transpile-only src/main.ts', 'src/main.ts', 'ts-node'],
    ['node --require=ts-node/register src/main.ts', 'src/main.ts', 'ts-node'],
    ['node --loader ts-node/esm src/main.ts', 'src/main.ts', 'ts-node'],
    ['node --import tsx src/main.ts', 'src/main.ts', 'tsx'],
    ['node --import=tsx/esm src/main.ts', 'src/main.ts', 'tsx'],
    ['NODE_ENV=production node -r dotenv/config dist/main.js', 'dist/main.js', 'node'],
    // A flag's value is not the script: before, `-r x` made `x` the file and the entry was missed.
    ['node -r dotenv/config src/main.ts', 'src/main.ts', 'node-strip-types'],
    ['ts-node -r tsconfig-paths/register src/main.ts', 'src/main.ts', 'ts-node'],
  ])('%s running %s -> %s', (script, entry, expected) => {
    expect(runtimeFromStartScript(script, entry)).toBe(expected);
  });
});

const edge = (specifier: string, line: number, cls: ImportEdge['class']): ImportEdge => ({
  from: 'index.js',
  specifier,
  line,
  column: 1,
  kind: 'require',
  class: cls,
});

describe('runtimeRegisteredBy', () => {
  it('a loader required before the first project import switches the runtime; after it, it does not', () => {
    expect(runtimeRegisteredBy([edge('./src/main', 2, 'file'), edge('ts-node/register', 1, 'package')])).toBe('ts-node');
    expect(runtimeRegisteredBy([edge('dotenv/config', 1, 'package'), edge('tsx/cjs', 2, 'package'), edge('./src/main', 3, 'file')])).toBe('tsx');
    expect(runtimeRegisteredBy([edge('./src/main', 1, 'file'), edge('ts-node/register', 2, 'package')])).toBeUndefined();
    expect(runtimeRegisteredBy([edge('express', 1, 'package')])).toBeUndefined();
  });
});

describe('an entry that registers tsx, started with plain node', () => {
  it('runs under Node (the truth), and shipset judges it as tsx: no runtime errors, the tsconfig ships', async () => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': JSON.stringify({ name: 'svc', main: 'index.js', scripts: { start: 'node index.js' }, dependencies: { tsx: '^4.0.0' } }),
      'index.js': "require('tsx/cjs');\nrequire('./src/main');\n",
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }),
      'src/main.ts': "import { greet } from './lib';\nconsole.log(greet('loader'));\n",
      'src/lib/index.ts': 'export const greet = (who: string): string => `ok ${who}`;\n',
    });
    fs.mkdirSync(path.join(root, 'node_modules'));
    fs.symlinkSync(path.resolve('node_modules/tsx'), path.join(root, 'node_modules/tsx'));
    // The runtime's verdict: extensionless TypeScript imports load once tsx is registered.
    expect(execFileSync(process.execPath, ['index.js'], { cwd: root, encoding: 'utf8' }).trim()).toBe('ok loader');

    const result = await runPipeline(defaultOptions(root, ['index.js']));
    expect(result.manifest.runtime).toBe('tsx');
    expect(result.manifest.findings.filter((f) => f.rule === 'runtime' || f.rule === 'unresolved')).toEqual([]);
    expect(result.manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['index.js', 'src/main.ts', 'src/lib/index.ts', 'tsconfig.json']));
  });

  it('without the loader line the same project fails under Node, and shipset says why (runtime error)', async () => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': JSON.stringify({ name: 'svc', main: 'index.js', scripts: { start: 'node index.js' } }),
      'index.js': "require('./src/main');\n",
      'src/main.ts': "import { greet } from './lib';\nconsole.log(greet('loader'));\n",
      'src/lib/index.ts': 'export const greet = (who: string): string => `ok ${who}`;\n',
    });
    expect(() => execFileSync(process.execPath, ['index.js'], { cwd: root, stdio: 'pipe' })).toThrow();
    const result = await runPipeline(defaultOptions(root, ['index.js']));
    expect(result.manifest.runtime).toBe('node');
    expect(result.manifest.findings.filter((f) => f.rule === 'runtime').length).toBeGreaterThan(0);
  });
});

describe('tsconfig paths need a runtime that applies them', () => {
  it('tsx and Bun apply paths and .js -> .ts; ts-node only adds extensions; a preloaded tsconfig-paths hook applies paths anywhere', () => {
    expect(runtimeApplies('tsx', 'tsconfig-paths')).toBe(true);
    expect(runtimeApplies('bun', 'ts-extension')).toBe(true);
    expect(runtimeApplies('ts-node', 'tsconfig-paths')).toBe(false);
    expect(runtimeApplies('ts-node', 'ts-extension')).toBe(false);
    expect(runtimeApplies('ts-node', 'extension-probe')).toBe(true);
    expect(runtimeApplies('ts-node', 'tsconfig-paths', true)).toBe(true);
    expect(runtimeApplies('node', 'tsconfig-paths', true)).toBe(true);
    expect(runtimeApplies('node', 'compiled-alias', true)).toBe(false);
  });

  it('the hook is read from the command that runs the entry, or from the entry before its first project import', () => {
    expect(pathsHookInStartScript('ts-node -r tsconfig-paths/register src/main.ts', 'src/main.ts')).toBe(true);
    expect(pathsHookInStartScript('node --require=tsconfig-paths/register -r ts-node/register src/main.ts', 'src/main.ts')).toBe(true);
    expect(pathsHookInStartScript('ts-node -r tsconfig-paths/register src/other.ts', 'src/main.ts')).toBe(false);
    expect(pathsHookInStartScript('ts-node src/main.ts', 'src/main.ts')).toBe(false);
    expect(registersPathsHook([edge('tsconfig-paths/register', 1, 'package'), edge('./src/main', 2, 'file')])).toBe(true);
    expect(registersPathsHook([edge('./src/main', 1, 'file'), edge('tsconfig-paths/register', 2, 'package')])).toBe(false);
  });

  it('ts-node with -r tsconfig-paths/register: the alias is no runtime error and the tsconfig ships', async () => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': JSON.stringify({
        name: 'svc',
        scripts: { start: 'ts-node -r tsconfig-paths/register src/main.ts' },
        dependencies: { 'ts-node': '^10.9.2', 'tsconfig-paths': '^4.2.0', typescript: '^5.0.0' },
      }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } } }),
      'src/main.ts': "import { log } from '@lib/log';\nlog(1);\n",
      'src/lib/log.ts': 'export const log = (...x: unknown[]) => console.log(...x);\n',
    });
    const result = await runPipeline(defaultOptions(root, ['src/main.ts']));
    expect(result.manifest.runtime).toBe('ts-node');
    expect(result.manifest.findings.filter((f) => f.rule === 'runtime')).toEqual([]);
    expect(result.manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['src/lib/log.ts', 'tsconfig.json']));
  });
});

describe('ts-node options in the tsconfig', () => {
  const project = (tsconfig: Record<string, string>) => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': JSON.stringify({
        name: 'svc',
        scripts: { start: 'ts-node src/main.ts' },
        dependencies: { 'ts-node': '^10.9.2', 'tsconfig-paths': '^4.2.0', typescript: '^5.0.0' },
      }),
      'src/main.ts': "import { log } from '@lib/log';\nlog(1);\n",
      'src/lib/log.ts': 'export const log = (...x: unknown[]) => console.log(...x);\n',
      ...tsconfig,
    });
    return root;
  };
  const paths = { module: 'commonjs', baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } };
  const runtimeFindings = async (root: string) =>
    (await runPipeline(defaultOptions(root, ['src/main.ts']))).manifest.findings.filter((f) => f.rule === 'runtime');

  it('"ts-node": { "require": ["tsconfig-paths/register"] } preloads the paths hook: the alias runs', async () => {
    const root = project({ 'tsconfig.json': JSON.stringify({ compilerOptions: paths, 'ts-node': { require: ['tsconfig-paths/register'] } }) });
    expect(await runtimeFindings(root)).toEqual([]);
  });

  it('read from the config it extends, with comments (JSONC)', async () => {
    const root = project({
      'tsconfig.base.json': `{\n  // shared\n  "ts-node": { "require": ["tsconfig-paths/register"], },\n}\n`,
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: paths }),
    });
    expect(await runtimeFindings(root)).toEqual([]);
  });

  it('without it, or with other preloads only, the alias is a runtime error under ts-node', async () => {
    for (const tsNode of [undefined, { require: ['dotenv/config'] }]) {
      const root = project({ 'tsconfig.json': JSON.stringify({ compilerOptions: paths, ...(tsNode && { 'ts-node': tsNode }) }) });
      const findings = await runtimeFindings(root);
      expect(findings.map((f) => [f.file, f.level])).toEqual([['src/main.ts', 'error']]);
      expect(findings[0].message).toContain("'@lib/log'");
    }
  });
});
