// A run resolves each (owning tsconfig, importer's folder and extension, kind, specifier) once
// while nothing records; these check that the shared answers are the answers each import gets
// when it is resolved on its own (as a recording run does), and that callers cannot change them.
import { afterAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { Resolver } from '../../../../src/core/graph/js/resolve.js';
import { loadTsProject, withTypeScript } from '../../../../src/core/graph/js/tsconfig.js';
import type { ImportKind } from '../../../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles, type Files } from '../../../helpers/fixture.js';

afterAll(cleanupFixtures);

const FILES: Files = {
  'package.json': JSON.stringify({ name: 'app', type: 'module', imports: { '#lib/*': './src/lib/*.js' }, exports: { './util': './src/lib/u.js' } }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', baseUrl: '.', paths: { '@app/*': ['src/*'] } }, include: ['src'] }),
  'src/a.ts': '',
  'src/b.ts': '',
  'src/c.js': '',
  'src/x.ts': '',
  'src/x.js': '',
  'src/lib/u.ts': '',
  'src/lib/index.ts': '',
  'src/deep/d.ts': '',
  'src/deep/e.mts': '',
  'scripts/run.js': '',
  'node_modules/zod/package.json': JSON.stringify({ name: 'zod', main: 'index.js' }),
  'node_modules/zod/index.js': '',
};

const IMPORTERS = ['src/a.ts', 'src/b.ts', 'src/c.js', 'src/deep/d.ts', 'src/deep/e.mts', 'scripts/run.js'];
const SPECIFIERS = [
  './x.js',
  './x',
  '../x.js',
  './lib',
  '../lib/u.js',
  './missing.js',
  '../missing',
  '@app/x',
  '@app/nope',
  'zod',
  'fs',
  'node:fs',
  '#lib/u',
  '#nope',
  'app/util',
  'app/nope',
  '/abs/none',
  '.',
  '..',
];
const KINDS: ImportKind[] = ['import', 'require', 'dynamic-import'];

async function resolverFor(root: string): Promise<Resolver> {
  return new Resolver(root, await withTypeScript(() => loadTsProject(root, undefined)));
}

describe('resolutions shared in a run', () => {
  it('are the answers each import gets on its own', async () => {
    const root = tempDir();
    writeFiles(root, FILES);
    const shared = await resolverFor(root);
    const alone = await resolverFor(root);
    let compared = 0;
    // Twice: the second pass reads the shared answers.
    for (let pass = 0; pass < 2; pass++) {
      for (const importer of IMPORTERS) {
        const from = path.join(root, importer);
        for (const specifier of SPECIFIERS) {
          for (const kind of KINDS) {
            const got = await withTypeScript(() => shared.resolve(specifier, from, kind));
            // Recording turns the sharing off: every resolution asks for its own facts.
            const own = await withTypeScript(() => alone.record(new Set(), () => alone.resolve(specifier, from, kind)));
            expect({ importer, specifier, kind, r: got }).toEqual({ importer, specifier, kind, r: own });
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(2 * IMPORTERS.length * SPECIFIERS.length * KINDS.length);
  });

  it('are handed out as copies: what one caller changes, the next does not see', async () => {
    const root = tempDir();
    writeFiles(root, FILES);
    const resolver = await resolverFor(root);
    const first = resolver.resolve('./x.js', path.join(root, 'src/a.ts'), 'import');
    expect(first).toMatchObject({ class: 'file', file: path.join(root, 'src/x.ts'), shadowed: [path.join(root, 'src/x.js')] });
    first.shadowed!.push('changed');
    first.class = 'unresolved';
    const second = resolver.resolve('./x.js', path.join(root, 'src/b.ts'), 'import');
    expect(second).toEqual({ class: 'file', file: path.join(root, 'src/x.ts'), shadowed: [path.join(root, 'src/x.js')] });
    // The same path reached from another folder is found once too, and copied as well.
    const third = resolver.resolve('../x.js', path.join(root, 'src/deep/d.ts'), 'import');
    expect(third).toEqual(second);
    expect(third.shadowed).not.toBe(second.shadowed);
  });

  it('keep the reason of a missing #x naming each importer', async () => {
    const root = tempDir();
    // Owned by a tsconfig, so bare specifiers of both files would share answers.
    writeFiles(root, { 'tsconfig.json': '{}', 'src/a.ts': '', 'src/b.ts': '' });
    const resolver = await resolverFor(root);
    expect(resolver.resolve('#x', path.join(root, 'src/a.ts'), 'import').reason).toMatch(/above src\/a\.ts$/);
    expect(resolver.resolve('#x', path.join(root, 'src/b.ts'), 'import').reason).toMatch(/above src\/b\.ts$/);
  });
});
