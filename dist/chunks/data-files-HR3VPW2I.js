import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{a,b,c}from"./chunk-W6ICIJJT.js";import"./chunk-F4Y5E24J.js";import"./chunk-CCF5JKLN.js";export{b as JS_DATA,a as PYTHON_DATA,c as dataFilesNotice};
