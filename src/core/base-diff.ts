// The ship set at a base ref, for "what does this change add to or remove from what ships".
// The base is checked out into a temporary detached worktree outside the user's work tree
// (their files, index and HEAD stay as they are) and removed again in every case.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git, gitTopLevel, isShallow } from './git.js';
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
  /** Set when the comparison could not be made or is partial: why, and the fix. */
  notice?: string;
}

/** runPipeline, passed in by the caller (tests give a stand-in). */
export type Pipeline = (options: Options) => Promise<Result>;

/** Compare `current` (the manifest of this run) with the ship set that `pipeline` finds at `ref`. Never throws. */
export async function computeBaseDiff(options: Options, current: Manifest, ref: string, pipeline: Pipeline): Promise<BaseDiff> {
  const none = (notice: string): BaseDiff => ({ ref, added: [], removed: [], newFindings: [], notice });
  if (!ref || ref.startsWith('-')) return none(`Ship-set comparison skipped: '${ref}' is not a git ref.`);
  const top = gitTopLevel(options.root);
  if (!top) return none(`Ship-set comparison with '${ref}' skipped: ${options.root} is not in a git repository.`);
  const commit = resolveCommit(top, ref);
  if (!commit) {
    return none(
      `Ship-set comparison skipped: base '${ref}' is not in this clone and could not be fetched from origin. ` +
        `Set 'fetch-depth: 0' on actions/checkout (or fetch the base branch) to compare with the base.`,
    );
  }

  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipset-base-')));
  const tree = path.join(tmp, 'tree');
  try {
    // Hooks off: a checkout hook is project code, and shipset never runs project code.
    if (git(top, ['-c', 'core.hooksPath=/dev/null', 'worktree', 'add', '--detach', '--quiet', tree, commit]) === undefined) {
      return { ...none(`Ship-set comparison skipped: could not check out '${ref}' (${commit.slice(0, 12)}) into a temporary worktree.`), commit };
    }
    const baseRoot = path.join(tree, path.relative(fs.realpathSync(top), options.root));
    const base = await baseManifest(options, baseRoot, tmp, pipeline);
    if ('notice' in base) return { ...none(base.notice), commit };
    return { ref, commit, ...compare(base.manifest, current), notice: base.partial };
  } finally {
    git(top, ['worktree', 'remove', '--force', tree]);
    git(top, ['worktree', 'prune']);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Files added/removed and findings new in `current`, against `base`. Pure. */
export function compare(base: Pick<Manifest, 'files' | 'findings'>, current: Pick<Manifest, 'files' | 'findings'>) {
  const before = new Set(base.files.map((f) => f.path));
  const now = new Set(current.files.map((f) => f.path));
  const known = new Set(base.findings.map(findingKey));
  return {
    added: [...now].filter((p) => !before.has(p)).sort(),
    removed: [...before].filter((p) => !now.has(p)).sort(),
    newFindings: current.findings.filter((f) => !known.has(findingKey(f))),
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
  try {
    const result = await pipeline({ ...options, root: baseRoot, entries, tsconfig, pack: false, tarball: path.join(tmp, 'base.tar.gz') });
    const missing = options.entries.filter((e) => !entries.includes(e));
    return { manifest: result.manifest, partial: missing.length ? `New entries (not at the base): ${missing.join(', ')}.` : undefined };
  } catch (e) {
    return { notice: `Ship-set comparison skipped: the base could not be analysed (${(e as Error).message}).` };
  }
}

function resolveCommit(top: string, ref: string): string | undefined {
  const lookup = (r: string) => git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${r}^{commit}`])?.trim() || undefined;
  const local = lookup(ref) ?? lookup(`origin/${ref}`);
  if (local) return local;
  // A shallow clone (actions/checkout's default) lacks the base: fetch just that commit, once.
  // In a full clone, a depth-limited fetch would make the repository shallow: fetch normally.
  const depth = isShallow(top) ? ['--depth=1'] : [];
  try {
    execFileSync('git', ['fetch', '--no-tags', '--quiet', ...depth, 'origin', ref], {
      cwd: top,
      stdio: 'ignore',
      timeout: 120_000,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    });
  } catch {
    return undefined;
  }
  return lookup(ref) ?? lookup(`origin/${ref}`) ?? lookup('FETCH_HEAD');
}
