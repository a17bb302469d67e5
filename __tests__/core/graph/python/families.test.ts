// The engine-truth families, one case each: entries inside a package run as modules,
// optional fallbacks and guards, computed import_module packages, module names in
// framework strings, and literal sys.path changes.
import { afterAll, describe, expect, it } from '@jest/globals';
import { buildPythonGraph, moduleEntryOf } from '../../../../src/core/graph/python/index.js';
import { parsePython } from '../../../../src/core/graph/python/parse.js';
import { undeclaredPython } from '../../../../src/core/rules/undeclared-python.js';
import type { FileNode, ImportEdge, ModuleGraph, Options } from '../../../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles, type Files } from '../../../helpers/fixture.js';

afterAll(cleanupFixtures);

async function graphOf(files: Files, entries: string[], extra: { pythonPath?: string[]; mode?: 'script' | 'module' } = {}) {
  const root = tempDir('shipset-pyf-');
  writeFiles(root, files);
  const g = await buildPythonGraph({ root, entries, pythonPath: extra.pythonPath ?? [], python: false, ...(extra.mode ? { mode: extra.mode } : {}) });
  return { root, ...g, notices: g.notices.filter((n) => !n.startsWith('No Python 3 found')) };
}

function edges(node: FileNode | undefined, specifier?: string): ImportEdge[] {
  expect(node).toBeDefined();
  return node!.edges.filter((e) => specifier === undefined || e.specifier === specifier);
}

const DJANGO_LIKE: Files = {
  'config/__init__.py': '',
  'config/wsgi.py': 'import os\nfrom django.core.wsgi import get_wsgi_application\nfrom . import helpers\n',
  'config/helpers.py': '',
  'config/django/__init__.py': '',
  'config/django/base.py': '',
};

