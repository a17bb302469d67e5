import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
var g=["deprecated","stale","unresolved","unparseable","undeclared","shadowed","dynamic","outside-root","circular","runtime"],u=["error","warn","off"],c=["node","tsx","ts-node","bun","node-strip-types"],m=["text","json","markdown","sarif"],r=class extends Error{constructor(n){super(n),this.name="UsageError"}};import o from"node:fs";var t=new Map,a=1;function l(e){let n=a++;return t.set(n,e),()=>{t.delete(n)}}function x(e){return l(()=>o.rmSync(e,{recursive:!0,force:!0}))}function p(){let e=[...t.entries()].reverse();t.clear();for(let[,n]of e)try{n()}catch{}}function b(e){if(i)return;i=!0;let n=s=>{p(),e.exit(s==="SIGINT"?130:143)};e.once("SIGINT",n),e.once("SIGTERM",n)}var i=!1;export{g as a,u as b,c,m as d,r as e,l as f,x as g,b as h};
