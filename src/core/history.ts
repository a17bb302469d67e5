// When each file last changed, for `stale`. Git history is read in ONE pass (not one `git log`
// per file); uncommitted changes count as now. A shallow clone has no usable history: inside
// CI the front end may pass a commit-time lookup (a function; the core does not know where it asks),
// which is asked for only the files that have variants.
import path from 'node:path';
import { git, gitAsync, gitTopLevel, isShallow } from './git.js';
import type { CommitTimeLookup } from './types.js';

export interface ChangeTime {
  /** Milliseconds since the epoch. */
  time: number;
  /** Changed in the work tree but not committed (time is then "now"). */
  uncommitted: boolean;
}

export interface Recency {
  times: Map<string, ChangeTime>;
  /** Where the commit times came from; 'none' when there were none to read. */
  source: 'git' | 'lookup' | 'none';
  /** Why commit times are missing (for the notice), when they are. */
  missing?: string;
  /** What the user can do about it. */
  fix?: string;
}

const FULL_HISTORY = 'Check out the full history (actions/checkout with `fetch-depth: 0`, or `git fetch --unshallow`)';

/** Above this many files, `git log` reads the whole root: git matches every pathspec against every changed path, so hundreds of pathspecs cost more than one full pass (measured: 400 pathspecs 5.3 s, whole root 0.3 s, over 3000 commits). */
const MAX_PATHSPECS = 24;

/**
 * Last commit time of each of `files` (relative to `root`), from one `git log` pass. Asynchronous
 * (like `uncommittedFiles`): over a long history it takes seconds, and an interrupted run must
 * be able to clean up meanwhile (a synchronous child holds back the signal handler).
 */
export async function gitCommitTimes(root: string, files: readonly string[]): Promise<Map<string, number> | undefined> {
  const pathspecs = files.length <= MAX_PATHSPECS ? files.map((f) => `:(literal)${f}`) : ['.'];
  const out = await gitAsync(
    root,
    ['log', '--no-show-signature', '--no-textconv', '--no-ext-diff', '--format=%x01%ct', '--name-only', '-z', '--no-renames', '--relative', '--', ...pathspecs],
    { maxOutput: 256 * 1024 * 1024 },
  );
  if (out === undefined) return undefined;
  const wanted = new Set(files);
  const times = new Map<string, number>();
  let current = NaN;
  for (const token of out.split('\0')) {
    const t = token.replace(/^\n/, '');
    if (t.startsWith('\x01')) {
      current = Number(t.slice(1)) * 1000;
    } else if (t && Number.isFinite(current) && wanted.has(t)) {
      // Log order is not strictly by time (merged branches): keep the latest.
      if (!(times.get(t)! >= current)) times.set(t, current);
    }
  }
  return times;
}

/** Files under `root` (relative to it) with uncommitted changes, untracked files included. */
export async function uncommittedFiles(root: string): Promise<Set<string> | undefined> {
  const top = gitTopLevel(root);
  const out =
    top === undefined
      ? undefined
      : await gitAsync(root, ['status', '--porcelain', '-z', '--untracked-files=all', '--ignore-submodules=all', '--', '.'], { noFilters: true });
  if (out === undefined || top === undefined) return undefined;
  const prefix = path.relative(top, root).split(path.sep).join('/');
  const changed = new Set<string>();
  const tokens = out.split('\0');
  for (let i = 0; i < tokens.length; i++) {
    const entry = tokens[i];
    if (entry.length < 4) continue;
    const status = entry.slice(0, 2);
    const file = entry.slice(3);
    if (status[0] === 'R' || status[0] === 'C') i++; // the original path follows
    if (status.includes('D') && !status.includes('?')) continue;
    if (!prefix) changed.add(file);
    else if (file.startsWith(prefix + '/')) changed.add(file.slice(prefix.length + 1));
  }
  return changed;
}

export interface RecencyOptions {
  inGit: boolean;
  commitTimes?: CommitTimeLookup;
  /** For tests: the clock that "uncommitted" reads. */
  now?: number;
}

/** Change times of `files`, from the best source available. Never throws. */
export async function changeTimes(root: string, files: readonly string[], options: RecencyOptions): Promise<Recency> {
  const now = options.now ?? Date.now();
  const times = new Map<string, ChangeTime>();
  if (!options.inGit || gitTopLevel(root) === undefined) {
    return {
      times,
      source: 'none',
      missing: 'the root is not in a git repository, so there is no history to compare',
      fix: 'Run shipset in a git checkout of the project',
    };
  }
  const dirty = (await uncommittedFiles(root)) ?? new Set<string>();
  for (const f of files) if (dirty.has(f)) times.set(f, { time: now, uncommitted: true });
  const committed = files.filter((f) => !dirty.has(f));
  if (!committed.length) return { times, source: 'git' };

  if (!isShallow(root)) {
    const fromLog = await gitCommitTimes(root, committed);
    if (!fromLog) return { times, source: 'none', missing: 'git log failed', fix: 'Check that git works in the root' };
    for (const [f, time] of fromLog) times.set(f, { time, uncommitted: false });
    const unknown = committed.filter((f) => !fromLog.has(f));
    return { times, source: 'git', ...(unknown.length ? { missing: 'git has no commit for them', fix: 'Commit both files' } : {}) };
  }
  if (!options.commitTimes) {
    return { times, source: 'none', missing: 'the clone is shallow, so git has no history for them', fix: FULL_HISTORY };
  }
  const top = gitTopLevel(root)!;
  const prefix = path.relative(top, root).split(path.sep).join('/');
  const head = git(root, ['rev-parse', 'HEAD'])?.trim() || undefined;
  const looked = await options.commitTimes(committed, { prefix, ref: head });
  for (const [f, time] of looked.times) times.set(f, { time, uncommitted: false });
  const unknown = committed.filter((f) => !looked.times.has(f));
  return {
    times,
    source: 'lookup',
    ...(unknown.length
      ? { missing: `the clone is shallow and the commit lookup gave no commit for them${looked.error ? ` (${looked.error})` : ''}`, fix: FULL_HISTORY }
      : {}),
  };
}
