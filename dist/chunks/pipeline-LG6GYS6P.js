import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{b as a}from"./chunk-T2ELRCI7.js";import"./chunk-S36BW2EM.js";import"./chunk-MA5A4PQ7.js";import"./chunk-JJMXHFGP.js";import"./chunk-5LZX7GGI.js";import"./chunk-3ZQAJ6CE.js";import"./chunk-M475CUOS.js";import"./chunk-WI2WNPXG.js";import"./chunk-MWMEZ3UV.js";import"./chunk-MUAW63U2.js";import"./chunk-HPSZG2Z4.js";import"./chunk-QNAOFNVL.js";import"./chunk-LX46TLTL.js";import"./chunk-ICFNYGCH.js";import"./chunk-E6IOXIGZ.js";import"./chunk-F4Y5E24J.js";import"./chunk-ATTXFYYV.js";import"./chunk-MF4WZKLL.js";import"./chunk-ZTSPKI77.js";import"./chunk-PY2EUH5I.js";import"./chunk-QIQWDIPD.js";import"./chunk-CCF5JKLN.js";export{a as runPipeline};
