import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  BASELINE_FILE,
  checkFormat,
  checkGlob,
  checkIgnoreEntries,
  checkOutputFile,
  checkPrefix,
  checkPythonPath,
  checkRuntime,
  checkStaleIgnore,
  checkTsconfig,
  parseRuleLevels,
  resolveOptions,
  ruleLevel,
  sourceDateEpoch,
} from '../../src/core/options.js';
import { normalizePrefix } from '../../src/core/pack/paths.js';
import { levelOf, loadRules } from '../../src/core/rules/index.js';
import { RULE_NAMES, RULE_REGISTRY } from '../../src/core/rules/registry.js';
import { UsageError } from '../../src/core/types.js';
import { runCli } from '../helpers/cli.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

/** The UsageError message `fn` throws (the test fails when it throws nothing or something else). */
function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError');
}

function project(): string {
  const root = tempDir();
  writeFiles(root, {
    'package.json': JSON.stringify({ name: 'app', main: 'src/index.js' }),
    'src/index.js': "import './lib.js';\n",
    'src/lib.js': 'export {};\n',
    'tsconfig.json': '{}',
    'py/mod.py': '',
  });
  return root;
}

describe('rule registry', () => {
  it('has one line per rule name, with its default level, lowerability and modules', async () => {
    expect(Object.keys(RULE_REGISTRY).sort()).toEqual([...RULE_NAMES].sort());
    for (const info of Object.values(RULE_REGISTRY)) {
      const modules = await info.load();
      expect(modules.length).toBeGreaterThan(0);
      for (const m of modules) expect(m.name).toBe(info.name);
      expect(info.why.length).toBeGreaterThan(20);
    }
    expect(await loadRules()).toHaveLength(11); // undeclared has a JS and a Python module
    expect(
      Object.values(RULE_REGISTRY)
        .filter((r) => !r.lowerable)
        .map((r) => r.name),
    ).toEqual(['outside-root']);
    expect(RULE_REGISTRY.stale.settings.map((s) => s.option)).toEqual(['staleIgnore']);
  });

  it('decides "cannot be lowered" in one place: the runner keeps the default level', () => {
    expect(levelOf('outside-root', { rules: { 'outside-root': 'off' } })).toBe('error');
    expect(levelOf('stale', { rules: { stale: 'warn' } })).toBe('warn');
    expect(levelOf('circular', { rules: {} })).toBe('off');
  });
});

describe('rule levels', () => {
  it('takes names and levels case-insensitively', () => {
    expect(parseRuleLevels(['Stale=WARN', 'CIRCULAR: Error', '# comment', ''], '--rule')).toEqual({ stale: 'warn', circular: 'error' });
  });

  it('names the source, the bad part and the fix', () => {
    expect(usage(() => parseRuleLevels(['stale=warning'], '--rule'))).toBe("--rule: unknown level 'warning' for rule 'stale': use error, warn or off.");
    expect(usage(() => parseRuleLevels(['stal=warn'], 'input rules'))).toMatch(/^input rules: unknown rule 'stal'\. Known rules: deprecated, stale/);
    expect(usage(() => parseRuleLevels(['stale'], '--rule'))).toMatch(/^--rule: 'stale' is not 'rule=level'/);
    expect(usage(() => ruleLevel({ name: 'outside-root', level: 'warn', source: 'shipset.config.json: rules.outside-root' }))).toMatch(
      /^shipset\.config\.json: rules\.outside-root: 'outside-root' cannot be lowered/,
    );
    // Setting it to its own level is allowed (a no-op, not a lowering).
    expect(ruleLevel({ name: 'outside-root', level: 'ERROR', source: '--rule' })).toEqual(['outside-root', 'error']);
  });
});

