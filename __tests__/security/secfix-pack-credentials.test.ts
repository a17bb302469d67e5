// Credential files beyond .env/.npmrc/.pypirc: the machine and git credential stores (.netrc,
// _netrc, .git-credentials), the key files google-github-actions/auth writes into the workspace
// (gha-creds-*.json), and yarn berry's .yarnrc.yml (npmAuthToken). Any letter case, by path and
// by the real path behind a link, through a glob or an import. .yarnrc.yml is treated like
// .npmrc: a secret unless a flag or action input names it exactly.
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { isSecretPath, secretMatch } from '../../src/core/pack/secrets.js';
import { runCli } from '../helpers/cli.js';
import { cleanupFixtures, tempDir, writeFiles, tarballText } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const SECRET = 'cr3dential-s3cret-bytes';
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };
const NAMES = ['.netrc', '_netrc', '.git-credentials', 'gha-creds-1a2b3c4d5e6f.json', '.yarnrc.yml'];

describe('isSecretPath knows the credential stores, in any letter case', () => {
  it.each([...NAMES, '.NETRC', '_NetRC', 'deploy/.Git-Credentials', 'GHA-CREDS-x.JSON', 'sub/.YARNRC.YML'])('%s is a secret', (rel) => {
    expect(isSecretPath(rel)).toBe(true);
  });
  it.each(['netrc.js', 'src/git-credentials.ts', 'gha-creds.md', 'gha-creds-x.js', '.yarnrc', 'yarnrc.yml'])('%s is not', (rel) => {
    expect(isSecretPath(rel)).toBe(false);
  });
  it('a link with an innocent name is judged on its real path', () => {
    const root = tempDir();
    writeFiles(root, { 'gha-creds-abc.json': '{}', '.netrc': 'machine x' });
    fs.symlinkSync('gha-creds-abc.json', path.join(root, 'key.json'));
    fs.symlinkSync('.netrc', path.join(root, 'hosts.txt'));
    expect(secretMatch(root, 'key.json')).toMatchObject({ secret: 'gha-creds-abc.json', throughLink: true });
    expect(secretMatch(root, 'hosts.txt')).toMatchObject({ secret: '.netrc', throughLink: true });
  });
});

describe('a glob or an import never brings them in', () => {
  it('include ** (and **/.*) packs none of them, nor a link to one; an import of a link is refused', async () => {
    const root = tempDir();
    const files: Record<string, string> = { 'package.json': '{"name":"app","type":"module"}', 'index.js': "import k from './key.js';\nconsole.log(k);\n" };
    for (const name of [...NAMES, '.NETRC', 'conf/.Git-Credentials']) files[name] = `${SECRET}\n`;
    writeFiles(root, files);
    fs.symlinkSync('gha-creds-1a2b3c4d5e6f.json', path.join(root, 'key.js'));
    fs.symlinkSync('.yarnrc.yml', path.join(root, 'yarn-settings.txt'));
    const globbed = await runCli(['pack', 'index.js', '--out', 'app.tgz', '--include', '**', '--include', '**/.*', '--json'], root, EPOCH);
    expect(globbed.stderr).not.toContain('internal error');
    expect(globbed.status).toBe(1); // the import of key.js is refused
    expect(globbed.stdout).toContain('key.js is not in the package: it is a symbolic link to gha-creds-1a2b3c4d5e6f.json');
    expect(globbed.stdout).not.toContain(SECRET);
    expect(fs.existsSync(path.join(root, 'app.tgz'))).toBe(false);
    // Without the import, the glob packs the rest and none of the credentials.
    fs.writeFileSync(path.join(root, 'index.js'), 'console.log(1);\n');
    const ok = await runCli(['pack', 'index.js', '--out', 'app.tgz', '--include', '**', '--include', '**/.*', '--json'], root, EPOCH);
    expect(ok.status).toBe(0);
    const paths = JSON.parse(ok.stdout).files.map((f: { path: string }) => f.path);
    expect(paths).toEqual(['index.js', 'package.json']);
    expect(tarballText(path.join(root, 'app.tgz'))).not.toContain(SECRET);
  });

  it('.yarnrc.yml ships only when --include names it exactly, with a notice', async () => {
    const root = tempDir();
    writeFiles(root, { 'package.json': '{"name":"app"}', 'index.js': 'console.log(1);\n', '.yarnrc.yml': 'nodeLinker: node-modules\n' });
    const r = await runCli(['pack', 'index.js', '--out', 'app.tgz', '--include', '.yarnrc.yml', '--include', 'package.json', '--json'], root, EPOCH);
    expect(r.status).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.files.map((f: { path: string }) => f.path)).toEqual(['.yarnrc.yml', 'index.js', 'package.json']);
    expect(m.notices).toContainEqual(expect.stringContaining('Packed .yarnrc.yml, which looks like a secret'));
  });
});
