// The GitHub API uses of the action: the files a pull request changes (to annotate those first)
// and shipset's one comment per app on the pull request (found by its marker and its author).
// Every request has a timeout and all calls of a run one overall bound: a silent API costs at
// most a minute, never the job's time limit.
import { setMaxListeners } from 'node:events';
import { getOctokit } from '@actions/github';
import { COMMENT_MARKER } from '../report/markdown.js';
import { logLine } from '../report/escape.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

/** Time limits of API calls, in milliseconds. */
export interface ApiBounds {
  /** One HTTP request, until its whole body is read. */
  requestMs: number;
  /** All API calls of the run (see apiDeadline). */
  totalMs: number;
}

export const API_BOUNDS: ApiBounds = { requestMs: 15_000, totalMs: 60_000 };

/** Pages of 100 read at most: GitHub lists at most 3,000 files of a pull request. */
const MAX_PAGES = 30;

/** The login GitHub gives comments written with the workflow's GITHUB_TOKEN. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/**
 * An API client; baseUrl is passed explicitly because @actions/github reads it at load time.
 * Every request (REST pages and GraphQL alike) gets its own `requestMs` timeout on top of the
 * caller's signal; a request aborted by either throws an Error that says which bound it hit.
 */
export function apiClient(token: string, apiUrl = process.env.GITHUB_API_URL, bounds: Partial<ApiBounds> = {}): Octokit {
  const { requestMs } = { ...API_BOUNDS, ...bounds };
  const octokit = getOctokit(token, { baseUrl: apiUrl || 'https://api.github.com' });
  octokit.hook.wrap('request', async (request, options) => {
    const outer = options.request?.signal as AbortSignal | undefined;
    const own = AbortSignal.timeout(requestMs);
    const signal = outer ? AbortSignal.any([outer, own]) : own;
    // before-after-hook binds the inner hooks to this same options object and ignores arguments:
    // the signal must be set on it, not passed in a copy.
    options.request = { ...options.request, signal };
    try {
      return await request(options);
    } catch (e) {
      if (outer?.aborted) throw outer.reason instanceof Error ? outer.reason : new Error('the GitHub API calls were cancelled');
      if (own.aborted) throw new Error(`the GitHub API did not answer ${options.method} ${options.url} within ${seconds(requestMs)}`);
      throw e;
    }
  });
  return octokit;
}

/**
 * A signal that aborts after `ms` with a readable reason; the timer does not keep Node alive.
 * Pass it as `request: { signal }` to bound a whole operation.
 */
export function deadline(ms: number, what = 'the GitHub API calls'): AbortSignal {
  const controller = new AbortController();
  // Every request of the run listens on this one signal: more than Node's default warning limit.
  setMaxListeners(0, controller.signal);
  setTimeout(() => controller.abort(new Error(`${what} took longer than ${seconds(ms)} in all`)), ms).unref();
  return controller.signal;
}

let runSignal: AbortSignal | undefined;

/**
 * The overall bound of API calls: with `totalMs` given (tests, a caller's own bound) a deadline
 * of its own; otherwise the one deadline of this process, API_BOUNDS.totalMs from its first use,
 * shared by the commit-date lookups, the PR's files and the comment (the action is one run per
 * process), so all of a run's API calls together take at most that long.
 */
export function apiDeadline(totalMs: number | undefined): AbortSignal {
  if (totalMs !== undefined) return deadline(totalMs);
  return (runSignal ??= deadline(API_BOUNDS.totalMs, 'the GitHub API calls of this run'));
}

/** Paths (relative to the repository root) changed by the pull request, within the overall bound. */
export async function changedFiles(octokit: Octokit, pr: PullRequestRef, bounds: Partial<ApiBounds> = {}): Promise<Set<string>> {
  const signal = apiDeadline(bounds.totalMs);
  const files = new Set<string>();
  const listing = octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
    per_page: 100,
    request: { signal },
  });
  for await (const page of bounded(listing, signal, MAX_PAGES)) {
    for (const f of page.data) if (typeof f.filename === 'string') files.add(f.filename);
  }
  return files;
}

/**
 * The pages of an Octokit iterator, at most `maxPages`, each raced against `signal`: the
 * iterator passes the caller's request options to the first page only, so the overall bound is
 * enforced here for the following ones (each still has its own per-request timeout).
 */
