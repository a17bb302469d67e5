// acceptance scenario E (docs/design.md), pushed hard: odd files, odd paths and odd manifests, end to end through
// the CLI's main(argv, io) in-process (the depth cases through dist/cli.js). Each case must end with one clear message and the documented exit code (2 for bad
// input, a finding for a bad file): never a hang, a stack trace, "internal error", or a file of the
// user's replaced or deleted by the tarball.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Manifest } from '../../src/core/types.js';
import { runCli, type RunOutput } from '../helpers/cli.js';
import { runCli as runDistCliSync } from '../helpers/dist.js';

const runDistCli = async (...a: Parameters<typeof runDistCliSync>) => runDistCliSync(...a);
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

/** runCli already kills a run after 60 s (status -1): a hang fails the test instead of stalling it. */
const BOUND = 70_000;

function project(files: Record<string, string> = {}): string {
  const root = tempDir();
  writeFiles(root, { 'package.json': '{"name":"app","main":"index.js"}', 'index.js': "import './a.js';\n", 'a.js': 'export const a = 1;\n', ...files });
  return root;
}

const mkfifo = (file: string) => execFileSync('mkfifo', [file]);

/** Exit 2 with one `shipset: ...` line that contains `text`, and no crash. */
function expectUsage(r: RunOutput, text: string): void {
  expectNoCrash(r);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(text);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

function expectNoCrash(r: RunOutput): void {
  expect(r.status).not.toBe(-1); // killed on the time bound: a hang
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr + r.stdout).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // a stack trace
}

describe('the tarball path never replaces or deletes what is not a tarball', () => {
  it(
    'refuses a named pipe, a folder, a trailing slash and a path under a file, before the analysis',
    async () => {
      const root = project({ 'note.txt': 'x\n' });
      mkfifo(path.join(root, 'pipe'));
      fs.mkdirSync(path.join(root, 'out'));
      expectUsage(await runCli(['pack', '--out', 'pipe'], root), 'the tarball path pipe is a named pipe (FIFO), not a regular file');
      expect(fs.lstatSync(path.join(root, 'pipe')).isFIFO()).toBe(true);
      expectUsage(await runCli(['pack', '--out', 'out'], root), "--out: 'out' is a folder. Give a file path, e.g. 'out/shipset.tar.gz'");
      expectUsage(await runCli(['pack', '--out', 'out/'], root), "--out: 'out/' is not a file name");
      expectUsage(await runCli(['pack', '--out', 'note.txt/x.tgz'], root), 'is under note.txt, which is a file, not a folder');
      expect(fs.readdirSync(path.join(root, 'out'))).toEqual([]);
    },
    BOUND,
  );

  it(
    'refuses to overwrite package.json or an entry, even when the run fails (a refused pack removes the old tarball)',
    async () => {
      const root = project({ 'broken.js': "import './missing.js';\n" });
      const before = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
      expectUsage(
        await runCli(['pack', '--out', 'package.json', '--include', '*.json'], root),
        'the tarball path package.json is an existing file that is not a tarball',
      );
      expectUsage(await runCli(['pack', 'broken.js', '--out', 'package.json'], root), 'is an existing file that is not a tarball');
      expect(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).toBe(before);
      const entry = fs.readFileSync(path.join(root, 'index.js'), 'utf8');
      expectUsage(await runCli(['pack', '--out', 'index.js'], root), 'the tarball path index.js');
      expect(fs.readFileSync(path.join(root, 'index.js'), 'utf8')).toBe(entry);
    },
    BOUND,
  );

  it(
    'replaces the tarball of an earlier run at the same path',
    async () => {
      const root = project();
      expect((await runCli(['pack', '--out', 'app.tgz'], root)).status).toBe(0);
      const again = await runCli(['pack', '--out', 'app.tgz', '--json'], root);
      expect(again.status).toBe(0);
      expect((JSON.parse(again.stdout) as Manifest).files.map((f) => f.path)).toEqual(['a.js', 'index.js', 'package.json']);
    },
    BOUND,
  );

  it(
    'refuses a SOURCE_DATE_EPOCH a tar header cannot hold instead of writing a corrupt archive',
    async () => {
      const root = project();
      const r = await runCli(['pack', '--out', 'app.tgz'], root, { SOURCE_DATE_EPOCH: '99999999999999999999' });
      expectUsage(r, "SOURCE_DATE_EPOCH='99999999999999999999' is after the year 2242");
      expect(fs.existsSync(path.join(root, 'app.tgz'))).toBe(false);
    },
    BOUND,
  );
});

