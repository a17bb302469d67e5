// The shipped set against what CPython loads: each fixture's entry runs under python3 (a temp
// copy, third-party packages replaced by stand-ins that import project modules by name as the
// real framework does), and every project file it loaded must be in shipset's set. Files
// shipset adds beyond that are listed by name, with the reason they ship.
import { afterAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { buildPythonGraph } from '../../../../src/core/graph/python/index.js';
import { cleanupFixtures, copyFixture } from '../../../helpers/fixture.js';
import { hasPython3, recordLoaded, type RecordOptions } from './cpython-recorder.js';

afterAll(cleanupFixtures);

const SITE = path.resolve('__fixtures__/python/site-stubs');
const withPython = hasPython3() ? describe : describe.skip;

interface Case {
  fixture: string;
  run: Omit<RecordOptions, 'site'>;
  /** Shipped but not loaded by this start, and why. */
  extra: Record<string, string>;
  pythonPath?: string[];
}

const CASES: Record<string, Case> = {
  'a Django project entered at config/wsgi.py (gunicorn config.wsgi)': {
    fixture: 'django-config',
    run: { entry: 'config/wsgi.py', mode: 'module', module: 'config.wsgi' },
    extra: {
      'blog/tasks.py': "Celery include=['blog.tasks']: loaded when the worker starts",
      'shop/tasks.py': "autodiscover_tasks(['shop']): loaded when the worker starts",
    },
  },
  'a Flask app (gunicorn wsgi:app)': {
    fixture: 'flask-app',
    run: { entry: 'wsgi.py', mode: 'script' },
    extra: {},
  },
  'a FastAPI app (uvicorn svc.main:app)': {
    fixture: 'fastapi-app',
    run: { entry: 'svc/main.py', mode: 'module', module: 'svc.main' },
    extra: {},
  },
  'a CLI with a src/ layout (python -m mycli)': {
    fixture: 'src-cli',
    run: { entry: 'src/mycli/__main__.py', mode: 'module', module: 'mycli.__main__', search: 'src' },
    extra: {},
  },
  'a script that puts vendor/ on sys.path from __file__': {
    fixture: 'vendor-path',
    run: { entry: 'main.py', mode: 'script' },
    extra: {},
  },
  'a script that appends the relative path "vendor" to sys.path': {
    fixture: 'vendor-path',
    run: { entry: 'tools/report.py', mode: 'script' },
    extra: {},
  },
  'fallback imports and a computed import_module package': {
    fixture: 'optional-imports',
    run: { entry: 'main.py', mode: 'script' },
    // plugins/hooks.py is loaded through import_module('.hooks', PKG): a dynamic site that
    // names it, so the set cannot contain it without include.
    extra: {},
  },
};

withPython('differential: shipset ships every project file CPython loads', () => {
  it.each(Object.entries(CASES))('%s', async (_name, c) => {
    const root = copyFixture(`python/${c.fixture}`);
    const loaded = recordLoaded(root, { ...c.run, site: SITE });
    expect(loaded.length).toBeGreaterThan(0);
    const graph = await buildPythonGraph({ root, entries: [c.run.entry], pythonPath: c.pythonPath ?? [] });
    const shipped = [...graph.files.keys()].sort();
    const dynamicOnly = c.fixture === 'optional-imports' ? ['plugins/__init__.py', 'plugins/hooks.py'] : [];
    expect(loaded.filter((f) => !shipped.includes(f) && !dynamicOnly.includes(f))).toEqual([]);
    expect(shipped.filter((f) => !loaded.includes(f))).toEqual(Object.keys(c.extra).sort());
    for (const node of graph.files.values()) expect(node.parseError).toBeUndefined();
    if (c.fixture === 'optional-imports') {
      expect(loaded).toEqual(expect.arrayContaining(dynamicOnly));
      expect(graph.files.get('main.py')!.dynamic).toEqual([expect.objectContaining({ line: 19, expression: '".hooks", PKG' })]);
    }
  });
});
