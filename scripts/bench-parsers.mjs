// npm run bench:parsers [-- --files 4000 --rounds 3 --scratch DIR]
// The parser choice, measured: each parser in a fresh process, load time and the time to build an
// AST for every file of a generated TypeScript service (the same generator as bench.mjs), medians
// of alternating rounds. TypeScript and Babel are shipset's own dependencies; oxc (WASM build),
// SWC (WASM build) and oxc (native, for scale: it cannot go into dist/) are measured when a
// scratch install provides them: `npm install --prefix /tmp/parsers @oxc-parser/binding-wasm32-wasi
// @swc/wasm oxc-parser` and pass `--scratch /tmp/parsers`.
// Then the Python engine against CPython's `ast.parse` over the same files in one process (the
// standard library of the python3 on PATH): the engine as it runs with a python3 (one `python3 -I
// -S -B` process judges each file and reads its imports from the same tree, end to end through the
// pipe: base64 and JSON both ways; the built-in grammar reads the files CPython rejects or cannot
// answer for), and the built-in grammar alone (@lezer/python plus shipset's syntax checks, the
// engine without python3). The first round also counts the files where CPython's reading differs
// from the grammar's (among files the grammar reads without error). Temp folders are removed.
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
  await python();
} finally {
  cleanup();
}

async function python() {
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
  const bundle = path.join(tmp, 'python-engine.mjs');
  const at = (f) => JSON.stringify(path.join(repo, 'src/core/graph/python', f));
  await build({
    stdin: { contents: `export { parsePython } from ${at('parse.ts')}; export { CPythonParser } from ${at('cpython.ts')};`, resolveDir: repo, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: bundle,
    logLevel: 'error',
  });
  const grammar = [];
  const engine = [];
  const startup = [];
  const cpython = [];
  let fallback = 0;
  let compared = 0;
  let differ = 0;
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
    const e = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import fs from 'node:fs'; import { isDeepStrictEqual } from 'node:util';
         const files = fs.readFileSync(${JSON.stringify(list)}, 'utf8').split('\\n').map((f) => ({ name: f, source: fs.readFileSync(f) }));
         const { parsePython, CPythonParser } = await import(${JSON.stringify(bundle)});
         const t0 = performance.now();
         const py = await CPythonParser.start();
         const t1 = performance.now();
         const verdicts = await py.analyze(files);
         let fallback = 0;
         verdicts.forEach((v, i) => { if (!v.parsed) { fallback++; try { parsePython(files[i].source.toString('utf8')); } catch {} } });
         const t2 = performance.now();
         py.close();
         let compared = 0, differ = 0;
         if (${round === 0}) verdicts.forEach((v, i) => {
           if (!v.parsed) return;
           const { error, ...grammar } = parsePython(files[i].source.toString('utf8'));
           if (error) return;
           compared++;
           if (!isDeepStrictEqual(grammar, v.parsed)) differ++;
         });
         console.log(JSON.stringify({ startMs: Math.round(t1 - t0), runMs: Math.round(t2 - t1), fallback, compared, differ }));`,
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
    if (e.status !== 0) throw new Error(`the engine run failed: ${e.stderr}`);
    const r = JSON.parse(e.stdout.trim());
    grammar.push(Number(a.stdout.trim()));
    engine.push(r.runMs);
    startup.push(r.startMs);
    cpython.push(Number(b.stdout.trim()));
    if (round === 0) ({ fallback, compared, differ } = r);
  }
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  const ratio = (ms) => `${(ms / median(cpython)).toFixed(2)}x`;
  console.log(`\nPython (${files.length} files of ${stdlib}, ${(bytes / 2 ** 20).toFixed(1)} MiB, medians of ${values.rounds})        ms   vs ast.parse`);
  console.log(`CPython ast.parse, bare (one process)                                ${String(median(cpython)).padStart(6)}`);
  console.log(`shipset's engine with python3: verdicts + imports through the pipe    ${String(median(engine)).padStart(6)}   ${ratio(median(engine))}`);
  console.log(
    `  + python3 start-up                                                  ${String(median(startup)).padStart(6)}   ${ratio(median(engine) + median(startup))} with it`,
  );
  console.log(`shipset's engine without python3 (@lezer/python + checks)            ${String(median(grammar)).padStart(6)}   ${ratio(median(grammar))}`);
  console.log(`files the grammar read as well (CPython rejected or could not answer): ${fallback}`);
  console.log(`files where CPython's reading differs from the grammar's: ${differ} of ${compared} (files the grammar reads without error)`);
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
