import { afterAll, describe, expect, it } from '@jest/globals';
import { buildPythonGraph } from '../../../../src/core/graph/python/index.js';
import type { FileNode, ImportEdge } from '../../../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles, type Files } from '../../../helpers/fixture.js';

afterAll(cleanupFixtures);

async function graphOf(files: Files, entries: string[], pythonPath: string[] = []) {
  const root = tempDir('shipset-py-');
  writeFiles(root, files);
  return buildPythonGraph({ root, entries, pythonPath });
}

function edges(node: FileNode | undefined, specifier?: string): ImportEdge[] {
  expect(node).toBeDefined();
  return node!.edges.filter((e) => specifier === undefined || e.specifier === specifier);
}

describe('python engine: incident 1', () => {
  it('reaches only the imported variant', async () => {
    const g = await graphOf(
      {
        'server_hosted.py': 'import os\n\nfrom claude_mcp_hybrid import mcp\n\nmcp.run()\n',
        'claude_mcp_hybrid.py': 'mcp = object()\n',
        'claude_mcp_hybrid_sessions.py': 'import sessions_only\nmcp = object()\n',
      },
      ['server_hosted.py'],
    );
    expect([...g.files.keys()].sort()).toEqual(['claude_mcp_hybrid.py', 'server_hosted.py']);
    const [edge] = edges(g.files.get('server_hosted.py'), 'claude_mcp_hybrid');
    expect(edge).toMatchObject({ class: 'file', target: 'claude_mcp_hybrid.py', line: 3, column: 6, kind: 'python-import' });
    expect(g.files.get('server_hosted.py')!.language).toBe('python');
  });
});

describe('python engine: incident 3 (module beside a same-named folder)', () => {
  it('a regular package wins over the module file, which is named as shadowed', async () => {
    const g = await graphOf(
      {
        'main.py': 'import assistant.brain.prompts.renderer\n',
        'assistant/__init__.py': '',
        'assistant/brain/__init__.py': '',
        'assistant/brain/prompts.py': 'OLD = 1\n',
        'assistant/brain/prompts/__init__.py': '',
        'assistant/brain/prompts/renderer.py': 'def render(): pass\n',
      },
      ['main.py'],
    );
    const main = g.files.get('main.py');
    expect(edges(main).map((e) => [e.specifier, e.class, e.target])).toEqual([
      ['assistant', 'file', 'assistant/__init__.py'],
      ['assistant.brain', 'file', 'assistant/brain/__init__.py'],
      ['assistant.brain.prompts', 'file', 'assistant/brain/prompts/__init__.py'],
      ['assistant.brain.prompts.renderer', 'file', 'assistant/brain/prompts/renderer.py'],
    ]);
    expect(edges(main, 'assistant.brain.prompts')[0].shadowedCandidates).toEqual(['assistant/brain/prompts.py']);
    expect(g.files.has('assistant/brain/prompts.py')).toBe(false);
  });

  it('without __init__.py the module file wins and the submodule import is unresolved', async () => {
    const g = await graphOf(
      {
        'main.py': 'import assistant.brain.prompts.renderer\n',
        'assistant/__init__.py': '',
        'assistant/brain/__init__.py': '',
        'assistant/brain/prompts.py': 'OLD = 1\n',
        'assistant/brain/prompts/renderer.py': 'def render(): pass\n',
      },
      ['main.py'],
    );
    const main = g.files.get('main.py');
    const prompts = edges(main, 'assistant.brain.prompts')[0];
    expect(prompts).toMatchObject({ class: 'file', target: 'assistant/brain/prompts.py', shadowedCandidates: ['assistant/brain/prompts/'] });
    const missing = edges(main, 'assistant.brain.prompts.renderer')[0];
    expect(missing.class).toBe('unresolved');
    expect(missing.reason).toContain('not a package');
    expect(missing.reason).toContain('assistant/brain/prompts.py');
    expect(g.files.has('assistant/brain/prompts/renderer.py')).toBe(false);
  });

  it('a namespace folder resolves when no module file competes', async () => {
    const g = await graphOf(
      {
        'main.py': 'from tools.text import clean\n',
        'tools/text.py': 'def clean(): pass\n',
      },
      ['main.py'],
    );
    expect(edges(g.files.get('main.py')).map((e) => e.target)).toEqual(['tools/text.py']);
  });
});

