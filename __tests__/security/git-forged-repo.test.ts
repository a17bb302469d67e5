// Attack: the pull request makes git read a config it wrote, whose entries name commands
// (core.fsmonitor, hooks, pager, filters, gpg, credential helper, ...). Each variant runs the
// real pipeline and asserts that no command ran (no marker file) and that git history still
// works where a legitimate repository encloses the root (stale finding with dates, dormant files).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { computeBaseDiff } from '../../src/core/base-diff.js';
import { findRepository, gitListFiles } from '../../src/core/git.js';
import { defaultOptions } from '../../src/core/options.js';
import { runPipeline } from '../../src/core/pipeline.js';
import type { Result } from '../../src/core/types.js';
import { runAction } from '../helpers/action.js';
import { runCli } from '../helpers/cli.js';
import { cleanupFixtures, commit, gitRun, tempDir, writeFiles } from '../helpers/fixture.js';
import { APP_V1, EVIL_ATTRIBUTES, forgeGitDir, hostileConfig, legitRepo, markerDir, NOV15, repoWithForgedApp, writeConfig } from './git-helpers.js';

afterAll(cleanupFixtures);

async function check(root: string): Promise<Result> {
  return runPipeline(defaultOptions(root, ['src/index.ts']), root);
}

/** The legitimate outcome on the app: stale names the newer api-v2.ts with both dates; unused.ts is dormant. */
function expectHistoryWorks(result: Result): void {
  expect(result.graph.inGit).toBe(true);
  const stale = result.manifest.findings.filter((f) => f.rule === 'stale');
  expect(stale).toHaveLength(1);
  expect(stale[0].file).toBe('src/index.ts');
  expect(stale[0].message).toContain('src/api-v2.ts');
  expect(stale[0].message).toContain('2025-11-15');
  expect(stale[0].message).toContain('2025-11-05');
  expect(result.manifest.dormant).toEqual(expect.arrayContaining(['src/api-v2.ts', 'src/unused.ts']));
}

describe('the root folder is a git-directory lookalike', () => {
  it('with no repository around it: git never opens it (no command runs) and the root counts as "not in git"', async () => {
    const marks = markerDir();
    const root = tempDir('shipset-forged-');
    writeFiles(root, APP_V1);
    forgeGitDir(root, marks.dir, root);
    // Precondition: plain git started in that folder does open it and runs the fsmonitor command.
    gitRun(root, ['ls-files', '--others']);
    expect(marks.ran()).toContain('fsmonitor');
    fs.rmSync(path.join(marks.dir, 'fsmonitor'));

    const result = await check(root);
    expect(marks.ran()).toEqual([]);
    expect(findRepository(root)).toBeUndefined();
    expect(result.graph.inGit).toBe(false);
    expect(result.manifest.notices.join('\n')).toContain('is not inside a git repository');
    expect(result.manifest.dormant).toEqual(expect.arrayContaining(['src/unused.ts']));
  });

  it('committed inside a real repository: the enclosing repository is used, history works, nothing runs', async () => {
    const marks = markerDir();
    const { repo, app } = repoWithForgedApp(marks.dir);
    expect(marks.ran()).toEqual([]);
    const result = await check(app);
    expect(marks.ran()).toEqual([]);
    expect(findRepository(app)).toEqual({ gitDir: path.join(repo, '.git'), workTree: repo });
    expectHistoryWorks(result);
    // The base diff checks the forged folder out again, into a temporary worktree, and analyses it there.
    const base = gitRun(repo, ['rev-parse', 'HEAD~1']).trim();
    const diff = await computeBaseDiff(defaultOptions(app, ['src/index.ts']), result.manifest, base, (o) => runPipeline(o, app));
    expect(marks.ran()).toEqual([]);
    expect(diff.notice).toBeUndefined();
    expect(diff.commit).toBe(base);
  });

  it('through the action (working-directory on the forged folder, with a base diff): nothing runs', async () => {
    const marks = markerDir();
    const { repo } = repoWithForgedApp(marks.dir);
    const base = gitRun(repo, ['rev-parse', 'HEAD~1']).trim();
    const io = tempDir('shipset-runner-');
    for (const f of ['output', 'summary']) fs.writeFileSync(path.join(io, f), '');
    const r = await runAction(repo, {
      GITHUB_WORKSPACE: repo,
      GITHUB_OUTPUT: path.join(io, 'output'),
      GITHUB_STEP_SUMMARY: path.join(io, 'summary'),
      GITHUB_REPOSITORY: 'octo/shop',
      GITHUB_API_URL: 'http://127.0.0.1:9',
      'INPUT_GITHUB-TOKEN': '',
      'INPUT_WORKING-DIRECTORY': 'app',
      INPUT_ENTRY: 'src/index.ts',
      INPUT_PACK: 'false',
      'INPUT_BASE-REF': base,
    });
    expect(marks.ran()).toEqual([]);
    expect(r.status).toBe(1); // the stale error
    const summary = fs.readFileSync(path.join(io, 'summary'), 'utf8');
    expect(summary).toContain('stale');
    expect(summary).toContain(base.slice(0, 7));
  });

  it('with uncommitted changes and a .gitattributes naming its filter: git status runs no filter or fsmonitor', async () => {
    const marks = markerDir();
    const { app } = repoWithForgedApp(marks.dir);
    writeFiles(app, { '.gitattributes': EVIL_ATTRIBUTES, 'src/api.ts': 'export const api = 1; // touched\n', 'src/api-v2.ts': 'export const api = 3;\n' });
    const result = await check(app);
    expect(marks.ran()).toEqual([]);
    // Uncommitted api-v2.ts counts as changed now: still the newer one.
    const stale = result.manifest.findings.filter((f) => f.rule === 'stale');
    expect(stale).toHaveLength(1);
    expect(stale[0].message).toContain('uncommitted');
  });

  it('through the CLI (check --root on the forged folder): nothing runs, the stale error is reported', async () => {
    const marks = markerDir();
    const { repo } = repoWithForgedApp(marks.dir);
    const r = await runCli(['check', 'src/index.ts', '--root', 'app', '--json'], repo);
    expect(marks.ran()).toEqual([]);
    expect(r.status).toBe(1);
    const manifest = JSON.parse(r.stdout);
    expect(manifest.findings.map((f: { rule: string }) => f.rule)).toContain('stale');
    expect(manifest.dormant).toContain('src/unused.ts');
  });
});

