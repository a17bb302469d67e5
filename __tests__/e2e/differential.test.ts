// Differential end to end: for small plain-JavaScript projects, the files shipset lists as
// reachable (entry | import, through dist/) must be exactly the files Node loads when it runs
// the entry. Node's side is recorded by __fixtures__/differential/recorder.mjs (ESM load hook,
// CommonJS Module.prototype.load, require.cache at exit) plus V8 coverage (NODE_V8_COVERAGE),
// which also sees ES modules that require(esm) loads without any hook in Node 20.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Manifest } from '../../src/core/types.js';
import { runCli } from '../helpers/cli.js';
import { cleanupFixtures, copyFixture, tempDir } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const RECORDER = path.resolve('__fixtures__/differential/recorder.mjs');
const NODE_TIMEOUT_MS = 20000;

interface Case {
  fixture: string;
  entry: string;
  /** Symlinks made after copying (fs.cpSync would point them back into __fixtures__): link -> target. */
  links?: Record<string, string>;
  /** Dormant files with broken imports: shipset must list them as dormant, Node never loads them. */
  dormant: string[];
  /** Made after copying (a native addon compiled from source, when a C compiler is there). */
  build?: (root: string) => void;
  /** Files only erased type imports name: shipset lists them as typeOnly, Node never loads them. */
  typeOnly?: string[];
}

const CJS_LINKS = { 'src/current.js': 'release.js', 'src/shared': '../shared' };
const CASES: Case[] = [
  { fixture: 'cjs-app', entry: 'src/index.js', links: CJS_LINKS, dormant: ['src/old-db.js'] },
  { fixture: 'cjs-app', entry: 'bin/cli', links: CJS_LINKS, dormant: ['src/old-db.js'] },
  { fixture: 'esm-app', entry: 'src/main.js', dormant: ['src/broken-router.js', 'src/stats.js'] },
  { fixture: 'mixed-app', entry: 'bin/mixed', dormant: ['src/unused-broken.mjs'] },
  // Self-reference through exports, a workspace package behind a node_modules symlink, a BOM in
  // JSON and before an ES module's #!, optional requires, and a native addon required without .node.
  {
    fixture: 'pkg-app',
    entry: 'bin/orbit.mjs',
    links: { 'node_modules/@acme/shared': '../../packages/shared' },
    dormant: ['packages/shared/esm/index.mjs'],
    build: buildAddon,
  },
];

/** Compile __fixtures__/differential/pkg-app/addon/hasher.c into build/Release/hasher.node when cc and Node's headers are there. */
function buildAddon(root: string): void {
  const include = path.resolve(path.dirname(process.execPath), '..', 'include', 'node');
  if (!fs.existsSync(path.join(include, 'node_api.h'))) return;
  fs.mkdirSync(path.join(root, 'build/Release'), { recursive: true });
  spawnSync('cc', ['-shared', '-fPIC', `-I${include}`, 'addon/hasher.c', '-o', 'build/Release/hasher.node'], {
    cwd: root,
    encoding: 'utf8',
    timeout: NODE_TIMEOUT_MS,
  });
}

function project(c: Case): string {
  const root = copyFixture(path.join('differential', c.fixture));
  for (const [link, target] of Object.entries(c.links ?? {})) {
    fs.mkdirSync(path.dirname(path.join(root, link)), { recursive: true });
    fs.symlinkSync(target, path.join(root, link));
  }
  c.build?.(root);
  return root;
}

/** Root-relative POSIX path of the real file, or undefined outside the root or in node_modules. */
function inRoot(root: string, file: string): string | undefined {
  let real = file;
  try {
    real = fs.realpathSync(file);
  } catch {
    return undefined;
  }
  const rel = path.relative(root, real);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const posix = rel.split(path.sep).join('/');
  return posix.split('/').includes('node_modules') ? undefined : posix;
}

/** Environment for a child Node: no jest flags (NODE_OPTIONS) or CI variables leaking in. */
function childEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'NODE_OPTIONS' || k.startsWith('JEST_') || k.startsWith('GITHUB_') || k === 'NODE_V8_COVERAGE') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

interface NodeRun {
  /** Root-relative real paths Node loaded, by recorder source (hook, cjs, cache, coverage). */
  bySource: Map<string, Set<string>>;
  all: Set<string>;
  exited: boolean;
}

