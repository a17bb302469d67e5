import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
import{e as a,f as b}from"./chunk-UUIYUKVC.js";import"./chunk-UZY5VTTL.js";import"./chunk-F3LX5M37.js";export{b as loadTsProject,a as loadTsSettings};
