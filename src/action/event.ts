// What the action needs from the workflow event: the pull request, if this run is for one.
// The event file is read here, once, with bounds: @actions/github parses it when it is loaded
// and throws a stack trace on a bad file, so src/index.ts checks it before loading anything else.
import fs from 'node:fs';
import { UsageError } from '../core/types.js';
import { logLine } from '../report/escape.js';

export interface PullRequestEvent {
  number: number;
  /** Base commit and branch the PR merges into. */
  baseSha?: string;
  baseRef?: string;
  /** The commit at the tip of the PR's branch (GITHUB_SHA is the merge commit): report links point here. */
  headSha?: string;
}

/** GitHub caps webhook payloads at 25 MB; a bigger event file is not one the runner wrote. */
export const EVENT_MAX_BYTES = 25 * 1024 * 1024;

/**
 * The parsed event payload from GITHUB_EVENT_PATH: `{}` when the variable is unset. Throws a
 * UsageError with one line naming the file when it is missing, not a regular file (a folder, a
 * FIFO: opened non-blocking so a FIFO cannot hang the step), unreadable, larger than
 * EVENT_MAX_BYTES, or not a JSON object.
 */
export function readEventPayload(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const file = env.GITHUB_EVENT_PATH;
  if (!file) return {};
  const shown = logLine(file);
  const fail = (why: string): never => {
    throw new UsageError(
      `GITHUB_EVENT_PATH '${shown}' ${why}. The runner writes this file; re-run the job, and do not override GITHUB_EVENT_PATH in the workflow.`,
    );
  };
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be read (permission denied)'
          : `cannot be opened (${code ?? 'error'})`,
    );
  }
  let text: string;
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) fail(stat.isDirectory() ? 'is a folder, not the event file' : 'is not a regular file');
    if (stat.size > EVENT_MAX_BYTES) fail(`is ${stat.size} bytes, larger than the ${EVENT_MAX_BYTES} bytes an event can be`);
    text = fs.readFileSync(fd, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    return fail(`cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    fs.closeSync(fd);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (e) {
    return fail(`is not valid JSON (${logLine((e as Error).message)})`);
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return fail('does not hold a JSON object');
  return payload as Record<string, unknown>;
}

/**
 * The pull request of a `pull_request`/`pull_request_target` run, from GITHUB_EVENT_PATH.
 * A bad event file is a UsageError (see readEventPayload).
 */
export function pullRequestFromEvent(env: NodeJS.ProcessEnv = process.env): PullRequestEvent | undefined {
  const name = env.GITHUB_EVENT_NAME ?? '';
  if (!name.startsWith('pull_request') || !env.GITHUB_EVENT_PATH) return undefined;
  const payload = readEventPayload(env) as { pull_request?: { number?: unknown; base?: { sha?: unknown; ref?: unknown }; head?: { sha?: unknown } } };
  const pr = payload.pull_request;
  if (!pr || typeof pr.number !== 'number' || !Number.isSafeInteger(pr.number) || pr.number < 1) return undefined;
  return {
    number: pr.number,
    baseSha: typeof pr.base?.sha === 'string' ? pr.base.sha : undefined,
    baseRef: typeof pr.base?.ref === 'string' ? pr.base.ref : undefined,
    headSha: typeof pr.head?.sha === 'string' ? pr.head.sha : undefined,
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
