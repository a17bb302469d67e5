// The one secret judgement (pack/secrets.ts) and its use by selectFiles: by name in any letter
// case, and by the real path behind a link or a linked folder.
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { isSecretPath, secretMatch } from '../../src/core/pack/secrets.js';
import { selectFiles } from '../../src/core/pack/index.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';
import { graphFromImports, packOptions } from '../helpers/graph-builder.js';

afterAll(cleanupFixtures);

describe('isSecretPath', () => {
  it.each([
    '.env',
    '.ENV',
    '.Env',
    '.env.local',
    '.env.production',
    '.env/x.json',
    'a/.envrc',
    '.npmrc',
    'deploy/.NPMRC',
    '.pypirc',
    '.git/config',
    '.GIT/config',
    'sub/.git/HEAD',
  ])('%s is a secret', (rel) => expect(isSecretPath(rel)).toBe(true));
  it.each(['env.js', 'src/environment.ts', 'src/.eslintrc', '.github/workflows/ci.yml', '.gitignore', 'npmrc.md', 'src/dotenv.js'])('%s is not', (rel) => {
    expect(isSecretPath(rel)).toBe(false);
  });
});

describe('secretMatch', () => {
  it('follows links and linked folders to the real path, inside and outside the root', () => {
    const base = tempDir();
    const root = path.join(base, 'app');
    writeFiles(base, { 'app/.env': 'A=1', 'app/.git/config': 'token', 'app/real.js': 'x', '.npmrc': 'token', 'app/.env.d/x.json': '{}' });
    fs.mkdirSync(path.join(root, 'src'));
    fs.symlinkSync('../.env', path.join(root, 'src/settings.js'));
    fs.symlinkSync('../.git/config', path.join(root, 'src/config.json'));
    fs.symlinkSync('../../.npmrc', path.join(root, 'src/npm.js'));
    fs.symlinkSync('../.env.d', path.join(root, 'src/conf'));
    fs.symlinkSync('../real.js', path.join(root, 'src/ok.js'));
    expect(secretMatch(root, '.env')).toEqual({ secret: '.env', throughLink: false, git: false });
    expect(secretMatch(root, 'src/settings.js')).toEqual({ secret: '.env', throughLink: true, git: false });
    expect(secretMatch(root, 'src/config.json')).toEqual({ secret: '.git/config', throughLink: true, git: true });
    expect(secretMatch(root, 'src/npm.js')).toEqual({ secret: path.join(base, '.npmrc'), throughLink: true, git: false });
    expect(secretMatch(root, 'src/conf/x.json')).toEqual({ secret: '.env.d/x.json', throughLink: true, git: false });
    expect(secretMatch(root, 'src/ok.js')).toBeUndefined();
    expect(secretMatch(root, 'src/missing.js')).toBeUndefined();
  });

  it('a secret-looking folder above the root does not make every file a secret', () => {
    const base = tempDir();
    const root = path.join(base, '.envs', 'app');
    writeFiles(root, { 'real.js': 'x' });
    fs.symlinkSync('real.js', path.join(root, 'alias.js'));
    expect(secretMatch(root, 'alias.js')).toBeUndefined();
  });
});

describe('selectFiles keeps secrets behind links out', () => {
  it('a reachable link to .env is excluded (an include naming the link exactly is an error finding); a default include that links to .env is left out with a notice', () => {
    const root = tempDir();
    writeFiles(root, { '.env': 'A=1', 'src/index.ts': "import './settings.js';\n" });
    fs.symlinkSync('../.env', path.join(root, 'src/settings.ts'));
    fs.symlinkSync('.env', path.join(root, 'package.json'));
    const graph = graphFromImports(root, ['src/index.ts'], { 'src/index.ts': [['./settings.js', 'src/settings.ts', 1]] });
    const plain = selectFiles(graph, packOptions(root));
    expect(plain.files.map((f) => f.path)).toEqual(['src/index.ts']);
    expect(plain.excluded).toEqual(['src/settings.ts']);
    expect(plain.notices).toEqual([expect.stringContaining('Left out package.json: it is packed by default, but it is a symbolic link to .env')]);
    const byTarget = selectFiles(graph, packOptions(root, { include: ['.env'] }));
    expect(byTarget.files.map((f) => f.path)).toEqual(['.env', 'src/index.ts']);
    expect(byTarget.notices).toEqual([
      expect.stringContaining('Left out package.json: it is packed by default, but it is a symbolic link to .env'),
      expect.stringContaining('Packed .env, which looks like a secret'),
    ]);
    // Naming the link exactly does not opt the secret in under another name: an error finding names both.
    const byName = selectFiles(graph, packOptions(root, { include: ['src/settings.ts'] }));
    expect(byName.files.map((f) => f.path)).toEqual(['src/index.ts']);
    expect(byName.findings).toEqual([expect.objectContaining({ rule: 'unresolved', level: 'error', file: 'src/settings.ts', target: '.env' })]);
  });
});
