'use strict';
// Self-reference through the package's own exports.
const math = require('orbit-app/tools/math');
// A workspace package: node_modules/@acme/shared is a symlink to packages/shared.
const { greet } = require('@acme/shared');
// JSON with a UTF-8 byte order mark: Node strips it.
const settings = require('./settings.json');

// Optional: the program runs without these.
let fast = null;
try {
  fast = require('fast-json-not-installed');
} catch {
  fast = null;
}
if (process.env.SHIPSET_DEV_LOGGER === 'yes') require('dev-logger-not-installed');

// A native addon, named without its .node extension (built by the test when a C compiler is there).
let hasher = null;
try {
  hasher = require('../build/Release/hasher');
} catch {
  hasher = null;
}

console.log(math.add(1, 2), greet(settings.name), fast, hasher ? hasher.hello() : 'no addon');
