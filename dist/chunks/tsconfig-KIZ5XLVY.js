import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
import{a,b}from"./chunk-R2XLOQZY.js";import"./chunk-RMJME5JR.js";import"./chunk-HD6EKX67.js";import"./chunk-FISURYTX.js";import"./chunk-M56NFL5E.js";import"./chunk-G5DMU4IU.js";export{b as loadTsProject,a as loadTsSettings};
