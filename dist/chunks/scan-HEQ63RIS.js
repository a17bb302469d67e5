import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{b as a,c as b}from"./chunk-IGTKA6DK.js";import"./chunk-Z7OG7CAG.js";import"./chunk-4IN7R7K7.js";export{a as SCANNER_VERSION,b as scanSource};