describe('one function per option', () => {
  it('prefix: a plain folder; ".", "..", absolute and empty are refused the same way for every source', () => {
    expect(checkPrefix('app/', '--prefix')).toBe('app');
    expect(checkPrefix('a\\b', '--prefix')).toBe('a/b');
    expect(checkPrefix(undefined, '--prefix')).toBeUndefined();
    for (const source of ['--prefix', 'input prefix', 'shipset.config.json: prefix']) {
      expect(usage(() => checkPrefix('.', source))).toBe(
        `${source}: '.' is not a folder inside the archive. Leave the prefix unset for files at the top of the archive, or name a folder such as 'app'.`,
      );
      expect(usage(() => checkPrefix('../up', source))).toBe(
        `${source}: '../up' leaves the archive (absolute or with '..'). Use a plain folder name such as 'app'.`,
      );
      expect(usage(() => checkPrefix('/abs', source))).toContain('leaves the archive');
      expect(usage(() => checkPrefix('a/../../b', source))).toContain('leaves the archive');
    }
    // The pack stage checks it again with the same function.
    expect(usage(() => normalizePrefix('../up'))).toMatch(/^prefix: '\.\.\/up' leaves the archive/);
    expect(normalizePrefix(undefined)).toBe('');
  });

  it('output files: a file name, not a folder', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'out'));
    expect(checkOutputFile('x/app.tgz', dir, '--out', 'shipset.tar.gz')).toBe(path.join(dir, 'x/app.tgz'));
    expect(usage(() => checkOutputFile('out/', dir, '--out', 'shipset.tar.gz'))).toBe(
      "--out: 'out/' is not a file name. Name the file, e.g. out/shipset.tar.gz.",
    );
    expect(usage(() => checkOutputFile('out', dir, 'input tarball', 'shipset.tar.gz'))).toBe(
      "input tarball: 'out' is a folder. Give a file path, e.g. 'out/shipset.tar.gz'.",
    );
    expect(usage(() => checkOutputFile('  ', dir, '--manifest', 'shipset.json'))).toContain('is not a file name');
  });

  it('python-path: folders inside the root (the CLI used not to check it)', () => {
    const root = project();
    expect(checkPythonPath(root, ['py', './'], '--python-path')).toEqual(['py', '.']);
    expect(usage(() => checkPythonPath(root, ['../elsewhere'], '--python-path'))).toMatch(/^--python-path: '\.\.\/elsewhere' is outside the root/);
    expect(usage(() => checkPythonPath(root, ['package.json'], 'input python-path'))).toMatch(/is a file, not a folder/);
  });

  it('tsconfig: exists', () => {
    const root = project();
    expect(checkTsconfig(root, 'tsconfig.json', '--tsconfig')).toBe('tsconfig.json');
    expect(usage(() => checkTsconfig(root, 'nope.json', '--tsconfig'))).toMatch(/^--tsconfig: 'nope\.json' does not exist/);
  });

  it('runtime, format, globs and stale-ignore words', () => {
    expect(checkRuntime('node-strip-types', '--runtime')).toBe('node-strip-types');
    expect(usage(() => checkRuntime('deno', '--runtime'))).toBe("--runtime: 'deno' is not a runtime: use node, tsx, ts-node, bun, node-strip-types.");
    expect(checkFormat('JSON', '--format')).toBe('json');
    expect(usage(() => checkFormat('xml', '--format'))).toBe("--format: 'xml' is not an output format: use text, json, markdown, sarif.");
    expect(checkGlob('src/**/*.{ts,js}', '--exclude')).toBe('src/**/*.{ts,js}');
    expect(usage(() => checkGlob('../x/**', '--exclude'))).toMatch(/^--exclude: '\.\.\/x\/\*\*' points outside the root/);
    expect(usage(() => checkGlob('/etc/*', 'input deprecated'))).toMatch(/^input deprecated: /);
    expect(checkStaleIgnore(['Draft', 'wip2'], '--stale-ignore')).toEqual(['draft', 'wip2']);
    expect(usage(() => checkStaleIgnore(['a-b'], '--stale-ignore'))).toMatch(/is not a name part/);
  });

  it('ignore entries: a rule that can be suppressed, a glob, a reason, a real date', () => {
    const src = 'shipset.config.json: ignore';
    expect(checkIgnoreEntries([{ rule: 'Stale', file: 'src/*.ts', reason: 'not versions', until: '2026-02-28' }], src)).toEqual([
      { rule: 'stale', file: 'src/*.ts', reason: 'not versions', until: '2026-02-28', source: `${src}[0]` },
    ]);
    expect(usage(() => checkIgnoreEntries([{ rule: 'outside-root', file: '*', reason: 'x' }], src))).toMatch(
      /^shipset\.config\.json: ignore\[0\]\.rule: 'outside-root' findings cannot be suppressed/,
    );
    expect(usage(() => checkIgnoreEntries([{ rule: 'nope', file: '*', reason: 'x' }], src))).toMatch(/ignore\[0\]\.rule: unknown rule 'nope'/);
    expect(usage(() => checkIgnoreEntries([{ rule: 'stale', file: '*', reason: ' ' }], src))).toMatch(/ignore\[0\]\.reason: an ignore entry needs a reason/);
    expect(usage(() => checkIgnoreEntries([{ rule: 'stale', file: '*', reason: 'x', until: '2026-02-30' }], src))).toMatch(
      /ignore\[0\]\.until: '2026-02-30' is not a date/,
    );
    expect(usage(() => checkIgnoreEntries([{ rule: 'stale', file: '../*', reason: 'x' }], src))).toMatch(/ignore\[0\]\.file: '\.\.\/\*' points outside/);
  });

  it('SOURCE_DATE_EPOCH comes from the env it is given', () => {
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: ' 1700000000 ' })).toBe(1700000000);
    expect(sourceDateEpoch({})).toBeUndefined();
    expect(usage(() => sourceDateEpoch({ SOURCE_DATE_EPOCH: 'yesterday' }))).toMatch(/is not a whole number/);
    expect(usage(() => sourceDateEpoch({ SOURCE_DATE_EPOCH: '99999999999999' }))).toMatch(/after the year 2242/);
  });
});