describe('files that are not regular files', () => {
  it(
    'names what an entry is: a pipe (without blocking on it), a dangling link, a link loop',
    async () => {
      const root = project();
      mkfifo(path.join(root, 'pipe.js'));
      fs.symlinkSync('nowhere.js', path.join(root, 'dangling.js'));
      fs.symlinkSync('loop2.js', path.join(root, 'loop1.js'));
      fs.symlinkSync('loop1.js', path.join(root, 'loop2.js'));
      expectUsage(await runCli(['check', 'pipe.js'], root), "entry 'pipe.js' is a named pipe (FIFO), not a regular file");
      expectUsage(await runCli(['check', 'dangling.js'], root), "entry 'dangling.js' is a symlink to nowhere.js, which does not exist");
      expectUsage(await runCli(['check', 'loop1.js'], root), "entry 'loop1.js' is a symlink loop");
    },
    BOUND,
  );

  it(
    'says why an import of a pipe, a folder or a broken link resolves to nothing',
    async () => {
      const root = project({ 'index.js': "import './pipe.js';\nimport './dir.js';\nimport './dangling.js';\n", 'dormant.js': 'export {};\n' });
      mkfifo(path.join(root, 'pipe.js'));
      fs.mkdirSync(path.join(root, 'dir.js'));
      fs.symlinkSync('nowhere.js', path.join(root, 'dangling.js'));
      const r = await runCli(['check', '--json'], root);
      expectNoCrash(r);
      expect(r.status).toBe(1);
      const messages = (JSON.parse(r.stdout) as Manifest).findings.filter((f) => f.rule === 'unresolved').map((f) => `${f.line}: ${f.message}`);
      expect(messages).toEqual([
        expect.stringContaining('1: index.js:1 imports ./pipe.js, which resolves to nothing (pipe.js is a named pipe (FIFO), not a regular file)'),
        expect.stringContaining('2: index.js:2 imports ./dir.js, which resolves to nothing (dir.js is a folder with no index file'),
        expect.stringContaining(
          '3: index.js:3 imports ./dangling.js, which resolves to nothing (dangling.js is a symlink to nowhere.js, which does not exist)',
        ),
      ]);
    },
    BOUND,
  );

  it(
    'stops on a package.json or tsconfig.json that is a named pipe instead of waiting on it forever',
    async () => {
      const root = project({ 'sub/x.js': 'export {};\n', 'uses-sub.js': "import './sub/x.js';\n" });
      mkfifo(path.join(root, 'sub', 'package.json'));
      expectUsage(await runCli(['check', 'uses-sub.js'], root), 'sub/package.json is a named pipe (FIFO), not a regular file');
      fs.rmSync(path.join(root, 'sub'), { recursive: true });
      mkfifo(path.join(root, 'tsconfig.json'));
      expectUsage(await runCli(['check', 'index.js'], root), 'tsconfig.json: is not a regular file');
      fs.rmSync(path.join(root, 'tsconfig.json'));
      fs.rmSync(path.join(root, 'package.json'));
      mkfifo(path.join(root, 'package.json'));
      expectUsage(await runCli(['check'], root), 'package.json is a named pipe (FIFO), not a regular file');
    },
    BOUND,
  );

  it(
    'refuses an include that names a pipe, and reads ./ as the root folder',
    async () => {
      const root = project({ 'extra.txt': 'x\n' });
      mkfifo(path.join(root, 'pipe'));
      expectUsage(await runCli(['pack', '--include', 'pipe', '--out', 'app.tgz'], root), "include 'pipe' is a named pipe (FIFO), not a regular file");
      const r = await runCli(['pack', '--include', './', '--out', 'app.tgz', '--json'], root);
      expect(r.status).toBe(0);
      expect((JSON.parse(r.stdout) as Manifest).files.map((f) => f.path)).toEqual(['a.js', 'extra.txt', 'index.js', 'package.json']);
    },
    BOUND,
  );
});

