// The precision set: ordinary layouts that once raised false errors, each built as a real project
// with dated git history and run through the whole pipeline (engine + rules), asserting no error
// finding; and the incidents, asserting the finding still fires (TypeScript, JavaScript, Python).
import { afterAll, describe, expect, it } from '@jest/globals';
import { defaultOptions } from '../../src/core/options.js';
import { runPipeline } from '../../src/core/pipeline.js';
import type { Finding, Result } from '../../src/core/types.js';
import { cleanupFixtures, type Files, gitProject } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const OLDER = '2025-11-05T12:00:00Z';
const NEWER = '2025-11-15T12:00:00Z';
const PKG = JSON.stringify({ name: 'svc', type: 'module', dependencies: {} });
const CJS_PKG = JSON.stringify({ name: 'svc', dependencies: {} });

/** A project whose first commit (older) holds `older`, and a later commit (newer) adds `newer`. */
async function run(entry: string, older: Files, newer: Files): Promise<Result> {
  const root = gitProject([{ date: OLDER, files: older }, ...(Object.keys(newer).length ? [{ date: NEWER, files: newer }] : [])]);
  return runPipeline(defaultOptions(root, [entry]), root);
}

const errors = (r: Result): Finding[] => r.manifest.findings.filter((f) => f.level === 'error');
const describeFindings = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`);

/** Asserts the run is clean of errors, and that the project really was analysed (the entry and its imports ship). */
function expectNoErrors(r: Result, ships: string[]): void {
  expect(describeFindings(errors(r))).toEqual([]);
  expect(r.manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(ships));
}

describe('precision: stale does not fire on files that are not replacements', () => {
  it('db.js / db-seed.js: the seed imports db (and seed is a role)', async () => {
    const r = await run(
      'src/index.js',
      { 'package.json': PKG, 'src/index.js': "import { query } from './db.js';\nquery();\n", 'src/db.js': 'export function query() {}\n' },
      {
        'src/db-seed.js': "import { query } from './db.js';\nexport function query2() { return query(); }\nexport { query };\n",
      },
    );
    expectNoErrors(r, ['src/index.js', 'src/db.js']);
    expect(r.manifest.dormant).toContain('src/db-seed.js');
  });

  it('db.js / db-init.js: a newer variant that imports the file it would replace builds on it', async () => {
    const r = await run(
      'src/index.js',
      { 'package.json': PKG, 'src/index.js': "import { query } from './db.js';\nquery();\n", 'src/db.js': 'export function query() {}\n' },
      {
        'src/db-init.js': "import { query } from './db.js';\nexport { query };\nexport const ready = query();\n",
      },
    );
    expectNoErrors(r, ['src/db.js']);
  });

  it('auth.js / auth_middleware.js: the middleware does not provide what importers use from auth', async () => {
    const r = await run(
      'src/index.js',
      { 'package.json': CJS_PKG, 'src/index.js': "const { verify } = require('./auth');\nverify();\n", 'src/auth.js': 'exports.verify = () => true;\n' },
      {
        'src/auth_middleware.js': 'module.exports = function authMiddleware(req, res, next) { next(); };\n',
      },
    );
    expectNoErrors(r, ['src/auth.js']);
  });

  it('project-read-model.ts / project-read-model-type.ts imported with `import type`', async () => {
    const r = await run(
      'src/index.ts',
      {
        'package.json': PKG,
        'src/index.ts':
          "import { ProjectReadModel } from './project-read-model';\nimport type { ProjectReadModelType } from './project-read-model-type';\nexport const m: ProjectReadModelType = new ProjectReadModel();\n",
        'src/project-read-model.ts': 'export class ProjectReadModel { id = 1; }\n',
      },
      { 'src/project-read-model-type.ts': 'export interface ProjectReadModelType { id: number }\nexport class ProjectReadModel { id = 2; }\n' },
    );
    expectNoErrors(r, ['src/project-read-model.ts']);
  });

  it('a real versioned variant that a reachable file imports only as a type is in use, not dormant', async () => {
    const r = await run(
      'src/index.ts',
      {
        'package.json': PKG,
        'src/index.ts': "import { Report } from './report';\nimport type { Shape } from './report-v2';\nexport const s: Shape = new Report();\n",
        'src/report.ts': 'export class Report { x = 1; }\n',
      },
      { 'src/report-v2.ts': 'export class Report { x = 2; }\nexport interface Shape { x: number }\n' },
    );
    expectNoErrors(r, ['src/report.ts']);
  });

  it.each([
    [
      'app.config.ts / app.config.server.ts',
      'src/app.config.ts',
      'src/app.config.server.ts',
      "import { appConfig } from './app.config';\nexport const config = { ...appConfig, server: true };\nexport { appConfig };\n",
    ],
    ['app.routes.ts / app.routes.server.ts', 'src/app.routes.ts', 'src/app.routes.server.ts', "export const appConfig = [{ path: 'ssr' }];\n"],
    ['environment.ts / environment.prod.ts', 'src/environment.ts', 'src/environment.prod.ts', 'export const appConfig = { production: true };\n'],
    ['server.ts / server-dev.ts', 'src/server.ts', 'src/server-dev.ts', 'export const appConfig = { dev: true };\n'],
    ['schema.ts / schema.arbitraries.ts', 'src/schema.ts', 'src/schema.arbitraries.ts', 'export const appConfig = { arb: true };\n'],
    ['user.ts / user.interface.ts', 'src/user.ts', 'src/user.interface.ts', 'export const appConfig = {};\nexport interface User { id: string }\n'],
    ['base.ts / base64.ts (a number glued to a word is a name)', 'src/base.ts', 'src/base64.ts', 'export const appConfig = {};\n'],
    ['http.ts / http2.ts', 'src/http.ts', 'src/http2.ts', 'export const appConfig = {};\n'],
    ['step1.ts / step2.ts (a numbered series)', 'src/step1.ts', 'src/step2.ts', 'export const appConfig = {};\n'],
    ['hybrid_sessions.ts / hybrid.ts (a shorter name is never the newer variant)', 'src/hybrid_sessions.ts', 'src/hybrid.ts', 'export const appConfig = {};\n'],
  ])('%s: a role, a name or a series, not a replacement', async (_name, current, variant, variantText) => {
    const spec = `./${current.slice('src/'.length, -'.ts'.length)}`;
    const r = await run(
      'src/index.ts',
      { 'package.json': PKG, 'src/index.ts': `import { appConfig } from '${spec}';\nconsole.log(appConfig);\n`, [current]: 'export const appConfig = {};\n' },
      { [variant]: variantText },
    );
    expectNoErrors(r, [current]);
    expect(r.manifest.findings.filter((f) => f.rule === 'stale')).toEqual([]);
  });

  it('Python: config.py / config_loader.py, the newer file does not define what importers use', async () => {
    const r = await run(
      'app.py',
      { 'app.py': 'from config import settings\nprint(settings)\n', 'config.py': 'settings = {}\n', 'requirements.txt': '' },
      { 'config_loader.py': 'def load():\n    return {}\n' },
    );
    expectNoErrors(r, ['app.py', 'config.py']);
  });
});

describe('precision: deprecated reads strong and weak marks', () => {
  it('deepCopy.ts, db-backup.ts, find-unused.ts and a @deprecated JSDoc on the first function are not file marks', async () => {
    const r = await run(
      'src/index.ts',
      {
        'package.json': PKG,
        'src/index.ts':
          "import { deepCopy } from './deepCopy';\nimport { backup } from './db-backup';\nimport { findUnused } from './find-unused';\nimport { f } from './helpers';\nconsole.log(deepCopy, backup, findUnused, f);\n",
        'src/deepCopy.ts': 'export const deepCopy = <T>(x: T): T => structuredClone(x);\n',
        'src/db-backup.ts': 'export const backup = () => 1;\n',
        'src/find-unused.ts': 'export const findUnused = () => [];\n',
        'src/helpers.ts': '/**\n * Old name.\n * @deprecated use g\n */\nexport function f() {}\nexport function g() {}\n',
      },
      {},
    );
    expectNoErrors(r, ['src/deepCopy.ts', 'src/db-backup.ts', 'src/find-unused.ts', 'src/helpers.ts']);
    expect(r.manifest.findings.filter((f) => f.rule === 'deprecated')).toEqual([]);
  });

  it('src/archive/ and legacy/ are weak marks: warnings, not errors', async () => {
    const r = await run(
      'src/index.ts',
      {
        'package.json': PKG,
        'src/index.ts': "import { list } from './archive/list';\nimport { old } from './legacy/adapter';\nconsole.log(list, old);\n",
        'src/archive/list.ts': 'export const list = [];\n',
        'src/legacy/adapter.ts': 'export const old = 1;\n',
      },
      {},
    );
    expectNoErrors(r, ['src/archive/list.ts', 'src/legacy/adapter.ts']);
    expect(r.manifest.findings.filter((f) => f.rule === 'deprecated').map((f) => [f.file, f.level])).toEqual([
      ['src/archive/list.ts', 'warn'],
      ['src/legacy/adapter.ts', 'warn'],
    ]);
  });

  it('still fails on a strong mark: a file-level header, `_old`, a folder named deprecated', async () => {
    const r = await run(
      'src/index.ts',
      {
        'package.json': PKG,
        'src/index.ts': "import { a } from './a';\nimport { b } from './format_old';\nimport { c } from './deprecated/c';\nconsole.log(a, b, c);\n",
        'src/a.ts': '/** @deprecated use b */\n\nexport const a = 1;\n',
        'src/format_old.ts': 'export const b = 1;\n',
        'src/deprecated/c.ts': 'export const c = 1;\n',
      },
      {},
    );
    expect(errors(r).map((f) => [f.rule, f.file])).toEqual([
      ['deprecated', 'src/a.ts'],
      ['deprecated', 'src/deprecated/c.ts'],
      ['deprecated', 'src/format_old.ts'],
    ]);
  });
});

describe('the incidents still fire', () => {
  it('TypeScript incident 1: a newer replacement that exports what the entry imports', async () => {
    const r = await run(
      'src/server_hosted.ts',
      {
        'package.json': PKG,
        'src/server_hosted.ts': "import os from 'node:os';\n\nimport { mcp } from './claude_mcp_hybrid.js';\nconsole.log(os, mcp);\n",
        'src/claude_mcp_hybrid.ts': 'export const mcp = 1;\n',
      },
      { 'src/claude_mcp_hybrid_sessions.ts': 'export const mcp = 2;\nexport const sessions = true;\n' },
    );
    const stale = errors(r).filter((f) => f.rule === 'stale');
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ file: 'src/server_hosted.ts', line: 3, target: 'src/claude_mcp_hybrid.ts' });
    expect(stale[0].message).toBe(
      'src/server_hosted.ts:3 imports ./claude_mcp_hybrid.js (src/claude_mcp_hybrid.ts, last changed 2025-11-05), but src/claude_mcp_hybrid_sessions.ts is a newer replacement (last changed 2025-11-15, exports mcp) that nothing imports. ' +
        'Import the newer file, or mark one of them deprecated; if they are not versions of each other, put `// shipset-ignore stale: <reason>` on the line above the import in src/server_hosted.ts.',
    );
  });

  it('JavaScript (CommonJS) incident 1: require with destructuring, module.exports on both sides', async () => {
    const r = await run(
      'server_hosted.js',
      {
        'package.json': CJS_PKG,
        'server_hosted.js': "const { mcp } = require('./claude_mcp_hybrid');\nmcp();\n",
        'claude_mcp_hybrid.js': 'module.exports = { mcp() {} };\n',
      },
      { 'claude_mcp_hybrid_sessions.js': 'function mcp() {}\nmodule.exports = { mcp, sessions: true };\n' },
    );
    expect(errors(r).map((f) => [f.rule, f.file, f.line])).toEqual([['stale', 'server_hosted.js', 1]]);
    expect(errors(r)[0].message).toContain('exports mcp');
  });

  it('Python incident 1: from claude_mcp_hybrid import mcp, both files defining mcp', async () => {
    const r = await run(
      'server_hosted.py',
      {
        'server_hosted.py': 'import os\nfrom claude_mcp_hybrid import mcp\n\nif __name__ == "__main__":\n    mcp.run()\n',
        'claude_mcp_hybrid.py': 'mcp = object()\n',
        'requirements.txt': '',
      },
      { 'claude_mcp_hybrid_sessions.py': 'import os\nmcp = object()\n\ndef sessions():\n    pass\n' },
    );
    const stale = errors(r).filter((f) => f.rule === 'stale');
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ file: 'server_hosted.py', line: 2, target: 'claude_mcp_hybrid.py' });
    expect(stale[0].message).toContain('claude_mcp_hybrid_sessions.py is a newer replacement (last changed 2025-11-15, defines mcp)');
    expect(stale[0].message).toContain('`# shipset-ignore stale: <reason>`');
  });

  it('a whole-module import: the newer variant has at least half of the public names', async () => {
    const r = await run(
      'src/index.ts',
      {
        'package.json': PKG,
        'src/index.ts': "import * as api from './api';\nconsole.log(api);\n",
        'src/api.ts': 'export const a = 1;\nexport const b = 2;\nexport function c() {}\nexport class D {}\n',
      },
      { 'src/api.v2.ts': 'export const a = 1;\nexport const b = 2;\nexport const e = 3;\n' },
    );
    const [stale] = errors(r);
    expect(stale).toMatchObject({ rule: 'stale', file: 'src/index.ts', target: 'src/api.ts' });
    expect(stale.message).toContain('exports 2 of the 4 public names of src/api.ts');
  });

  it('one pair imported on 8 lines is one finding with 7 sites', async () => {
    const importers: Files = {};
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    for (const n of names) importers[`src/${n}.ts`] = `import { send } from './mailer';\nexport const ${n} = send;\n`;
    const r = await run(
      'src/index.ts',
      {
        'package.json': PKG,
        'src/index.ts': `import { send } from './mailer';\n${names.map((n) => `import { ${n} } from './${n}';`).join('\n')}\nconsole.log(send, ${names.join(', ')});\n`,
        'src/mailer.ts': 'export function send() {}\n',
        ...importers,
      },
      { 'src/mailer-v2.ts': 'export function send() {}\nexport function retry() {}\n' },
    );
    const stale = r.manifest.findings.filter((f) => f.rule === 'stale');
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ level: 'error', file: 'src/a.ts', line: 1, target: 'src/mailer.ts' });
    expect(stale[0].sites?.map((s) => `${s.file}:${s.line}`)).toEqual([
      'src/b.ts:1',
      'src/c.ts:1',
      'src/d.ts:1',
      'src/e.ts:1',
      'src/f.ts:1',
      'src/g.ts:1',
      'src/index.ts:1',
    ]);
    expect(stale[0].message).toContain('It is imported at 7 more lines (see sites).');
  });
});
