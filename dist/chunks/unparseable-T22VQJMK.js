import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{a as i,b as a}from"./chunk-JJMXHFGP.js";import"./chunk-5LZX7GGI.js";import{a as r}from"./chunk-MF4WZKLL.js";import"./chunk-CCF5JKLN.js";var m={name:"unparseable",check({graph:o}){let e=[];for(let t of[...o.files.keys()].sort(r)){let s=o.files.get(t).parseError;if(!s)continue;let n=i(o,t);e.push({rule:"unparseable",file:t,line:s.line,column:s.column,chain:n,message:c(t,s,n)})}return e}};function c(o,e,t){let s=`${o}:${e.line}:${e.column}`,n=`It ships (${a(t)})`;return e.message.startsWith("cannot be read")?`${s} ${e.message}. ${n} but its content cannot be checked or packed. Make it a readable regular file, or stop importing it.`:e.message.startsWith("nested too deeply")?`${s} is ${e.message}. ${n}.`:`${s} cannot be parsed: ${e.message}. ${n} but would fail to load, and the files it imports cannot be followed. Fix the syntax error.`}export{m as unparseable};
