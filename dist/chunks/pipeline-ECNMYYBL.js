import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{b as a}from"./chunk-XHF5H2QX.js";import"./chunk-PWVNZNQC.js";import"./chunk-BLUK2C42.js";import"./chunk-HDTBKVIV.js";import"./chunk-BHNO6V3J.js";import"./chunk-RIKJJX5O.js";import"./chunk-QNAOFNVL.js";import"./chunk-Y5TH4NP7.js";import"./chunk-ICFNYGCH.js";import"./chunk-DHDOPCAJ.js";import"./chunk-Z33224FQ.js";import"./chunk-EPGCK4IK.js";import"./chunk-FUGEFTZF.js";import"./chunk-XYV4DDLU.js";import"./chunk-F4Y5E24J.js";import"./chunk-CCF5JKLN.js";export{a as runPipeline};
