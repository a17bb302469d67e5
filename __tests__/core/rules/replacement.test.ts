import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { ReplacementTest, refersTo } from '../../../src/core/rules/replacement.js';
import { cleanupFixtures, type Files, tempDir, writeFiles } from '../../helpers/fixture.js';
import { buildGraph, type GraphSpec } from '../../helpers/graph-builder.js';

afterAll(cleanupFixtures);

/** Files on disk plus the graph the engine would give: `src/index.ts` reaches F = src/api.ts; V = src/api.v2.ts is dormant. */
function judge(files: Files, graph: Omit<GraphSpec, 'root'>, current = 'src/api.ts', variant = 'src/api.v2.ts') {
  const root = tempDir();
  writeFiles(root, files);
  return new ReplacementTest(buildGraph({ ...graph, root }), [variant]).check(current, variant);
}

const reach = (spec: string, extra: Record<string, GraphSpec['files'][string]> = {}): Omit<GraphSpec, 'root'> => ({
  entries: ['src/index.ts'],
  files: { 'src/index.ts': [[spec, 'src/api.ts']], 'src/api.ts': [], ...extra },
  dormant: ['src/api.v2.ts'],
});

describe('ReplacementTest', () => {
  it('accepts a variant that exports every name the importers take', () => {
    expect(
      judge(
        {
          'src/index.ts': "import { a, b as c } from './api';\n",
          'src/api.ts': 'export const a = 1, b = 2;\n',
          'src/api.v2.ts': 'export const a = 1, b = 2, z = 3;\n',
        },
        reach('./api'),
      ),
    ).toEqual({ names: ['a', 'b'] });
  });

  it('rejects a variant that misses one of the names', () => {
    expect(
      judge(
        { 'src/index.ts': "import { a, b } from './api';\n", 'src/api.ts': 'export const a = 1, b = 2;\n', 'src/api.v2.ts': 'export const a = 1;\n' },
        reach('./api'),
      ),
    ).toBeUndefined();
  });

  it('needs a default export for a default import', () => {
    const files = { 'src/index.ts': "import api from './api';\n", 'src/api.ts': 'export default {};\n' };
    expect(judge({ ...files, 'src/api.v2.ts': 'export const api = {};\n' }, reach('./api'))).toBeUndefined();
    expect(judge({ ...files, 'src/api.v2.ts': 'const api = {};\nexport default api;\n' }, reach('./api'))).toEqual({ names: ['default'] });
  });

  it('for a namespace import, needs at least half of the public names', () => {
    const files = { 'src/index.ts': "import * as api from './api';\n", 'src/api.ts': 'export const a = 1, b = 2, c = 3, d = 4;\n' };
    expect(judge({ ...files, 'src/api.v2.ts': 'export const a = 1;\n' }, reach('./api'))).toBeUndefined();
    expect(judge({ ...files, 'src/api.v2.ts': 'export const a = 1, b = 2;\n' }, reach('./api'))).toEqual({ names: [], whole: { shared: 2, of: 4 } });
  });

  it('does not count names a variant re-exports with `export *` (they cannot be known without reading on)', () => {
    expect(
      judge(
        { 'src/index.ts': "import { a } from './api';\n", 'src/api.ts': 'export const a = 1;\n', 'src/api.v2.ts': "export * from './other';\n" },
        reach('./api'),
      ),
    ).toBeUndefined();
  });

  it('rejects a variant that imports the file it would replace, by any path', () => {
    const base = { 'src/index.ts': "import { a } from './api';\n", 'src/api.ts': 'export const a = 1;\n' };
    expect(judge({ ...base, 'src/api.v2.ts': "export { a } from './api.js';\n" }, reach('./api'))).toBeUndefined();
    expect(judge({ ...base, 'src/api.v2.ts': "import type { A } from '@/api';\nexport const a = 2;\n" }, reach('./api'))).toBeUndefined();
  });

  it('rejects a variant some reachable file imports, even only as a type', () => {
    const graph = reach('./api', { 'src/types.ts': [] });
    graph.files['src/index.ts'] = [
      ['./api', 'src/api.ts'],
      ['./types', 'src/types.ts'],
    ];
    const files = {
      'src/index.ts': "import { a } from './api';\nimport './types';\n",
      'src/api.ts': 'export const a = 1;\n',
      'src/types.ts': "import type { B } from './api.v2';\nexport type C = B;\n",
      'src/api.v2.ts': 'export const a = 1;\nexport type B = 1;\n',
    };
    expect(judge(files, graph)).toBeUndefined();
  });

  it('reads Python: from-imports take names, `import mod` the whole module', () => {
    const graph = {
      entries: ['app.py'],
      files: { 'app.py': [{ specifier: 'hybrid', target: 'hybrid.py', kind: 'python-import' as const, line: 1 }], 'hybrid.py': [] },
      dormant: ['hybrid_sessions.py'],
    };
    const base = { 'hybrid.py': 'import os\nmcp = 1\ndef run():\n    pass\n' };
    expect(judge({ ...base, 'app.py': 'from hybrid import mcp\n', 'hybrid_sessions.py': 'mcp = 2\n' }, graph, 'hybrid.py', 'hybrid_sessions.py')).toEqual({
      names: ['mcp'],
    });
    expect(judge({ ...base, 'app.py': 'import hybrid\n', 'hybrid_sessions.py': 'import os\n' }, graph, 'hybrid.py', 'hybrid_sessions.py')).toBeUndefined();
    expect(judge({ ...base, 'app.py': 'import hybrid\n', 'hybrid_sessions.py': 'def run():\n    pass\n' }, graph, 'hybrid.py', 'hybrid_sessions.py')).toEqual({
      names: [],
      whole: { shared: 1, of: 2 },
    });
    expect(
      judge({ ...base, 'app.py': 'from hybrid import mcp\n', 'hybrid_sessions.py': 'from hybrid import mcp\n' }, graph, 'hybrid.py', 'hybrid_sessions.py'),
    ).toBeUndefined();
  });

  it('does not read a variant that is a symlink out of the root', () => {
    const outside = tempDir();
    writeFiles(outside, { 'secret.ts': 'export const a = 1;\n' });
    const root = tempDir();
    writeFiles(root, { 'src/index.ts': "import { a } from './api';\n", 'src/api.ts': 'export const a = 1;\n' });
    fs.symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'src/api.v2.ts'));
    expect(new ReplacementTest(buildGraph({ ...reach('./api'), root }), ['src/api.v2.ts']).check('src/api.ts', 'src/api.v2.ts')).toBeUndefined();
  });
});

