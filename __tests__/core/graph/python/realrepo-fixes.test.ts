// Regressions from running shipset on real Django / FastAPI repositories: each case is the
// minimal reproduction of what the real project does.
import { afterAll, describe, expect, it } from '@jest/globals';
import { buildPythonGraph } from '../../../../src/core/graph/python/index.js';
import { undeclaredPython } from '../../../../src/core/rules/undeclared-python.js';
import type { ModuleGraph, Options, RawFinding } from '../../../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles, type Files } from '../../../helpers/fixture.js';

afterAll(cleanupFixtures);

async function graphOf(files: Files, entry: string, root = tempDir('shipset-pyreal-')) {
  writeFiles(root, files);
  const py = await buildPythonGraph({ root, entries: [entry], pythonPath: [] });
  return { root, py };
}

async function undeclared(files: Files, entry: string): Promise<{ findings: RawFinding[]; notices: string[] }> {
  const { root, py } = await graphOf(files, entry);
  const graph: ModuleGraph = {
    root,
    entries: [entry],
    files: py.files,
    via: new Map([[entry, null]]),
    dormant: [],
    sourceFiles: [...py.files.keys()],
    inGit: false,
    notices: [],
    typeOnly: [],
  };
  const notices: string[] = [];
  const findings = await undeclaredPython.check({ graph, options: { root } as Options, notices });
  return { findings, notices };
}

const SHOP = { 'shop/__init__.py': '', 'shop/apps.py': 'class ShopConfig: pass\n', 'shop/models.py': '', 'shop/admin.py': '' };
const WSGI = { 'proj/__init__.py': '', 'proj/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n' };
const SHOP_FILES = ['shop/__init__.py', 'shop/admin.py', 'shop/apps.py', 'shop/models.py'];

describe('INSTALLED_APPS built from module-level lists', () => {
  it.each([
    [
      'a spread of lists',
      'LOCAL_APPS = ["shop.apps.ShopConfig"]\nTHIRD = ["rest_framework"]\nINSTALLED_APPS = ["django.contrib.admin", *LOCAL_APPS, *THIRD]\n',
    ],
    ['a sum of lists', 'DJANGO_APPS = ("django.contrib.admin",)\nLOCAL_APPS = ["shop"]\nINSTALLED_APPS = DJANGO_APPS + LOCAL_APPS\n'],
    ['+= of a list', 'INSTALLED_APPS = ["django.contrib.admin"]\nLOCAL = ["shop"]\nINSTALLED_APPS += LOCAL\n'],
    ['a list extended before use', 'LOCAL_APPS = []\nLOCAL_APPS += ["shop.apps.ShopConfig"]\nINSTALLED_APPS = ["django.contrib.admin", *LOCAL_APPS]\n'],
  ])('follows %s', async (_name, settings) => {
    const { py } = await graphOf({ ...WSGI, ...SHOP, 'proj/settings.py': settings }, 'proj/wsgi.py');
    for (const f of SHOP_FILES) expect(py.files.has(f)).toBe(true);
    const settingsNode = py.files.get('proj/settings.py')!;
    expect(settingsNode.dynamic).toEqual([]);
    expect(settingsNode.edges.some((e) => e.class === 'package' && e.specifier === 'django.contrib.admin')).toBe(true);
  });

  it('makes a value it cannot read a dynamic site naming the setting', async () => {
    const { py } = await graphOf(
      {
        ...WSGI,
        ...SHOP,
        'proj/settings.py': 'from .base import BASE_APPS\nINSTALLED_APPS = [*BASE_APPS, *get_apps(), "shop"]\n',
        'proj/base.py': 'BASE_APPS = []\n',
      },
      'proj/wsgi.py',
    );
    const dyn = py.files.get('proj/settings.py')!.dynamic.map((d) => d.expression);
    expect(dyn).toEqual(['INSTALLED_APPS includes BASE_APPS', 'INSTALLED_APPS includes get_apps()']);
    expect(py.files.has('shop/models.py')).toBe(true);
  });

  it('does not loop on a list that names itself', async () => {
    const { py } = await graphOf(
      { ...WSGI, ...SHOP, 'proj/settings.py': 'INSTALLED_APPS = ["shop"]\nINSTALLED_APPS = INSTALLED_APPS + ["x_app"]\nA = [*A]\nMIDDLEWARE = [*A]\n' },
      'proj/wsgi.py',
    );
    const node = py.files.get('proj/settings.py')!;
    expect(node.edges.some((e) => e.specifier === 'x_app')).toBe(true);
    expect(node.dynamic.map((d) => d.expression)).toEqual(['MIDDLEWARE includes A']);
  });
});

