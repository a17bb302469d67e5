// An import of build output that does not exist yet (a git-ignored codegen folder, a local config
// made from a template, a path listed in `generated`): a warning in check that says to run after
// the build step, an error in pack (the file cannot ship). Through the CLI in-process, on projects
// with real git history.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { buildOutputOf } from '../../../src/core/build-output.js';
import type { Manifest } from '../../../src/core/types.js';
import { runCli } from '../../helpers/cli.js';
import { cleanupFixtures, gitProject, tempDir, writeFiles } from '../../helpers/fixture.js';

afterAll(cleanupFixtures);

const DATE = '2025-09-01T09:00:00Z';

function project(extra: Record<string, string> = {}): string {
  return gitProject([
    {
      date: DATE,
      files: {
        'package.json': JSON.stringify({ name: 'svc', type: 'module', main: 'src/main.ts' }),
        '.gitignore': 'node_modules/\nsrc/generated/\nsrc/config.ts\n*.js\n',
        'src/main.ts': [
          "import { client } from './generated/client.js';",
          "import { SECRET } from './config';",
          "import { typo } from './helpres.js';",
          'console.log(client, SECRET, typo);',
          '',
        ].join('\n'),
        ...extra,
      },
    },
  ]);
}

async function check(root: string, args: string[] = []): Promise<{ status: number; manifest: Manifest }> {
  const out = await runCli(['check', '--format', 'json', '--rule', 'stale=off', ...args], root);
  return { status: out.status, manifest: JSON.parse(out.stdout) as Manifest };
}

const unresolved = (m: Manifest) => m.findings.filter((f) => f.rule === 'unresolved');

describe('unresolved: build output not made yet', () => {
  it('check: an import into a git-ignored folder or of a git-ignored file warns and names the ignore rule; a typo stays an error', async () => {
    const { status, manifest } = await check(project());
    const found = unresolved(manifest);
    const generated = found.find((f) => f.message.includes('./generated/client.js'))!;
    const config = found.find((f) => f.message.includes("'./config'") || f.message.includes('imports ./config'))!;
    const typo = found.find((f) => f.message.includes('./helpres.js'))!;
    expect(generated.level).toBe('warn');
    expect(generated.message).toContain('src/generated/client.js is build output (.gitignore:2 src/generated/)');
    expect(generated.message).toContain('Run shipset after that step');
    expect(config.level).toBe('warn');
    expect(config.message).toContain('src/config.ts is build output (.gitignore:3 src/config.ts)');
    // `*.js` ignores every compiled file: a missing ./helpres.js is a missing source, not pending output.
    expect(typo.level).toBe('error');
    expect(typo.message).not.toContain('build output');
    expect(status).toBe(1);
  });

  it('a typo under an ignored folder the build has already filled stays an error (client.ts is there, ./generated/clinet is not build output)', async () => {
    const root = project({ 'src/helpres.ts': 'export const typo = 1;\n' });
    fs.mkdirSync(path.join(root, 'src/generated'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src/generated/client.ts'), 'export const client = 1;\n');
    fs.writeFileSync(path.join(root, 'src/config.ts'), 'export const SECRET = 1;\n');
    fs.writeFileSync(path.join(root, 'src/main.ts'), "import { client } from './generated/clinet.js';\nconsole.log(client);\n");
    const { status, manifest } = await check(root);
    const typo = unresolved(manifest).find((f) => f.message.includes('./generated/clinet.js'))!;
    expect(typo.message).not.toContain('not a typo');
    expect(typo.level).toBe('error');
    expect(status).toBe(1);
  });

  it('a missing file that a negation keeps tracked (!src/generated/keep.js) is a missing source: an error, even when keep.ts would be ignored', async () => {
    const root = gitProject([
      {
        date: DATE,
        files: {
          'package.json': JSON.stringify({ name: 'svc', main: 'src/main.js' }),
          '.gitignore': 'src/generated/*\n!src/generated/keep.js\n',
          'src/main.js': "require('./generated/keep.js');\n",
        },
      },
    ]);
    const { status, manifest } = await check(root);
    const keep = unresolved(manifest).find((f) => f.message.includes('./generated/keep.js'))!;
    expect(keep.message).not.toContain('build output');
    expect(keep.level).toBe('error');
    expect(status).toBe(1);
  });

  it('check passes (exit 0) when build output is the only thing missing', async () => {
    const root = project({ 'src/helpres.ts': 'export const typo = 1;\n' });
    const { status, manifest } = await check(root);
    expect(unresolved(manifest).map((f) => f.level)).toEqual(['warn', 'warn']);
    expect(status).toBe(0);
  });

  it('pack refuses it as an error and writes no tarball: the file cannot ship', async () => {
    const root = project({ 'src/helpres.ts': 'export const typo = 1;\n' });
    const out = path.join(tempDir(), 'app.tgz');
    const res = await runCli(['pack', '--format', 'json', '--rule', 'stale=off', '--out', out], root);
    const manifest = JSON.parse(res.stdout) as Manifest;
    const found = unresolved(manifest);
    expect(found.map((f) => f.level)).toEqual(['error', 'error']);
    expect(found[0]!.message).toMatch(/is build output \(.+\) and has not been made, so it cannot ship\. Pack after the build step/);
    expect(res.status).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('once the build has made the file, it is followed and shipped like any file', async () => {
    const root = project({ 'src/helpres.ts': 'export const typo = 1;\n' });
    writeFiles(root, { 'src/generated/client.ts': 'export const client = 1;\n', 'src/config.ts': 'export const SECRET = 2;\n' });
    const { status, manifest } = await check(root);
    expect(unresolved(manifest)).toEqual([]);
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['src/generated/client.ts', 'src/config.ts']));
    expect(status).toBe(0);
  });

  it('the generated option declares build output without git, by glob', async () => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': JSON.stringify({ name: 'svc', type: 'module', main: 'src/main.ts' }),
      'src/main.ts': "import { api } from './openapi/client.js';\nconsole.log(api);\n",
    });
    const before = unresolved((await check(root)).manifest);
    expect(before.map((f) => f.level)).toEqual(['error']);
    const { status, manifest } = await check(root, ['--config', writeConfig(root, { generated: ['src/openapi/**'] })]);
    const after = unresolved(manifest);
    expect(after.map((f) => f.level)).toEqual(['warn']);
    expect(after[0]!.message).toContain('src/openapi/client.js is build output (the generated option (src/openapi/**))');
    expect(status).toBe(0);
  });
});