export async function* bounded<T>(iterator: AsyncIterable<T>, signal: AbortSignal, maxPages: number): AsyncGenerator<T> {
  const it = iterator[Symbol.asyncIterator]();
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(signal.reason instanceof Error ? signal.reason : new Error('the GitHub API calls were cancelled'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
  aborted.catch(() => {});
  for (let pages = 0; pages < maxPages; pages++) {
    const next = it.next();
    next.catch(() => {}); // a page still running when the bound is hit rejects later, unobserved
    const step = await Promise.race([next, aborted]);
    if (step.done) return;
    yield step.value;
  }
}

export type CommentResult = { status: 'created' | 'updated'; id: number; url?: string } | { status: 'skipped' } | { status: 'forbidden'; message: string };

export interface CommentOptions {
  /** The hidden first line naming this app's comment (commentMarker()); default COMMENT_MARKER. */
  marker?: string;
  bounds?: Partial<ApiBounds>;
  /**
   * Only update an existing comment whose body this accepts; never create one (`comment:
   * on-failure` on a passing run: a failing comment becomes "fixed", otherwise nothing is posted).
   */
  updateOnlyIf?: (existingBody: string) => boolean;
}

/**
 * Update this app's shipset comment on the pull request in place, or create it. A comment is
 * ours only when its first line is the marker AND its author is the token's identity (GraphQL
 * `viewer { login }`; REST names a GitHub App's bot `<login>[bot]`). When the identity cannot be
 * read, only a comment by the Actions bot (`github-actions[bot]`, type Bot) counts as ours: a
 * comment by a person is never edited, whatever it contains. A 403 is reported, not thrown; any
 * other failure (including a timeout) throws an Error with a readable message.
 */
export async function upsertComment(octokit: Octokit, pr: PullRequestRef, body: string, options: CommentOptions = {}): Promise<CommentResult> {
  const marker = options.marker ?? COMMENT_MARKER;
  const signal = apiDeadline(options.bounds?.totalMs);
  const text = body.startsWith(`${marker}\n`) ? body : `${marker}\n${body}`;
  const where = { owner: pr.owner, repo: pr.repo };
  try {
    const viewer = await viewerLogin(octokit, signal);
    let mine: { id: number; body?: string | null } | undefined;
    // A comment of an earlier version carries the one marker per repository: adopted (once) when
    // this app has no comment yet, so an upgrade does not leave a stale comment behind.
    let legacy: { id: number; body?: string | null } | undefined;
    const listing = octokit.paginate.iterator(octokit.rest.issues.listComments, { ...where, issue_number: pr.number, per_page: 100, request: { signal } });
    for await (const page of bounded(listing, signal, MAX_PAGES)) {
      const own = page.data.filter((c) => isOwnComment(c.user, viewer));
      mine = own.find((c) => firstLine(c.body) === marker);
      if (mine) break;
      if (marker !== COMMENT_MARKER) legacy ??= own.find((c) => firstLine(c.body) === COMMENT_MARKER);
    }
    mine ??= legacy;
    if (options.updateOnlyIf && !(mine && options.updateOnlyIf(mine.body ?? ''))) return { status: 'skipped' };
    if (mine) {
      const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: mine.id, body: text, request: { signal } });
      return { status: 'updated', id: data.id, url: data.html_url };
    }
    const { data } = await octokit.rest.issues.createComment({ ...where, issue_number: pr.number, body: text, request: { signal } });
    return { status: 'created', id: data.id, url: data.html_url };
  } catch (e) {
    if ((e as { status?: number }).status === 403) {
      return {
        status: 'forbidden',
        message:
          `shipset could not write the pull-request comment: the token lacks permission (403: ${apiErrorText(e)}). ` +
          `Add 'permissions: pull-requests: write' to the job (pull requests from forks get a read-only token; use 'comment: false' there).`,
      };
    }
    throw new Error(apiErrorText(e));
  }
}

/** The token's login from GraphQL `viewer { login }`, or undefined when it cannot be read. */
export async function viewerLogin(octokit: Octokit, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const answer = await octokit.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }', signal ? { request: { signal } } : {});
    const login = answer?.viewer?.login;
    return typeof login === 'string' && login ? login : undefined;
  } catch (e) {
    // The overall bound is hit: stop here rather than fall back and carry on.
    if (signal?.aborted) throw e;
    return undefined;
  }
}

/**
 * Whether a comment's author is the token's identity (`viewer`), or, identity unknown, the
 * Actions bot. GraphQL may give a bot's login without the `[bot]` suffix REST adds; `[` cannot
 * appear in a person's login, so a Bot `<viewer>[bot]` is an App and nobody else. A person's
 * comment counts only for a personal token (the viewer is that person), never when the viewer is
 * the Actions bot, whose name a person's account could imitate.
 */
export function isOwnComment(user: { login?: string; type?: string } | null | undefined, viewer: string | undefined): boolean {
  if (!user?.login) return false;
  const base = (viewer ?? ACTIONS_BOT_LOGIN).replace(/\[bot\]$/, '');
  if (user.type === 'Bot') return user.login === `${base}[bot]`;
  return !!viewer && !viewer.endsWith('[bot]') && base !== 'github-actions' && user.login === viewer;
}

/** An API error's message for a log line: control characters escaped, at most 300 characters. */
export function apiErrorText(e: unknown): string {
  const message = logLine(String((e as { message?: string })?.message ?? e));
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

function firstLine(body: string | undefined | null): string {
  if (!body) return '';
  const end = body.search(/\r?\n/);
  return end < 0 ? body : body.slice(0, end);
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
