// The Python engine's two readers of a file, side by side: CPython's (extract.ts, over the tree
// ast.parse built for the syntax verdict) must return exactly what the built-in grammar's
// parsePython returns (imports with positions and flags, dynamic sites, sys.path changes) for
// every .py file of the fixtures and a corpus of tricky forms; the few places where the grammar
// misreads valid Python are listed with CPython's (correct) answer. The engine uses CPython's
// reading when a python3 is present.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { buildPythonGraph } from '../../../../src/core/graph/python/index.js';
import { CPythonParser, type CPythonVerdict } from '../../../../src/core/graph/python/cpython.js';
import { parsePython, type ParsedPython } from '../../../../src/core/graph/python/parse.js';
import { cleanupFixtures, tempDir, writeFiles } from '../../../helpers/fixture.js';
import { hasPython3 } from './cpython-recorder.js';

afterAll(cleanupFixtures);

const withPython = hasPython3() ? describe : describe.skip;

/** Valid and invalid forms the two readers must agree on (CPython answers for the valid ones). */
const CORPUS: Record<string, string> = {
  'bom.py': "\ufeffimport a\nfrom . import b\nimport_module('c')\n",
  'calls.py':
    "import importlib\nimportlib.import_module('a.b')\nimport_module('.c', __package__)\nimport_module('..d', 'pkg.sub')\nimport_module('.e', pkg)\nimport_module('.f')\n__import__('g')\n__import__(name)\nimportlib.import_module(f'x.{y}')\nimportlib.import_module(name='h', package=None)\nimportlib.import_module(package='p.q', name='.r')\nimport_module(*args)\nimport_module(**kw)\nimport_module('a' 'b')\nimport_module('s' # c\n  'b')\nimport_module(r'raw\\.x')\nimport_module(b'bytes')\nimportlib . import_module ('spaced')\nimport_module(import_module('inner'))\n__import__('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' + y)\n",
  'celery_app.py':
    "from celery import Celery\napp = Celery('proj', include=['proj.tasks', 'other.tasks'])\napp.config_from_object('proj.celeryconfig')\napp.config_from_object('django.conf:settings', namespace='CELERY')\napp.autodiscover_tasks(['a', 'b'])\napp.autodiscover_tasks(['c'], related_name='jobs')\napp.autodiscover_tasks(packages=['d'], related_name=x)\napp.autodiscover_tasks(lambda: settings.INSTALLED_APPS)\n",
  'comments_if.py': 'if a:\n    import x\n    # sys.platform indented\nelif b:\n    import y\n  # sys.platform odd\nelse:\n    import z\n',
  'continuation.py': 'import a, \\\n    b\nx = 1 + \\\n  2; import c\nfrom d import \\\n  e\n',
  'crlf.py': "import a\r\nfrom b import (c,\r\n   d)\r\nimportlib.import_module('e')\r\nsys.path.insert(0, 'x')\r\n",
  'decorators.py':
    "@import_module('deco')\ndef f():\n    pass\n@app.route(import_module('deco.arg'))\nclass C(Base, metaclass=import_module('meta')):\n    pass\n",
  'deep_if.py': 'if a:\n    if sys.version_info > (3,):\n        import b\n    import c\nelse:\n    if TYPE_CHECKING:\n        import d\n',
  'django_settings.py':
    "import os\nDJANGO_APPS = ['django.contrib.admin', 'django.contrib.auth']\nLOCAL_APPS = [\n    'app.one',  # comment\n    'app.two.apps.TwoConfig',\n]\nTHIRD = ('rest_framework',)\nINSTALLED_APPS = DJANGO_APPS + LOCAL_APPS + list(THIRD)\nINSTALLED_APPS += ['extra']\nMIDDLEWARE = [*DJANGO_APPS, 'app.middleware.Timing', f'x.{y}', 3]\nROOT_URLCONF = 'config.urls'\nWSGI_APPLICATION = 'config.wsgi.application'\nAUTHENTICATION_BACKENDS = get_backends()\nif DEBUG:\n    INSTALLED_APPS += ['debug_toolbar']\ndef f():\n    MIDDLEWARE = ['in.func']\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings')\nos.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.prod'\nos.environ[\"DJANGO_SETTINGS_MODULE\"] = \"config.settings.dev\"\nX: list = ['annotated.skip']\nA = B = ['chained']\nLOCAL_APPS += ['late']\n",
  'empty.py': '',
  'exec_forms.py':
    "exec('import x')\neval('__import__(\"y\")')\ngetattr(importlib, 'import_module')('z')\n(importlib.import_module)('p')\nimportlib.import_module('q')('r')\n",
  'fstrings.py': "x = f'{import_module(\"inside.fstring\")}'\ny = f'{a!r:>{w}}' f'{b}'\nimport after\n",
  'global_strings.py':
    "ROOT_URLCONF = ('config'\n  '.urls')\nWSGI_APPLICATION = u'config.wsgi.app'\nASGI_APPLICATION = R'config.asgi.app'\nMIDDLEWARE = ['''x.y.Z''', \"\"\"a.b.C\"\"\"]\nMIDDLEWARE_CLASSES = 'a' 'b.c' # t\n",
  'guards.py':
    "import sys, os, platform\nif sys.version_info >= (3, 11):\n    import tomllib\nelse:\n    import tomli\nif sys.platform == 'win32':\n    import winreg\nelif os.name == 'posix':\n    import posix\nif platform.system() == 'Linux':\n    import a\nif PY2:\n    import b\nif x:\n    import c\n# sys.platform\nelse:\n    import d\n",
  'lone_cr.py': 'import a\rimport b\n',
  'match_stmt.py':
    "match cmd:\n    case ['load', name]:\n        import loader\n    case {'x': 1}:\n        importlib.import_module('m.x')\n    case Point(x=0) if guard():\n        pass\n    case _:\n        import fallback\nmatch = 1\n",
  'nested.py':
    "def f():\n    import a\n    try:\n        import b\n    except ImportError:\n        pass\nclass C:\n    import d\n    def m(self, x=import_module('q')):\n        import e\ntry:\n    def g():\n        import h\n    lam = lambda: __import__('lam')\nexcept ImportError:\n    pass\nasync def h():\n    import i\n",
  'nonascii.py':
    "ñame = 1\nimport é\nfrom ñ import ü as ß, ÿ\nx = '€€'; import_module('after.euro')\ny = '😀'; import_module('after.emoji'); import z\nimport_module('€x')\n__import__(ñame + '😀😀')\n",
  'only_comment.py': "# import x\n'''import y'''\n",
  'paren_arg.py': "import_module(('x'))\n",
  'paren_tc.py': 'if (TYPE_CHECKING):\n    import a\n',
  'rel_levels.py':
    'from . import a\nfrom .. import b\nfrom ... import c\nfrom .... import d\nfrom .x import y\nfrom ..x.y import z as w, v\nfrom ...x import (p,\n    q as r,\n)\n',
  'rel_spaces.py': 'from . x import y\nfrom .\\\n  x import y\nfrom\t.. import z\n',
  'star_alias.py': 'from m import *\nimport a.b.c as d, e\nimport  f . g\n',
  'syntax_error.py': 'import a\ndef f(:\n    pass\n',
  'syntax_error2.py': 'import a\nreturn 1\n',
  'syspath.py':
    "import sys, os, site\nfrom pathlib import Path\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), 'vendor'))\nsys.path.append('lib')\nsys.path.insert(1, os.path.dirname(os.path.abspath(__file__)))\nsys.path.insert(0, str(Path(__file__).resolve().parent.parent / 'src'))\nsite.addsitedir(os.path.join(os.path.dirname(os.path.realpath(__file__)), '..', 'x/'))\nsys.path.append(computed())\nsys.path.insert(0, Path(__file__).parent)\nsys.path.append(os.path.join(BASE, 'x'))\nsys.path.append('C:/x')\nsys.path.append('')\nsys.path.append(os.path.normpath(os.path.join(__file__, '..', '..')))\nsys.path.insert( 0 ,\n   'multi' )\n",
  'tabs.py': "if x:\n\timport a\n\tfrom b import c\n\timport_module('d')\n",
  'try_variants.py':
    'try:\n    import a\nexcept ImportError:\n    import b\ntry:\n    import c\nexcept ModuleNotFoundError as e:\n    import d\nelse:\n    import e\nfinally:\n    import f\ntry:\n    import g\nexcept Exception:\n    pass\ntry:\n    import h\nexcept (ValueError, ImportError):\n    pass\ntry:\n    import i\nexcept ValueError:\n    import j\ntry:\n    import k\nexcept:\n    import l\ntry:\n    import m\nexcept builtins.ImportError:\n    pass\n',
  'trystar.py': 'try:\n    import a\nexcept* ImportError:\n    import b\n',
  'type_checking.py':
    'from typing import TYPE_CHECKING\nimport typing, typing as t\nif TYPE_CHECKING:\n    import a\nelse:\n    import b\nif typing.TYPE_CHECKING:\n    import c\nelif x:\n    import d\nif t.TYPE_CHECKING: import e\nif not TYPE_CHECKING:\n    import f\n',
  'urls.py':
    "from django.urls import include, path\nurlpatterns = [\n    path('a/', include('app.urls')),\n    path('b/', include(('b.urls', 'b'), namespace='b')),\n    path('c/', include((patterns, 'c'))),\n]\n",
  'walrus_comp.py':
    "if (m := import_module('w')):\n    pass\nxs = [import_module(n) for n in names]\nd = {k: import_module('dv') for k in ks}\nd2 = {import_module('dk'): 1, **other}\nv = import_module('a') if c else import_module('b')\n",
  'with_for.py':
    "with open('f') as fh, ctx() as (a, b):\n    import w\nfor x in y:\n    import fo\nelse:\n    import fe\nwhile True:\n    import wh\n    break\nasync def g():\n    async with a as b:\n        import aw\n    async for q in r:\n        import af\n",
  'celery2.py':
    "app = Celery('p', include=('a.tasks', get(), 'b' 'c', ['d.tasks']))\napp = celery.Celery(include='single.mod')\napp.autodiscover_tasks(('x', 'y'), 'jobs')\napp.autodiscover_tasks(['bad name'], related_name='t')\napp.autodiscover_tasks()\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', f'{x}')\nos.environ.setdefault(key, 'a.b')\nenviron.setdefault('DJANGO_SETTINGS_MODULE', 'short.env')\napp.config_from_object(obj)\n",
  'decos2.py':
    "@decorator(import_module('d1'))\n@other.attr(x=__import__('d2'))\nasync def f(a=import_module('d3'), *, b: import_module('d4') = None) -> import_module('d5'):\n    pass\nclass K(metaclass=M, base=import_module('k1')):\n    x = import_module('k2')\n",
  'deep.py':
    'if x0:\n    if x1:\n        if x2:\n            if x3:\n                if x4:\n                    if x5:\n                        if x6:\n                            if x7:\n                                if x8:\n                                    if x9:\n                                        if x10:\n                                            if x11:\n                                                if x12:\n                                                    if x13:\n                                                        if x14:\n                                                            if x15:\n                                                                if x16:\n                                                                    if x17:\n                                                                        if x18:\n                                                                            if x19:\n                                                                                if x20:\n                                                                                    if x21:\n                                                                                        if x22:\n                                                                                            if x23:\n                                                                                                if x24:\n                                                                                                    if x25:\n                                                                                                        if x26:\n                                                                                                            if x27:\n                                                                                                                if x28:\n                                                                                                                    if x29:\n                                                                                                                        if x30:\n                                                                                                                            if x31:\n                                                                                                                                if x32:\n                                                                                                                                    if x33:\n                                                                                                                                        if x34:\n                                                                                                                                            if x35:\n                                                                                                                                                if x36:\n                                                                                                                                                    if x37:\n                                                                                                                                                        if x38:\n                                                                                                                                                            if x39:\n                                                                                                                                                                if x40:\n                                                                                                                                                                    if x41:\n                                                                                                                                                                        if x42:\n                                                                                                                                                                            if x43:\n                                                                                                                                                                                if x44:\n                                                                                                                                                                                    if x45:\n                                                                                                                                                                                        if x46:\n                                                                                                                                                                                            if x47:\n                                                                                                                                                                                                if x48:\n                                                                                                                                                                                                    if x49:\n                                                                                                                                                                                                        if x50:\n                                                                                                                                                                                                            if x51:\n                                                                                                                                                                                                                if x52:\n                                                                                                                                                                                                                    if x53:\n                                                                                                                                                                                                                        if x54:\n                                                                                                                                                                                                                            if x55:\n                                                                                                                                                                                                                                if x56:\n                                                                                                                                                                                                                                    if x57:\n                                                                                                                                                                                                                                        if x58:\n                                                                                                                                                                                                                                            if x59:\n                                                                                                                                                                                                                                                import deep\n',
  'formfeed.py': '\fimport a\n\f\nif x:\n\f    import b\n',
  'ifchains.py':
    "if a:\n    import a1\nelse:\n    if sys.platform == 'x':\n        import a2\nif b: import b1\nelse: import b2\nif c:\n    pass\n    # os.name here\nelif d:\n    import d1\nif e:\n    import e1\n\n    # PY2 trailing\n\nimport after\n",
  'lambda2.py':
    "f = lambda x=import_module('ld'): import_module('lb')\ng = [import_module(x) for x in y if import_module('cond')]\nh = {import_module('k'): import_module('v') for a in b}\nasync def q():\n    r = [await import_module('aw') async for x in y]\n",
  'long_expr.py':
    "import_module('😀' + 'x' + 'x' + 'x' + 'x' + 'x' + 'x' + 'x' + 'x' + 'x' + 'x' + 'x' + 'x' + 'x' + 'x' + 'x' + 'x' + 'x' + 'x' + 'x' + 'x' + y)\nsys.path.append(os.path.join(BASE_DIR, 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'e'))\n",
  'match2.py': "match x:\n    case {'a': import_module}:\n        import_module('m1')\n    case [*rest] if import_module('m2'):\n        pass\n",
  'multi_args.py': "import_module(\n  'a.b'\n)\nimport_module(a  # c\n  + b)\n__import__('a.b', fromlist=['c'])\nimportlib.import_module(name=f'x')\n",
  'semicolons.py':
    "import a; import b\nx='é'; from c import d\nx='😀'; from e import f as g\nfrom \\\n  h import i\nfrom . import (j, k,)\nfrom .\\\n  l import m\n",
  'settings2.py':
    "INSTALLED_APPS = (\n  'a',\n  'b.apps.BConfig',\n)\nINSTALLED_APPS = [] + get()\nMIDDLEWARE = [\n  # c\n  'x.y.Z',\n]\nROOT_URLCONF = f'{x}.urls'\nROOT_URLCONF = b'bytes'\nAUTHENTICATION_BACKENDS = ['a.B'] * 2\nINSTALLED_APPS += LOCAL\nLOCAL = ['late.app']\nclass S:\n    INSTALLED_APPS = ['in.class']\n",
  'strings2.py':
    "import_module('a\\'b')\nimport_module(\"\"\"trip'le\"\"\")\nimport_module('''x\n.y''')\nimport_module(u'uni.code')\nimport_module(rb'x')\nimport_module(f\"{'q'}\")\nimport_module('a' 'b' 'c')\nimport_module('a' f'b')\nimportlib.import_module('.' 'x', __name__)\nimport_module('..', 'a.b.c')\nimport_module('...x', 'a')\n",
  'syspath2.py':
    "sys.path.insert(0, os.path.join(BASE_DIR, 'apps'))\nsys.path[0:0] = ['x']\nsys.path.insert(0)\nsys.path.append()\nsys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))\nsys.path.insert(0, (Path(__file__).parent / 'lib').resolve())\nsys.path.append(str(Path(__file__).absolute().parent.parent))\nsite.addsitedir('/abs/path')\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), '../..', './x/'))\nsys.path.append(Path(__file__).parent / '..' / 'y')\n",
  'try2.py':
    'try:\n    import a\nexcept (ImportError if x else Y):\n    import b\ntry:\n    import c\nexcept Foo as ImportError:\n    pass\ntry:\n    import d\nexcept errors[0]:\n    pass\ntry:\n    import e\nexcept:\n    pass\nelse:\n    import f\nfinally:\n    import g\n',
  'urls2.py':
    "from django.conf.urls import url, include\nurlpatterns = [url(r'^a/', include('a.urls', namespace='a')), url(r'^b/', include(('b.urls', 'b'))), path('', include(router.urls))]\nx = urls.include('c.urls')\n",
  'walrus2.py': "if (n := import_module('w1')) and sys.version_info > (3,):\n    import w2\nwhile (m := __import__('w3')):\n    import w4\n",
};

