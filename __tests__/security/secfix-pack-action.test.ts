// The action end to end (in-process, helpers/action.ts) on the checkout-token attack: actions/checkout leaves its
// token in .git/config, and the pull request commits shipset.config.json = {"include":
// [".git/config"]}. The tarball must not hold the token, and the job summary says what was left
// out; a secret the workflow opts in with the include input is named in the summary.
import { afterAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runAction } from '../helpers/action.js';
import { cleanupFixtures, gitProject, tempDir } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const TOKEN = 'ghs_ActionCheckoutT0ken';

async function action(repo: string, inputs: Record<string, string>): Promise<{ status: number; summary: string; out: string }> {
  const io = tempDir('shipset-runner-');
  const summaryFile = path.join(io, 'summary');
  fs.writeFileSync(summaryFile, '');
  fs.writeFileSync(path.join(io, 'output'), '');
  const r = await runAction(repo, {
    GITHUB_WORKSPACE: repo,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: path.join(io, 'output'),
    'INPUT_BASE-REF': 'none',
    'INPUT_GITHUB-TOKEN': '',
    INPUT_TARBALL: 'app.tgz',
    SOURCE_DATE_EPOCH: '1700000000',
    ...inputs,
  });
  return { status: r.status, summary: fs.readFileSync(summaryFile, 'utf8'), out: r.stdout + r.stderr };
}

function tarballText(tgz: string): string {
  const dir = tempDir();
  execFileSync('tar', ['-xzf', tgz, '-C', dir]);
  return execFileSync('sh', ['-c', 'find . -type f -print -exec cat {} +'], { cwd: dir, encoding: 'latin1' });
}

it('config include .git/config: the token is not packed and the summary says it was left out; --include input opts .env.production in, named in the summary', async () => {
  const repo = gitProject([
    {
      date: '2025-09-01T09:00:00Z',
      files: {
        'package.json': '{"name":"app","version":"1.0.0","main":"index.js"}',
        'index.js': 'console.log(1);\n',
        'shipset.config.json': JSON.stringify({ include: ['.git/config', 'package.json'] }),
        '.env.production': 'API_KEY=opted-in-on-purpose\n',
      },
    },
  ]);
  execFileSync('git', ['-C', repo, 'config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${TOKEN}`]);
  const attacked = await action(repo, {});
  expect(attacked.out).not.toContain('internal error');
  expect(attacked.status).toBe(0);
  expect(tarballText(path.join(repo, 'app.tgz'))).not.toContain(TOKEN);
  expect(attacked.summary).toContain('Left out .git/config');
  expect(attacked.summary + attacked.out).not.toContain(TOKEN);

  const optedIn = await action(repo, { INPUT_INCLUDE: '.env.production\npackage.json' });
  expect(optedIn.status).toBe(0);
  expect(tarballText(path.join(repo, 'app.tgz'))).toContain('opted-in-on-purpose');
  expect(optedIn.summary).toContain('Packed .env.production, which looks like a secret');
});
