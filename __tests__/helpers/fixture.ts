// Temporary fixture projects with real git history, removed after each test file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Files = Record<string, string>;

const made: string[] = [];

/** A new empty temp folder (removed by cleanupFixtures). */
export function tempDir(prefix = 'shipset-test-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

export function writeFiles(root: string, files: Files): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

/** Copy a folder of __fixtures__ (or any folder) into a new temp folder. */
export function copyFixture(name: string): string {
  const src = path.resolve('__fixtures__', name);
  const dir = tempDir();
  fs.cpSync(src, dir, { recursive: true });
  return dir;
}

export function gitRun(root: string, args: string[], date?: string): string {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Fixture',
    GIT_AUTHOR_EMAIL: 'f@example.com',
    GIT_COMMITTER_NAME: 'Fixture',
    GIT_COMMITTER_EMAIL: 'f@example.com',
  };
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  return execFileSync('git', args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function gitInit(root: string): void {
  gitRun(root, ['init', '-q', '-b', 'main']);
  gitRun(root, ['config', 'commit.gpgsign', 'false']);
}

/** Write files and commit them at an ISO date, e.g. '2025-11-05T12:00:00Z'. */
export function commit(root: string, files: Files, date: string, message = 'change'): void {
  writeFiles(root, files);
  gitRun(root, ['add', '-A']);
  gitRun(root, ['commit', '-q', '-m', message], date);
}

/**
 * A project as a series of dated commits: [{date, files}], applied in order.
 * Returns the temp root.
 */
export function gitProject(history: Array<{ date: string; files: Files; message?: string }>): string {
  const root = tempDir();
  gitInit(root);
  for (const step of history) commit(root, step.files, step.date, step.message);
  return root;
}

export function cleanupFixtures(): void {
  while (made.length) fs.rmSync(made.pop()!, { recursive: true, force: true });
}

/** Every file a .tar.gz holds, unpacked into a temp folder: its path and then its bytes as latin1 text (to grep for a secret). */
export function tarballText(tgz: string): string {
  const dir = tempDir();
  execFileSync('tar', ['-xzf', tgz, '-C', dir]);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${path.relative(dir, p)}\n${fs.readFileSync(p, 'latin1')}`);
    }
  };
  walk(dir);
  return out.join('\n');
}
