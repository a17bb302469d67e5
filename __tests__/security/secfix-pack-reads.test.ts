// Inputs a pull request controls besides the manifests: the baseline, the config file,
// pnpm-workspace.yaml and a tsconfig's `extends`. None is read outside the root (by real path),
// none that is a secret is read at all, and no error quotes a file's bytes (Node 20's JSON.parse
// message carries the start of the text). Runs the CLI in-process (main(argv, io), helpers/cli.ts).
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { describeJsonError } from '../../src/core/json-error.js';
import { runCli, type RunOutput } from '../helpers/cli.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const SECRET = 'sk-live-0ut5ide-s3cret';

function expectOneLine(r: RunOutput): void {
  expect(r.status).toBe(2);
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stdout + r.stderr).not.toContain(SECRET);
  expect(r.stdout + r.stderr).not.toContain('root:x:0:0');
}

/** A project whose only finding is a deprecated file on the import path (fails the check). */
function failingProject(extra: Record<string, string> = {}): string {
  const root = tempDir();
  writeFiles(root, { 'package.json': '{"name":"app","type":"module"}', 'index.js': "import './old/a.js';\n", 'old/a.js': 'export {};\n', ...extra });
  return root;
}

describe('the baseline is read only as a regular file inside the root, never quoted', () => {
  it('.shipset-baseline.json -> /etc/passwd: exit 2, one line, no content', async () => {
    const root = failingProject();
    fs.symlinkSync('/etc/passwd', path.join(root, '.shipset-baseline.json'));
    const r = await runCli(['check', 'index.js', '--deprecated', 'old/**'], root);
    expectOneLine(r);
    expect(r.stderr).toContain('.shipset-baseline.json is a link to /etc/passwd, outside the root');
  });

  it('a valid baseline outside the root, linked in, does not suppress findings', async () => {
    const root = failingProject();
    const outside = path.join(tempDir('shipset-outside-'), 'base.json');
    // The findings the baseline would silence, written where the pull request cannot commit.
    fs.writeFileSync(outside, JSON.stringify({ schema: 1, tool: 'shipset', findings: [{ rule: 'deprecated', file: 'old/a.js', count: 1 }] }));
    const plain = await runCli(['check', 'index.js', '--deprecated', 'old/**', '--json'], root);
    expect(plain.status).toBe(1);
    fs.symlinkSync(outside, path.join(root, '.shipset-baseline.json'));
    const r = await runCli(['check', 'index.js', '--deprecated', 'old/**'], root);
    expectOneLine(r);
    expect(r.stderr).toContain(`.shipset-baseline.json is a link to ${outside}, outside the root`);
  });

  it('config "baseline" naming a link to an outside .env, and a baseline that is itself a link to .env inside: refused unread', async () => {
    const outsideEnv = path.join(tempDir('shipset-outside-'), '.env');
    fs.writeFileSync(outsideEnv, `API_KEY=${SECRET}\n`);
    const root = failingProject({ '.env': `API_KEY=${SECRET}\n`, 'shipset.config.json': '{"baseline":"known.json"}' });
    fs.symlinkSync(outsideEnv, path.join(root, 'known.json'));
    expectOneLine(await runCli(['check', 'index.js'], root));
    fs.rmSync(path.join(root, 'known.json'));
    fs.symlinkSync('.env', path.join(root, 'known.json'));
    const inside = await runCli(['check', 'index.js'], root);
    expectOneLine(inside);
    expect(inside.stderr).toContain('known.json is a symbolic link to .env, which looks like a secret');
  });

  it('a broken baseline inside the root: the error gives line and column, not its text', async () => {
    const root = failingProject({ '.shipset-baseline.json': `TOKEN=${SECRET}\n` });
    const r = await runCli(['check', 'index.js'], root);
    expectOneLine(r);
    expect(r.stderr).toContain('.shipset-baseline.json: invalid JSON (line 1 column 1: unexpected character)');
  });

  it('a baseline written by shipset baseline still works', async () => {
    const root = failingProject();
    const written = await runCli(['baseline', 'index.js', '--deprecated', 'old/**'], root);
    expect(written.status).toBe(0);
    const r = await runCli(['check', 'index.js', '--deprecated', 'old/**', '--json'], root);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).findings[0].suppressed).toEqual({ by: 'baseline', reason: 'known in .shipset-baseline.json' });
  });
});