/** Files CPython accepts but leaves to the grammar: lone carriage returns (line numbers), bytes that are not UTF-8 (a coding declaration). */
const NO_ANSWER = new Set(['lone_cr.py', 'latin1.py']);

/** Valid Python the grammar misreads; CPython's reading is the one the engine uses when a python3 is present. */
const GRAMMAR_WRONG: Record<string, { why: string; cpython: Partial<ParsedPython> }> = {
  'paren_arg.py': {
    why: "import_module(('x')) imports x: the grammar keeps the parentheses and calls it a dynamic site",
    cpython: { imports: [{ module: 'x', level: 0, line: 1, column: 16, optional: false, viaCall: true }], dynamic: [] },
  },
};

function pyFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? pyFiles(p) : e.name.endsWith('.py') ? [p] : [];
  });
}

const grammar = (source: Buffer): Omit<ParsedPython, 'error'> => {
  const { error: _error, ...facts } = parsePython(source.toString('utf8'));
  return facts;
};

withPython('CPython reads what the grammar reads', () => {
  let cpython: CPythonParser;
  beforeAll(async () => {
    cpython = (await CPythonParser.start())!;
  });
  afterAll(() => cpython?.close());

  const sources = (): Array<{ name: string; source: Buffer }> => [
    ...Object.entries(CORPUS).map(([name, text]) => ({ name, source: Buffer.from(text, 'utf8') })),
    { name: 'latin1.py', source: Buffer.from('# -*- coding: latin-1 -*-\nx = "\xe9"\nimport a\n', 'latin1') },
  ];

  it('the corpus: identical results, except where the grammar misreads valid Python', async () => {
    if (cpython.version[1] < 10) return; // no positions on import names before 3.10: the grammar reads every file
    const files = sources();
    const verdicts: CPythonVerdict[] = await cpython.analyze(files);
    const answered = new Set<string>();
    files.forEach((f, i) => {
      const v = verdicts[i];
      if (v.error) return;
      if (!v.parsed) {
        expect([f.name, 'no answer']).toEqual([f.name, NO_ANSWER.has(f.name) ? 'no answer' : 'answer']);
        return;
      }
      answered.add(f.name);
      const wrong = GRAMMAR_WRONG[f.name];
      if (wrong) {
        expect(v.parsed).toMatchObject(wrong.cpython);
        expect(grammar(f.source)).not.toEqual(v.parsed);
      } else expect({ file: f.name, ...v.parsed }).toEqual({ file: f.name, ...grammar(f.source) });
    });
    expect(verdicts.filter((v) => v.error).length).toBe(2); // syntax_error.py, syntax_error2.py
    expect(answered.size).toBe(files.length - 2 - NO_ANSWER.size);
  });

  it('both read if (TYPE_CHECKING): as a TYPE_CHECKING block and except* ImportError: as catching ImportError', async () => {
    if (cpython.version[1] < 10) return;
    const files = ['paren_tc.py', 'trystar.py'].map((name) => ({ name, source: Buffer.from(CORPUS[name], 'utf8') }));
    const [tc, star] = await cpython.analyze(files);
    expect(tc.parsed?.imports).toEqual([]);
    expect(star.parsed?.imports.map((i) => [i.module, i.optional])).toEqual([
      ['a', true],
      ['b', true],
    ]);
    expect(grammar(files[0].source)).toEqual(tc.parsed);
    expect(grammar(files[1].source)).toEqual(star.parsed);
  });

  it('every .py file of the fixtures: identical results', async () => {
    if (cpython.version[1] < 10) return;
    const files = pyFiles(path.resolve('__fixtures__')).map((f) => ({ name: path.relative(process.cwd(), f), source: fs.readFileSync(f) }));
    expect(files.length).toBeGreaterThan(50);
    const verdicts = await cpython.analyze(files);
    files.forEach((f, i) => {
      expect({ file: f.name, answered: !!verdicts[i].parsed }).toEqual({ file: f.name, answered: true });
      expect({ file: f.name, ...verdicts[i].parsed }).toEqual({ file: f.name, ...grammar(f.source) });
    });
  });

  it('positions are UTF-16 columns after a byte order mark, across CRLF, tabs and non-BMP characters', async () => {
    if (cpython.version[1] < 10) return;
    const source = Buffer.from("\ufeffx = '😀€'; import_module('a.b')\r\nif x:\r\n\timport c\n", 'utf8');
    const [v] = await cpython.analyze([{ name: 'n.py', source }]);
    expect(v.parsed?.imports.map(({ module, line, column }) => ({ module, line, column }))).toEqual([
      { module: 'a.b', line: 1, column: 26 },
      { module: 'c', line: 3, column: 9 },
    ]);
    expect(v.parsed).toEqual(grammar(source));
  });

  it('the engine follows what CPython reads (the grammar alone would not)', async () => {
    const root = tempDir('shipset-cpy-extract-');
    writeFiles(root, { 'app.py': "from importlib import import_module\nimport_module(('helper'))\n", 'helper.py': 'X = 1\n' });
    const withCPython = await buildPythonGraph({ root, entries: ['app.py'], pythonPath: [] });
    const grammarOnly = await buildPythonGraph({ root, entries: ['app.py'], pythonPath: [], python: false });
    if (cpython.version[1] >= 10) expect([...withCPython.files.keys()].sort()).toEqual(['app.py', 'helper.py']);
    expect([...grammarOnly.files.keys()]).toEqual(['app.py']);
    expect(grammarOnly.files.get('app.py')!.dynamic).toHaveLength(1);
  });
});
