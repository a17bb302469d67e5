import { afterAll, describe, expect, it } from '@jest/globals';
import { levelOf, loadRules, runRules } from '../../../src/core/rules/index.js';
import { RULE_NAMES, RULE_REGISTRY } from '../../../src/core/rules/registry.js';
import { reachableEdges, type Rule } from '../../../src/core/rules/rule.js';
import { cleanupFixtures, tempDir, writeFiles } from '../../helpers/fixture.js';
import { buildGraph, optionsFor } from '../../helpers/graph-builder.js';

afterAll(cleanupFixtures);

function brokenProject() {
  const root = tempDir();
  writeFiles(root, { 'package.json': JSON.stringify({ dependencies: {} }), 'src/index.ts': '', 'src/b.ts': '', 'src/legacy/x.ts': '' });
  const graph = buildGraph({
    root,
    entries: ['src/index.ts'],
    files: {
      'src/index.ts': [
        ['./b', 'src/b.ts'],
        { specifier: 'hono', class: 'package', packageName: 'hono', line: 2, column: 1 },
        { specifier: './missing', class: 'unresolved', line: 2, column: 30 },
        { specifier: './prompts', target: 'src/b.ts', shadowedCandidates: ['src/b/index.ts'], line: 4 },
        { specifier: '../../etc/x', class: 'outside-root', outsidePath: '/etc/x', line: 5 },
      ],
      'src/b.ts': [
        ['./index', 'src/index.ts'],
        ['./legacy/x', 'src/legacy/x.ts'],
      ],
      'src/legacy/x.ts': [],
    },
  });
  return { root, graph };
}

