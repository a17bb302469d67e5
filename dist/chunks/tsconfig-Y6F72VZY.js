import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{a,b,c,d,e,f}from"./chunk-URTL6EJ7.js";import"./chunk-E6IOXIGZ.js";import"./chunk-LM3H73KP.js";import"./chunk-F4Y5E24J.js";import"./chunk-ATTXFYYV.js";import"./chunk-MF4WZKLL.js";import"./chunk-ZTSPKI77.js";import"./chunk-PY2EUH5I.js";import"./chunk-QIQWDIPD.js";import"./chunk-CCF5JKLN.js";export{a as TypeScriptNeeded,f as loadTsProject,d as loadTsSettings,b as loadTypeScript,e as typescriptSettings,c as withTypeScript};
