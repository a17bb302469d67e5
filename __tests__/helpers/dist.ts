// Run dist/ the way users do: from a copy of dist/ (plus package.json) with no node_modules.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './fixture.js';

let copy: string | undefined;

/** A copy of dist/ with package.json beside it and no node_modules (made once per test file). */
export function distCopy(): string {
  if (copy && fs.existsSync(copy)) return copy;
  if (!fs.existsSync('dist/cli.js')) throw new Error('dist/ is missing: run `npm run bundle` first');
  const dir = tempDir('shipset-dist-');
  fs.cpSync('dist', path.join(dir, 'dist'), { recursive: true });
  fs.copyFileSync('package.json', path.join(dir, 'package.json'));
  copy = dir;
  return dir;
}

export interface RunOutput {
  status: number;
  stdout: string;
  stderr: string;
}

/** `node dist/cli.js ...args` from the dist copy, in `cwd`. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): RunOutput {
  const cli = path.join(distCopy(), 'dist', 'cli.js');
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...cleanEnv(), NO_COLOR: '1', ...env },
    timeout: 60000,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The test process's environment without jest's and GitHub's variables that would leak into a run. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('GITHUB_') || k.startsWith('INPUT_') || k.startsWith('RUNNER_') || k === 'NODE_OPTIONS' || k === 'CI' || k === 'SOURCE_DATE_EPOCH')
      continue;
    env[k] = v;
  }
  return env;
}
