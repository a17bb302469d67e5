import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readInputs } from '../../src/action/inputs.js';
import { UsageError } from '../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

// @actions/core reads INPUT_<NAME upper-cased, spaces as _> (hyphens kept) at call time.
const saved = { ...process.env };
function setInputs(inputs: Record<string, string>, env: Record<string, string> = {}): void {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_') || k.startsWith('GITHUB_')) delete process.env[k];
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  Object.assign(process.env, env);
}

let workspace: string;
beforeEach(() => {
  workspace = tempDir();
  writeFiles(workspace, {
    'app/package.json': JSON.stringify({ name: 'app', main: 'src/index.js' }),
    'app/src/index.js': "import './lib.js';\n",
    'app/src/lib.js': 'export {};\n',
    'app/tsconfig.base.json': '{}',
  });
});
afterEach(() => {
  process.env = { ...saved };
});
afterAll(cleanupFixtures);

function expectUsage(fn: () => unknown, input: string): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message.startsWith(`input ${input}:`)).toBe(true);
    return (e as Error).message;
  }
  throw new Error(`expected a UsageError naming input ${input}`);
}

describe('readInputs', () => {
  it('maps every input onto Options and ActionSettings', () => {
    const event = path.join(workspace, 'event.json');
    fs.writeFileSync(event, JSON.stringify({ pull_request: { number: 7, base: { sha: 'abc123', ref: 'main' } } }));
    setInputs(
      {
        'working-directory': 'app',
        entry: 'src/index.js, src/lib.js',
        tsconfig: 'tsconfig.base.json',
        rules: 'stale: warn\ncircular=error',
        deprecated: 'src/old/**\nsrc/*.{bak,orig}.js',
        include: 'README.md',
        exclude: '**/*.test.js',
        pack: 'false',
        tarball: 'out/app.tar.gz',
        manifest: 'out/app.json',
        prefix: 'app/',
        summary: 'false',
        annotations: 'FALSE',
        comment: 'true',
        'github-token': 'tok',
        'python-path': 'src',
        'stale-ignore': 'draft, wip',
      },
      {
        GITHUB_WORKSPACE: workspace,
        GITHUB_REPOSITORY: 'octo/shop',
        GITHUB_API_URL: 'http://127.0.0.1:9',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
      },
    );
    const { options, settings } = readInputs();
    const root = fs.realpathSync(path.join(workspace, 'app'));
    expect(options).toMatchObject({
      root,
      entries: ['src/index.js', 'src/lib.js'],
      tsconfig: 'tsconfig.base.json',
      rules: { stale: 'warn', circular: 'error' },
      // Globs are split on newlines only: the comma inside {bak,orig} stays.
      deprecated: ['src/old/**', 'src/*.{bak,orig}.js'],
      include: ['README.md'],
      exclude: ['**/*.test.js'],
      staleIgnore: ['draft', 'wip'],
      pythonPath: ['src'],
      pack: false,
      tarball: path.join(workspace, 'out/app.tar.gz'),
      prefix: 'app',
    });
    // With a token and a repository, the core gets a commit-time lookup (the GitHub API) as a function.
    expect(typeof options.commitTimes).toBe('function');
    expect(settings).toMatchObject({
      manifestPath: path.join(workspace, 'out/app.json'),
      summary: false,
      annotations: false,
      comment: true,
      baseRef: 'abc123',
      baseName: 'main',
      pullRequest: { number: 7, baseSha: 'abc123', baseRef: 'main' },
      repository: { owner: 'octo', repo: 'shop' },
    });
  });

  it('fills the documented defaults when inputs are empty', () => {
    setInputs({}, { GITHUB_WORKSPACE: path.join(workspace, 'app') });
    const { options, settings } = readInputs();
    expect(options.entries).toEqual(['src/index.js']); // package.json main
    expect(options.pack).toBe(true);
    expect(options.include).toBeUndefined();
    expect(options.tarball).toBe(path.join(workspace, 'app', 'shipset.tar.gz'));
    expect(options.commitTimes).toBeUndefined();
    expect(settings).toMatchObject({ summary: true, annotations: true, comment: false, baseRef: undefined, token: '' });
    expect(settings.manifestPath).toBe(path.join(workspace, 'app', 'shipset.json'));
  });

  it("takes base-ref over the event, and 'none' turns the comparison off", () => {
    const event = path.join(workspace, 'event.json');
    fs.writeFileSync(event, JSON.stringify({ pull_request: { number: 3, base: { sha: 'basesha', ref: 'main' } } }));
    const env = { GITHUB_WORKSPACE: path.join(workspace, 'app'), GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event };
    setInputs({}, env);
    expect(readInputs().settings).toMatchObject({ baseRef: 'basesha', baseName: 'main' });
    setInputs({ 'base-ref': 'release/1.x' }, env);
    expect(readInputs().settings).toMatchObject({ baseRef: 'release/1.x', baseName: undefined });
    setInputs({ 'base-ref': 'none' }, env);
    expect(readInputs().settings.baseRef).toBeUndefined();
    setInputs({}, { ...env, GITHUB_EVENT_NAME: 'push' });
    expect(readInputs().settings.baseRef).toBeUndefined();
  });

  it('names the input in every validation error', () => {
    const ws = { GITHUB_WORKSPACE: workspace };
    setInputs({ 'working-directory': 'nope' }, ws);
    expectUsage(() => readInputs(), 'working-directory');
    setInputs({ 'working-directory': 'app', entry: 'src/missing.js' }, ws);
    expectUsage(() => readInputs(), 'entry');
    setInputs({ 'working-directory': 'app', entry: '../outside.js' }, ws);
    expectUsage(() => readInputs(), 'entry');
    setInputs({ 'working-directory': 'app', rules: 'stale: loud' }, ws);
    expect(expectUsage(() => readInputs(), 'rules')).toContain('loud');
    setInputs({ 'working-directory': 'app', rules: 'no-such-rule: warn' }, ws);
    expectUsage(() => readInputs(), 'rules');
    setInputs({ 'working-directory': 'app', pack: 'yes' }, ws);
    expect(expectUsage(() => readInputs(), 'pack')).toContain('true or false');
    setInputs({ 'working-directory': 'app', tsconfig: 'missing.json' }, ws);
    expectUsage(() => readInputs(), 'tsconfig');
    setInputs({ 'working-directory': 'app', prefix: '../up' }, ws);
    expectUsage(() => readInputs(), 'prefix');
    setInputs({ 'working-directory': 'app', manifest: 'app' }, ws);
    expectUsage(() => readInputs(), 'manifest');
    setInputs({ 'working-directory': 'app', 'python-path': '../elsewhere' }, ws);
    expectUsage(() => readInputs(), 'python-path');
    setInputs({ 'working-directory': 'app', 'base-ref': '--upload-pack=evil' }, ws);
    expectUsage(() => readInputs(), 'base-ref');
    setInputs({ 'working-directory': 'app', comment: 'true', 'github-token': '' }, ws);
    expectUsage(() => readInputs(), 'comment');
  });
});

