// The two GitHub API uses of the action: the files a pull request changes (to annotate
// those first) and the one shipset comment per pull request (found by a hidden marker).
import { getOctokit } from '@actions/github';
import { COMMENT_MARKER } from '../report/markdown.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

/** An API client; baseUrl is passed explicitly because @actions/github reads it at load time. */
export function apiClient(token: string, apiUrl = process.env.GITHUB_API_URL): Octokit {
  return getOctokit(token, { baseUrl: apiUrl || 'https://api.github.com' });
}

/** Paths (relative to the repository root) changed by the pull request. */
export async function changedFiles(octokit: Octokit, pr: PullRequestRef): Promise<Set<string>> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
    per_page: 100,
  });
  return new Set(files.map((f) => f.filename));
}

export type CommentResult =
  | { status: 'created' | 'updated'; id: number; url?: string }
  | { status: 'forbidden'; message: string };

/** Update shipset's comment on the pull request in place, or create it. A 403 is reported, not thrown. */
export async function upsertComment(octokit: Octokit, pr: PullRequestRef, body: string): Promise<CommentResult> {
  const text = body.includes(COMMENT_MARKER) ? body : `${COMMENT_MARKER}\n${body}`;
  const where = { owner: pr.owner, repo: pr.repo };
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...where, issue_number: pr.number, per_page: 100 });
    const mine = comments.find((c) => c.body?.includes(COMMENT_MARKER));
    if (mine) {
      const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: mine.id, body: text });
      return { status: 'updated', id: data.id, url: data.html_url };
    }
    const { data } = await octokit.rest.issues.createComment({ ...where, issue_number: pr.number, body: text });
    return { status: 'created', id: data.id, url: data.html_url };
  } catch (e) {
    if ((e as { status?: number }).status === 403) {
      return {
        status: 'forbidden',
        message:
          `shipset could not write the pull-request comment: the token lacks permission (403: ${(e as Error).message}). ` +
          `Add 'permissions: pull-requests: write' to the job (pull requests from forks get a read-only token; use 'comment: false' there).`,
      };
    }
    throw e;
  }
}
