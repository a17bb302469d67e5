// What a command loads before it answers, on dist/ as users run it. `--help`, `--version`,
// `shipset rules` and a usage error need the rule registry (data) and the option checks, not the
// analysis: the chunk with TypeScript's parser alone is megabytes, and loading it made `--help`
// take ~0.4 s. A module hook (node:module register) reports every file the process loads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { cleanEnv, distCopy } from '../helpers/dist.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const HOOK =
  'export async function load(url, context, next) { if (url.startsWith("file:")) process.stderr.write("LOADED " + url + "\\n"); return next(url, context); }';
const REGISTER = `data:text/javascript,import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${HOOK}`)});`;
/** A string of TypeScript's diagnostics table: present in the chunk that carries the compiler. */
const TYPESCRIPT_MARK = 'Unterminated string literal.';

/** Runs dist/cli.js with the hook; returns the exit code and the files it loaded (absolute paths). */
function loads(args: string[], cwd: string): { status: number; files: string[] } {
  const cli = path.join(distCopy(), 'dist', 'cli.js');
  const r = spawnSync(process.execPath, ['--import', REGISTER, cli, ...args], { cwd, encoding: 'utf8', env: { ...cleanEnv(), NO_COLOR: '1' }, timeout: 60000 });
  const files = [...r.stderr.matchAll(/^LOADED (file:\S+)$/gm)].map((m) => fileURLToPath(m[1]));
  return { status: r.status ?? -1, files };
}

const bytes = (files: string[]) => files.reduce((n, f) => n + fs.statSync(f).size, 0);
const withTypeScript = (files: string[]) => files.filter((f) => fs.readFileSync(f, 'utf8').includes(TYPESCRIPT_MARK));

describe('start-up of dist/cli.js', () => {
  it.each([[['--help']], [['--version']], [['rules']], [['check', '--no-such-flag']]])('%j loads no parser, TypeScript or madge', (args) => {
    const r = loads(args, tempDir());
    expect(r.status).toBe(args[1] === '--no-such-flag' ? 2 : 0);
    expect(r.files[0]).toBe(path.join(distCopy(), 'dist', 'cli.js'));
    expect(withTypeScript(r.files)).toEqual([]);
    // ~0.3 MB today (ajv, tar, the option checks); the analysis is over 5 MB.
    expect(bytes(r.files)).toBeLessThan(1_000_000);
  });

  it('a check run does load the analysis (the hook sees dynamic imports)', () => {
    const root = tempDir();
    writeFiles(root, { 'package.json': JSON.stringify({ name: 'app', type: 'module', main: 'index.js' }), 'index.js': "import './lib.js';\n", 'lib.js': '' });
    const r = loads(['check', '--root', root], root);
    expect(r.status).toBe(0);
    expect(withTypeScript(r.files)).toHaveLength(1);
    expect(bytes(r.files)).toBeGreaterThan(1_000_000);
  });
});
