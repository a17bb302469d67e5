// `shipset why` names the exact reason a file does not ship: type-only, shadowed by X, the newer
// variant of a stale pair, the exclude glob that removes it.
import { afterAll, describe, expect, it } from '@jest/globals';
import { selectFiles } from '../../src/core/pack/index.js';
import { explainWhy } from '../../src/core/why.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';
import { graphFromImports, packOptions, resultOf } from '../helpers/graph-builder.js';

afterAll(cleanupFixtures);

function project() {
  const root = tempDir();
  writeFiles(root, {
    'package.json': '{}',
    'src/index.ts': '',
    'src/types.ts': '',
    'src/prompts.js': '',
    'src/prompts/index.ts': '',
    'src/hybrid.ts': '',
    'src/hybrid_sessions.ts': '',
    'src/old.ts': '',
  });
  const graph = graphFromImports(root, ['src/index.ts'], {
    'src/index.ts': [
      ['./prompts', 'src/prompts.js', 2],
      ['./hybrid', 'src/hybrid.ts', 3],
    ],
  });
  // What the engines record: a type-only import, and the folder the specifier could also have meant.
  graph.typeOnly = ['src/types.ts'];
  graph.dormant = graph.dormant.filter((f) => f !== 'src/types.ts');
  graph.files.get('src/index.ts')!.edges[0].shadowedCandidates = ['src/prompts'];
  const { files, excluded } = selectFiles(graph, packOptions(root, { include: ['package.json'] }));
  const result = resultOf(graph, files, excluded);
  result.manifest.findings.push({
    rule: 'stale',
    level: 'error',
    file: 'src/index.ts',
    line: 3,
    target: 'src/hybrid.ts',
    chain: ['src/index.ts'],
    message:
      'src/index.ts:3 imports ./hybrid (src/hybrid.ts, last changed 2025-11-05), but src/hybrid_sessions.ts is a newer replacement (last changed 2025-11-15, exports mcp) that nothing imports. Import the newer file, or mark one of them deprecated.',
  });
  return { root, result };
}

describe('why: exact reasons', () => {
  it('a file only type imports reach', () => {
    const { root, result } = project();
    const why = explainWhy(result, 'src/types.ts', root);
    expect(why).toMatchObject({ ships: false, reason: 'type-only' });
    expect(why.text).toMatch(/^src\/types.ts does not ship: only type imports reach it \(`import type …` or `import \{ type … \}`\)/);
  });

  it('a folder shadowed by a file of the same name', () => {
    const { root, result } = project();
    const why = explainWhy(result, 'src/prompts/index.ts', root);
    expect(why).toMatchObject({ ships: false, reason: 'shadowed' });
    expect(why.text).toBe(
      'src/prompts/index.ts does not ship: it is shadowed by src/prompts.js. src/index.ts:2 imports ./prompts, which resolves to src/prompts.js first (the folder src/prompts loses). Rename one of them, or import the path you mean in full.',
    );
  });

  it('the newer variant of a stale pair', () => {
    const { root, result } = project();
    const why = explainWhy(result, 'src/hybrid_sessions.ts', root);
    expect(why).toMatchObject({ ships: false, reason: 'stale-variant' });
    expect(why.text).toBe(
      'src/hybrid_sessions.ts does not ship: it is the newer replacement of src/hybrid.ts, which ships instead (stale, src/index.ts:3). Import src/hybrid_sessions.ts instead, or mark one of them deprecated.',
    );
  });

  it('still says dormant when nothing more exact is known', () => {
    const { root, result } = project();
    expect(explainWhy(result, 'src/old.ts', root)).toMatchObject({ ships: false, reason: 'dormant' });
  });
});
