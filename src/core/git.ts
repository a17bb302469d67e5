// The one way shipset runs git. Every git call in src/ goes through `git` or `gitAsync` here.
//
// The folder shipset analyses is pull-request content, and git executes commands named in a
// repository's config (core.fsmonitor, hooks, filter drivers, ...). So git must never read a
// config the pull request wrote, and must never run a command from the config it does read:
//   1. We find the repository ourselves (`findRepository`): walk up from the root to the nearest
//      `.git` entry, exactly as a checkout has it, and pass it as GIT_DIR with an explicit
//      GIT_WORK_TREE. git's own discovery is never used: it would take the root folder itself
//      for a bare repository when that folder holds HEAD, objects/, refs/ and a config.
//   2. Every command-running setting our commands can reach is overridden on the command line
//      (`-c` beats every config file), see OVERRIDES, and the environment is pinned (gitEnv).
//   3. Every call has a timeout and an output cap; none throws: "not a repository" or "git
//      failed" is an answer (undefined), and the callers fall back or say so.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { onCleanup } from './cleanup.js';

/** A repository as shipset uses it: its git directory and the top of its work tree (real paths). */
export interface Repository {
  gitDir: string;
  workTree: string;
}

/**
 * Settings forced on every git call (`git -c key=value`; command-line config wins over every
 * config file, including a forged one). Each names something a config could make git execute,
 * or make the call behave differently from what shipset parses.
 */
const OVERRIDES: readonly string[] = [
  // An fsmonitor is a program git runs on every index refresh (status, ls-files, checkout).
  // A boolean since git 2.36; older git takes it as a program name and runs `false`, which
  // fails, and git then goes on without a monitor.
  'core.fsmonitor=false',
  // Hooks (post-checkout on `worktree add`, reference-transaction on any ref update, pre-auto-gc)
  // are project code. /dev/null is not a directory, so no hook is ever found.
  'core.hooksPath=/dev/null',
  // Belt and braces for point 1: never open a bare repository git would have to discover.
  'safe.bareRepository=explicit',
  // Output is piped, so no pager starts; a pager is a command, keep it a harmless one anyway.
  'core.pager=cat',
  // `git log` with log.showSignature runs gpg.program on every commit.
  'log.showSignature=false',
  // Commands git runs to reach or authenticate with a remote (only `fetch` talks to one).
  // An empty credential.helper clears the list of helpers read so far; an empty askPass
  // disables it (GIT_TERMINAL_PROMPT=0 then fails instead of prompting).
  'credential.helper=',
  'core.askPass=',
  'core.sshCommand=ssh',
  'remote.origin.uploadpack=git-upload-pack',
  // Transports: a remote helper is a program (`remote.<name>.vcs`, a `<helper>::<address>` URL,
  // also one that url.<x>.insteadOf rewrites to, `ext::<command>`). The default for every
  // transport is "never", and only git's built-in ones are allowed again: git then refuses any
  // helper ("transport '<name>' not allowed") before starting it. (The `-c` values are read
  // after every config file, so a repository's protocol.*.allow cannot widen them.)
  'protocol.allow=never',
  'protocol.file.allow=always',
  'protocol.git.allow=always',
  'protocol.ssh.allow=always',
  'protocol.http.allow=always',
  'protocol.https.allow=always',
  'protocol.ext.allow=never',
  // fetch runs this command to list the refs of each alternate object store (objects/info/alternates).
  // An empty value is "unset": git lists them itself.
  'core.alternateRefsCommand=',
  'core.alternateRefsPrefixes=',
  // `git status` and `checkout` would recurse into submodules, running git with their config.
  'submodule.recurse=false',
  // fetch and checkout may start background maintenance (gc, repack, hooks).
  'gc.auto=0',
  'maintenance.auto=false',
  // Paths in output stay raw bytes (with -z), not C-quoted.
  'core.quotePath=false',
];

/**
 * Environment variables that choose a repository, an index or object store: shipset chooses
 * those itself. (git drops the same ones when it switches repository for a submodule.) A
 * shipset run from inside a git hook, for example, inherits GIT_DIR and GIT_INDEX_FILE.
 */
const REPOSITORY_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_COMMON_DIR',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
  'GIT_SHALLOW_FILE',
  'GIT_GRAFT_FILE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_REPLACE_REF_BASE',
  'GIT_CEILING_DIRECTORIES',
  'GIT_EXTERNAL_DIFF',
  'GIT_DIFF_OPTS',
];

