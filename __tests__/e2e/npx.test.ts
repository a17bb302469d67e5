// The published package as a user gets it: `npm pack`, then `npx ./shipset-x.y.z.tgz check ...`
// in an empty folder with nothing installed and no registry. dist/ is self-contained, so the
// package has no runtime dependencies and ships only what users need.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { name: string; version: string; dependencies?: object };

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_') && k !== 'NODE_OPTIONS' && !k.startsWith('GITHUB_')));
  return spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...clean, ...env }, timeout: 120000 });
}

describe('the published package', () => {
  const work = tempDir('shipset-npx-');
  // Offline and with an empty cache of its own: proves nothing is fetched from a registry.
  const env = {
    npm_config_cache: path.join(work, 'cache'),
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    NO_COLOR: '1',
  };
  let tarball = '';

  it('has no runtime dependencies: dist/ is bundled', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('packs only dist/, the action, the schema, the docs users read and the licences', () => {
    const r = npm(['pack', '--json', '--pack-destination', work], process.cwd(), env);
    expect(r.status).toBe(0);
    const [info] = JSON.parse(r.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = path.join(work, info.filename);
    const files = info.files.map((f) => f.path);
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/THIRD_PARTY_LICENSES.txt');
    expect(files).toContain('action.yml');
    expect(files).toContain('LICENSE');
    const allowed = /^(dist\/|schema\/|action\.yml$|README\.md$|LICENSE$|CHANGELOG\.md$|SECURITY\.md$|package\.json$)/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    expect(files.some((f) => f.startsWith('__tests__') || f.startsWith('src/'))).toBe(false);
  });

  it('runs with npx from the packed tarball in an empty folder, nothing else installed', () => {
    const project = path.join(work, 'project');
    writeFiles(project, { 'src/index.js': "import { a } from './a.js';\nconsole.log(a);\n", 'src/a.js': 'export const a = 1;\n' });
    const r = npm(['exec', '--yes', '--package', tarball, '--', 'shipset', 'check', 'src/index.js', '--root', project], project, env);
    expect(r.stderr).not.toMatch(/internal error|ERR!/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/PASS — 2 files ship/);
    // The licence notices of the bundled code travel with it.
    const licences = fs.readFileSync(path.join('dist', 'THIRD_PARTY_LICENSES.txt'), 'utf8');
    expect(licences).toMatch(/^madge@8\.0\.0 \(MIT\)$/m);
    expect(licences).toMatch(/^typescript@5\.9\.\d+ \(Apache-2\.0\)$/m);
  });
});