describe('readInputs: comment modes, sarif and link commit', () => {
  it('reads comment as true, false or on-failure (any case), and nothing else', () => {
    const ws = { GITHUB_WORKSPACE: workspace };
    for (const [value, mode, any] of [
      ['true', 'true', true],
      ['FALSE', 'false', false],
      ['on-failure', 'on-failure', true],
      ['On-Failure', 'on-failure', true],
      ['', 'false', false],
    ] as const) {
      setInputs({ 'working-directory': 'app', comment: value, 'github-token': 'tok' }, ws);
      expect(readInputs().settings).toMatchObject({ commentMode: mode, comment: any });
    }
    setInputs({ 'working-directory': 'app', comment: 'sometimes', 'github-token': 'tok' }, ws);
    expect(expectUsage(() => readInputs(), 'comment')).toBe("input comment: 'sometimes' is not one of true, false, on-failure.");
    setInputs({ 'working-directory': 'app', comment: 'on-failure', 'github-token': '' }, ws);
    expectUsage(() => readInputs(), 'comment');
  });

  it('takes sarif relative to the workspace and refuses a path outside it, a folder, or the manifest', () => {
    const ws = { GITHUB_WORKSPACE: workspace };
    setInputs({ 'working-directory': 'app', sarif: 'out/shipset.sarif' }, ws);
    expect(readInputs().settings.sarifPath).toBe(path.join(workspace, 'out/shipset.sarif'));
    setInputs({ 'working-directory': 'app' }, ws);
    expect(readInputs().settings.sarifPath).toBeUndefined();
    for (const bad of ['../x.sarif', 'app', 'shipset.json', 'app/src/index.js']) {
      setInputs({ 'working-directory': 'app', sarif: bad }, ws);
      expectUsage(() => readInputs(), 'sarif');
    }
  });

  it('links to the pull request head commit, else GITHUB_SHA, and only to a real SHA', () => {
    const event = path.join(workspace, 'event.json');
    const head = 'a'.repeat(40);
    fs.writeFileSync(event, JSON.stringify({ pull_request: { number: 7, base: { sha: 'b'.repeat(40), ref: 'main' }, head: { sha: head } } }));
    const pr = { GITHUB_WORKSPACE: workspace, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event, GITHUB_SHA: 'c'.repeat(40) };
    setInputs({ 'working-directory': 'app' }, pr);
    expect(readInputs().settings).toMatchObject({ linkSha: head, serverUrl: 'https://github.com' });
    setInputs({ 'working-directory': 'app' }, { GITHUB_WORKSPACE: workspace, GITHUB_SHA: 'c'.repeat(40), GITHUB_SERVER_URL: 'https://ghe.example.com' });
    expect(readInputs().settings).toMatchObject({ linkSha: 'c'.repeat(40), serverUrl: 'https://ghe.example.com' });
    setInputs({ 'working-directory': 'app' }, { GITHUB_WORKSPACE: workspace, GITHUB_SHA: 'main' });
    expect(readInputs().settings.linkSha).toBeUndefined();
  });
});

