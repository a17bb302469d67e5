// Attack/accident: the job is cancelled (SIGTERM, or SIGINT from a terminal) while the action
// compares with the base. Nothing may stay behind: no temporary worktree folder, no entry in
// `git worktree list`, no git child still running. The action (dist/index.js) runs as on a
// runner; a `git` wrapper first on PATH holds the process in the base diff (after the real
// `worktree add`, or in `fetch`) so the signal lands exactly there.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { removeWorktree } from '../../src/core/base-diff.js';
import { distCopy } from '../helpers/dist.js';
import { cleanupFixtures, commit, gitProject, gitRun, tempDir } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const realGit = (() => {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'git');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('git not found on PATH');
})();

/** A `git` that records its pid, and for the chosen command signals "ready" and then hangs. */
function gitShim(hangOn: 'worktree add' | 'fetch'): { dir: string; ready: string; pids: string } {
  const dir = tempDir('shipset-shim-');
  const ready = path.join(dir, 'ready');
  const pids = path.join(dir, 'pids');
  const first = hangOn === 'worktree add' ? `"${realGit}" "$@"` : ':';
  fs.writeFileSync(
    path.join(dir, 'git'),
    `#!/bin/sh\ncase " $* " in\n  *" ${hangOn} "*) echo $$ >> '${pids}'; ${first}; touch '${ready}'; exec sleep 120 ;;\nesac\nexec "${realGit}" "$@"\n`,
    { mode: 0o755 },
  );
  return { dir, ready, pids };
}

/** Running (a zombie waiting for its reaper counts as gone: it runs nothing). */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    // no /proc (macOS): ask the kernel
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pids still running after up to `ms` (a killed process takes a moment to go). */
async function stillRunning(pids: number[], ms = 3000): Promise<number[]> {
  const end = Date.now() + ms;
  while (pids.some(alive) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return pids.filter(alive);
}

async function waitFor(file: string, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (fs.existsSync(file)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** A repository with a base commit and a head commit; the base SHA. */
function project(): { repo: string; base: string } {
  const repo = gitProject([{ date: '2025-01-01T00:00:00Z', files: { 'src/index.js': "import './a.js';\n", 'src/a.js': 'export {};\n' } }]);
  const base = gitRun(repo, ['rev-parse', 'HEAD']).trim();
  commit(repo, { 'src/index.js': "import './b.js';\n", 'src/b.js': 'export {};\n' }, '2025-01-02T00:00:00Z');
  return { repo, base };
}

async function cancelDuringBaseDiff(workspace: string, baseRef: string, hangOn: 'worktree add' | 'fetch', signal: NodeJS.Signals) {
  const shim = gitShim(hangOn);
  const tmp = tempDir('shipset-tmpdir-');
  const io = tempDir('shipset-runner-');
  fs.writeFileSync(path.join(io, 'output'), '');
  fs.writeFileSync(path.join(io, 'summary'), '');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|INPUT_|RUNNER_|GIT_)/.test(k) && !['NODE_OPTIONS', 'CI'].includes(k)));
  const child = spawn(process.execPath, [path.join(distCopy(), 'dist', 'index.js')], {
    cwd: workspace,
    env: {
      ...env,
      PATH: `${shim.dir}${path.delimiter}${process.env.PATH}`,
      TMPDIR: tmp,
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: path.join(io, 'output'),
      GITHUB_STEP_SUMMARY: path.join(io, 'summary'),
      GITHUB_REPOSITORY: 'octo/shop',
      GITHUB_API_URL: 'http://127.0.0.1:9',
      'INPUT_GITHUB-TOKEN': '',
      INPUT_ENTRY: 'src/index.js',
      INPUT_PACK: 'false',
      'INPUT_BASE-REF': baseRef,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const reached = await waitFor(shim.ready, 30_000);
  if (!reached) child.kill('SIGKILL');
  expect({ reached, output: reached ? '' : output }).toEqual({ reached: true, output: '' });
  // The base diff is under way: a folder in the private TMPDIR, and the git child hanging.
  if (hangOn === 'worktree add') expect(fs.readdirSync(tmp).filter((n) => n.startsWith('shipset-base-'))).toHaveLength(1);
  const pids = fs.readFileSync(shim.pids, 'utf8').trim().split('\n').map(Number);
  expect(pids.every(alive)).toBe(true);

  child.kill(signal);
  const code = await exited;
  return { code, tmp, pids, output };
}

function worktrees(repo: string): number {
  return gitRun(repo, ['worktree', 'list', '--porcelain']).match(/^worktree /gm)?.length ?? 0;
}

describe('cancelling the action during the base diff', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s while the temporary worktree is checked out: folder, worktree entry and git child are gone', async (signal, status) => {
    const { repo, base } = project();
    const run = await cancelDuringBaseDiff(repo, base, 'worktree add', signal);
    expect(run.code).toBe(status);
    expect(fs.readdirSync(run.tmp)).toEqual([]);
    expect(worktrees(repo)).toBe(1);
    expect(fs.existsSync(path.join(repo, '.git', 'worktrees')) ? fs.readdirSync(path.join(repo, '.git', 'worktrees')) : []).toEqual([]);
    expect(await stillRunning(run.pids)).toEqual([]);
    // The user's checkout is untouched.
    expect(gitRun(repo, ['status', '--porcelain', '--untracked-files=no'])).toBe('');
  });

  it('SIGTERM while fetching a base the shallow clone lacks: the fetch is killed, nothing left in TMPDIR', async () => {
    const { repo: origin, base } = project();
    const clone = tempDir('shipset-clone-');
    gitRun(clone, ['clone', '-q', '--depth=1', `file://${origin}`, '.']);
    const run = await cancelDuringBaseDiff(clone, base, 'fetch', 'SIGTERM');
    expect(run.code).toBe(143);
    expect(fs.readdirSync(run.tmp)).toEqual([]);
    expect(worktrees(clone)).toBe(1);
    expect(await stillRunning(run.pids)).toEqual([]);
  });
});

describe('removeWorktree', () => {
  it('removes a locked worktree (as `worktree add` leaves one it did not finish) and its record', () => {
    const { repo, base } = project();
    const tmp = tempDir('shipset-base-');
    const tree = path.join(tmp, 'tree');
    gitRun(repo, ['worktree', 'add', '-q', '--detach', '--lock', tree, base]);
    expect(worktrees(repo)).toBe(2);
    removeWorktree(repo, tree, tmp);
    expect(fs.existsSync(tmp)).toBe(false);
    expect(worktrees(repo)).toBe(1);
    const records = path.join(repo, '.git', 'worktrees');
    expect(fs.existsSync(records) ? fs.readdirSync(records) : []).toEqual([]);
  });
});
