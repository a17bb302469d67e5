// The bundled example (examples/shop-api) as the README tells a newcomer to use it: check fails on
// the stale import; after the fix the check passes, pack writes the tarball, and that tarball,
// unpacked into an empty folder and installed as a deploy does, starts under the example's own
// start script (`npm start`) and answers /health. PASS must mean "this set runs".
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/dist.js';
import { npmCiProduction, startAndGet, unpack } from '../helpers/deploy.js';
import { cleanupFixtures, commit, gitInit, tempDir } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const EXAMPLE = path.resolve('examples/shop-api');

/** The example's files with the example's history: everything, then pricing_v2 ten days later. */
function exampleRepo(): string {
  const root = tempDir('shipset-example-');
  fs.cpSync(EXAMPLE, root, { recursive: true });
  const v2 = fs.readFileSync(path.join(root, 'src/pricing_v2.js'), 'utf8');
  fs.rmSync(path.join(root, 'src/pricing_v2.js'));
  gitInit(root);
  commit(root, {}, '2025-11-05T10:00:00Z', 'service');
  commit(root, { 'src/pricing_v2.js': v2 }, '2025-11-15T10:00:00Z', 'pricing_v2 with the VAT fix');
  return root;
}

describe('examples/shop-api', () => {
  it('fails on the stale import, as the demo says', () => {
    const root = exampleRepo();
    const r = runCli(['check', '--root', root], root);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/stale \(1 error\)/);
    expect(r.stdout).toMatch(/src\/routes\/orders\.js:1:\d+ .*\.\.\/pricing\.js.*src\/pricing_v2\.js/);
  });

  it('after the fix, its own tarball installs and starts under its own start script and answers /health', async () => {
    const root = exampleRepo();
    const orders = path.join(root, 'src/routes/orders.js');
    fs.writeFileSync(orders, fs.readFileSync(orders, 'utf8').replace("'../pricing.js'", "'../pricing_v2.js'"));
    commit(root, {}, '2025-11-16T10:00:00Z', 'use the VAT fix');
    const out = path.join(tempDir('shipset-example-out-'), 'shop-api.tar.gz');
    const r = runCli(['pack', '--root', root, '--out', out], root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);

    const deployed = tempDir('shipset-example-deploy-');
    const entries = await unpack(out, deployed);
    expect(entries).toEqual([
      'package-lock.json',
      'package.json',
      'src/data/catalog.json',
      'src/lib/log.js',
      'src/pricing_v2.js',
      'src/routes/health.js',
      'src/routes/index.js',
      'src/routes/orders.js',
      'src/server.js',
    ]);
    npmCiProduction(deployed, path.join(tempDir('shipset-npm-cache-'), 'cache'));
    const health = await startAndGet(deployed, ['npm', 'start', '--silent'], '/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true });
    const priced = await startAndGet(deployed, ['npm', 'start', '--silent'], '/orders');
    expect(JSON.parse(priced.body)[0]).toMatchObject({ sku: expect.any(String), total: expect.any(Number) });
  });
});
