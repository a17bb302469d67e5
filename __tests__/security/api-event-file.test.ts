// A bad GITHUB_EVENT_PATH (missing, unreadable, a folder, a FIFO, invalid JSON, not an object,
// huge): one clear line naming the file, the step fails, no stack trace, even though
// @actions/github would parse the file while loading.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EVENT_MAX_BYTES, pullRequestFromEvent, readEventPayload } from '../../src/action/event.js';
import { UsageError } from '../../src/core/types.js';
import { distCopy } from '../helpers/dist.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const dir = tempDir('shipset-event-');
const isRoot = process.getuid?.() === 0;

type Case = [string, () => string, RegExp];
const cases: Case[] = [
  ['missing', () => path.join(dir, 'nope.json'), /does not exist/],
  ['a folder', () => (fs.mkdirSync(path.join(dir, 'folder'), { recursive: true }), path.join(dir, 'folder')), /is a folder/],
  ['invalid JSON', () => (fs.writeFileSync(path.join(dir, 'bad.json'), '{"pull_request": '), path.join(dir, 'bad.json')), /is not valid JSON/],
  ['a JSON array', () => (fs.writeFileSync(path.join(dir, 'arr.json'), '[1]'), path.join(dir, 'arr.json')), /does not hold a JSON object/],
  [
    'huge',
    () => {
      const file = path.join(dir, 'huge.json');
      fs.writeFileSync(file, '');
      fs.truncateSync(file, EVENT_MAX_BYTES + 1); // sparse: no disk used
      return file;
    },
    /larger than/,
  ],
  [
    'a FIFO (would block a plain read)',
    () => {
      const file = path.join(dir, 'fifo');
      if (!fs.existsSync(file)) execFileSync('mkfifo', [file]);
      return file;
    },
    /is not a regular file/,
  ],
  ['a name with a newline and a command', () => path.join(dir, 'x\n::warning::forged.json'), /does not exist/],
];
if (!isRoot) {
  cases.push([
    'unreadable',
    () => {
      const file = path.join(dir, 'locked.json');
      fs.writeFileSync(file, '{}');
      fs.chmodSync(file, 0o000);
      return file;
    },
    /cannot be read/,
  ]);
}

describe('readEventPayload', () => {
  it.each(cases)('%s: a UsageError naming the file and the way out', (_, make, why) => {
    const file = make();
    let error: unknown;
    try {
      readEventPayload({ GITHUB_EVENT_PATH: file });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).toMatch(why);
    expect(message).toContain('GITHUB_EVENT_PATH');
    expect(message).not.toMatch(/[\n\r]/);
    expect(message).toMatch(/re-run the job/);
  });

  it('reads a good event, and no variable means no event', () => {
    const file = path.join(dir, 'good.json');
    fs.writeFileSync(file, JSON.stringify({ pull_request: { number: 7, base: { sha: 'abc', ref: 'main' } } }));
    expect(pullRequestFromEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: file })).toEqual({ number: 7, baseSha: 'abc', baseRef: 'main' });
    expect(readEventPayload({})).toEqual({});
  });
});

const withDist = fs.existsSync('dist/index.js') ? describe : describe.skip;

withDist('the action (dist/index.js) with a bad event file', () => {
  async function runAction(eventPath: string): Promise<{ status: number; out: string; summary: string }> {
    const workspace = tempDir('shipset-ws-');
    writeFiles(workspace, { 'package.json': JSON.stringify({ name: 'x', main: 'index.js' }), 'index.js': 'export {};\n' });
    const summary = path.join(workspace, '..', `${path.basename(workspace)}-summary.md`);
    fs.writeFileSync(summary, '');
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|INPUT_|RUNNER_)/.test(k) && k !== 'NODE_OPTIONS'));
    const child = spawn(process.execPath, [path.join(distCopy(), 'dist', 'index.js')], {
      cwd: workspace,
      env: { ...clean, GITHUB_WORKSPACE: workspace, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath, GITHUB_STEP_SUMMARY: summary },
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const status = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    const text = fs.readFileSync(summary, 'utf8');
    fs.rmSync(summary, { force: true });
    return { status, out, summary: text };
  }

  it.each(cases.filter(([name]) => !name.startsWith('a FIFO')))('%s: exit 1, one ::error:: line, no stack trace', async (_, make, why) => {
    const run = await runAction(make());
    expect(run.status).toBe(1);
    const lines = run.out.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^::error::GITHUB_EVENT_PATH '.*' /);
    expect(lines[0]).toMatch(why);
    expect(run.out).not.toMatch(/\n\s+at |SyntaxError|Error:/);
    expect(run.summary).toMatch(/^### ❌ shipset could not run/);
  });
});
