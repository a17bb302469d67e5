import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{a,e as r,i as c}from"./chunk-JJMXHFGP.js";import"./chunk-5LZX7GGI.js";import{a as l}from"./chunk-MF4WZKLL.js";import"./chunk-CCF5JKLN.js";import s from"node:path";var p={name:"dynamic",check({graph:t}){let o=[];for(let n of[...t.files.keys()].sort(l))for(let e of t.files.get(n).dynamic){let i=f(e.file,e.expression);o.push({rule:"dynamic",file:e.file,line:e.line,column:e.column,chain:a(t,e.file),message:`${r(e.file,e.line)} loads a module with a computed specifier (${e.expression}): shipset cannot tell which files it loads, so the shipped set may be incomplete. Name the files it can load with \`include\`${i?` (e.g. ${i})`:""}, or import them statically; if it loads only packages or files that already ship, ${c("dynamic",e.file).replace("above the import","above the call")}.`})}return o}};function f(t,o){let n=/^[`'"](\.{1,2}\/[^`'"$]*)/.exec(o.trim());if(!n)return;let e=n[1].slice(0,n[1].lastIndexOf("/")+1),i=s.posix.normalize(s.posix.join(s.posix.dirname(t),e));if(!i.startsWith(".."))return i==="."||i==="./"?"**":`${i.replace(/\/$/,"")}/**`}export{p as dynamic,f as suggestGlob};
