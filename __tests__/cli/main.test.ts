// The CLI in-process: commands, flags, formats and exit codes (no dist/, no child process).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Manifest } from '../../src/core/types.js';
import { cleanupFixtures, gitProject, tempDir, writeFiles } from '../helpers/fixture.js';
import { runMain } from './io.js';

afterAll(cleanupFixtures);

/** An app with one undeclared package (an error) and a computed import (a warning). */
function app(files: Record<string, string> = {}): string {
  const root = tempDir();
  writeFiles(root, {
    'package.json': JSON.stringify({ name: 'app', type: 'module', main: 'src/index.js', dependencies: {} }),
    'src/index.js': "import './lib.js';\nimport _ from 'lodash';\nconst name = process.argv[2];\nawait import(name);\nconsole.log(_);\n",
    'src/lib.js': 'export const x = 1;\n',
    ...files,
  });
  return root;
}

describe('commands', () => {
  it('version and help', async () => {
    const root = tempDir();
    for (const argv of [['version'], ['--version'], ['-v']]) {
      const r = await runMain(argv, root);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
    }
    const help = await runMain(['help'], root);
    expect(help.status).toBe(0);
    for (const word of ['check', 'pack', 'why', 'baseline', 'rules', '--format', '--config', '--baseline', '--runtime', '--quiet'])
      expect(help.stdout).toContain(word);
    const none = await runMain([], root);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('Usage:');
  });

  it('<command> --help and help <command> show the command and its flags', async () => {
    const root = tempDir();
    const check = await runMain(['check', '--help'], root);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^Usage: shipset check/);
    expect(check.stdout).toContain('--stale-ignore WORD');
    expect(check.stdout).not.toContain('--prefix');
    expect((await runMain(['help', 'pack'], root)).stdout).toContain('--prefix DIR');
    expect((await runMain(['help', 'baseline'], root)).stdout).toContain('.shipset-baseline.json');
    const bad = await runMain(['help', 'frob'], root);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("shipset: unknown command 'frob'. Commands: check, pack, why, baseline, rules, help, version.\n");
  });

  it('rules lists every rule from the registry, as text or JSON', async () => {
    const root = tempDir();
    const text = await runMain(['rules'], root);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/outside-root\s+error \(cannot be lowered\)/);
    expect(text.stdout).toMatch(/circular\s+off/);
    expect(text.stdout).toContain('setting: --stale-ignore (config "stale-ignore", input stale-ignore)');
    const json = JSON.parse((await runMain(['rules', '--format', 'json'], root)).stdout) as Array<{ name: string; defaultLevel: string }>;
    expect(json.map((r) => r.name)).toEqual([
      'deprecated',
      'stale',
      'unresolved',
      'unparseable',
      'undeclared',
      'shadowed',
      'dynamic',
      'outside-root',
      'circular',
      'runtime',
    ]);
    expect(json.find((r) => r.name === 'dynamic')?.defaultLevel).toBe('warn');
  });

  it('an unknown command or flag is exit 2 with the way out', async () => {
    const root = app();
    const cmd = await runMain(['chek'], root);
    expect(cmd).toMatchObject({ status: 2, stdout: '' });
    expect(cmd.stderr).toMatch(/^shipset: unknown command 'chek'/);
    const flag = await runMain(['check', '--frob'], root);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option '--frob'\. See shipset --help\./);
  });
});

describe('formats', () => {
  it('text by default, json with --format json or --json, markdown', async () => {
    const root = app();
    const text = await runMain(['check'], root);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/^✖ shipset: FAIL/);
    const json = await runMain(['check', '--format', 'JSON'], root);
    const alias = await runMain(['check', '--json'], root);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(alias.stdout));
    expect((JSON.parse(json.stdout) as Manifest).findings.map((f) => f.rule).sort()).toEqual(['dynamic', 'undeclared']);
    const md = await runMain(['check', '--format', 'markdown'], root);
    expect(md.status).toBe(1);
    expect(md.stdout).toContain('| ');
    expect(md.stdout).toContain('lodash');
  });

  it('refuses an unknown format and a --json that disagrees with --format', async () => {
    const root = app();
    expect(await runMain(['check', '--format', 'xml'], root)).toEqual({
      status: 2,
      stdout: '',
      stderr: "shipset: --format: 'xml' is not an output format: use text, json, markdown, sarif.\n",
    });
    expect((await runMain(['check', '--json', '--format', 'text'], root)).stderr).toBe(
      'shipset: --json and --format text disagree. Use one of them (--json is --format json).\n',
    );
  });

  it('--quiet prints the verdict and the error findings only', async () => {
    const root = app();
    const r = await runMain(['check', '--quiet'], root);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/1 error, 1 warning/);
    expect(r.stdout).toContain('undeclared (1 error)');
    expect(r.stdout).not.toContain('dynamic (');
    expect(r.stdout).not.toContain('dormant (');
    expect(r.stdout).not.toContain('notices');
  });

  it('takes the format and manifest from the config; a flag overrides it', async () => {
    const root = app({ 'shipset.config.json': JSON.stringify({ format: 'json', manifest: 'out/m.json', rules: { undeclared: 'warn' } }) });
    const r = await runMain(['check'], root);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(fs.readFileSync(path.join(root, 'out/m.json'), 'utf8')));
    const flag = await runMain(['check', '--format', 'text', '--rule', 'Undeclared=ERROR'], root);
    expect(flag.status).toBe(1);
    expect(flag.stdout).toMatch(/^✖ shipset: FAIL/);
  });
});