function withoutRepositoryEnv(from: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...from };
  for (const name of REPOSITORY_ENV) delete env[name];
  return env;
}

function gitEnv(repo: Repository, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...withoutRepositoryEnv(process.env),
    GIT_DIR: repo.gitDir,
    GIT_WORK_TREE: repo.workTree,
    // The system config is not the user's and not needed; the user's global config is kept
    // (their identity, safe.directory, http settings): it is theirs, not the pull request's.
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_ATTR_NOSYSTEM: '1',
    // Never wait for a password on a terminal nobody watches.
    GIT_TERMINAL_PROMPT: '0',
    // core.gitProxy (the command a git:// connection goes through) cannot be overridden with
    // `-c`: git takes the first matching value it reads, the repository's before the command
    // line's. The environment variable is read before any config, and empty means "no proxy".
    GIT_PROXY_COMMAND: '',
    // The transport whitelist of OVERRIDES, also as the variable that would otherwise replace it
    // (an inherited GIT_ALLOW_PROTOCOL wins over every protocol.*.allow setting).
    GIT_ALLOW_PROTOCOL: 'file:git:ssh:http:https',
    // Read-only commands must not take the index lock (another git in the checkout may hold it).
    GIT_OPTIONAL_LOCKS: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    // git-lfs, when installed, checks out pointer files instead of downloading (see also the
    // filter overrides of `neutralFilters`).
    GIT_LFS_SKIP_SMUDGE: '1',
    // Messages and dates in one language and format: shipset parses the output.
    LC_ALL: 'C',
    ...extra,
  };
}

/** Default time limit of one git call; history over a large repository stays well below. */
const TIMEOUT_MS = 60_000;
/** Default cap on what one git call may print; beyond it the call counts as failed. */
const MAX_OUTPUT = 64 * 1024 * 1024;

export interface GitCallOptions {
  timeoutMs?: number;
  maxOutput?: number;
  /** Also disable every filter driver (clean/smudge/process) the config defines: for commands that check files out or hash them. */
  noFilters?: boolean;
  /** Extra environment variables for this call (they win over the pinned ones). */
  env?: NodeJS.ProcessEnv;
  /** Written to git's standard input (for `--stdin` commands); synchronous calls only. */
  input?: string;
}

/**
 * The repository whose work tree holds `root`, found the way a checkout lays it out, never by
 * asking git (git would accept the root folder itself as a bare repository, or follow a planted
 * `.git` file). Walks up from the real path of `root` to the nearest `.git` entry:
 * - a `.git` folder (a clone, e.g. actions/checkout's workspace) that has a HEAD file;
 * - a `.git` file (`gitdir: <path>`: a linked worktree or a submodule) or a `.git` symlink, only
 *   when its target is a git directory that lies inside some folder named `.git` (where git keeps
 *   `worktrees/<name>` and `modules/<name>`), outside the folder holding the `.git` file, and
 *   names that folder as its work tree (`linksBack`); any other target (a planted fake inside the
 *   checkout, or the enclosing repository's own `.git`) is ignored and the walk goes on up.
 * - a repository another user owns is not opened (see `ownedOrSafe`).
 * Returns undefined when there is none (no git: callers fall back to a folder walk).
 */
