// Valid-but-hostile input: NUL bytes in paths (an import specifier, package.json "main", config
// globs and output paths) and JSON nested thousands deep (package.json "exports", tsconfig.json,
// shipset.config.json). Each must be a finding or one clear line with exit code 2, never
// "internal error"; and a refused pack deletes no file at a path the config chose.
// The CLI runs in-process (helpers/cli.ts); the deep-JSON cases run dist/cli.js, so a fresh
// process's stack (not jest's deeper one) is what the nesting meets.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { removeStaleTarball } from '../../src/core/pack/index.js';
import { runCli } from '../helpers/cli.js';
import { runCli as runDistCli } from '../helpers/dist.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const PKG = '{"name":"x","main":"a.js"}\n';

function nested(depth: number, leaf: string, key = 'k'): string {
  let s = leaf;
  for (let i = 0; i < depth; i++) s = `{${JSON.stringify(key)}:${s}}`;
  return s;
}

/** One line on stderr, exit 2, no internal error; returns the line. */
function oneLine(r: { status: number; stderr: string }): string {
  expect(r.status).toBe(2);
  expect(r.stderr).not.toContain('internal error');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe('NUL bytes in paths', () => {
  it('require("./b\\u0000.js") in valid JS is an unresolved finding that says why', async () => {
    const root = tempDir();
    writeFiles(root, { 'a.js': 'require("./b\\u0000.js");\n', 'b.js': '1;\n', 'package.json': PKG });
    const r = await runCli(['check', '--json'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('internal error');
    const unresolved = JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'unresolved');
    expect(unresolved).toHaveLength(1);
    expect(unresolved[0].message).toContain('holds a NUL byte');
  });

  it('package.json "main" with a NUL byte: one line naming package.json', async () => {
    const root = tempDir();
    writeFiles(root, { 'a.js': '1;\n', 'package.json': '{"name":"x","main":"a.js\\u0000x"}' });
    expect(oneLine(await runCli(['check'], root))).toMatch(/^shipset: package.json: entry .* holds a NUL byte/);
  });

  it('config include with a NUL byte: one line naming the key', async () => {
    const root = tempDir();
    writeFiles(root, { 'a.js': '1;\n', 'package.json': PKG, 'shipset.config.json': '{"include":["a\\u0000"]}' });
    expect(oneLine(await runCli(['check'], root))).toMatch(/^shipset: shipset.config.json: include: .* holds a NUL byte/);
  });

  it('config manifest (and --out) with a NUL byte or a newline: one line, nothing written', async () => {
    const root = tempDir();
    writeFiles(root, { 'a.js': '1;\n', 'package.json': PKG, 'shipset.config.json': '{"manifest":"m\\u0000.json"}' });
    expect(oneLine(await runCli(['check'], root))).toMatch(/^shipset: shipset.config.json: manifest: .* holds a control character/);
    fs.rmSync(path.join(root, 'shipset.config.json'));
    expect(oneLine(await runCli(['pack', '--out', 'out\n### passed.tgz'], root))).toMatch(/^shipset: --out: .* holds a control character/);
    expect(oneLine(await runCli(['baseline', '--out', 'known\n::warning::x.json'], root))).toMatch(/^shipset: --out: .* holds a control character/);
    expect(fs.readdirSync(root).sort()).toEqual(['a.js', 'package.json']);
  });

  it.each([
    ['python-path', '{"python-path":["a\\u0000"]}', /^shipset: shipset.config.json: python-path: .* holds a NUL byte/],
    ['prefix', '{"prefix":"a\\u0000"}', /^shipset: shipset.config.json: prefix: .* holds a control character/],
    ['prefix with a newline', '{"prefix":"a\\nb"}', /^shipset: shipset.config.json: prefix: .* holds a control character/],
    ['tsconfig', '{"tsconfig":"a\\u0000"}', /^shipset: shipset.config.json: tsconfig: /],
    ['baseline', '{"baseline":"b\\u0000"}', /^shipset: shipset.config.json: baseline: /],
  ])('config %s with a NUL byte or control character: one line naming the key, no tarball', async (_name, config, expected) => {
    const root = tempDir();
    writeFiles(root, { 'a.js': '1;\n', 'package.json': PKG, 'shipset.config.json': config });
    expect(oneLine(await runCli(['pack'], root))).toMatch(expected);
    expect(fs.existsSync(path.join(root, 'shipset.tar.gz'))).toBe(false);
  });
});

describe('JSON nested thousands deep', () => {
  it('package.json "exports" nested 4000 deep with a self-import: an unresolved finding', () => {
    const root = tempDir();
    writeFiles(root, { 'a.js': 'require("x");\n', 'package.json': `{"name":"x","main":"a.js","exports":${nested(4000, '"./a.js"', 'node')}}` });
    const r = runDistCli(['check', '--json'], root);
    expect(r.stderr).not.toContain('internal error');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule)).toContain('unresolved');
  });

  it('tsconfig.json with a 5000-deep unknown key: one line naming tsconfig.json', () => {
    const root = tempDir();
    writeFiles(root, { 'a.ts': 'export {};\n', 'package.json': '{"name":"x"}', 'tsconfig.json': `{"zz":${nested(5000, '1')}}` });
    expect(oneLine(runDistCli(['check', 'a.ts'], root))).toMatch(/^shipset: tsconfig.json: nested deeper/);
  });

  it('shipset.config.json with a 5000-deep key: one line naming the key', () => {
    const root = tempDir();
    writeFiles(root, { 'a.js': '1;\n', 'package.json': PKG, 'shipset.config.json': `{"zz":${nested(5000, '1')}}` });
    expect(oneLine(runDistCli(['check'], root))).toMatch(/^shipset: shipset.config.json: unknown key 'zz'/);
    // Deep under a known key: the value is shown cut short.
    writeFiles(root, { 'shipset.config.json': `{"rules":{"stale":${nested(5000, '1')}}}` });
    expect(oneLine(runDistCli(['check'], root))).toMatch(/^shipset: shipset.config.json: rules.stale: must be a string/);
  });
});

