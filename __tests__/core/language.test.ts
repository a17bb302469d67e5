// languageOf reads the #! line of an extensionless file. The path can come from a stored fact of
// the cache (data restored from actions/cache, see docs/cache.md), so a path that is no regular
// file (a named pipe with no writer, a device) must be answered at once, never block the run.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { languageOf } from '../../src/core/graph/language.js';
import { cleanupFixtures, tempDir } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

describe('languageOf', () => {
  it('reads the #! line of an extensionless script', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'tool'), '#!/usr/bin/env node\nconsole.log(1);\n');
    fs.writeFileSync(path.join(dir, 'run'), '#!/usr/bin/env python3\nprint(1)\n');
    expect(languageOf(path.join(dir, 'tool'))).toBe('js');
    expect(languageOf(path.join(dir, 'run'))).toBe('python');
  });

  (process.platform === 'win32' ? it.skip : it)('answers a named pipe with no writer at once (no language), without waiting for a writer', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'tool');
    execFileSync('mkfifo', [fifo]);
    // Before the fix the open blocked until a writer came: this writer comes after 3 s (so the test
    // cannot hang for ever) and the call must have returned long before.
    const writer = spawn('sh', ['-c', 'sleep 3; : > "$0"', fifo], { stdio: 'ignore' });
    const exited = new Promise((resolve) => writer.once('exit', resolve));
    const start = Date.now();
    const language = languageOf(fifo);
    const took = Date.now() - start;
    // Our reader has gone: open the pipe ourselves so the writer's open returns and it exits.
    const fd = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    await exited;
    fs.closeSync(fd);
    expect(language).toBeUndefined();
    expect(took).toBeLessThan(1000);
  });
});
