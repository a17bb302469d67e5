'use strict';
// CommonJS entry: folders, probing, JSON, package.json imports, conditionals, a lazy import().
const config = require('./config'); // probes config.js (absent), then config.json
const lib = require('./lib'); // folder: lib/index.js
const plugin = require('./plugin'); // folder: plugin/package.json "main"
const db = require('#internal/db'); // imports: node + require -> src/internal/db.cjs
const current = require('./current'); // a symlink to release.js in the same folder
const { shout } = require('./shared/strings.js'); // a folder symlink: src/shared -> ../shared

// Conditional requires whose conditions hold when the fixture runs.
let platform = null;
if (typeof process.platform === 'string') platform = require('./platform/posix.js');
const verbose = process.env.SHIPSET_FIXTURE_QUIET ? null : require('./verbose');

function loadOptional() {
  try {
    return require('./optional.js');
  } catch {
    return null;
  }
}

module.exports = { config, lib, plugin, db, current, platform, optional: loadOptional(), shout };

// import() from CommonJS takes the "import" condition: src/internal/audit.mjs
import('#internal/audit').then((audit) => {
  module.exports.audit = audit.default;
  if (require.main === module) console.log(JSON.stringify(module.exports));
});
