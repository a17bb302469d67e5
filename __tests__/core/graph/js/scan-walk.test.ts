// The scan's walk: imports in source order with their guards, and the shortcuts it takes
// (tokens not visited, __dirname globs looked for only where __dirname can be spelled).
import { describe, expect, it } from '@jest/globals';
import { scanSource } from '../../../../src/core/graph/js/scan.js';

describe('scan walk', () => {
  it('lists imports in source order, each guarded only where its own guard is', () => {
    const text = [
      "import a from './a.js';",
      "try { require('./b'); } catch { }",
      "if (typeof window !== 'undefined') { require('./c'); } else { require('./d'); }",
      "const e = process.env.X ? require('./e') : null;",
      "import('./f').catch(() => null);",
      "require('./g');",
      'console.log(a, e);',
    ].join('\n');
    const r = scanSource('/p/x.js', text);
    expect(r.imports.map((i) => [i.specifier, i.line, i.column, !!i.optional])).toEqual([
      ['./a.js', 1, 15, false],
      ['./b', 2, 15, true],
      ['./c', 3, 46, true],
      ['./d', 3, 71, true],
      ['./e', 4, 35, true],
      ['./f', 5, 8, true],
      ['./g', 6, 9, false],
    ]);
    expect([...r.valueNames].sort()).toEqual(['a', 'catch', 'console', 'e', 'env', 'log', 'process', 'require', 'window', 'X'].sort());
  });

  it('finds a __dirname glob spelled with a unicode escape', () => {
    const r = scanSource('/p/x.js', "const m = [\\u005f_dirname + '/migrations/*.js'];\n");
    expect(r.dynamic).toHaveLength(1);
    expect(r.dynamic[0].expression).toMatch(/a glob of files loaded at run time/);
  });

  it('finds no __dirname glob in a file that never names __dirname', () => {
    const r = scanSource('/p/x.js', "const m = [dir + '/migrations/*.js', join(root, '**', '*.js')];\n");
    expect(r.dynamic).toEqual([]);
  });
});
