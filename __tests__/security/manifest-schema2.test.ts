// Manifest schema 2: each file names only the import that first reached it (`via`), so the
// manifest stays linear in the size of the project. Schema 1 stored every file's whole chain: a
// 10,000-deep import chain made it ~50 million entries and the run died on "Invalid string length".
// `why` and findings rebuild chains from `via` on demand.
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { chainOf, findingChain, viaMap } from '../../src/core/graph/via.js';
import { defaultOptions } from '../../src/core/options.js';
import { runPipeline } from '../../src/core/pipeline.js';
import { formatChain } from '../../src/core/rules/rule.js';
import type { FileNode, Manifest } from '../../src/core/types.js';
import { runCli } from '../helpers/cli.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const DEPTH = 10_000;

function node(file: string, imports: Array<[string, number]>): FileNode {
  return {
    path: file,
    language: 'js',
    edges: imports.map(([target, line]) => ({
      from: file,
      specifier: `./${target}`,
      line,
      column: 1,
      kind: 'import' as const,
      class: 'file' as const,
      target,
    })),
    dynamic: [],
  };
}

describe('via and chainOf', () => {
  const files = new Map<string, FileNode>([
    [
      'index.js',
      node('index.js', [
        ['a.js', 2],
        ['b.js', 5],
      ]),
    ],
    ['a.js', node('a.js', [['c.js', 1]])],
    [
      'b.js',
      node('b.js', [
        ['c.js', 1],
        ['index.js', 3],
      ]),
    ],
    ['c.js', node('c.js', [['a.js', 4]])],
  ]);
  const via = viaMap(['index.js'], files);

  it('keeps the first import reached breadth-first (file and line); entries have null', async () => {
    expect(Object.fromEntries(via)).toEqual({
      'index.js': null,
      'a.js': { file: 'index.js', line: 2 },
      'b.js': { file: 'index.js', line: 5 },
      'c.js': { file: 'a.js', line: 1 },
    });
  });

  it('rebuilds the shortest chain entry first; a file never reached is its own chain; a malformed cycle cannot hang', async () => {
    expect(chainOf({ via }, 'c.js')).toEqual(['index.js', 'a.js', 'c.js']);
    expect(chainOf({ via }, 'index.js')).toEqual(['index.js']);
    expect(chainOf({ via }, 'elsewhere.js')).toEqual(['elsewhere.js']);
    const loop = new Map([
      ['x', { file: 'y', line: 1 }],
      ['y', { file: 'x', line: 1 }],
    ]);
    expect(chainOf({ via: loop }, 'x')).toEqual(['y', 'x']);
  });

  it('a finding keeps at most 100 steps of a long chain, with a marker counting the rest', async () => {
    const files = new Map<string, FileNode>();
    for (let i = 0; i < 300; i++) files.set(`f${i}.js`, node(`f${i}.js`, i < 299 ? [[`f${i + 1}.js`, 1]] : []));
    const graph = { via: viaMap(['f0.js'], files) };
    const chain = findingChain(graph, 'f299.js');
    expect(chain).toHaveLength(101);
    expect([chain[0], chain[49], chain[50], chain[51], chain[100]]).toEqual(['f0.js', 'f49.js', '… 200 more files …', 'f250.js', 'f299.js']);
    expect(formatChain(chain)).toBe(
      'f0.js -> f1.js -> f2.js -> f3.js -> f4.js -> f5.js -> ... (288 more) ... -> f294.js -> f295.js -> f296.js -> f297.js -> f298.js -> f299.js',
    );
    expect(findingChain(graph, 'f99.js')).toEqual(chainOf(graph, 'f99.js'));
  });

  it('messages show a long chain with its middle elided', async () => {
    const chain = Array.from({ length: 30 }, (_, i) => `f${i}.js`);
    expect(formatChain(chain)).toBe(
      'f0.js -> f1.js -> f2.js -> f3.js -> f4.js -> f5.js -> ... (18 more) ... -> f24.js -> f25.js -> f26.js -> f27.js -> f28.js -> f29.js',
    );
    expect(formatChain(['a', 'b'])).toBe('a -> b');
  });
});

describe('schema 2 fields', () => {
  it('has schema, runtime, typeOnly, files[].via and reason, findings[].sites and suppressed, and no per-file chain', async () => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': '{"name":"app","main":"src/index.js"}',
      'src/index.js': "// entry\nimport './lib/a.js';\n",
      'src/lib/a.js': "import './gone.js';\n",
      'extra.txt': 'x\n',
    });
    const { manifest } = await runPipeline({ ...defaultOptions(root, ['src/index.js']), include: ['package.json', 'extra.txt'] }, root);
    expect(Object.keys(manifest)).toEqual([
      'schema',
      'tool',
      'root',
      'entries',
      'runtime',
      'files',
      'typeOnly',
      'dormant',
      'packages',
      'findings',
      'notices',
      'tarball',
    ]);
    expect(manifest).toMatchObject({ schema: 2, runtime: 'node', typeOnly: [] });
    expect(manifest.files.map((f) => [f.path, f.reason, f.via])).toEqual([
      ['extra.txt', 'include', null],
      ['package.json', 'include', null],
      ['src/index.js', 'entry', null],
      ['src/lib/a.js', 'import', { file: 'src/index.js', line: 2 }],
    ]);
    for (const f of manifest.files) expect(Object.keys(f)).toEqual(['path', 'bytes', 'sha256', 'reason', 'via']);
    expect(manifest.findings).toEqual([
      expect.objectContaining({ rule: 'unresolved', file: 'src/lib/a.js', line: 1, chain: ['src/index.js', 'src/lib/a.js'], sites: [], suppressed: null }),
    ]);
  });
});