/** Run the entry with Node and the recorder; collect every project file it loaded. */
function runWithNode(root: string, entry: string): NodeRun {
  const work = tempDir('shipset-diff-');
  const log = path.join(work, 'loaded.log');
  const coverage = path.join(work, 'coverage');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(RECORDER).href, entry], {
    cwd: root,
    encoding: 'utf8',
    env: childEnv({ SHIPSET_LOAD_LOG: log, NODE_V8_COVERAGE: coverage }),
    timeout: NODE_TIMEOUT_MS,
  });
  if (r.status !== 0) throw new Error(`node ${entry} exited ${r.status ?? r.signal}:\n${r.stderr}`);

  const bySource = new Map<string, Set<string>>();
  const add = (source: string, file: string) => {
    const rel = inRoot(root, file);
    if (!rel) return;
    if (!bySource.has(source)) bySource.set(source, new Set());
    bySource.get(source)!.add(rel);
  };
  let exited = false;
  for (const line of fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n') : []) {
    const [source, file] = line.split('\t');
    if (source === 'exit') exited = true;
    else if (file) add(source, file);
  }
  for (const name of fs.existsSync(coverage) ? fs.readdirSync(coverage) : []) {
    const report = JSON.parse(fs.readFileSync(path.join(coverage, name), 'utf8')) as { result: Array<{ url: string }> };
    for (const script of report.result) if (script.url.startsWith('file:')) add('coverage', fileURLToPath(script.url));
  }
  const all = new Set([...bySource.values()].flatMap((s) => [...s]));
  return { bySource, all, exited };
}

/** shipset's reachable set (entry | import), each path mapped to its real file as Node would. */
async function runShipset(root: string, entry: string, extra: string[] = []): Promise<{ reachable: Set<string>; manifest: Manifest }> {
  const r = await runCli(['check', entry, '--json', ...extra], root);
  const manifest = JSON.parse(r.stdout) as Manifest;
  const errors = manifest.findings.filter((f) => f.level === 'error');
  if (r.status !== 0 || errors.length) throw new Error(`shipset check ${entry} exited ${r.status}: ${JSON.stringify(errors)}\n${r.stderr}`);
  const reachable = new Set<string>();
  for (const f of manifest.files) {
    if (f.reason !== 'entry' && f.reason !== 'import') continue;
    const real = inRoot(root, path.join(root, f.path));
    if (!real) throw new Error(`shipset lists ${f.path}, which is not a file under the root`);
    reachable.add(real);
  }
  return { reachable, manifest };
}

const sorted = (s: Set<string>) => [...s].sort();

describe.each(CASES)('$fixture: node $entry', (c) => {
  it('shipset lists exactly the files Node loads', async () => {
    const root = project(c);
    const node = runWithNode(root, c.entry);
    const ship = await runShipset(root, c.entry);

    // The recorder worked: it saw the exit, the entry, and more than the entry.
    expect(node.exited).toBe(true);
    expect(node.all).toContain(c.entry);
    expect(node.all.size).toBeGreaterThan(3);

    const missedByShipset = sorted(node.all).filter((f) => !ship.reachable.has(f));
    const notLoadedByNode = sorted(ship.reachable).filter((f) => !node.all.has(f));
    expect({ missedByShipset, notLoadedByNode }).toEqual({ missedByShipset: [], notLoadedByNode: [] });

    for (const f of c.dormant) {
      expect(ship.manifest.dormant).toContain(f);
      expect(node.all.has(f)).toBe(false);
    }
  }, 60000);
});

// TypeScript projects: compile with the installed tsc, run its output under Node with the
// recorder, and map each loaded output file back to its source (outDir -> rootDir).
interface TsCase {
  fixture: string;
  entry: string;
  outDir: string;
  rootDir: string;
  dormant: string[];
  typeOnly: string[];
}
const TS_CASES: TsCase[] = [
  // package.json "#src/*" -> ./build/* and tsconfig paths -> ./src/* with no rootDir; '#store' with
  // import/require targets from a file compiled to CommonJS; imports used only as types.
  { fixture: 'ts-app', entry: 'src/main.ts', outDir: 'build', rootDir: 'src', dormant: ['src/store/esm.ts'], typeOnly: ['src/shapes.ts', 'src/types.ts'] },
  // emitDecoratorMetadata: a class in a decorated constructor stays; an interface in a decorated
  // signature (tsc writes Object), a class used only in a type, and type-only names are erased.
  { fixture: 'ts-nest', entry: 'src/main.ts', outDir: 'dist', rootDir: 'src', dormant: [], typeOnly: ['src/dto.ts', 'src/logger.ts', 'src/options.ts'] },
];
const TSC = path.resolve('node_modules/typescript/bin/tsc');

