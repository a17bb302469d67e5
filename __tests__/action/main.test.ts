// The action in-process (run() of src/action/main.ts, helpers/action.ts) with a pull_request event
// and GITHUB_API_URL pointing at a local API server: the PR comment, SARIF, the base diff, a bad
// input and the shallow-clone date lookup. dist/index.js itself is action-dist.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { cleanupFixtures, commit, gitProject, gitRun, tempDir } from '../helpers/fixture.js';
import { type ApiServer, startApiServer } from './api-server.js';
import { incidentOne, pullRequestEvent, runAction as runActionOn } from './run-action.js';

afterAll(cleanupFixtures);
let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const runAction = (workspace: string, inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runActionOn({ dist: false }, workspace, inputs, env, server?.url);

describe('the action', () => {
  it('creates one PR comment and updates it on the next run; changed files are asked for', async () => {
    server = await startApiServer({ pullFiles: { 7: ['app/src/server_hosted.js'] } });
    const repo = incidentOne();
    const base = gitRun(repo, ['rev-parse', 'HEAD']).trim();
    const inputs = { 'working-directory': 'app', entry: 'src/server_hosted.js', comment: 'true', 'github-token': 'tok', 'base-ref': 'none' };
    const env = pullRequestEvent(base);

    const first = await runAction(repo, inputs, env);
    expect(first.status).toBe(1);
    const second = await runAction(repo, inputs, env);
    expect(second.status).toBe(1);

    const comments = server.comments.get(7) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toMatch(/^<!-- shipset-comment:[0-9a-f]{16} -->\n/);
    expect(comments[0].body).toContain('claude_mcp_hybrid_sessions.js');
    const calls = server.requests.map((r) => `${r.method} ${r.path}`);
    expect(calls.filter((c) => c === 'POST /repos/octo/shop/issues/7/comments')).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith('PATCH /repos/octo/shop/issues/comments/'))).toHaveLength(1);
    expect(calls).toContain('GET /repos/octo/shop/pulls/7/files');
    expect(server.requests.every((r) => r.authorization === 'token tok')).toBe(true);
  });

  it('comment: on-failure posts while failing, turns the comment into "fixed" when the run passes, and posts nothing on a clean PR', async () => {
    server = await startApiServer();
    const repo = incidentOne();
    const inputs = { 'working-directory': 'app', entry: 'src/server_hosted.js', comment: 'On-Failure', 'github-token': 'tok', 'base-ref': 'none' };
    const env = { ...pullRequestEvent('x'), GITHUB_SERVER_URL: 'https://github.test', GITHUB_SHA: 'e'.repeat(40) };

    const failing = await runAction(repo, inputs, env);
    expect(failing.status).toBe(1);
    let comments = server.comments.get(7) ?? [];
    expect(comments).toHaveLength(1);
    // The heading names the app; paths link to the commit under test, inside working-directory.
    expect(comments[0].body.split('\n')[1]).toBe('### ❌ shipset `app` (`src/server_hosted.js`): 1 error, this set must not ship');
    expect(comments[0].body).toContain('](https://github.test/octo/shop/blob/' + 'e'.repeat(40) + '/app/src/server_hosted.js#L2)');
    expect(comments[0].body).toContain('```mermaid');
    expect(comments[0].body).not.toContain('not annotated inline');

    commit(repo, { 'app/src/server_hosted.js': "import { mcp } from './claude_mcp_hybrid_sessions.js';\nmcp();\n" }, '2025-11-16T12:00:00Z');
    const passing = await runAction(repo, inputs, env);
    expect(passing.status).toBe(0);
    comments = server.comments.get(7) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toMatch(/^<!-- shipset-comment:[0-9a-f]{16} -->\n### ✅ shipset `app` \(`src\/server_hosted.js`\): passed/);
    expect(comments[0].body).toContain('The errors this comment reported are fixed');

    // Passing again: the comment already says fixed; nothing is written.
    const writes = () => server!.requests.filter((r) => (r.method === 'POST' && r.path.endsWith('/comments')) || r.method === 'PATCH').length;
    const before = writes();
    const again = await runAction(repo, inputs, env);
    expect(again.status).toBe(0);
    expect(writes()).toBe(before);
    expect(again.stdout).toContain('no failing comment to update: no comment written');
  });

  it('comment: on-failure on a PR that never failed posts nothing', async () => {
    server = await startApiServer();
    const repo = incidentOne();
    commit(repo, { 'app/src/server_hosted.js': "import { mcp } from './claude_mcp_hybrid_sessions.js';\nmcp();\n" }, '2025-11-16T12:00:00Z');
    const run = await runAction(repo, { 'working-directory': 'app', comment: 'on-failure', 'github-token': 'tok', 'base-ref': 'none' }, pullRequestEvent('x'));
    expect(run.status).toBe(0);
    expect(server.comments.get(7) ?? []).toHaveLength(0);
  });

  it('sarif: writes SARIF 2.1.0 inside the workspace with paths from the repository root and every rule', async () => {
    const repo = incidentOne();
    const run = await runAction(repo, { 'working-directory': 'app', entry: 'src/server_hosted.js', sarif: 'reports/shipset.sarif' });
    expect(run.status).toBe(1);
    expect(run.outputs.sarif).toBe(path.join(repo, 'reports/shipset.sarif'));
    const log = JSON.parse(fs.readFileSync(run.outputs.sarif, 'utf8'));
    expect(log.version).toBe('2.1.0');
    const { RULE_REGISTRY } = await import('../../src/core/rules/index.js');
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(Object.keys(RULE_REGISTRY));
    const stale = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'stale');
    expect(stale.locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: 'app/src/server_hosted.js', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2 },
    });
    // A second run replaces its own file.
    expect((await runAction(repo, { 'working-directory': 'app', entry: 'src/server_hosted.js', sarif: 'reports/shipset.sarif' })).status).toBe(1);
  });

  it('sarif: refuses a path outside the workspace or over a file that is not a SARIF log of shipset', async () => {
    const repo = incidentOne();
    const outside = await runAction(repo, { 'working-directory': 'app', entry: 'src/server_hosted.js', sarif: '../escape.sarif' });
    expect(outside.status).toBe(2);
    expect(outside.stdout).toMatch(/^::error::input sarif:/m);
    const over = await runAction(repo, { 'working-directory': 'app', entry: 'src/server_hosted.js', sarif: 'app/package.json' });
    expect(over.status).toBe(2);
    expect(over.stdout).toMatch(/^::error::input sarif:/m);
    expect(JSON.parse(fs.readFileSync(path.join(repo, 'app/package.json'), 'utf8')).name).toBe('mcp');
  });

  it('a 403 on the comment is a warning with the fix, not a crash', async () => {
    server = await startApiServer({ forbidCommentWrites: true });
    const repo = incidentOne();
    commit(repo, { 'app/src/server_hosted.js': "import { mcp } from './claude_mcp_hybrid_sessions.js';\nmcp();\n" }, '2025-11-16T12:00:00Z');
    const run = await runAction(repo, { 'working-directory': 'app', comment: 'true', 'github-token': 'tok', 'base-ref': 'none' }, pullRequestEvent('x'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^::warning::.*permissions: pull-requests: write/m);
    expect(run.summary).toMatch(/^### (✅|⚠️) shipset/m);
  });

  it('compares the ship set with the PR base and leaves no worktree behind', async () => {
    const repo = gitProject([
      {
        date: '2025-01-01T00:00:00Z',
        files: {
          'package.json': JSON.stringify({ name: 'svc', type: 'module', main: 'src/index.js' }),
          'src/index.js': "import './routes.js';\n",
          'src/routes.js': "import './legacy_handlers.js';\n",
          'src/legacy_handlers.js': 'export {};\n',
        },
      },
    ]);
    const base = gitRun(repo, ['rev-parse', 'HEAD']).trim();
    commit(repo, { 'src/routes.js': "import './handlers.js';\n", 'src/handlers.js': 'export {};\n' }, '2025-01-02T00:00:00Z');
    const run = await runAction(repo, { entry: 'src/index.js', pack: 'false', rules: 'deprecated: off' }, pullRequestEvent(base));
    expect(run.status).toBe(0);
    expect(run.summary).toContain(`Ship set vs \`main\` (${base.slice(0, 7)})`); // the event's base branch and SHA
    expect(run.summary).toContain('➕ `src/handlers.js`');
    expect(run.summary).toContain('➖ `src/legacy_handlers.js`');
    expect(gitRun(repo, ['worktree', 'list', '--porcelain']).match(/^worktree /gm)).toHaveLength(1);
    expect(gitRun(repo, ['status', '--porcelain', '--untracked-files=no'])).toBe('');
  });

  it('a bad input fails the step with one message naming the input, and no stack trace', async () => {
    const repo = incidentOne();
    const run = await runAction(repo, { 'working-directory': 'app', entry: 'src/server_hosted.js', rules: 'stale: loud' });
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^::error::input rules: unknown level 'loud'/m);
    expect(run.stdout).not.toMatch(/\n\s+at /);
    expect(run.summary).toContain("unknown level 'loud'");
  });
  it('shallow clone: asks the GitHub API for the last commit of just the variant files, then judges stale', async () => {
    const origin = incidentOne();
    gitRun(origin, ['commit', '-q', '--allow-empty', '-m', 'later'], '2025-11-20T12:00:00Z');
    const clone = path.join(tempDir(), 'clone');
    gitRun(path.dirname(clone), ['clone', '-q', '--depth', '1', `file://${origin}`, clone]);
    server = await startApiServer({
      commitDates: { 'app/src/claude_mcp_hybrid.js': '2025-11-05T12:00:00Z', 'app/src/claude_mcp_hybrid_sessions.js': '2025-11-15T12:00:00Z' },
    });
    const run = await runAction(clone, { 'working-directory': 'app', entry: 'src/server_hosted.js', 'github-token': 'tok', 'base-ref': 'none', pack: 'false' });

    expect(run.status).toBe(1);
    const asked = server.requests
      .filter((r) => r.path.endsWith('/commits'))
      .map((r) => r.query.path)
      .sort();
    expect(asked).toEqual(['app/src/claude_mcp_hybrid.js', 'app/src/claude_mcp_hybrid_sessions.js']);
    const manifest = JSON.parse(fs.readFileSync(run.outputs.manifest, 'utf8'));
    const stale = manifest.findings.filter((f: { rule: string }) => f.rule === 'stale');
    expect(stale).toHaveLength(1);
    expect(stale[0].message).toContain('2025-11-05');
    expect(stale[0].message).toContain('2025-11-15');
  });
});
