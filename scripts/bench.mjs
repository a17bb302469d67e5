// npm run bench [-- --sizes 1000,4000 --rounds 5 --full]
// Generates synthetic TypeScript projects (realistic fan-out, tsconfig path aliases, `.js`-suffixed
// imports, JSON, literal dynamic imports, type-only imports and dormant files; every imported
// binding is used as a value, so compilers keep every import) and measures, side by side and
// alternating in one run, each as a fresh node process:
//   shipset        `node dist/cli.js check` (the bundle users run), no cache
//   shipset-warm   the same with --cache DIR, nothing changed since the last run
//   shipset-edit   the same with --cache DIR, one file edited before each run
//   madge          bare madge 8 with the options a correct set needs, same entry
//   esbuild        esbuild's metafile for the same entry (bundle, write: false)
// Sizes: --sizes (default 1000,4000: quick); --full is 1000,4000,16000. `--repo DIR:ENTRY`
// (repeatable) measures a real checkout the same way: copied to a temp folder first (without .git
// and node_modules: its bare imports stay unresolved for every tool alike), the entry's first file
// edited for the edit run. Wall time and peak RSS
// per run come from GNU time when present. Then the pack stage against GNU tar
// (scripts/bench-pack.mjs; --no-pack skips it). Temp folders are removed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '4000' },
    sizes: { type: 'string' },
    full: { type: 'boolean' },
    rounds: { type: 'string', default: '5' },
    'no-pack': { type: 'boolean' },
    'generate-only': { type: 'string' },
    repo: { type: 'string', multiple: true },
  },
});
if (values['generate-only']) {
  // Write the synthetic project to a folder and stop (to look at it, or profile one tool).
  console.log(generate(path.resolve(values['generate-only']), Number(values.files)));
  process.exit(0);
}
const REPOS = (values.repo ?? []).map((arg) => {
  const at = arg.lastIndexOf(':');
  if (at <= 0) {
    console.error(`--repo ${arg}: expected DIR:ENTRY (the entry relative to DIR, e.g. ../api:src/main.ts)`);
    process.exit(2);
  }
  return { dir: path.resolve(arg.slice(0, at)), entry: arg.slice(at + 1) };
});
const SIZES = values.repo && !values.sizes && !values.full ? [] : (values.full ? '1000,4000,16000' : (values.sizes ?? '1000,4000')).split(',').map(Number);
const ROUNDS = Number(values.rounds);
const repo = process.cwd();
if (!fs.existsSync('dist/cli.js')) {
  console.error('dist/cli.js is missing: run `npm run bundle` first.');
  process.exit(2);
}

