// The CLI in-process: main(argv, io) from src/, with the same environment, clock and output
// capture as `node dist/cli.js`, so usage, exit-code and manifest tests cost no process start
// and no bundle. The few tests that prove dist/ itself (what users run) use helpers/dist.ts.
import { main } from '../../src/cli/main.js';
import { cleanEnv, type RunOutput } from './dist.js';

export type { RunOutput } from './dist.js';

/**
 * `shipset ...args` in `cwd`, as runCli in helpers/dist.ts runs it: the test process's environment
 * without GitHub/jest variables, NO_COLOR=1, plus `env`; the real clock unless `now` is given.
 * Output streams are not TTYs, as with a spawned process writing to pipes.
 */
export async function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, now: number = Date.now()): Promise<RunOutput> {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) =>
    ({ write: (s: string | Uint8Array) => (add(typeof s === 'string' ? s : Buffer.from(s).toString('utf8')), true) }) as unknown as NodeJS.WritableStream;
  const status = await main(args, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env: { ...cleanEnv(), NO_COLOR: '1', ...env },
    cwd,
    now,
  });
  return { status, stdout, stderr };
}
export { distCopy } from './dist.js';