describe('python engine: layouts and import forms', () => {
  it('follows a src-layout package with __init__ chain edges and from-imported submodules', async () => {
    const g = await graphOf(
      {
        'pyproject.toml': '[project]\nname = "svc"\n',
        'run.py': 'from svc.api import routes, VERSION\nimport svc.util.text as t\n',
        'src/svc/__init__.py': 'VERSION = "1"\n',
        'src/svc/api/__init__.py': 'VERSION = "1"\n',
        'src/svc/api/routes.py': 'from ..util import text\n',
        'src/svc/util/__init__.py': '',
        'src/svc/util/text.py': 'from . import helpers\nfrom .helpers import *\n',
        'src/svc/util/helpers.py': 'X = 1\n',
        'src/svc/unused.py': 'import nothing_here\n',
      },
      ['run.py'],
    );
    expect([...g.files.keys()].sort()).toEqual([
      'run.py',
      'src/svc/__init__.py',
      'src/svc/api/__init__.py',
      'src/svc/api/routes.py',
      'src/svc/util/__init__.py',
      'src/svc/util/helpers.py',
      'src/svc/util/text.py',
    ]);
    const run = g.files.get('run.py');
    expect(
      edges(run)
        .filter((e) => e.line === 1)
        .map((e) => e.target),
    ).toEqual(['src/svc/__init__.py', 'src/svc/api/__init__.py', 'src/svc/api/routes.py']);
    expect(
      edges(run)
        .filter((e) => e.line === 2)
        .map((e) => e.target),
    ).toEqual(['src/svc/__init__.py', 'src/svc/util/__init__.py', 'src/svc/util/text.py']);
    expect(edges(g.files.get('src/svc/api/routes.py')).map((e) => [e.specifier, e.target])).toEqual([
      ['..util', 'src/svc/util/__init__.py'],
      ['..util.text', 'src/svc/util/text.py'],
    ]);
    expect(edges(g.files.get('src/svc/util/text.py')).map((e) => [e.specifier, e.target])).toEqual([
      ['.', 'src/svc/util/__init__.py'],
      ['.helpers', 'src/svc/util/helpers.py'],
      ['.helpers', 'src/svc/util/helpers.py'],
    ]);
  });

  it('reports relative imports that go nowhere', async () => {
    const g = await graphOf(
      {
        'app.py': 'from . import sibling\nimport pkg.mod\n',
        'pkg/__init__.py': '',
        'pkg/mod.py': 'from ...too_far import x\nfrom .missing import y\nimport pkg.absent\n',
      },
      ['app.py'],
    );
    expect(edges(g.files.get('app.py'), '.')[0]).toMatchObject({ class: 'unresolved' });
    expect(edges(g.files.get('app.py'), '.')[0].reason).toContain('no known parent package');
    const mod = g.files.get('pkg/mod.py');
    expect(edges(mod, '...too_far')[0]).toMatchObject({ class: 'unresolved', line: 1 });
    expect(edges(mod, '...too_far')[0].reason).toContain('beyond the top-level package');
    expect(edges(mod, '.missing')[0]).toMatchObject({ class: 'unresolved', line: 2 });
    expect(edges(mod, 'pkg.absent')[0]).toMatchObject({ class: 'unresolved', line: 3 });
    expect(edges(mod, 'pkg.absent')[0].reason).toContain("no module named 'pkg.absent'");
  });

  it('classifies standard library, third-party and first-party imports', async () => {
    const g = await graphOf(
      {
        'main.py': [
          'import os.path',
          'import json, asyncio',
          'import requests.adapters',
          'from yaml import safe_load',
          'import distutils.core',
          'import tomllib',
          'from google.protobuf import message',
          'import local_mod',
          '',
        ].join('\n'),
        'local_mod.py': '',
      },
      ['main.py'],
    );
    const got = edges(g.files.get('main.py')).map((e) => [e.specifier, e.class, e.packageName ?? e.target]);
    expect(got).toEqual([
      ['os.path', 'builtin', 'os'],
      ['json', 'builtin', 'json'],
      ['asyncio', 'builtin', 'asyncio'],
      ['requests.adapters', 'package', 'requests'],
      ['yaml', 'package', 'yaml'],
      ['distutils.core', 'builtin', 'distutils'],
      ['tomllib', 'builtin', 'tomllib'],
      ['google.protobuf', 'package', 'google'],
      ['local_mod', 'file', 'local_mod.py'],
    ]);
  });

  it('skips TYPE_CHECKING imports, marks optional imports and counts imports inside functions', async () => {
    const g = await graphOf(
      {
        'main.py': [
          'from typing import TYPE_CHECKING',
          'import typing',
          'if TYPE_CHECKING:',
          '    import typed_only',
          '    from models import Model',
          'elif typing.TYPE_CHECKING:',
          '    import never',
          'else:',
          '    import at_runtime',
          'if typing.TYPE_CHECKING:',
          '    import also_typed',
          'try:',
          '    import ujson as json',
          'except ImportError:',
          '    import json',
          'try:',
          '    import orjson',
          'except (ValueError, ModuleNotFoundError):',
          '    orjson = None',
          'try:',
          '    import must_have',
          'except ValueError:',
          '    pass',
          'try:',
          '    def later():',
          '        import inside_fn',
          'except:',
          '    pass',
          'def handler():',
          '    import lazy_mod',
          '    return lazy_mod',
          '',
        ].join('\n'),
        'models.py': '',
        'lazy_mod.py': '',
      },
      ['main.py'],
    );
    const main = g.files.get('main.py');
    const specs = edges(main).map((e) => e.specifier);
    expect(specs).not.toContain('typed_only');
    expect(specs).not.toContain('models');
    expect(specs).not.toContain('also_typed');
    expect(specs).toContain('at_runtime');
    expect(g.files.has('models.py')).toBe(false);
    expect(edges(main, 'ujson')[0].optional).toBe(true);
    // The fallback in the handler runs only where the first import failed: optional too.
    expect(edges(main, 'json')[0].optional).toBe(true);
    expect(edges(main, 'orjson')[0].optional).toBe(true);
    expect(edges(main, 'must_have')[0].optional).toBeUndefined();
    expect(edges(main, 'inside_fn')[0].optional).toBeUndefined();
    expect(edges(main, 'lazy_mod')[0]).toMatchObject({ class: 'file', target: 'lazy_mod.py', line: 30 });
  });

  it('follows literal importlib/__import__ calls and records non-literal ones as dynamic', async () => {
    const g = await graphOf(
      {
        'main.py': [
          'import importlib',
          'from importlib import import_module',
          'plugins = importlib.import_module("plugins.alpha")',
          'beta = import_module(".beta", package="plugins")',
          'gamma = __import__("plugins.gamma")',
          'name = "x"',
          'mod = importlib.import_module(name)',
          'other = __import__(f"plugins.{name}")',
          '',
        ].join('\n'),
        'plugins/__init__.py': '',
        'plugins/alpha.py': '',
        'plugins/beta.py': 'from importlib import import_module\nimport_module(".alpha", package=__package__)\n',
        'plugins/gamma.py': '',
      },
      ['main.py'],
    );
    expect([...g.files.keys()].sort()).toEqual(['main.py', 'plugins/__init__.py', 'plugins/alpha.py', 'plugins/beta.py', 'plugins/gamma.py']);
    expect(g.files.get('main.py')!.dynamic).toEqual([
      { file: 'main.py', line: 7, column: 31, expression: 'name' },
      { file: 'main.py', line: 8, column: 20, expression: 'f"plugins.{name}"' },
    ]);
    expect(edges(g.files.get('plugins/beta.py'), '.alpha')[0]).toMatchObject({ class: 'file', target: 'plugins/alpha.py', line: 2 });
  });

  it('reports the first syntax error position and accepts modern syntax', async () => {
    const g = await graphOf(
      {
        'main.py': 'import broken\nimport modern\n',
        'broken.py': 'import os\n\ndef f(:\n    pass\n',
        'modern.py': [
          'match x:',
          '    case [1, *rest]:',
          '        pass',
          'if (n := 1) > 0:',
          '    pass',
          'with (open("a") as f,',
          '      open("b") as g):',
          '    import in_with',
          'async def h():',
          '    async with a as b:',
          '        await b',
          'def gen():',
          '    yield',
          '    x = (yield)',
          'y = 24.*3600. + 1.e5',
          '\f',
          'match y:',
          '    case ast.BinOp():',
          '        pass',
          'with cm() as (a, b), cm() as self.c:',
          '    pass',
          'for u, *rest in pairs:',
          '    pass',
          '',
        ].join('\n'),
      },
      ['main.py'],
    );
    expect(g.files.get('broken.py')!.parseError).toMatchObject({ file: 'broken.py', line: 3, column: 7 });
    expect(g.files.get('modern.py')!.parseError).toBeUndefined();
    expect(edges(g.files.get('modern.py'), 'in_with')[0]).toMatchObject({ line: 8, column: 12, class: 'package' });
  });

  it('uses python-path roots and the entry folder as import roots', async () => {
    const g = await graphOf(
      {
        'app/main.py': 'import helper\nimport shared_lib\n',
        'app/helper.py': '',
        'libs/shared_lib/__init__.py': '',
      },
      ['app/main.py'],
      ['libs'],
    );
    expect(edges(g.files.get('app/main.py')).map((e) => e.target)).toEqual(['app/helper.py', 'libs/shared_lib/__init__.py']);
  });
});
