// The ship set at a base ref, for "what does this change add to or remove from what ships".
// The base is checked out into a temporary detached worktree outside the user's work tree
// (their files, index and HEAD stay as they are) and removed again in every case, also when
// the run is interrupted (SIGINT/SIGTERM: the front ends run the cleanup registry).
// The checkout runs no project code: the git runner turns hooks, fsmonitor and filter drivers
// off, so neither a post-checkout hook nor a .gitattributes filter (git-lfs included) runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onCleanup } from './cleanup.js';
import { findRepository, git, gitAsync, gitTopLevel, isShallow } from './git.js';
import type { Finding, Manifest, Options, Result } from './types.js';

export interface BaseDiff {
  /** The ref as given (branch, tag or SHA). */
  ref: string;
  /** The commit it resolved to, when it did. */
  commit?: string;
  /** The branch the ref stands for, when known (a pull request's base): how to name the base to a reader. */
  branch?: string;
  /** Files that ship now and did not at the base. */
  added: string[];
  /** Files that shipped at the base and do not now. */
  removed: string[];
  /** Findings of this run that the base did not have (same rule, file and message, lines ignored). */
  newFindings: Finding[];
  /**
   * Findings suppressed now (baseline entry, inline directive, config ignore) that were not
   * suppressed at the base: a change can silence its own finding, so a reviewer is shown it.
   */
  newlySuppressed: Finding[];
  /** Set when the comparison could not be made or is partial: why, and the fix. */
  notice?: string;
}

/** runPipeline, passed in by the caller (tests give a stand-in). */
export type Pipeline = (options: Options) => Promise<Result>;

/**
 * Compare `current` (the manifest of this run) with the ship set that `pipeline` finds at `ref`. Never throws.
 * `fetchWithin` (the action passes its workspace): a missing base is fetched from origin only when
 * the repository's work tree is that folder or contains it (the checkout the workflow made), never
 * for a repository nested inside it, which a workflow step may have created from untrusted content.
 */
export async function computeBaseDiff(options: Options, current: Manifest, ref: string, pipeline: Pipeline, fetchWithin?: string): Promise<BaseDiff> {
  const none = (notice: string): BaseDiff => ({ ref, added: [], removed: [], newFindings: [], newlySuppressed: [], notice });
  if (!ref || ref.startsWith('-')) return none(`Ship-set comparison skipped: '${ref}' is not a git ref.`);
  const top = gitTopLevel(options.root);
  if (!top) return none(`Ship-set comparison with '${ref}' skipped: ${options.root} is not in a git repository.`);
  const mayFetch = fetchWithin === undefined || holds(top, fetchWithin);
  const commit = await resolveCommit(top, ref, mayFetch);
  if (!commit && !mayFetch) {
    return none(
      `Ship-set comparison skipped: base '${ref}' is not in the repository at ${top}, and it was not fetched: that repository is ` +
        `nested inside the workspace (not the workflow's checkout). Run shipset on the checkout, or fetch the base there before this step.`,
    );
  }
  if (!commit) {
    return none(
      `Ship-set comparison skipped: base '${ref}' is not in this clone and could not be fetched from origin. ` +
        `Set 'fetch-depth: 0' on actions/checkout (or fetch the base branch) to compare with the base.`,
    );
  }

  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipset-base-')));
  const tree = path.join(tmp, 'tree');
  const release = onCleanup(() => removeWorktree(top, tree, tmp));
  try {
    // Asynchronous: checking out a large tree takes a while, and a signal must be able to stop it
    // (a synchronous child blocks the signal handler until it returns). Filters off (noFilters).
    const added = await gitAsync(top, ['worktree', 'add', '--detach', '--quiet', tree, commit], { noFilters: true, timeoutMs: 300_000 });
    if (added === undefined) {
      return { ...none(`Ship-set comparison skipped: could not check out '${ref}' (${commit.slice(0, 12)}) into a temporary worktree.`), commit };
    }
    const baseRoot = path.join(tree, path.relative(fs.realpathSync(top), options.root));
    const base = await baseManifest(options, baseRoot, tmp, pipeline);
    if ('notice' in base) return { ...none(base.notice), commit };
    return { ref, commit, ...compare(base.manifest, current), notice: base.partial };
  } finally {
    removeWorktree(top, tree, tmp);
    release();
  }
}

/**
 * Remove the temporary worktree `tree` (inside `tmp`) of the repository at `top`: its folder and
 * git's record of it. Synchronous (it also runs from a signal handler); never throws. A worktree
 * whose `worktree add` was interrupted is still locked ("initializing"): `remove` then needs
 * --force twice and `prune` skips it, so its record is deleted directly as a last resort.
 */
