// Last commit time of a few files from the GitHub API, for `stale` in a shallow clone inside
// GitHub Actions. The core receives this as a plain function (Options.commitTimes).
// Bounded: the token's budget (1,000 requests an hour) is shared with the rest of the workflow.
import * as core from '@actions/core';
import type { CommitTimeLookup } from '../core/types.js';
import { logLine } from '../report/escape.js';
import { apiClient, apiDeadline, apiErrorText } from './github-api.js';

/** Where the API is and who asks. */
export interface GitHubContext {
  token: string;
  owner: string;
  repo: string;
  /** Base URL of the API, from GITHUB_API_URL. */
  apiUrl?: string;
}

/** Bounds of the lookups of one run. */
export interface CommitLookupBounds {
  /** Requests in flight at once. */
  concurrency: number;
  /** Files looked up per run; the rest are skipped with a notice. */
  maxLookups: number;
  /** One request. */
  requestMs: number;
  /** All API calls of the run (shared with the comment and the PR's files unless given). */
  totalMs: number;
}

export const COMMIT_LOOKUP_BOUNDS: CommitLookupBounds = { concurrency: 8, maxLookups: 100, requestMs: 15_000, totalMs: 60_000 };

export interface ApiTimes {
  times: Map<string, number>;
  /** The first error the API gave, in words (control characters escaped). */
  error?: string;
  /** How many files were not looked up because of maxLookups. */
  skipped?: number;
}

/**
 * The lookup the core calls in a shallow clone. The bounds hold for the whole run (all calls
 * of the returned function share one budget and one deadline, started at the first call); when
 * files are skipped, `notice` is told how many (default: a workflow notice).
 */
export function githubCommitLookup(
  github: GitHubContext,
  bounds: Partial<CommitLookupBounds> = {},
  notice: (message: string) => void = (m) => core.notice(m),
): CommitTimeLookup {
  const b = { ...COMMIT_LOOKUP_BOUNDS, ...bounds };
  let budget = b.maxLookups;
  let signal: AbortSignal | undefined;
  return async (files, at) => {
    signal ??= apiDeadline(bounds.totalMs);
    const take = files.slice(0, Math.max(0, budget));
    budget -= take.length;
    const result = await githubCommitTimes(github, take, at, { ...b, signal });
    const skipped = files.length - take.length;
    if (skipped > 0) {
      const words = `shipset looked up the last commit of ${take.length} of ${files.length} files in the GitHub API (at most ${b.maxLookups} per run); ${skipped} were skipped. Check out the full history (actions/checkout with 'fetch-depth: 0') to compare them all.`;
      notice(words);
      return { times: result.times, error: result.error ?? `${skipped} files not looked up: at most ${b.maxLookups} lookups per run`, skipped };
    }
    return result;
  };
}

/**
 * `GET /repos/{owner}/{repo}/commits?path=…&per_page=1` for each file (relative to the root;
 * `prefix` is the root's folder inside the repository, `ref` the commit to start from), at most
 * `concurrency` at a time, each within `requestMs`, all within `signal` (or `totalMs`). Never
 * throws: a file whose lookup failed is absent from `times`, and `error` says why.
 */
export async function githubCommitTimes(
  github: GitHubContext,
  files: readonly string[],
  at: { prefix?: string; ref?: string },
  bounds: Partial<CommitLookupBounds> & { signal?: AbortSignal } = {},
): Promise<ApiTimes> {
  const b = { ...COMMIT_LOOKUP_BOUNDS, ...bounds };
  const signal = bounds.signal ?? apiDeadline(bounds.totalMs);
  const octokit = apiClient(github.token, github.apiUrl, { requestMs: b.requestMs });
  const times = new Map<string, number>();
  let error: string | undefined;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length && !signal.aborted) {
      const file = files[next++];
      try {
        const response = await octokit.request('GET /repos/{owner}/{repo}/commits', {
          owner: github.owner,
          repo: github.repo,
          path: at.prefix ? `${at.prefix}/${file}` : file,
          per_page: 1,
          ...(at.ref ? { sha: at.ref } : {}),
          request: { signal },
        });
        const first = Array.isArray(response.data) ? response.data[0] : undefined;
        const date = first?.commit?.committer?.date ?? first?.commit?.author?.date;
        const time = typeof date === 'string' ? Date.parse(date) : NaN;
        if (Number.isFinite(time)) times.set(file, time);
      } catch (e) {
        error ??= apiErrorText(e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(b.concurrency, files.length)) }, worker));
  if (signal.aborted && !error) error = logLine(String((signal.reason as Error)?.message ?? 'the commit-date lookups were cancelled'));
  return { times, ...(error ? { error } : {}) };
}