export function findRepository(root: string): Repository | undefined {
  let dir = realPath(root);
  if (!dir) return undefined;
  for (;;) {
    const found = repositoryAt(dir);
    // Like git's own safe.directory check (which an explicit GIT_DIR skips): a repository that
    // another user owns (a `.git` planted in /tmp on a shared machine) is not opened.
    if (found) return ownedOrSafe(found) ? found : undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function repositoryAt(dir: string): Repository | undefined {
  const dotGit = path.join(dir, '.git');
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(dotGit);
  } catch {
    return undefined;
  }
  if (stat.isDirectory()) return isGitDir(dotGit) ? { gitDir: dotGit, workTree: dir } : undefined;
  let target: string;
  try {
    if (stat.isSymbolicLink()) {
      target = fs.realpathSync(dotGit);
    } else if (stat.isFile() && stat.size <= 4096) {
      const m = /^gitdir: (.+)$/.exec(fs.readFileSync(dotGit, 'utf8').trimEnd());
      if (!m) return undefined;
      target = fs.realpathSync(path.resolve(dir, m[1]));
    } else {
      return undefined;
    }
  } catch {
    return undefined;
  }
  const insideDotGit = target.split(path.sep).includes('.git');
  const insideOwnTree = target === dir || target.startsWith(dir + path.sep);
  if (!insideDotGit || insideOwnTree || !isGitDir(target) || !linksBack(target, dir)) return undefined;
  return { gitDir: target, workTree: dir };
}

/**
 * Whether git directory `gitDir` names `workTree` as its own, as git records it: a linked
 * worktree's `gitdir` file holds the path of `<workTree>/.git`; a submodule's config holds
 * core.worktree. A `.git` file that points at another repository's git directory (its main
 * `.git`, to make the root look like the top of that repository) fails this.
 */
function linksBack(gitDir: string, workTree: string): boolean {
  const same = (a: string, b: string) => realPath(a) !== undefined && realPath(a) === realPath(b);
  const backLink = path.join(gitDir, 'gitdir');
  if (fs.existsSync(backLink)) {
    try {
      return same(path.resolve(gitDir, fs.readFileSync(backLink, 'utf8').trim()), path.join(workTree, '.git'));
    } catch {
      return false;
    }
  }
  const worktree = readConfigFile(['--file', path.join(gitDir, 'config'), '--get', 'core.worktree'])?.trim();
  return !!worktree && same(path.resolve(gitDir, worktree), workTree);
}

/** `git config <args>` (--global or --file) with no repository opened; reading config runs nothing. Undefined when unset or failing. */
function readConfigFile(args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', ['config', ...args], {
      cwd: '/',
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: TIMEOUT_MS,
      maxBuffer: 1024 * 1024,
      // A git directory that does not exist: no repository (and no repository config) is opened.
      env: { ...withoutRepositoryEnv(process.env), GIT_DIR: path.join(path.sep, 'nonexistent-shipset-git-dir'), GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' },
    });
  } catch {
    return undefined;
  }
}

/**
 * True when the current user owns the work tree and the git directory (root may open a sudo
 * user's), or the user's global config lists the work tree in safe.directory (actions/checkout
 * adds the workspace there for container jobs). Where there are no uids (Windows): true.
 */
function ownedOrSafe(repo: Repository): boolean {
  const uid = process.getuid?.();
  if (uid === undefined) return true;
  const allowed = new Set([uid, ...(uid === 0 && process.env.SUDO_UID ? [Number(process.env.SUDO_UID)] : [])]);
  try {
    if (allowed.has(fs.statSync(repo.workTree).uid) && allowed.has(fs.statSync(repo.gitDir).uid)) return true;
  } catch {
    return false;
  }
  // Only the global config: git ignores safe.directory in a repository's own config too.
  const out = readConfigFile(['--global', '--get-all', 'safe.directory']);
  if (out === undefined) return false;
  let safe = false;
  for (const value of out
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => l.trim())) {
    if (!value)
      safe = false; // an empty entry resets the list
    else if (value === '*' || path.resolve(value) === repo.workTree || (value.endsWith('/*') && repo.workTree.startsWith(value.slice(0, -1)))) safe = true;
  }
  return safe;
}

function isGitDir(dir: string): boolean {
  try {
    return fs.statSync(path.join(dir, 'HEAD')).isFile() && (fs.existsSync(path.join(dir, 'objects')) || fs.existsSync(path.join(dir, 'commondir')));
  } catch {
    return false;
  }
}

/**
 * `git -c ... <args>` for `repo`: the global options every call gets. Undefined when the filter
 * drivers could not be neutralised (then the call is not made: fail closed).
 */
function commandLine(repo: Repository, args: readonly string[], noFilters: boolean): string[] | undefined {
  const filters = noFilters ? neutralFilters(repo) : [];
  if (!filters) return undefined;
  return ['--no-pager', ...[...OVERRIDES, ...filters].flatMap((c) => ['-c', c]), ...args];
}

/**
 * `-c filter.<driver>.clean=` etc. for every filter driver the config defines. A .gitattributes
 * file (pull-request content) picks the driver by name, the config defines its command; an empty
 * command means "no filter", and required=false keeps git from failing on it. Reading the config
 * runs nothing. Undefined when the config cannot be read, or names a driver that `-c` cannot
 * express (`-c` splits at the first `=`: a name holding one would set another key).
 */
