// Secrets never ship under another name. A pull request can link an innocent-looking source
// file (or a folder) to `.env`, `.npmrc` or `.git/config` (which holds actions/checkout's token)
// and import it, or let an include glob find it. Whatever the route, the secret's bytes never
// enter the tarball, and check/pack say which link leads where and what to do. Runs the CLI in-process.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { cleanupFixtures, tempDir, writeFiles, type Files, tarballText } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const SECRET = 'hunter2-s3cr3t-value';
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

function project(files: Files, links: Record<string, string>): string {
  const root = tempDir();
  writeFiles(root, { 'package.json': '{"name":"app","version":"1.0.0","type":"module"}', ...files });
  for (const [link, to] of Object.entries(links)) {
    fs.mkdirSync(path.dirname(path.join(root, link)), { recursive: true });
    fs.symlinkSync(to, path.join(root, link));
  }
  return root;
}

function tarEntries(tgz: string): string[] {
  return execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
}

/** pack refuses (exit 1, no tarball), check says the same; the message names the link, its target and the fix. */
async function expectRefused(root: string, entry: string, link: string, target: string): Promise<void> {
  const pack = await runCli(['pack', entry, '--out', 'app.tgz'], root, EPOCH);
  expect(pack.stderr).not.toContain('internal error');
  expect(pack.status).toBe(1);
  expect(fs.existsSync(path.join(root, 'app.tgz'))).toBe(false);
  expect(fs.readdirSync(root).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  const message = `${link} is not in the package: it is a symbolic link to ${target}, which looks like a secret`;
  expect(pack.stdout).toContain(message);
  expect(pack.stdout).toContain(`Replace the link ${link} with a real file`);
  expect(pack.stdout).not.toContain(SECRET);
  const check = await runCli(['check', entry, '--json'], root, EPOCH);
  expect(check.status).toBe(1);
  const manifest = JSON.parse(check.stdout);
  expect(manifest.files.map((f: { path: string }) => f.path)).not.toContain(link);
  expect(manifest.findings.some((f: { level: string; message: string }) => f.level === 'error' && f.message.includes(message))).toBe(true);
  expect(check.stdout).not.toContain(SECRET);
}

describe('a link to a secret, imported under an innocent name, never ships', () => {
  it('src/settings.js -> ../.env imported as ./settings.js', async () => {
    const root = project(
      { '.env': `TOKEN=${SECRET}\n`, 'src/index.js': "import s from './settings.js';\nconsole.log(s);\n" },
      { 'src/settings.js': '../.env' },
    );
    await expectRefused(root, 'src/index.js', 'src/settings.js', '.env');
  });

  it('why says the link leads to a secret (not that an exclude glob removed it)', async () => {
    const root = project(
      { '.env': `TOKEN=${SECRET}\n`, 'src/index.js': "import s from './settings.js';\nconsole.log(s);\n" },
      { 'src/settings.js': '../.env' },
    );
    const r = await runCli(['why', 'src/settings.js', '--entry', 'src/index.js'], root);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('src/settings.js does not ship: it is a symbolic link to .env, which looks like a secret');
    expect(r.stdout).not.toContain('exclude glob');
    expect(r.stdout).not.toContain(SECRET);
  });

  it('src/registry.js -> ../.npmrc imported as ./registry.js', async () => {
    const root = project(
      { '.npmrc': `//registry.npmjs.org/:_authToken=${SECRET}\n`, 'src/index.js': "import r from './registry.js';\nconsole.log(r);\n" },
      { 'src/registry.js': '../.npmrc' },
    );
    await expectRefused(root, 'src/index.js', 'src/registry.js', '.npmrc');
  });

  it('Python: settings.py -> .env imported as settings', async () => {
    const root = project({ '.env': `TOKEN = "${SECRET}"\n`, 'app.py': 'import settings\nprint(settings.TOKEN)\n' }, { 'settings.py': '.env' });
    await expectRefused(root, 'app.py', 'settings.py', '.env');
  });

  it('src/config.json -> ../.git/config (the checkout token) required as ./config.json', async () => {
    const root = project(
      {
        '.git/config': `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${SECRET}\n`,
        'package.json': '{"name":"app","version":"1.0.0"}',
        'src/index.js': "const cfg = require('./config.json');\nconsole.log(cfg);\n",
      },
      { 'src/config.json': '../.git/config' },
    );
    await expectRefused(root, 'src/index.js', 'src/config.json', '.git/config');
  });

  it.each([
    ['.ENV', '.ENV'],
    ['.Env', '.Env'],
    ['.env.local', '.env.local'],
  ])('any letter case and suffix: src/a.js -> ../%s', async (name) => {
    const root = project(
      { [name]: `export default '${SECRET}';\n`, 'src/index.js': "import a from './a.js';\nconsole.log(a);\n" },
      { 'src/a.js': `../${name}` },
    );
    await expectRefused(root, 'src/index.js', 'src/a.js', name);
  });

  it('a file inside a .env folder: src/x.json -> ../.env/x.json', async () => {
    const root = project(
      { '.env/x.json': `{"token":"${SECRET}"}`, 'src/index.js': "import x from './x.json' with { type: 'json' };\nconsole.log(x);\n" },
      { 'src/x.json': '../.env/x.json' },
    );
    await expectRefused(root, 'src/index.js', 'src/x.json', '.env/x.json');
  });

  it('a symlinked folder on the way: src/conf -> ../.env, imported as ./conf/x.js', async () => {
    const root = project(
      { '.env/x.js': `export default '${SECRET}';\n`, 'src/index.js': "import x from './conf/x.js';\nconsole.log(x);\n" },
      { 'src/conf': '../.env' },
    );
    await expectRefused(root, 'src/index.js', 'src/conf/x.js', '.env/x.js');
  });

  it('a default include (package.json) turned into a link to .env is left out, with a notice', async () => {
    const root = project({ '.env': `{"name":"${SECRET}"}\n`, 'index.js': 'console.log(1);\n' }, {});
    fs.rmSync(path.join(root, 'package.json'));
    fs.symlinkSync('.env', path.join(root, 'package.json'));
    const r = await runCli(['pack', 'index.js', '--out', 'app.tgz'], root, EPOCH);
    expect(r.stderr).not.toContain('internal error');
    if (r.status === 0) {
      expect(tarEntries(path.join(root, 'app.tgz'))).not.toContain('package.json');
      expect(tarballText(path.join(root, 'app.tgz'))).not.toContain(SECRET);
      expect(r.stdout).toContain('Left out package.json: it is packed by default, but it is a symbolic link to .env');
    } else {
      // Reading package.json through the link may be refused earlier: then nothing is packed at all.
      expect(fs.existsSync(path.join(root, 'app.tgz'))).toBe(false);
    }
  });
});

describe('an include glob never brings a secret in, by name or through a link', () => {
  it('globs skip secrets in any case, in .env* folders, and links to them; the rest ships', async () => {
    const root = project(
      {
        '.env': `A=${SECRET}\n`,
        '.ENV': `B=${SECRET}\n`,
        '.Env.production': `C=${SECRET}\n`,
        '.env.d/x.json': `{"d":"${SECRET}"}`,
        '.npmrc': `//r/:_authToken=${SECRET}\n`,
        'deploy/.pypirc': `password = ${SECRET}\n`,
        '.git/config': `token ${SECRET}\n`,
        'config/app.json': '{"ok":true}',
        'index.js': 'console.log(1);\n',
      },
      { 'config/settings.json': '../.env', 'config/npm.txt': '../.npmrc', 'config/git.txt': '../.git/config', 'config/linked': '../.env' },
    );
    const r = await runCli(
      [
        'pack',
        'index.js',
        '--out',
        'app.tgz',
        '--include',
        '**',
        '--include',
        '**/.*',
        '--include',
        '.env.d/**',
        '--include',
        '.git/**',
        '--include',
        'package.json',
      ],
      root,
      EPOCH,
    );
    expect(r.stderr).not.toContain('internal error');
    expect(r.status).toBe(0);
    const tgz = path.join(root, 'app.tgz');
    expect(tarEntries(tgz).sort()).toEqual(['config/app.json', 'index.js', 'package.json']);
    expect(tarballText(tgz)).not.toContain(SECRET);
    expect(r.stdout).not.toContain(SECRET);
  });

  it('naming the target does not let the link in; naming the link is refused too', async () => {
    const root = project(
      { '.env': `TOKEN=${SECRET}\n`, 'src/index.js': "import s from './settings.js';\nconsole.log(s);\n" },
      { 'src/settings.js': '../.env' },
    );
    // Naming .env ships .env (on purpose) but not the link to it under another name.
    const byTarget = await runCli(['pack', 'src/index.js', '--out', 'app.tgz', '--include', '.env'], root, EPOCH);
    expect(byTarget.status).toBe(1);
    expect(byTarget.stdout).toContain('src/settings.js is not in the package: it is a symbolic link to .env');
    expect(fs.existsSync(path.join(root, 'app.tgz'))).toBe(false);
    // Naming the link itself, exactly, does not ship the secret under another name either: the
    // include is refused with an error naming the link and its target.
    const byName = await runCli(['pack', 'src/index.js', '--out', 'app.tgz', '--include', 'src/settings.js'], root, EPOCH);
    expect(byName.status).toBe(1);
    expect(byName.stdout).toContain('src/settings.js is not in the package: include names it, but it is a symbolic link to .env');
    expect(byName.stdout).not.toContain(SECRET);
    expect(fs.existsSync(path.join(root, 'app.tgz'))).toBe(false);
  });
});
