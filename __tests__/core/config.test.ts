import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { FORMATS } from '../../src/report/index.js';
import { CONFIG_KEY, CONFIG_MAX_BYTES, CONFIG_SCHEMA, loadConfig } from '../../src/core/config.js';
import { OPTION_KEYS, resolveOptions } from '../../src/core/options.js';
import { UsageError } from '../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

function project(files: Record<string, string> = {}): string {
  const root = tempDir();
  writeFiles(root, {
    'package.json': JSON.stringify({ name: 'app', main: 'src/index.js' }),
    'src/index.js': "import './lib.js';\n",
    'src/lib.js': 'export {};\n',
    ...files,
  });
  return root;
}

function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError');
}

const ctx = (cwd: string) => ({ cwd, env: {}, now: Date.parse('2026-01-15T12:00:00Z'), pack: false });

/** Load the config at `root` and resolve it into Options (as the front ends do). */
function resolved(root: string) {
  const config = loadConfig(root);
  return resolveOptions(root, [config.layer], { ...ctx(root), notices: config.notices });
}

describe('the JSON Schema', () => {
  it('is the file shipped in schema/, and has a key for every option', () => {
    const text = fs.readFileSync('schema/shipset.config.schema.json', 'utf8');
    // The committed file is generated from CONFIG_SCHEMA, whose enums come from the rule registry and the reporter map.
    expect(
      text === `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n` ? 'in sync' : 'schema/shipset.config.schema.json is stale: run `npm run schema` and commit it',
    ).toBe('in sync');
    const shipped = JSON.parse(text);
    expect(shipped).toEqual(JSON.parse(JSON.stringify(CONFIG_SCHEMA)));
    expect(shipped.properties.format.enum).toEqual([...FORMATS]);
    for (const key of OPTION_KEYS) expect(Object.keys(CONFIG_SCHEMA.properties)).toContain(CONFIG_KEY[key]);
    expect(CONFIG_KEY).toMatchObject({ staleIgnore: 'stale-ignore', pythonPath: 'python-path', nodeModules: 'node-modules', tarball: 'tarball' });
    // It compiles in strict mode (a typo in a keyword would throw here).
    const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(shipped);
    expect(validate({ rules: { stale: 'warn' }, ignore: [{ rule: 'stale', file: 'src/*.ts', reason: 'r', until: '2026-01-01' }], baseline: false })).toBe(true);
    expect(validate({ runtime: 'deno' })).toBe(false);
  });
});