describe('family 1: an entry inside a package is imported as a module', () => {
  it('the search path starts above the top package, the __init__.py chain ships, the entry folder shadows nothing', async () => {
    const g = await graphOf({ ...DJANGO_LIKE, 'config/sub/__init__.py': '', 'config/sub/entry.py': 'import django\n' }, ['config/sub/entry.py']);
    const entry = g.files.get('config/sub/entry.py');
    expect(edges(entry).map((e) => [e.specifier, e.class, e.target ?? e.packageName, e.loadedBy])).toEqual([
      ['config', 'file', 'config/__init__.py', 'python -m config.sub.entry'],
      ['config.sub', 'file', 'config/sub/__init__.py', 'python -m config.sub.entry'],
      ['django', 'package', 'django', undefined],
    ]);
    expect(g.notices).toEqual([
      expect.stringContaining(
        'config/sub/entry.py is inside the package config (its folder has an __init__.py), so it was read as the module config.sub.entry',
      ),
    ]);
  });

  it('config/wsgi.py: django is the package, relative imports work', async () => {
    const g = await graphOf(DJANGO_LIKE, ['config/wsgi.py']);
    const wsgi = g.files.get('config/wsgi.py');
    expect(edges(wsgi, 'django.core.wsgi')).toEqual([expect.objectContaining({ class: 'package', packageName: 'django' })]);
    expect(edges(wsgi, '.helpers')).toEqual([expect.objectContaining({ class: 'file', target: 'config/helpers.py' })]);
    expect([...g.files.keys()].sort()).toEqual(['config/__init__.py', 'config/helpers.py', 'config/wsgi.py']);
  });

  it('--python-mode script: the entry folder is sys.path[0] (config/django hides django), as `python3 config/wsgi.py` does', async () => {
    const g = await graphOf(DJANGO_LIKE, ['config/wsgi.py'], { mode: 'script' });
    const wsgi = g.files.get('config/wsgi.py');
    expect(edges(wsgi, 'django')).toEqual([expect.objectContaining({ class: 'file', target: 'config/django/__init__.py' })]);
    expect(edges(wsgi, 'django.core')).toEqual([expect.objectContaining({ class: 'unresolved' })]);
    expect(edges(wsgi, '.')).toEqual([expect.objectContaining({ class: 'unresolved', reason: expect.stringContaining('no known parent package') })]);
    expect(g.files.has('config/__init__.py')).toBe(false);
    expect(g.notices).toEqual([]);
  });

  it('an entry at the root is a script even with --python-mode module', async () => {
    const g = await graphOf({ '__init__.py': '', 'app.py': 'import lib\n', 'lib.py': '' }, ['app.py'], { mode: 'module' });
    expect(edges(g.files.get('app.py'))).toEqual([expect.objectContaining({ class: 'file', target: 'lib.py' })]);
    expect(g.notices).toEqual([]);
  });

  it('--python-mode module without __init__.py: a namespace package, searched from the root (python -m tools.run)', async () => {
    const files = { 'tools/run.py': 'import helpers\nimport tools.lib\n', 'tools/helpers.py': '', 'tools/lib.py': '', 'helpers.py': '' };
    const asModule = await graphOf(files, ['tools/run.py'], { mode: 'module' });
    expect(edges(asModule.files.get('tools/run.py')).map((e) => [e.specifier, e.target])).toEqual([
      ['helpers', 'helpers.py'],
      ['tools.lib', 'tools/lib.py'],
    ]);
    const asScript = await graphOf(files, ['tools/run.py']);
    expect(edges(asScript.files.get('tools/run.py'), 'helpers')).toEqual([expect.objectContaining({ target: 'tools/helpers.py' })]);
    const dashed = await graphOf({ 'my-tools/run.py': '' }, ['my-tools/run.py'], { mode: 'module' });
    expect(dashed.notices).toEqual([expect.stringContaining('my-tools/run.py cannot be run with python -m (its path is not a dotted module name)')]);
  });

  it('moduleEntryOf: names, search root and packages', () => {
    const root = tempDir('shipset-pyf-');
    writeFiles(root, { 'src/a/__init__.py': '', 'src/a/b/__init__.py': '', 'src/a/b/__main__.py': '', 'plain/x.py': '' });
    const m = moduleEntryOf(root, `${root}/src/a/b/__main__.py`)!;
    expect(m.name).toBe('a.b.__main__');
    expect(m.searchRoot).toBe(`${root}/src`);
    expect(m.packages.map((p) => p.name)).toEqual(['a', 'a.b']);
    expect(moduleEntryOf(root, `${root}/src/a/b/__init__.py`)!.packages.map((p) => p.name)).toEqual(['a']);
    expect(moduleEntryOf(root, `${root}/plain/x.py`)).toBeUndefined();
  });
});

describe('family 3: fallbacks, guards and computed packages', () => {
  it('the except ImportError fallback is optional; so are sys.version_info / sys.platform branches', () => {
    const parsed = parsePython(
      [
        'try:',
        '    import tomllib',
        'except ImportError:',
        '    import tomli as tomllib',
        'try:',
        '    import a',
        'except (ModuleNotFoundError, OSError):',
        '    import b',
        'else:',
        '    import c',
        'finally:',
        '    import d',
        'try:',
        '    import e',
        'except ValueError:',
        '    import f',
        'if sys.version_info >= (3, 11):',
        '    import g',
        'else:',
        '    import h',
        'if sys.platform == "win32":',
        '    import winreg',
        'elif os.name == "posix":',
        '    import fcntl',
        'if DEBUG:',
        '    import i',
        'import j',
        '',
      ].join('\n'),
    );
    expect(parsed.error).toBeUndefined();
    const optional = Object.fromEntries(parsed.imports.map((i) => [i.module, i.optional]));
    expect(optional).toEqual({
      tomllib: true,
      tomli: true,
      a: true,
      b: true,
      c: false,
      d: false,
      e: false,
      f: false,
      g: true,
      h: true,
      winreg: true,
      fcntl: true,
      i: false,
      j: false,
    });
  });

  it('import_module(".hooks", pkg) with a computed package is a dynamic site, not an import of this file\'s package', async () => {
    const g = await graphOf(
      {
        'app/__init__.py': '',
        'app/main.py':
          'import importlib\nhooks = importlib.import_module(".hooks", PKG)\nmine = importlib.import_module(".local", __package__)\nbad = importlib.import_module(".x")\n',
        'app/hooks.py': '',
        'app/local.py': '',
      },
      ['app/main.py'],
    );
    const main = g.files.get('app/main.py')!;
    expect(main.dynamic.map((d) => [d.line, d.expression])).toEqual([
      [2, '".hooks", PKG'],
      [4, '".x", <no package>'],
    ]);
    expect(edges(main, '.local')).toEqual([expect.objectContaining({ class: 'file', target: 'app/local.py' })]);
    expect(g.files.has('app/hooks.py')).toBe(false);
  });
});

