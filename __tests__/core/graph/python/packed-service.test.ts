// The files the engine calls reachable are enough to run the service: copy only them to a
// fresh folder, start `python3 entry.py` on loopback, and ask it for /health.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { buildPythonGraph } from '../../../../src/core/graph/python/index.js';
import { cleanupFixtures, copyFixture, tempDir } from '../../../helpers/fixture.js';

afterAll(cleanupFixtures);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function getHealth(port: number, deadline: number): Promise<{ status: number; body: string }> {
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) });
      return { status: res.status, body: await res.text() };
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('packed Python service', () => {
  it('runs from only the reachable files', async () => {
    expect(spawnSync('python3', ['--version']).status).toBe(0);
    const source = copyFixture('python/http-service');
    const graph = await buildPythonGraph({ root: source, entries: ['entry.py'], pythonPath: [] });
    const reachable = [...graph.files.keys()].sort();
    expect(reachable).toEqual(['app/__init__.py', 'app/clock.py', 'app/health.py', 'app/server.py', 'app/version.py', 'entry.py']);
    for (const node of graph.files.values()) {
      expect(node.parseError).toBeUndefined();
      expect(node.edges.filter((e) => e.class === 'unresolved' || e.class === 'package')).toEqual([
        ...(node.path === 'app/server.py' ? [expect.objectContaining({ specifier: 'ujson', class: 'package', optional: true })] : []),
      ]);
    }

    const packed = tempDir('shipset-pyservice-');
    for (const rel of reachable) {
      fs.mkdirSync(path.dirname(path.join(packed, rel)), { recursive: true });
      fs.copyFileSync(path.join(source, rel), path.join(packed, rel));
    }
    const port = await freePort();
    const child = spawn('python3', ['entry.py'], {
      cwd: packed,
      env: { ...process.env, PORT: String(port), PYTHONDONTWRITEBYTECODE: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const res = await getHealth(port, Date.now() + 10_000).catch((error: Error) => {
        throw new Error(`${error.message}; python stderr: ${stderr}`);
      });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ ok: true, version: '1.0.0' });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    }
  }, 30_000);
});
