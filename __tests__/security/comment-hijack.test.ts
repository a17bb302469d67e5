// Comment hijack: a comment is shipset's only when its first line is this app's marker AND its
// author is the token's identity. A person's comment that carries the marker is never edited;
// matrix jobs (one per app) keep one comment each.
import { afterEach, describe, expect, it } from '@jest/globals';
import { apiClient, isOwnComment, upsertComment } from '../../src/action/github-api.js';
import { COMMENT_MARKER, commentMarker } from '../../src/report/markdown.js';
import { type ApiServer, type IssueComment, startApiServer } from '../action/api-server.js';

const pr = { owner: 'octo', repo: 'shop', number: 7 };
const appA = commentMarker({ workingDirectory: 'apps/a', entries: ['src/index.ts'] });
const appB = commentMarker({ workingDirectory: 'apps/b', entries: ['src/index.ts'] });
const bot = { login: 'github-actions[bot]', type: 'Bot' as const };
const mallory = { login: 'mallory', type: 'User' as const };

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function patched(s: ApiServer): number[] {
  return s.requests.filter((r) => r.method === 'PATCH').map((r) => Number(r.path.split('/').pop()));
}

describe('a comment that carries the marker but is not ours', () => {
  it.each([
    ['a user, with the exact marker as first line', { id: 1, body: `${appA}\n### ✅ shipset: passed`, html_url: 'x', user: mallory }],
    ['a user, with the default marker', { id: 1, body: `${COMMENT_MARKER}\n### ✅ shipset: passed`, html_url: 'x', user: mallory }],
    ['another App bot', { id: 1, body: `${appA}\n### ✅ shipset: passed`, html_url: 'x', user: { login: 'evil-app[bot]', type: 'Bot' as const } }],
    ['a user named like the bot but of type User', { id: 1, body: `${appA}\nforged`, html_url: 'x', user: { login: 'github-actions', type: 'User' as const } }],
  ] as Array<[string, IssueComment]>)('%s: is never PATCHed; ours is created beside it', async (_, hostile) => {
    server = await startApiServer();
    server.comments.set(7, [{ ...hostile }]);
    const octokit = apiClient('tok', server.url);
    const first = await upsertComment(octokit, pr, `${appA}\n### ❌ shipset: 1 error`, { marker: appA });
    expect(first.status).toBe('created');
    const second = await upsertComment(octokit, pr, `${appA}\n### ❌ shipset: 2 errors`, { marker: appA });
    expect(second).toMatchObject({ status: 'updated', id: (first as { id: number }).id });
    expect(patched(server)).not.toContain(1);
    expect(server.comments.get(7)![0]).toEqual(hostile); // untouched
    expect(server.comments.get(7)).toHaveLength(2);
  });

  it('the identity unknown (GraphQL refused): a user comment with the marker is still never PATCHed', async () => {
    server = await startApiServer({ viewerLogin: null });
    server.comments.set(7, [
      { id: 1, body: `${appA}\nx`, html_url: 'x', user: mallory },
      { id: 2, body: `${appA}\nold`, html_url: 'x', user: bot },
    ]);
    const outcome = await upsertComment(apiClient('tok', server.url), pr, 'new', { marker: appA });
    // Only the Actions bot's comment counts as ours when the identity cannot be read.
    expect(outcome).toMatchObject({ status: 'updated', id: 2 });
    expect(patched(server)).toEqual([2]);
    expect(server.comments.get(7)![0].body).toBe(`${appA}\nx`);
  });

  it('the marker quoted further down a bot comment is not a marker', async () => {
    server = await startApiServer();
    server.comments.set(7, [{ id: 1, body: `some other bot\n${appA}`, html_url: 'x', user: bot }]);
    const outcome = await upsertComment(apiClient('tok', server.url), pr, 'new', { marker: appA });
    expect(outcome.status).toBe('created');
    expect(patched(server)).toEqual([]);
  });
});

describe('a personal access token', () => {
  it("updates the token owner's own comment, not the Actions bot's", async () => {
    server = await startApiServer({ viewerLogin: 'alice' });
    server.comments.set(7, [
      { id: 1, body: `${appA}\nbot`, html_url: 'x', user: bot },
      { id: 2, body: `${appA}\nalice`, html_url: 'x', user: { login: 'alice', type: 'User' } },
    ]);
    const outcome = await upsertComment(apiClient('tok', server.url), pr, 'new', { marker: appA });
    expect(outcome).toMatchObject({ status: 'updated', id: 2 });
    expect(patched(server)).toEqual([2]);
  });
});

describe('matrix jobs over two apps', () => {
  it('keep one comment each, each updated in place', async () => {
    server = await startApiServer();
    const octokit = apiClient('tok', server.url);
    for (let run = 0; run < 3; run++) {
      await upsertComment(octokit, pr, `${appA}\nA run ${run}`, { marker: appA });
      await upsertComment(octokit, pr, `${appB}\nB run ${run}`, { marker: appB });
    }
    expect(server.comments.get(7)!.map((c) => c.body)).toEqual([`${appA}\nA run 2`, `${appB}\nB run 2`]);
  });
});

describe('upgrading from one comment per repository', () => {
  it("adopts our own comment with the old marker once; a person's stays untouched", async () => {
    server = await startApiServer();
    server.comments.set(7, [
      { id: 1, body: `${COMMENT_MARKER}\nperson`, html_url: 'x', user: mallory },
      { id: 2, body: `${COMMENT_MARKER}\nold run`, html_url: 'x', user: bot },
    ]);
    const octokit = apiClient('tok', server.url);
    expect(await upsertComment(octokit, pr, 'A', { marker: appA })).toMatchObject({ status: 'updated', id: 2 });
    expect(await upsertComment(octokit, pr, 'B', { marker: appB })).toMatchObject({ status: 'created' });
    expect(server.comments.get(7)!.map((c) => c.body)).toEqual([`${COMMENT_MARKER}\nperson`, `${appA}\nA`, `${appB}\nB`]);
  });
});

describe('isOwnComment', () => {
  it('matches the identity, with GraphQL bot logins lacking the [bot] suffix', () => {
    expect(isOwnComment(bot, 'github-actions')).toBe(true);
    expect(isOwnComment(bot, 'github-actions[bot]')).toBe(true);
    expect(isOwnComment({ login: 'github-actions', type: 'User' }, 'github-actions[bot]')).toBe(false);
    expect(isOwnComment(mallory, 'github-actions')).toBe(false);
    expect(isOwnComment(bot, undefined)).toBe(true);
    expect(isOwnComment({ login: 'other[bot]', type: 'Bot' }, undefined)).toBe(false);
    expect(isOwnComment(null, 'github-actions')).toBe(false);
  });
});
