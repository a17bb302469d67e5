import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { runPipeline } from '../../src/core/pipeline.js';
import { decideRuntime, runtimeFromStartScript } from '../../src/core/runtime.js';
import { defaultOptions } from '../../src/core/options.js';
import type { Options, Runtime } from '../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

describe('runtimeFromStartScript', () => {
  it.each<[string, string, Runtime | undefined]>([
    ['node dist/main.js', 'dist/main.js', 'node'],
    ['node ./dist/main.js', 'dist/main.js', 'node'],
    ['NODE_ENV=production node --enable-source-maps dist/main.js', 'dist/main.js', 'node'],
    ['node --experimental-strip-types src/main.ts', 'src/main.ts', 'node-strip-types'],
    ['node src/main.ts', 'src/main.ts', 'node-strip-types'],
    ['tsx src/main.ts', 'src/main.ts', 'tsx'],
    ['npx tsx watch src/main.ts', 'src/main.ts', 'tsx'],
    ['ts-node src/main.ts', 'src/main.ts', 'ts-node'],
    ['bun run src/main.ts', 'src/main.ts', 'bun'],
    ['npm run build && node dist/main.js', 'dist/main.js', 'node'],
    ['node dist/other.js', 'dist/main.js', undefined],
    ['nest start', 'src/main.ts', undefined],
  ])('%s running %s -> %s', (script, entry, expected) => {
    expect(runtimeFromStartScript(script, entry)).toBe(expected);
  });
});

describe('decideRuntime', () => {
  it('takes the given runtime, else the start script, else node for JS and tsx (with a notice) for TS', () => {
    const root = tempDir();
    writeFiles(root, { 'package.json': '{"scripts":{"start":"node --experimental-strip-types src/main.ts"}}', 'src/main.ts': '', 'b.ts': '', 'a.js': '' });
    expect(decideRuntime(root, ['src/main.ts'], 'bun')).toEqual({ runtime: 'bun' });
    expect(decideRuntime(root, ['src/main.ts'], undefined)).toEqual({ runtime: 'node-strip-types' });
    expect(decideRuntime(root, ['a.js'], undefined)).toEqual({ runtime: 'node' });
    const ts = decideRuntime(root, ['b.ts'], undefined);
    expect(ts.runtime).toBe('tsx');
    expect(ts.notice).toMatch(/b\.ts is TypeScript and no start script says what runs it/);
  });
});

/** A TypeScript service with a tsconfig alias and `.js`-written imports of `.ts` files. */
function aliasService(start: string): string {
  const root = tempDir();
  writeFiles(root, {
    'package.json': JSON.stringify({ name: 'svc', type: 'module', scripts: { start } }),
    'tsconfig.base.json': JSON.stringify({ compilerOptions: { module: 'nodenext', strict: true } }),
    'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] }, outDir: 'dist' } }),
    'src/main.ts': "import { log } from '@lib/log.js';\nimport { r } from './routes/index.js';\nimport { ok } from './ok.ts';\nlog(r, ok);\n",
    'src/lib/log.ts': 'export const log = (...x: unknown[]) => console.log(...x);\n',
    'src/routes/index.ts': 'export const r = 1;\n',
    'src/ok.ts': 'export const ok = 1;\n',
  });
  return root;
}

async function run(root: string, entries: string[], extra: Partial<Options> = {}) {
  return runPipeline({ ...defaultOptions(root, entries), ...extra });
}

