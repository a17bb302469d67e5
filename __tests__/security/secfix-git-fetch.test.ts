// Attack: the base diff fetches the base from `origin`. A repository config names a program for
// the transport (remote.<name>.vcs, a `<helper>::` URL reached through url.<x>.insteadOf, ext::),
// for the git:// proxy (core.gitProxy) or for the alternates' refs (core.alternateRefsCommand).
// Each variant asserts that no program ran (no marker file), and that a legitimate fetch still works.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { computeBaseDiff } from '../../src/core/base-diff.js';
import { defaultOptions } from '../../src/core/options.js';
import { runPipeline } from '../../src/core/pipeline.js';
import { runAction } from '../helpers/action.js';
import { cleanupFixtures, commit, gitInit, gitRun, tempDir, writeFiles } from '../helpers/fixture.js';
import { markerDir, NOV5, NOV15 } from './git-helpers.js';

afterAll(cleanupFixtures);

const APP = { 'i.js': 'console.log(1);\n', 'package.json': '{"name":"x","main":"i.js"}\n' };

/** A bare "server" repository with branch `base` (not in the clone below). */
function server(): string {
  const src = tempDir('shipset-srv-src-');
  gitInit(src);
  commit(src, APP, NOV5, 'base');
  const bare = tempDir('shipset-srv-');
  gitRun(bare, ['init', '-q', '--bare']);
  gitRun(src, ['push', '-q', bare, 'HEAD:refs/heads/base']);
  return bare;
}

/** ws/app as its own repository (one commit), with extra config entries. */
function nestedRepo(config: Array<[string, string]>): { ws: string; app: string } {
  const ws = tempDir('shipset-ws-');
  const app = path.join(ws, 'app');
  fs.mkdirSync(app);
  gitInit(app);
  commit(app, APP, NOV15, 'x');
  for (const [k, v] of config) gitRun(app, ['config', k, v]);
  return { ws, app };
}

async function diffAt(app: string, ref = 'base') {
  const options = defaultOptions(app, ['i.js']);
  const current = await runPipeline(options, app);
  return computeBaseDiff(options, current.manifest, ref, (o) => runPipeline(o, app));
}

