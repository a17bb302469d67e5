import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
import{b as a}from"./chunk-PRENVVD6.js";import"./chunk-MIGCQ64J.js";import"./chunk-QLLEPWDG.js";import"./chunk-FSZS6QVF.js";import"./chunk-WVGF27H4.js";import"./chunk-DDZX2CA4.js";import"./chunk-JFTHE4IL.js";import"./chunk-2ES5QTXM.js";import"./chunk-KR6OVRJ7.js";import"./chunk-HD6EKX67.js";import"./chunk-VOWLESEW.js";import"./chunk-LA5UMAM4.js";import"./chunk-GJNKO6P3.js";import"./chunk-VDG7DKB7.js";import"./chunk-M56NFL5E.js";import"./chunk-G5DMU4IU.js";export{a as runPipeline};