describe('a refused pack removes an earlier tarball only at a path the user chose', () => {
  it('a tarball path from the config file: the file there is left alone, with a notice', () => {
    const root = tempDir();
    writeFiles(root, { 'cache/deps.tar.gz': 'workflow-made' });
    const tarball = path.join(root, 'cache/deps.tar.gz');
    const options = {
      root,
      cwd: root,
      entries: [],
      rules: {},
      deprecated: [],
      exclude: [],
      staleIgnore: [],
      pythonPath: [],
      pack: true,
      tarball,
      tarballFromConfig: true,
      ignore: [],
    };
    expect(removeStaleTarball(options)).toContain('Left the earlier cache/deps.tar.gz in place');
    expect(fs.readFileSync(tarball, 'utf8')).toBe('workflow-made');
  });

  it('through the CLI: config tarball + an error finding keeps the file; --out removes it', async () => {
    const root = tempDir();
    writeFiles(root, {
      'a.js': 'require("./missing.js");\n',
      'package.json': PKG,
      'shipset.config.json': '{"tarball":"cache/deps.tar.gz"}',
      'cache/deps.tar.gz': 'workflow-made',
    });
    const r = await runCli(['pack', '--json'], root);
    expect(r.status).toBe(1);
    expect(fs.readFileSync(path.join(root, 'cache/deps.tar.gz'), 'utf8')).toBe('workflow-made');
    expect(JSON.parse(r.stdout).notices.join('\n')).toContain('Left the earlier');
    const flag = await runCli(['pack', '--out', 'cache/deps.tar.gz', '--json'], root);
    expect(flag.status).toBe(1);
    expect(fs.existsSync(path.join(root, 'cache/deps.tar.gz'))).toBe(false);
  });
});
