// The scan cache must never change an answer: after every kind of change (an edit, a new file, a
// deleted file, a tsconfig change) a run with the cache gives the manifest of a run without it, and
// only the scans the change touched are redone.
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { ScanCache } from '../../src/core/cache.js';
import { buildJsGraph, JsEngine } from '../../src/core/graph/js/engine.js';
import { Resolver } from '../../src/core/graph/js/resolve.js';
import { SCANNER_VERSION } from '../../src/core/graph/js/scan.js';
import { loadTsProject } from '../../src/core/graph/js/tsconfig.js';
import { checkCacheDir, defaultOptions } from '../../src/core/options.js';
import { runPipeline } from '../../src/core/pipeline.js';
import { UsageError } from '../../src/core/types.js';
import { readCacheFile, writeCacheFile } from '../helpers/cache-file.js';
import { cleanupFixtures, commit, gitInit, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const NOW = Date.parse('2026-01-01T00:00:00Z');
const ENTRY = 'src/index.ts';

function project(): { root: string; cache: string } {
  const root = tempDir();
  writeFiles(root, {
    'package.json': JSON.stringify({ name: 'svc', type: 'module' }),
    'tsconfig.json': JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } },
    }),
    'src/index.ts':
      "import { a } from './a.js';\nimport { b } from '@lib/b.js';\nimport type { T } from './types.js';\nconst t: T = { a, b };\nconsole.log(t);\n",
    'src/a.ts': "import data from './data.json' with { type: 'json' };\nexport const a = data.n;\n",
    'src/data.json': '{"n": 1}',
    'src/lib/b.ts': 'export const b = 2;\n',
    'src/alt/b.ts': "import { a } from '../a.js';\nexport const b = a + 1;\n",
    'src/types.ts': 'export interface T { a: number; b: number }\n',
  });
  // Outside the project tree, as the action and the docs set it up.
  return { root, cache: path.join(tempDir('shipset-cache-'), 'cache') };
}

async function manifestOf(root: string, cache?: string) {
  const result = await runPipeline({ ...defaultOptions(root, [ENTRY]), now: NOW, cache });
  return result.manifest;
}

/** One engine run with the cache: how many scans it reused and how many it redid. */
async function scansOf(root: string, cache: string): Promise<{ hits: number; misses: number }> {
  const scans = ScanCache.open(cache, SCANNER_VERSION);
  const engine = new JsEngine(root, new Resolver(root, loadTsProject(root, undefined)), scans);
  await buildJsGraph(engine, root, [path.join(root, ENTRY)]);
  scans.save();
  return { hits: scans.hits, misses: scans.misses };
}

/** A cached run and an uncached run of the same tree give the same manifest. */
async function expectSameAnswer(root: string, cache: string): Promise<void> {
  const cached = await manifestOf(root, cache);
  const fresh = await manifestOf(root);
  expect(cached).toEqual(fresh);
}

