// Stored resolutions must never change an answer: after each change that moves a resolution (a new
// file that wins, a deleted file, tsconfig paths, package.json imports/exports, a symlink
// retargeted, a package added or removed) a run with the cache gives the whole result of a run
// without it, and the imports whose facts did not change are answered from the cache.
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { ScanCache } from '../../src/core/cache.js';
import { buildJsGraph, JsEngine } from '../../src/core/graph/js/engine.js';
import { Resolver } from '../../src/core/graph/js/resolve.js';
import { SCANNER_VERSION } from '../../src/core/graph/js/scan.js';
import { loadTsProject } from '../../src/core/graph/js/tsconfig.js';
import { defaultOptions } from '../../src/core/options.js';
import { runPipeline } from '../../src/core/pipeline.js';
import { type CacheFileContent, readCacheFile, writeCacheFile } from '../helpers/cache-file.js';
import { cleanupFixtures, copyFixture, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const NOW = Date.parse('2026-01-01T00:00:00Z');
const ENTRY = 'src/index.ts';
const CACHE_FILE = 'shipset-scan-cache.json';

/** One file per kind of resolution (src/parts/<name>.ts), so a change re-resolves the import it moves and no other. */
const PARTS: Record<string, string> = {
  x: "export { x } from '../x';",
  util: "export { util } from '../lib/util.js';",
  b: "export { b } from '@lib/b.js';",
  h: "export { h } from '#helpers/h.js';",
  feature: "export { feature } from 'svc/feature';",
  shared: "export { shared } from '../shared/s.js';",
  w: "export { w } from '@svc/w';",
};
const INDEX = Object.keys(PARTS)
  .map((name) => `import { ${name} } from './parts/${name}.js';`)
  .concat([`console.log(${Object.keys(PARTS).join(', ')});`, ''])
  .join('\n');
/** Imports in the project: one per part, and index.ts's one per part. */
const IMPORTS = 2 * Object.keys(PARTS).length;
/**
 * The imports that read the nearest package.json: the bare, '#' and aliased ones (b, h, feature, w),
 * and '../x', whose added extension Node's loaders treat by the package's "type". index.ts's
 * './parts/x.js' names its files exactly: no package.json read.
 */
const PACKAGE_READERS = 5;

/** A project with one import of each kind of resolution, and a cache folder outside it. */
function project(): { root: string; cache: string; outside: string } {
  const root = tempDir();
  const outside = tempDir('shipset-outside-');
  writeFiles(root, {
    'package.json': JSON.stringify({
      name: 'svc',
      type: 'module',
      imports: { '#helpers/*': './src/helpers/*' },
      exports: { './feature': './src/feature/a.ts' },
    }),
    'tsconfig.json': JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', baseUrl: '.', paths: { '@lib/*': ['src/aliased/*'] } },
    }),
    [ENTRY]: INDEX,
    ...Object.fromEntries(Object.entries(PARTS).map(([name, text]) => [`src/parts/${name}.ts`, text + '\n'])),
    'src/x/index.ts': 'export const x = 1;\n',
    'src/lib/util.ts': 'export const util = 2;\n',
    'src/aliased/b.ts': 'export const b = 3;\n',
    'src/alt/b.ts': 'export const b = 4;\n',
    'src/helpers/h.ts': 'export const h = 5;\n',
    'src/helpers/h2.ts': 'export const h = 6;\n',
    'src/feature/a.ts': 'export const feature = 7;\n',
    'src/feature/b.ts': 'export const feature = 8;\n',
    'shared-a/s.ts': 'export const shared = 9;\n',
    'packages/w/package.json': JSON.stringify({ name: '@svc/w', main: 'index.js' }),
    'packages/w/index.js': 'export const w = 10;\n',
  });
  fs.symlinkSync('../shared-a', path.join(root, 'src/shared'));
  writeFiles(outside, { 's.ts': 'export const shared = 11;\n' });
  return { root, cache: path.join(tempDir('shipset-cache-'), 'cache'), outside };
}

/** The whole result of a run (manifest, graph, counts), with the cache or without. */
async function resultOf(root: string, cache?: string) {
  return runPipeline({ ...defaultOptions(root, [ENTRY]), now: NOW, cache });
}

/** One engine run with the cache: how many imports it answered from stored resolutions, and how many it resolved again. */
async function resolutionsOf(root: string, cache: string): Promise<{ hits: number; misses: number }> {
  const scans = ScanCache.open(cache, SCANNER_VERSION);
  const engine = new JsEngine(root, new Resolver(root, loadTsProject(root, undefined)), scans);
  await buildJsGraph(engine, root, [path.join(root, ENTRY)]);
  scans.save();
  return { ...scans.resolutions };
}

/** A result as data: the graph's real-path lookup is a function (a new one each run), its answers are in the graph. */
function data(result: Awaited<ReturnType<typeof resultOf>>) {
  const { realpath, ...graph } = result.graph;
  expect(typeof realpath).toBe('function');
  return { ...result, graph };
}

/** A cached run gives the whole result of an uncached one. */
async function expectSameResult(root: string, cache: string): Promise<void> {
  const cached = data(await resultOf(root, cache));
  expect(cached).toEqual(data(await resultOf(root)));
}

/** The edges of one part, by specifier. */
function edgesOf(result: Awaited<ReturnType<typeof resultOf>>, part: string): Record<string, unknown> {
  return Object.fromEntries((result.graph.files.get(`src/parts/${part}.ts`)?.edges ?? []).map((e) => [e.specifier, e]));
}

/**
 * Each case: a change to the project, the imports it resolves again (a change to a listing, an
 * entry or a real path: the one import that read it; tsconfig.json: every import of the files it
 * owns; package.json: every import that read it), and what the moved import's edge says after it.
 */
const changes: Array<{
  name: string;
  misses: number;
  change: (p: ReturnType<typeof project>) => void;
  check: (result: Awaited<ReturnType<typeof resultOf>>) => void;
}> = [
  {
    name: "a new x.ts wins over x/index.ts for '../x'",
    misses: 1,
    change: ({ root }) => writeFiles(root, { 'src/x.ts': 'export const x = 12;\n' }),
    check: (r) => expect(edgesOf(r, 'x')['../x']).toMatchObject({ target: 'src/x.ts', shadowedCandidates: ['src/x/index.ts'] }),
  },
  {
    name: 'a new build output util.js beside util.ts',
    misses: 1,
    change: ({ root }) => writeFiles(root, { 'src/lib/util.js': 'export const util = 13;\n' }),
    check: (r) => expect(edgesOf(r, 'util')['../lib/util.js']).toMatchObject({ target: 'src/lib/util.ts', shadowedCandidates: ['src/lib/util.js'] }),
  },
  {
    name: 'a deleted file',
    misses: 1,
    change: ({ root }) => fs.rmSync(path.join(root, 'src/aliased/b.ts')),
    check: (r) => expect(edgesOf(r, 'b')['@lib/b.js']).toMatchObject({ class: 'unresolved' }),
  },
  {
    name: 'a tsconfig paths change',
    misses: IMPORTS,
    change: ({ root }) =>
      writeFiles(root, {
        'tsconfig.json': JSON.stringify({
          compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', baseUrl: '.', paths: { '@lib/*': ['src/alt/*'] } },
        }),
      }),
    check: (r) => expect(edgesOf(r, 'b')['@lib/b.js']).toMatchObject({ target: 'src/alt/b.ts' }),
  },
  {
    name: 'a package.json imports change',
    misses: PACKAGE_READERS,
    change: ({ root }) => {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
      pkg.imports = { '#helpers/h.js': './src/helpers/h2.ts' };
      writeFiles(root, { 'package.json': JSON.stringify(pkg) });
    },
    check: (r) => expect(edgesOf(r, 'h')['#helpers/h.js']).toMatchObject({ target: 'src/helpers/h2.ts' }),
  },
  {
    name: 'a package.json exports change',
    misses: PACKAGE_READERS,
    change: ({ root }) => {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
      pkg.exports = { './feature': './src/feature/b.ts' };
      writeFiles(root, { 'package.json': JSON.stringify(pkg) });
    },
    check: (r) => expect(edgesOf(r, 'feature')['svc/feature']).toMatchObject({ target: 'src/feature/b.ts' }),
  },
  {
    name: 'a symlink retargeted out of the root',
    misses: 1,
    change: ({ root, outside }) => {
      fs.rmSync(path.join(root, 'src/shared'));
      fs.symlinkSync(outside, path.join(root, 'src/shared'));
    },
    check: (r) => expect(edgesOf(r, 'shared')['../shared/s.js']).toMatchObject({ class: 'outside-root', symlink: 'src/shared/s.ts' }),
  },
  {
    name: 'a workspace package linked into node_modules',
    misses: 1,
    change: linkWorkspacePackage,
    check: (r) => expect(edgesOf(r, 'w')['@svc/w']).toMatchObject({ class: 'file', target: 'packages/w/index.js', workspace: '@svc/w' }),
  },
];

function linkWorkspacePackage({ root }: { root: string }): void {
  fs.mkdirSync(path.join(root, 'node_modules/@svc'), { recursive: true });
  fs.symlinkSync('../../packages/w', path.join(root, 'node_modules/@svc/w'));
}

describe('stored resolutions', () => {
  it('answer every import of an unchanged tree, and an edit that keeps the imports, from the cache', async () => {
    const { root, cache } = project();
    expect(await resolutionsOf(root, cache)).toEqual({ hits: 0, misses: IMPORTS });
    expect(await resolutionsOf(root, cache)).toEqual({ hits: IMPORTS, misses: 0 });
    await expectSameResult(root, cache);
    // An edit changes a scan, not a fact any resolution read.
    writeFiles(root, { [ENTRY]: INDEX + 'export const edited = 1;\n' });
    expect(await resolutionsOf(root, cache)).toEqual({ hits: IMPORTS, misses: 0 });
    await expectSameResult(root, cache);
  });

  for (const { name, misses, change, check } of changes) {
    it(`${name}: the result of a run without cache, and only the imports it moves resolved again`, async () => {
      const p = project();
      await resolutionsOf(p.root, p.cache);
      await expectSameResult(p.root, p.cache);
      const before = data(await resultOf(p.root));
      change(p);
      expect(await resolutionsOf(p.root, p.cache)).toEqual({ hits: IMPORTS - misses, misses });
      await expectSameResult(p.root, p.cache);
      const after = await resultOf(p.root, p.cache);
      expect(data(after)).not.toEqual(before);
      check(after);
      // The new answers are stored: the next run takes every import from the cache.
      expect(await resolutionsOf(p.root, p.cache)).toEqual({ hits: IMPORTS, misses: 0 });
    });
  }

  it('a package removed from node_modules', async () => {
    const p = project();
    linkWorkspacePackage(p);
    await resolutionsOf(p.root, p.cache);
    await expectSameResult(p.root, p.cache);
    fs.rmSync(path.join(p.root, 'node_modules'), { recursive: true });
    expect(await resolutionsOf(p.root, p.cache)).toEqual({ hits: IMPORTS - 1, misses: 1 });
    await expectSameResult(p.root, p.cache);
    expect(edgesOf(await resultOf(p.root, p.cache), 'w')['@svc/w']).toMatchObject({ class: 'package', packageName: '@svc/w' });
  });

  it("an extensionless script's #! line is read again: node becomes python, the import is no longer followed", async () => {
    const root = tempDir();
    const cache = path.join(tempDir('shipset-cache-'), 'cache');
    writeFiles(root, {
      'package.json': JSON.stringify({ name: 'tool' }),
      'src/index.js': "require('./tool');\n",
      'src/tool': '#!/usr/bin/env node\nconsole.log(1);\n',
    });
    const entry = ['src/index.js'];
    const run = async (withCache: boolean) => data(await runPipeline({ ...defaultOptions(root, entry), now: NOW, cache: withCache ? cache : undefined }, root));
    const tool = (r: Awaited<ReturnType<typeof run>>) => r.graph.files.get('src/index.js')?.edges.find((e) => e.specifier === './tool');
    expect(await run(true)).toEqual(await run(false));
    expect(tool(await run(true))).toMatchObject({ class: 'file', target: 'src/tool' });
    writeFiles(root, { 'src/tool': '#!/usr/bin/env python3\nprint(1)\n' });
    const fresh = await run(false);
    expect(tool(fresh)).toMatchObject({ class: 'unsupported' });
    expect(await run(true)).toEqual(fresh);
  });

  it('ignores a corrupt, forged or foreign stored resolution (the cache file is data)', async () => {
    const { root, cache } = project();
    await resolutionsOf(root, cache);
    const file = path.join(cache, CACHE_FILE);
    type Stored = CacheFileContent & { entries: Record<string, Record<string, unknown>>; facts: { id: string; keys: string[]; answers: string[] } };
    const tamper = (edit: (entry: Record<string, unknown>, s: Stored) => void, table?: (s: Stored) => void) => {
      const s = readCacheFile(file) as Stored;
      for (const key of Object.keys(s.entries).filter((k) => k.startsWith('resolve:'))) edit(s.entries[key], s);
      table?.(s);
      writeCacheFile(file, s);
    };
    const all = { hits: 0, misses: IMPORTS };
    expect(await resolutionsOf(root, cache)).toEqual({ hits: IMPORTS, misses: 0 });

    // Wrong shapes: every import resolved again, the same result.
    tamper((e) => {
      e.res = Object.fromEntries(Object.keys(e.res as object).map((id) => [id, { class: 'no such class', file: 42 }]));
    });
    expect(await resolutionsOf(root, cache)).toEqual(all);
    await expectSameResult(root, cache);
    tamper((e) => {
      e.facts = 'not a list';
    });
    expect(await resolutionsOf(root, cache)).toEqual(all);
    tamper((e) => {
      e.facts = [1e9];
    });
    expect(await resolutionsOf(root, cache)).toEqual(all);
    tamper(
      () => undefined,
      (s) => {
        s.facts.answers = s.facts.answers.slice(1);
      },
    );
    expect(await resolutionsOf(root, cache)).toEqual(all);

    // Well-formed but forged: stored answers that do not hold now, another file's entry, another table's slots.
    tamper(
      (e) => {
        e.res = Object.fromEntries(Object.keys(e.res as object).map((id) => [id, { class: 'builtin', packageName: 'fs' }]));
      },
      (s) => {
        s.facts.answers = s.facts.answers.map(() => 'forged');
      },
    );
    expect(await resolutionsOf(root, cache)).toEqual(all);
    await expectSameResult(root, cache);
    tamper((e) => {
      e.file = 'src/other.ts';
    });
    expect(await resolutionsOf(root, cache)).toEqual(all);
    tamper((e) => {
      e.table = 'another';
    });
    expect(await resolutionsOf(root, cache)).toEqual(all);
    // A fact of a kind this version does not know never holds.
    tamper(
      (e, s) => {
        (e.facts as number[]).push(s.facts.keys.length);
      },
      (s) => {
        s.facts.keys.push('?\0whatever');
        s.facts.answers.push('x');
      },
    );
    expect(await resolutionsOf(root, cache)).toEqual(all);
    await expectSameResult(root, cache);
    expect(await resolutionsOf(root, cache)).toEqual({ hits: IMPORTS, misses: 0 });
  });

  // Every golden project (workspaces, tsconfig families, exports, symlinks, ...): a cold and a warm
  // cached run give the whole result of a run without the cache, and the warm one resolves nothing.
  const GOLDEN = path.resolve('__fixtures__/golden');
  it.each(fs.readdirSync(GOLDEN).sort())('golden %s: the same result cold, warm and without the cache', async (name) => {
    const { entries } = JSON.parse(fs.readFileSync(path.join(GOLDEN, name, 'expected.json'), 'utf8')) as { entries: string[] };
    const root = copyFixture(path.join('golden', name, 'project'));
    const cache = path.join(tempDir('shipset-cache-'), 'cache');
    const run = async (withCache: boolean) =>
      data(await runPipeline({ ...defaultOptions(root, entries), now: NOW, cache: withCache ? cache : undefined }, root));
    const fresh = await run(false);
    expect(await run(true)).toEqual(fresh);
    expect(await run(true)).toEqual(fresh);
    const scans = ScanCache.open(cache, SCANNER_VERSION);
    const engine = new JsEngine(root, new Resolver(root, loadTsProject(root, undefined)), scans);
    await buildJsGraph(
      engine,
      root,
      entries.filter((e) => !e.endsWith('.py')).map((e) => path.join(root, e)),
    );
    expect(scans.resolutions.misses).toBe(0);
  });
});
