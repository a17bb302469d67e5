// Self-contained for serverless: `pack --node-modules` carries the production dependency closure
// traced from the installed node_modules, so the unpacked tarball starts with no install at all.
// The dependency is a tiny local package installed from a `file:` tarball (no registry).
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/dist.js';
import { npmOffline, startAndGet, startScript, unpack } from '../helpers/deploy.js';
import { cleanupFixtures, commit, gitInit, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

/** npm in `cwd`, offline, with a cache of its own. */
function npm(args: string[], cwd: string): string {
  return npmOffline(cwd, args, path.join(tempDir('shipset-npm-cache-'), 'c'));
}

/** An app whose one dependency, tiny-greet, is installed from a local tarball; a dev dependency that must not ship. */
function app(install: boolean): string {
  const lib = tempDir('shipset-lib-');
  writeFiles(lib, {
    'package.json': JSON.stringify({ name: 'tiny-greet', version: '1.0.0', main: 'lib/index.js' }),
    'lib/index.js': "const { suffix } = require('./suffix.json');\nmodule.exports.greet = (n) => 'hi ' + n + suffix;\n",
    'lib/suffix.json': '{"suffix":"!"}',
    'lib/unused.js': 'module.exports = 1;\n',
    'README.md': '# tiny-greet\n',
  });
  const devLib = tempDir('shipset-devlib-');
  writeFiles(devLib, { 'package.json': JSON.stringify({ name: 'tiny-dev', version: '1.0.0', main: 'index.js' }), 'index.js': 'module.exports = 1;\n' });
  const root = tempDir('shipset-sc-');
  fs.mkdirSync(path.join(root, 'vendor'));
  for (const dir of [lib, devLib]) {
    const name = npm(['pack', '--pack-destination', path.join(root, 'vendor')], dir)
      .split('\n')
      .pop()!;
    expect(fs.existsSync(path.join(root, 'vendor', name))).toBe(true);
  }
  writeFiles(root, {
    'package.json': JSON.stringify({
      name: 'app',
      version: '1.0.0',
      private: true,
      main: 'src/main.js',
      scripts: { start: 'node src/main.js' },
      dependencies: { 'tiny-greet': 'file:vendor/tiny-greet-1.0.0.tgz' },
      devDependencies: { 'tiny-dev': 'file:vendor/tiny-dev-1.0.0.tgz' },
    }),
    'src/main.js':
      "const http = require('node:http');\nconst { greet } = require('tiny-greet');\nhttp.createServer((req, res) => res.end(JSON.stringify({ ok: req.url === '/health', msg: greet('x') }))).listen(Number(process.env.PORT), '127.0.0.1');\n",
    '.gitignore': 'node_modules\n',
  });
  if (install) npm(['install'], root);
  gitInit(root);
  commit(root, {}, '2025-11-05T10:00:00Z', 'app');
  return root;
}

describe('pack --node-modules', () => {
  it('packs the traced production closure; the unpacked tarball answers /health with no install, byte-identical on a second pack', async () => {
    const root = app(true);
    const out = path.join(tempDir('shipset-sc-out-'), 'app.tar.gz');
    const r = runCli(['pack', '--node-modules', '--root', root, '--out', out], root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const deployed = tempDir('shipset-sc-deploy-');
    // Only what runs: no unused.js, no README, no dev dependency.
    expect(await unpack(out, deployed)).toEqual([
      'node_modules/tiny-greet/lib/index.js',
      'node_modules/tiny-greet/lib/suffix.json',
      'node_modules/tiny-greet/package.json',
      'package-lock.json',
      'package.json',
      'src/main.js',
    ]);
    const health = await startAndGet(deployed, startScript(deployed), '/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true, msg: 'hi x!' });

    const again = path.join(tempDir('shipset-sc-out-'), 'app.tar.gz');
    expect(runCli(['pack', '--node-modules', '--root', root, '--out', again], root).status).toBe(0);
    expect(fs.readFileSync(again).equals(fs.readFileSync(out))).toBe(true);
  });

  it('with nothing installed, refuses the pack: the package import would not load from the archive', () => {
    const root = app(false);
    const out = path.join(tempDir('shipset-sc-out-'), 'app.tar.gz');
    const r = runCli(['pack', '--node-modules', '--root', root, '--out', out], root);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /src\/main\.js:2:\d+ +imports tiny-greet, but the self-contained package has no node_modules\/tiny-greet .* Install the production dependencies \(npm ci --omit=dev\) before packing with --node-modules/,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it("include 'node_modules/**' is not silently a no-op: the notice names --node-modules", () => {
    const root = app(true);
    const r = runCli(['check', '--root', root, '--include', 'node_modules/**'], root);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("include 'node_modules/**' adds nothing: node_modules is never packed through include. Use --node-modules");
  });
});
