// npm run bench:parsers [-- --files 4000 --rounds 3 --scratch DIR]
// The parser choice, measured: each parser in a fresh process, load time and the time to build an
// AST for every file of a generated TypeScript service (the same generator as bench.mjs), medians
// of alternating rounds. TypeScript and Babel are shipset's own dependencies; oxc (WASM build),
// SWC (WASM build) and oxc (native, for scale: it cannot go into dist/) are measured when a
// scratch install provides them: `npm install --prefix /tmp/parsers @oxc-parser/binding-wasm32-wasi
// @swc/wasm oxc-parser` and pass `--scratch /tmp/parsers`.
// Then the Python engine (the @lezer/python parse plus shipset's syntax checks, as the engine runs
// it per file) against CPython's `ast.parse` over the same files in one process: the standard
// library of the python3 on PATH plus nothing else. Temp folders are removed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '4000' },
    rounds: { type: 'string', default: '3' },
    scratch: { type: 'string' },
    'python-files': { type: 'string', default: '1500' },
  },
});
const repo = process.cwd();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shipset-bench-parsers-'));
const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
process.on('SIGINT', () => (cleanup(), process.exit(130)));
process.on('SIGTERM', () => (cleanup(), process.exit(143)));

try {
  const project = path.join(tmp, 'service');
  const gen = spawnSync(process.execPath, [path.join(repo, 'scripts/bench.mjs'), '--generate-only', project, '--files', values.files], { encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`generating the service failed: ${gen.stderr}`);
  const list = path.join(tmp, 'ts-files.txt');
  fs.writeFileSync(
    list,
    walk(path.join(project, 'src'))
      .filter((f) => f.endsWith('.ts'))
      .join('\n'),
  );

  const candidates = [
    [
      'typescript',
      `const ts = requireFrom(${JSON.stringify(repo)}, 'typescript'); parse = (f, s) => ts.createSourceFile(f, s, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);`,
    ],
    [
      '@babel/parser',
      `const b = requireFrom(${JSON.stringify(repo)}, '@babel/parser'); parse = (f, s) => b.parse(s, { sourceType: 'module', plugins: ['typescript'] });`,
    ],
  ];
  if (values.scratch) {
    const at = JSON.stringify(path.resolve(values.scratch));
    candidates.push(
      ['oxc (wasm)', `const o = requireFrom(${at}, '@oxc-parser/binding-wasm32-wasi'); parse = (f, s) => o.parseSync(f, s).program;`],
      ['swc (wasm)', `const w = requireFrom(${at}, '@swc/wasm'); parse = (f, s) => w.parseSync(s, { syntax: 'typescript' });`],
      ['oxc (native, not bundlable)', `const o = requireFrom(${at}, 'oxc-parser'); parse = (f, s) => o.parseSync(f, s).program;`],
    );
  }
  const rows = new Map(candidates.map(([name]) => [name, { load: [], parse: [] }]));
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const [name, setup] of round % 2 ? [...candidates].reverse() : candidates) {
      const r = runChild(setup, list);
      if (!r) {
        rows.delete(name);
        continue;
      }
      rows.get(name)?.load.push(r.loadMs);
      rows.get(name)?.parse.push(r.parseMs);
    }
  }
  console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, node ${process.version}, load average ${os.loadavg()[0].toFixed(2)}`);
  console.log(`\nparser (AST of ${values.files} generated TypeScript files, medians of ${values.rounds})   load ms   parse ms   total ms`);
  for (const [name, r] of rows) {
    if (!r.parse.length) continue;
    console.log(
      `${name.padEnd(40)} ${String(median(r.load)).padStart(7)} ${String(median(r.parse)).padStart(10)} ${String(median(r.load) + median(r.parse)).padStart(10)}`,
    );
  }
  python();
} finally {
  cleanup();
}

function python() {
  const py = spawnSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' });
  if (py.status !== 0) {
    console.log('\npython3 not found: the Python engine comparison is skipped.');
    return;
  }
  const stdlib = py.stdout.trim();
  const files = walk(stdlib)
    .filter((f) => f.endsWith('.py') && !/\/(test|tests|lib2to3|idlelib)\//.test(f))
    .sort()
    .slice(0, Number(values['python-files']));
  const list = path.join(tmp, 'py-files.txt');
  fs.writeFileSync(list, files.join('\n'));
  const bundle = path.join(tmp, 'python-parse.mjs');
  spawnSync(process.execPath, [
    '-e',
    `require(${JSON.stringify(path.join(repo, 'node_modules/esbuild'))}).buildSync(${JSON.stringify({ entryPoints: [path.join(repo, 'src/core/graph/python/parse.ts')], bundle: true, format: 'esm', platform: 'node', outfile: bundle, logLevel: 'error' })})`,
  ]);
  const ours = [];
  const cpython = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    const a = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import fs from 'node:fs'; const texts = fs.readFileSync(${JSON.stringify(list)}, 'utf8').split('\\n').map((f) => fs.readFileSync(f, 'latin1'));
         const { parsePython } = await import(${JSON.stringify(bundle)}); const t = performance.now();
         for (const s of texts) { try { parsePython(s); } catch {} } console.log(Math.round(performance.now() - t));`,
      ],
      { encoding: 'utf8' },
    );
    const b = spawnSync(
      'python3',
      [
        '-c',
        `import ast, sys, time\nfiles = [open(f, 'rb').read() for f in open(sys.argv[1]).read().split('\\n') if f]\nt = time.perf_counter()\nfor s in files:\n    try: ast.parse(s)\n    except Exception: pass\nprint(round((time.perf_counter() - t) * 1000))`,
        list,
      ],
      { encoding: 'utf8' },
    );
    ours.push(Number(a.stdout.trim()));
    cpython.push(Number(b.stdout.trim()));
  }
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  console.log(`\nPython (${files.length} files of ${stdlib}, ${(bytes / 2 ** 20).toFixed(1)} MiB, medians of ${values.rounds})`);
  console.log(`shipset's Python parse (@lezer/python + checks)  ${median(ours)} ms`);
  console.log(`CPython ast.parse                                ${median(cpython)} ms`);
  console.log(`ratio                                            ${(median(ours) / median(cpython)).toFixed(2)}x`);
}

function runChild(setup, list) {
  const script = `
    const { createRequire } = require('node:module');
    const fs = require('node:fs');
    const requireFrom = (dir, id) => createRequire(dir + '/')(id);
    const texts = fs.readFileSync(${JSON.stringify(list)}, 'utf8').split('\\n').map((f) => [f, fs.readFileSync(f, 'utf8')]);
    let parse;
    const t0 = performance.now();
    ${setup}
    const t1 = performance.now();
    for (const [f, s] of texts) parse(f, s);
    const t2 = performance.now();
    console.log(JSON.stringify({ loadMs: Math.round(t1 - t0), parseMs: Math.round(t2 - t1) }));`;
  const r = spawnSync(process.execPath, ['--no-warnings', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== '__pycache__' && e.name !== 'site-packages') out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