describe('family 4: module names in Django settings and Celery', () => {
  it('follows literal dotted strings to project modules and records the rest as packages', async () => {
    const g = await graphOf(
      {
        'proj/__init__.py': '',
        'proj/settings.py': [
          'INSTALLED_APPS = [',
          '    "django.contrib.auth",',
          '    "rest_framework",',
          '    "blog.apps.BlogConfig",',
          '    "shop",',
          ']',
          'INSTALLED_APPS += ["extra"]',
          'MIDDLEWARE = ("blog.middleware.Timing",)',
          'ROOT_URLCONF = "proj.urls"',
          'WSGI_APPLICATION = "proj.wsgi.application"',
          'NOT_A_SETTING = "blog.unused"',
          '',
        ].join('\n'),
        'proj/urls.py': '',
        'proj/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n',
        'proj/celery.py':
          'from celery import Celery\napp = Celery("proj", include=["blog.tasks"])\napp.autodiscover_tasks(["shop", "extra"])\napp.config_from_object("proj.celeryconfig")\napp.config_from_object("django.conf:settings")\n',
        'proj/celeryconfig.py': '',
        'blog/__init__.py': '',
        'blog/apps.py': '',
        'blog/models.py': '',
        'blog/middleware.py': '',
        'blog/tasks.py': '',
        'blog/unused.py': '',
        'shop/__init__.py': '',
        'shop/tasks.py': '',
        'extra.py': '',
        'manage.py': 'import os\nos.environ["DJANGO_SETTINGS_MODULE"] = "proj.settings"\nimport proj.celery\n',
      },
      ['manage.py'],
    );
    const shipped = [...g.files.keys()].sort();
    expect(shipped).toEqual([
      'blog/__init__.py',
      'blog/apps.py',
      'blog/middleware.py',
      'blog/models.py',
      'blog/tasks.py',
      'extra.py',
      'manage.py',
      'proj/__init__.py',
      'proj/celery.py',
      'proj/celeryconfig.py',
      'proj/settings.py',
      'proj/urls.py',
      'proj/wsgi.py',
      'shop/__init__.py',
      'shop/tasks.py',
    ]);
    const settings = g.files.get('proj/settings.py')!;
    expect(edges(settings, 'rest_framework')).toEqual([
      expect.objectContaining({ class: 'package', packageName: 'rest_framework', loadedBy: 'INSTALLED_APPS', line: 3 }),
    ]);
    expect(edges(settings, 'blog.middleware')).toEqual([expect.objectContaining({ class: 'file', target: 'blog/middleware.py', loadedBy: 'MIDDLEWARE' })]);
    // `extra` is a module, not a package: autodiscover's `extra.tasks` is looked for, not required
    expect(g.files.get('proj/celery.py')!.edges.filter((e) => e.class === 'unresolved')).toEqual([]);
  });

  it('a string naming a missing project module is unresolved; non-module strings are ignored', async () => {
    const g = await graphOf(
      {
        'settings.py': 'ROOT_URLCONF = "site_urls"\nINSTALLED_APPS = ["app", "not a module", f"{x}"]\n',
        'app/__init__.py': '',
      },
      ['settings.py'],
    );
    const s = g.files.get('settings.py')!;
    expect(edges(s, 'site_urls')).toEqual([expect.objectContaining({ class: 'package', loadedBy: 'ROOT_URLCONF' })]);
    expect(s.edges.map((e) => e.specifier)).not.toContain('not a module');
    expect(edges(s, 'app')[0]).toMatchObject({ class: 'file', target: 'app/__init__.py' });
  });
});