describe('readInputs with a config file', () => {
  it('reads working-directory/shipset.config.json; inputs override it, rule levels per rule', () => {
    writeFiles(workspace, {
      'app/shipset.config.json': JSON.stringify({
        rules: { stale: 'warn', circular: 'error' },
        exclude: ['**/*.spec.js'],
        prefix: 'from-config',
        runtime: 'bun',
        tarball: 'build/app.tgz',
        manifest: 'build/app.json',
      }),
    });
    setInputs({ 'working-directory': 'app', rules: 'Stale: OFF', prefix: 'from-input' }, { GITHUB_WORKSPACE: workspace });
    const { options, settings } = readInputs(process.env, Date.parse('2026-01-15T00:00:00Z'));
    const root = fs.realpathSync(path.join(workspace, 'app'));
    expect(options).toMatchObject({
      rules: { stale: 'off', circular: 'error' },
      exclude: ['**/*.spec.js'],
      prefix: 'from-input',
      runtime: 'bun',
      // The action takes output paths only from its inputs (the config is pull-request content).
      tarball: path.join(workspace, 'shipset.tar.gz'),
      cwd: workspace,
      now: Date.parse('2026-01-15T00:00:00Z'),
    });
    expect(settings.manifestPath).toBe(path.join(workspace, 'shipset.json'));
    expect(options.notices).toEqual(expect.arrayContaining([expect.stringContaining('shipset.config.json: tarball is ignored by the action')]));
    expect(root).toBe(options.root);
    setInputs({ 'working-directory': 'app', tarball: 'out.tgz', runtime: 'tsx' }, { GITHUB_WORKSPACE: workspace });
    expect(readInputs().options).toMatchObject({ tarball: path.join(workspace, 'out.tgz'), runtime: 'tsx' });
  });

  it('input config names another JSON file; a bad value names the file and key', () => {
    writeFiles(workspace, {
      'app/ci/shipset.json': JSON.stringify({ rules: { stale: 'warning' } }),
      'app/ci/ok.json': JSON.stringify({ 'stale-ignore': ['draft'] }),
    });
    setInputs({ 'working-directory': 'app', config: 'ci/ok.json' }, { GITHUB_WORKSPACE: workspace });
    expect(readInputs().options.staleIgnore).toEqual(['draft']);
    setInputs({ 'working-directory': 'app', config: 'ci/shipset.json' }, { GITHUB_WORKSPACE: workspace });
    expect(() => readInputs()).toThrow("ci/shipset.json: rules.stale: unknown level 'warning' for rule 'stale': use error, warn or off.");
    setInputs({ 'working-directory': 'app', config: 'shipset.config.ts' }, { GITHUB_WORKSPACE: workspace });
    expect(expectUsage(() => readInputs(), 'config')).toContain('JSON only');
  });

  it('gives the same message as the CLI for the same bad value', () => {
    setInputs({ 'working-directory': 'app', prefix: '.' }, { GITHUB_WORKSPACE: workspace });
    expect(expectUsage(() => readInputs(), 'prefix')).toBe(
      "input prefix: '.' is not a folder inside the archive. Leave the prefix unset for files at the top of the archive, or name a folder such as 'app'.",
    );
    setInputs({ 'working-directory': 'app', runtime: 'deno' }, { GITHUB_WORKSPACE: workspace });
    expect(expectUsage(() => readInputs(), 'runtime')).toBe("input runtime: 'deno' is not a runtime: use node, tsx, ts-node, bun, node-strip-types.");
    setInputs({ 'working-directory': 'app', baseline: 'missing.json' }, { GITHUB_WORKSPACE: workspace });
    expect(expectUsage(() => readInputs(), 'baseline')).toContain("'missing.json' does not exist");
  });

  it('uses the baseline input, relative to working-directory', () => {
    writeFiles(workspace, { 'app/ci/known.json': JSON.stringify({ schema: 1, tool: 'shipset', findings: [] }) });
    setInputs({ 'working-directory': 'app', baseline: 'ci/known.json' }, { GITHUB_WORKSPACE: workspace });
    expect(readInputs().options.baseline).toBe(path.join(fs.realpathSync(path.join(workspace, 'app')), 'ci/known.json'));
  });
});
