import { afterEach, describe, expect, it } from '@jest/globals';
import { apiClient, changedFiles, upsertComment } from '../../src/action/github-api.js';
import { COMMENT_MARKER } from '../../src/report/markdown.js';
import { type ApiServer, startApiServer } from './api-server.js';

const pr = { owner: 'octo', repo: 'shop', number: 7 };
let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('upsertComment', () => {
  it('creates one comment, then updates it in place on the next run', async () => {
    server = await startApiServer();
    // Someone else's comment on the PR must be left alone.
    server.comments.set(7, [{ id: 1, body: 'LGTM', html_url: 'x' }]);
    const octokit = apiClient('tok', server.url);

    const first = await upsertComment(octokit, pr, `${COMMENT_MARKER}\n### ❌ shipset: 1 error`);
    expect(first.status).toBe('created');
    const second = await upsertComment(octokit, pr, `${COMMENT_MARKER}\n### ✅ shipset: passed`);
    expect(second).toMatchObject({ status: 'updated', id: (first as { id: number }).id });

    const comments = server.comments.get(7)!;
    expect(comments.map((c) => c.body)).toEqual(['LGTM', `${COMMENT_MARKER}\n### ✅ shipset: passed`]);
    const writes = server.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql').map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual([`POST /repos/octo/shop/issues/7/comments`, `PATCH /repos/octo/shop/issues/comments/${(first as { id: number }).id}`]);
    expect(server.requests[0].authorization).toBe('token tok');
  });

  it('with updateOnlyIf, updates only an own comment the predicate accepts and never creates one', async () => {
    server = await startApiServer();
    const octokit = apiClient('tok', server.url);
    const failing = (body: string) => body.split('\n')[1]?.startsWith('### ❌') ?? false;
    // No comment yet: nothing is created.
    expect(await upsertComment(octokit, pr, 'fixed', { updateOnlyIf: failing })).toEqual({ status: 'skipped' });
    expect(server.comments.get(7)).toBeUndefined();
    // A person's failing-looking comment with the marker is not ours: still skipped.
    server.comments.set(7, [{ id: 1, body: `${COMMENT_MARKER}\n### ❌ shipset: 1 error`, html_url: 'x', user: { login: 'mallory', type: 'User' } }]);
    expect((await upsertComment(octokit, pr, 'fixed', { updateOnlyIf: failing })).status).toBe('skipped');
    // Our failing comment becomes the new body; a second call finds it passing and skips.
    await upsertComment(octokit, pr, `${COMMENT_MARKER}\n### ❌ shipset: 1 error`);
    expect((await upsertComment(octokit, pr, `${COMMENT_MARKER}\n### ✅ fixed`, { updateOnlyIf: failing })).status).toBe('updated');
    expect((await upsertComment(octokit, pr, `${COMMENT_MARKER}\n### ✅ fixed again`, { updateOnlyIf: failing })).status).toBe('skipped');
    expect(server.comments.get(7)!.map((c) => c.body)).toEqual([`${COMMENT_MARKER}\n### ❌ shipset: 1 error`, `${COMMENT_MARKER}\n### ✅ fixed`]);
  });

  it('adds the marker when the body lacks it', async () => {
    server = await startApiServer();
    await upsertComment(apiClient('tok', server.url), pr, 'hello');
    expect(server.comments.get(7)![0].body).toBe(`${COMMENT_MARKER}\nhello`);
  });

  it('turns a 403 into a message with the fix, not an exception', async () => {
    server = await startApiServer({ forbidCommentWrites: true });
    const outcome = await upsertComment(apiClient('tok', server.url), pr, 'body');
    expect(outcome.status).toBe('forbidden');
    expect((outcome as { message: string }).message).toContain('permissions: pull-requests: write');
    expect(server.comments.get(7)).toBeUndefined();
  });
});

describe('changedFiles', () => {
  it('lists the files of the pull request', async () => {
    server = await startApiServer({ pullFiles: { 7: ['app/src/a.ts', 'README.md'] } });
    expect([...(await changedFiles(apiClient('tok', server.url), pr))]).toEqual(['app/src/a.ts', 'README.md']);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo/shop/pulls/7/files', query: { per_page: '100' } });
  });
});