describe('a .git entry planted in the app folder', () => {
  /** A legitimate repository plus a forged git directory at `forged`, and app/.git made by `plant`. */
  async function planted(plant: (app: string, forged: string) => void, forgedAt: (repo: string) => string) {
    const marks = markerDir();
    const repo = legitRepo();
    const forged = forgedAt(repo);
    forgeGitDir(forged, marks.dir);
    const app = path.join(repo, 'app');
    plant(app, forged);
    const result = await check(app);
    return { marks, repo, app, result };
  }

  it('a .git file (gitdir: ../forged) pointing into the checkout is ignored', async () => {
    const { marks, repo, app, result } = await planted(
      (app) => fs.writeFileSync(path.join(app, '.git'), 'gitdir: ../forged\n'),
      (repo) => path.join(repo, 'forged'),
    );
    expect(marks.ran()).toEqual([]);
    expect(findRepository(app)?.workTree).toBe(repo);
    expectHistoryWorks(result);
  });

  it('a .git file pointing into a folder inside the app itself is ignored', async () => {
    const { marks, repo, app, result } = await planted(
      (app) => fs.writeFileSync(path.join(app, '.git'), 'gitdir: meta\n'),
      (repo) => path.join(repo, 'app', 'meta'),
    );
    expect(marks.ran()).toEqual([]);
    expect(findRepository(app)?.workTree).toBe(repo);
    expectHistoryWorks(result);
  });

  it('a .git file with an absolute gitdir outside any .git folder is ignored', async () => {
    const elsewhere = tempDir('shipset-elsewhere-');
    const { marks, repo, app, result } = await planted(
      (app, forged) => fs.writeFileSync(path.join(app, '.git'), `gitdir: ${forged}\n`),
      () => path.join(elsewhere, 'forged'),
    );
    expect(marks.ran()).toEqual([]);
    expect(findRepository(app)?.workTree).toBe(repo);
    expectHistoryWorks(result);
  });

  it("a .git file into the enclosing repository's own .git (to make app look like the top of it) is ignored", async () => {
    const marks = markerDir();
    const repo = legitRepo();
    const app = path.join(repo, 'app');
    fs.writeFileSync(path.join(app, '.git'), 'gitdir: ../.git\n');
    const linked = path.join(tempDir('shipset-linked-'), 'wt');
    gitRun(repo, ['worktree', 'add', '-q', '--detach', linked, 'HEAD']);
    // Also one into another worktree's record (its back-link names the other folder).
    fs.mkdirSync(path.join(app, 'nested'));
    fs.writeFileSync(path.join(app, 'nested', '.git'), `gitdir: ${path.join(repo, '.git', 'worktrees', 'wt')}\n`);
    expect(findRepository(app)).toEqual({ gitDir: path.join(repo, '.git'), workTree: repo });
    expect(findRepository(path.join(app, 'nested'))).toEqual({ gitDir: path.join(repo, '.git'), workTree: repo });
    expectHistoryWorks(await check(app));
    expect(marks.ran()).toEqual([]);
  });

  it('a .git symlink to a forged directory is ignored', async () => {
    const { marks, repo, app, result } = await planted(
      (app, forged) => fs.symlinkSync(forged, path.join(app, '.git')),
      (repo) => path.join(repo, 'forged'),
    );
    expect(marks.ran()).toEqual([]);
    expect(findRepository(app)?.workTree).toBe(repo);
    expectHistoryWorks(result);
  });

  it('a .git file into a forged "x/.git/modules" folder that names the app as its work tree is accepted as a submodule, and still runs nothing', async () => {
    // A submodule's layout (and its back-link, core.worktree) can be forged by whoever can plant a
    // `.git` folder (not a git checkout: git refuses such paths): then the command-line overrides
    // are what keeps every planted command from running.
    const { marks, repo, app } = await planted(
      (app) => fs.writeFileSync(path.join(app, '.git'), 'gitdir: ../vendor/.git/modules/app\n'),
      (repo) => path.join(repo, 'vendor', '.git', 'modules', 'app'),
    );
    const forged = path.join(repo, 'vendor', '.git', 'modules', 'app');
    expect(findRepository(app)?.workTree).toBe(repo); // no back-link yet: ignored
    writeConfig(path.join(forged, 'config'), [['core.worktree', '../../../../app']]);
    expect(findRepository(app)).toEqual({ gitDir: forged, workTree: app });
    writeFiles(app, { '.gitattributes': EVIL_ATTRIBUTES, 'src/api.ts': 'export const api = 9;\n' });
    const result = await check(app);
    const diff = await computeBaseDiff(defaultOptions(app, ['src/index.ts']), result.manifest, 'HEAD', (o) => runPipeline(o, app));
    expect(marks.ran()).toEqual([]);
    expect(diff.notice).toContain('skipped'); // the forged repository has no commits
  });

  it('a .git folder planted in the app (not a clone) is used as git would, and still runs nothing', async () => {
    const { marks, app } = await planted(
      () => undefined,
      (repo) => path.join(repo, 'app', '.git'),
    );
    writeFiles(app, { '.gitattributes': EVIL_ATTRIBUTES, 'src/api.ts': 'export const api = 9;\n' });
    const result = await check(app);
    expect(marks.ran()).toEqual([]);
    // A git directory with no commits: every file is "uncommitted", the version numbers decide.
    expect(result.graph.inGit).toBe(true);
    expect(result.manifest.findings.filter((f) => f.rule === 'stale').map((f) => f.message)).toEqual([
      expect.stringContaining('decided by the version numbers'),
    ]);
  });
});

