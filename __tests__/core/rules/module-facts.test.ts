import { afterAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { moduleFacts, publicNames } from '../../../src/core/rules/module-facts.js';
import { cleanupFixtures, tempDir, writeFiles } from '../../helpers/fixture.js';

afterAll(cleanupFixtures);

function factsOf(name: string, text: string) {
  const root = tempDir();
  writeFiles(root, { [name]: text });
  return moduleFacts(path.join(root, name))!;
}

describe('moduleFacts', () => {
  it('reads Python top-level names and imports with what they take', () => {
    const f = factsOf(
      'm.py',
      'import a.b as c, d.e\nfrom x import (y, z as w)\ndef f(): pass\nclass K: pass\n@dec\ndef g(): pass\nq = r = 1\ns: int = 2\nu, v = 1, 2\nif X:\n    h = 1\ntry:\n    import ujson as json\nexcept ImportError:\n    import json\n_p = 3\nasync def af(): pass\n',
    );
    expect([...f.exports].sort()).toEqual(['K', '_p', 'af', 'c', 'd', 'f', 'g', 'h', 'json', 'q', 'r', 's', 'u', 'v', 'w', 'y'].sort());
    expect([...publicNames(f)].sort()).toEqual(['K', 'af', 'f', 'g', 'h', 'q', 'r', 's', 'u', 'v'].sort());
    expect(f.imports.find((i) => i.specifier === 'x')).toMatchObject({ names: ['y', 'z'], line: 2 });
    expect(f.imports.find((i) => i.specifier === 'a.b')).toMatchObject({ names: 'whole' });
  });

  it('reads JS/TS exports (ESM and CommonJS) and every import, type-only included', () => {
    const f = factsOf(
      'm.ts',
      "import type { A } from './a';\nimport d, { b as c } from './b';\nimport * as ns from './ns';\nexport const x = 1, { y } = o;\nexport default function () {}\nexport interface I {}\nexport { z as zz } from './z';\nexport * from './all';\nconst { p, q: r } = require('./cjs');\nrequire('./side');\nconst w = require('./w').m;\nexports.k = 1;\nmodule.exports = { a1, a2: 3 };\nimport './effect';\nconst lazy = () => import('./lazy');\n",
    );
    expect([...f.exports].sort()).toEqual(['I', 'a1', 'a2', 'default', 'k', 'x', 'y', 'zz'].sort());
    const by = Object.fromEntries(f.imports.map((i) => [i.specifier, i]));
    expect(by['./a']).toMatchObject({ names: ['A'], typeOnly: true, line: 1 });
    expect(by['./b']).toMatchObject({ names: ['default', 'b'], typeOnly: false });
    expect(by['./ns'].names).toBe('whole');
    expect(by['./z'].names).toEqual(['z']);
    expect(by['./all'].names).toBe('whole');
    expect(by['./cjs'].names).toEqual(['p', 'q']);
    expect(by['./side'].names).toEqual([]);
    expect(by['./w'].names).toEqual(['m']);
    expect(by['./effect'].names).toEqual([]);
    expect(by['./lazy'].names).toBe('whole');
  });

  it('says nothing about a file it cannot read', () => {
    expect(moduleFacts('/nonexistent/x.ts')).toBeUndefined();
  });
});
