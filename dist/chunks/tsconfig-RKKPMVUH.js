import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{a,b}from"./chunk-7QFXEBZP.js";import"./chunk-Z33224FQ.js";import"./chunk-EPGCK4IK.js";import"./chunk-FUGEFTZF.js";import"./chunk-XYV4DDLU.js";import"./chunk-F4Y5E24J.js";import"./chunk-CCF5JKLN.js";export{b as loadTsProject,a as loadTsSettings};
