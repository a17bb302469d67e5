import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import u from"node:fs";var t=new Map,i=1;function p(e){let n=i++;return t.set(n,e),()=>{t.delete(n)}}function a(e){return p(()=>u.rmSync(e,{recursive:!0,force:!0}))}function s(){let e=[...t.entries()].reverse();t.clear();for(let[,n]of e)try{n()}catch{}}function c(e){if(r)return;r=!0;let n=o=>{s(),e.exit(o==="SIGINT"?130:143)};e.once("SIGINT",n),e.once("SIGTERM",n)}var r=!1;export{p as a,a as b,c};
