// Python services through the CLI in-process (incident 1's failing run through dist/cli.js): incident 1 exactly, incident 3, and a pack of only
// what runs (with requirements.txt, never __pycache__).
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Manifest } from '../../src/core/types.js';
import { runCli } from '../helpers/cli.js';
import { runCli as runDistCli } from '../helpers/dist.js';
import { cleanupFixtures, commit, gitProject, tempDir } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const json = (stdout: string) => JSON.parse(stdout) as Manifest;

function incidentOne(): string {
  return gitProject([
    {
      date: '2025-11-05T12:00:00Z',
      files: {
        'requirements.txt': 'fastmcp==2.3.0\nPyYAML>=6\n',
        'server_hosted.py': 'import os\nimport yaml\nfrom claude_mcp_hybrid import mcp\n\nif __name__ == "__main__":\n    mcp.run()\n',
        'claude_mcp_hybrid.py': 'from fastmcp import FastMCP\nmcp = FastMCP("old")\n',
        '__pycache__/claude_mcp_hybrid.cpython-311.pyc': 'compiled',
      },
    },
    {
      date: '2025-11-15T12:00:00Z',
      files: { 'claude_mcp_hybrid_sessions.py': 'from fastmcp import FastMCP\nmcp = FastMCP("sessions")\n' },
    },
  ]);
}

describe('incident 1 in Python', () => {
  it('fails with a stale finding at server_hosted.py line 3 naming both files and dates', async () => {
    const root = incidentOne();
    const r = runDistCli(['pack', 'server_hosted.py', '--root', root, '--out', path.join(root, 'out.tar.gz'), '--json'], root); // dist/: what users run
    expect(r.status).toBe(1);
    const m = json(r.stdout);
    const stale = m.findings.filter((f) => f.rule === 'stale');
    expect(stale).toEqual([expect.objectContaining({ level: 'error', file: 'server_hosted.py', line: 3, target: 'claude_mcp_hybrid.py' })]);
    expect(stale[0].message).toMatch(/claude_mcp_hybrid_sessions\.py.*2025-11-15/);
    expect(stale[0].message).toContain('2025-11-05');
    expect(m.findings.filter((f) => f.rule !== 'stale')).toEqual([]);
    expect(m.tarball).toBeNull();
    expect(fs.existsSync(path.join(root, 'out.tar.gz'))).toBe(false);
  });

  it('passes after the import is fixed and packs only the reachable files plus requirements.txt', async () => {
    const root = incidentOne();
    commit(root, { 'server_hosted.py': 'import os\nimport yaml\nfrom claude_mcp_hybrid_sessions import mcp\n' }, '2025-11-16T12:00:00Z');
    const out = path.join(tempDir(), 'svc.tar.gz');
    const r = await runCli(['pack', 'server_hosted.py', '--root', root, '--out', out, '--json'], root);
    expect(r.status).toBe(0);
    const m = json(r.stdout);
    expect(m.dormant).toEqual(['claude_mcp_hybrid.py']);
    expect(m.packages).toEqual({ fastmcp: ['claude_mcp_hybrid_sessions.py'], yaml: ['server_hosted.py'] });
    const listed = execFileSync('tar', ['-tzf', out], { encoding: 'utf8' }).trim().split('\n');
    expect(listed).toEqual(['claude_mcp_hybrid_sessions.py', 'requirements.txt', 'server_hosted.py']);
  });
});

describe('incident 3 in Python', () => {
  it('names which of prompts.py and prompts/ Python loads', async () => {
    const root = gitProject([
      {
        date: '2025-10-01T12:00:00Z',
        files: {
          'requirements.txt': '',
          'main.py': 'import assistant.brain.prompts.renderer\n',
          'assistant/__init__.py': '',
          'assistant/brain/__init__.py': '',
          'assistant/brain/prompts.py': 'TEXT = "old"\n',
          'assistant/brain/prompts/__init__.py': '',
          'assistant/brain/prompts/renderer.py': 'def render():\n    return 1\n',
        },
      },
    ]);
    const r = await runCli(['check', 'main.py', '--root', root, '--json'], root);
    const m = json(r.stdout);
    const shadowed = m.findings.filter((f) => f.rule === 'shadowed');
    expect(shadowed).toHaveLength(1);
    expect(shadowed[0]).toMatchObject({ level: 'warn', file: 'main.py', line: 1 });
    expect(shadowed[0].message).toContain('assistant/brain/prompts.py');
    expect(shadowed[0].message).toContain('assistant/brain/prompts/__init__.py');
    expect(r.status).toBe(0);
  });
});
