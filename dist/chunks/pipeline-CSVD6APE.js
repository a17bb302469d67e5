import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{b as a}from"./chunk-UVEGI4KN.js";import"./chunk-SQS6B6XN.js";import"./chunk-BUUXPLRE.js";import"./chunk-NSHUCGY5.js";import"./chunk-RIKJJX5O.js";import"./chunk-QNAOFNVL.js";import"./chunk-Y5TH4NP7.js";import"./chunk-H3QJVNKB.js";import"./chunk-XYV4DDLU.js";import"./chunk-BHNO6V3J.js";import"./chunk-QIQWDIPD.js";import"./chunk-F4Y5E24J.js";import"./chunk-UQ7TVXBW.js";import"./chunk-CZY34LL7.js";import"./chunk-CCF5JKLN.js";export{a as runPipeline};
