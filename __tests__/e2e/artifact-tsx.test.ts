// A TypeScript service run by tsx in production (`"start": "tsx src/main.ts"`), importing through
// tsconfig `paths`: shipset infers the tsx runtime from the start script, follows the alias, and
// packs the tsconfig chain tsx reads at start. Deployed the way a deploy does: unpack into an
// empty folder, `npm ci --omit=dev` (offline), start with the start script, request /health.
//
// tsx itself is not installed from the tarball: a `file:` tarball of tsx and esbuild is too heavy
// for a test, so the start puts the repository's own tsx (node_modules/.bin, a devDependency) first
// on PATH, standing in for a host that provides it. shipset's warning that tsx is not a production
// dependency is the one a real project gets (and is asserted below).
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/dist.js';
import { npmCiProduction, npmOffline, repoBin, startAndGet, startScript, unpack } from '../helpers/deploy.js';
import { cleanupFixtures, commit, gitInit, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

function tsxService(): string {
  const root = tempDir('shipset-tsx-');
  writeFiles(root, {
    'package.json': JSON.stringify({ name: 'tsx-svc', version: '1.0.0', private: true, type: 'module', scripts: { start: 'tsx src/main.ts' } }),
    'tsconfig.base.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
    'tsconfig.json': JSON.stringify({
      extends: './tsconfig.base.json',
      compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } },
      include: ['src'],
    }),
    'src/main.ts':
      "import http from 'node:http';\nimport { health } from '@lib/health.js';\nhttp.createServer((req, res) => res.end(JSON.stringify(health(req.url ?? '')))).listen(Number(process.env.PORT), '127.0.0.1');\n",
    'src/lib/health.ts': "export const health = (url: string): { ok: boolean; runtime: string } => ({ ok: url === '/health', runtime: 'tsx' });\n",
    'src/unused.ts': 'export const unused = 1;\n',
    '.gitignore': 'node_modules\n',
  });
  npmOffline(root, ['install'], path.join(tempDir('shipset-npm-cache-'), 'c'));
  gitInit(root);
  commit(root, {}, '2025-11-05T10:00:00Z', 'service');
  return root;
}

describe('a service started by tsx with tsconfig paths', () => {
  it('packs the tsconfig chain, installs with npm ci --omit=dev and answers /health under tsx', async () => {
    const root = tsxService();
    const out = path.join(tempDir('shipset-tsx-out-'), 'svc.tar.gz');
    const r = runCli(['pack', 'src/main.ts', '--root', root, '--out', out, '--format', 'json'], root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { runtime: string; findings: { rule: string; level: string; message: string }[] };
    expect(result.runtime).toBe('tsx');
    expect(result.findings.map((f) => [f.rule, f.level])).toEqual([['runtime', 'warn']]);
    expect(result.findings[0].message).toContain("started with tsx, but 'tsx' is not in dependencies of package.json");

    const deployed = tempDir('shipset-tsx-deploy-');
    expect(await unpack(out, deployed)).toEqual([
      'package-lock.json',
      'package.json',
      'src/lib/health.ts',
      'src/main.ts',
      'tsconfig.base.json',
      'tsconfig.json',
    ]);
    npmCiProduction(deployed, path.join(tempDir('shipset-npm-cache-'), 'cache'));
    expect(startScript(deployed)).toEqual(['tsx', 'src/main.ts']);
    const health = await startAndGet(deployed, startScript(deployed), '/health', {
      pathPrepend: path.dirname(repoBin('tsx')),
      env: { TSX_DISABLE_CACHE: '1' },
    });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true, runtime: 'tsx' });

    // The packed tsconfig is what makes the alias resolve: without it tsx looks @lib up as a package.
    fs.rmSync(path.join(deployed, 'tsconfig.json'));
    await expect(
      startAndGet(deployed, startScript(deployed), '/health', { pathPrepend: path.dirname(repoBin('tsx')), env: { TSX_DISABLE_CACHE: '1' } }),
    ).rejects.toThrow(/exited with 1:[\s\S]*Cannot find package '@lib\/health.js'/);
  });
});
