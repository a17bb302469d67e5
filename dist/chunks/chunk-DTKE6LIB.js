import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{d as s}from"./chunk-CCF5JKLN.js";var i=s((o,n)=>{"use strict";var e=()=>{throw new Error("shipset answers madge's detectives and lookups itself; this dependency of precinct/filing-cabinet is not bundled")};n.exports=new Proxy(e,{get:(d,t)=>t==="__esModule"?void 0:e})});export{i as a};