describe('optional Django apps', () => {
  it('makes apps added in a function or an if branch warnings, one per package', async () => {
    const { findings } = await undeclared(
      {
        'requirements.txt': 'django\n',
        'settings.py': [
          'INSTALLED_APPS = ["django.contrib.admin"]',
          'try:',
          '    import debug_toolbar',
          '    HAS = True',
          'except ImportError:',
          '    HAS = False',
          'if HAS:',
          '    INSTALLED_APPS += ["debug_toolbar"]',
          'def enable():',
          '    global INSTALLED_APPS',
          '    INSTALLED_APPS += ["silk"]',
          'INSTALLED_APPS += ["corsheaders"]',
          '',
        ].join('\n'),
      },
      'settings.py',
    );
    const by = (name: string) => findings.filter((f) => f.specifier?.split('.')[0] === name);
    expect(by('debug_toolbar')).toHaveLength(1);
    expect(by('debug_toolbar')[0].level).toBe('warn');
    expect(by('silk')).toHaveLength(1);
    expect(by('silk')[0].level).toBe('warn');
    expect(by('corsheaders')).toHaveLength(1);
    expect(by('corsheaders')[0].level).toBeUndefined();
  });
});

describe('Django include()', () => {
  it('reads only the first element of a tuple as a module, never the namespace', async () => {
    const { findings, notices } = await undeclared(
      {
        'requirements.txt': 'django\n',
        'urls.py': [
          'from django.urls import include, path',
          'def a(request): pass',
          'urlpatterns = [',
          '    path("x/", include(([path("a/", a)], "session"))),',
          '    path("y/", include(([path("b/", a)], "other"), namespace="ns2")),',
          '    path("z/", include(("blog.urls", "blog"))),',
          ']',
          '',
        ].join('\n'),
        'blog/__init__.py': '',
        'blog/urls.py': 'urlpatterns = []\n',
      },
      'urls.py',
    );
    expect(findings.map((f) => f.specifier)).toEqual([]);
    expect(notices.join('\n')).not.toMatch(/session|other/);
  });

  it('follows the module of include(("blog.urls", "blog"))', async () => {
    const { py } = await graphOf(
      {
        'urls.py': 'from django.urls import include, path\nurlpatterns = [path("z/", include(("blog.urls", "blogns")))]\n',
        'blog/__init__.py': '',
        'blog/urls.py': 'urlpatterns = []\n',
      },
      'urls.py',
    );
    expect(py.files.has('blog/urls.py')).toBe(true);
    expect([...py.files.values()].flatMap((n) => n.edges).some((e) => e.specifier === 'blogns')).toBe(false);
  });
});

describe('requires-python of the nearest project', () => {
  it('judges a workspace member by its own requires-python', async () => {
    const { py, root } = await graphOf(
      {
        'pyproject.toml': '[tool.uv.workspace]\nmembers = ["svc"]\n',
        'svc/pyproject.toml': '[project]\nname = "svc"\nrequires-python = ">=3.14"\ndependencies = []\n',
        'svc/app/__init__.py': '',
        'svc/app/main.py': 'from app import util\n',
        'svc/app/util.py': 'try:\n    pass\nexcept ValueError, TypeError:\n    pass\n',
      },
      'svc/app/main.py',
    );
    expect(root).toBeTruthy();
    expect(py.files.get('svc/app/util.py')?.parseError).toBeUndefined();
  });

  it('still rejects that syntax where the nearest project declares an older minimum', async () => {
    const { py } = await graphOf(
      {
        'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.14"\n',
        'svc/setup.cfg': '[options]\npython_requires = >=3.9\n',
        'svc/app/__init__.py': '',
        'svc/app/main.py': 'from app import util\n',
        'svc/app/util.py': 'try:\n    pass\nexcept ValueError, TypeError:\n    pass\n',
      },
      'svc/app/main.py',
    );
    expect(py.files.get('svc/app/util.py')?.parseError).toBeDefined();
  });
});