export function removeWorktree(top: string, tree: string, tmp: string): void {
  git(top, ['worktree', 'remove', '--force', '--force', tree], { timeoutMs: 20_000 });
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    const repo = findRepository(top);
    if (repo) {
      const commondir = path.join(repo.gitDir, 'commondir');
      const common = fs.existsSync(commondir) ? path.resolve(repo.gitDir, fs.readFileSync(commondir, 'utf8').trim()) : repo.gitDir;
      const records = path.join(common, 'worktrees');
      for (const name of fs.existsSync(records) ? fs.readdirSync(records) : []) {
        const gitdir = path.join(records, name, 'gitdir');
        if (fs.existsSync(gitdir) && fs.readFileSync(gitdir, 'utf8').trim() === path.join(tree, '.git')) {
          fs.rmSync(path.join(records, name), { recursive: true, force: true });
        }
      }
    }
  } catch {
    // Best effort: prune below still drops the entries of folders that are gone.
  }
  git(top, ['worktree', 'prune'], { timeoutMs: 20_000 });
}

/** Files added/removed, findings new in `current` and findings it suppresses that `base` did not, against `base`. Pure. */
export function compare(base: Pick<Manifest, 'files' | 'findings'>, current: Pick<Manifest, 'files' | 'findings'>) {
  const before = new Set(base.files.map((f) => f.path));
  const now = new Set(current.files.map((f) => f.path));
  const known = new Set(base.findings.map(findingKey));
  const silenced = new Set(base.findings.filter((f) => f.suppressed).map(findingKey));
  return {
    added: [...now].filter((p) => !before.has(p)).sort(),
    removed: [...before].filter((p) => !now.has(p)).sort(),
    newFindings: current.findings.filter((f) => !known.has(findingKey(f))),
    newlySuppressed: current.findings.filter((f) => f.suppressed && !silenced.has(findingKey(f))),
  };
}

/** A finding's identity across commits: line numbers move when unrelated lines change. */
export function findingKey(f: Pick<Finding, 'rule' | 'file' | 'message'>): string {
  return [f.rule, f.file, f.message.replace(/:\d+(:\d+)?\b/g, '')].join('\0');
}

async function baseManifest(
  options: Options,
  baseRoot: string,
  tmp: string,
  pipeline: Pipeline,
): Promise<{ manifest: Manifest; partial?: string } | { notice: string }> {
  const empty = { files: [], findings: [] } as unknown as Manifest;
  if (!fs.existsSync(baseRoot)) return { manifest: empty, partial: `The root did not exist at the base: every file is new.` };
  // Entries added by this change do not exist at the base; compare what the others reach.
  const entries = options.entries.filter((e) => fs.existsSync(path.join(baseRoot, e)));
  if (!entries.length) return { manifest: empty, partial: `No entry existed at the base: every file is new.` };
  const tsconfig = options.tsconfig && fs.existsSync(path.join(baseRoot, options.tsconfig)) ? options.tsconfig : undefined;
  // The base is judged with its own baseline (the file at the same place in the base's tree, if
  // any): this change's baseline lies outside the base's root, and entries it adds are what the
  // comparison must show as newly suppressed.
  const baseline = options.baseline && baselineAtBase(options.root, options.baseline, baseRoot);
  try {
    const result = await pipeline({ ...options, root: baseRoot, entries, tsconfig, baseline, pack: false, tarball: path.join(tmp, 'base.tar.gz') });
    const missing = options.entries.filter((e) => !entries.includes(e));
    return { manifest: result.manifest, partial: missing.length ? `New entries (not at the base): ${missing.join(', ')}.` : undefined };
  } catch (e) {
    return { notice: `Ship-set comparison skipped: the base could not be analysed (${(e as Error).message}).` };
  }
}

/** The base tree's copy of the baseline file `abs` (inside `root`), or undefined when the base has none there. */
function baselineAtBase(root: string, abs: string, baseRoot: string): string | undefined {
  const rel = path.relative(root, abs);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const atBase = path.join(baseRoot, rel);
  return fs.existsSync(atBase) ? atBase : undefined;
}

/** Whether folder `top` is `inner` or contains it, by real path. */
function holds(top: string, inner: string): boolean {
  try {
    const a = fs.realpathSync(top);
    const b = fs.realpathSync(inner);
    return a === b || b.startsWith(a.endsWith(path.sep) ? a : a + path.sep);
  } catch {
    return false;
  }
}

async function resolveCommit(top: string, ref: string, mayFetch: boolean): Promise<string | undefined> {
  const lookup = (r: string) => git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${r}^{commit}`])?.trim() || undefined;
  const local = lookup(ref) ?? lookup(`origin/${ref}`);
  if (local || !mayFetch) return local;
  // A shallow clone (actions/checkout's default) lacks the base: fetch just that commit, once.
  // In a full clone, a depth-limited fetch would make the repository shallow: fetch normally.
  const depth = isShallow(top) ? ['--depth=1'] : [];
  // Asynchronous for the same reason as the checkout: a signal must be able to stop a slow fetch.
  const fetched = await gitAsync(top, ['fetch', '--no-tags', '--quiet', '--no-recurse-submodules', ...depth, 'origin', ref], { timeoutMs: 120_000 });
  if (fetched === undefined) return undefined;
  return lookup(ref) ?? lookup(`origin/${ref}`) ?? lookup('FETCH_HEAD');
}
