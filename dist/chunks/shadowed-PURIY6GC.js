import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{c as o,e as s,f as d,i as r}from"./chunk-JJMXHFGP.js";import"./chunk-5LZX7GGI.js";import"./chunk-MF4WZKLL.js";import"./chunk-CCF5JKLN.js";var c={name:"shadowed",check({graph:n}){let i=[];for(let e of d(n)){let t=[...e.shadowedCandidates??[],...e.builtin?[`Node's builtin '${e.builtin}' (which Node loads when it runs the compiled output)`]:[]];if(!t.length)continue;let a=e.target??"(nothing)",h=t.join(", "),l=`${s(e.from,e.line)} imports ${e.specifier}, which runs ${a}; ${h} ${t.length>1?"also exist and are":"also exists and is"} shadowed (edits there never run). Rename or remove one of them, or import the intended file by its full path; if the file that runs is the intended one, ${r("shadowed",e.from)}.`;i.push(o(n,"shadowed",e,l,{target:e.target}))}return i}};export{c as shadowed};