describe('packages installed through a declared package', () => {
  const MAIN = 'from starlette.middleware.cors import CORSMiddleware\nimport sqlalchemy\nimport pydantic\nimport fastapi\nimport sqlmodel\nimport httpx\n';
  const PYPROJECT = '[project]\nname = "app"\ndependencies = ["fastapi", "sqlmodel"]\n';

  it.each([
    [
      'uv.lock',
      '[[package]]\nname = "fastapi"\nversion = "0.1"\ndependencies = [\n    { name = "starlette" },\n]\n\n[[package]]\nname = "Starlette"\n\n[[package]]\nname = "pydantic"\n\n[[package]]\nname = "SQLAlchemy"\n\n[[package]]\nname = "sqlmodel"\n',
    ],
    [
      'poetry.lock',
      '[[package]]\nname = "starlette"\nversion = "1"\n\n[package.dependencies]\nanyio = "*"\n\n[[package]]\nname = "pydantic"\n\n[[package]]\nname = "sqlalchemy"\n',
    ],
    ['Pipfile.lock', JSON.stringify({ _meta: {}, default: { starlette: {}, pydantic: {}, sqlalchemy: {} }, develop: {} })],
  ])('warns (not errors) when %s pins the distribution', async (lock, text) => {
    const { findings } = await undeclared({ 'pyproject.toml': PYPROJECT, [lock]: text, 'main.py': MAIN }, 'main.py');
    const warned = findings
      .filter((f) => f.level === 'warn')
      .map((f) => f.specifier)
      .sort();
    expect(warned).toEqual(['pydantic', 'sqlalchemy', 'starlette.middleware.cors']);
    for (const f of findings.filter((x) => x.level === 'warn'))
      expect(f.message).toContain(`installed today through ${lock} as a dependency of another package`);
    // httpx is in no lock: still an error.
    expect(findings.filter((f) => f.level !== 'warn').map((f) => f.specifier)).toEqual(['httpx']);
  });

  it('finds the lock of a workspace at the root above the member manifest', async () => {
    const { findings } = await undeclared(
      {
        'uv.lock': '[[package]]\nname = "starlette"\n',
        'pyproject.toml': '[tool.uv.workspace]\nmembers = ["svc"]\n',
        'svc/pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi"]\n',
        'svc/main.py': 'import fastapi\nimport starlette\n',
      },
      'svc/main.py',
    );
    expect(findings.map((f) => [f.specifier, f.level])).toEqual([['starlette', 'warn']]);
    expect(findings[0].message).toContain('uv.lock');
  });

  it('keeps the error without a lockfile', async () => {
    const { findings } = await undeclared({ 'pyproject.toml': PYPROJECT, 'main.py': 'import fastapi\nimport sqlmodel\nimport starlette\n' }, 'main.py');
    expect(findings.map((f) => [f.specifier, f.level])).toEqual([['starlette', undefined]]);
  });
});

describe('imports whose distribution has an unrelated name', () => {
  it('warns naming the declared distributions shipset cannot map', async () => {
    const { findings } = await undeclared({ 'requirements.txt': 'django\ndrf-jwt\n', 'main.py': 'import django\nimport rest_framework_jwt\n' }, 'main.py');
    expect(findings).toHaveLength(1);
    expect(findings[0].level).toBe('warn');
    expect(findings[0].message).toContain('drf-jwt');
  });

  it('stays an error when the unmapped declared distributions share no word with it', async () => {
    const { findings } = await undeclared({ 'requirements.txt': 'django\ngunicorn\n', 'main.py': 'import django\nimport rest_framework_jwt\n' }, 'main.py');
    expect(findings.map((f) => [f.specifier, f.level])).toEqual([['rest_framework_jwt', undefined]]);
  });

  it('stays an error when every declared distribution is accounted for', async () => {
    const { findings } = await undeclared({ 'requirements.txt': 'django\nPyYAML\n', 'main.py': 'import django\nimport rest_framework_jwt\n' }, 'main.py');
    expect(findings.map((f) => [f.specifier, f.level])).toEqual([['rest_framework_jwt', undefined]]);
  });
});

describe('--python-path advice', () => {
  it('never suggests a settings folder for a well-known package', async () => {
    const { findings } = await undeclared(
      {
        'requirements.txt': 'django\n',
        'main.py': 'import django\nimport jwt\nimport tinylib\n',
        'config/__init__.py': '',
        'config/settings/__init__.py': '',
        'config/settings/jwt.py': '',
        'vendor/tinylib/__init__.py': '',
      },
      'main.py',
    );
    const jwt = findings.find((f) => f.specifier === 'jwt')!;
    expect(jwt.message).not.toContain('--python-path');
    expect(jwt.message).toContain('Add pyjwt');
    expect(findings.find((f) => f.specifier === 'tinylib')!.message).toContain('--python-path vendor');
  });
});
