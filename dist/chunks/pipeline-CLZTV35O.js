import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{b as a}from"./chunk-XY4CO6RJ.js";import"./chunk-LFIYKUWC.js";import"./chunk-OF42DGOU.js";import"./chunk-3ZQAJ6CE.js";import"./chunk-5LZX7GGI.js";import"./chunk-L4KEX5QU.js";import"./chunk-DHFEWMAM.js";import"./chunk-MWMEZ3UV.js";import"./chunk-MUAW63U2.js";import"./chunk-HPSZG2Z4.js";import"./chunk-QNAOFNVL.js";import"./chunk-PMOSCAMH.js";import"./chunk-ICFNYGCH.js";import"./chunk-WGYFKAND.js";import"./chunk-F4Y5E24J.js";import"./chunk-WIPKAKLB.js";import"./chunk-ADHMZGT7.js";import"./chunk-ZTSPKI77.js";import"./chunk-PY2EUH5I.js";import"./chunk-QIQWDIPD.js";import"./chunk-CCF5JKLN.js";export{a as runPipeline};