/** A chain f0.js -> f1.js -> ... -> f<depth>.js, whose last file imports a missing one. */
function chainProject(depth: number): string {
  const root = tempDir();
  const files: Record<string, string> = {};
  for (let i = 0; i < depth; i++) files[`f${i}.js`] = `// step ${i}\nimport './f${i + 1}.js';\n`;
  files[`f${depth}.js`] = "import './missing.js';\n";
  writeFiles(root, files);
  return root;
}

// The incident's size, once, end to end. The other cases prove linearity at SMALL depth: a
// per-file chain there (SMALL^2 / 2 = 2 million entries) still overshoots each size bound below
// several times over, and chainOf rebuilding the full 10,001-file chain is already shown by the
// elided finding chain of the large case (its count of the files left out needs the whole chain).
const SMALL = 2_000;

describe(`a ${DEPTH.toLocaleString('en')}-deep import chain`, () => {
  const root = chainProject(DEPTH);

  it('checks in seconds; the manifest is linear in size and rebuilds the full chain', async () => {
    const out = path.join(tempDir(), 'shipset.json');
    const started = Date.now();
    const r = await runCli(['check', 'f0.js', '--manifest', out], root);
    const seconds = (Date.now() - started) / 1000;
    expect(r.stderr).not.toContain('internal error');
    expect(r.status).toBe(1); // the unresolved import at the bottom
    expect(seconds).toBeLessThan(45);
    // ~240 bytes per file; schema 1 needed ~DEPTH^2 / 2 chain entries (hundreds of MB).
    const text = fs.readFileSync(out, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThan(400 * (DEPTH + 1) + 600_000);
    const m = JSON.parse(text) as Manifest;
    expect(m.schema).toBe(2);
    expect(m.files).toHaveLength(DEPTH + 1);
    expect(m.files.find((f) => f.path === `f${DEPTH}.js`)!.via).toEqual({ file: `f${DEPTH - 1}.js`, line: 2 });
    // The finding keeps the first and last 50 files of its chain and counts the rest; `why` has them all.
    const [finding] = m.findings;
    expect(finding).toMatchObject({ rule: 'unresolved', file: `f${DEPTH}.js`, line: 1 });
    expect(finding.chain).toEqual([
      ...Array.from({ length: 50 }, (_, i) => `f${i}.js`),
      `… ${(DEPTH + 1 - 100).toLocaleString('en-US')} more files …`,
      ...Array.from({ length: 50 }, (_, i) => `f${DEPTH - 49 + i}.js`),
    ]);
    expect(finding.message.length).toBeLessThan(1000);
  }, 90_000);
});

describe(`a ${SMALL.toLocaleString('en')}-deep import chain`, () => {
  const small = chainProject(SMALL);

  it('`why` prints every step of the chain, with file:line, in output linear in the depth', async () => {
    const r = await runCli(['why', `f${SMALL}.js`, '--entry', 'f0.js'], small);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`f${SMALL}.js ships: one import chain from an entry reaches it.`);
    expect(lines[2]).toBe(`f${SMALL}.js`);
    expect(lines[3]).toBe(`  imported by f${SMALL - 1}.js:2 (./f${SMALL}.js)`);
    expect(lines[lines.length - 1].trim()).toBe('imported by f0.js:2 (./f1.js), an entry');
    expect(lines.filter((l) => l.includes('imported by'))).toHaveLength(SMALL);
    expect(Buffer.byteLength(r.stdout)).toBeLessThan(150 * SMALL);
  }, 90_000);

  it('a finding in each of the 2,001 files still gives a manifest linear in size', async () => {
    const dyn = tempDir();
    const more: Record<string, string> = {};
    for (let i = 0; i < SMALL; i++) more[`f${i}.js`] = `import './f${i + 1}.js';\nimport(globalThis.x);\n`;
    more[`f${SMALL}.js`] = 'export {};\n';
    writeFiles(dyn, more);
    const out = path.join(tempDir(), 'shipset.json');
    const r = await runCli(['check', 'f0.js', '--manifest', out], dyn);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0); // dynamic is a warning
    const text = fs.readFileSync(out, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThan(4_000 * (SMALL + 1)); // ~2.6 KB a finding; full chains would be ~20 MB
    const m = JSON.parse(text) as Manifest;
    expect(m.findings).toHaveLength(SMALL);
    expect(m.findings.every((f) => f.rule === 'dynamic' && f.chain.length <= 101)).toBe(true);
  }, 90_000);

  it('the graph in process: via for every file, chainOf rebuilds the 2,001-file chain', async () => {
    const { graph } = await runPipeline(defaultOptions(small, ['f0.js']), small);
    expect(graph.via.size).toBe(SMALL + 1);
    const chain = chainOf(graph, `f${SMALL}.js`);
    expect(chain).toHaveLength(SMALL + 1);
    expect(chain[0]).toBe('f0.js');
    expect(fs.existsSync(path.join(small, chain[SMALL]))).toBe(true);
  }, 90_000);
});