describe('options through the CLI', () => {
  it('same checks as the action and the config: --prefix ., --python-path outside the root', async () => {
    const root = app();
    expect((await runMain(['pack', '--prefix', '.'], root)).stderr).toBe(
      "shipset: --prefix: '.' is not a folder inside the archive. Leave the prefix unset for files at the top of the archive, or name a folder such as 'app'.\n",
    );
    const py = await runMain(['check', '--python-path', '../elsewhere'], root);
    expect(py.status).toBe(2);
    expect(py.stderr).toMatch(/^shipset: --python-path: '\.\.\/elsewhere' is outside the root/);
    expect((await runMain(['check', '--rule', 'outside-root=warn'], root)).stderr).toMatch(/^shipset: --rule: 'outside-root' cannot be lowered/);
    expect((await runMain(['check', '--runtime', 'deno'], root)).stderr).toMatch(/^shipset: --runtime: 'deno' is not a runtime/);
  });

  it('--config names a JSON file; a bad one is exit 2 naming the file and the key', async () => {
    const root = app({
      'ci/shipset.json': JSON.stringify({ rules: { stale: 'warning' } }),
      'ci/ok.json': JSON.stringify({ rules: { undeclared: 'off', dynamic: 'off' } }),
    });
    const bad = await runMain(['check', '--config', 'ci/shipset.json'], root);
    expect(bad).toEqual({
      status: 2,
      stdout: '',
      stderr: "shipset: ci/shipset.json: rules.stale: unknown level 'warning' for rule 'stale': use error, warn or off.\n",
    });
    const ok = await runMain(['check', '--config', 'ci/ok.json'], root);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^✔ shipset: PASS —/);
  });

  it('reports a JS config it did not run', async () => {
    const root = app({ 'shipset.config.mjs': "import fs from 'node:fs'; fs.writeFileSync('pwned', '1');\nexport default {};\n" });
    const r = await runMain(['check', '--json'], root);
    expect((JSON.parse(r.stdout) as Manifest).notices).toContain(
      'shipset.config.mjs is not read: shipset never runs project code, so its config is JSON only. Move the settings to shipset.config.json.',
    );
    expect(fs.existsSync(path.join(root, 'pwned'))).toBe(false);
  });
});

describe('suppressions through the CLI', () => {
  it('an expired ignore entry stops applying with a notice; a live one suppresses', async () => {
    const entry = { rule: 'undeclared', file: 'src/*.js', reason: 'provided by the base image' };
    const live = app({ 'shipset.config.json': JSON.stringify({ ignore: [{ ...entry, until: '2026-01-15' }] }) });
    const ok = await runMain(['check', '--json'], live);
    expect(ok.status).toBe(0);
    const m = JSON.parse(ok.stdout) as Manifest;
    expect(m.findings.find((f) => f.rule === 'undeclared')?.suppressed).toEqual({ by: 'config', reason: 'provided by the base image' });
    expect((await runMain(['check'], live)).stdout).toContain('1 suppressed finding (1 by config)');

    const expired = app({ 'shipset.config.json': JSON.stringify({ ignore: [{ ...entry, until: '2026-01-14' }] }) });
    const fail = await runMain(['check', '--json'], expired);
    expect(fail.status).toBe(1);
    expect((JSON.parse(fail.stdout) as Manifest).notices.join('\n')).toContain('expired on 2026-01-14');
  });

  it('an inline directive above the import silences it', async () => {
    const root = app({
      'src/index.js': "import './lib.js';\n// shipset-ignore undeclared: installed globally in the image\nimport _ from 'lodash';\nconsole.log(_);\n",
    });
    const r = await runMain(['check', '--json'], root);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Manifest).findings).toEqual([
      expect.objectContaining({ rule: 'undeclared', level: 'error', suppressed: { by: 'inline', reason: 'installed globally in the image' } }),
    ]);
  });

  it('baseline: written by `shipset baseline`, used by the next check, --baseline FILE elsewhere', async () => {
    const root = gitProject([
      {
        date: '2025-10-01T09:00:00Z',
        files: {
          'package.json': JSON.stringify({ name: 'a', type: 'module', main: 'src/index.js' }),
          'src/index.js': "import 'left-pad';\nimport 'right-pad';\n",
        },
      },
    ]);
    const write = await runMain(['baseline'], root);
    expect(write.status).toBe(0);
    expect(write.stdout).toContain('wrote 2 findings to .shipset-baseline.json');
    expect(JSON.parse(fs.readFileSync(path.join(root, '.shipset-baseline.json'), 'utf8')).findings).toHaveLength(2);
    expect((await runMain(['check'], root)).status).toBe(0);

    const elsewhere = await runMain(['baseline', '--out', 'ci/known.json'], root);
    expect(elsewhere.stdout).toContain('--baseline ci/known.json');
    fs.rmSync(path.join(root, '.shipset-baseline.json'));
    expect((await runMain(['check'], root)).status).toBe(1);
    expect((await runMain(['check', '--baseline', 'ci/known.json'], root)).status).toBe(0);
    expect((await runMain(['check', '--baseline', 'nope.json'], root)).stderr).toMatch(/^shipset: --baseline: 'nope\.json' does not exist/);
  });
});