describe.each(TS_CASES)('$fixture: tsc, then node on the output of $entry', (c) => {
  it('shipset lists exactly the sources of the files Node loads from the emit', async () => {
    const root = project({ fixture: c.fixture, entry: c.entry, dormant: [] });
    // tsc reports an ambiguous project root for the import map (TS2210) but still emits, as in the real service.
    spawnSync(process.execPath, [TSC, '-p', '.'], { cwd: root, encoding: 'utf8', env: childEnv({}), timeout: 120000 });
    const emitted = c.entry.replace(new RegExp(`^${c.rootDir}/`), `${c.outDir}/`).replace(/\.([mc]?)ts$/, '.$1js');
    expect(fs.existsSync(path.join(root, emitted))).toBe(true);
    const node = runWithNode(root, emitted);
    expect(node.exited).toBe(true);
    const sources = new Set<string>();
    for (const f of node.all) {
      if (!f.startsWith(`${c.outDir}/`)) continue;
      sources.add(f.replace(`${c.outDir}/`, `${c.rootDir}/`).replace(/\.([mc]?)js$/, '.$1ts'));
    }
    expect(sources.size).toBeGreaterThan(3);
    const ship = await runShipset(root, c.entry);
    expect({
      missedByShipset: sorted(sources).filter((f) => !ship.reachable.has(f)),
      notLoadedByNode: sorted(ship.reachable).filter((f) => !sources.has(f)),
    }).toEqual({
      missedByShipset: [],
      notLoadedByNode: [],
    });
    for (const f of c.dormant) expect(ship.manifest.dormant).toContain(f);
    const typeOnly = (ship.manifest as Manifest & { typeOnly?: string[] }).typeOnly;
    if (typeOnly) expect(typeOnly).toEqual(c.typeOnly);
    for (const f of c.typeOnly) expect(ship.manifest.dormant).not.toContain(f);
  }, 120000);
});

describe('the recorder', () => {
  it('captures CommonJS required from CommonJS through both Module.prototype.load and require.cache', async () => {
    const root = project(CASES[0]);
    const node = runWithNode(root, 'src/index.js');
    for (const source of ['cjs', 'cache']) {
      expect(node.bySource.get(source)).toContain('src/lib/math.js'); // required by src/lib/index.js
      expect(node.bySource.get(source)).toContain('src/plugin/hooks.json');
    }
    expect(node.bySource.get('hook')).toContain('src/internal/audit.mjs'); // import() from CommonJS
  }, 60000);
});

describe('deliberate differences (README "How the reachable set is computed")', () => {
  it('an extensionless ESM import: Node refuses to load it, shipset resolves it as bundlers and TypeScript do', async () => {
    const root = project(CASES[2]);
    const r = spawnSync(process.execPath, ['src/stats.js'], { cwd: root, encoding: 'utf8', env: childEnv({}), timeout: NODE_TIMEOUT_MS });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('ERR_MODULE_NOT_FOUND');
    // shipset follows it (bundlers and TypeScript runners load it) and, under the node runtime, says Node will not.
    const r2 = await runCli(['check', 'src/stats.js', '--json'], root);
    expect(r2.status).toBe(1);
    const manifest = JSON.parse(r2.stdout) as Manifest;
    expect(manifest.files.filter((f) => f.reason !== 'include').map((f) => f.path)).toEqual(['src/greet.js', 'src/stats.js']);
    expect(manifest.findings.map((f) => [f.rule, f.level, f.specifier])).toEqual([['runtime', 'error', './greet']]);
    const tsx = await runShipset(root, 'src/stats.js', ['--runtime', 'tsx']);
    expect(sorted(tsx.reachable)).toEqual(['src/greet.js', 'src/stats.js']);
  }, 60000);
});
