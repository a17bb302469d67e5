import { afterAll, describe, expect, it } from '@jest/globals';
import { packageNameOf } from '../../../src/core/graph/js/resolve.js';
import { undeclared } from '../../../src/core/rules/undeclared.js';
import type { ModuleGraph, RawFinding } from '../../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles } from '../../helpers/fixture.js';
import { buildGraph, type EdgeSpec, optionsFor } from '../../helpers/graph-builder.js';

afterAll(cleanupFixtures);

const pkg = (name: string, packageName = packageNameOf(name)): EdgeSpec => ({ specifier: name, class: 'package', packageName });
const builtin = (name: string): EdgeSpec => ({ specifier: name, class: 'builtin' });

function check(graph: ModuleGraph): RawFinding[] {
  return undeclared.check({ graph, options: optionsFor(graph.root), notices: [] }) as RawFinding[];
}

function project(): string {
  const root = tempDir();
  writeFiles(root, {
    'package.json': JSON.stringify({
      name: 'svc',
      dependencies: { hono: '^4', lodash: '^4', '@scope/pkg': '^1' },
      optionalDependencies: { 'fsevents-ish': '*' },
      peerDependencies: { react: '*' },
      devDependencies: { jest: '*', typescript: '*' },
    }),
    'packages/web/package.json': JSON.stringify({ dependencies: { express: '*' } }),
  });
  return root;
}

