import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{b as p}from"./chunk-CGSTLM3P.js";import{a as l,b as s,e as c,g as u,h as d}from"./chunk-FFNVZOTA.js";import"./chunk-5LZX7GGI.js";import{a as m}from"./chunk-ADHMZGT7.js";import"./chunk-F4Y5E24J.js";import"./chunk-CCF5JKLN.js";var R={name:"deprecated",check({graph:r,options:h}){let a=[];for(let e of[...r.files.keys()].sort(m)){let n=p(r.root,e,h.deprecated);if(!n)continue;let i=l(r,e),f=i.length>1?i[i.length-2]:void 0,t=f?u(r,e).find(g=>g.from===f):void 0,$=t?`${c(t.from,t.line)} imports it as ${t.specifier} (${s(i)})`:r.entries.includes(e)?"it is an entry":`it is reached through ${s(i)}`,y=t?`Import the current file instead, or remove the import at ${c(t.from,t.line)}`:"Use the current file as the entry",o=n.strength==="weak",k=o?`if it is live code, rename it or ${d("deprecated",e,!0)}`:`if the file is not deprecated, remove the mark or ${d("deprecated",e,!0)}`;a.push({rule:"deprecated",...o?{level:"warn"}:{},file:e,line:n.line,chain:i,message:`${e} is ${o?"possibly deprecated":"deprecated"} (${n.reason}) but ships: ${$}. ${y}; ${k}.`})}return a}};export{R as deprecated};
