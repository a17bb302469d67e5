#!/usr/bin/env node
import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{a as z}from"./chunks/chunk-MSGMURES.js";import{a as q,c as S,f as _,g as Y,j as K}from"./chunks/chunk-M475CUOS.js";import{e as m,g as M,h as U,i as V,j as R,k as T,l as g,m as w,o as A,p as B,q as W,t as G,u as y,w as J}from"./chunks/chunk-WI2WNPXG.js";import"./chunks/chunk-MWMEZ3UV.js";import"./chunks/chunk-MUAW63U2.js";import{a as I,b as x,c as O}from"./chunks/chunk-HPSZG2Z4.js";import{a as E}from"./chunks/chunk-QNAOFNVL.js";import{d as D}from"./chunks/chunk-ATTXFYYV.js";import"./chunks/chunk-MF4WZKLL.js";import{b as C,c as p}from"./chunks/chunk-ZTSPKI77.js";import"./chunks/chunk-PY2EUH5I.js";import{c as N}from"./chunks/chunk-QIQWDIPD.js";import"./chunks/chunk-CCF5JKLN.js";import b from"node:path";import{parseArgs as ee}from"node:util";async function v(...t){return(await import("./chunks/pipeline-LG6GYS6P.js")).runPipeline(...t)}var L=`  --root DIR             project root (default: .); entries and globs are relative to it
  --config FILE          JSON config file (default: shipset.config.json at the root, or "shipset" in package.json)
  --tsconfig FILE        tsconfig for paths/baseUrl (default: tsconfig.json, else jsconfig.json)
  --runtime R            the runtime that starts the entries: ${C.join(", ")}
  --rule NAME=LEVEL      set a rule's level: error, warn or off (repeatable; see shipset rules)
  --deprecated GLOB      files that must never ship (repeatable)
  --include GLOB         extra files to pack, added to the defaults (repeatable)
  --no-default-include   do not pack package.json, the lockfile and workspace files by default
  --node-modules         self-contained: pack the production dependencies from node_modules
  --exclude GLOB         files to leave out (repeatable)
  --stale-ignore WORD    a name part that never makes two files variants (repeatable)
  --python-path DIR      extra Python import root (repeatable)
  --baseline FILE        known findings (written by shipset baseline): reported, not failing
                         (default: .shipset-baseline.json at the root when it exists)
  --format F             output: ${g.join(", ")} (default: text); --json is --format json
  --manifest FILE        also write the manifest JSON to FILE
  --quiet                text output: only the verdict and the error findings
  --cache DIR            keep per-file scan results in DIR and reuse them on the next run`,f={check:{usage:"shipset check <entry...> [options]     check the set reachable from the entries",flags:L},pack:{usage:"shipset pack  <entry...> [options]     check, then write a reproducible tarball of that set",flags:`${L}
  --out FILE             tarball path (default: shipset.tar.gz)
  --prefix DIR           folder inside the tarball`},why:{usage:"shipset why   <file> --entry <entry>   the chains that make a file ship, or why it does not",flags:`  --entry FILE           entry (repeatable; default: package.json main/bin and the file scripts.start runs)
  --root DIR             project root (default: .)
  --config FILE          JSON config file
  --format F             text or json`},baseline:{usage:"shipset baseline [entry...] [options]  write the current findings as the baseline",flags:`${L}
  --out FILE             baseline file (default: .shipset-baseline.json at the root)`},rules:{usage:"shipset rules                          each rule, its default level and what it catches",flags:"  --format F             text or json"},help:{usage:"shipset help [command]                 this help, or a command's flags",flags:""},version:{usage:"shipset version                        the version",flags:""}},H=`shipset ${E}: which files will actually run, and are they the right ones?

Usage:
${Object.values(f).map(t=>`  ${t.usage}`).join(`
`)}

Options (check, pack, baseline):
${f.pack.flags}
  --entry FILE           entry (repeatable; also for why)
  -h, --help             this help (shipset <command> --help: the command's flags)
  -v, --version          the version

With no entry, the config's "entries", else package.json "main" and "bin" and the file
"scripts.start" runs (node dist/main.js, nodemon server.js) are the entries.
Flags override the config file (shipset.config.json); see docs/configuration.md.
Exit codes: 0 clean (warnings allowed), 1 error findings, 2 bad usage or input.
`;function Q(t){let e=f[t];return`Usage: ${e.usage}
${e.flags?`
Options:
${e.flags}
`:""}
Exit codes: 0 clean (warnings allowed), 1 error findings, 2 bad usage or input.
`}var te=()=>({stdout:process.stdout,stderr:process.stderr,env:process.env,cwd:process.cwd()});async function X(t,e=te()){try{return await ne(t,e)}catch(r){let i=D(r);return i?(e.stderr.write(`shipset: ${O(i.message)}
`),2):(e.stderr.write(`shipset: internal error: ${O(String(r?.message??r))}. Please report this with the command you ran.
`),e.env.SHIPSET_DEBUG&&e.stderr.write(`${x(String(r?.stack).split(`
`).map(I).join(`
`))}
`),2)}}async function ne(t,e){let{values:r,positionals:i}=se(t),[n,...s]=i;if(r.version||n==="version")return e.stdout.write(`${E}
`),0;if(n==="help"){if(s[0]&&!f[s[0]])throw new p(`unknown command '${s[0]}'. Commands: ${Object.keys(f).join(", ")}.`);return e.stdout.write(s[0]?Q(s[0]):H),0}if(!n)return(r.help?e.stdout:e.stderr).write(H),r.help?0:2;if(!f[n])throw new p(`unknown command '${n}'. Commands: ${Object.keys(f).join(", ")} (see shipset --help).`);if(r.help)return e.stdout.write(Q(n)),0;let o=ie(r);if(n==="rules")return fe(e,o);let a=J(r.root,e.cwd,"--root"),l=z(a,r.config!==void 0?{value:r.config,base:e.cwd,source:"--config"}:void 0);if(n==="why"){if(s.length!==1)throw new p("why takes one file: shipset why <file> --entry <entry>.");let{options:d}=P(a,l,r.entry??[],r,e,!1),h=await F(e,r.quiet===!0,()=>v(d,e.cwd)),{explainWhy:k}=await import("./chunks/why-5D5JVSD2.js"),$=k(h,s[0],e.cwd,d.exclude);return e.stdout.write(o==="json"?m($):pe($.text)),$.ships?0:1}if(r.entry?.length&&s.push(...r.entry),n==="baseline")return ce(a,l,s,r,e);let{options:j,output:c}=P(a,l,s,r,e,n==="pack");c.manifest&&q(Z(c.manifest,void 0,e,a));let u=await F(e,r.quiet===!0,()=>v(j,e.cwd));return await ue(u,{...c,format:o??c.format},r.quiet===!0,e),u.errorCount>0?1:0}var re=1e3;async function F(t,e,r,i=re){if(e||!t.stderr.isTTY||t.env.CI)return r();let n=Date.now(),s=!1,o=()=>{s=!0,t.stderr.write(`\r\x1B[2Kshipset: checking\u2026 ${Math.floor((Date.now()-n)/1e3)} s`)},a,l=setTimeout(()=>{o(),a=setInterval(o,1e3),a.unref()},i);l.unref();try{return await r()}finally{clearTimeout(l),a&&clearInterval(a),s&&t.stderr.write("\r\x1B[2K")}}function se(t){try{return ee({args:t,allowPositionals:!0,strict:!0,options:{root:{type:"string"},config:{type:"string"},tsconfig:{type:"string"},runtime:{type:"string"},rule:{type:"string",multiple:!0},deprecated:{type:"string",multiple:!0},include:{type:"string",multiple:!0},"no-default-include":{type:"boolean"},"node-modules":{type:"boolean"},exclude:{type:"string",multiple:!0},"stale-ignore":{type:"string",multiple:!0},"python-path":{type:"string",multiple:!0},baseline:{type:"string"},format:{type:"string"},json:{type:"boolean"},quiet:{type:"boolean"},cache:{type:"string"},manifest:{type:"string"},out:{type:"string"},prefix:{type:"string"},entry:{type:"string",multiple:!0},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}})}catch(e){throw new p(`${e.message.replace(/\. To specify.*$/s,"")}. See shipset --help.`)}}function ie(t){if(t.json&&t.format!==void 0&&t.format.toLowerCase()!=="json")throw new p(`--json and --format ${t.format} disagree. Use one of them (--json is --format json).`);if(t.json)return"json";if(t.format===void 0)return;let e=t.format.toLowerCase();if(!g.includes(e))throw new p(`--format: '${t.format}' is not an output format: use ${g.join(", ")}.`);return e}function oe(t,e,r,i){let n=(s,o)=>s===void 0?void 0:{value:s,source:o,base:r.cwd};return{entries:t.length?n(t,"entry"):void 0,runtime:n(e.runtime,"--runtime"),tsconfig:n(e.tsconfig,"--tsconfig"),rules:A(e.rule??[],"--rule"),deprecated:n(e.deprecated,"--deprecated"),include:n(e.include,"--include"),defaultInclude:e["no-default-include"]?n(!1,"--no-default-include"):void 0,nodeModules:e["node-modules"]?n(!0,"--node-modules"):void 0,exclude:n(e.exclude,"--exclude"),staleIgnore:n(e["stale-ignore"],"--stale-ignore"),pythonPath:n(e["python-path"],"--python-path"),baseline:n(e.baseline,"--baseline"),prefix:n(e.prefix,"--prefix"),tarball:i?n(e.out,"--out"):void 0,manifest:n(e.manifest,"--manifest")}}function P(t,e,r,i,n,s){let o=G(t,[e.layer,oe(r,i,n,s)],{cwd:n.cwd,env:n.env,now:n.now??Date.now(),pack:s,notices:e.notices});return i.cache!==void 0&&(o.options.cache=W(i.cache,n.cwd,"--cache")),o}function ae(t,e,r,i=!1){let n=M(r.stdout,r.env);return t==="text"&&i?le(e,n):T[t](e,{style:n,sarif:{rules:Object.values(w),rootInRepository:""}})}function le(t,e){let r=t.manifest,i={...t,manifest:{...r,findings:r.findings.filter(s=>s.level==="error"&&!s.suppressed),notices:[],dormant:[],tarball:null}},[,...n]=V(i,e).split(`
`);return[U(t,e),...n].join(`
`)}async function ue(t,e,r,i){e.manifest&&await S(Z(e.manifest,t,i,t.graph.root),T.json(t)),i.stdout.write(ae(e.format??"text",t,i,r))}function Z(t,e,r,i){return _(b.resolve(r.cwd,t),e,{label:"--manifest",guarded:[r.cwd,i]})}function pe(t){let e=t.endsWith(`
`)?t.slice(0,-1):t;return x(e.split(`
`).map(I).join(`
`))+`
`}async function ce(t,e,r,i,n){let s=i.out!==void 0?B(i.out,n.cwd,"--out",y):b.join(t,y),{options:o}=P(t,e,r,i,n,!1);o.baseline=void 0;let a=await F(n,i.quiet===!0,()=>v(o,n.cwd)),l=Y(a.manifest.findings);await S({path:s,label:"--out",example:".shipset-baseline.json",guarded:[n.cwd,t],displayBase:n.cwd,isOwnOutput:K,notOursText:"an existing file that is not a shipset baseline: writing would overwrite it"},m(l));let j=l.findings.reduce((h,k)=>h+k.count,0),c=b.relative(n.cwd,s)||s,u=a.manifest.findings.filter(h=>!w[h.rule].lowerable).length,d=[`shipset: wrote ${R(j,"finding")} to ${c}. Checks now report them as known and fail only on new ones.`];return s!==b.join(t,y)&&d.push(`Point checks at it: --baseline ${c}, or "baseline" in shipset.config.json.`),u&&d.push(`${R(u,"outside-root finding")} ${u===1?"is":"are"} not in it: ${u===1?"it cannot":"they cannot"} be suppressed; fix ${u===1?"that import":"those imports"}.`),n.stdout.write(d.join(`
`)+`
`),0}function fe(t,e){let r=Object.values(w).map(s=>({name:s.name,defaultLevel:s.defaultLevel,lowerable:s.lowerable,why:s.why,settings:s.settings.map(o=>({key:o.key,flag:o.flag,input:o.input,description:o.description}))}));if(e==="json")return t.stdout.write(m(r)),0;if(e==="markdown")throw new p("shipset rules prints text or json; --format markdown is for check and pack.");let i=Math.max(...r.map(s=>s.name.length)),n=r.map(s=>{let o=`${s.defaultLevel}${s.lowerable?"":" (cannot be lowered)"}`,a=s.settings.map(l=>`
${" ".repeat(i+4)}setting: ${l.flag} (config "${l.key}", input ${l.input}): ${l.description}`).join("");return`  ${s.name.padEnd(i)}  ${o}
${" ".repeat(i+4)}${s.why}${a}`});return t.stdout.write(`Rules (set a level with --rule NAME=LEVEL, input rules, or "rules" in the config):
${n.join(`
`)}
`),0}N(process);process.exitCode=await X(process.argv.slice(2));