describe('undeclared', () => {
  it('accepts declared packages, their subpaths, scoped subpaths, builtins with and without node:, and self-references', () => {
    const root = project();
    const graph = buildGraph({
      root,
      entries: ['src/index.ts'],
      files: {
        'src/index.ts': [
          pkg('hono'),
          pkg('lodash/fp'),
          pkg('@scope/pkg/sub'),
          pkg('fsevents-ish'),
          pkg('react'),
          pkg('svc/utils'),
          builtin('fs'),
          builtin('node:fs/promises'),
          // A builtin the engine left as a package is still a builtin.
          pkg('path', 'path'),
          pkg('node:crypto', 'node:crypto'),
          ['./a', 'src/a.ts'],
        ],
        'src/a.ts': [],
      },
    });
    expect(check(graph)).toEqual([]);
  });

  it('flags a dev-only dependency and says a production install omits it', () => {
    const root = project();
    const graph = buildGraph({
      root,
      entries: ['src/index.ts'],
      files: { 'src/index.ts': [['./lib/run', 'src/lib/run.ts']], 'src/lib/run.ts': [builtin('node:path'), { ...pkg('typescript'), line: 2, column: 20 }] },
    });
    expect(check(graph)).toEqual([
      {
        rule: 'undeclared',
        file: 'src/lib/run.ts',
        line: 2,
        column: 20,
        specifier: 'typescript',
        chain: ['src/index.ts', 'src/lib/run.ts'],
        message:
          'src/lib/run.ts:2 imports typescript, but package.json lists typescript only in devDependencies: a production install omits it. Move it to dependencies (npm install --save-prod typescript); if the package is provided another way, put `// shipset-ignore undeclared: <reason>` on the line above the import in src/lib/run.ts.',
      },
    ]);
  });

  it('flags a package in no list, naming the package of a subpath', () => {
    const root = project();
    const graph = buildGraph({ root, entries: ['src/index.ts'], files: { 'src/index.ts': [pkg('zod/v4'), pkg('@other/pkg/deep')] } });
    const findings = check(graph);
    expect(findings.map((f) => [f.line, f.specifier])).toEqual([
      [1, 'zod/v4'],
      [2, '@other/pkg/deep'],
    ]);
    expect(findings[0].message).toBe(
      'src/index.ts:1 imports zod/v4 (package zod), but zod is not in dependencies, optionalDependencies or peerDependencies of package.json: a production install would not provide it. Add it (npm install zod), or remove the import; if the package is provided another way, put `// shipset-ignore undeclared: <reason>` on the line above the import in src/index.ts.',
    );
    expect(findings[1].message).toContain('(package @other/pkg)');
  });

  it('checks against the nearest package.json of the importing file', () => {
    const root = project();
    const graph = buildGraph({
      root,
      entries: ['packages/web/src/server.ts'],
      files: { 'packages/web/src/server.ts': [pkg('express'), pkg('hono')] },
    });
    const findings = check(graph);
    expect(findings.map((f) => f.specifier)).toEqual(['hono']);
    expect(findings[0].message).toContain('of packages/web/package.json');
  });

  it('walks past a nested package.json that only marks the module format, up to the manifest', () => {
    const root = project();
    writeFiles(root, {
      'src/esm/package.json': JSON.stringify({ type: 'module' }),
      'src/cjs/package.json': JSON.stringify({ type: 'commonjs' }),
      'packages/web/src/legacy/package.json': JSON.stringify({ type: 'commonjs' }),
    });
    const graph = buildGraph({
      root,
      entries: ['src/esm/index.js'],
      files: {
        'src/esm/index.js': [
          pkg('hono'),
          pkg('zod'),
          ['../cjs/util.cjs', 'src/cjs/util.cjs'],
          ['../../packages/web/src/legacy/old.js', 'packages/web/src/legacy/old.js'],
        ],
        'src/cjs/util.cjs': [pkg('lodash'), pkg('typescript')],
        'packages/web/src/legacy/old.js': [pkg('express'), pkg('hono')],
      },
    });
    const findings = check(graph);
    expect(findings.map((f) => [f.file, f.specifier])).toEqual([
      ['packages/web/src/legacy/old.js', 'hono'],
      ['src/cjs/util.cjs', 'typescript'],
      ['src/esm/index.js', 'zod'],
    ]);
    expect(findings[0].message).toContain('of packages/web/package.json');
    expect(findings[1].message).toContain('but package.json lists typescript only in devDependencies');
    expect(findings[2].message).toContain('of package.json:');
  });

  it('takes a nested package.json with a name or any dependency field as the manifest (workspaces)', () => {
    const root = project();
    writeFiles(root, {
      'packages/named/package.json': JSON.stringify({ name: '@svc/named', type: 'module' }),
      'packages/dev/package.json': JSON.stringify({ type: 'module', devDependencies: { vitest: '*' } }),
      'packages/peer/package.json': JSON.stringify({ type: 'commonjs', peerDependencies: { react: '*' } }),
    });
    const graph = buildGraph({
      root,
      entries: ['packages/named/index.js'],
      files: {
        'packages/named/index.js': [
          pkg('hono'),
          pkg('@svc/named/sub'),
          ['../dev/index.js', 'packages/dev/index.js'],
          ['../peer/index.js', 'packages/peer/index.js'],
        ],
        'packages/dev/index.js': [pkg('hono'), pkg('vitest')],
        'packages/peer/index.js': [pkg('react'), pkg('lodash')],
      },
    });
    const findings = check(graph);
    expect(findings.map((f) => [f.file, f.specifier])).toEqual([
      ['packages/dev/index.js', 'hono'],
      ['packages/dev/index.js', 'vitest'],
      ['packages/named/index.js', 'hono'],
      ['packages/peer/index.js', 'lodash'],
    ]);
    expect(findings[0].message).toContain('of packages/dev/package.json');
    expect(findings[1].message).toContain('packages/dev/package.json lists vitest only in devDependencies');
    expect(findings[2].message).toContain('of packages/named/package.json');
    expect(findings[3].message).toContain('of packages/peer/package.json');
  });

  it('takes a root package.json that only sets the module format as the manifest: nothing is declared', () => {
    const root = tempDir();
    writeFiles(root, { 'package.json': JSON.stringify({ type: 'module' }) });
    const [finding] = check(buildGraph({ root, entries: ['index.js'], files: { 'index.js': [pkg('hono')] } }));
    expect(finding.message).toContain('but hono is not in dependencies, optionalDependencies or peerDependencies of package.json');
  });

  it('says so when there is no package.json, or it cannot be read', () => {
    const bare = tempDir();
    const none = check(buildGraph({ root: bare, entries: ['index.js'], files: { 'index.js': [pkg('hono')] } }));
    expect(none[0].message).toContain('there is no package.json between index.js and the root');
    const broken = tempDir();
    writeFiles(broken, { 'package.json': '{ "dependencies": ' });
    const bad = check(buildGraph({ root: broken, entries: ['index.js'], files: { 'index.js': [pkg('hono')] } }));
    expect(bad[0].message).toMatch(/package\.json cannot be read \(.+\), so nothing is declared\. Fix package\.json\./);
  });

  it('gives one finding per package, the other import lines in sites, at the first import the code needs', () => {
    const root = project();
    const graph = buildGraph({
      root,
      entries: ['src/a.ts'],
      files: {
        'src/a.ts': [{ ...pkg('zod'), optional: true }, ['./b', 'src/b.ts'], pkg('zod/v4')],
        'src/b.ts': [pkg('zod'), pkg('zod')],
      },
    });
    const findings = check(graph);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      file: 'src/a.ts',
      line: 3,
      sites: [
        { file: 'src/a.ts', line: 1, column: 1 },
        { file: 'src/b.ts', line: 1, column: 1 },
        { file: 'src/b.ts', line: 2, column: 1 },
      ],
    });
    expect(findings[0].level).toBeUndefined();
    expect(findings[0].message).toContain('It is imported at 3 more lines (see sites).');
  });

  it('only warns when every import of the package is optional (try/catch, runtime check)', () => {
    const root = project();
    const graph = buildGraph({
      root,
      entries: ['src/a.js'],
      files: {
        'src/a.js': [
          { ...pkg('bufferutil'), optional: true },
          { ...pkg('dotenv'), optional: true },
        ],
      },
    });
    const findings = check(graph);
    expect(findings.map((f) => [f.specifier, f.level])).toEqual([
      ['bufferutil', 'warn'],
      ['dotenv', 'warn'],
    ]);
    expect(findings[0].message).toContain('the import is optional');
    expect(findings[0].message).toContain('shipset-ignore undeclared');
  });

  it('takes workspace packages as declared: members of the root workspaces (npm/yarn, pnpm) and workspace: versions', () => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*', '!packages/skip'] }),
      'packages/shared/package.json': JSON.stringify({ name: '@acme/shared' }),
      'packages/skip/package.json': JSON.stringify({ name: '@acme/skip' }),
      'apps/api/package.json': JSON.stringify({
        name: 'api',
        dependencies: { '@acme/proto': 'workspace:^' },
        devDependencies: { '@acme/tools': 'workspace:*' },
      }),
    });
    const graph = buildGraph({
      root,
      entries: ['apps/api/index.js'],
      files: { 'apps/api/index.js': [pkg('@acme/shared'), pkg('@acme/proto'), pkg('@acme/tools'), pkg('@acme/skip')] },
    });
    const findings = check(graph);
    expect(findings.map((f) => f.specifier)).toEqual(['@acme/tools', '@acme/skip']);
    expect(findings[0].message).toContain('It is the workspace package: move "@acme/tools": "workspace:*" to dependencies');
    expect(findings[0].message).not.toContain('npm install');
    const pnpm = tempDir();
    writeFiles(pnpm, {
      'package.json': JSON.stringify({ name: 'mono' }),
      'pnpm-workspace.yaml': 'packages:\n  - \'libs/**\'\n  - "apps/*" # apps\n',
      'libs/core/util/package.json': JSON.stringify({ name: '@acme/util' }),
    });
    expect(check(buildGraph({ root: pnpm, entries: ['apps/a/index.js'], files: { 'apps/a/index.js': [pkg('@acme/util')] } }))).toEqual([]);
  });

  it('leaves Python files to the Python rule', () => {
    const root = project();
    expect(check(buildGraph({ root, entries: ['app.py'], files: { 'app.py': [pkg('requests')] } }))).toEqual([]);
  });
});

describe('packageNameOf', () => {
  it('maps subpaths and scoped subpaths to their package', () => {
    expect(['lodash', 'lodash/fp', '@scope/pkg', '@scope/pkg/sub/deep'].map(packageNameOf)).toEqual(['lodash', 'lodash', '@scope/pkg', '@scope/pkg']);
  });
});