describe('the config file: never a secret, never quoted', () => {
  it('shipset.config.json -> .env inside the root: refused without reading', async () => {
    const root = failingProject({ '.env': `API_KEY=${SECRET}\n` });
    fs.symlinkSync('.env', path.join(root, 'shipset.config.json'));
    const r = await runCli(['check', 'index.js'], root);
    expectOneLine(r);
    expect(r.stderr).toContain('shipset.config.json is a symbolic link to .env, which looks like a secret');
  });

  it('--config .env (named outright) and --config pointing at a link to /etc/passwd: refused', async () => {
    const root = failingProject({ '.env.json': `{"x": "${SECRET}"` });
    expectOneLine(await runCli(['check', 'index.js', '--config', '.env.json'], root));
    fs.symlinkSync('/etc/passwd', path.join(root, 'conf.json'));
    const linked = await runCli(['check', 'index.js', '--config', 'conf.json'], root);
    expectOneLine(linked);
    expect(linked.stderr).toContain('outside the root');
  });

  it('a config that is not JSON: line and column, none of its bytes', async () => {
    const root = failingProject({ 'shipset.config.json': `{\n  "include": ["a"],\n  API_KEY=${SECRET}\n}\n` });
    const r = await runCli(['check', 'index.js'], root);
    expectOneLine(r);
    expect(r.stderr).toContain('shipset.config.json:3:3: invalid JSON (expected a double-quoted property name)');
  });

  it('describeJsonError never returns the text, whatever V8 says', () => {
    for (const text of [`root:x:0:0:${SECRET}`, `{"a": ${SECRET}}`, `[1, 2,, "${SECRET}"]`, `{"a":1} ${SECRET}`, `"${SECRET}`]) {
      let error: unknown;
      try {
        JSON.parse(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeDefined();
      const said = describeJsonError(text, error);
      expect(said).toMatch(/^line \d+ column \d+: [a-zA-Z ()-]+$/);
      expect(said).not.toContain(SECRET.slice(0, 4));
    }
    expect(describeJsonError('{"a": x}', new SyntaxError('Unexpected token'))).toBe('line 1 column 7: unexpected character');
  });
});

describe('package.json that is not JSON (a link to .env inside the root)', () => {
  it('exit 2, one line with line and column, no bytes of the .env', async () => {
    const root = tempDir();
    writeFiles(root, { '.env': `API_KEY=${SECRET}\n`, 'index.js': 'console.log(1);\n' });
    fs.symlinkSync('.env', path.join(root, 'package.json'));
    const r = await runCli(['check'], root);
    expectOneLine(r);
    expect(r.stderr).toContain('invalid JSON (line 1 column 1: unexpected character)');
  });
});

describe('pnpm-workspace.yaml linked out of the root does not change workspace membership', () => {
  it('a regular one makes packages/lib a member; a link to an outside copy does not', async () => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': '{"name":"app","type":"module"}',
      'index.js': "import 'lib';\n",
      'packages/lib/package.json': '{"name":"lib","main":"index.js"}',
      'packages/lib/index.js': 'export {};\n',
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    });
    const member = await runCli(['check', 'index.js', '--json'], root);
    const memberTargets = JSON.parse(member.stdout).files.map((f: { path: string }) => f.path);
    expect(memberTargets).toContain('packages/lib/index.js');
    const outside = path.join(tempDir('shipset-outside-'), 'pnpm-workspace.yaml');
    fs.writeFileSync(outside, 'packages:\n  - packages/*\n');
    fs.rmSync(path.join(root, 'pnpm-workspace.yaml'));
    fs.symlinkSync(outside, path.join(root, 'pnpm-workspace.yaml'));
    const linked = await runCli(['check', 'index.js', '--json'], root);
    expect(linked.stderr).not.toContain('internal error');
    // The workspace file is also packed by default: a link out of the root stops the run with one
    // line (exit 2) before anything is read through it; it never makes packages/lib a member.
    expect(linked.status).toBe(2);
    expect(linked.stdout).toBe('');
    expect(linked.stderr.trim().split('\n')).toEqual([expect.stringMatching(/pnpm-workspace\.yaml.*outside the root/)]);
  });
});

describe('a tsconfig "extends" outside the root is not read: a notice, its settings not applied', () => {
  it('an absolute extends with paths: the alias does not resolve, and a notice names the file', async () => {
    const root = tempDir();
    writeFiles(root, { 'package.json': '{"name":"app"}', 'index.ts': "import { a } from '@app/a';\nconsole.log(a);\n", 'src/a.ts': 'export const a = 1;\n' });
    const outside = path.join(tempDir('shipset-outside-'), 'base.json');
    fs.writeFileSync(outside, JSON.stringify({ compilerOptions: { baseUrl: root, paths: { '@app/*': ['src/*'] } } }));
    // Control: the same settings inside the root resolve the alias.
    fs.writeFileSync(path.join(root, 'base.json'), fs.readFileSync(outside));
    fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ extends: './base.json' }));
    const inside = await runCli(['check', 'index.ts', '--json'], root);
    expect(JSON.parse(inside.stdout).files.map((f: { path: string }) => f.path)).toContain('src/a.ts');
    fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ extends: outside }));
    const r = await runCli(['check', 'index.ts', '--json'], root);
    expect(r.stderr).not.toContain('internal error');
    const m = JSON.parse(r.stdout);
    expect(m.files.map((f: { path: string }) => f.path)).not.toContain('src/a.ts');
    expect(m.notices).toContainEqual(expect.stringContaining(`tsconfig.json: "extends" reaches ${outside}, outside the root`));
  });
});
