// Attacks through what the pull request controls in the action's inputs: a working-directory that
// leads out of the workspace (committed symlinks, absolute paths), a config file choosing output
// paths (overwriting or, on a refused pack, deleting a workflow-made file), output paths with a
// newline (forged step outputs), and a config that switches the gate off without a word.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { readInputs } from '../../src/action/inputs.js';
import { UsageError } from '../../src/core/types.js';
import { runAction } from '../helpers/action.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function setInputs(inputs: Record<string, string>, workspace: string): void {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_') || k.startsWith('GITHUB_')) delete process.env[k];
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
  process.env.GITHUB_WORKSPACE = workspace;
}

/** The UsageError message readInputs throws (fails the test when it does not throw one). */
function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError');
}

const APP = { 'i.js': 'console.log(1);\n', 'package.json': '{"name":"x","main":"i.js"}\n' };

describe('working-directory must lie inside the workspace, by real path', () => {
  function layout() {
    const outside = tempDir('shipset-outside-');
    writeFiles(outside, APP);
    const ws = tempDir('shipset-ws-');
    writeFiles(ws, { 'inside/i.js': 'x\n', 'inside/package.json': APP['package.json'] });
    fs.symlinkSync(outside, path.join(ws, 'app'));
    fs.mkdirSync(path.join(ws, 'real'));
    fs.symlinkSync(path.relative(path.join(ws, 'real'), outside), path.join(ws, 'real', 'app2'));
    return { ws, outside };
  }

  it.each([
    ['a committed symlink app -> /outside', (_: string) => 'app'],
    ['a relative symlink real/app2 -> ../../outside', (_: string) => 'real/app2'],
    ['an absolute path', (outside: string) => outside],
    ['a path with ..', (outside: string) => `../${path.basename(outside)}`],
  ])('%s: one UsageError line naming the input', (_name, wd) => {
    const { ws, outside } = layout();
    setInputs({ 'working-directory': wd(outside) }, ws);
    const message = usage(() => readInputs());
    expect(message).toMatch(/^input working-directory: .* outside the workspace /);
    expect(message).not.toContain('\n');
  });

  it('a folder inside the workspace (also through a symlink that stays inside) is accepted', () => {
    const { ws } = layout();
    fs.symlinkSync('inside', path.join(ws, 'alias'));
    setInputs({ 'working-directory': 'alias', pack: 'false' }, ws);
    expect(readInputs().options.root).toBe(path.join(ws, 'inside'));
  });

  it('through the action: the step fails with one error line, nothing packed from the outside folder', async () => {
    const { ws } = layout();
    const io = tempDir('shipset-runner-');
    fs.writeFileSync(path.join(io, 'output'), '');
    const r = await runAction(ws, { GITHUB_WORKSPACE: ws, GITHUB_OUTPUT: path.join(io, 'output'), 'INPUT_WORKING-DIRECTORY': 'app', INPUT_PACK: 'true' });
    // Bad input fails the step with exit code 2, as the CLI's does (1 means error findings).
    expect(r.status).toBe(2);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('outside the workspace');
    expect(fs.existsSync(path.join(ws, 'shipset.tar.gz'))).toBe(false);
  });
});

