import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { enclosingWorkspace, enclosingWorkspaceNotice, workspaceMemberNames } from '../../src/core/workspace.js';
import { defaultOptions } from '../../src/core/options.js';
import { runPipeline } from '../../src/core/pipeline.js';
import { cleanupFixtures, commit, gitInit, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

/** A pnpm workspace laid out as pnpm installs it: the app's node_modules links into packages/. */
function pnpmWorkspace(): string {
  const root = tempDir('shipset-pnpm-');
  writeFiles(root, {
    'package.json': JSON.stringify({ name: 'mono', private: true }),
    'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - \"packages/*\" # shared code\n  - '!packages/legacy'\n",
    'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
    'apps/api/package.json': JSON.stringify({ name: '@acme/api', type: 'module', dependencies: { '@acme/shared': 'workspace:*' } }),
    'apps/api/src/main.js': "import { x } from '@acme/shared';\nconsole.log(x);\n",
    'apps/web/package.json': JSON.stringify({ name: '@acme/web' }),
    'packages/shared/package.json': JSON.stringify({ name: '@acme/shared', type: 'module', exports: './index.js' }),
    'packages/shared/index.js': 'export const x = 1;\n',
    'packages/legacy/package.json': JSON.stringify({ name: '@acme/legacy' }),
  });
  fs.mkdirSync(path.join(root, 'apps/api/node_modules/@acme'), { recursive: true });
  fs.symlinkSync('../../../../packages/shared', path.join(root, 'apps/api/node_modules/@acme/shared'));
  fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules\n');
  gitInit(root);
  commit(root, {}, '2025-11-05T10:00:00Z', 'workspace');
  return root;
}

describe('workspace apps', () => {
  it('root at the pnpm workspace: packs the workspace file, the lockfile, the app and the reached package with their package.json', async () => {
    const root = pnpmWorkspace();
    const result = await runPipeline(defaultOptions(root, ['apps/api/src/main.js']));
    expect(result.errorCount).toBe(0);
    expect(result.manifest.files.map((f) => f.path)).toEqual([
      'apps/api/package.json',
      'apps/api/src/main.js',
      'package.json',
      'packages/shared/index.js',
      'packages/shared/package.json',
      'pnpm-lock.yaml',
      'pnpm-workspace.yaml',
    ]);
  });

  it('finds the enclosing workspace of an app root (pnpm-workspace.yaml globs, negations), and its members', () => {
    const root = pnpmWorkspace();
    expect(enclosingWorkspace(path.join(root, 'apps/api'))).toBe(root);
    expect(enclosingWorkspace(root)).toBeUndefined();
    expect(enclosingWorkspace(path.join(root, 'packages/legacy'))).toBeUndefined();
    expect([...workspaceMemberNames(root).keys()].sort()).toEqual(['@acme/api', '@acme/shared', '@acme/web']);
    expect(enclosingWorkspaceNotice(path.join(root, 'apps/api'), ['src/main.js'])).toContain(
      `Pack from the workspace root instead: --root ${root} with the entry apps/api/src/main.js`,
    );
  });

  it('root at the app: the workspace package import is a runtime error naming the root to use', async () => {
    const root = pnpmWorkspace();
    const app = path.join(root, 'apps/api');
    const result = await runPipeline(defaultOptions(app, ['src/main.js']));
    const runtime = result.manifest.findings.filter((f) => f.rule === 'runtime');
    expect(runtime.map((f) => [f.file, f.specifier, f.level])).toEqual([['src/main.js', '@acme/shared', 'error']]);
    expect(runtime[0].message).toContain(`a package of the workspace at ${root} (packages/shared), outside the root`);
  });

  it('outside git, no folder above the root is read', () => {
    const root = tempDir('shipset-nogit-');
    writeFiles(root, { 'package.json': JSON.stringify({ workspaces: ['apps/*'] }), 'apps/api/package.json': '{}' });
    expect(enclosingWorkspace(path.join(root, 'apps/api'))).toBeUndefined();
  });
});
