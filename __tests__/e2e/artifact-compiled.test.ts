// "Check sources, build, pack the compiled entry": a TypeScript service compiled with tsc (the
// installed typescript), packed from dist/main.js, unpacked, installed with npm ci and started
// with its own start script. A compiled entry that still carries a tsconfig alias must fail with
// an error naming the cause: Node cannot start it.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/dist.js';
import { npmCiProduction, startAndGet, startScript, unpack } from '../helpers/deploy.js';
import { cleanupFixtures, commit, gitInit, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const TSC = path.resolve('node_modules/typescript/bin/tsc');
// The fixture has no install of its own: Node's types come from shipset's.
const TYPE_ROOTS = [fs.realpathSync(path.resolve('node_modules/@types'))];

function service(withAlias: boolean): string {
  const root = tempDir('shipset-tsc-');
  const paths = withAlias ? { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } } : {};
  writeFiles(root, {
    'package.json': JSON.stringify({
      name: 'svc',
      version: '1.0.0',
      private: true,
      type: 'module',
      main: 'dist/main.js',
      scripts: { build: 'tsc -p .', start: 'node dist/main.js' },
    }),
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        strict: true,
        outDir: 'dist',
        rootDir: 'src',
        skipLibCheck: true,
        typeRoots: TYPE_ROOTS,
        types: ['node'],
        ...paths,
      },
    }),
    'src/main.ts': `import http from 'node:http';\nimport { health } from './routes/health.js';\nimport { log } from '${withAlias ? '@lib/log.js' : './lib/log.js'}';\nhttp.createServer((req: http.IncomingMessage, res: http.ServerResponse) => { log(req.url ?? ''); res.end(JSON.stringify(health())); }).listen(Number(process.env.PORT), '127.0.0.1');\n`,
    'src/routes/health.ts': "import type { Health } from '../types.js';\nexport const health = (): Health => ({ ok: true });\n",
    'src/types.ts': 'export interface Health { ok: boolean }\n',
    'src/lib/log.ts': 'export const log = (line: string): void => { if (process.env.DEBUG) console.log(line); };\n',
    '.gitignore': 'dist\nnode_modules\n',
    'package-lock.json': JSON.stringify({
      name: 'svc',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: { '': { name: 'svc', version: '1.0.0' } },
    }),
  });
  const built = spawnSync(process.execPath, [TSC, '-p', '.'], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`tsc failed: ${built.stdout}${built.stderr}`);
  gitInit(root);
  commit(root, {}, '2025-11-05T10:00:00Z', 'service');
  return root;
}

describe('a compiled TypeScript service', () => {
  it('packed from dist/main.js, installs with npm ci --omit=dev and answers /health under node', async () => {
    const root = service(false);
    const out = path.join(tempDir('shipset-tsc-out-'), 'svc.tar.gz');
    const r = runCli(['pack', '--root', root, '--out', out, '--json'], root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const manifest = JSON.parse(r.stdout) as { runtime: string };
    expect(manifest.runtime).toBe('node');
    const deployed = tempDir('shipset-tsc-deploy-');
    // Only compiled output ships: no sources, no tsconfig (Node does not read it), no type-only file.
    expect(await unpack(out, deployed)).toEqual(['dist/lib/log.js', 'dist/main.js', 'dist/routes/health.js', 'package-lock.json', 'package.json']);
    npmCiProduction(deployed, path.join(tempDir('shipset-npm-cache-'), 'cache'));
    const health = await startAndGet(deployed, startScript(deployed), '/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true });
  });

  it('with a tsconfig alias left in dist/main.js, fails with a runtime error naming the cause, and writes no tarball', async () => {
    const root = service(true);
    expect(fs.readFileSync(path.join(root, 'dist/main.js'), 'utf8')).toContain("'@lib/log.js'");
    const out = path.join(tempDir('shipset-tsc-out-'), 'svc.tar.gz');
    const r = runCli(['pack', '--root', root, '--out', out], root);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/runtime \(1 error\)/);
    expect(r.stdout).toMatch(/dist\/main\.js:3:\d+ +imports '@lib\/log\.js', a tsconfig paths alias left in compiled JavaScript/);
    expect(r.stdout).not.toMatch(/PASS/);
    expect(fs.existsSync(out)).toBe(false);
    // And Node indeed cannot start it.
    const ran = spawnSync(process.execPath, ['dist/main.js'], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH, PORT: '0' }, timeout: 10000 });
    expect(ran.status).not.toBe(0);
    expect(ran.stderr).toMatch(/ERR_MODULE_NOT_FOUND|Cannot find package '@lib\/log\.js'/);
  });
});