describe('buildOutputOf', () => {
  it('an allow-list .gitignore (* then ! lines) at the top names no file: a typo stays an error; * in a nested .gitignore does count', () => {
    const root = gitProject([
      { date: DATE, files: { '.gitignore': '*\n!*.ts\n!*/\n!.gitignore\n', 'src/generated/.gitignore': '*\n!.gitignore\n', 'src/x.ts': '' } },
    ]);
    const map = buildOutputOf(root, ['src/helpres.js', 'src/generated/client.js']);
    expect(Object.fromEntries(map)).toEqual({ 'src/generated/client.js': 'src/generated/.gitignore:1 *' });
  });

  it("answers with git's own rule per path, leading folders and exclude files included; a negated pattern is not ignored", () => {
    const root = gitProject([{ date: DATE, files: { '.gitignore': 'gen/\n*.local.ts\n!keep.local.ts\n', 'x.ts': '' } }]);
    fs.writeFileSync(path.join(root, '.git/info/exclude'), 'private/\n');
    const map = buildOutputOf(root, ['gen/a/b.ts', 'cfg.local.ts', 'keep.local.ts', 'private/k.ts', 'src/x.ts', '-rf', ':(glob)*']);
    expect(Object.fromEntries(map)).toEqual({
      'gen/a/b.ts': '.gitignore:1 gen/',
      'cfg.local.ts': '.gitignore:2 *.local.ts',
      'private/k.ts': '.git/info/exclude:1 private/',
    });
  });

  it('without a repository only the option counts; no paths asks nothing', () => {
    const root = tempDir();
    writeFiles(root, { '.gitignore': 'gen/\n' });
    expect(buildOutputOf(root, ['gen/a.ts'])).toEqual(new Map());
    expect(buildOutputOf(root, ['gen/a.ts'], ['gen/**'])).toEqual(new Map([['gen/a.ts', 'the generated option (gen/**)']]));
    expect(buildOutputOf(root, [])).toEqual(new Map());
  });
});

function writeConfig(root: string, config: object): string {
  const file = path.join(root, 'shipset.config.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}
