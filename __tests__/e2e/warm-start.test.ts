// A run answered from the scan cache must not load the parsers (TypeScript's 3.5 MB compiler,
// Babel) nor madge: that load was a fifth of a cached run (docs/cache.md). Watched from outside:
// a module-loader hook writes every module URL the bundle loads to a file.
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { distCopy, runCli } from '../helpers/dist.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

/** The chunks of the dist copy that hold a library, found by a name that survives minifying (TypeScript's versionMajorMinor, Babel's errorRecovery option, madge's debug namespace). */
function chunksHolding(marker: string): string[] {
  const dir = path.join(distCopy(), 'dist', 'chunks');
  return fs
    .readdirSync(dir)
    .filter((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes(marker))
    .map((f) => pathToFileURL(path.join(dir, f)).href);
}

/** Runs `check` and returns the module URLs it loaded. */
function loadedBy(args: string[], cwd: string): string[] {
  const dir = tempDir('shipset-loads-');
  const log = path.join(dir, 'loaded.txt');
  const hooks = path.join(dir, 'hooks.mjs');
  fs.writeFileSync(
    hooks,
    "import fs from 'node:fs';\nlet log;\nexport function initialize(data) { log = data.log; }\nexport async function load(url, context, next) { fs.appendFileSync(log, url + '\\n'); return next(url, context); }\n",
  );
  const register = path.join(dir, 'register.mjs');
  fs.writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)}, { data: { log: ${JSON.stringify(log)} } });\n`,
  );
  const r = runCli(args, cwd, { NODE_OPTIONS: `--import=${pathToFileURL(register).href}` });
  expect(r.status).toBe(0);
  return fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

describe('a run answered from the cache', () => {
  it('loads neither TypeScript nor Babel nor madge; a cold run loads all three', () => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': JSON.stringify({ name: 'svc', type: 'module' }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } } }),
      'src/index.ts': "import { b } from '@lib/b.js';\nimport { a } from './a.js';\nconsole.log(a, b);\n",
      'src/a.ts': 'export const a = 1;\n',
      'src/lib/b.ts': 'export const b = 2;\n',
    });
    const cache = path.join(tempDir('shipset-cache-'), 'cache');
    const args = ['check', 'src/index.ts', '--json', '--cache', cache];
    const heavy = [...chunksHolding('versionMajorMinor'), ...chunksHolding('errorRecovery'), ...chunksHolding('("madge")')];
    expect(heavy.length).toBeGreaterThanOrEqual(3);
    const cold = loadedBy(args, root);
    for (const chunk of heavy) expect(cold).toContain(chunk);
    const warm = loadedBy(args, root);
    expect(warm.filter((u) => heavy.includes(u))).toEqual([]);
  });

  it('check never loads the node_modules tracer (@vercel/nft): only --node-modules packs need it', () => {
    const root = tempDir();
    writeFiles(root, { 'package.json': JSON.stringify({ name: 'svc', type: 'module' }), 'src/index.js': "import './a.js';\n", 'src/a.js': 'export {};\n' });
    const tracer = chunksHolding('nodeFileTrace');
    expect(tracer.length).toBeGreaterThanOrEqual(1);
    expect(loadedBy(['check', 'src/index.js', '--json'], root).filter((u) => tracer.includes(u))).toEqual([]);
  });
});
