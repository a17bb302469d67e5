// Last commit time of a few files from the GitHub API, for `stale` in a shallow clone inside
// GitHub Actions. The core receives this as a plain function (Options.commitTimes).
import { getOctokit } from '@actions/github';
import type { CommitTimeLookup } from '../core/types.js';

/** Where the API is and who asks. */
export interface GitHubContext {
  token: string;
  owner: string;
  repo: string;
  /** Base URL of the API, from GITHUB_API_URL. */
  apiUrl?: string;
}

/** The lookup the core calls in a shallow clone. */
export function githubCommitLookup(github: GitHubContext): CommitTimeLookup {
  return (files, at) => githubCommitTimes(github, files, at);
}

export interface ApiTimes {
  times: Map<string, number>;
  /** The first error the API gave, in words. */
  error?: string;
}

/** Per request; a hung API must not hang the check. */
const TIMEOUT_MS = 15000;

/**
 * `GET /repos/{owner}/{repo}/commits?path=…&per_page=1` for each file (relative to the root;
 * `prefix` is the root's folder inside the repository, `ref` the commit to start from).
 */
export async function githubCommitTimes(github: GitHubContext, files: readonly string[], at: { prefix?: string; ref?: string }): Promise<ApiTimes> {
  const octokit = getOctokit(github.token, github.apiUrl ? { baseUrl: github.apiUrl } : {});
  const times = new Map<string, number>();
  let error: string | undefined;
  await Promise.all(
    files.map(async (file) => {
      try {
        const response = await octokit.request('GET /repos/{owner}/{repo}/commits', {
          owner: github.owner,
          repo: github.repo,
          path: at.prefix ? `${at.prefix}/${file}` : file,
          per_page: 1,
          ...(at.ref ? { sha: at.ref } : {}),
          request: { signal: AbortSignal.timeout(TIMEOUT_MS) },
        });
        const date = response.data[0]?.commit?.committer?.date ?? response.data[0]?.commit?.author?.date;
        const time = date ? Date.parse(date) : NaN;
        if (Number.isFinite(time)) times.set(file, time);
      } catch (e) {
        error ??= (e as Error).message;
      }
    }),
  );
  return { times, ...(error ? { error } : {}) };
}
