// An exact include is the one way to pack a secret on purpose, so it is where an attacker
// aims: a pull request that commits `shipset.config.json` = {"include": [".git/config"]} (the
// file that holds actions/checkout's token), or turns a file the workflow includes into a link
// to `.git/config` or `.env`. Safe outcome: `.git/` never ships, a link to a secret is an error
// finding naming link and target, only a flag or action input (never the config file) opts a
// secret in, and an opted-in secret is named in a notice. Runs the CLI in-process (helpers/cli.ts).
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { cleanupFixtures, tempDir, writeFiles, type Files, tarballText } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const TOKEN = 'ghs_CheckoutT0kenSecretValue';
const SECRET = 'hunter2-dotenv-value';
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

/** A checkout as actions/checkout leaves it: .git/config holds the token as an extraheader. */
function checkout(files: Files, links: Record<string, string> = {}): string {
  const root = tempDir();
  writeFiles(root, { 'package.json': '{"name":"app","version":"1.0.0","type":"module"}', 'index.js': 'console.log(1);\n', ...files });
  execFileSync('git', ['init', '-q', root]);
  execFileSync('git', ['-C', root, 'config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${TOKEN}`]);
  for (const [link, to] of Object.entries(links)) {
    fs.mkdirSync(path.dirname(path.join(root, link)), { recursive: true });
    fs.symlinkSync(to, path.join(root, link));
  }
  return root;
}

async function pack(root: string, args: string[]) {
  const r = await runCli(['pack', 'index.js', '--out', 'app.tgz', '--json', ...args], root, EPOCH);
  expect(r.stderr).not.toContain('internal error');
  const tgz = path.join(root, 'app.tgz');
  const text = fs.existsSync(tgz) ? tarballText(tgz) : '';
  return { ...r, manifest: r.stdout ? JSON.parse(r.stdout) : undefined, text, written: fs.existsSync(tgz) };
}

describe('.git/ never ships, even when an include names it exactly', () => {
  it('config file {"include": [".git/config"]}: not packed, a notice says why', async () => {
    const root = checkout({ 'shipset.config.json': JSON.stringify({ include: ['.git/config', 'package.json'] }) });
    const r = await pack(root, []);
    expect(r.text).not.toContain(TOKEN);
    expect(r.stdout).not.toContain(TOKEN);
    expect(r.manifest.files.map((f: { path: string }) => f.path)).toEqual(['index.js', 'package.json']);
    expect(r.manifest.notices.join('\n')).toContain('Left out .git/config');
    expect(r.manifest.notices.join('\n')).toContain('never packed');
  });

  it('--include .git/config and --include .git/HEAD (flags): not packed either', async () => {
    const root = checkout({});
    for (const name of ['.git/config', '.git/HEAD']) {
      const r = await pack(root, ['--include', name]);
      expect(r.text).not.toContain(TOKEN);
      expect(r.manifest.files.map((f: { path: string }) => f.path)).not.toContain(name);
      expect(r.manifest.notices.join('\n')).toContain(`Left out ${name}`);
    }
  });

  it('a link whose own name is a secret (.env -> .git/config), named by --include: refused as a link', async () => {
    const root = checkout({}, { '.env': '.git/config' });
    const r = await pack(root, ['--include', '.env']);
    expect(r.status).toBe(1);
    expect(r.written).toBe(false);
    expect(r.stdout).not.toContain(TOKEN);
    const finding = r.manifest.findings.find((f: { file: string }) => f.file === '.env');
    expect(finding).toMatchObject({ level: 'error', target: '.git/config' });
  });
});

describe('an exact include that is a link to a secret is an error finding naming link and target', () => {
  it('workflow includes config/default.json; the pull request makes it a link to ../.git/config', async () => {
    const root = checkout({}, { 'config/default.json': '../.git/config' });
    const r = await pack(root, ['--include', 'config/default.json', '--include', 'package.json']);
    expect(r.status).toBe(1);
    expect(r.written).toBe(false);
    expect(r.stdout).not.toContain(TOKEN);
    const finding = r.manifest.findings.find((f: { file: string }) => f.file === 'config/default.json');
    expect(finding).toMatchObject({ rule: 'unresolved', level: 'error', target: '.git/config' });
    expect(finding.message).toContain('config/default.json is not in the package');
    expect(finding.message).toContain('symbolic link to .git/config');
    expect(r.manifest.files.map((f: { path: string }) => f.path)).not.toContain('config/default.json');
    // check predicts the same refusal.
    const check = await runCli(['check', 'index.js', '--include', 'config/default.json', '--json'], root);
    expect(check.status).toBe(1);
    expect(check.stdout).not.toContain(TOKEN);
  });

  it('the same through the config file, and a link to an .env written by an earlier step', async () => {
    const root = checkout(
      { '.env': `API_KEY=${SECRET}\n`, 'shipset.config.json': JSON.stringify({ include: ['settings.json'] }) },
      { 'settings.json': '.env' },
    );
    const r = await pack(root, []);
    expect(r.status).toBe(1);
    expect(r.written).toBe(false);
    expect(r.stdout).not.toContain(SECRET);
    expect(r.manifest.findings).toContainEqual(expect.objectContaining({ file: 'settings.json', target: '.env', level: 'error' }));
  });

  it('a link to a folder of secrets (conf -> .env.d) named file by file', async () => {
    const root = checkout({ '.env.d/prod.json': `{"k":"${SECRET}"}` }, { conf: '.env.d' });
    const r = await pack(root, ['--include', 'conf/prod.json']);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain(SECRET);
    expect(r.manifest.findings).toContainEqual(expect.objectContaining({ file: 'conf/prod.json', target: '.env.d/prod.json' }));
  });
});

describe('only a flag or action input opts a secret in; the config file (pull-request input) cannot', () => {
  it('config file {"include": [".env"]}: .env is not packed, a notice says to use --include', async () => {
    const root = checkout({ '.env': `API_KEY=${SECRET}\n`, 'shipset.config.json': JSON.stringify({ include: ['.env', 'package.json'] }) });
    const r = await pack(root, []);
    expect(r.status).toBe(0);
    expect(r.text).not.toContain(SECRET);
    expect(r.manifest.files.map((f: { path: string }) => f.path)).toEqual(['index.js', 'package.json']);
    const notice = r.manifest.notices.find((n: string) => n.startsWith('Left out .env'));
    expect(notice).toContain('config file');
    expect(notice).toContain('--include');
  });

  it('--include .env.production (the workflow): packed, and a notice (shown in the summary) says so', async () => {
    const root = checkout({ '.env.production': `API_KEY=${SECRET}\n` });
    const r = await pack(root, ['--include', '.env.production', '--include', 'package.json']);
    expect(r.status).toBe(0);
    expect(r.manifest.files.map((f: { path: string }) => f.path)).toEqual(['.env.production', 'index.js', 'package.json']);
    expect(r.manifest.notices).toContainEqual(expect.stringContaining('Packed .env.production, which looks like a secret'));
    const human = await runCli(['pack', 'index.js', '--out', 'app2.tgz', '--include', '.env.production'], root, EPOCH);
    expect(human.stdout + human.stderr).toContain('Packed .env.production');
  });
});
