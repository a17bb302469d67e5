import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
function l(i,r){let e=[r],n=new Set(e);for(let t=i.via.get(r);t&&!n.has(t.file);t=i.via.get(t.file))n.add(t.file),e.push(t.file);return e.reverse()}function g(i,r){let e=new Map,n=[];for(let t of i)e.has(t)||(e.set(t,null),n.push(t));for(let t=0;t<n.length;t++){let s=n[t];for(let o of r.get(s)?.edges??[])o.class!=="file"||!o.target||e.has(o.target)||(e.set(o.target,{file:s,line:o.line}),n.push(o.target))}return e}var a=100;function c(i){return`\u2026 ${i.toLocaleString("en-US")} more files \u2026`}function f(i){let r=/^… ([\d,]+) more files …$/.exec(i);return r?Number(r[1].replace(/,/g,"")):0}function u(i,r){let e=l(i,r);if(e.length<=a)return e;let n=a/2;return[...e.slice(0,n),c(e.length-2*n),...e.slice(e.length-n)]}export{l as a,g as b,f as c,u as d};