describe("the pull request's config does not choose the action's output paths", () => {
  it('tarball and manifest from shipset.config.json are ignored, with a notice; the input defaults apply', () => {
    const ws = tempDir('shipset-ws-');
    writeFiles(ws, { ...APP, 'shipset.config.json': JSON.stringify({ tarball: '../cache/deps.tar.gz', manifest: '../.github/shipset.json' }) });
    fs.mkdirSync(path.join(ws, 'sub'));
    setInputs({}, ws);
    const { options, settings } = readInputs();
    expect(options.tarball).toBe(path.join(ws, 'shipset.tar.gz'));
    expect(settings.manifestPath).toBe(path.join(ws, 'shipset.json'));
    expect(options.notices?.join('\n')).toContain('shipset.config.json: tarball is ignored by the action');
    expect(options.notices?.join('\n')).toContain('shipset.config.json: manifest is ignored by the action');
  });

  it('through the action, with an error finding: a workflow-made gzip at the config path is neither overwritten nor deleted', async () => {
    const ws = tempDir('shipset-ws-');
    const trusted = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);
    writeFiles(ws, {
      'app/i.js': "require('./missing.js');\n",
      'app/package.json': APP['package.json'],
      'app/shipset.config.json': JSON.stringify({ tarball: '../cache/deps.tar.gz', manifest: '../.github/shipset.json' }),
    });
    fs.mkdirSync(path.join(ws, 'cache'));
    fs.writeFileSync(path.join(ws, 'cache', 'deps.tar.gz'), trusted);
    const io = tempDir('shipset-runner-');
    for (const f of ['output', 'summary']) fs.writeFileSync(path.join(io, f), '');
    const r = await runAction(ws, {
      GITHUB_WORKSPACE: ws,
      GITHUB_OUTPUT: path.join(io, 'output'),
      GITHUB_STEP_SUMMARY: path.join(io, 'summary'),
      'INPUT_WORKING-DIRECTORY': 'app',
    });
    expect(r.status).toBe(1);
    expect(fs.readFileSync(path.join(ws, 'cache', 'deps.tar.gz'))).toEqual(trusted);
    expect(fs.existsSync(path.join(ws, '.github'))).toBe(false);
    expect(fs.existsSync(path.join(ws, 'shipset.json'))).toBe(true);
    expect(r.stdout + fs.readFileSync(path.join(io, 'summary'), 'utf8')).not.toContain('Removed the earlier');
  });

  it('an output path with a newline or another control character is one UsageError line (input or CLI)', () => {
    const ws = tempDir('shipset-ws-');
    writeFiles(ws, APP);
    for (const bad of ['out\n### ✅ passed .tgz', 'out\r.tgz', 'a\u0000.tgz', 'a\u001b[31m.tgz']) {
      setInputs({ tarball: bad }, ws);
      const message = usage(() => readInputs());
      expect(message).toMatch(/^input tarball: .* holds a control character/);
      expect(message).not.toMatch(/[\n\r\u0000\u001b]/);
      setInputs({ manifest: bad, pack: 'false' }, ws);
      expect(usage(() => readInputs())).toMatch(/^input manifest: .* holds a control character/);
    }
  });
});

describe('a config that lowers the gate says so', () => {
  it('rules lowered below their default and ignore entries are listed in one notice and one warning', () => {
    const ws = tempDir('shipset-ws-');
    writeFiles(ws, {
      ...APP,
      'shipset.config.json': JSON.stringify({
        rules: { unresolved: 'off', Stale: 'WARN', circular: 'error', dynamic: 'warn' },
        ignore: [{ rule: 'undeclared', file: 'src/**', reason: 'trust me' }],
      }),
    });
    setInputs({ pack: 'false' }, ws);
    const { options } = readInputs();
    const notice = options.notices?.find((n) => n.startsWith('shipset.config.json lowers'));
    expect(notice).toBe(
      'shipset.config.json lowers unresolved=off, stale=warn; ignores undeclared in "src/**": findings of these rules do not fail this run. Check that the change meant to.',
    );
  });

  it('through the action: the summary and a ::warning:: show it, the run still passes', async () => {
    const ws = tempDir('shipset-ws-');
    writeFiles(ws, { 'i.js': "require('./missing.js');\n", 'package.json': APP['package.json'], 'shipset.config.json': '{"rules":{"unresolved":"off"}}' });
    const io = tempDir('shipset-runner-');
    for (const f of ['output', 'summary']) fs.writeFileSync(path.join(io, f), '');
    const r = await runAction(ws, {
      GITHUB_WORKSPACE: ws,
      GITHUB_OUTPUT: path.join(io, 'output'),
      GITHUB_STEP_SUMMARY: path.join(io, 'summary'),
      INPUT_PACK: 'false',
    });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::warning') && l.includes('lowers unresolved=off'))).toHaveLength(1);
    expect(fs.readFileSync(path.join(io, 'summary'), 'utf8')).toContain('lowers unresolved=off');
  });

  it('a config that only raises levels says nothing', () => {
    const ws = tempDir('shipset-ws-');
    writeFiles(ws, { ...APP, 'shipset.config.json': '{"rules":{"dynamic":"error"}}' });
    setInputs({ pack: 'false' }, ws);
    expect(readInputs().options.notices?.filter((n) => n.includes('lowers'))).toEqual([]);
  });
});
