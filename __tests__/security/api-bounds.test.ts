// API abuse and hangs: commit-date lookups for 3,000 variant pairs stay within 8 requests in
// flight and 100 per run, with a notice naming how many were skipped; an API that never answers
// costs the per-request timeout, and a slow one the overall bound, never a hang. Short bounds are
// injected here so the test takes seconds; the defaults are checked separately.
import { afterEach, describe, expect, it } from '@jest/globals';
import { COMMIT_LOOKUP_BOUNDS, githubCommitLookup, githubCommitTimes } from '../../src/action/commit-times.js';
import { API_BOUNDS, apiClient, apiDeadline, changedFiles, upsertComment } from '../../src/action/github-api.js';
import { type MockApi, startMockApi } from './api-mock.js';

let api: MockApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const github = (url: string) => ({ token: 't', owner: 'acme', repo: 'svc', apiUrl: url });
const commitAnswer = (date: string) => ({ status: 200, body: [{ sha: 'f'.repeat(40), commit: { committer: { date } } }] });

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - start };
}

describe('the documented bounds', () => {
  it('are 8 in flight, 100 lookups, 15 s per request, 60 s in all', () => {
    expect(COMMIT_LOOKUP_BOUNDS).toEqual({ concurrency: 8, maxLookups: 100, requestMs: 15_000, totalMs: 60_000 });
    expect(API_BOUNDS).toEqual({ requestMs: 15_000, totalMs: 60_000 });
  });

  it("the overall bound is one deadline for all of the run's calls, unless a caller gives its own", () => {
    expect(apiDeadline(undefined)).toBe(apiDeadline(undefined));
    expect(apiDeadline(1000)).not.toBe(apiDeadline(undefined));
  });
});

describe('commit-date lookups', () => {
  it('3,000 variant pairs: at most 8 in flight, 100 in all, and a notice naming the 5,900 skipped', async () => {
    api = await startMockApi(() => commitAnswer('2025-11-05T12:00:00Z'), 20);
    const files = Array.from({ length: 3000 }, (_, i) => [`src/f${i}.ts`, `src/f${i}_v2.ts`]).flat();
    const notices: string[] = [];
    const lookup = githubCommitLookup(github(api.url), {}, (m) => notices.push(m));
    const { times, error } = await lookup(files, { ref: 'abc' });
    expect(api.total).toBe(100);
    expect(api.maxInFlight).toBeLessThanOrEqual(8);
    expect(api.maxInFlight).toBe(8); // the pool is used, not one at a time
    expect(times.size).toBe(100);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('5900 were skipped');
    expect(error).toContain('5900 files not looked up');
  });

  it('the budget of 100 holds across calls of one run', async () => {
    api = await startMockApi(() => commitAnswer('2025-11-05T12:00:00Z'));
    const lookup = githubCommitLookup(github(api.url), {}, () => {});
    await lookup(
      Array.from({ length: 60 }, (_, i) => `a${i}.ts`),
      {},
    );
    const second = await lookup(
      Array.from({ length: 60 }, (_, i) => `b${i}.ts`),
      {},
    );
    expect(api.total).toBe(100);
    expect(second.times.size).toBe(40);
  });

  it('an API that never answers: each request gives up at its timeout, the run finishes', async () => {
    api = await startMockApi(() => 'hang');
    const { value, ms } = await timed(() => githubCommitTimes(github(api!.url), ['a.ts', 'b.ts', 'c.ts'], {}, { requestMs: 300, totalMs: 10_000 }));
    expect(value.times.size).toBe(0);
    expect(value.error).toMatch(/did not answer .* within 300 ms/);
    expect(ms).toBeLessThan(3000);
  });

  it('a slow API: the overall bound ends the lookups, whatever is left', async () => {
    api = await startMockApi(() => commitAnswer('2025-11-05T12:00:00Z'), 150);
    const files = Array.from({ length: 100 }, (_, i) => `f${i}.ts`);
    const { value, ms } = await timed(() => githubCommitTimes(github(api!.url), files, {}, { requestMs: 5000, totalMs: 500 }));
    expect(ms).toBeLessThan(2000);
    expect(value.times.size).toBeLessThan(100);
    expect(api.total).toBeLessThan(100);
    expect(value.error).toContain('took longer than 500 ms in all');
  });

  it('API error text reaches the notice escaped: no control character, no command', async () => {
    api = await startMockApi(() => ({ status: 500, body: { message: 'boom\n::warning::forged\u001b[2J' } }));
    const { error } = await githubCommitTimes(github(api.url), ['a.ts'], {});
    expect(error).toBeDefined();
    expect(error).not.toMatch(/[\n\r\u001b]/);
  });
});

describe('pull-request files and the comment', () => {
  const pr = { owner: 'acme', repo: 'svc', number: 7 };

  it('listing files from an API that never answers fails within the request timeout', async () => {
    api = await startMockApi(() => 'hang');
    const octokit = apiClient('t', api.url, { requestMs: 300 });
    const { value, ms } = await timed(() =>
      changedFiles(octokit, pr).then(
        () => 'resolved',
        (e: Error) => e.message,
      ),
    );
    expect(value).toMatch(/did not answer .* within 300 ms/);
    expect(ms).toBeLessThan(3000);
  });

  it('endless pages, each in time, end at the overall bound', async () => {
    api = await startMockApi(({ url }) => {
      const page = Number(url.searchParams.get('page') ?? '1');
      return {
        status: 200,
        body: [{ filename: `f${page}.ts` }],
        headers: { link: `<${api!.url}/repos/acme/svc/pulls/7/files?per_page=100&page=${page + 1}>; rel="next"` },
      };
    }, 100);
    const octokit = apiClient('t', api.url, { requestMs: 5000 });
    const { value, ms } = await timed(() =>
      changedFiles(octokit, pr, { totalMs: 600 }).then(
        () => 'resolved',
        (e: Error) => e.message,
      ),
    );
    expect(value).toContain('took longer than 600 ms in all');
    expect(ms).toBeLessThan(3000);
  });

  it('endless pages stop at 30 (GitHub lists at most 3,000 files)', async () => {
    api = await startMockApi(({ url }) => {
      const page = Number(url.searchParams.get('page') ?? '1');
      return {
        status: 200,
        body: Array.from({ length: 100 }, (_, i) => ({ filename: `p${page}/f${i}.ts` })),
        headers: { link: `<${api!.url}/repos/acme/svc/pulls/7/files?per_page=100&page=${page + 1}>; rel="next"` },
      };
    });
    const files = await changedFiles(apiClient('t', api.url), pr);
    expect(files.size).toBe(3000);
    expect(api.total).toBe(30);
  });

  it('the comment against an API that never answers fails within the bound', async () => {
    api = await startMockApi(() => 'hang');
    const octokit = apiClient('t', api.url, { requestMs: 5000 });
    const { value, ms } = await timed(() =>
      upsertComment(octokit, pr, 'body', { bounds: { totalMs: 500 } }).then(
        () => 'resolved',
        (e: Error) => e.message,
      ),
    );
    expect(value).toContain('took longer than 500 ms in all');
    expect(ms).toBeLessThan(3000);
  });
});
