import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
import{b as a}from"./chunk-CJN5DONX.js";import"./chunk-TQ3YI6R6.js";import"./chunk-6HBTYTAN.js";import"./chunk-4S3MZZ2T.js";import"./chunk-WVGF27H4.js";import"./chunk-DDZX2CA4.js";import"./chunk-JFTHE4IL.js";import"./chunk-2ES5QTXM.js";import"./chunk-RMJME5JR.js";import"./chunk-HD6EKX67.js";import"./chunk-VOWLESEW.js";import"./chunk-LA5UMAM4.js";import"./chunk-GJNKO6P3.js";import"./chunk-FISURYTX.js";import"./chunk-M56NFL5E.js";import"./chunk-G5DMU4IU.js";export{a as runPipeline};