describe('family 5: literal sys.path changes', () => {
  it.each([
    ['sys.path.insert(0, os.path.join(os.path.dirname(__file__), "vendor"))', 'bin/run.py', 'bin/vendor'],
    ['sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vendor"))', 'bin/run.py', 'vendor'],
    ['sys.path.append(str(Path(__file__).resolve().parent.parent / "vendor"))', 'bin/run.py', 'vendor'],
    ['sys.path.insert(0, "vendor")', 'bin/run.py', 'vendor'],
    ['site.addsitedir("vendor")', 'bin/run.py', 'vendor'],
  ])('%s', async (line, entry, vendor) => {
    const g = await graphOf(
      {
        [entry]: `import os, sys, site\nfrom pathlib import Path\nimport tinylib as before\n${line}\nimport tinylib\n`,
        [`${vendor}/tinylib/__init__.py`]: 'from . import core\n',
        [`${vendor}/tinylib/core.py`]: '',
      },
      [entry],
    );
    const node = g.files.get(entry)!;
    const [before, after] = edges(node).filter((e) => e.specifier === 'tinylib');
    expect(before).toMatchObject({ class: 'package', line: 3 });
    expect(after).toMatchObject({ class: 'file', target: `${vendor}/tinylib/__init__.py`, line: 5 });
    expect(g.files.has(`${vendor}/tinylib/core.py`)).toBe(true);
    expect(g.notices).toEqual(expect.arrayContaining([expect.stringContaining(`${entry}:4 puts ${vendor}/ on sys.path`)]));
  });

  it('a computed or outside path is a notice that names --python-path', async () => {
    const g = await graphOf({ 'run.py': 'import os, sys\nsys.path.insert(0, os.environ["LIBS"])\nsys.path.append("/opt/libs")\n' }, ['run.py']);
    expect(g.notices).toEqual([
      expect.stringMatching(
        /^run\.py:2 changes sys\.path with os\.environ\["LIBS"\], which shipset cannot evaluate without running code: .* Name the folder with --python-path/,
      ),
      'run.py:3 adds "/opt/libs" to sys.path, which is outside the root: shipset does not search it.',
    ]);
  });
});

describe('data folders beside shipped code', () => {
  const FLASK: Files = {
    'wsgi.py': 'from app import create_app\napp = create_app()\n',
    'app/__init__.py': 'def create_app():\n    return 1\n',
    'app/templates/index.html': '<p></p>',
    'app/static/site.css': 'body {}',
    'app/schema.sql': 'create table t();',
    'app/locales/.gitkeep': '',
    'migrations/001_init.sql': '--',
    'unrelated/templates/x.html': '',
  };

  it('one notice names the folders and the include that adds them', async () => {
    const g = await graphOf(FLASK, ['wsgi.py']);
    expect(g.notices).toEqual([
      "Code may read files from disk that no import names, and these sit beside the shipped Python code: migrations/, app/locales/, app/schema.sql, app/static/, app/templates/. They are not packed; if the service reads them, add them to include (--include 'migrations/**' --include 'app/locales/**' --include 'app/schema.sql' --include 'app/static/**' --include 'app/templates/**', or \"include\" in shipset.config.json).",
    ]);
  });

  it('folders the include already matches are not named; none left: no notice', async () => {
    const root = tempDir('shipset-pyf-');
    writeFiles(root, FLASK);
    const some = await buildPythonGraph({ root, entries: ['wsgi.py'], pythonPath: [], python: false, include: ['app/**'] });
    expect(some.notices.filter((n) => n.startsWith('Code may read'))).toEqual([
      expect.stringContaining(": migrations/. They are not packed; if the service reads them, add them to include (--include 'migrations/**', or"),
    ]);
    const all = await buildPythonGraph({ root, entries: ['wsgi.py'], pythonPath: [], python: false, include: ['app/**', 'migrations/**'] });
    expect(all.notices.filter((n) => n.startsWith('Code may read'))).toEqual([]);
  });
});

