import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
import{a,b}from"./chunk-NSA5ENNI.js";import"./chunk-WVGF27H4.js";import"./chunk-G5DMU4IU.js";export{b as ScanCache,a as defaultCacheDir};
