// A pack cut short by SIGTERM (a cancelled job) or SIGINT (Ctrl-C) leaves no temp tarball: the
// temp file is registered with the cleanup registry the moment it is created, and the CLI's
// signal handler removes it before exiting with 128 + the signal number. Runs dist/cli.js on a
// project big enough (60 MB of incompressible data) that the signal lands mid-write.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { distCopy } from '../helpers/dist.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

function bigProject(): string {
  const root = tempDir();
  writeFiles(root, { 'package.json': '{"name":"big","version":"1.0.0"}', 'index.js': 'console.log(1);\n' });
  fs.mkdirSync(path.join(root, 'data'));
  for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(root, 'data', `f${i}.bin`), randomBytes(2_000_000));
  return root;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The temp tarball in `out`, when one exists, with its size. */
function tempIn(out: string): { name: string; size: number } | undefined {
  try {
    const name = fs.readdirSync(out).find((n) => n.endsWith('.tmp'));
    return name ? { name, size: fs.statSync(path.join(out, name)).size } : undefined;
  } catch {
    return undefined;
  }
}

/** Kill the pack once its temp tarball exists ('write'), or once it is full and being verified ('verify'). */
async function killMidWrite(
  signal: NodeJS.Signals,
  phase: 'write' | 'verify' = 'write',
): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; stderr: string }> {
  const root = bigProject();
  const out = path.join(root, 'out');
  const child = spawn(process.execPath, [path.join(distCopy(), 'dist', 'cli.js'), 'pack', 'index.js', '--include', 'data/*', '--out', 'out/app.tgz'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1700000000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, sig) => resolve({ code, signal: sig })),
  );
  const deadline = Date.now() + 30_000;
  let seen = false;
  while (Date.now() < deadline && child.exitCode === null) {
    const temp = tempIn(out);
    if (temp && (phase === 'write' || temp.size > 50_000_000)) {
      seen = true;
      break;
    }
    await sleep(phase === 'write' ? 10 : 2);
  }
  expect(seen).toBe(true); // the temp file appeared: the run is mid-write
  child.kill(signal);
  const result = await exited;
  return { ...result, out, stderr };
}

describe('SIGTERM / SIGINT during pack', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    '%s mid-write: exit %i, no temp file, no tarball, no folder made for it',
    async (signal, status) => {
      const { code, out, stderr } = await killMidWrite(signal);
      expect(stderr).not.toContain('internal error');
      expect(code).toBe(status);
      // The run made out/ for the tarball: it is gone with the temp file (or at least empty).
      const left = fs.existsSync(out) ? fs.readdirSync(out) : [];
      expect(left).toEqual([]);
    },
    60_000,
  );

  it('SIGTERM while the full temp tarball is being verified: exit 143, nothing left', async () => {
    const { code, out, stderr } = await killMidWrite('SIGTERM', 'verify');
    expect(stderr).not.toContain('internal error');
    expect(code).toBe(143);
    expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
  }, 60_000);
});