const load = os
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
console.log(
  `machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.cpus()[0]?.model ?? '?'}, node ${process.version}, load average at start ${load}`,
);
const summary = [];
for (const size of SIZES) summary.push(benchSize(size));
for (const target of REPOS) summary.push(benchRepo(target));
console.log(
  `\nload average at end ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
const width = Math.max(7, ...summary.map((r) => String(r.size).length));
console.log(`\n${'size'.padEnd(width)} reachable  shipset  warm   edit   esbuild  madge   ms/file  shipset/esbuild  warm/cold  edit/cold  RSS shipset/madge`);
for (const r of summary) {
  console.log(
    `${String(r.size).padEnd(width)} ${String(r.found).padStart(9)}  ${fmt(r.shipset)} ${fmt(r.warm)} ${fmt(r.edit)} ${fmt(r.esbuild)}  ${fmt(r.madge)}  ${(r.shipset / r.found).toFixed(3).padStart(7)}  ${(r.shipset / r.esbuild).toFixed(2).padStart(15)}x  ${(r.warm / r.shipset).toFixed(2).padStart(8)}x  ${(r.edit / r.shipset).toFixed(2).padStart(8)}x  ${(r.rssShipset / r.rssMadge).toFixed(2).padStart(14)}x`,
  );
}

function fmt(ms) {
  return `${(ms / 1000).toFixed(2)}s`.padStart(6);
}

function benchSize(size) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shipset-bench-'));
  try {
    const project = path.join(work, 'project');
    const stats = generate(project, size);
    console.log(`\nproject: ${stats.files} files (${stats.reachable} reachable, ${stats.dormant} dormant), ${stats.edges} imports`);
    return { size, ...benchProject(work, project, 'src/main.ts', 'src/feature0/m00001.ts', 'tsconfig.json') };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** A real checkout, copied (no .git, no node_modules) so the edit run never touches the user's tree. */
function benchRepo({ dir, entry }) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shipset-bench-'));
  try {
    const project = path.join(work, 'project');
    fs.cpSync(dir, project, { recursive: true, filter: (src) => !['.git', 'node_modules'].includes(path.basename(src)) });
    if (!fs.existsSync(path.join(project, entry))) throw new Error(`--repo ${dir}: ${entry} does not exist there`);
    const tsconfig = fs.existsSync(path.join(project, 'tsconfig.json')) ? 'tsconfig.json' : undefined;
    console.log(`\nrepository: ${dir} (entry ${entry})`);
    return { size: path.basename(dir), ...benchProject(work, project, entry, entry, tsconfig) };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Every tool on one project, alternating; medians per tool. `edited` (relative) gets a comment appended before each edit run. */
function benchProject(work, project, entry, editedRel, tsconfig) {
  const cache = path.join(work, 'cache');
  const runners = writeRunners(work, entry, tsconfig);
  const hasTime = fs.existsSync('/usr/bin/time');
  const check = [path.join(repo, 'dist/cli.js'), 'check', entry, '--root', project, '--json', '--rule', 'stale=off'];
  const edited = path.join(project, editedRel);
  const original = fs.readFileSync(edited, 'utf8');
  let edits = 0;
  const tools = {
    shipset: { args: check },
    'shipset-warm': { args: [...check, '--cache', cache] },
    // One file changed since the cached run (as a push to a pull request does).
    'shipset-edit': { args: [...check, '--cache', cache], before: () => fs.writeFileSync(edited, `${original}\n// edit ${++edits}\n`) },
    madge: { args: [runners.madge, project] },
    esbuild: { args: [runners.esbuild, project] },
  };
  const results = Object.fromEntries(Object.keys(tools).map((k) => [k, { ms: [], rssKb: [], count: 0 }]));
  const order = Object.keys(tools);
  for (let round = 0; round < ROUNDS + 1; round++) {
    // Rotate the order each round so no tool always runs first (cold caches) or last.
    const names = order.map((_, i) => order[(i + round) % order.length]);
    for (const name of names) {
      tools[name].before?.();
      // The warm run must find the cache of the same tree: fill it right before.
      if (name === 'shipset-warm') timeRun(tools[name].args, project, false);
      const r = timeRun(tools[name].args, project, hasTime);
      if (round === 0) continue; // warm-up
      results[name].ms.push(r.ms);
      if (r.rssKb) results[name].rssKb.push(r.rssKb);
      results[name].count = r.count;
    }
  }
  const base = median(results.madge.ms);
  console.log('tool           median wall   peak RSS    files found   vs madge');
  for (const [name, r] of Object.entries(results)) {
    const ms = median(r.ms);
    console.log(
      `${name.padEnd(14)} ${`${ms.toFixed(0)} ms`.padStart(11)}   ${r.rssKb.length ? `${(median(r.rssKb) / 1024).toFixed(0)} MiB`.padStart(8) : '     n/a'}    ${String(r.count).padStart(11)}   ${(ms / base).toFixed(2)}x`,
    );
  }
  console.log(`(${ROUNDS} rounds after a warm-up, order rotated each round)`);
  return {
    found: results.shipset.count,
    shipset: median(results.shipset.ms),
    warm: median(results['shipset-warm'].ms),
    edit: median(results['shipset-edit'].ms),
    esbuild: median(results.esbuild.ms),
    madge: median(results.madge.ms),
    rssShipset: median(results.shipset.rssKb),
    rssMadge: median(results.madge.rssKb),
  };
}

