import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
import{b as a,c as b}from"./chunk-TQSUQLEK.js";import"./chunk-HD6EKX67.js";import"./chunk-G5DMU4IU.js";export{a as SCANNER_VERSION,b as scanSource};
