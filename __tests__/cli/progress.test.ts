import { describe, expect, it } from '@jest/globals';
import { withProgress } from '../../src/cli/main.js';

function stderr(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => (writes.push(s), true) } as unknown as NodeJS.WritableStream & { isTTY?: boolean } };
}

const slow = (ms: number) => () => new Promise<string>((resolve) => setTimeout(() => resolve('done'), ms));

describe('progress line', () => {
  it('on a terminal, a slow run shows the line and erases it at the end', async () => {
    const { writes, stream } = stderr(true);
    expect(await withProgress({ stderr: stream, env: {} }, false, slow(120), 20)).toBe('done');
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(writes[0]).toBe('\r\u001b[2Kshipset: checking… 0 s');
    expect(writes[writes.length - 1]).toBe('\r\u001b[2K');
  });

  it('shows nothing for a fast run, in CI, with --quiet, or when stderr is not a terminal', async () => {
    const cases: Array<[boolean, NodeJS.ProcessEnv, boolean, number]> = [
      [true, {}, false, 0], // faster than the threshold
      [true, { CI: 'true' }, false, 120],
      [true, {}, true, 120],
      [false, {}, false, 120],
    ];
    for (const [tty, env, quiet, ms] of cases) {
      const { writes, stream } = stderr(tty);
      expect(await withProgress({ stderr: stream, env }, quiet, slow(ms), ms ? 20 : 1000)).toBe('done');
      expect(writes).toEqual([]);
    }
  });

  it('erases the line when the run throws, and passes the error on', async () => {
    const { writes, stream } = stderr(true);
    await expect(
      withProgress({ stderr: stream, env: {} }, false, () => new Promise((_, reject) => setTimeout(() => reject(new Error('bad')), 80)), 10),
    ).rejects.toThrow('bad');
    expect(writes[writes.length - 1]).toBe('\r\u001b[2K');
  });
});
