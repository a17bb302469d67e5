import { afterAll, describe, expect, it } from '@jest/globals';
import { deprecated } from '../../../src/core/rules/deprecated.js';
import type { ModuleGraph, RawFinding } from '../../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles } from '../../helpers/fixture.js';
import { buildGraph, optionsFor } from '../../helpers/graph-builder.js';

afterAll(cleanupFixtures);

function check(graph: ModuleGraph, globs: string[] = []): RawFinding[] {
  return deprecated.check({ graph, options: optionsFor(graph.root, { deprecated: globs }), notices: [] }) as RawFinding[];
}

describe('deprecated', () => {
  const root = tempDir();
  writeFiles(root, {
    'src/index.ts': '',
    'src/legacy_prompts.ts': 'export {};\n',
    'src/api.ts': '/**\n * API client.\n * @deprecated use client.ts\n */\nexport {};\n',
    'src/copyright.ts': '',
    'src/old-school.ts': '',
    'src/bold.ts': '',
    'src/util.ts': 'export const w = 0;\n/** @deprecated use y */\nexport const x = 1;\n',
    'src/experimental/flag.ts': '',
  });
  const graph = buildGraph({
    root,
    entries: ['src/index.ts'],
    files: {
      'src/index.ts': [
        ['./copyright', 'src/copyright.ts'],
        ['./old-school', 'src/old-school.ts'],
        { specifier: './legacy_prompts', target: 'src/legacy_prompts.ts', line: 3, column: 8 },
        ['./bold', 'src/bold.ts'],
        ['./util', 'src/util.ts'],
        ['./experimental/flag', 'src/experimental/flag.ts'],
      ],
      'src/legacy_prompts.ts': [['./api', 'src/api.ts']],
      'src/copyright.ts': [],
      'src/old-school.ts': [],
      'src/bold.ts': [],
      'src/util.ts': [],
      'src/api.ts': [],
      'src/experimental/flag.ts': [],
    },
  });

  it('flags files marked by name, by header and by glob; not words that contain a marker or a symbol’s JSDoc', () => {
    const findings = check(graph, ['src/experimental/**']);
    expect(findings.map((f) => [f.file, f.line, f.chain, f.level])).toEqual([
      ['src/api.ts', 3, ['src/index.ts', 'src/legacy_prompts.ts', 'src/api.ts'], undefined],
      ['src/experimental/flag.ts', 1, ['src/index.ts', 'src/experimental/flag.ts'], undefined],
      // `legacy` is a weak mark: a warning, not an error
      ['src/legacy_prompts.ts', 1, ['src/index.ts', 'src/legacy_prompts.ts'], 'warn'],
    ]);
  });

  it('names the mark, the importing line and the fix', () => {
    const findings = check(graph);
    expect(findings.find((f) => f.file === 'src/legacy_prompts.ts')!.message).toBe(
      "src/legacy_prompts.ts is possibly deprecated (its name starts with 'legacy') but ships: src/index.ts:3 imports it as ./legacy_prompts (src/index.ts -> src/legacy_prompts.ts). Import the current file instead, or remove the import at src/index.ts:3; if it is live code, rename it or put `// shipset-ignore deprecated: <reason>` in the leading comment of src/legacy_prompts.ts (or an `ignore` entry for it in shipset.config.json).",
    );
    expect(findings.find((f) => f.file === 'src/api.ts')!.message).toContain("(its header says '* @deprecated use client.ts')");
  });

  it('flags a deprecated entry', () => {
    const dir = tempDir();
    writeFiles(dir, { 'server_old.js': '' });
    const findings = check(buildGraph({ root: dir, entries: ['server_old.js'], files: { 'server_old.js': [] } }));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toBe(
      "server_old.js is deprecated (its name ends in 'old') but ships: it is an entry. Use the current file as the entry; if the file is not deprecated, remove the mark or put `// shipset-ignore deprecated: <reason>` in the leading comment of server_old.js (or an `ignore` entry for it in shipset.config.json).",
    );
  });

  it('flags Python files by name and docstring', () => {
    const dir = tempDir();
    writeFiles(dir, { 'server_hosted.py': '', 'claude_mcp_DEPRECATED_nov5.py': '', 'helpers.py': '"""DEPRECATED: use tools."""\n', 'tools.py': '' });
    const findings = check(
      buildGraph({
        root: dir,
        entries: ['server_hosted.py'],
        files: {
          'server_hosted.py': [
            ['claude_mcp_DEPRECATED_nov5', 'claude_mcp_DEPRECATED_nov5.py'],
            ['helpers', 'helpers.py'],
            ['tools', 'tools.py'],
          ],
          'claude_mcp_DEPRECATED_nov5.py': [],
          'helpers.py': [],
          'tools.py': [],
        },
      }),
    );
    expect(findings.map((f) => f.file)).toEqual(['claude_mcp_DEPRECATED_nov5.py', 'helpers.py']);
  });

  it('ignores dormant deprecated files', () => {
    const dir = tempDir();
    writeFiles(dir, { 'index.js': '', 'index_old.js': '' });
    expect(check(buildGraph({ root: dir, entries: ['index.js'], files: { 'index.js': [] }, dormant: ['index_old.js'] }))).toEqual([]);
  });
});
