// Records every project file Node loads, for the differential test (__tests__/e2e/differential.test.ts).
// Run: SHIPSET_LOAD_LOG=/tmp/log node --import ./recorder.mjs entry
// Three sources, one `source<TAB>absolute path` line each, appended to $SHIPSET_LOAD_LOG:
// - a `load` hook (module.register, hooks thread): every ES module, JSON module and, in Node 20,
//   every CommonJS file loaded through `import` (including the entry, which --import routes there);
// - Module.prototype.load: every file the CommonJS loader reads (require from CJS, .json, createRequire);
// - require.cache at exit: a last sweep in case anything above missed a CommonJS module.
import fs from 'node:fs';
import { createRequire, register } from 'node:module';
const log = process.env.SHIPSET_LOAD_LOG;
if (!log) throw new Error('recorder.mjs: set SHIPSET_LOAD_LOG to the file that receives the loaded paths');

const record = (source, files) => {
  try {
    fs.appendFileSync(log, files.map((f) => `${source}\t${f}\n`).join(''));
  } catch {
    /* the test reports a missing or short log */
  }
};

register(
  'data:text/javascript,' +
    encodeURIComponent(`
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
const log = process.env.SHIPSET_LOAD_LOG;
export async function load(url, context, next) {
  const result = await next(url, context);
  if (url.startsWith('file:')) fs.appendFileSync(log, 'hook\\t' + fileURLToPath(url) + '\\n');
  return result;
}
`),
  import.meta.url,
);

const require = createRequire(import.meta.url);
const Module = require('node:module');
const originalLoad = Module.prototype.load;
Module.prototype.load = function load(filename) {
  if (typeof filename === 'string') record('cjs', [filename]);
  return originalLoad.call(this, filename);
};

process.on('exit', () => {
  const files = Object.keys(require.cache).filter((k) => k.startsWith('/') || /^[A-Za-z]:[\\/]/.test(k));
  record('cache', files);
  record('exit', ['-']);
});