describe('runRules', () => {
  it('lists one module per rule name, with a reason and a valid default level', async () => {
    // Every rule name has a module; more than one module may share a name (e.g. a Python variant).
    const rules = await loadRules();
    expect([...new Set(rules.map((r) => r.name))].sort()).toEqual([...RULE_NAMES].sort());
    expect(await loadRules()).toBe(rules); // loaded once
    for (const info of Object.values(RULE_REGISTRY)) expect(info.why.length).toBeGreaterThan(20);
    expect(Object.fromEntries(Object.values(RULE_REGISTRY).map((r) => [r.name, r.defaultLevel] as const))).toEqual({
      deprecated: 'error',
      stale: 'error',
      unresolved: 'error',
      unparseable: 'error',
      undeclared: 'error',
      shadowed: 'warn',
      dynamic: 'warn',
      'outside-root': 'error',
      circular: 'off',
      runtime: 'error',
    });
  });

  it('applies default levels, skips rules that are off, and sorts by file, line, column, rule', async () => {
    const { root, graph } = brokenProject();
    const { findings, notices } = await runRules(graph, optionsFor(root));
    expect(notices).toEqual([]);
    expect(findings.map((f) => [f.file, f.line, f.column, f.rule, f.level])).toEqual([
      ['src/index.ts', 2, 1, 'undeclared', 'error'],
      ['src/index.ts', 2, 30, 'unresolved', 'error'],
      ['src/index.ts', 4, 1, 'shadowed', 'warn'],
      ['src/index.ts', 5, 1, 'outside-root', 'error'],
      ['src/legacy/x.ts', 1, undefined, 'deprecated', 'warn'], // a legacy/ folder is a weak mark
    ]);
    for (const f of findings) expect(f.chain[0]).toBe('src/index.ts');
  });

  it('applies overrides: lower, raise, turn on, turn off; outside-root stays an error', async () => {
    const { root, graph } = brokenProject();
    const { findings } = await runRules(
      graph,
      optionsFor(root, { rules: { undeclared: 'warn', shadowed: 'error', circular: 'warn', deprecated: 'off', unresolved: 'off' } }),
    );
    expect(findings.map((f) => [f.rule, f.level])).toEqual([
      ['circular', 'warn'], // src/b.ts sorts first
      ['undeclared', 'warn'],
      ['shadowed', 'error'],
      ['outside-root', 'error'],
    ]);
    expect(levelOf('outside-root', { rules: { 'outside-root': 'off' } })).toBe('error');
  });

  it('keeps a finding a rule lowered to warn at warn, and passes notices through', async () => {
    const rule: Rule = {
      name: 'unresolved',
      check: ({ notices }) => {
        notices.push('a notice');
        return [
          { rule: 'unresolved', level: 'warn', file: 'b.py', line: 1, chain: ['b.py'], message: 'optional' },
          { rule: 'unresolved', file: 'a.py', line: 1, chain: ['a.py'], message: 'required' },
        ];
      },
    };
    const graph = buildGraph({ entries: ['a.py'], files: { 'a.py': [] } });
    const result = await runRules(graph, optionsFor(graph.root), [rule]);
    expect(result.notices).toEqual(['a notice']);
    expect(result.findings.map((f) => [f.file, f.level])).toEqual([
      ['a.py', 'error'],
      ['b.py', 'warn'],
    ]);
    const lowered = await runRules(graph, optionsFor(graph.root, { rules: { unresolved: 'warn' } }), [rule]);
    expect(lowered.findings.map((f) => f.level)).toEqual(['warn', 'warn']);
  });

  it('is deterministic: the same graph gives the same findings', async () => {
    const { root, graph } = brokenProject();
    const options = optionsFor(root, { rules: { circular: 'error' } });
    const first = await runRules(graph, options);
    // Not vacuous: the graph breaks six rules, so an empty answer would fail here, not pass twice.
    expect(new Set(first.findings.map((f) => f.rule))).toEqual(new Set(['undeclared', 'unresolved', 'shadowed', 'outside-root', 'deprecated', 'circular']));
    expect(await runRules(graph, options)).toEqual(first);
  });

  it('hands every rule of a run the same edge list; outside a run the list is the graph as it is now', async () => {
    const { root, graph } = brokenProject();
    const specifiers = () => reachableEdges(graph).map((e) => `${e.from} ${e.specifier}`);
    // File order by code unit, then source order.
    expect(specifiers()).toEqual([
      'src/b.ts ./index',
      'src/b.ts ./legacy/x',
      'src/index.ts ./b',
      'src/index.ts hono',
      'src/index.ts ./missing',
      'src/index.ts ./prompts',
      'src/index.ts ../../etc/x',
    ]);
    // Outside a rules run every change shows at once: an edge added, an edge replaced, a file added, a file removed.
    const b = graph.files.get('src/b.ts')!;
    b.edges.push({ ...b.edges[0], specifier: './again' });
    expect(specifiers()).toContain('src/b.ts ./again');
    b.edges[0] = { ...b.edges[0], specifier: './replaced' };
    expect(specifiers()[0]).toBe('src/b.ts ./replaced');
    graph.files.set('src/a.ts', { path: 'src/a.ts', language: 'ts', edges: [{ ...b.edges[0], from: 'src/a.ts', specifier: './first' }], dynamic: [] });
    expect(specifiers()[0]).toBe('src/a.ts ./first');

    // Inside a run, every rule (and every call) gets one list.
    const seen: Array<readonly unknown[]> = [];
    const asks = (name: Rule['name']): Rule => ({
      name,
      check: ({ graph: g }) => {
        seen.push(reachableEdges(g), reachableEdges(g));
        return [];
      },
    });
    await runRules(graph, optionsFor(root, {}), [asks('unresolved'), asks('shadowed')]);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(1);
    expect(seen[0].length).toBe(reachableEdges(graph).length);
    // After the run, a change is seen again.
    graph.files.delete('src/index.ts');
    expect(specifiers()).toEqual(['src/a.ts ./first', 'src/b.ts ./replaced', 'src/b.ts ./legacy/x', 'src/b.ts ./again']);
  });
});
