// Builders for the git attacks: a forged git directory whose config names a command for every
// mechanism git offers, each command creating its own marker file, and a legitimate repository
// (real `git init`, dated commits) with a stale variant, so a test can assert both that nothing
// ran and that history still works.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commit, gitInit, gitRun, tempDir, writeFiles } from '../helpers/fixture.js';

export const NOV5 = '2025-11-05T12:00:00Z';
export const NOV15 = '2025-11-15T12:00:00Z';

/** A folder where the planted commands leave their markers; `ran()` lists the markers present. */
export function markerDir(): { dir: string; ran: () => string[] } {
  const dir = tempDir('shipset-marks-');
  return { dir, ran: () => fs.readdirSync(dir).sort() };
}

/** An executable shell script that creates `marks/name` (and passes stdin through, for filters). */
function script(dir: string, name: string, marks: string): string {
  const file = path.join(dir, `${name}.sh`);
  fs.writeFileSync(file, `#!/bin/sh\ntouch '${path.join(marks, name)}'\ncat\n`, { mode: 0o755 });
  return file;
}

/**
 * Config entries that make git run a command, each creating marker `name` in `marks`.
 * `scripts` is a folder for the helper scripts (hooks and programs git calls by path).
 */
export function hostileConfig(marks: string, scripts: string): Array<[string, string]> {
  fs.mkdirSync(path.join(scripts, 'hooks'), { recursive: true });
  for (const hook of ['post-checkout', 'reference-transaction', 'post-index-change', 'pre-auto-gc', 'post-merge', 'fsmonitor-watchman']) {
    script(path.join(scripts, 'hooks'), hook, marks);
    fs.renameSync(path.join(scripts, 'hooks', `${hook}.sh`), path.join(scripts, 'hooks', hook));
  }
  const touch = (name: string) => `touch '${path.join(marks, name)}'`;
  return [
    ['core.fsmonitor', `${touch('fsmonitor')}; false`],
    ['core.hooksPath', path.join(scripts, 'hooks')],
    ['core.pager', touch('pager')],
    ['pager.log', touch('pager-log')],
    ['pager.status', touch('pager-status')],
    ['core.editor', touch('editor')],
    ['log.showSignature', 'true'],
    ['gpg.program', script(scripts, 'gpg', marks)],
    ['diff.external', script(scripts, 'diff-external', marks)],
    ['diff.evil.textconv', script(scripts, 'textconv', marks)],
    ['diff.evil.command', script(scripts, 'diff-command', marks)],
    ['filter.evil.clean', `${touch('filter-clean')}; cat`],
    ['filter.evil.smudge', `${touch('filter-smudge')}; cat`],
    ['filter.evil.process', touch('filter-process')],
    ['filter.evil.required', 'true'],
    ['credential.helper', `!${touch('credential')}`],
    ['core.askPass', script(scripts, 'askpass', marks)],
    ['core.sshCommand', touch('ssh')],
    ['protocol.ext.allow', 'always'],
    ['remote.origin.uploadpack', script(scripts, 'uploadpack', marks)],
    ['status.submoduleSummary', 'true'],
    ['gc.auto', '1'],
  ];
}

/** .gitattributes that sends every file through the `evil` filter and diff drivers. */
export const EVIL_ATTRIBUTES = '* filter=evil diff=evil\n';

/** Write the entries into the config file `file` (git does the quoting). */
export function writeConfig(file: string, entries: Array<[string, string]>): void {
  if (!fs.existsSync(file)) fs.writeFileSync(file, '');
  // From a neutral folder: git started inside a half-built forged directory would open it.
  for (const [k, v] of entries) gitRun(os.tmpdir(), ['config', '--file', file, k, v]);
}

/**
 * Turn `dir` into a git directory lookalike (HEAD, objects/, refs/, config) whose config runs
 * commands. `worktree` makes git treat it as a non-bare repository with that work tree.
 */
export function forgeGitDir(dir: string, marks: string, worktree?: string): void {
  fs.mkdirSync(path.join(dir, 'objects', 'info'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'refs', 'heads'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'objects', 'info', '.keep'), '');
  fs.writeFileSync(path.join(dir, 'refs', 'heads', '.keep'), '');
  fs.writeFileSync(path.join(dir, 'HEAD'), 'ref: refs/heads/main\n');
  const entries: Array<[string, string]> = [
    ['core.repositoryformatversion', '0'],
    ['core.bare', 'false'],
    ...(worktree ? ([['core.worktree', worktree]] as Array<[string, string]>) : []),
    ['remote.origin.url', `ext::sh -c touch% ${path.join(marks, 'ext-remote')}`],
    ...hostileConfig(marks, path.join(dir, 'scripts')),
  ];
  writeConfig(path.join(dir, 'config'), entries);
}

/** The app's source: index imports ./api; api-v2 is a newer replacement nothing imports; unused is dormant. */
export const APP_V1 = {
  'src/index.ts': "import { api } from './api';\nexport const run = api;\n",
  'src/api.ts': 'export const api = 1;\n',
  'src/api-v2.ts': 'export const api = 1;\n',
  'src/unused.ts': 'export const unused = 1;\n',
};
export const APP_V2 = { 'src/api-v2.ts': 'export const api = 2; // the fix\n' };

/** Prefix every key of `files` with `dir/`. */
export function under(dir: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [`${dir}/${k}`, v]));
}

/** A real repository with the app in `app/`, committed on two dates (api-v2 changed later). */
export function legitRepo(extraFirstCommit: Record<string, string> = {}): string {
  const repo = tempDir('shipset-repo-');
  gitInit(repo);
  commit(repo, { ...under('app', APP_V1), ...extraFirstCommit }, NOV5, 'first');
  commit(repo, under('app', APP_V2), NOV15, 'fix in v2');
  return repo;
}

/** A real repository whose `app/` folder (committed) is itself a forged git directory. */
export function repoWithForgedApp(marks: string): { repo: string; app: string } {
  const repo = tempDir('shipset-repo-');
  gitInit(repo);
  const app = path.join(repo, 'app');
  writeFiles(app, APP_V1);
  forgeGitDir(app, marks, app);
  gitRun(repo, ['add', '-A']);
  gitRun(repo, ['commit', '-q', '-m', 'first'], NOV5);
  commit(repo, under('app', APP_V2), NOV15, 'fix in v2');
  return { repo, app };
}
