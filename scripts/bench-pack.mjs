#!/usr/bin/env node
// Benchmark (not a test): shipset's tarball writer against GNU `tar -czf` of the same sorted
// file list, side by side in one run, alternating, several rounds. Target: at most 1.3x GNU tar.
//
//   node scripts/bench-pack.mjs [--files 2000] [--rounds 7]
//
// The writer is bundled from src/core/pack with esbuild into the temp folder, so no build is
// needed; the temp folder (synthetic tree, bundle, archives) is removed at the end.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const FILE_COUNT = arg('files', 2000);
const ROUNDS = arg('rounds', 7);

// Deterministic pseudo-random numbers, so every run packs the same tree.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

const KEYWORDS = ['const', 'import', 'export', 'function', 'return', 'await', 'async', 'if', 'for', 'new', 'this', 'null'];
const SYLLABLES = [
  'us',
  'er',
  'or',
  'der',
  'cart',
  'pri',
  'ce',
  'ses',
  'sion',
  're',
  'quest',
  'hand',
  'ler',
  'con',
  'fig',
  'log',
  'get',
  'set',
  'item',
  'to',
  'tal',
  'id',
  'na',
  'me',
  'val',
  'ue',
  'map',
  'list',
  'in',
  'dex',
  'key',
  'data',
];
const PUNCT = [' = ', '(', ') ', '.', ', ', ' => ', ': ', '[', '] ', ' + ', ' === ', '{ ', ' }'];
const pick = (xs) => xs[Math.floor(random() * xs.length)];
function identifier() {
  let id = pick(SYLLABLES);
  for (let n = Math.floor(random() * 3); n > 0; n--) {
    const s = pick(SYLLABLES);
    id += s[0].toUpperCase() + s.slice(1);
  }
  return id;
}

/** Source-like text of about `bytes` bytes that gzips like real code (to roughly a quarter). */
function sourceText(bytes) {
  const lines = [];
  let size = 0;
  while (size < bytes) {
    let line = '  '.repeat(Math.floor(random() * 4)) + (random() < 0.4 ? pick(KEYWORDS) + ' ' : '');
    for (let n = 2 + Math.floor(random() * 6); n > 0; n--) {
      line += random() < 0.15 ? `'${identifier()}-${Math.floor(random() * 10000)}'` : identifier();
      line += pick(PUNCT);
    }
    line += random() < 0.7 ? ';' : ' {';
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

/** Sizes of a typical service tree: mostly 1-8 KB, a tail of large files (log-normal-ish). */
function fileSize() {
  const u = random() + random() + random() + random() - 2; // ~ normal(0, 0.58)
  return Math.max(120, Math.min(200_000, Math.round(Math.exp(8.2 + 1.6 * u))));
}

function makeTree(root) {
  const paths = [];
  let total = 0;
  for (let i = 0; i < FILE_COUNT; i++) {
    const dir = `src/module${i % 40}/part${i % 7}`;
    const rel = `${dir}/file${i}.${['ts', 'js', 'json', 'mjs'][i % 4]}`;
    fs.mkdirSync(path.join(root, dir), { recursive: true });
    const text = sourceText(fileSize());
    fs.writeFileSync(path.join(root, rel), text);
    total += text.length;
    paths.push(rel);
  }
  paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { paths, total };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipset-bench-pack-')));
  try {
    const root = path.join(work, 'tree');
    const { paths, total } = makeTree(root);
    const list = path.join(work, 'files.txt');
    fs.writeFileSync(list, paths.join('\n') + '\n');

    const bundle = path.join(work, 'pack.mjs');
    await esbuild.build({
      entryPoints: [path.join(here, '../src/core/pack/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      logLevel: 'error',
    });
    const { writeTarball } = await import(pathToFileURL(bundle).href);

    const graph = { root, entries: [paths[0]], files: new Map(), chains: new Map(), dormant: [], sourceFiles: paths, inGit: false, notices: [] };
    const files = paths.map((p) => ({ path: p, bytes: 0, sha256: '', reason: 'include', chain: [] }));
    const ours = path.join(work, 'shipset.tar.gz');
    const gnu = path.join(work, 'gnu.tar.gz');
    const options = { root, entries: graph.entries, rules: {}, deprecated: [], exclude: [], staleIgnore: [], pythonPath: [], pack: true, tarball: ours };
    process.env.SOURCE_DATE_EPOCH = '0';

    const runOurs = async () => {
      const t = performance.now();
      const { tarball } = await writeTarball(files, graph, options);
      if (!tarball) throw new Error('writeTarball wrote nothing');
      return performance.now() - t;
    };
    const runGnu = () => {
      const t = performance.now();
      execFileSync('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '-czf', gnu, '-C', root, '-T', list]);
      return performance.now() - t;
    };

    await runOurs(); // warm-up: JIT, page cache
    runGnu();
    const oursMs = [];
    const gnuMs = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which goes first so neither always profits from a warmer cache.
      if (r % 2) {
        gnuMs.push(runGnu());
        oursMs.push(await runOurs());
      } else {
        oursMs.push(await runOurs());
        gnuMs.push(runGnu());
      }
    }
    const o = median(oursMs);
    const g = median(gnuMs);
    console.log(`tree: ${paths.length} files, ${(total / 1e6).toFixed(1)} MB; ${ROUNDS} rounds, alternating; node ${process.version}`);
    console.log(
      `shipset writeTarball (write + read-back closure check + sha256): median ${o.toFixed(0)} ms  (${(fs.statSync(ours).size / 1e6).toFixed(2)} MB)`,
    );
    console.log(`GNU tar -czf (same sorted list):                              median ${g.toFixed(0)} ms  (${(fs.statSync(gnu).size / 1e6).toFixed(2)} MB)`);
    console.log(`ratio: ${(o / g).toFixed(2)}x  (target <= 1.30x) ${o / g <= 1.3 ? 'OK' : 'OVER TARGET'}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
