// With no entry given, a `scripts.start` of the form `<runner> <file>` names an entry besides
// package.json `main`/`bin`; a start file that the build has not made yet is left out with a notice.
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Manifest } from '../../src/core/types.js';
import { startScriptFiles } from '../../src/core/runtime.js';
import { runCli } from '../helpers/cli.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

describe('startScriptFiles', () => {
  it.each<[string, string[]]>([
    ['node dist/main.js', ['dist/main.js']],
    ['node ./dist/src/index.js', ['dist/src/index.js']],
    ['cross-env NODE_ENV=development nodemon server.js', ['server.js']],
    ['NODE_ENV=production node -r dotenv/config --enable-source-maps dist/main.js', ['dist/main.js']],
    ['tsx watch src/server.ts', ['src/server.ts']],
    ['npm run build && node dist/main.js', ['dist/main.js']],
    ['nest start', []],
    ['node .', []],
    ['node ./', []],
    ['next start -p 3000', []],
    ['node ../elsewhere/x.js', []],
    ['node /opt/app/x.js', []],
    ['node $ENTRY', []],
    ['node -r ./src/tracing.js --import=./otel.mjs dist/main.js', ['src/tracing.js', 'otel.mjs', 'dist/main.js']],
    ['node --require ../outside.js -r dotenv/config dist/main.js', ['dist/main.js']],
    ['node --env-file-if-exists .env --unhandled-rejections strict --disable-warning ExperimentalWarning dist/main.js', ['dist/main.js']],
    ['node --watch-path ./lib server.js', ['server.js']],
    ['node -e "require(1)"', []],
    ['node -p 1 dist/main.js', []],
    ['nodemon --watch src -e js,json server.js', ['server.js']],
    ['nodemon --exec ts-node src/index.ts', ['src/index.ts']],
    ['nodemon -C server.js', ['server.js']],
    ['ts-node -P tsconfig.build.json src/main.ts', ['src/main.ts']],
    ['tsx --tsconfig tsconfig.app.json src/server.ts', ['src/server.ts']],
    ['tsx watch --include ./config src/server.ts', ['src/server.ts']],
  ])('%s -> %j', (script, files) => {
    expect(startScriptFiles(script)).toEqual(files);
  });
});

async function check(files: Record<string, string>): Promise<{ status: number; manifest?: Manifest; stderr: string }> {
  const root = tempDir();
  writeFiles(root, files);
  const out = await runCli(['check', '--format', 'json'], root);
  return { status: out.status, stderr: out.stderr, ...(out.stdout ? { manifest: JSON.parse(out.stdout) as Manifest } : {}) };
}

describe('entries from scripts.start', () => {
  it('a start script names the entry when package.json has no main (nodemon through cross-env)', async () => {
    const { status, manifest } = await check({
      'package.json': JSON.stringify({ name: 'svc', scripts: { start: 'cross-env NODE_ENV=development nodemon server.js' } }),
      'server.js': "require('./app');\n",
      'app.js': 'module.exports = 1;\n',
    });
    expect(status).toBe(0);
    expect(manifest!.entries).toEqual(['server.js']);
    expect(manifest!.files.map((f) => f.path)).toEqual(expect.arrayContaining(['server.js', 'app.js']));
  });

  it('a file the start script preloads with -r ships with the script it runs (Node runs it first)', async () => {
    const { status, manifest } = await check({
      'package.json': JSON.stringify({ name: 'svc', scripts: { start: 'node -r ./src/tracing.js src/index.js' } }),
      'src/tracing.js': "require('./exporter');\n",
      'src/exporter.js': 'module.exports = 1;\n',
      'src/index.js': 'module.exports = 2;\n',
    });
    expect(status).toBe(0);
    expect(manifest!.entries).toEqual(['src/tracing.js', 'src/index.js']);
    expect(manifest!.files.map((f) => f.path)).toEqual(expect.arrayContaining(['src/tracing.js', 'src/exporter.js', 'src/index.js']));
  });

  it('main and the start file are both entries (once each)', async () => {
    const { manifest } = await check({
      'package.json': JSON.stringify({ name: 'svc', main: 'lib/index.js', scripts: { start: 'node server.js' } }),
      'lib/index.js': 'module.exports = 1;\n',
      'server.js': 'module.exports = 2;\n',
    });
    expect(manifest!.entries).toEqual(['lib/index.js', 'server.js']);
  });

  it('a start file the build has not made is left out with a notice when main names an entry', async () => {
    const { status, manifest } = await check({
      'package.json': JSON.stringify({ name: 'svc', main: 'src/index.js', scripts: { start: 'node dist/main.js' } }),
      'src/index.js': 'module.exports = 1;\n',
    });
    expect(status).toBe(0);
    expect(manifest!.entries).toEqual(['src/index.js']);
    expect(manifest!.notices.join('\n')).toContain(
      'scripts.start runs dist/main.js, which does not exist (build output not made yet?): it is not an entry of this run',
    );
  });

  it('with nothing else, a missing start file is bad usage (exit 2) that names it and the fix', async () => {
    const { status, stderr } = await check({
      'package.json': JSON.stringify({ name: 'svc', scripts: { start: 'node ./dist/src/index.js' } }),
      'src/index.ts': 'export {};\n',
    });
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(
      "shipset: entry: no entry given, package.json has no 'main' or 'bin', and scripts.start runs dist/src/index.js, which does not exist (build output not made yet?). Name the entry file, e.g. 'shipset check src/index.ts', or run shipset after the build.",
    );
  });

  it('a start script that runs a tool names no entry (the old message, exit 2)', async () => {
    const { status, stderr } = await check({ 'package.json': JSON.stringify({ name: 'svc', scripts: { start: 'nest start' } }) });
    expect(status).toBe(2);
    expect(stderr).toContain("no entry given, package.json has no 'main' or 'bin' and its scripts.start runs no script file. Name the entry file");
  });
});
