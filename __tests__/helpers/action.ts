// The action in-process: run() from src/action/main.ts with the runner's environment, so a test
// of what the action does (inputs, outputs, git, the base diff) costs no process start and no
// bundle. What only dist/index.js can show (the event file checked before @actions/github loads,
// signals, the bundle starting with no node_modules) stays in the tests that spawn it
// (helpers/dist.ts: action-dist, api-event-file, base-diff-signal).
import { cleanEnv, type RunOutput } from './dist.js';

export type { RunOutput } from './dist.js';

/**
 * `node dist/index.js` in `cwd` with `env`, as helpers/dist.ts runs it, but in this process.
 * For the run, process.env is the test process's environment without GitHub/jest variables plus
 * `env`, the working folder is `cwd`, and what the action writes to stdout/stderr (@actions/core
 * writes workflow commands and logs to stdout) is captured; all three, and process.exitCode, are
 * restored afterwards. `status` is the exit code the process would have: process.exitCode as
 * core.setFailed leaves it, else 0. Not for concurrent use (it swaps process-wide state).
 */
export async function runAction(cwd: string, env: NodeJS.ProcessEnv): Promise<RunOutput> {
  const saved = { env: process.env, cwd: process.cwd(), exitCode: process.exitCode, out: process.stdout.write, err: process.stderr.write };
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      add(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
  process.env = { ...cleanEnv(), ...env };
  process.exitCode = undefined;
  process.chdir(cwd);
  process.stdout.write = sink((s) => (stdout += s));
  process.stderr.write = sink((s) => (stderr += s));
  try {
    const { run } = await import('../../src/action/main.js');
    const core = await import('@actions/core');
    // core.summary keeps the GITHUB_STEP_SUMMARY path of its first write (one run per process on a
    // runner): forget it, so this run writes to its own summary file.
    delete (core.summary as unknown as { _filePath?: string })._filePath;
    await run();
    return { status: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.chdir(saved.cwd);
    process.exitCode = saved.exitCode;
    process.env = saved.env;
  }
}
