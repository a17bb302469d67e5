// pnpm and yarn (berry) workspace apps packed the way a release job packs them (root at the
// repository, the app's entry), then deployed the way a deploy does: unpack into an empty folder,
// the package manager's frozen install (offline: the only dependencies are workspace packages),
// start the app with its own start script, request /health. pnpm and yarn are the repository's
// devDependencies (node_modules/.bin), with their stores and caches in temp folders.
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/dist.js';
import { pnpm, startAndGet, startScript, unpack, yarn } from '../helpers/deploy.js';
import { cleanupFixtures, commit, gitInit, tempDir, writeFiles, type Files } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

/**
 * apps/api imports @acme/shared (packages/shared) through `workspace:` ; apps/web is another app
 * it does not reach, with its own dependency on @acme/shared. `root` holds the workspace list.
 */
function workspaceFiles(root: Files, spec: string): Files {
  return {
    ...root,
    'apps/api/package.json': JSON.stringify({
      name: '@acme/api',
      version: '1.0.0',
      private: true,
      type: 'module',
      scripts: { start: 'node src/main.js' },
      dependencies: { '@acme/shared': spec },
    }),
    'apps/api/src/main.js':
      "import http from 'node:http';\nimport { health } from '@acme/shared';\nhttp.createServer((req, res) => res.end(JSON.stringify(health(req.url)))).listen(Number(process.env.PORT), '127.0.0.1');\n",
    'apps/web/package.json': JSON.stringify({ name: '@acme/web', version: '1.0.0', private: true, dependencies: { '@acme/shared': spec } }),
    'apps/web/index.js': 'console.log("web");\n',
    'packages/shared/package.json': JSON.stringify({ name: '@acme/shared', version: '1.0.0', type: 'module', exports: { '.': './src/index.js' } }),
    'packages/shared/src/index.js': "import { version } from './version.js';\nexport const health = (url) => ({ ok: url === '/health', version });\n",
    'packages/shared/src/version.js': "export const version = '1.0.0';\n",
  };
}

function pack(root: string): string {
  const out = path.join(tempDir('shipset-pm-out-'), 'api.tar.gz');
  const r = runCli(['pack', 'apps/api/src/main.js', '--root', root, '--out', out], root);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return out;
}

