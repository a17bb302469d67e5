import { afterAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { selectFiles } from '../../../src/core/pack/index.js';
import { UsageError } from '../../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles } from '../../helpers/fixture.js';
import { graphFromImports, packOptions } from '../../helpers/graph-builder.js';

afterAll(cleanupFixtures);

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function nodeProject(extra: Record<string, string> = {}): string {
  const root = tempDir();
  writeFiles(root, {
    'package.json': '{"name":"app","type":"module"}',
    'package-lock.json': '{"lockfileVersion":3}',
    'README.md': '# app',
    'src/index.ts': "import { db } from './db.js';\nimport './routes/users.js';\n",
    'src/db.ts': 'export const db = 1;\n',
    'src/routes/users.ts': "import { db } from '../db.js';\n",
    'src/old/legacy.ts': "import '../../config/database.js';\n",
    ...extra,
  });
  return root;
}

const appImports = {
  'src/index.ts': [
    ['./db.js', 'src/db.ts', 1],
    ['./routes/users.js', 'src/routes/users.ts', 2],
  ],
  'src/routes/users.ts': [['../db.js', 'src/db.ts', 1]],
} as Record<string, Array<[string, string, number]>>;

describe('selectFiles', () => {
  it('packs exactly the reachable files plus package.json and the lockfile, sorted by code unit', () => {
    const root = nodeProject({ 'src/Zeta.ts': "import './db.js';\n" });
    const graph = graphFromImports(root, ['src/index.ts', 'src/Zeta.ts'], { ...appImports, 'src/Zeta.ts': [['./db.js', 'src/db.ts', 1]] });
    const { files, excluded } = selectFiles(graph, packOptions(root));
    // 'Z' (0x5a) sorts before 'd' (0x64) by code unit; localeCompare would put it last.
    expect(files.map((f) => f.path)).toEqual(['package-lock.json', 'package.json', 'src/Zeta.ts', 'src/db.ts', 'src/index.ts', 'src/routes/users.ts']);
    expect(excluded).toEqual([]);
    const byPath = Object.fromEntries(files.map((f) => [f.path, f]));
    expect(byPath['src/index.ts']).toMatchObject({ reason: 'entry', via: null });
    expect(byPath['src/routes/users.ts']).toMatchObject({ reason: 'import', via: { file: 'src/index.ts', line: 2 } });
    expect(byPath['package.json']).toMatchObject({ reason: 'include', via: null });
    const content = fs.readFileSync(path.join(root, 'src/db.ts'), 'utf8');
    expect(byPath['src/db.ts']).toMatchObject({ bytes: Buffer.byteLength(content), sha256: sha(content) });
  });

  it('takes whichever lockfile exists', () => {
    const root = tempDir();
    writeFiles(root, { 'package.json': '{}', 'pnpm-lock.yaml': 'lockfileVersion: 9', 'yarn.lock': '#', 'main.js': '' });
    const { files } = selectFiles(graphFromImports(root, ['main.js'], {}), packOptions(root));
    expect(files.map((f) => f.path)).toEqual(['main.js', 'package.json', 'pnpm-lock.yaml', 'yarn.lock']);
  });

  it('adds the Python manifests and lockfiles when an entry is a .py file', () => {
    const root = tempDir();
    writeFiles(root, {
      'server.py': 'import app\n',
      'app.py': '',
      'requirements.txt': 'flask',
      'requirements-prod.txt': 'gunicorn',
      'pyproject.toml': '[project]',
      'poetry.lock': '',
      'uv.lock': '',
      'setup.cfg': '',
      'docs/requirements.txt': '',
    });
    const graph = graphFromImports(root, ['server.py'], { 'server.py': [['app', 'app.py', 1]] });
    const { files } = selectFiles(graph, packOptions(root));
    expect(files.map((f) => f.path)).toEqual(['app.py', 'poetry.lock', 'pyproject.toml', 'requirements-prod.txt', 'requirements.txt', 'server.py', 'uv.lock']);
  });

  it('adds the Python manifests of the folders above the reachable files, and the files their -r lines include', () => {
    const root = tempDir();
    writeFiles(root, {
      'pyproject.toml': '[tool.uv.workspace]\nmembers = ["backend"]\n',
      'uv.lock': '',
      'backend/pyproject.toml': '[project]\nname = "backend"\ndependencies = ["fastapi"]\n',
      'backend/requirements.txt': '-r requirements/base.txt\n',
      'backend/requirements/base.txt': 'fastapi\n',
      'backend/app/__init__.py': '',
      'backend/app/main.py': 'import fastapi\n',
      'frontend/requirements.txt': 'unrelated\n',
    });
    const graph = graphFromImports(root, ['backend/app/main.py'], { 'backend/app/main.py': [['.', 'backend/app/__init__.py', 1]] });
    const { files } = selectFiles(graph, packOptions(root));
    expect(files.map((f) => f.path)).toEqual([
      'backend/app/__init__.py',
      'backend/app/main.py',
      'backend/pyproject.toml',
      'backend/requirements.txt',
      'backend/requirements/base.txt',
      'pyproject.toml',
      'uv.lock',
    ]);
  });

  it('says when an include glob matches nothing, and that node_modules needs --node-modules instead of include', () => {
    const root = nodeProject({ 'node_modules/x/index.js': '' });
    const graph = graphFromImports(root, ['src/index.ts'], appImports);
    const { files, notices } = selectFiles(graph, packOptions(root, { include: ['templates/**', 'node_modules/**'] }));
    expect(files.map((f) => f.path)).toEqual(['package-lock.json', 'package.json', 'src/db.ts', 'src/index.ts', 'src/routes/users.ts']);
    expect(notices).toEqual([
      expect.stringMatching(/^include 'node_modules\/\*\*' adds nothing: node_modules is never packed through include\. Use --node-modules/),
      expect.stringMatching(/^include 'templates\/\*\*' matches no file under the root: nothing added/),
    ]);
  });

  it('packs the package.json of every folder above a reachable file (a workspace package, the app) and pnpm-workspace.yaml', () => {
    const root = nodeProject({
      'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n",
      'packages/shared/package.json': '{"name":"@acme/shared"}',
      'packages/shared/src/index.js': '',
      'packages/other/package.json': '{}',
    });
    const graph = graphFromImports(root, ['src/index.ts'], {
      ...appImports,
      'src/index.ts': [...appImports['src/index.ts'], ['@acme/shared', 'packages/shared/src/index.js', 3]],
    });
    const { files } = selectFiles(graph, packOptions(root));
    expect(files.map((f) => f.path)).toEqual([
      'package-lock.json',
      'package.json',
      'packages/shared/package.json',
      'packages/shared/src/index.js',
      'pnpm-workspace.yaml',
      'src/db.ts',
      'src/index.ts',
      'src/routes/users.ts',
    ]);
  });

  it('adds include globs relative to the root, without dot files unless the glob names them, never node_modules', () => {
    const root = nodeProject({
      'config/app.json': '{}',
      'config/db.json': '{}',
      'config/.hidden.json': '{}',
      'config/notes.txt': '',
      'node_modules/x/config/app.json': '{}',
      'public/.well-known/security.txt': 'x',
      'src/__pycache__/a.pyc': '',
    });
    const graph = graphFromImports(root, ['src/index.ts'], appImports);
    const { files } = selectFiles(graph, packOptions(root, { include: ['config/*.json', '**/app.json', 'public/.well-known/*', 'src/**'] }));
    const included = files.filter((f) => f.reason === 'include').map((f) => f.path);
    expect(included).toEqual([
      'config/app.json',
      'config/db.json',
      'package-lock.json',
      'package.json',
      'public/.well-known/security.txt',
      'src/old/legacy.ts',
    ]);
    // The given include adds to the defaults; --no-default-include drops them.
    const bare = selectFiles(graph, packOptions(root, { include: ['config/*.json'], defaultInclude: false })).files.map((f) => f.path);
    expect(bare).toEqual(['config/app.json', 'config/db.json', 'src/db.ts', 'src/index.ts', 'src/routes/users.ts']);
  });

  it('never brings secrets in through a glob; an exact include name adds them', () => {
    const root = nodeProject({ '.env': 'KEY=1', '.env.production': 'KEY=2', '.npmrc': '//r/:_authToken=x', 'deploy/.pypirc': '[pypi]', 'app.json': '{}' });
    fs.mkdirSync(path.join(root, '.git'));
    writeFiles(root, { '.git/config': '[core]' });
    const graph = graphFromImports(root, ['src/index.ts'], appImports);
    const globbed = selectFiles(graph, packOptions(root, { include: ['*', '.*', '**/.*', '.git/**', '**/.env*'] })).files.map((f) => f.path);
    expect(globbed).toContain('app.json');
    for (const secret of ['.env', '.env.production', '.npmrc', 'deploy/.pypirc', '.git/config']) expect(globbed).not.toContain(secret);

    const exact = selectFiles(graph, packOptions(root, { include: ['.env.production', './.npmrc'] })).files.map((f) => f.path);
    expect(exact).toContain('.env.production');
    expect(exact).toContain('.npmrc');
    expect(exact).not.toContain('.env');
  });

  it('removes exclude matches (reachable or included) and reports them as excluded', () => {
    const root = nodeProject({ 'config/app.json': '{}', 'config/test.json': '{}' });
    const graph = graphFromImports(root, ['src/index.ts'], appImports);
    const { files, excluded } = selectFiles(graph, packOptions(root, { include: ['config/*.json'], exclude: ['src/routes/**', '**/test.json'] }));
    expect(files.map((f) => f.path)).toEqual(['config/app.json', 'package-lock.json', 'package.json', 'src/db.ts', 'src/index.ts']);
    expect(excluded).toEqual(['config/test.json', 'src/routes/users.ts']);
  });

  it('never selects the tarball itself when it is written inside the root', () => {
    const root = nodeProject({ 'shipset.tar.gz': 'old archive' });
    const graph = graphFromImports(root, ['src/index.ts'], appImports);
    const { files } = selectFiles(graph, packOptions(root, { include: ['*'] }));
    expect(files.map((f) => f.path)).toContain('README.md');
    expect(files.map((f) => f.path)).not.toContain('shipset.tar.gz');
  });

  it('rejects includes that name nothing or leave the root, with a usage error', () => {
    const root = nodeProject();
    const graph = graphFromImports(root, ['src/index.ts'], appImports);
    expect(() => selectFiles(graph, packOptions(root, { include: ['config/missing.json'] }))).toThrow(UsageError);
    expect(() => selectFiles(graph, packOptions(root, { include: ['../*.json'] }))).toThrow(/outside the root/);
    expect(() => selectFiles(graph, packOptions(root, { exclude: ['/etc/**'] }))).toThrow(/outside the root/);
  });

  it('never reads a reachable path that links out of the root', () => {
    const outside = tempDir();
    writeFiles(outside, { 'secret.ts': 'export const key = 1;' });
    const root = nodeProject();
    fs.symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'src/secret.ts'));
    const graph = graphFromImports(root, ['src/index.ts'], { ...appImports, 'src/db.ts': [['./secret.js', 'src/secret.ts', 1]] });
    const { files } = selectFiles(graph, packOptions(root));
    expect(files.map((f) => f.path)).not.toContain('src/secret.ts');
    expect(files.map((f) => f.path)).toContain('src/db.ts');
  });
});