describe('the environment names a repository', () => {
  const saved = { GIT_DIR: process.env.GIT_DIR, GIT_WORK_TREE: process.env.GIT_WORK_TREE, GIT_INDEX_FILE: process.env.GIT_INDEX_FILE };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('GIT_DIR/GIT_WORK_TREE/GIT_INDEX_FILE inherited (e.g. from a hook) pointing at a forged directory are ignored', async () => {
    const marks = markerDir();
    const repo = legitRepo();
    const forged = path.join(tempDir('shipset-forged-'), 'forged');
    forgeGitDir(forged, marks.dir);
    process.env.GIT_DIR = forged;
    process.env.GIT_WORK_TREE = path.join(repo, 'app');
    process.env.GIT_INDEX_FILE = path.join(forged, 'index');
    const result = await check(path.join(repo, 'app'));
    expect(marks.ran()).toEqual([]);
    expectHistoryWorks(result);
  });
});

describe("the repository's own config names commands (defence in depth)", () => {
  // Each subset on its own too: one failing mechanism (a filter's process) can stop git before
  // it reaches the next (the checkout's hooks).
  const subsets: Array<[string, (key: string) => boolean]> = [
    ['every mechanism at once', () => true],
    ['fsmonitor', (k) => k === 'core.fsmonitor'],
    ['hooks (post-checkout, reference-transaction, post-index-change)', (k) => k === 'core.hooksPath'],
    ['a long-running filter process', (k) => k.startsWith('filter.') && !k.endsWith('.clean') && !k.endsWith('.smudge')],
    ['clean/smudge filters (status hashes changed files, checkout smudges)', (k) => k.startsWith('filter.') && !k.endsWith('.process')],
    ['pager, gpg, diff drivers, credential helper, askpass, ssh', (k) => !k.startsWith('filter.') && !['core.fsmonitor', 'core.hooksPath'].includes(k)],
  ];
  it.each(subsets)('%s: nothing runs in check (history, status, listing) or in the base diff (fetch-free checkout)', async (_name, pick) => {
    const marks = markerDir();
    const repo = legitRepo({ 'app/.gitattributes': EVIL_ATTRIBUTES });
    const base = gitRun(repo, ['rev-parse', 'HEAD~1']).trim();
    commit(
      repo,
      { 'app/src/added.ts': 'export const added = 1;\n', 'app/src/index.ts': "import { api } from './api';\nimport './added';\nexport const run = api;\n" },
      NOV15,
      'add',
    );
    // The config is written after the commits (the fixture's own git would run it otherwise).
    writeConfig(
      path.join(repo, '.git', 'config'),
      hostileConfig(marks.dir, tempDir('shipset-scripts-')).filter(([k]) => pick(k)),
    );
    writeFiles(repo, { 'app/src/unused.ts': 'export const unused = 2;\n' });
    const app = path.join(repo, 'app');
    const options = defaultOptions(app, ['src/index.ts']);
    const result = await runPipeline(options, app);
    const diff = await computeBaseDiff(options, result.manifest, base, (o) => runPipeline(o, app));
    expect(marks.ran()).toEqual([]);
    expectHistoryWorks(result);
    expect(diff.notice).toBeUndefined();
    expect(diff.added).toEqual(['src/added.ts']);
    expect(
      gitRun(repo, ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', 'worktree', 'list', '--porcelain']).match(/^worktree /gm),
    ).toHaveLength(1);
  });
});

describe('legitimate layouts still work', () => {
  it('a linked worktree (.git file into the main repository’s .git/worktrees)', async () => {
    const repo = legitRepo();
    const linked = path.join(tempDir('shipset-linked-'), 'wt');
    gitRun(repo, ['worktree', 'add', '-q', '--detach', linked, 'HEAD']);
    expect(fs.statSync(path.join(linked, '.git')).isFile()).toBe(true);
    const result = await check(path.join(linked, 'app'));
    expect(findRepository(path.join(linked, 'app'))).toEqual({ gitDir: path.join(repo, '.git', 'worktrees', 'wt'), workTree: linked });
    expectHistoryWorks(result);
  });

  it('a submodule (.git file into the superproject’s .git/modules, made by git submodule add)', async () => {
    const library = legitRepo();
    const superproject = legitRepo();
    gitRun(superproject, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', library, 'lib']);
    const sub = path.join(superproject, 'lib');
    expect(fs.readFileSync(path.join(sub, '.git'), 'utf8')).toMatch(/^gitdir: /);
    expect(findRepository(path.join(sub, 'app'))).toEqual({ gitDir: path.join(superproject, '.git', 'modules', 'lib'), workTree: sub });
    expectHistoryWorks(await check(path.join(sub, 'app')));
    expect(gitListFiles(path.join(sub, 'app'))).toEqual(expect.arrayContaining(['src/index.ts', 'src/unused.ts']));
  });
});

describe('a repository another user owns', () => {
  // Only root can hand files to another uid; elsewhere the case cannot be built.
  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  const savedHome = process.env.HOME;
  afterEach(() => {
    process.env.HOME = savedHome;
  });

  asRoot('a .git above the root owned by someone else is not opened (as git refuses it), unless safe.directory lists it', async () => {
    const marks = markerDir();
    const repo = legitRepo();
    writeConfig(path.join(repo, '.git', 'config'), [['core.fsmonitor', `touch '${path.join(marks.dir, 'fsmonitor')}'; false`]]);
    for (const p of [repo, path.join(repo, '.git')]) fs.chownSync(p, 4242, 4242);
    process.env.HOME = tempDir('shipset-home-');
    expect(findRepository(path.join(repo, 'app'))).toBeUndefined();
    const refused = await check(path.join(repo, 'app'));
    expect(refused.graph.inGit).toBe(false);
    expect(marks.ran()).toEqual([]);

    fs.writeFileSync(path.join(process.env.HOME, '.gitconfig'), `[safe]\n\tdirectory = ${repo}\n`);
    expect(findRepository(path.join(repo, 'app'))?.workTree).toBe(repo);
    expectHistoryWorks(await check(path.join(repo, 'app')));
    expect(marks.ran()).toEqual([]);
  });
});

describe('a filter driver whose name would inject a setting into `-c`', () => {
  it('a driver named "x.smudge=<command> #" is not turned into filter.x.smudge=<command>: the checkout is refused instead', async () => {
    const marks = markerDir();
    const repo = legitRepo({ 'app/.gitattributes': '* filter=x\n' });
    const base = gitRun(repo, ['rev-parse', 'HEAD~1']).trim();
    writeConfig(path.join(repo, '.git', 'config'), [[`filter.x.smudge=touch ${path.join(marks.dir, 'injected')}; cat #.smudge`, 'cat']]);
    const app = path.join(repo, 'app');
    const options = defaultOptions(app, ['src/index.ts']);
    const result = await runPipeline(options, app);
    const diff = await computeBaseDiff(options, result.manifest, base, (o) => runPipeline(o, app));
    expect(marks.ran()).toEqual([]);
    expect(diff.notice).toContain('could not check out');
    expect(gitRun(repo, ['worktree', 'list', '--porcelain']).match(/^worktree /gm)).toHaveLength(1);
  });
});
