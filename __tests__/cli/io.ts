// An in-process stand-in for the CLI's streams: main(argv, io) writes here instead of the terminal.
import { main } from '../../src/cli/main.js';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run `shipset ...argv` in-process in `cwd`, with a fixed clock and no colour. */
export async function runMain(argv: string[], cwd: string, extra: { env?: NodeJS.ProcessEnv; now?: number } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const stream = (sink: (s: string) => void) => ({ write: (s: string) => (sink(s), true) }) as unknown as NodeJS.WritableStream;
  const status = await main(argv, {
    stdout: stream((s) => (stdout += s)),
    stderr: stream((s) => (stderr += s)),
    env: { NO_COLOR: '1', ...(extra.env ?? {}) },
    cwd,
    now: extra.now ?? Date.parse('2026-01-15T12:00:00Z'),
  });
  return { status, stdout, stderr };
}
