import { afterAll, describe, expect, it } from '@jest/globals';
import { buildPythonGraph } from '../../../src/core/graph/python/index.js';
import { readToml } from '../../../src/core/graph/python/toml.js';
import { undeclaredPython } from '../../../src/core/rules/undeclared-python.js';
import type { ModuleGraph, Options, RawFinding } from '../../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles, type Files } from '../../helpers/fixture.js';

afterAll(cleanupFixtures);

const IMPORTS = [
  'import os',
  'import yaml',
  'from PIL import Image',
  'import cv2',
  'from sklearn import svm',
  'from bs4 import BeautifulSoup',
  'from dateutil import parser',
  'from dotenv import load_dotenv',
  'import jwt',
  'from google.protobuf import message',
  'import requests',
  'import pytest',
  'import psycopg2',
  'import attr',
  'import myservice.core',
  'try:',
  '    import ujson',
  'except ImportError:',
  '    ujson = None',
  '',
].join('\n');

async function run(files: Files): Promise<{ findings: RawFinding[]; notices: string[] }> {
  const root = tempDir('shipset-pyrule-');
  writeFiles(root, { 'app.py': IMPORTS, ...files });
  const py = await buildPythonGraph({ root, entries: ['app.py'], pythonPath: [] });
  const graph: ModuleGraph = {
    root,
    entries: ['app.py'],
    files: py.files,
    via: new Map([['app.py', null]]),
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

/** Error findings; the optional `ujson` import (try/except ImportError) is a warning, checked below. */
const flagged = (findings: RawFinding[]): string[] =>
  findings
    .filter((f) => f.level !== 'warn')
    .map((f) => f.specifier!)
    .sort();

describe('undeclared (python)', () => {
  it('reads requirements.txt with includes, extras, markers and comments, mapping import names', async () => {
    const { findings, notices } = await run({
      'requirements.txt': [
        '# runtime',
        '-r requirements/base.txt',
        'PyYAML>=6.0  # config',
        'pillow[jpeg]==10.*',
        'opencv-python-headless',
        'scikit-learn ; python_version >= "3.9"',
        'beautifulsoup4',
        'python_dateutil',
        'python-dotenv',
        'PyJWT[crypto]',
        'protobuf',
        'psycopg2-binary',
        'attrs',
        '--index-url https://example.com/simple',
        '',
      ].join('\n'),
      'requirements/base.txt': 'requests \\\n  >=2.31\n',
      'requirements-dev.txt': 'pytest\n',
      'myservice/__init__.py': '',
      'myservice/core.py': '',
    });
    expect(flagged(findings)).toEqual(['pytest']);
    expect(findings[0]).toMatchObject({ rule: 'undeclared', file: 'app.py', line: 12, chain: ['app.py'] });
    expect(findings[0].message).toContain('app.py:12');
    expect(findings[0].message).toContain('only for development');
    expect(notices).toEqual([]);
  });

  it('reads pyproject [project] dependencies and flags what is missing', async () => {
    const { findings } = await run({
      'pyproject.toml': [
        '[build-system]',
        'requires = ["hatchling"]',
        '',
        '[project]',
        'name = "myservice"',
        'dependencies = [',
        '  "PyYAML>=6",',
        "  'Pillow',",
        '  "opencv-python", # comment',
        '  "scikit-learn",',
        '  "beautifulsoup4",',
        '  "python-dateutil", "python-dotenv", "PyJWT", "protobuf",',
        ']',
        '',
        '[project.optional-dependencies]',
        'postgres = ["psycopg2-binary"]',
        'test = ["pytest>=8"]',
        '',
      ].join('\n'),
    });
    // myservice is the project's own distribution ([project] name): installed with it, not undeclared.
    expect(flagged(findings)).toEqual(['attr', 'pytest', 'requests']);
    const requests = findings.find((f) => f.specifier === 'requests')!;
    expect(requests.message).toBe(
      'app.py:11 imports requests, but requests is not declared in pyproject.toml: a fresh install provides it only if a declared package happens to depend on it. Add requests to requirements.txt (or [project] dependencies in pyproject.toml), or remove the import; if the package is provided another way, put `# shipset-ignore undeclared: <reason>` on the line above the import in app.py.',
    );
    expect(findings.filter((f) => f.level === 'warn').map((f) => f.specifier)).toEqual(['ujson']);
    expect(findings.find((f) => f.specifier === 'attr')!.message).toContain('attrs is not declared');
  });

  it('reads Poetry dependencies and treats dev groups as development only', async () => {
    const { findings } = await run({
      'pyproject.toml': [
        '[tool.poetry]',
        'name = "myservice"',
        '',
        '[tool.poetry.dependencies]',
        'python = "^3.11"',
        'pyyaml = "^6"',
        'Pillow = { version = "^10", extras = ["jpeg"] }',
        'opencv-python = "*"',
        'scikit-learn = "*"',
        'beautifulsoup4 = "*"',
        'python-dateutil = "*"',
        'python-dotenv = "*"',
        'pyjwt = "*"',
        'protobuf = "*"',
        'psycopg2 = "*"',
        'attrs = "*"',
        'requests = "*"',
        '',
        '[tool.poetry.group.dev.dependencies]',
        'pytest = "^8"',
        '',
      ].join('\n'),
    });
    expect(flagged(findings)).toEqual(['pytest']);
  });

  it('says in a notice when a declared distribution may provide an unmapped import', async () => {
    const { findings, notices } = await run({
      'requirements.txt':
        'PyYAML\npillow\nopencv-python\nscikit-learn\nbeautifulsoup4\npython-dateutil\npython-dotenv\npyjwt\nprotobuf\npsycopg2\nattrs\npytest\nrequests-client\n',
    });
    expect(flagged(findings)).toEqual(['myservice.core']);
    expect(notices.join('\n')).toContain('requests-client');
  });

  it('gives a notice and no findings without any manifest', async () => {
    const { findings, notices } = await run({});
    expect(findings).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('No requirements*.txt, pyproject.toml or setup.cfg between app.py and the root');
    expect(notices[0]).toContain('PIL, attr, bs4, cv2, dateutil and 10 more');
  });
});

describe('toml subset reader', () => {
  it('reads tables, dotted keys, strings, arrays and inline tables', () => {
    const doc = readToml(
      [
        'title = "x" # c',
        '[a.b]',
        'list = [1, "two", \'three\', [true]]',
        'c.d = { e = "f", g = [ "h" ] }',
        '[[arr]]',
        'n = 1',
        '[[arr]]',
        'n = 2',
        'ml = """',
        'one\\',
        '   two"""',
        '',
      ].join('\n'),
    );
    expect(doc).toEqual({
      title: 'x',
      a: { b: { list: [1, 'two', 'three', [true]], c: { d: { e: 'f', g: ['h'] } } } },
      arr: [{ n: 1 }, { n: 2, ml: 'onetwo' }],
    });
    expect(() => readToml('a = "open\n')).toThrow('line 1');
  });

  it('a file that guards a package with try/except ImportError may import it lazily later: a warning', async () => {
    // django-styleguide's debug_toolbar/setup.py: show_toolbar() tries the import, do_urls() imports it after checking.
    const root = tempDir('shipset-pyrule-');
    writeFiles(root, {
      'app.py': 'import toolbar_setup\n',
      'toolbar_setup.py':
        'def show():\n    try:\n        import debug_toolbar\n    except ImportError:\n        return False\n    return True\n\ndef urls():\n    if not show():\n        return []\n    import debug_toolbar\n    return [debug_toolbar]\n',
      'other.py': 'import debug_toolbar\n',
      'requirements.txt': 'requests\n',
    });
    const py = await buildPythonGraph({ root, entries: ['app.py'], pythonPath: [], python: false });
    const via = new Map([
      ['app.py', null],
      ['toolbar_setup.py', { file: 'app.py', line: 1 }],
    ]);
    const graph: ModuleGraph = {
      root,
      entries: ['app.py'],
      files: py.files,
      via,
      dormant: [],
      sourceFiles: [...py.files.keys()],
      inGit: false,
      notices: [],
      typeOnly: [],
    };
    const findings = await undeclaredPython.check({ graph, options: { root } as Options, notices: [] });
    expect(findings.map((f) => [f.file, f.specifier, f.level ?? 'default'])).toEqual([['toolbar_setup.py', 'debug_toolbar', 'warn']]);
    // The same import in a file that does not guard it stays an error.
    writeFiles(root, { 'app.py': 'import toolbar_setup\nimport other\n' });
    const py2 = await buildPythonGraph({ root, entries: ['app.py'], pythonPath: [], python: false });
    via.set('other.py', { file: 'app.py', line: 2 });
    const findings2 = await undeclaredPython.check({ graph: { ...graph, files: py2.files, via }, options: { root } as Options, notices: [] });
    expect(findings2.map((f) => [f.file, f.specifier, f.level ?? 'default'])).toEqual([['other.py', 'debug_toolbar', 'default']]);
  });

  it('an optional import of a package also imported unguarded is the error only', async () => {
    const root = tempDir('shipset-pyrule-');
    writeFiles(root, {
      'app.py': 'import helper\ntry:\n    import ujson\nexcept ImportError:\n    import tomli\n',
      'helper.py': 'import ujson\n',
      'requirements.txt': 'requests\n',
    });
    const py = await buildPythonGraph({ root, entries: ['app.py'], pythonPath: [], python: false });
    const graph: ModuleGraph = {
      root,
      entries: ['app.py'],
      files: py.files,
      via: new Map([
        ['app.py', null],
        ['helper.py', { file: 'app.py', line: 1 }],
      ]),
      dormant: [],
      sourceFiles: [...py.files.keys()],
      inGit: false,
      notices: [],
      typeOnly: [],
    };
    const findings = await undeclaredPython.check({ graph, options: { root } as Options, notices: [] });
    expect(findings.map((f) => [f.file, f.specifier, f.level ?? 'default']).sort()).toEqual([
      ['app.py', 'tomli', 'warn'],
      ['helper.py', 'ujson', 'default'],
    ]);
  });
});
