import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{b as p}from"./chunk-UTWKAHOO.js";import{a as l,b as s,e as d,h as u,i as c}from"./chunk-JJMXHFGP.js";import"./chunk-5LZX7GGI.js";import"./chunk-4MF4AR6E.js";import"./chunk-F4Y5E24J.js";import{a as m}from"./chunk-MF4WZKLL.js";import"./chunk-CCF5JKLN.js";var R={name:"deprecated",check({graph:i,options:h}){let a=[];for(let e of[...i.files.keys()].sort(m)){let n=p(i.root,e,h.deprecated,i.headers);if(!n)continue;let r=l(i,e),f=r.length>1?r[r.length-2]:void 0,t=f?u(i,e).find(w=>w.from===f):void 0,$=t?`${d(t.from,t.line)} imports it as ${t.specifier} (${s(r)})`:i.entries.includes(e)?"it is an entry":`it is reached through ${s(r)}`,y=t?`Import the current file instead, or remove the import at ${d(t.from,t.line)}`:"Use the current file as the entry",o=n.strength==="weak",k=o?`if it is live code, rename it or ${c("deprecated",e,!0)}`:`if the file is not deprecated, remove the mark or ${c("deprecated",e,!0)}`;a.push({rule:"deprecated",...o?{level:"warn"}:{},file:e,line:n.line,chain:r,message:`${e} is ${o?"possibly deprecated":"deprecated"} (${n.reason}) but ships: ${$}. ${y}; ${k}.`})}return a}};export{R as deprecated};
