// ESM entry: re-exports, JSON with import attributes, awaited import(), CommonJS from ESM,
// createRequire, .mjs, a CommonJS island inside a "type": "module" package, and #imports.
import { createRequire } from 'node:module';
import { hello } from './greet.js';
import * as all from './reexp/index.js';
import pkgData from './data/settings.json' with { type: 'json' };
import classic from './classic.cjs';
import helper from './helper.mjs';
import island from './cjs-island/thing.js';
import { log } from '#internal/log';
import fs from '#fs';

const require = createRequire(import.meta.url);
const table = require('./data/table.json');
const conf = require('./conf.cjs');
const viaRequire = require('#internal/log'); // the "require" condition: src/internal/log.cjs

const { lazy } = await import('./lazy.js');
const late = await import(`./late.mjs`);

if (typeof fs.readFileSync === 'function') {
  const { extra } = await import('./extra.js');
  log(extra);
}

log(hello(), Object.keys(all).sort().join(','), pkgData.mode, classic.name, helper, island, table.length, conf.level, viaRequire.kind, lazy, late.default);
