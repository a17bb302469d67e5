// What the action needs from the workflow event: the pull request, if this run is for one.
import fs from 'node:fs';

export interface PullRequestEvent {
  number: number;
  /** Base commit and branch the PR merges into. */
  baseSha?: string;
  baseRef?: string;
}

/** The pull request of a `pull_request`/`pull_request_target` run, from GITHUB_EVENT_PATH. */
export function pullRequestFromEvent(env: NodeJS.ProcessEnv = process.env): PullRequestEvent | undefined {
  const name = env.GITHUB_EVENT_NAME ?? '';
  if (!name.startsWith('pull_request') || !env.GITHUB_EVENT_PATH) return undefined;
  let payload: { pull_request?: { number?: unknown; base?: { sha?: unknown; ref?: unknown } } };
  try {
    payload = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  } catch {
    return undefined;
  }
  const pr = payload.pull_request;
  if (!pr || typeof pr.number !== 'number') return undefined;
  return {
    number: pr.number,
    baseSha: typeof pr.base?.sha === 'string' ? pr.base.sha : undefined,
    baseRef: typeof pr.base?.ref === 'string' ? pr.base.ref : undefined,
  };
}

/** owner/repo from GITHUB_REPOSITORY. */
export function repositoryFromEnv(env: NodeJS.ProcessEnv = process.env): { owner: string; repo: string } | undefined {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  return owner && repo ? { owner, repo } : undefined;
}

/** The workspace (repository root in a checkout): GITHUB_WORKSPACE, else the cwd. */
export function workspaceDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GITHUB_WORKSPACE || process.cwd();
}