describe('manifests of the wrong shape', () => {
  it.each([
    ['null', 'package.json: must be a JSON object ({ "main": ... }), not null'],
    ['[]', 'must be a JSON object ({ "main": ... }), not an array'],
    ['{"main": ["index.js"]}', '"main" must be a path string, not ["index.js"]'],
    ['{\n  "main": "index.js",,\n}', 'package.json:2: invalid JSON'],
  ])(
    'package.json %s',
    async (json, message) => {
      const root = project({ 'package.json': json });
      expectUsage(await runCli(['check'], root), message);
    },
    BOUND,
  );

  it(
    'tsconfig paths that tsc rejects are named with their line, not read letter by letter',
    async () => {
      const root = project({ 'tsconfig.json': '{\n  "compilerOptions": {\n    "lib": ["es2022"],\n    "paths": { "lib": "lib" }\n  }\n}\n' });
      expectUsage(
        await runCli(['check', 'index.js'], root),
        `tsconfig.json:4: invalid tsconfig: paths 'lib' must map to an array of paths, e.g. "lib": ["lib"]`,
      );
    },
    BOUND,
  );

  it(
    'a package.json "imports" target that is no path and no package name is unresolved, not a package to install',
    async () => {
      const root = project({ 'package.json': '{"name":"app","main":"index.js","imports":{"#a":"."}}', 'index.js': "import '#a';\n" });
      const r = await runCli(['check', '--json'], root);
      expectNoCrash(r);
      const findings = (JSON.parse(r.stdout) as Manifest).findings;
      expect(findings.map((f) => f.rule)).toEqual(['unresolved']);
      expect(findings[0].message).toContain(`"imports" '#a' targets '.', which is neither './path' inside the package nor a valid package name`);
    },
    BOUND,
  );
});

// Depth is run by dist/cli.js: stack limits are a property of the bundle users run, not of src/ under jest.
describe('depth', () => {
  it(
    'follows a 5,000-file import chain (madge recurses once per level)',
    async () => {
      const files: Record<string, string> = { 'package.json': '{"name":"deep"}', 'f5000.js': 'export {};\n' };
      for (let i = 0; i < 5000; i++) files[`f${i}.js`] = `import './f${i + 1}.js';\n`;
      const root = tempDir();
      writeFiles(root, files);
      const r = await runDistCli(['check', 'f0.js'], root);
      expectNoCrash(r);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('5002 files ship, 0 dormant');
    },
    BOUND,
  );

  it(
    'reads the imports of a 100,000-term expression and reports 2,000 nested brackets as a finding',
    async () => {
      const root = project({
        'index.js': "import './long.js';\nimport './nested.js';\n",
        'long.js': `import './a.js';\nexport const n = 1${' + 1'.repeat(100_000)};\n`,
        'nested.js': `export const x = ${'['.repeat(2000)}${']'.repeat(2000)};\n`,
      });
      const r = await runDistCli(['check', '--json'], root);
      expectNoCrash(r);
      expect(r.status).toBe(1);
      const m = JSON.parse(r.stdout) as Manifest;
      expect(m.files.map((f) => f.path)).toContain('a.js');
      expect(m.findings).toEqual([expect.objectContaining({ rule: 'unparseable', file: 'nested.js', line: 1 })]);
      expect(m.findings[0].message).toContain('nested too deeply for the parser');
    },
    BOUND,
  );

  it(
    'keeps parser messages to one period (a binary file named .js)',
    async () => {
      const root = project();
      fs.writeFileSync(path.join(root, 'a.js'), Buffer.from([0xff, ...Array.from({ length: 3000 }, (_, i) => (i * 131 + 7) % 256)]));
      const r = await runCli(['check'], root);
      expectNoCrash(r);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('a.js:1:1  cannot be parsed: File appears to be binary. It ships');
    },
    BOUND,
  );
});
