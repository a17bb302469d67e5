import { describe, expect, it } from '@jest/globals';
import { circular, findCycles } from '../../../src/core/rules/circular.js';
import type { ModuleGraph, RawFinding } from '../../../src/core/types.js';
import { buildGraph, optionsFor } from '../../helpers/graph-builder.js';

function check(graph: ModuleGraph): { findings: RawFinding[]; notices: string[] } {
  const notices: string[] = [];
  const findings = circular.check({ graph, options: optionsFor(graph.root), notices }) as RawFinding[];
  return { findings, notices };
}

describe('circular', () => {
  it('reports each cycle once, started at its smallest file, at that file’s import line', () => {
    const graph = buildGraph({
      entries: ['src/index.ts'],
      files: {
        'src/index.ts': [['./b', 'src/b.ts']],
        'src/b.ts': [
          ['./c', 'src/c.ts'],
          ['./d', 'src/d.ts'],
        ],
        'src/c.ts': [{ specifier: './b', target: 'src/b.ts', line: 4, column: 1 }],
        'src/d.ts': [['./e', 'src/e.ts']],
        'src/e.ts': [['./b', 'src/b.ts']],
      },
    });
    const { findings, notices } = check(graph);
    expect(notices).toEqual([]);
    expect(findings.map((f) => [f.file, f.line, f.target, f.chain])).toEqual([
      ['src/b.ts', 1, 'src/c.ts', ['src/index.ts', 'src/b.ts']],
      ['src/b.ts', 2, 'src/d.ts', ['src/index.ts', 'src/b.ts']],
    ]);
    expect(findings[0].message).toBe(
      'Import cycle: src/b.ts -> src/c.ts -> src/b.ts (src/b.ts:1 imports ./c, src/c.ts:4 imports ./b). A module in a cycle may run while another is half-initialised. Break the cycle: move the shared code into a module both import.',
    );
    expect(findings[1].message).toContain('Import cycle: src/b.ts -> src/d.ts -> src/e.ts -> src/b.ts');
  });

  it('finds a self-import and ignores non-file edges and unreachable targets', () => {
    const graph = buildGraph({
      entries: ['a.js'],
      files: {
        'a.js': [['./a.js', 'a.js'], { specifier: 'a', class: 'package', packageName: 'a' }, ['./dormant.js', 'dormant.js']],
      },
    });
    const { findings } = check(graph);
    expect(findings.map((f) => f.message.split(' (')[0])).toEqual(['Import cycle: a.js -> a.js']);
  });

  it('gives nothing for an acyclic graph (a diamond)', () => {
    const graph = buildGraph({
      entries: ['a.ts'],
      files: {
        'a.ts': [
          ['./b', 'b.ts'],
          ['./c', 'c.ts'],
        ],
        'b.ts': [['./d', 'd.ts']],
        'c.ts': [['./d', 'd.ts']],
        'd.ts': [],
      },
    });
    expect(check(graph)).toEqual({ findings: [], notices: [] });
  });

  it('caps the number of cycles and says so in a notice', () => {
    // A complete graph on 7 files has far more than 100 elementary cycles.
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => `${n}.ts`);
    const files = Object.fromEntries(names.map((n) => [n, names.filter((m) => m !== n).map((m): [string, string] => [`./${m}`, m])]));
    const graph = buildGraph({ entries: ['a.ts'], files });
    const { findings, notices } = check(graph);
    expect(findings).toHaveLength(100);
    expect(notices).toEqual([expect.stringContaining('more than 100 import cycles')]);
    expect(findCycles(graph, 10_000).cycles.length).toBeGreaterThan(100);
  });
});