describe('the runtime rule', () => {
  it("under Node's type stripping, tsconfig paths and ./a.js -> a.ts are errors that name the runtime and the fix", async () => {
    const root = aliasService('node src/main.ts');
    const result = await run(root, ['src/main.ts']);
    expect(result.manifest.runtime).toBe('node-strip-types');
    const findings = result.manifest.findings.filter((f) => f.rule === 'runtime');
    expect(findings.map((f) => [f.specifier, f.level, f.line])).toEqual([
      ['@lib/log.js', 'error', 1],
      ['./routes/index.js', 'error', 2],
    ]);
    expect(findings[0].message).toMatch(/does not read tsconfig paths: build with a tool that rewrites aliases .* or run with tsx/);
    expect(findings[1].message).toMatch(/loads exactly the path written: write the \.ts extension/);
    // `./ok.ts` written out is what Node loads: no finding for it.
    expect(findings.some((f) => f.specifier === './ok.ts')).toBe(false);
  });

  it('under tsx the same imports pass and the tsconfig chain (with extends) is packed', async () => {
    const root = aliasService('tsx src/main.ts');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ ...pkg, dependencies: { tsx: '^4.0.0' } }));
    const result = await run(root, ['src/main.ts']);
    expect(result.manifest.runtime).toBe('tsx');
    expect(result.manifest.findings.filter((f) => f.rule === 'runtime')).toEqual([]);
    expect(result.manifest.files.map((f) => f.path)).toEqual([
      'package.json',
      'src/lib/log.ts',
      'src/main.ts',
      'src/ok.ts',
      'src/routes/index.ts',
      'tsconfig.base.json',
      'tsconfig.json',
    ]);
  });

  it('under ts-node, tsconfig paths are a runtime error: ts-node 10 does not apply them without tsconfig-paths/register', async () => {
    // Measured with ts-node 10.9.2: `ts-node src/main.ts` and `node -r ts-node/register src/main.ts`
    // both stop with "Cannot find module '@lib/log'" (tsconfig-paths' README: node "or ts-node ... will
    // not find the modules specified by paths").
    const root = tempDir();
    writeFiles(root, {
      'package.json': JSON.stringify({ name: 'svc', scripts: { start: 'ts-node src/main.ts' }, dependencies: { 'ts-node': '^10.9.2', typescript: '^5.0.0' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } } }),
      'src/main.ts': "import { log } from '@lib/log';\nlog(1);\n",
      'src/lib/log.ts': 'export const log = (...x: unknown[]) => console.log(...x);\n',
    });
    const result = await run(root, ['src/main.ts']);
    expect(result.manifest.runtime).toBe('ts-node');
    const findings = result.manifest.findings.filter((f) => f.rule === 'runtime');
    expect(findings.map((f) => [f.specifier, f.level])).toEqual([['@lib/log', 'error']]);
  });

  it('a start script that runs tsx, with tsx only a dev dependency, is a warning: a production install lacks the command', async () => {
    const root = aliasService('tsx src/main.ts');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ ...pkg, devDependencies: { tsx: '^4.0.0' } }));
    const findings = (await run(root, ['src/main.ts'])).manifest.findings.filter((f) => f.rule === 'runtime');
    expect(findings.map((f) => [f.file, f.level])).toEqual([['src/main.ts', 'warn']]);
    expect(findings[0].message).toMatch(
      /started with tsx, but 'tsx' is only in devDependencies of package.json: a production install \(npm ci --omit=dev\) will not provide the start command/,
    );
    // tsx as a mere default for a TS entry (no start script naming it) is a guess: no warning.
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'svc', type: 'module' }));
    expect((await run(root, ['src/main.ts'])).manifest.findings.filter((f) => f.rule === 'runtime')).toEqual([]);
  });

  it('under node the tsconfig is not packed (Node never reads it)', async () => {
    const root = aliasService('tsx src/main.ts');
    const result = await run(root, ['src/main.ts'], { runtime: 'node' });
    expect(result.manifest.files.map((f) => f.path)).not.toContain('tsconfig.json');
    expect(result.errorCount).toBe(2);
  });

  it('an alias left in compiled output (inside outDir) is a runtime error under every runtime, and src/ never ships', async () => {
    const root = aliasService('node dist/main.js');
    writeFiles(root, {
      'dist/main.js': "import { log } from '@lib/log.js';\nimport { r } from './routes/index.js';\nlog(r);\n",
      'dist/routes/index.js': 'export const r = 1;\n',
      'dist/lib/log.js': 'export const log = console.log;\n',
    });
    for (const runtime of ['node', 'tsx'] as const) {
      const result = await run(root, ['dist/main.js'], { runtime });
      const findings = result.manifest.findings.filter((f) => f.level === 'error');
      expect(findings.map((f) => [f.rule, f.specifier])).toEqual([['runtime', '@lib/log.js']]);
      expect(findings[0].message).toMatch(/tsconfig paths alias left in compiled JavaScript .* Rewrite aliases at build time/);
      expect(result.manifest.files.map((f) => f.path).filter((p) => p.startsWith('src/'))).toEqual([]);
    }
  });

  it('ES modules under node: an import without its extension or of a folder is an error; CommonJS require() may leave them out', async () => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': JSON.stringify({ name: 'svc', type: 'module', scripts: { start: 'node src/main.js' } }),
      'src/main.js':
        "import './util';\nimport './routes';\nimport './ok.js';\nimport { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nrequire('./legacy/cjs');\n",
      'src/util.js': '',
      'src/routes/index.js': '',
      'src/ok.js': '',
      'src/legacy/package.json': '{"type":"commonjs"}',
      'src/legacy/cjs.js': "require('./more');\n",
      'src/legacy/more.js': '',
    });
    const result = await run(root, ['src/main.js']);
    expect(result.manifest.runtime).toBe('node');
    const findings = result.manifest.findings.filter((f) => f.rule === 'runtime');
    expect(findings.map((f) => [f.file, f.specifier])).toEqual([
      ['src/main.js', './util'],
      ['src/main.js', './routes'],
    ]);
    expect(findings[0].message).toMatch(/loads ES modules by the exact path written .*: write the path with its file name and extension, or run with tsx/);
    // tsx adds extensions itself.
    expect((await run(root, ['src/main.js'], { runtime: 'tsx' })).manifest.findings.filter((f) => f.rule === 'runtime' && f.level === 'error')).toEqual([]);
  });

  it('a packed run with a runtime error writes no tarball', async () => {
    const root = aliasService('node src/main.ts');
    const tarball = `${root}/out.tar.gz`;
    const result = await run(root, ['src/main.ts'], { pack: true, tarball });
    expect(result.manifest.tarball).toBeNull();
    expect(result.errorCount).toBe(2);
  });
});