describe('loadConfig', () => {
  it('reads shipset.config.json at the root, every key mapped onto Options', () => {
    const root = project({
      'tsconfig.app.json': '{}',
      'py/x.py': '',
      '.shipset-baseline.json': JSON.stringify({ schema: 1, tool: 'shipset', findings: [] }),
      'shipset.config.json': JSON.stringify({
        $schema: './node_modules/shipset/schema/shipset.config.schema.json',
        entries: ['src/index.js'],
        runtime: 'node-strip-types',
        tsconfig: 'tsconfig.app.json',
        rules: { Stale: 'WARN', circular: 'error' },
        deprecated: ['src/old/**'],
        include: ['README.md'],
        exclude: ['**/*.test.js'],
        'stale-ignore': ['draft'],
        ignore: [{ rule: 'dynamic', file: 'src/plugins/*.js', reason: 'plugins are listed in include' }],
        baseline: '.shipset-baseline.json',
        'node-modules': true,
        'python-path': ['py'],
        generated: ['src/gen/**'],
        prefix: 'app',
        tarball: 'out/app.tgz',
        manifest: 'out/app.json',
        format: 'markdown',
      }),
    });
    const { options, output } = resolved(root);
    expect(options).toMatchObject({
      entries: ['src/index.js'],
      runtime: 'node-strip-types',
      tsconfig: 'tsconfig.app.json',
      rules: { stale: 'warn', circular: 'error' },
      deprecated: ['src/old/**'],
      include: ['README.md'],
      exclude: ['**/*.test.js'],
      staleIgnore: ['draft'],
      ignore: [{ rule: 'dynamic', file: 'src/plugins/*.js', reason: 'plugins are listed in include', source: 'shipset.config.json: ignore[0]' }],
      baseline: path.join(root, '.shipset-baseline.json'),
      nodeModules: true,
      pythonPath: ['py'],
      generated: ['src/gen/**'],
      prefix: 'app',
      tarball: path.join(root, 'out/app.tgz'),
    });
    expect(output).toEqual({ format: 'markdown', manifest: path.join(root, 'out/app.json') });
  });

  it('reads the "shipset" key of package.json, and labels its errors with it', () => {
    const root = project({ 'package.json': JSON.stringify({ name: 'app', main: 'src/index.js', shipset: { rules: { stale: 'warning' } } }) });
    expect(usage(() => resolved(root))).toBe("package.json: shipset.rules.stale: unknown level 'warning' for rule 'stale': use error, warn or off.");
    const ok = project({ 'package.json': JSON.stringify({ name: 'app', main: 'src/index.js', shipset: { exclude: ['x/**'] } }) });
    expect(resolved(ok).options.exclude).toEqual(['x/**']);
  });

  it('has no config when there is none', () => {
    const root = project();
    expect(loadConfig(root)).toEqual({ layer: {}, notices: [] });
  });

  it('never loads a config that is code, and says so', () => {
    const root = project({ 'shipset.config.js': 'process.exit(7)', 'shipset.config.ts': 'export default {}' });
    const config = loadConfig(root);
    expect(config.layer).toEqual({});
    expect(config.notices).toEqual([
      'shipset.config.js is not read: shipset never runs project code, so its config is JSON only. Move the settings to shipset.config.json.',
      'shipset.config.ts is not read: shipset never runs project code, so its config is JSON only. Move the settings to shipset.config.json.',
    ]);
    expect(usage(() => loadConfig(root, { value: 'shipset.config.js', base: root, source: '--config' }))).toMatch(
      /^--config: 'shipset\.config\.js' is code; shipset never runs project code/,
    );
  });

  it('reads the file --config names (relative to its base), inside the root only', () => {
    const root = project({ 'ci/shipset.json': JSON.stringify({ exclude: ['a/**'] }) });
    const config = loadConfig(root, { value: 'ci/shipset.json', base: root, source: '--config' });
    expect(config.file).toBe(path.join(root, 'ci/shipset.json'));
    expect(config.layer.exclude).toEqual({ value: ['a/**'], source: 'ci/shipset.json: exclude', base: root, fromConfig: true });
    expect(usage(() => loadConfig(root, { value: 'missing.json', base: root, source: '--config' }))).toMatch(/^--config: 'missing\.json' does not exist/);
    const outside = path.join(tempDir(), 'c.json');
    fs.writeFileSync(outside, '{}');
    expect(usage(() => loadConfig(root, { value: outside, base: root, source: 'input config' }))).toMatch(/^input config: .* is outside the root/);
    fs.symlinkSync(outside, path.join(root, 'link.json'));
    expect(usage(() => loadConfig(root, { value: 'link.json', base: root, source: '--config' }))).toMatch(/is a link to .*, outside the root/);
    fs.mkdirSync(path.join(root, 'dir.json'));
    expect(usage(() => loadConfig(root, { value: 'dir.json', base: root, source: '--config' }))).toMatch(/is a folder, not a regular file/);
    fs.writeFileSync(path.join(root, 'big.json'), ' '.repeat(CONFIG_MAX_BYTES + 1));
    expect(usage(() => loadConfig(root, { value: 'big.json', base: root, source: '--config' }))).toMatch(/is 1 MB, over the 1 MB limit/);
  });

  it('refuses two configs at once', () => {
    const root = project({ 'shipset.config.json': '{}', 'package.json': JSON.stringify({ name: 'a', main: 'src/index.js', shipset: {} }) });
    expect(usage(() => loadConfig(root))).toMatch(/both configure shipset\. Keep one/);
  });

  it.each([
    [
      'invalid JSON, with the line',
      '{\n  "rules": {\n    "stale": "warn",\n  }\n}',
      /^shipset\.config\.json:4:3: invalid JSON .*no comments, no trailing commas\.$/,
    ],
    [
      'an unknown key, with the kebab-case spelling',
      '{ "staleIgnore": ["x"] }',
      "shipset.config.json: unknown key 'staleIgnore'. Config keys are spelled like the CLI flags: write 'stale-ignore'.",
    ],
    [
      'an unknown key with _',
      '{ "python_path": ["x"] }',
      "shipset.config.json: unknown key 'python_path'. Config keys are spelled like the CLI flags: write 'python-path'.",
    ],
    ['an unknown key', '{ "frob": 1 }', /^shipset\.config\.json: unknown key 'frob'\. Known keys: entries, runtime,/],
    ['a wrong type', '{ "exclude": "dist/**" }', /^shipset\.config\.json: exclude: must be an array, not string "dist\/\*\*"/],
    ['a wrong type in a list', '{ "deprecated": ["a", 3] }', /^shipset\.config\.json: deprecated\[1\]: must be a string, not number 3/],
    [
      'a runtime that does not exist',
      '{ "runtime": "deno" }',
      'shipset.config.json: runtime: "deno" is not a runtime: use node, tsx, ts-node, bun, node-strip-types.',
    ],
    ['a format that does not exist', '{ "format": "xml" }', 'shipset.config.json: format: "xml" is not an output format: use text, json, markdown, sarif.'],
    [
      'a level that does not exist',
      '{ "rules": { "stale": "warning" } }',
      "shipset.config.json: rules.stale: unknown level 'warning' for rule 'stale': use error, warn or off.",
    ],
    ['a rule that does not exist', '{ "rules": { "stail": "warn" } }', /^shipset\.config\.json: rules\.stail: unknown rule 'stail'/],
    ['outside-root lowered', '{ "rules": { "outside-root": "off" } }', /^shipset\.config\.json: rules\.outside-root: 'outside-root' cannot be lowered/],
    ['an ignore entry without a reason', '{ "ignore": [{ "rule": "stale", "file": "x" }] }', /^shipset\.config\.json: ignore\[0\]: missing "reason"/],
    [
      'an ignore entry with a bad date',
      '{ "ignore": [{ "rule": "stale", "file": "x", "reason": "r", "until": "31/12/2026" }] }',
      /^shipset\.config\.json: ignore\[0\]\.until: "31\/12\/2026" is not a date \(YYYY-MM-DD\)/,
    ],
    [
      'an ignore entry with an unknown key',
      '{ "ignore": [{ "rule": "stale", "file": "x", "reason": "r", "why": "?" }] }',
      /^shipset\.config\.json: ignore\[0\]: unknown key 'why'\. Known keys: rule, file, reason, until\./,
    ],
    [
      'a prefix that leaves the archive',
      '{ "prefix": "../up" }',
      "shipset.config.json: prefix: '../up' leaves the archive (absolute or with '..'). Use a plain folder name such as 'app'.",
    ],
    ['a python path outside the root', '{ "python-path": ["../x"] }', /^shipset\.config\.json: python-path: '\.\.\/x' is outside the root/],
    ['baseline: true', '{ "baseline": true }', /^shipset\.config\.json: baseline: true is not a file/],
    ['not an object', '[1, 2]', /^shipset\.config\.json: must be an object, not an array/],
  ])('names the file, the JSON path and the fix: %s', (_name, text, expected) => {
    const root = project({ 'shipset.config.json': text });
    const message = usage(() => resolved(root));
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });
});
