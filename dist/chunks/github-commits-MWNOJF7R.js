import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
import{c as m}from"./chunk-KOGNQ6KZ.js";import"./chunk-G5DMU4IU.js";var f=15e3;async function u(e,p,t){let c=m(e.token,e.apiUrl?{baseUrl:e.apiUrl}:{}),s=new Map,o;return await Promise.all(p.map(async i=>{try{let r=await c.request("GET /repos/{owner}/{repo}/commits",{owner:e.owner,repo:e.repo,path:t.prefix?`${t.prefix}/${i}`:i,per_page:1,...t.ref?{sha:t.ref}:{},request:{signal:AbortSignal.timeout(f)}}),n=r.data[0]?.commit?.committer?.date??r.data[0]?.commit?.author?.date,a=n?Date.parse(n):NaN;Number.isFinite(a)&&s.set(i,a)}catch(r){o??=r.message}})),{times:s,...o?{error:o}:{}}}export{u as githubCommitTimes};