describe('a pnpm workspace app', () => {
  function pnpmWorkspace(): string {
    const root = tempDir('shipset-pnpm-ws-');
    writeFiles(
      root,
      workspaceFiles(
        {
          'package.json': JSON.stringify({ name: 'mono', private: true }),
          'pnpm-workspace.yaml': 'packages:\n  - apps/*\n  - packages/*\n',
          '.gitignore': 'node_modules\n',
        },
        'workspace:*',
      ),
    );
    pnpm(root, ['install', '--offline'], tempDir('shipset-pnpm-home-')); // writes pnpm-lock.yaml
    expect(fs.readFileSync(path.join(root, 'pnpm-lock.yaml'), 'utf8')).toContain('apps/web:');
    gitInit(root);
    commit(root, {}, '2025-11-05T10:00:00Z', 'workspace');
    return root;
  }

  it('installs with pnpm install --prod --frozen-lockfile --offline from the tarball alone and answers /health', async () => {
    const root = pnpmWorkspace();
    const deployed = tempDir('shipset-pnpm-deploy-');
    const entries = await unpack(pack(root), deployed);
    // apps/web is not carried: pnpm's frozen install takes the lockfile's importers that are present.
    expect(entries).toEqual([
      'apps/api/package.json',
      'apps/api/src/main.js',
      'package.json',
      'packages/shared/package.json',
      'packages/shared/src/index.js',
      'packages/shared/src/version.js',
      'pnpm-lock.yaml',
      'pnpm-workspace.yaml',
    ]);
    const installed = pnpm(deployed, ['install', '--prod', '--frozen-lockfile', '--offline'], tempDir('shipset-pnpm-home-'));
    expect(installed).toContain('Lockfile is up to date');
    expect(fs.realpathSync(path.join(deployed, 'apps/api/node_modules/@acme/shared'))).toBe(fs.realpathSync(path.join(deployed, 'packages/shared')));
    const app = path.join(deployed, 'apps/api');
    const health = await startAndGet(app, startScript(app), '/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true, version: '1.0.0' });
  });

  it('a tarball whose app manifest no longer matches the lockfile is refused by the frozen install (the check is real)', async () => {
    const root = pnpmWorkspace();
    const deployed = tempDir('shipset-pnpm-deploy-');
    await unpack(pack(root), deployed);
    const manifest = path.join(deployed, 'apps/api/package.json');
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { dependencies: Record<string, string> };
    fs.writeFileSync(manifest, JSON.stringify({ ...pkg, dependencies: { ...pkg.dependencies, 'left-pad': '1.3.0' } }));
    expect(() => pnpm(deployed, ['install', '--prod', '--frozen-lockfile', '--offline'], tempDir('shipset-pnpm-home-'))).toThrow(/ERR_PNPM_OUTDATED_LOCKFILE/);
  });
});

describe('a yarn (berry) workspace app', () => {
  function yarnWorkspace(): string {
    const root = tempDir('shipset-yarn-ws-');
    writeFiles(
      root,
      workspaceFiles(
        {
          'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/*'] }),
          '.yarnrc.yml': 'nodeLinker: node-modules\n',
          '.gitignore': 'node_modules\n.yarn/\n',
        },
        'workspace:^',
      ),
    );
    yarn(root, ['install'], tempDir('shipset-yarn-home-')); // writes yarn.lock
    expect(fs.readFileSync(path.join(root, 'yarn.lock'), 'utf8')).toContain('"@acme/web@workspace:apps/web"');
    gitInit(root);
    commit(root, {}, '2025-11-05T10:00:00Z', 'workspace');
    return root;
  }

  it('carries every member manifest and no .yarnrc.yml; YARN_NODE_LINKER=node-modules yarn install --immutable installs it and it answers /health', async () => {
    const root = yarnWorkspace();
    const deployed = tempDir('shipset-yarn-deploy-');
    const entries = await unpack(pack(root), deployed);
    // apps/web/package.json ships (yarn's lockfile lists every workspace); .yarnrc.yml is on the
    // secret list (it may hold npmAuthToken), so the deploy sets the linker itself.
    expect(entries).toEqual([
      'apps/api/package.json',
      'apps/api/src/main.js',
      'apps/web/package.json',
      'package.json',
      'packages/shared/package.json',
      'packages/shared/src/index.js',
      'packages/shared/src/version.js',
      'yarn.lock',
    ]);
    const lockfile = fs.readFileSync(path.join(deployed, 'yarn.lock'), 'utf8');
    yarn(deployed, ['install', '--immutable'], tempDir('shipset-yarn-home-'), { YARN_NODE_LINKER: 'node-modules', YARN_ENABLE_IMMUTABLE_INSTALLS: 'true' });
    expect(fs.readFileSync(path.join(deployed, 'yarn.lock'), 'utf8')).toBe(lockfile);
    expect(fs.realpathSync(path.join(deployed, 'node_modules/@acme/shared'))).toBe(fs.realpathSync(path.join(deployed, 'packages/shared')));
    const app = path.join(deployed, 'apps/api');
    const health = await startAndGet(app, startScript(app), '/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true, version: '1.0.0' });
  });

  it('without the unreached member manifest, yarn install --immutable refuses the tree (why every member ships)', async () => {
    const root = yarnWorkspace();
    const deployed = tempDir('shipset-yarn-deploy-');
    await unpack(pack(root), deployed);
    fs.rmSync(path.join(deployed, 'apps/web'), { recursive: true });
    expect(() =>
      yarn(deployed, ['install', '--immutable'], tempDir('shipset-yarn-home-'), { YARN_NODE_LINKER: 'node-modules', YARN_ENABLE_IMMUTABLE_INSTALLS: 'true' }),
    ).toThrow(/YN0028/);
  });
});