describe('family 5: a package that is project code off the import path', () => {
  it('undeclared advises --python-path for the folder that holds it, not requirements.txt', async () => {
    const root = tempDir('shipset-pyf-');
    writeFiles(root, {
      'main.py': 'import os, sys\nsys.path.insert(0, os.environ["VENDOR_DIR"])\nimport tinylib\nimport requests\n',
      'vendor/tinylib/__init__.py': '',
      'requirements.txt': 'flask\n',
    });
    const py = await buildPythonGraph({ root, entries: ['main.py'], pythonPath: [], python: false });
    expect(py.files.get('main.py')!.edges.find((e) => e.specifier === 'tinylib')).toMatchObject({ class: 'package', localCandidate: 'vendor/tinylib/' });
    const graph: ModuleGraph = {
      root,
      entries: ['main.py'],
      files: py.files,
      via: new Map([['main.py', null]]),
      dormant: [],
      sourceFiles: ['main.py'],
      inGit: false,
      notices: [],
      typeOnly: [],
    };
    const findings = await undeclaredPython.check({ graph, options: { root } as Options, notices: [] });
    expect(findings.map((f) => f.message)).toEqual([
      'main.py:3 imports tinylib, but tinylib is not declared in requirements.txt: a fresh install provides it only if a declared package happens to depend on it. The project has vendor/tinylib/, which is not on the import path: if that is the code that runs, pass --python-path vendor (python-path in the config); else add tinylib to requirements.txt (or [project] dependencies in pyproject.toml); if the package is provided another way, put `# shipset-ignore undeclared: <reason>` on the line above the import in main.py.',
      'main.py:4 imports requests, but requests is not declared in requirements.txt: a fresh install provides it only if a declared package happens to depend on it. Add requests to requirements.txt (or [project] dependencies in pyproject.toml), or remove the import; if the package is provided another way, put `# shipset-ignore undeclared: <reason>` on the line above the import in main.py.',
    ]);
    // With the folder named, it is project code and ships.
    const fixed = await buildPythonGraph({ root, entries: ['main.py'], pythonPath: ['vendor'], python: false });
    expect(fixed.files.has('vendor/tinylib/__init__.py')).toBe(true);
  });
});

describe("family 4: Django's include('app.urls')", () => {
  it('follows the URLconf named in include() when include comes from django.urls', async () => {
    const g = await graphOf(
      {
        'urls.py':
          'from django.urls import (\n    include,\n    path,\n)\nurlpatterns = [path("", include("blog.urls")), path("api/", include(("api.urls", "api"), namespace="api"))]\n',
        'other.py': 'def include(x):\n    return x\ninclude("not.django")\n',
        'blog/__init__.py': '',
        'blog/urls.py': '',
        'api/__init__.py': '',
        'api/urls.py': '',
      },
      ['urls.py', 'other.py'],
    );
    expect(
      edges(g.files.get('urls.py'))
        .filter((e) => e.loadedBy === 'include()')
        .map((e) => [e.specifier, e.target]),
    ).toEqual([
      ['blog', 'blog/__init__.py'],
      ['blog.urls', 'blog/urls.py'],
      ['api', 'api/__init__.py'],
      ['api.urls', 'api/urls.py'],
    ]);
    expect(edges(g.files.get('other.py'))).toEqual([]);
  });
});