describe('scan cache', () => {
  it('gives the uncached answer cold and warm, and a warm run reparses nothing', async () => {
    const { root, cache } = project();
    expect(await scansOf(root, cache)).toEqual({ hits: 0, misses: 5 }); // index, a, data.json, lib/b, types
    await expectSameAnswer(root, cache);
    expect(await scansOf(root, cache)).toEqual({ hits: 5, misses: 0 });
    expect(fs.existsSync(path.join(root, 'shipset-scan-cache.json'))).toBe(false); // nothing written into the project
    const manifest = await manifestOf(root, cache);
    // tsconfig.json ships too: a TypeScript entry runs under tsx, which reads it at start.
    expect(manifest.files.map((f) => f.path)).toEqual(['package.json', 'src/a.ts', 'src/data.json', 'src/index.ts', 'src/lib/b.ts', 'tsconfig.json']);
  });

  it('an edit redoes exactly the edited file', async () => {
    const { root, cache } = project();
    await scansOf(root, cache);
    // a.ts now imports what b.ts is, and no longer the JSON file.
    writeFiles(root, { 'src/a.ts': "export { b as a } from './alt/b.js';\n" });
    expect(await scansOf(root, cache)).toEqual({ hits: 3, misses: 2 }); // a.ts edited; alt/b.ts newly reached
    await expectSameAnswer(root, cache);
    const manifest = await manifestOf(root, cache);
    expect(manifest.files.map((f) => f.path)).toContain('src/alt/b.ts');
    expect(manifest.files.map((f) => f.path)).not.toContain('src/data.json');
  });

  it('a new file is scanned, the files that did not change are not', async () => {
    const { root, cache } = project();
    await scansOf(root, cache);
    writeFiles(root, {
      'src/c.ts': 'export const c = 3;\n',
      'src/index.ts': "import { a } from './a.js';\nimport { b } from '@lib/b.js';\nimport { c } from './c.js';\nconsole.log(a, b, c);\n",
    });
    // index.ts (edited) and c.ts (new); types.ts is no longer reached.
    expect(await scansOf(root, cache)).toEqual({ hits: 3, misses: 2 });
    await expectSameAnswer(root, cache);
    expect((await manifestOf(root, cache)).files.map((f) => f.path)).toContain('src/c.ts');
  });

  it('a deleted file is unresolved at once, although its scan is still stored', async () => {
    const { root, cache } = project();
    await scansOf(root, cache);
    fs.rmSync(path.join(root, 'src/lib/b.ts'));
    expect(await scansOf(root, cache)).toEqual({ hits: 4, misses: 0 });
    await expectSameAnswer(root, cache);
    const manifest = await manifestOf(root, cache);
    expect(manifest.files.map((f) => f.path)).not.toContain('src/lib/b.ts');
    expect(manifest.findings.some((f) => f.rule === 'unresolved' && f.specifier === '@lib/b.js')).toBe(true);
  });

  it('a tsconfig change re-resolves every import, and rescans only when it changes what the compiler erases', async () => {
    const { root, cache } = project();
    await scansOf(root, cache);
    // paths only: the same scans, new resolutions.
    writeFiles(root, {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', baseUrl: '.', paths: { '@lib/*': ['src/alt/*'] } },
      }),
    });
    expect(await scansOf(root, cache)).toEqual({ hits: 4, misses: 1 }); // alt/b.ts is new to the set
    await expectSameAnswer(root, cache);
    expect((await manifestOf(root, cache)).files.map((f) => f.path)).toContain('src/alt/b.ts');
    // verbatimModuleSyntax changes what is erased: every TypeScript file is scanned again.
    writeFiles(root, {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', verbatimModuleSyntax: true, baseUrl: '.', paths: { '@lib/*': ['src/alt/*'] } },
      }),
    });
    const after = await scansOf(root, cache);
    expect(after.misses).toBe(4); // index, a, alt/b, types (data.json has no compiler settings)
    await expectSameAnswer(root, cache);
  });

  it('a damaged cache file is ignored with a notice and rewritten; one from another version is rebuilt quietly', async () => {
    const { root, cache } = project();
    fs.mkdirSync(cache, { recursive: true });
    const file = path.join(cache, 'shipset-scan-cache.json');
    fs.writeFileSync(file, '{"format": 1, "entries": [');
    const damaged = await manifestOf(root, cache);
    const fresh = await manifestOf(root);
    expect(damaged.notices.filter((n) => !fresh.notices.includes(n))).toEqual([expect.stringContaining('is not a shipset cache (or is damaged)')]);
    expect({ ...damaged, notices: [] }).toEqual({ ...fresh, notices: [] });
    expect(readCacheFile(file).format).toBe(4);
    expect(await scansOf(root, cache)).toEqual({ hits: 5, misses: 0 });

    // Another version's cache, or entries of the wrong shape: never used.
    fs.writeFileSync(file, JSON.stringify({ format: 1, engine: 'shipset 0.0.1', entries: {} }));
    expect(await scansOf(root, cache)).toEqual({ hits: 0, misses: 5 });
    const stored = readCacheFile(file);
    for (const key of Object.keys(stored.entries)) stored.entries[key] = { imports: 'not a list' };
    writeCacheFile(file, stored);
    await expectSameAnswer(root, cache);
    expect(fs.readdirSync(cache)).toEqual(['shipset-scan-cache.json']); // no temp file left behind
  });

  it('reads an entry only when asked, writes an unchanged one back as it was read, and drops a damaged one', async () => {
    const { root, cache } = project();
    await scansOf(root, cache);
    const file = path.join(cache, 'shipset-scan-cache.json');
    const lines = () => fs.readFileSync(file, 'utf8').split('\n');
    const scanLines = () => lines().filter((l) => /^"[0-9a-f]{64}:/.test(l));
    expect(scanLines()).toHaveLength(5);

    // Stored text in a spelling JSON.stringify would not write: an entry the run reads and does not
    // change goes back to the file byte for byte (it is not serialized again).
    const spaced = lines()
      .map((l) => (/^"[0-9a-f]{64}:/.test(l) ? l.replace('{"imports":', '{ "imports" :') : l))
      .join('\n');
    fs.writeFileSync(file, spaced);
    writeFiles(root, { 'src/a.ts': "import data from './data.json' with { type: 'json' };\nexport const a = data.n * 1;\n" });
    expect(await scansOf(root, cache)).toEqual({ hits: 4, misses: 1 }); // only the edited file is scanned: the file is rewritten
    const kept = scanLines().filter((l) => l.includes('{ "imports" :'));
    expect(kept).toHaveLength(5); // 4 read and unchanged, 1 not read (a.ts before the edit), all as they were
    expect(scanLines()).toHaveLength(6);
    await expectSameAnswer(root, cache);

    // A value that is not JSON is no entry (that file is scanned again); the others are used.
    const [first, ...others] = scanLines().filter((l) => !l.includes('{ "imports" :'));
    expect(others).toEqual([]);
    fs.writeFileSync(file, lines().join('\n').replace(first, first.replace(/\t.*/, '\t{"imports": [')));
    expect(await scansOf(root, cache)).toEqual({ hits: 4, misses: 1 });
    expect(lines().filter((l) => l.endsWith('\t{"imports": ['))).toEqual([]); // dropped, not written back
    await expectSameAnswer(root, cache);

    // A line that is not `key<TAB>value`, or a file cut short: the file is not a shipset cache.
    for (const broken of [lines().join('\n').replace(/\n"/, '\nnot a key\t"'), lines().join('\n').slice(0, -1)]) {
      fs.writeFileSync(file, broken);
      const damaged = await manifestOf(root, cache);
      expect(damaged.notices).toContainEqual(expect.stringContaining('is not a shipset cache (or is damaged)'));
      expect({ ...damaged, notices: [] }).toEqual({ ...(await manifestOf(root)), notices: [] });
      expect(await scansOf(root, cache)).toEqual({ hits: 5, misses: 0 });
    }
  });

  it('a cache file committed to the repository is not used (a pull request could forge its answers) and not rewritten', async () => {
    const { root } = project();
    const cache = path.join(root, '.shipset-cache');
    await manifestOf(root, cache);
    const file = path.join(cache, 'shipset-scan-cache.json');
    // The forged cache: every stored scan says "imports nothing", committed with the project.
    const forged = readCacheFile(file);
    for (const entry of Object.values(forged.entries) as Array<Record<string, unknown>>) if (Array.isArray(entry.imports)) entry.imports = [];
    writeCacheFile(file, forged);
    gitInit(root);
    commit(root, {}, '2025-11-05T10:00:00Z', 'project with its cache');
    const before = fs.readFileSync(file, 'utf8');
    const cached = await manifestOf(root, cache);
    const fresh = await manifestOf(root);
    expect(cached.notices.filter((n) => !fresh.notices.includes(n))).toEqual([
      expect.stringContaining('is tracked by git, so a commit can write any answer into it: it was not used'),
    ]);
    expect(cached.files).toEqual(fresh.files);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it("keeps madge's listing for an unchanged edge set and each file's deprecation header with its scan", async () => {
    const { root, cache } = project();
    writeFiles(root, { 'src/lib/b.ts': '// DEPRECATED: use alt/b\nexport const b = 2;\n' });
    const file = path.join(cache, 'shipset-scan-cache.json');
    const stored = () => readCacheFile(file);
    const madgeKeys = () => Object.keys(stored().entries).filter((k) => k.startsWith('madge:'));
    const deprecated = (m: Awaited<ReturnType<typeof manifestOf>>) => m.findings.filter((f) => f.rule === 'deprecated').map((f) => f.message);
    const cold = await manifestOf(root, cache);
    expect(deprecated(cold)).toEqual([expect.stringContaining("its header says '// DEPRECATED: use alt/b'")]);
    expect(madgeKeys()).toHaveLength(1);
    await expectSameAnswer(root, cache);

    // An edit that keeps every import keeps the edge set: madge's answer is reused, no new entry.
    writeFiles(root, { 'src/a.ts': "import data from './data.json' with { type: 'json' };\nexport const a = data.n + 0;\n" });
    await expectSameAnswer(root, cache);
    expect(madgeKeys()).toHaveLength(1);
    // A new import is a new edge set: madge walks again.
    writeFiles(root, { 'src/a.ts': "import data from './data.json' with { type: 'json' };\nimport './alt/b.js';\nexport const a = data.n;\n" });
    await expectSameAnswer(root, cache);
    expect(madgeKeys()).toHaveLength(2);

    // The stored answers are what the run uses: a listing short of a file is filled in from our
    // own walk (with the notice), and the header is the stored one, the file is not read again.
    const entries = stored().entries;
    for (const key of madgeKeys()) entries[key] = (entries[key] as string[]).filter((f) => f !== 'src/lib/b.ts');
    for (const value of Object.values(entries) as Array<{ header?: { text: string } | null }>)
      if (value.header) value.header = { ...value.header, text: '// DEPRECATED: as stored' };
    writeCacheFile(file, { ...stored(), entries });
    const warm = await manifestOf(root, cache);
    expect(warm.notices).toContainEqual(expect.stringContaining('madge did not list 1 reachable file(s) (src/lib/b.ts)'));
    expect(deprecated(warm)).toEqual([expect.stringContaining("its header says '// DEPRECATED: as stored'")]);
    expect(warm.files.map((f) => f.path)).toEqual(
      cold.files
        .map((f) => f.path)
        .concat('src/alt/b.ts')
        .sort(),
    );
  });

  it("keys a scan by the file's hash, its name and its settings, each of which makes another key", () => {
    const sha = 'a'.repeat(64);
    const settings = { verbatimModuleSyntax: true, jsxRuntime: 'jsx-runtime' };
    const key = ScanCache.key(sha, 'm.ts', settings);
    expect(key).toBe(ScanCache.key(sha, 'm.ts', { ...settings }));
    expect(new Set([key, ScanCache.key('b'.repeat(64), 'm.ts', settings), ScanCache.key(sha, 'm.tsx', settings), ScanCache.key(sha, 'm.ts', {})]).size).toBe(4);
    expect(ScanCache.key(sha, 'm.ts', { ...settings, verbatimModuleSyntax: false })).not.toBe(key);
    expect(ScanCache.key(sha, 'm.ts', undefined)).toBe(ScanCache.key(sha, 'm.ts', {}));
  });

  it('refuses a cache path that is a file, with one line naming it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    expect(() => checkCacheDir('not-a-folder', dir, '--cache')).toThrow(UsageError);
    expect(() => checkCacheDir('not-a-folder', dir, '--cache')).toThrow("--cache: 'not-a-folder' is not a folder");
    expect(checkCacheDir('new-cache', dir, '--cache')).toBe(path.join(dir, 'new-cache'));
  });
});
