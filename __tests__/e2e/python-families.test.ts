// The Python families through the CLI's main(argv, io) in-process: what ships in the
// tarball for a Django project entered at config/wsgi.py, a script that puts vendor/ on
// sys.path, and the data-folder notice for a Flask app.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Manifest } from '../../src/core/types.js';
import { runCli } from '../helpers/cli.js';
import { cleanupFixtures, commit, copyFixture, gitInit, tempDir } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

function project(fixture: string): string {
  const root = copyFixture(`python/${fixture}`);
  gitInit(root);
  commit(root, {}, '2025-11-05T12:00:00Z', 'fixture');
  return root;
}

async function pack(root: string, entry: string, extra: string[] = []): Promise<{ status: number; manifest: Manifest; listed: string[] }> {
  const out = path.join(tempDir(), 'svc.tar.gz');
  const r = await runCli(['pack', entry, '--root', root, '--out', out, '--json', ...extra], root);
  const manifest = JSON.parse(r.stdout) as Manifest;
  const listed = r.status === 0 ? execFileSync('tar', ['-tzf', out], { encoding: 'utf8' }).trim().split('\n').sort() : [];
  return { status: r.status, manifest, listed };
}

describe('python families through the CLI', () => {
  it('a Django project entered at config/wsgi.py packs the __init__.py chain, the settings and the apps it names', async () => {
    const { status, manifest, listed } = await pack(project('django-config'), 'config/wsgi.py');
    expect(manifest.findings).toEqual([]);
    expect(status).toBe(0);
    expect(listed).toEqual([
      'blog/__init__.py',
      'blog/admin.py',
      'blog/apps.py',
      'blog/middleware.py',
      'blog/models.py',
      'blog/tasks.py',
      'blog/views.py',
      'config/__init__.py',
      'config/celery.py',
      'config/django/__init__.py',
      'config/django/base.py',
      'config/settings.py',
      'config/urls.py',
      'config/wsgi.py',
      'requirements.txt',
      'shop/__init__.py',
      'shop/models.py',
      'shop/tasks.py',
    ]);
    expect(manifest.dormant).toEqual(['blog/old_views.py', 'manage.py']);
    expect(manifest.notices).toEqual(expect.arrayContaining([expect.stringContaining('read as the module config.wsgi')]));
  });

  it('--python-mode is not needed for manage.py: DJANGO_SETTINGS_MODULE is followed from the script', async () => {
    const { status, manifest, listed } = await pack(project('django-config'), 'manage.py');
    expect(manifest.findings).toEqual([]);
    expect(status).toBe(0);
    expect(listed).toEqual(expect.arrayContaining(['manage.py', 'config/settings.py', 'config/urls.py', 'blog/models.py', 'config/wsgi.py']));
  });

  it('a script that puts vendor/ on sys.path ships vendor/tinylib, with no undeclared finding', async () => {
    const { status, manifest, listed } = await pack(project('vendor-path'), 'main.py');
    expect(manifest.findings).toEqual([]);
    expect(status).toBe(0);
    expect(listed).toEqual(['main.py', 'requirements.txt', 'vendor/tinylib/__init__.py', 'vendor/tinylib/text.py']);
  });

  it('a Flask app: one notice names templates/, static/ and migrations/ with the include that adds them', async () => {
    const root = project('flask-app');
    const r = await runCli(['check', 'wsgi.py', '--root', root, '--json'], root);
    expect(r.status).toBe(0);
    const m = JSON.parse(r.stdout) as Manifest;
    expect(m.notices.filter((n) => n.startsWith('Code may read files'))).toEqual([
      expect.stringContaining(
        ": migrations/, app/static/, app/templates/. They are not packed; if the service reads them, add them to include (--include 'migrations/**' --include 'app/static/**' --include 'app/templates/**'",
      ),
    ]);
  });
});
