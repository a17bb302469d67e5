// The action's `node-modules: true` input, run in process the way the action tests read inputs
// (INPUT_* variables, GITHUB_WORKSPACE, GITHUB_OUTPUT), through the action's own run(): the
// tarball it writes (the tarball input is relative to the workspace) is self-contained, so the
// unpacked copy answers /health with no install.
// The dependency is a tiny local package installed from a `file:` tarball (no registry).
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { run } from '../../src/action/main.js';
import { npmOffline, startAndGet, startScript, unpack } from '../helpers/deploy.js';
import { cleanupFixtures, commit, gitInit, tempDir, writeFiles } from '../helpers/fixture.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  process.exitCode = undefined;
  jest.restoreAllMocks();
});
afterAll(cleanupFixtures);

/** npm in `cwd`, offline, with a cache of its own. */
function npm(args: string[], cwd: string): string {
  return npmOffline(cwd, args, path.join(tempDir('shipset-npm-cache-'), 'c'));
}

/** A repository whose app (in app/) depends on tiny-greet, installed from a local tarball. */
function repository(): string {
  const lib = tempDir('shipset-lib-');
  writeFiles(lib, {
    'package.json': JSON.stringify({ name: 'tiny-greet', version: '1.0.0', main: 'lib/index.js' }),
    'lib/index.js': "module.exports.greet = (n) => 'hi ' + n;\n",
  });
  const repo = tempDir('shipset-action-repo-');
  fs.mkdirSync(path.join(repo, 'app/vendor'), { recursive: true });
  npm(['pack', '--pack-destination', path.join(repo, 'app/vendor')], lib);
  writeFiles(repo, {
    'app/package.json': JSON.stringify({
      name: 'app',
      version: '1.0.0',
      private: true,
      scripts: { start: 'node src/main.js' },
      dependencies: { 'tiny-greet': 'file:vendor/tiny-greet-1.0.0.tgz' },
    }),
    'app/src/main.js':
      "const http = require('node:http');\nconst { greet } = require('tiny-greet');\nhttp.createServer((req, res) => res.end(JSON.stringify({ ok: req.url === '/health', msg: greet('x') }))).listen(Number(process.env.PORT), '127.0.0.1');\n",
    '.gitignore': 'node_modules\nout/\n',
  });
  npm(['install'], path.join(repo, 'app'));
  gitInit(repo);
  commit(repo, {}, '2025-11-05T10:00:00Z', 'app');
  return repo;
}

/** GITHUB_OUTPUT holds `name<<DELIM\nvalue\nDELIM` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m; (m = re.exec(text));) out[m[1]] = m[3];
  return out;
}

/** run() with the given inputs, as the runner sets them; returns the step outputs and what it logged. */
async function runAction(workspace: string, inputs: Record<string, string>): Promise<{ outputs: Record<string, string>; log: string }> {
  for (const k of Object.keys(process.env)) if (/^(GITHUB_|INPUT_|RUNNER_)/.test(k) || k === 'CI' || k === 'SOURCE_DATE_EPOCH') delete process.env[k];
  const io = tempDir('shipset-runner-');
  const files = { GITHUB_OUTPUT: path.join(io, 'output'), GITHUB_STEP_SUMMARY: path.join(io, 'summary') };
  for (const file of Object.values(files)) fs.writeFileSync(file, '');
  Object.assign(process.env, files, { GITHUB_WORKSPACE: workspace, GITHUB_REPOSITORY: 'octo/shop', 'INPUT_GITHUB-TOKEN': '' });
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
  let log = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    log += String(chunk);
    return true;
  });
  await run();
  return { outputs: parseOutputs(fs.readFileSync(files.GITHUB_OUTPUT, 'utf8')), log };
}

describe('action input node-modules: true', () => {
  it('writes a self-contained tarball: unpacked into an empty folder, it answers /health with no install', async () => {
    const repo = repository();
    const { outputs, log } = await runAction(repo, { 'working-directory': 'app', entry: 'src/main.js', 'node-modules': 'true', tarball: 'out/app.tar.gz' });
    expect(process.exitCode ?? 0).toBe(0);
    const tarball = path.join(repo, 'out/app.tar.gz');
    expect(outputs.tarball).toBe(tarball);
    expect(log).not.toMatch(/::error/);

    const deployed = tempDir('shipset-action-deploy-');
    expect(await unpack(tarball, deployed)).toEqual([
      'node_modules/tiny-greet/lib/index.js',
      'node_modules/tiny-greet/package.json',
      'package-lock.json',
      'package.json',
      'src/main.js',
    ]);
    expect(fs.existsSync(path.join(deployed, 'vendor'))).toBe(false);
    const health = await startAndGet(deployed, startScript(deployed), '/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true, msg: 'hi x' });
  });

  it('without the input, the tarball carries no node_modules (a deploy installs)', async () => {
    const repo = repository();
    await runAction(repo, { 'working-directory': 'app', entry: 'src/main.js', tarball: 'out/app.tar.gz' });
    expect(process.exitCode ?? 0).toBe(0);
    const entries = await unpack(path.join(repo, 'out/app.tar.gz'), tempDir('shipset-action-deploy-'));
    expect(entries).toEqual(['package-lock.json', 'package.json', 'src/main.js']);
  });
});
