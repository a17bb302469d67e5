// The action end to end, the way the runner runs it: `node dist/index.js` from a copy of dist/
// with no node_modules, INPUT_* variables, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. The bundle
// is what this file proves (it starts, annotates, writes outputs, the summary and the tarball);
// what the action does with comments, SARIF, the base diff and the API is main.test.ts, in-process.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { cleanupFixtures, commit } from '../helpers/fixture.js';
import { incidentOne, runAction as runActionOn } from './run-action.js';

// Needs `npm run bundle`; skipped (not failed) until dist/ exists. SHIPSET_ACTION_ENTRY may name
// another built index.js (with no node_modules around it) to try a build without touching dist/.
const actionEntry = process.env.SHIPSET_ACTION_ENTRY;
const withDist = actionEntry || (fs.existsSync('dist/index.js') && fs.existsSync('dist/cli.js')) ? describe : describe.skip;

afterAll(cleanupFixtures);

const runAction = (workspace: string, inputs: Record<string, string>) => runActionOn({ dist: true, entry: actionEntry }, workspace, inputs);

withDist('action (dist/index.js)', () => {
  it('scenario A: fails the step with an error annotation on the import line, names both files, writes no tarball', async () => {
    const repo = incidentOne();
    const run = await runAction(repo, { 'working-directory': 'app', entry: 'src/server_hosted.js' });

    expect(run.status).toBe(1);
    const annotation = run.stdout.split('\n').find((l) => l.startsWith('::error title=shipset stale,file=app/src/server_hosted.js,line=2,col='));
    expect(annotation).toBeDefined(); // the title names the rule
    expect(annotation).toContain('claude_mcp_hybrid_sessions.js');
    // Every annotation line names its rule, then its file.
    expect(
      run.stdout
        .split('\n')
        .filter((l) => /^::(error|warning) /.test(l))
        .every((l) => /^::(error|warning) title=shipset [a-z-]+,file=/.test(l)),
    ).toBe(true);
    expect(run.stdout).toMatch(/^::error::shipset: failed \(\d+ files? ships?, \d+ dormant, \d+ errors?/m); // the one-line verdict

    expect(Number(run.outputs['error-count'])).toBeGreaterThanOrEqual(1);
    expect(run.outputs.tarball).toBe('');
    expect(run.outputs['tarball-sha256']).toBe('');
    expect(fs.existsSync(path.join(repo, 'shipset.tar.gz'))).toBe(false);
    expect(run.outputs.manifest).toBe(path.join(repo, 'shipset.json'));
    const manifest = JSON.parse(fs.readFileSync(run.outputs.manifest, 'utf8'));
    // Schema 2: one `via` per file, no per-file chain.
    expect(manifest).toMatchObject({ schema: 2, runtime: 'node', typeOnly: [] });
    expect(manifest.files.find((f: { path: string }) => f.path === 'src/server_hosted.js')).toMatchObject({ reason: 'entry', via: null });
    expect(manifest.files.every((f: object) => !('chain' in f))).toBe(true);
    const stale = manifest.findings.find((f: { rule: string }) => f.rule === 'stale');
    expect(stale).toMatchObject({ level: 'error', file: 'src/server_hosted.js', line: 2 });
    expect(manifest.dormant).toContain('src/claude_mcp_hybrid_sessions.js');

    expect(run.summary).toMatch(/^### ❌ shipset/m);
    expect(run.summary).toContain('`src/server_hosted.js:2`');
    expect(run.summary).toContain('src/claude_mcp_hybrid.js');
    expect(run.summary).toContain('src/claude_mcp_hybrid_sessions.js');

    // Import the newer file: the step passes, the older file is dormant, the tarball is written.
    commit(repo, { 'app/src/server_hosted.js': "// hosted entry\nimport { mcp } from './claude_mcp_hybrid_sessions.js';\nmcp();\n" }, '2025-11-16T12:00:00Z');
    const fixed = await runAction(repo, { 'working-directory': 'app', entry: 'src/server_hosted.js' });
    expect(fixed.status).toBe(0);
    expect(fixed.outputs['error-count']).toBe('0');
    expect(fixed.outputs.tarball).toBe(path.join(repo, 'shipset.tar.gz'));
    expect(fixed.outputs['tarball-sha256']).toBe(createHash('sha256').update(fs.readFileSync(fixed.outputs.tarball)).digest('hex'));
    // reachable-count is what the summary says ships (includes counted).
    const shipped = JSON.parse(fs.readFileSync(fixed.outputs.manifest, 'utf8')).files.length;
    expect(Number(fixed.outputs['reachable-count'])).toBe(shipped);
    expect(fixed.summary).toContain(`**${shipped}** files ship`);
    // The passing log says the counts, the tarball and both digests.
    const m = JSON.parse(fs.readFileSync(fixed.outputs.manifest, 'utf8'));
    expect(fixed.stdout).toContain(`shipset: passed`);
    expect(fixed.stdout).toContain(`${shipped} files ship`);
    expect(fixed.stdout).toContain(`Tarball shipset.tar.gz (${m.tarball.bytes} bytes), SHA-256 ${m.tarball.sha256}, contentSha256 ${m.tarball.contentSha256}.`);
    expect(Number(fixed.outputs['dormant-count'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(fs.readFileSync(fixed.outputs.manifest, 'utf8')).dormant).toContain('src/claude_mcp_hybrid.js');
    expect(fixed.summary).toMatch(/^### (✅|⚠️) shipset/m);
    expect(fixed.summary).toContain(fixed.outputs['tarball-sha256']);
  });
});