describe('resolveOptions', () => {
  const ctx = (cwd: string) => ({ cwd, env: { SOURCE_DATE_EPOCH: '1600000000' }, now: 1234, pack: true });

  it('flags override the config; rule levels merge per rule; cwd, env and clock are inputs', () => {
    const root = project();
    const cwd = tempDir();
    const config = {
      rules: [
        { name: 'stale', level: 'warn', source: 'shipset.config.json: rules.stale' },
        { name: 'circular', level: 'error', source: 'shipset.config.json: rules.circular' },
      ],
      exclude: { value: ['**/*.test.js'], source: 'shipset.config.json: exclude', base: root },
      prefix: { value: 'from-config', source: 'shipset.config.json: prefix', base: root },
      tarball: { value: 'dist/app.tgz', source: 'shipset.config.json: tarball', base: root },
      runtime: { value: 'tsx', source: 'shipset.config.json: runtime', base: root },
    };
    const flags = {
      rules: [{ name: 'Stale', level: 'OFF', source: '--rule' }],
      prefix: { value: 'from-flag', source: '--prefix', base: cwd },
    };
    const { options } = resolveOptions(root, [config, flags], ctx(cwd));
    expect(options).toMatchObject({
      root,
      cwd,
      entries: ['src/index.js'],
      rules: { stale: 'off', circular: 'error' },
      exclude: ['**/*.test.js'],
      prefix: 'from-flag',
      tarball: path.join(root, 'dist/app.tgz'),
      runtime: 'tsx',
      now: 1234,
      sourceDateEpoch: 1600000000,
      pack: true,
    });
    // With no tarball anywhere, the default is in the cwd (never the process's).
    expect(resolveOptions(root, [], ctx(cwd)).options.tarball).toBe(path.join(cwd, 'shipset.tar.gz'));
    // A check does not read SOURCE_DATE_EPOCH (only a pack stamps times), so a bad one cannot fail it.
    expect(resolveOptions(root, [], { ...ctx(cwd), pack: false, env: { SOURCE_DATE_EPOCH: 'soon' } }).options.sourceDateEpoch).toBeUndefined();
    expect(usage(() => resolveOptions(root, [], { ...ctx(cwd), env: { SOURCE_DATE_EPOCH: 'soon' } }))).toMatch(/^SOURCE_DATE_EPOCH='soon'/);
  });

  it('uses .shipset-baseline.json at the root when it exists, unless baseline is false', () => {
    const root = project();
    expect(resolveOptions(root, [], ctx(root)).options.baseline).toBeUndefined();
    fs.writeFileSync(path.join(root, BASELINE_FILE), '{"schema":1,"tool":"shipset","findings":[]}');
    expect(resolveOptions(root, [], ctx(root)).options.baseline).toBe(path.join(root, BASELINE_FILE));
    expect(
      resolveOptions(root, [{ baseline: { value: false, source: 'shipset.config.json: baseline', base: root } }], ctx(root)).options.baseline,
    ).toBeUndefined();
    expect(usage(() => resolveOptions(root, [{ baseline: { value: 'nope.json', source: '--baseline', base: root } }], ctx(root)))).toMatch(
      /^--baseline: 'nope\.json' does not exist/,
    );
    const outside = path.join(tempDir(), 'b.json');
    fs.writeFileSync(outside, '{}');
    expect(usage(() => resolveOptions(root, [{ baseline: { value: outside, source: '--baseline', base: root } }], ctx(root)))).toMatch(
      /^--baseline: .* is outside the root/,
    );
  });

  it('refuses a manifest and a tarball at the same path', () => {
    const root = project();
    const same = { value: 'out.tgz', source: '--manifest', base: root };
    expect(usage(() => resolveOptions(root, [{ manifest: same, tarball: { ...same, source: '--out' } }], ctx(root)))).toMatch(
      /^--manifest: the manifest and the tarball are the same file/,
    );
  });
});

describe('entries through a link to the root', () => {
  it('an absolute entry spelled through a symlink to the root is inside it (macOS /tmp -> /private/tmp, $PWD/src/x.js)', async () => {
    const root = tempDir();
    writeFiles(root, { 'package.json': '{"name":"app"}', 'src/index.js': 'module.exports = 1;\n' });
    const link = path.join(tempDir(), 'app');
    fs.symlinkSync(root, link);
    const out = await runCli(['check', path.join(link, 'src/index.js'), '--root', link, '--format', 'json'], link);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).entries).toEqual(['src/index.js']);
  });
});