if (!values['no-pack'] && fs.existsSync('scripts/bench-pack.mjs')) {
  const r = spawnSync(process.execPath, ['scripts/bench-pack.mjs'], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}

function timeRun(args, cwd, hasTime) {
  const t0 = process.hrtime.bigint();
  const cmd = hasTime ? '/usr/bin/time' : process.execPath;
  const argv = hasTime ? ['-f', '__TIME__ %M', process.execPath, ...args] : args;
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rss = /__TIME__ (\d+)/.exec(r.stderr ?? '');
  let count = 0;
  try {
    const out = JSON.parse(r.stdout);
    count = out.files ? out.files.filter((f) => f.reason !== 'include').length : out.count;
  } catch {
    throw new Error(`${args[0]} failed (exit ${r.status}): ${(r.stderr || r.stdout).slice(0, 2000)}`);
  }
  return { ms, rssKb: rss ? Number(rss[1]) : undefined, count };
}

/** The madge and esbuild scripts for `entry` (relative to the project given as argv[2]), with `tsconfig` (relative) when there is one. */
function writeRunners(dir, entry, tsconfig) {
  const nm = path.join(repo, 'node_modules');
  const madge = path.join(dir, 'madge-run.cjs');
  fs.writeFileSync(
    madge,
    `const madge = require(${JSON.stringify(path.join(nm, 'madge'))});
const ts = require(${JSON.stringify(path.join(nm, 'typescript'))});
const path = require('path');
const root = process.argv[2];
const tsconfig = ${JSON.stringify(tsconfig ?? null)};
// The options a correct set needs (docs/dependencies.md): every extension, per-type detective flags,
// and a parsed tsconfig object (a path loses module/moduleResolution and the location).
const o = tsconfig ? ts.getParsedCommandLineOfConfigFile(path.join(root, tsconfig), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} }).options : {};
const flags = { skipTypeImports: true, mixedImports: true };
madge(path.join(root, ${JSON.stringify(entry)}), {
  baseDir: root,
  fileExtensions: ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts', 'json'],
  detectiveOptions: { ts: flags, tsx: flags, es6: flags, js: flags },
  tsConfig: { compilerOptions: { ...o, module: 'nodenext', moduleResolution: 'nodenext', pathsBasePath: root, baseUrl: o.baseUrl } },
}).then((m) => console.log(JSON.stringify({ count: Object.keys(m.obj()).length })));
`,
  );
  const esbuild = path.join(dir, 'esbuild-run.mjs');
  fs.writeFileSync(
    esbuild,
    `import { build } from ${JSON.stringify(path.join(nm, 'esbuild', 'lib', 'main.js'))};
import path from 'node:path';
const root = process.argv[2];
const tsconfig = ${JSON.stringify(tsconfig ?? null)};
const r = await build({ entryPoints: [path.join(root, ${JSON.stringify(entry)})], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', ...(tsconfig && { tsconfig: path.join(root, tsconfig) }), logLevel: 'silent', outdir: path.join(root, 'out') });
console.log(JSON.stringify({ count: Object.keys(r.metafile.inputs).length }));
`,
  );
  return { madge, esbuild };
}

/** A deterministic pseudo-random project: every generated file but the dormant ones is reachable. */
function generate(root, n) {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const dormantEvery = 10;
  const live = [];
  const dormant = [];
  for (let i = 0; i < n; i++) (i % dormantEvery === dormantEvery - 1 ? dormant : live).push(i);
  const name = (i) => `m${String(i).padStart(5, '0')}`;
  const dirOf = (i) => `src/feature${Math.floor(i / 100)}`;
  const imports = new Map(live.map((i) => [i, []]));
  // A spanning tree keeps every live file reachable; extra forward edges give realistic fan-out.
  for (let k = 1; k < live.length; k++) imports.get(live[Math.floor(rand() * k)]).push(live[k]);
  for (let k = 0; k < live.length; k++) {
    const extra = Math.floor(rand() * 4);
    for (let e = 0; e < extra && k + 1 < live.length; e++) imports.get(live[k]).push(live[k + 1 + Math.floor(rand() * Math.min(50, live.length - k - 1))]);
  }
  fs.mkdirSync(path.join(root, 'src/data'), { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'bench', type: 'module', dependencies: { zod: '^3' } }));
  fs.writeFileSync(
    path.join(root, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        baseUrl: '.',
        paths: { '@app/*': ['src/*'] },
        resolveJsonModule: true,
      },
    }),
  );
  let edges = 0;
  const body =
    'export function work(x: number): number {\n' + '  let y = x;\n  for (let i = 0; i < 10; i++) y = (y * 31 + i) % 1000003;\n  return y;\n}\n'.repeat(1);
  const write = (i, deps) => {
    const dir = path.join(root, dirOf(i));
    fs.mkdirSync(dir, { recursive: true });
    const lines = [];
    deps.forEach((d, j) => {
      const style = (i + j) % 7;
      const rel = path.posix.relative(dirOf(i), dirOf(d)) || '.';
      const relSpec = (rel.startsWith('.') ? rel : './' + rel) + '/' + name(d);
      if (style === 0) lines.push(`import { work as w${j} } from '@app/${dirOf(d).slice(4)}/${name(d)}.js';`);
      else if (style === 1) lines.push(`const w${j} = (await import('${relSpec}.js')).work;`);
      else lines.push(`import { work as w${j} } from '${relSpec}.js';`);
      edges++;
    });
    // Every imported binding is used as a value: TypeScript, esbuild and shipset all keep the import.
    const used = deps.map((_, j) => `w${j}`);
    if (i % 5 === 0) {
      fs.writeFileSync(path.join(root, `src/data/d${i}.json`), JSON.stringify({ id: i, values: [1, 2, 3] }));
      lines.push(`import data from '../data/d${i}.json' with { type: 'json' };`);
      used.push('data');
      edges++;
    }
    if (i % 3 === 0) lines.push(`import type { Shape } from '../types.js';`, `export const shape: Shape = { id: ${i} };`);
    lines.push(`import { z } from 'zod';`, `import fs from 'node:fs';`);
    used.push('z', 'fs');
    lines.push('', '/** Generated module ' + i + '. */', body);
    lines.push(`export const used = [${used.join(', ')}];`);
    fs.writeFileSync(path.join(dir, name(i) + '.ts'), lines.join('\n') + '\n');
  };
  for (const i of live) write(i, imports.get(i));
  for (const i of dormant) write(i, [live[Math.floor(rand() * live.length)]]);
  fs.writeFileSync(path.join(root, 'src/types.ts'), 'export interface Shape { id: number }\n');
  fs.writeFileSync(path.join(root, 'src/main.ts'), `import { work } from './feature0/${name(0)}.js';\nconsole.log(work(1));\n`);
  const reachable = live.length + 1 + Math.ceil(live.filter((i) => i % 5 === 0).length);
  return { files: n + 2, reachable, dormant: dormant.length + 1, edges };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}
