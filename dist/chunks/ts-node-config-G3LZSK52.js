import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{c as s}from"./chunk-LM3H73KP.js";import{f as i}from"./chunk-ATTXFYYV.js";import"./chunk-MF4WZKLL.js";import"./chunk-ZTSPKI77.js";import"./chunk-CCF5JKLN.js";function c(o,e){if(!e)return[];for(let f of[e.file,...e.extendsChain??[]]){let r=i(o,f);if(!r.ok)continue;let t=s(r.text),n=t&&typeof t=="object"?t["ts-node"]?.require:void 0;if(Array.isArray(n))return n.filter(d=>typeof d=="string")}return[]}export{c as tsNodeRequires};
