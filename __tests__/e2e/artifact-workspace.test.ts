// A workspace app packed the way a release job packs it, then deployed the way a deploy does:
// unpack into an empty folder, `npm ci --omit=dev` (offline: the only dependencies are workspace
// packages), start the app with its own start script, request /health.
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/dist.js';
import { npmCiProduction, npmOffline, startAndGet, startScript, unpack } from '../helpers/deploy.js';
import { cleanupFixtures, commit, gitInit, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

/** npm workspace: apps/api imports @acme/shared (packages/shared); apps/web is another app it does not reach. */
function npmWorkspace(): string {
  const root = tempDir('shipset-ws-');
  writeFiles(root, {
    'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/*'] }),
    'apps/api/package.json': JSON.stringify({
      name: '@acme/api',
      version: '1.0.0',
      private: true,
      type: 'module',
      main: 'src/main.js',
      scripts: { start: 'node src/main.js' },
      dependencies: { '@acme/shared': '*' },
    }),
    'apps/api/src/main.js':
      "import http from 'node:http';\nimport { health } from '@acme/shared';\nhttp.createServer((req, res) => res.end(JSON.stringify(health(req.url)))).listen(Number(process.env.PORT), '127.0.0.1');\n",
    'apps/web/package.json': JSON.stringify({ name: '@acme/web', version: '1.0.0', private: true }),
    'apps/web/index.js': 'console.log("web");\n',
    'packages/shared/package.json': JSON.stringify({ name: '@acme/shared', version: '1.0.0', type: 'module', exports: { '.': './src/index.js' } }),
    'packages/shared/src/index.js': "import { version } from './version.js';\nexport const health = (url) => ({ ok: url === '/health', version });\n",
    'packages/shared/src/version.js': "export const version = '1.0.0';\n",
    '.gitignore': 'node_modules\n',
  });
  npmOffline(root, ['install'], path.join(tempDir('shipset-npm-cache-'), 'c'));
  gitInit(root);
  commit(root, {}, '2025-11-05T10:00:00Z', 'workspace');
  return root;
}

describe('an npm workspace app', () => {
  it('packed with the root at the repository, installs with npm ci --omit=dev and answers /health', async () => {
    const root = npmWorkspace();
    const out = path.join(tempDir('shipset-ws-out-'), 'api.tar.gz');
    const r = runCli(['pack', 'apps/api/src/main.js', '--root', root, '--out', out], root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const deployed = tempDir('shipset-ws-deploy-');
    const entries = await unpack(out, deployed);
    expect(entries).toEqual([
      'apps/api/package.json',
      'apps/api/src/main.js',
      'package-lock.json',
      'package.json',
      'packages/shared/package.json',
      'packages/shared/src/index.js',
      'packages/shared/src/version.js',
    ]);
    npmCiProduction(deployed, path.join(tempDir('shipset-npm-cache-'), 'cache'));
    // The workspace package is linked from the unpacked tree, not fetched.
    expect(fs.realpathSync(path.join(deployed, 'node_modules/@acme/shared'))).toBe(fs.realpathSync(path.join(deployed, 'packages/shared')));
    const app = path.join(deployed, 'apps/api');
    const health = await startAndGet(app, startScript(app), '/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true, version: '1.0.0' });
  });

  it('self-contained (--node-modules): the workspace package is carried under node_modules as files, and the app answers with no install', async () => {
    const root = npmWorkspace();
    const out = path.join(tempDir('shipset-ws-out-'), 'api.tar.gz');
    const r = runCli(['pack', 'apps/api/src/main.js', '--node-modules', '--root', root, '--out', out], root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const deployed = tempDir('shipset-ws-deploy-');
    const entries = await unpack(out, deployed);
    expect(entries.filter((e) => e.startsWith('node_modules/'))).toEqual([
      'node_modules/@acme/shared/package.json',
      'node_modules/@acme/shared/src/index.js',
      'node_modules/@acme/shared/src/version.js',
    ]);
    const app = path.join(deployed, 'apps/api');
    const health = await startAndGet(app, startScript(app), '/health');
    expect(JSON.parse(health.body)).toEqual({ ok: true, version: '1.0.0' });
  });

  it('with the root at the app, fails with a runtime error naming the workspace root to use, and writes no tarball', () => {
    const root = npmWorkspace();
    const out = path.join(tempDir('shipset-ws-out-'), 'api.tar.gz');
    const r = runCli(['pack', 'src/main.js', '--root', path.join(root, 'apps/api'), '--out', out], root);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/runtime \(1 error\)/);
    expect(r.stdout).toContain(`imports @acme/shared, a package of the workspace at ${root} (packages/shared), outside the root`);
    expect(r.stdout).toContain(`Pack from the workspace root: --root ${root} with the entry apps/api/src/main.js.`);
    expect(fs.existsSync(out)).toBe(false);
  });
});
