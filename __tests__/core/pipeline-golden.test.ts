// Golden fixture projects for the engine: each folder of __fixtures__/golden/ holds a project/
// and an expected.json with its entries and what the whole pipeline must say about it — the
// reachable set, dormant and typeOnly files, and the findings (rule, file, line); optionally
// edges that must match. One loop runs them all; a new case is a new folder, no new code.
// After a deliberate change, SHIPSET_GOLDEN_UPDATE=1 rewrites the expectations (review the diff).
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { defaultOptions } from '../../src/core/options.js';
import { runPipeline } from '../../src/core/pipeline.js';
import type { ImportEdge } from '../../src/core/types.js';
import { cleanupFixtures, copyFixture } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

interface Expected {
  entries: string[];
  reachable: string[];
  dormant: string[];
  typeOnly: string[];
  findings: Array<{ rule: string; file: string; line?: number }>;
  /** Edges (from + specifier) and the fields they must have. */
  edges?: Array<Partial<ImportEdge> & { from: string; specifier: string }>;
}

const GOLDEN = path.resolve('__fixtures__/golden');
const CASES = fs.readdirSync(GOLDEN).sort();
const UPDATE = process.env.SHIPSET_GOLDEN_UPDATE === '1';

describe('golden fixture projects', () => {
  it('has cases to run', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(5);
  });

  it.each(CASES)('%s', async (name) => {
    const file = path.join(GOLDEN, name, 'expected.json');
    const expected = JSON.parse(fs.readFileSync(file, 'utf8')) as Expected;
    const root = copyFixture(path.join('golden', name, 'project'));
    const { graph, manifest } = await runPipeline(defaultOptions(root, expected.entries), root);
    const actual = {
      entries: expected.entries,
      reachable: [...graph.files.keys()].sort(),
      dormant: [...graph.dormant],
      typeOnly: [...graph.typeOnly],
      findings: manifest.findings.map((f) => ({ rule: f.rule, file: f.file, ...(f.line !== undefined ? { line: f.line } : {}) })),
      ...(expected.edges ? { edges: expected.edges } : {}),
    };
    if (UPDATE) fs.writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    // Never vacuous: every entry is reachable, so an empty answer fails.
    for (const entry of expected.entries) expect(actual.reachable).toContain(entry);
    expect(actual).toEqual(expected);
    // The three sets are disjoint: a file runs, is only named by erased type imports, or is dormant.
    const shipped = new Set(actual.reachable);
    expect([...actual.dormant, ...actual.typeOnly].filter((f) => shipped.has(f))).toEqual([]);
    // madge's own walk (the cross-check of our traversal) found the same set: nothing was filled in.
    expect(graph.notices.filter((n) => n.includes('madge'))).toEqual([]);
    for (const want of expected.edges ?? []) {
      const edge = graph.files.get(want.from)?.edges.find((e) => e.specifier === want.specifier);
      expect(edge).toMatchObject(want);
    }
  });
});
