import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{a}from"./chunk-QGESZLHK.js";import"./chunk-DTKE6LIB.js";import"./chunk-RFSDTD2G.js";import"./chunk-CCF5JKLN.js";export default a();