function neutralFilters(repo: Repository): string[] | undefined {
  let out: string;
  try {
    out = execFileSync('git', ['--no-pager', ...OVERRIDES.flatMap((c) => ['-c', c]), 'config', '--null', '--name-only', '--get-regexp', '^filter\\.'], {
      cwd: repo.workTree,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: MAX_OUTPUT,
      timeout: TIMEOUT_MS,
      killSignal: 'SIGKILL',
      env: gitEnv(repo),
    });
  } catch (e) {
    // Exit status 1 with no output: no key matched, there is no filter driver.
    const err = e as { status?: number; stdout?: string };
    if (err.status !== 1 || err.stdout) return undefined;
    out = '';
  }
  const drivers = new Set<string>(['lfs']);
  for (const key of out.split('\0').filter(Boolean)) {
    const m = /^filter\.(.+)\.[^.]+$/s.exec(key);
    if (!m) continue;
    if (/[=\n\0]/.test(m[1])) return undefined;
    drivers.add(m[1]);
  }
  return [...drivers].flatMap((d) => ['clean', 'smudge', 'process'].map((k) => `filter.${d}.${k}=`).concat(`filter.${d}.required=false`));
}

function run(repo: Repository, args: readonly string[], options: GitCallOptions, cwd = repo.workTree): string | undefined {
  const argv = commandLine(repo, args, !!options.noFilters);
  if (!argv) return undefined;
  try {
    return execFileSync('git', argv, {
      cwd,
      encoding: 'utf8',
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'ignore'],
      input: options.input,
      maxBuffer: options.maxOutput ?? MAX_OUTPUT,
      timeout: options.timeoutMs ?? TIMEOUT_MS,
      killSignal: 'SIGKILL',
      env: gitEnv(repo, options.env),
    });
  } catch {
    return undefined;
  }
}

/**
 * Run git on the repository holding `root`, from `root` (so relative pathspecs and `--relative`
 * are relative to it). Returns stdout, or undefined when `root` is in no repository, git fails,
 * times out or prints more than the cap. Synchronous: keep it for short calls (a signal waits
 * until it returns); long ones use `gitAsync`.
 */
export function git(root: string, args: readonly string[], options: GitCallOptions = {}): string | undefined {
  const repo = findRepository(root);
  const cwd = repo && realPath(root);
  if (!repo || !cwd) return undefined;
  return run(repo, args, options, cwd);
}

function realPath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/**
 * `git` as a child process that does not block the event loop, so SIGINT/SIGTERM are handled
 * while it runs: the child is registered with the cleanup registry and killed (SIGKILL) if the
 * run is interrupted, and on timeout. Same answers as `git`.
 */
export function gitAsync(root: string, args: readonly string[], options: GitCallOptions = {}): Promise<string | undefined> {
  const repo = findRepository(root);
  const cwd = repo && realPath(root);
  const argv = repo && cwd && commandLine(repo, args, !!options.noFilters);
  if (!repo || !cwd || !argv) return Promise.resolve(undefined);
  const max = options.maxOutput ?? MAX_OUTPUT;
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      // Its own process group, so that a kill reaches the processes git starts in turn
      // (`worktree add` checks out through a child git).
      child = spawn('git', argv, {
        cwd,
        env: gitEnv(repo, options.env),
        stdio: ['ignore', 'pipe', 'ignore'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
    } catch {
      resolve(undefined);
      return;
    }
    const kill = () => {
      try {
        if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const release = onCleanup(kill);
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const timer = setTimeout(() => {
      failed = true;
      kill();
    }, options.timeoutMs ?? TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        failed = true;
        kill();
      } else chunks.push(chunk);
    });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      release();
      resolve(ok && !failed ? Buffer.concat(chunks).toString('utf8') : undefined);
    };
    child.on('error', () => done(false));
    child.on('close', (code) => done(code === 0));
  });
}

/** Top of the work tree containing `root`, or undefined when `root` is not in a (working) git repository. */
export function gitTopLevel(root: string): string | undefined {
  return git(root, ['rev-parse', '--show-toplevel'])?.trim() || undefined;
}

/** Tracked plus untracked-but-not-ignored files under `root`, relative to `root` (POSIX). */
export function gitListFiles(root: string): string[] | undefined {
  const out = git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.']);
  if (out === undefined) return undefined;
  return [...new Set(out.split('\0').filter(Boolean))];
}

/** HEAD commit time in seconds since the epoch, or undefined without git or commits. */
export function headCommitTime(root: string): number | undefined {
  const out = git(root, ['log', '-1', '--no-show-signature', '--format=%ct', 'HEAD'])?.trim();
  const n = out ? Number(out) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function isShallow(root: string): boolean {
  return git(root, ['rev-parse', '--is-shallow-repository'])?.trim() === 'true';
}
