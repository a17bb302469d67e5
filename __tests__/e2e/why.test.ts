// `shipset why` end to end through the CLI in-process (the first case through a copy of
// dist/cli.js with no node_modules): the chains that
// make a file ship (exit 0), or the reason it does not (exit 1), on the incident-2 backend.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { runCli as runDistCli } from '../helpers/dist.js';
import { cleanupFixtures, copyFixture, gitInit, gitRun } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

interface WhyJson {
  ships: boolean;
  reason: string;
  chains: string[][];
  text: string;
}

let root: string;
beforeAll(() => {
  // `why` only reads the project: one copy serves every case.
  root = copyFixture('e2e/backend');
  gitInit(root);
  gitRun(root, ['add', '-A']);
  gitRun(root, ['commit', '-q', '-m', 'orders service'], '2025-10-01T09:00:00Z');
});

const why = async (file: string, ...extra: string[]) => runCli(['why', file, '--entry', 'src/index.js', '--root', root, ...extra], root);

describe('shipset why, for a file that ships', () => {
  it('prints every import chain, npm-explain style, each step with the file:line of its import', async () => {
    const r = runDistCli(['why', 'src/lib/respond.js', '--entry', 'src/index.js', '--root', root], root); // dist/: what users run
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'src/lib/respond.js ships: 2 import chains from the entries reach it.',
        '',
        'src/lib/respond.js',
        '  imported by src/routes/health.js:1 (../lib/respond.js)',
        '    imported by src/routes/index.js:1 (./health.js)',
        '      imported by src/index.js:3 (./routes/index.js), an entry',
        '',
        'src/lib/respond.js',
        '  imported by src/routes/orders.js:1 (../lib/respond.js)',
        '    imported by src/routes/index.js:2 (./orders.js)',
        '      imported by src/index.js:3 (./routes/index.js), an entry',
        '',
      ].join('\n'),
    );
  });

  it('--json gives the chains entry first; with no --entry, package.json main is the entry', async () => {
    const r = await runCli(['why', 'src/config/settings.json', '--root', root, '--json'], root);
    expect(r.status).toBe(0);
    const answer = JSON.parse(r.stdout) as WhyJson;
    expect(answer).toMatchObject({ ships: true, reason: 'import' });
    // Imported by the entry itself and by health.js: the shorter chain first.
    expect(answer.chains).toEqual([
      ['src/index.js', 'src/config/settings.json'],
      ['src/index.js', 'src/routes/index.js', 'src/routes/health.js', 'src/config/settings.json'],
    ]);
  });

  it('says when the file is an entry, or packed because an include names it', async () => {
    const entry = await why('src/index.js', '--json');
    expect(entry.status).toBe(0);
    expect(JSON.parse(entry.stdout)).toMatchObject({ ships: true, reason: 'entry' });
    const lockfile = await why('package-lock.json');
    expect(lockfile.status).toBe(0);
    expect(lockfile.stdout).toMatch(/^package-lock\.json ships: an include glob names it/);
  });
});

describe('shipset why, for a file that does not ship (exit 1)', () => {
  it('a dormant file: no entry reaches it', async () => {
    const r = await why('src/legacy/users.js');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^src\/legacy\/users\.js does not ship: it is dormant, no entry \(src\/index\.js\) reaches it\./);
  });

  it('an excluded file: says an exclude removes it, and still shows how it is reached', async () => {
    const r = await why('src/lib/log.js', '--exclude', 'src/lib/**', '--json');
    expect(r.status).toBe(1);
    const answer = JSON.parse(r.stdout) as WhyJson;
    expect(answer).toMatchObject({ ships: false, reason: 'excluded', chains: [['src/index.js', 'src/lib/log.js']] });
    expect(answer.text).toContain("the exclude glob 'src/lib/**' removes it");
    expect(answer.text).toContain('imported by src/index.js:4 (./lib/log.js), an entry');
  });

  it('a file outside the root', async () => {
    const outside = path.join(path.dirname(root), path.basename(root) + '-elsewhere.js');
    fs.writeFileSync(outside, 'export {};\n');
    try {
      const r = await why(path.join('..', path.basename(outside)));
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`is not under the root ${root}`);
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });

  it('a missing file is bad input (exit 2, one line); a file no engine follows that no include names is exit 1', async () => {
    const missing = await why('src/nope.js', '--json');
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim().split('\n')).toEqual([
      `shipset: why: src/nope.js does not exist (looked under the root ${root}, then the current folder). Check the path.`,
    ]);
    const script = await why('bin/serve.sh');
    expect(script.status).toBe(1);
    expect(script.stdout).toMatch(/^bin\/serve\.sh does not ship: .*Name it in include/);
  });

  it('bad usage: no file, or two, is exit 2 with one line', async () => {
    for (const args of [
      ['why', '--entry', 'src/index.js'],
      ['why', 'a.js', 'b.js', '--entry', 'src/index.js'],
    ]) {
      const r = await runCli([...args, '--root', root], root);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual(['shipset: why takes one file: shipset why <file> --entry <entry>.']);
    }
  });
});
