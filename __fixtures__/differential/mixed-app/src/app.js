// No "type" field: CommonJS by default; require() of ES modules works from Node 20.19.
const { detected } = require('./detected.js');
const esm = require('./esm-lib.mjs');
const lib = require('./lib/');
const loaders = require('./loaders/load.cjs');
const sync = require('#sync'); // Node 20.19+ matches "module-sync" first: src/sync.mjs
exports.run = async () => {
  const { viaCreateRequire } = await import('./loaders/create.mjs');
  if (process.env.SHIPSET_FIXTURE_VERBOSE) console.log(detected, esm.default, lib, loaders, sync.default, viaCreateRequire);
};