describe('the base-diff fetch runs no program named by the repository config', () => {
  it('remote.origin.vcs names a remote helper by a relative path: refused, nothing runs', async () => {
    const marks = markerDir();
    const { app } = nestedRepo([
      ['remote.origin.url', '/nonexistent'],
      ['remote.origin.vcs', '../x.sh'],
    ]);
    fs.mkdirSync(path.join(app, 'git-remote-..'));
    fs.writeFileSync(path.join(app, 'git-remote-..', 'x.sh'), `#!/bin/sh\ntouch '${marks.dir}/vcs'\n`, { mode: 0o755 });
    const diff = await diffAt(app);
    expect(marks.ran()).toEqual([]);
    expect(diff.notice).toContain('could not be fetched');
  });

  it('url.<helper>::.insteadOf rewrites origin to a remote helper on PATH: refused, nothing runs', async () => {
    const marks = markerDir();
    const bin = tempDir('shipset-bin-');
    fs.writeFileSync(path.join(bin, 'git-remote-evil'), `#!/bin/sh\ntouch '${marks.dir}/insteadof'\n`, { mode: 0o755 });
    const { app } = nestedRepo([
      ['remote.origin.url', 'https://example.invalid/x.git'],
      ['url.evil::x.insteadOf', 'https://example.invalid/'],
    ]);
    const before = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${before}`;
    try {
      const diff = await diffAt(app);
      expect(diff.notice).toContain('could not be fetched');
    } finally {
      process.env.PATH = before;
    }
    expect(marks.ran()).toEqual([]);
  });

  it('an ext:: URL with protocol.ext.allow=always in the config: refused, nothing runs', async () => {
    const marks = markerDir();
    const { app } = nestedRepo([
      ['remote.origin.url', `ext::sh -c touch% ${marks.dir}/ext`],
      ['protocol.ext.allow', 'always'],
      ['protocol.allow', 'always'],
    ]);
    await diffAt(app);
    expect(marks.ran()).toEqual([]);
  });

  it('an inherited GIT_ALLOW_PROTOCOL naming ext does not widen the whitelist', async () => {
    const marks = markerDir();
    const { app } = nestedRepo([['remote.origin.url', `ext::sh -c touch% ${marks.dir}/ext-env`]]);
    const before = process.env.GIT_ALLOW_PROTOCOL;
    process.env.GIT_ALLOW_PROTOCOL = 'ext:file';
    try {
      await diffAt(app);
    } finally {
      if (before === undefined) delete process.env.GIT_ALLOW_PROTOCOL;
      else process.env.GIT_ALLOW_PROTOCOL = before;
    }
    expect(marks.ran()).toEqual([]);
  });

  it('core.gitProxy with a git:// URL: the proxy command is not run', async () => {
    const marks = markerDir();
    const proxy = path.join(tempDir('shipset-proxy-'), 'proxy.sh');
    fs.writeFileSync(proxy, `#!/bin/sh\ntouch '${marks.dir}/proxy'\nexit 1\n`, { mode: 0o755 });
    const { app } = nestedRepo([
      ['remote.origin.url', 'git://127.0.0.1:9/x.git'],
      ['core.gitProxy', proxy],
    ]);
    await diffAt(app);
    expect(marks.ran()).toEqual([]);
  });

  it('core.alternateRefsCommand with an alternate object store: not run, and the fetch itself still works', async () => {
    const marks = markerDir();
    const alt = tempDir('shipset-alt-');
    gitRun(alt, ['init', '-q', '--bare']);
    const cmd = path.join(tempDir('shipset-altcmd-'), 'alt.sh');
    fs.writeFileSync(cmd, `#!/bin/sh\ntouch '${marks.dir}/alternate-refs'\n`, { mode: 0o755 });
    const bare = server();
    const { app } = nestedRepo([
      ['remote.origin.url', bare],
      ['core.alternateRefsCommand', cmd],
    ]);
    fs.writeFileSync(path.join(app, '.git', 'objects', 'info', 'alternates'), `${path.join(alt, 'objects')}\n`);
    const diff = await diffAt(app);
    expect(marks.ran()).toEqual([]);
    // The legitimate part: the base came from the local "server" and was compared.
    expect(diff.notice).toBeUndefined();
    expect(diff.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('the action fetches only for the repository that holds the workspace', () => {
  async function act(ws: string) {
    const io = tempDir('shipset-runner-');
    for (const f of ['output', 'summary']) fs.writeFileSync(path.join(io, f), '');
    const r = await runAction(ws, {
      GITHUB_WORKSPACE: ws,
      GITHUB_OUTPUT: path.join(io, 'output'),
      GITHUB_STEP_SUMMARY: path.join(io, 'summary'),
      GITHUB_REPOSITORY: 'octo/shop',
      GITHUB_API_URL: 'http://127.0.0.1:9',
      'INPUT_GITHUB-TOKEN': '',
      'INPUT_WORKING-DIRECTORY': 'app',
      INPUT_ENTRY: 'i.js',
      INPUT_PACK: 'false',
      'INPUT_BASE-REF': 'base',
    });
    return { ...r, summary: fs.readFileSync(path.join(io, 'summary'), 'utf8') };
  }

  it('a repository nested inside the workspace (made by a workflow step) is never fetched into, its helper never runs', async () => {
    const marks = markerDir();
    const bare = server();
    const { ws, app } = nestedRepo([['remote.origin.url', bare]]);
    // The helper would run without the transport whitelist; the nested repository is not fetched at all.
    gitRun(app, ['config', 'remote.origin.vcs', '../x.sh']);
    fs.mkdirSync(path.join(app, 'git-remote-..'));
    fs.writeFileSync(path.join(app, 'git-remote-..', 'x.sh'), `#!/bin/sh\ntouch '${marks.dir}/vcs'\n`, { mode: 0o755 });
    const r = await act(ws);
    expect(marks.ran()).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.summary).toContain('not fetched');
    // Nothing was fetched: no FETCH_HEAD in the nested repository.
    expect(fs.existsSync(path.join(app, '.git', 'FETCH_HEAD'))).toBe(false);
  });

  it("a nested repository with a legitimate origin is not fetched either (the base is not the pull request's)", async () => {
    const bare = server();
    const { ws, app } = nestedRepo([['remote.origin.url', bare]]);
    const r = await act(ws);
    expect(r.status).toBe(0);
    expect(r.summary).toContain('not fetched');
    expect(fs.existsSync(path.join(app, '.git', 'FETCH_HEAD'))).toBe(false);
  });

  it('the workspace is the checkout (actions/checkout): the base is fetched from origin and compared', async () => {
    const bare = server();
    const ws = tempDir('shipset-ws-');
    gitInit(ws);
    writeFiles(ws, {});
    commit(ws, Object.fromEntries(Object.entries(APP).map(([k, v]) => [`app/${k}`, v])), NOV15, 'x');
    gitRun(ws, ['config', 'remote.origin.url', bare]);
    const r = await act(ws);
    expect(r.status).toBe(0);
    expect(r.summary).not.toContain('not fetched');
    expect(r.summary).not.toContain('could not be fetched');
    expect(fs.existsSync(path.join(ws, '.git', 'FETCH_HEAD'))).toBe(true);
  });
});
