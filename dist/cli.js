#!/usr/bin/env node
import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{a as P,b,c as N,d as ne}from"./chunks/chunk-NRGS4MMQ.js";import{a as Q,c as M,f as Z,g as ee,j as te}from"./chunks/chunk-QJTWKYWP.js";import{k as R,m as q,n as H,o as K,r as X,s as S,u as z}from"./chunks/chunk-EW2MIW32.js";import"./chunks/chunk-K33FBAIJ.js";import{a as d,b as y,c as L,i as v}from"./chunks/chunk-T5FJMZIG.js";import{a as C}from"./chunks/chunk-QNAOFNVL.js";import"./chunks/chunk-DHDOPCAJ.js";import"./chunks/chunk-EYLZRDNU.js";import{d as Y}from"./chunks/chunk-EPGCK4IK.js";import{c as W,d as k,e as h,h as G}from"./chunks/chunk-FUGEFTZF.js";import"./chunks/chunk-DJJFNNXG.js";import"./chunks/chunk-DT2DJ3FP.js";import"./chunks/chunk-CCF5JKLN.js";import E from"node:path";import{parseArgs as pe}from"node:util";var $=t=>t,O={red:$,yellow:$,green:$,bold:$,dim:$},x=(t,e)=>n=>`\x1B[${t}m${n}\x1B[${e}m`,re={red:x(31,39),yellow:x(33,39),green:x(32,39),bold:x(1,22),dim:x(2,22)};function V(t,e){return t.isTTY&&!e.NO_COLOR&&e.TERM!=="dumb"?re:O}function I(t,e){let n=t.manifest,r=`${m(n.files.length,"file ships","files ship")}, ${n.dormant.length} dormant, ${m(t.errorCount,"error")}, ${m(t.warningCount,"warning")}`;return t.errorCount>0?`${e.red(e.bold("\u2716 shipset: FAIL"))} \u2014 ${r}`:t.warningCount>0?`${e.yellow(e.bold("\u26A0 shipset: PASS with warnings"))} \u2014 ${r}`:`${e.green(e.bold("\u2714 shipset: PASS"))} \u2014 ${r}`}function j(t,e){let n=t.manifest,r=[I(t,e)];r.push(e.dim(`entries: ${n.entries.map(d).join(", ")}`));let o=new Map,s=n.findings.filter(i=>i.suppressed);for(let i of n.findings){if(i.suppressed)continue;let a=o.get(i.rule)??[];a.push(i),o.set(i.rule,a)}let l=[...o].sort(([i,a],[u,c])=>A(c)-A(a)||c.length-a.length||(i<u?-1:1));for(let[i,a]of l){r.push("");let u=A(a),c=[u?m(u,"error"):"",a.length-u?m(a.length-u,"warning"):""].filter(Boolean).join(", ");r.push(e.bold(`${i} (${c})`));for(let p of[...a].sort((f,g)=>+(f.level!=="error")-+(g.level!=="error"))){let f=p.level==="error"?e.red("error"):e.yellow("warn ");r.push(`  ${f} ${e.bold(`${d(p.file)}:${p.line}${p.column?`:${p.column}`:""}`)}  ${d(le(p))}`),p.chain.length>1&&r.push(e.dim(`        via ${p.chain.map(d).join(" -> ")}`))}}if(s.length){let i=new Map;for(let a of s)i.set(a.suppressed.by,(i.get(a.suppressed.by)??0)+1);r.push(""),r.push(e.dim(`${m(s.length,"suppressed finding")} (${[...i].map(([a,u])=>`${u} by ${a}`).join(", ")}), listed with their reasons in --format json`))}if(n.notices.length){r.push(""),r.push(e.bold("notices"));for(let i of n.notices)r.push(`  \u2022 ${d(i)}`)}if(n.dormant.length){r.push("");let i=n.dormant.slice(0,20);r.push(e.bold(`dormant (${n.dormant.length}): not reached from any entry, will not ship`));for(let a of i)r.push(e.dim(`  ${d(a)}`));n.dormant.length>i.length&&r.push(e.dim(`  \u2026 and ${n.dormant.length-i.length} more (see --format json)`))}return n.tarball&&(r.push(""),r.push(`tarball: ${d(n.tarball.path)} (${n.tarball.bytes} bytes, SHA-256 ${n.tarball.sha256}, contentSha256 ${n.tarball.contentSha256})`)),y(r.join(`
`))+`
`}function le(t){let e=`${t.file}:${t.line}`;return t.message.startsWith(e)?t.message.slice(e.length).replace(/^:\d+/,"").trimStart():t.message}function A(t){return t.filter(e=>e.level==="error").length}function m(t,e,n){return`${t} ${t===1?e:n??`${e}s`}`}var D={text:(t,e)=>j(t,e.style??O),json:t=>P(t),markdown:(t,e)=>v(t,e.markdown),sarif:(t,e)=>N(t.manifest,e.sarif??{rules:[],rootInRepository:""})};async function B(...t){return(await import("./chunks/pipeline-NJZNF427.js")).runPipeline(...t)}var _=`  --root DIR             project root (default: .); entries and globs are relative to it
  --config FILE          JSON config file (default: shipset.config.json at the root, or "shipset" in package.json)
  --tsconfig FILE        tsconfig for paths/baseUrl (default: tsconfig.json, else jsconfig.json)
  --runtime R            the runtime that starts the entries: ${W.join(", ")}
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
  --format F             output: ${k.join(", ")} (default: text); --json is --format json
  --manifest FILE        also write the manifest JSON to FILE
  --quiet                text output: only the verdict and the error findings
  --cache DIR            keep per-file scan results in DIR and reuse them on the next run`,w={check:{usage:"shipset check <entry...> [options]     check the set reachable from the entries",flags:_},pack:{usage:"shipset pack  <entry...> [options]     check, then write a reproducible tarball of that set",flags:`${_}
  --out FILE             tarball path (default: shipset.tar.gz)
  --prefix DIR           folder inside the tarball`},why:{usage:"shipset why   <file> --entry <entry>   the chains that make a file ship, or why it does not",flags:`  --entry FILE           entry (repeatable; default: package.json main/bin)
  --root DIR             project root (default: .)
  --config FILE          JSON config file
  --format F             text or json`},baseline:{usage:"shipset baseline [entry...] [options]  write the current findings as the baseline",flags:`${_}
  --out FILE             baseline file (default: .shipset-baseline.json at the root)`},rules:{usage:"shipset rules                          each rule, its default level and what it catches",flags:"  --format F             text or json"},help:{usage:"shipset help [command]                 this help, or a command's flags",flags:""},version:{usage:"shipset version                        the version",flags:""}},oe=`shipset ${C}: which files will actually run, and are they the right ones?

Usage:
${Object.values(w).map(t=>`  ${t.usage}`).join(`
`)}

Options (check, pack, baseline):
${w.pack.flags}
  --entry FILE           entry (repeatable; also for why)
  -h, --help             this help (shipset <command> --help: the command's flags)
  -v, --version          the version

With no entry, the config's "entries", else package.json "main" and "bin" are the entries.
Flags override the config file (shipset.config.json); see docs/configuration.md.
Exit codes: 0 clean (warnings allowed), 1 error findings, 2 bad usage or input.
`;function se(t){let e=w[t];return`Usage: ${e.usage}
${e.flags?`
Options:
${e.flags}
`:""}
Exit codes: 0 clean (warnings allowed), 1 error findings, 2 bad usage or input.
`}var ue=()=>({stdout:process.stdout,stderr:process.stderr,env:process.env,cwd:process.cwd()});async function ie(t,e=ue()){try{return await ce(t,e)}catch(n){let r=Y(n);return r?(e.stderr.write(`shipset: ${L(r.message)}
`),2):(e.stderr.write(`shipset: internal error: ${L(String(n?.message??n))}. Please report this with the command you ran.
`),e.env.SHIPSET_DEBUG&&e.stderr.write(`${y(String(n?.stack).split(`
`).map(d).join(`
`))}
`),2)}}async function ce(t,e){let{values:n,positionals:r}=fe(t),[o,...s]=r;if(n.version||o==="version")return e.stdout.write(`${C}
`),0;if(o==="help"){if(s[0]&&!w[s[0]])throw new h(`unknown command '${s[0]}'. Commands: ${Object.keys(w).join(", ")}.`);return e.stdout.write(s[0]?se(s[0]):oe),0}if(!o)return(n.help?e.stdout:e.stderr).write(oe),n.help?0:2;if(!w[o])throw new h(`unknown command '${o}'. Commands: ${Object.keys(w).join(", ")} (see shipset --help).`);if(n.help)return e.stdout.write(se(o)),0;let l=me(n);if(o==="rules")return xe(e,l);let i=z(n.root,e.cwd,"--root"),a=ne(i,n.config!==void 0?{value:n.config,base:e.cwd,source:"--config"}:void 0);if(o==="why"){if(s.length!==1)throw new h("why takes one file: shipset why <file> --entry <entry>.");let{options:f}=U(i,a,n.entry??[],n,e,!1),g=await J(e,n.quiet===!0,()=>B(f,e.cwd)),{explainWhy:T}=await import("./chunks/why-Q32YCDZJ.js"),F=T(g,s[0],e.cwd,f.exclude);return e.stdout.write(l==="json"?b(F):be(F.text)),F.ships?0:1}if(n.entry?.length&&s.push(...n.entry),o==="baseline")return $e(i,a,s,n,e);let{options:u,output:c}=U(i,a,s,n,e,o==="pack");c.manifest&&Q(ae(c.manifest,void 0,e,i));let p=await J(e,n.quiet===!0,()=>B(u,e.cwd));return await ye(p,{...c,format:l??c.format},n.quiet===!0,e),p.errorCount>0?1:0}var de=1e3;async function J(t,e,n,r=de){if(e||!t.stderr.isTTY||t.env.CI)return n();let o=Date.now(),s=!1,l=()=>{s=!0,t.stderr.write(`\r\x1B[2Kshipset: checking\u2026 ${Math.floor((Date.now()-o)/1e3)} s`)},i,a=setTimeout(()=>{l(),i=setInterval(l,1e3),i.unref()},r);a.unref();try{return await n()}finally{clearTimeout(a),i&&clearInterval(i),s&&t.stderr.write("\r\x1B[2K")}}function fe(t){try{return pe({args:t,allowPositionals:!0,strict:!0,options:{root:{type:"string"},config:{type:"string"},tsconfig:{type:"string"},runtime:{type:"string"},rule:{type:"string",multiple:!0},deprecated:{type:"string",multiple:!0},include:{type:"string",multiple:!0},"no-default-include":{type:"boolean"},"node-modules":{type:"boolean"},exclude:{type:"string",multiple:!0},"stale-ignore":{type:"string",multiple:!0},"python-path":{type:"string",multiple:!0},baseline:{type:"string"},format:{type:"string"},json:{type:"boolean"},quiet:{type:"boolean"},cache:{type:"string"},manifest:{type:"string"},out:{type:"string"},prefix:{type:"string"},entry:{type:"string",multiple:!0},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}})}catch(e){throw new h(`${e.message.replace(/\. To specify.*$/s,"")}. See shipset --help.`)}}function me(t){if(t.json&&t.format!==void 0&&t.format.toLowerCase()!=="json")throw new h(`--json and --format ${t.format} disagree. Use one of them (--json is --format json).`);if(t.json)return"json";if(t.format===void 0)return;let e=t.format.toLowerCase();if(!k.includes(e))throw new h(`--format: '${t.format}' is not an output format: use ${k.join(", ")}.`);return e}function he(t,e,n,r){let o=(s,l)=>s===void 0?void 0:{value:s,source:l,base:n.cwd};return{entries:t.length?o(t,"entry"):void 0,runtime:o(e.runtime,"--runtime"),tsconfig:o(e.tsconfig,"--tsconfig"),rules:q(e.rule??[],"--rule"),deprecated:o(e.deprecated,"--deprecated"),include:o(e.include,"--include"),defaultInclude:e["no-default-include"]?o(!1,"--no-default-include"):void 0,nodeModules:e["node-modules"]?o(!0,"--node-modules"):void 0,exclude:o(e.exclude,"--exclude"),staleIgnore:o(e["stale-ignore"],"--stale-ignore"),pythonPath:o(e["python-path"],"--python-path"),baseline:o(e.baseline,"--baseline"),prefix:o(e.prefix,"--prefix"),tarball:r?o(e.out,"--out"):void 0,manifest:o(e.manifest,"--manifest")}}function U(t,e,n,r,o,s){let l=X(t,[e.layer,he(n,r,o,s)],{cwd:o.cwd,env:o.env,now:o.now??Date.now(),pack:s,notices:e.notices});return r.cache!==void 0&&(l.options.cache=K(r.cache,o.cwd,"--cache")),l}function ge(t,e,n,r=!1){let o=V(n.stdout,n.env);return t==="text"&&r?we(e,o):D[t](e,{style:o,sarif:{rules:Object.values(R),rootInRepository:""}})}function we(t,e){let n=t.manifest,r={...t,manifest:{...n,findings:n.findings.filter(s=>s.level==="error"&&!s.suppressed),notices:[],dormant:[],tarball:null}},[,...o]=j(r,e).split(`
`);return[I(t,e),...o].join(`
`)}async function ye(t,e,n,r){e.manifest&&await M(ae(e.manifest,t,r,t.graph.root),D.json(t)),r.stdout.write(ge(e.format??"text",t,r,n))}function ae(t,e,n,r){return Z(E.resolve(n.cwd,t),e,{label:"--manifest",guarded:[n.cwd,r]})}function be(t){let e=t.endsWith(`
`)?t.slice(0,-1):t;return y(e.split(`
`).map(d).join(`
`))+`
`}async function $e(t,e,n,r,o){let s=r.out!==void 0?H(r.out,o.cwd,"--out",S):E.join(t,S),{options:l}=U(t,e,n,r,o,!1);l.baseline=void 0;let i=await J(o,r.quiet===!0,()=>B(l,o.cwd)),a=ee(i.manifest.findings);await M({path:s,label:"--out",example:".shipset-baseline.json",guarded:[o.cwd,t],displayBase:o.cwd,isOwnOutput:te,notOursText:"an existing file that is not a shipset baseline: writing would overwrite it"},b(a));let u=a.findings.reduce((g,T)=>g+T.count,0),c=E.relative(o.cwd,s)||s,p=i.manifest.findings.filter(g=>!R[g.rule].lowerable).length,f=[`shipset: wrote ${m(u,"finding")} to ${c}. Checks now report them as known and fail only on new ones.`];return s!==E.join(t,S)&&f.push(`Point checks at it: --baseline ${c}, or "baseline" in shipset.config.json.`),p&&f.push(`${m(p,"outside-root finding")} ${p===1?"is":"are"} not in it: ${p===1?"it cannot":"they cannot"} be suppressed; fix ${p===1?"that import":"those imports"}.`),o.stdout.write(f.join(`
`)+`
`),0}function xe(t,e){let n=Object.values(R).map(s=>({name:s.name,defaultLevel:s.defaultLevel,lowerable:s.lowerable,why:s.why,settings:s.settings.map(l=>({key:l.key,flag:l.flag,input:l.input,description:l.description}))}));if(e==="json")return t.stdout.write(b(n)),0;if(e==="markdown")throw new h("shipset rules prints text or json; --format markdown is for check and pack.");let r=Math.max(...n.map(s=>s.name.length)),o=n.map(s=>{let l=`${s.defaultLevel}${s.lowerable?"":" (cannot be lowered)"}`,i=s.settings.map(a=>`
${" ".repeat(r+4)}setting: ${a.flag} (config "${a.key}", input ${a.input}): ${a.description}`).join("");return`  ${s.name.padEnd(r)}  ${l}
${" ".repeat(r+4)}${s.why}${i}`});return t.stdout.write(`Rules (set a level with --rule NAME=LEVEL, input rules, or "rules" in the config):
${o.join(`
`)}
`),0}G(process);process.exitCode=await ie(process.argv.slice(2));
