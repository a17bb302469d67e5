// The action's `cache` input and the CLI's --cache flag become Options.cache: an absolute folder,
// by default outside the workspace; a file in its place is one clear line.
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { readInputs } from '../../src/action/inputs.js';
import { main } from '../../src/cli/main.js';
import { UsageError } from '../../src/core/types.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});
afterAll(cleanupFixtures);

function workspaceWith(cache: string, env: Record<string, string> = {}): string {
  const workspace = tempDir();
  writeFiles(workspace, { 'package.json': JSON.stringify({ name: 'app', main: 'index.js' }), 'index.js': 'export {};\n', 'a-file': 'x' });
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_') || k.startsWith('GITHUB_')) delete process.env[k];
  Object.assign(process.env, { INPUT_CACHE: cache, INPUT_PACK: 'false', GITHUB_WORKSPACE: workspace, ...env });
  return workspace;
}

describe('cache input', () => {
  it('true: $XDG_CACHE_HOME/shipset, outside the workspace', () => {
    const home = tempDir();
    const workspace = workspaceWith('true', { XDG_CACHE_HOME: home });
    const { options } = readInputs();
    expect(options.cache).toBe(path.join(home, 'shipset'));
    expect(options.cache!.startsWith(workspace)).toBe(false);
  });

  it('false or empty: no cache; a folder: relative to the workspace', () => {
    workspaceWith('false');
    expect(readInputs().options.cache).toBeUndefined();
    workspaceWith('');
    expect(readInputs().options.cache).toBeUndefined();
    const workspace = workspaceWith('.cache/shipset');
    expect(readInputs().options.cache).toBe(path.join(workspace, '.cache/shipset'));
  });

  it('a file where the folder should be fails the step, naming the input', () => {
    workspaceWith('a-file');
    expect(() => readInputs()).toThrow(UsageError);
    expect(() => readInputs()).toThrow(/^input cache: 'a-file' is not a folder/);
  });
});

describe('--cache', () => {
  it('writes the cache where the flag says, and gives the same output warm as cold', async () => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': '{"name":"app","type":"module"}',
      'src/index.ts': "import { a } from './a.js';\nconsole.log(a);\n",
      'src/a.ts': 'export const a = 1;\n',
    });
    const cache = path.join(tempDir(), 'c');
    const run = async (extra: string[]) => {
      let out = '';
      let err = '';
      const io = {
        stdout: { write: (s: string) => ((out += s), true) } as never,
        stderr: { write: (s: string) => ((err += s), true) } as never,
        env: {},
        cwd: root,
        now: Date.parse('2026-01-01T00:00:00Z'),
      };
      const code = await main(['check', 'src/index.ts', '--json', ...extra], io);
      return { code, out, err };
    };
    const plain = await run([]);
    const cold = await run(['--cache', cache]);
    const warm = await run(['--cache', cache]);
    expect(plain.code).toBe(0);
    expect(cold).toEqual(plain);
    expect(warm).toEqual(plain);
    expect(fs.readdirSync(cache)).toEqual(['shipset-scan-cache.json']);
    const bad = await run(['--cache', 'package.json']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--cache: 'package.json' is not a folder");
  });
});