describe('refersTo', () => {
  const imp = (specifier: string) => ({ specifier, line: 1, names: [] as string[], typeOnly: false });
  it('resolves relative JS specifiers as paths, with any extension or the folder index', () => {
    expect(refersTo('src/a.ts', 'js', imp('./api.js'), 'src/api.ts')).toBe(true);
    expect(refersTo('src/a.ts', 'js', imp('../src/api'), 'src/api.ts')).toBe(true);
    expect(refersTo('src/a.ts', 'js', imp('./lib'), 'src/lib/index.ts')).toBe(true);
    expect(refersTo('src/a.ts', 'js', imp('./other/api'), 'src/api.ts')).toBe(false);
  });
  it('matches aliases and Python modules by their last name', () => {
    expect(refersTo('src/a.ts', 'js', imp('@/lib/api'), 'src/lib/api.ts')).toBe(true);
    expect(refersTo('a.py', 'py', imp('pkg.hybrid'), 'pkg/hybrid.py')).toBe(true);
    expect(refersTo('a.py', 'py', { ...imp('.'), pythonFromNames: ['hybrid'] }, 'pkg/hybrid.py')).toBe(true);
    expect(refersTo('a.py', 'py', imp('hybrid_sessions'), 'hybrid.py')).toBe(false);
  });
});
