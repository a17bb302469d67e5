import { afterAll, describe, expect, it } from '@jest/globals';
import os from 'node:os';
import path from 'node:path';
import { selectFiles } from '../../src/core/pack/index.js';
import { explainWhy, MAX_CHAINS } from '../../src/core/why.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';
import { graphFromImports, type Imports, packOptions, resultOf } from '../helpers/graph-builder.js';

afterAll(cleanupFixtures);

// index -> app -> db, index -> routes/users -> db, index -> routes/admin -> routes/users
const FILES = {
  'package.json': '{}',
  'src/index.ts': '',
  'src/app.ts': '',
  'src/db.ts': '',
  'src/routes/users.ts': '',
  'src/routes/admin.ts': '',
  'src/old.ts': '',
  'src/secret-test.ts': '',
  'config/app.json': '{}',
  'README.md': '',
  'assets/logo.css': '',
};
const IMPORTS: Imports = {
  'src/index.ts': [
    ['./app.js', 'src/app.ts', 1],
    ['./routes/users.js', 'src/routes/users.ts', 2],
    ['./routes/admin.js', 'src/routes/admin.ts', 3],
  ],
  'src/app.ts': [['./db.js', 'src/db.ts', 4]],
  'src/routes/users.ts': [['../db.js', 'src/db.ts', 7]],
  'src/routes/admin.ts': [
    ['./users.js', 'src/routes/users.ts', 2],
    ['../secret-test.js', 'src/secret-test.ts', 9],
  ],
};

function project() {
  const root = tempDir();
  writeFiles(root, FILES);
  const graph = graphFromImports(root, ['src/index.ts'], IMPORTS);
  const { files, excluded } = selectFiles(graph, packOptions(root, { include: ['package.json', 'config/*.json'], exclude: ['**/*-test.ts'] }));
  return { root, result: resultOf(graph, files, excluded) };
}

describe('explainWhy', () => {
  it('gives every import chain, shortest first, with file:line of each step', () => {
    const { root, result } = project();
    const why = explainWhy(result, 'src/db.ts', root);
    expect(why).toMatchObject({ ships: true, reason: 'import' });
    expect(why.chains).toEqual([
      ['src/index.ts', 'src/app.ts', 'src/db.ts'],
      ['src/index.ts', 'src/routes/users.ts', 'src/db.ts'],
      ['src/index.ts', 'src/routes/admin.ts', 'src/routes/users.ts', 'src/db.ts'],
    ]);
    expect(why.text).toContain(['src/db.ts', '  imported by src/app.ts:4 (./db.js)', '    imported by src/index.ts:1 (./app.js), an entry'].join('\n'));
    expect(why.text).toContain(
      [
        'src/db.ts',
        '  imported by src/routes/users.ts:7 (../db.js)',
        '    imported by src/routes/admin.ts:2 (./users.js)',
        '      imported by src/index.ts:3 (./routes/admin.js), an entry',
      ].join('\n'),
    );
  });

  it('takes the file relative to the cwd as well as to the root', () => {
    const { root, result } = project();
    expect(explainWhy(result, 'db.ts', path.join(root, 'src')).reason).toBe('import');
    expect(explainWhy(result, path.join(root, 'src/app.ts'), os.tmpdir()).chains).toEqual([['src/index.ts', 'src/app.ts']]);
  });

  it('names an entry', () => {
    const { root, result } = project();
    expect(explainWhy(result, 'src/index.ts', root)).toMatchObject({ ships: true, reason: 'entry', chains: [['src/index.ts']] });
  });

  it('names an include', () => {
    const { root, result } = project();
    const why = explainWhy(result, 'config/app.json', root);
    expect(why).toMatchObject({ ships: true, reason: 'include', chains: [] });
    expect(why.text).toContain('include glob');
  });

  it('says a file is dormant', () => {
    const { root, result } = project();
    const why = explainWhy(result, 'src/old.ts', root);
    expect(why).toMatchObject({ ships: false, reason: 'dormant', chains: [] });
    expect(why.text).toContain('no entry (src/index.ts) reaches it');
  });

  it('says a reachable file is excluded, and shows who imports it', () => {
    const { root, result } = project();
    const why = explainWhy(result, 'src/secret-test.ts', root);
    expect(why).toMatchObject({ ships: false, reason: 'excluded', chains: [['src/index.ts', 'src/routes/admin.ts', 'src/secret-test.ts']] });
    expect(why.text).toContain('exclude glob');
    expect(explainWhy(result, 'src/secret-test.ts', root, ['**/*-test.ts']).text).toContain("the exclude glob '**/*-test.ts' removes it");
    expect(why.text).toContain('imported by src/routes/admin.ts:9 (../secret-test.js)');
  });

  it('says a file is outside the root, missing, or not a source file', () => {
    const { root, result } = project();
    expect(explainWhy(result, '/etc/hostname', root)).toMatchObject({ ships: false, reason: 'outside-root' });
    // A path that exists nowhere is bad input (exit 2), not "outside the root".
    expect(() => explainWhy(result, 'src/nope.ts', root)).toThrow(/^why: src\/nope.ts does not exist/);
    expect(() => explainWhy(result, '../elsewhere.ts', root)).toThrow(expect.objectContaining({ name: 'UsageError' }));
    expect(explainWhy(result, 'README.md', root)).toMatchObject({ ships: false, reason: 'not-source' });
    expect(explainWhy(result, 'assets/logo.css', root).text).toContain('Name it in include');
    expect(explainWhy(result, 'src', root)).toMatchObject({ ships: false, reason: 'not-source' });
  });

  it('stops at MAX_CHAINS chains on a graph with many routes', () => {
    const root = tempDir();
    // index imports a1..a12, each imports target: 12 routes of length 3.
    const imports: Imports = { 'index.ts': [] };
    const files: Record<string, string> = { 'index.ts': '', 'target.ts': '' };
    for (let i = 1; i <= 12; i++) {
      files[`a${i}.ts`] = '';
      imports['index.ts'].push([`./a${i}.js`, `a${i}.ts`, i]);
      imports[`a${i}.ts`] = [['./target.js', 'target.ts', 1]];
    }
    writeFiles(root, files);
    const graph = graphFromImports(root, ['index.ts'], imports);
    const { files: packed, excluded } = selectFiles(graph, packOptions(root));
    const why = explainWhy(resultOf(graph, packed, excluded), 'target.ts', root);
    expect(why.chains).toHaveLength(MAX_CHAINS);
    expect(why.chains.every((c) => c.length === 3 && c[0] === 'index.ts' && c[2] === 'target.ts')).toBe(true);
  });
});
