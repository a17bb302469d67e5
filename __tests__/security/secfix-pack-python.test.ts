// Python project files a pull request can point anywhere: `-r` targets in requirements.txt,
// pyproject.toml and setup.cfg as links to /dev/zero or /etc/passwd. Each is refused quickly
// (no endless read, no hang), none is quoted, and the check goes on. Runs the CLI in-process (helpers/cli.ts).
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

function pyProject(files: Record<string, string>, links: Record<string, string> = {}): string {
  const root = tempDir();
  writeFiles(root, { 'app.py': 'import flask\n', ...files });
  for (const [link, to] of Object.entries(links)) fs.symlinkSync(to, path.join(root, link));
  return root;
}

async function quickCheck(root: string) {
  const started = Date.now();
  const r = await runCli(['check', 'app.py', '--json'], root);
  const ms = Date.now() - started;
  expect(r.status).not.toBe(-1);
  expect(ms).toBeLessThan(20_000);
  expect(r.stderr).not.toContain('internal error');
  expect(r.stdout + r.stderr).not.toContain('root:x:0:0');
  return { ...r, manifest: r.status === 2 ? undefined : (JSON.parse(r.stdout) as { notices: string[]; findings: Array<{ rule: string }> }) };
}

describe('Python project files outside the root or on a device are refused quickly', () => {
  it.each(['/dev/zero', '/etc/passwd'])('requirements.txt with -r %s', async (target) => {
    const r = await quickCheck(pyProject({ 'requirements.txt': `flask\n-r ${target}\n` }));
    expect(r.status).toBe(0);
    expect(r.manifest!.notices).toContainEqual(expect.stringContaining(`requirements.txt:2: -r ${target} is outside the root`));
  });

  it.each(['/dev/zero', '/etc/passwd'])('setup.cfg -> %s: a notice, the check goes on', async (target) => {
    const r = await quickCheck(pyProject({ 'requirements.txt': 'flask\n' }, { 'setup.cfg': target }));
    expect(r.status).toBe(0);
    expect(r.manifest!.notices).toContainEqual(expect.stringContaining(`setup.cfg is a link to ${target}, outside the root`));
  });

  // pyproject.toml is also packed by default: a device or a link out of the root there is bad input.
  it.each([
    ['/dev/zero', "include 'pyproject.toml' is a device, not a regular file"],
    ['/etc/passwd', "include 'pyproject.toml' is a link to /etc/passwd, outside the root"],
  ])('pyproject.toml -> %s: exit 2, one line', async (target, message) => {
    const r = await quickCheck(pyProject({ 'requirements.txt': 'flask\n' }, { 'pyproject.toml': target }));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });
});
