// The few git facts the pipeline needs, read with the git CLI (always present where a
// checkout is; a library would add weight for three plumbing calls). Never throws:
// "not a repository" is an answer, not an error.
import { execFileSync } from 'node:child_process';

export function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    });
  } catch {
    return undefined;
  }
}

/** Top of the work tree containing `root`, or undefined when `root` is not in a git work tree. */
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
  const out = git(root, ['log', '-1', '--format=%ct', 'HEAD'])?.trim();
  const n = out ? Number(out) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function isShallow(root: string): boolean {
  return git(root, ['rev-parse', '--is-shallow-repository'])?.trim() === 'true';
}
