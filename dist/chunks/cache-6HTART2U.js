import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{a,b}from"./chunk-WADWW7FY.js";import"./chunk-QNAOFNVL.js";import"./chunk-PY2EUH5I.js";import"./chunk-QIQWDIPD.js";import"./chunk-CCF5JKLN.js";export{b as ScanCache,a as defaultCacheDir};
