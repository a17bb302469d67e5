import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import e from"node:fs";import u from"node:path";var a={".js":"js",".jsx":"js",".mjs":"js",".cjs":"js",".ts":"ts",".tsx":"ts",".mts":"ts",".cts":"ts",".json":"json",".py":"python",".node":"asset"};function p(s){let n=u.extname(s);return n?a[n]:f(s)}function f(s){let n="";try{let r=e.openSync(s,e.constants.O_RDONLY|(e.constants.O_NONBLOCK??0));try{if(!e.fstatSync(r).isFile())return;let o=Buffer.alloc(128);n=o.subarray(0,e.readSync(r,o,0,128,0)).toString("utf8")}finally{e.closeSync(r)}}catch{return}let t=/^\uFEFF?#!(.*)/.exec(n)?.[1]??"";if(/\b(node|nodejs|bun|deno|tsx|ts-node)\b/.test(t))return/\b(tsx|ts-node)\b/.test(t)?"ts":"js";if(/\bpython[0-9.]*\b/.test(t))return"python"}import d from"node:fs";var i=class{known=new Map;know(n,t){this.known.set(n,t)}get(n){let t=this.known.get(n);if(t===void 0){try{t=d.realpathSync.native(n)}catch{t=null}this.known.set(n,t)}return t??void 0}};export{p as a,i as b};
