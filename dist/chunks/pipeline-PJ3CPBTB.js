import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{b as a}from"./chunk-S6NEFS2A.js";import"./chunk-GCDZN4TN.js";import"./chunk-2YWDRLFC.js";import"./chunk-2LXD5P5X.js";import"./chunk-QNAOFNVL.js";import"./chunk-Y5TH4NP7.js";import"./chunk-2TUBS2AD.js";import"./chunk-RHCEUTHE.js";import"./chunk-Z7OG7CAG.js";import"./chunk-H5XTLVKP.js";import"./chunk-QIQWDIPD.js";import"./chunk-I4VXRH5G.js";import"./chunk-EXCXLJXX.js";import"./chunk-VMRJAS6N.js";import"./chunk-4IN7R7K7.js";export{a as runPipeline};
