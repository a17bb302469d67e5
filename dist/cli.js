#!/usr/bin/env node
import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{a as P,b,c as N,d as ne}from"./chunks/chunk-TIW5WDKZ.js";import{a as Q,c as M,f as Z,g as ee,j as te}from"./chunks/chunk-2YWDRLFC.js";import{o as S,q,r as H,s as K,v as X,w as k,y as z}from"./chunks/chunk-2LXD5P5X.js";import{a as f,b as y,c as L,i as v}from"./chunks/chunk-T5FJMZIG.js";import{a as C}from"./chunks/chunk-QNAOFNVL.js";import"./chunks/chunk-RHCEUTHE.js";import"./chunks/chunk-Z7OG7CAG.js";import"./chunks/chunk-H5XTLVKP.js";import{c as G}from"./chunks/chunk-QIQWDIPD.js";import"./chunks/chunk-I4VXRH5G.js";import{d as Y}from"./chunks/chunk-EXCXLJXX.js";import{c as W,d as R,e as h}from"./chunks/chunk-VMRJAS6N.js";import"./chunks/chunk-4IN7R7K7.js";import I from"node:path";import{parseArgs as pe}from"node:util";var $=t=>t,O={red:$,yellow:$,green:$,bold:$,dim:$},x=(t,e)=>n=>`\x1B[${t}m${n}\x1B[${e}m`,re={red:x(31,39),yellow:x(33,39),green:x(32,39),bold:x(1,22),dim:x(2,22)};function V(t,e){return t.isTTY&&!e.NO_COLOR&&e.TERM!=="dumb"?re:O}function E(t,e){let n=t.manifest,r=`${m(n.files.length,"file ships","files ship")}, ${n.dormant.length} dormant, ${m(t.errorCount,"error")}, ${m(t.warningCount,"warning")}`;return t.errorCount>0?`${e.red(e.bold("\u2716 shipset: FAIL"))} \u2014 ${r}`:t.warningCount>0?`${e.yellow(e.bold("\u26A0 shipset: PASS with warnings"))} \u2014 ${r}`:`${e.green(e.bold("\u2714 shipset: PASS"))} \u2014 ${r}`}function j(t,e){let n=t.manifest,r=[E(t,e)];r.push(e.dim(`entries: ${n.entries.map(f).join(", ")}`));let s=new Map,o=n.findings.filter(i=>i.suppressed);for(let i of n.findings){if(i.suppressed)continue;let a=s.get(i.rule)??[];a.push(i),s.set(i.rule,a)}let l=[...s].sort(([i,a],[u,c])=>A(c)-A(a)||c.length-a.length||(i<u?-1:1));for(let[i,a]of l){r.push("");let u=A(a),c=[u?m(u,"error"):"",a.length-u?m(a.length-u,"warning"):""].filter(Boolean).join(", ");r.push(e.bold(`${i} (${c})`));for(let p of[...a].sort((d,g)=>+(d.level!=="error")-+(g.level!=="error"))){let d=p.level==="error"?e.red("error"):e.yellow("warn ");r.push(`  ${d} ${e.bold(`${f(p.file)}:${p.line}${p.column?`:${p.column}`:""}`)}  ${f(le(p))}`),p.chain.length>1&&r.push(e.dim(`        via ${p.chain.map(f).join(" -> ")}`))}}if(o.length){let i=new Map;for(let a of o)i.set(a.suppressed.by,(i.get(a.suppressed.by)??0)+1);r.push(""),r.push(e.dim(`${m(o.length,"suppressed finding")} (${[...i].map(([a,u])=>`${u} by ${a}`).join(", ")}), listed with their reasons in --format json`))}if(n.notices.length){r.push(""),r.push(e.bold("notices"));for(let i of n.notices)r.push(`  \u2022 ${f(i)}`)}if(n.dormant.length){r.push("");let i=n.dormant.slice(0,20);r.push(e.bold(`dormant (${n.dormant.length}): not reached from any entry, will not ship`));for(let a of i)r.push(e.dim(`  ${f(a)}`));n.dormant.length>i.length&&r.push(e.dim(`  \u2026 and ${n.dormant.length-i.length} more (see --format json)`))}return n.tarball&&(r.push(""),r.push(`tarball: ${f(n.tarball.path)} (${n.tarball.bytes} bytes, SHA-256 ${n.tarball.sha256}, contentSha256 ${n.tarball.contentSha256})`)),y(r.join(`
`))+`
`}function le(t){let e=`${t.file}:${t.line}`;return t.message.startsWith(e)?t.message.slice(e.length).replace(/^:\d+/,"").trimStart():t.message}function A(t){return t.filter(e=>e.level==="error").length}function m(t,e,n){return`${t} ${t===1?e:n??`${e}s`}`}var D={text:(t,e)=>j(t,e.style??O),json:t=>P(t),markdown:(t,e)=>v(t,e.markdown),sarif:(t,e)=>N(t.manifest,e.sarif??{rules:[],rootInRepository:""})};async function J(...t){return(await import("./chunks/pipeline-PJ3CPBTB.js")).runPipeline(...t)}var B=`  --root DIR             project root (default: .); entries and globs are relative to it
  --config FILE          JSON config file (default: shipset.config.json at the root, or "shipset" in package.json)
  --tsconfig FILE        tsconfig for paths/baseUrl (default: tsconfig.json, else jsconfig.json)
  --runtime R            the runtime that starts the entries: ${W.join(", ")}
  --rule NAME=LEVEL      set a rule's level: error, warn or off (repeatable; see shipset rules)
  --deprecated GLOB      files that must never ship (repeatable)
  --include GLOB         extra files to pack (repeatable; default: package.json + lockfile)
  --exclude GLOB         files to leave out (repeatable)
  --stale-ignore WORD    a name part that never makes two files variants (repeatable)
  --python-path DIR      extra Python import root (repeatable)
  --baseline FILE        known findings (written by shipset baseline): reported, not failing
                         (default: .shipset-baseline.json at the root when it exists)
  --format F             output: ${R.join(", ")} (default: text); --json is --format json
  --manifest FILE        also write the manifest JSON to FILE
  --quiet                text output: only the verdict and the error findings
  --cache DIR            keep per-file scan results in DIR and reuse them on the next run`,w={check:{usage:"shipset check <entry...> [options]     check the set reachable from the entries",flags:B},pack:{usage:"shipset pack  <entry...> [options]     check, then write a reproducible tarball of that set",flags:`${B}
  --out FILE             tarball path (default: shipset.tar.gz)
  --prefix DIR           folder inside the tarball`},why:{usage:"shipset why   <file> --entry <entry>   the chains that make a file ship, or why it does not",flags:`  --entry FILE           entry (repeatable; default: package.json main/bin)
  --root DIR             project root (default: .)
  --config FILE          JSON config file
  --format F             text or json`},baseline:{usage:"shipset baseline [entry...] [options]  write the current findings as the baseline",flags:`${B}
  --out FILE             baseline file (default: .shipset-baseline.json at the root)`},rules:{usage:"shipset rules                          each rule, its default level and what it catches",flags:"  --format F             text or json"},help:{usage:"shipset help [command]                 this help, or a command's flags",flags:""},version:{usage:"shipset version                        the version",flags:""}},se=`shipset ${C}: which files will actually run, and are they the right ones?

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
`;function oe(t){let e=w[t];return`Usage: ${e.usage}
${e.flags?`
Options:
${e.flags}
`:""}
Exit codes: 0 clean (warnings allowed), 1 error findings, 2 bad usage or input.
`}var ue=()=>({stdout:process.stdout,stderr:process.stderr,env:process.env,cwd:process.cwd()});async function ie(t,e=ue()){try{return await ce(t,e)}catch(n){let r=Y(n);return r?(e.stderr.write(`shipset: ${L(r.message)}
`),2):(e.stderr.write(`shipset: internal error: ${L(String(n?.message??n))}. Please report this with the command you ran.
`),e.env.SHIPSET_DEBUG&&e.stderr.write(`${y(String(n?.stack).split(`
`).map(f).join(`
`))}
`),2)}}async function ce(t,e){let{values:n,positionals:r}=de(t),[s,...o]=r;if(n.version||s==="version")return e.stdout.write(`${C}
`),0;if(s==="help"){if(o[0]&&!w[o[0]])throw new h(`unknown command '${o[0]}'. Commands: ${Object.keys(w).join(", ")}.`);return e.stdout.write(o[0]?oe(o[0]):se),0}if(!s)return(n.help?e.stdout:e.stderr).write(se),n.help?0:2;if(!w[s])throw new h(`unknown command '${s}'. Commands: ${Object.keys(w).join(", ")} (see shipset --help).`);if(n.help)return e.stdout.write(oe(s)),0;let l=me(n);if(s==="rules")return xe(e,l);let i=z(n.root,e.cwd,"--root"),a=ne(i,n.config!==void 0?{value:n.config,base:e.cwd,source:"--config"}:void 0);if(s==="why"){if(o.length!==1)throw new h("why takes one file: shipset why <file> --entry <entry>.");let{options:d}=U(i,a,n.entry??[],n,e,!1),g=await _(e,n.quiet===!0,()=>J(d,e.cwd)),{explainWhy:T}=await import("./chunks/why-HHMOLMTF.js"),F=T(g,o[0],e.cwd,d.exclude);return e.stdout.write(l==="json"?b(F):be(F.text)),F.ships?0:1}if(n.entry?.length&&o.push(...n.entry),s==="baseline")return $e(i,a,o,n,e);let{options:u,output:c}=U(i,a,o,n,e,s==="pack");c.manifest&&Q(ae(c.manifest,void 0,e,i));let p=await _(e,n.quiet===!0,()=>J(u,e.cwd));return await ye(p,{...c,format:l??c.format},n.quiet===!0,e),p.errorCount>0?1:0}var fe=1e3;async function _(t,e,n,r=fe){if(e||!t.stderr.isTTY||t.env.CI)return n();let s=Date.now(),o=!1,l=()=>{o=!0,t.stderr.write(`\r\x1B[2Kshipset: checking\u2026 ${Math.floor((Date.now()-s)/1e3)} s`)},i,a=setTimeout(()=>{l(),i=setInterval(l,1e3),i.unref()},r);a.unref();try{return await n()}finally{clearTimeout(a),i&&clearInterval(i),o&&t.stderr.write("\r\x1B[2K")}}function de(t){try{return pe({args:t,allowPositionals:!0,strict:!0,options:{root:{type:"string"},config:{type:"string"},tsconfig:{type:"string"},runtime:{type:"string"},rule:{type:"string",multiple:!0},deprecated:{type:"string",multiple:!0},include:{type:"string",multiple:!0},exclude:{type:"string",multiple:!0},"stale-ignore":{type:"string",multiple:!0},"python-path":{type:"string",multiple:!0},baseline:{type:"string"},format:{type:"string"},json:{type:"boolean"},quiet:{type:"boolean"},cache:{type:"string"},manifest:{type:"string"},out:{type:"string"},prefix:{type:"string"},entry:{type:"string",multiple:!0},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}})}catch(e){throw new h(`${e.message.replace(/\. To specify.*$/s,"")}. See shipset --help.`)}}function me(t){if(t.json&&t.format!==void 0&&t.format.toLowerCase()!=="json")throw new h(`--json and --format ${t.format} disagree. Use one of them (--json is --format json).`);if(t.json)return"json";if(t.format===void 0)return;let e=t.format.toLowerCase();if(!R.includes(e))throw new h(`--format: '${t.format}' is not an output format: use ${R.join(", ")}.`);return e}function he(t,e,n,r){let s=(o,l)=>o===void 0?void 0:{value:o,source:l,base:n.cwd};return{entries:t.length?s(t,"entry"):void 0,runtime:s(e.runtime,"--runtime"),tsconfig:s(e.tsconfig,"--tsconfig"),rules:q(e.rule??[],"--rule"),deprecated:s(e.deprecated,"--deprecated"),include:s(e.include,"--include"),exclude:s(e.exclude,"--exclude"),staleIgnore:s(e["stale-ignore"],"--stale-ignore"),pythonPath:s(e["python-path"],"--python-path"),baseline:s(e.baseline,"--baseline"),prefix:s(e.prefix,"--prefix"),tarball:r?s(e.out,"--out"):void 0,manifest:s(e.manifest,"--manifest")}}function U(t,e,n,r,s,o){let l=X(t,[e.layer,he(n,r,s,o)],{cwd:s.cwd,env:s.env,now:s.now??Date.now(),pack:o,notices:e.notices});return r.cache!==void 0&&(l.options.cache=K(r.cache,s.cwd,"--cache")),l}function ge(t,e,n,r=!1){let s=V(n.stdout,n.env);return t==="text"&&r?we(e,s):D[t](e,{style:s,sarif:{rules:Object.values(S),rootInRepository:""}})}function we(t,e){let n=t.manifest,r={...t,manifest:{...n,findings:n.findings.filter(o=>o.level==="error"&&!o.suppressed),notices:[],dormant:[],tarball:null}},[,...s]=j(r,e).split(`
`);return[E(t,e),...s].join(`
`)}async function ye(t,e,n,r){e.manifest&&await M(ae(e.manifest,t,r,t.graph.root),D.json(t)),r.stdout.write(ge(e.format??"text",t,r,n))}function ae(t,e,n,r){return Z(I.resolve(n.cwd,t),e,{label:"--manifest",guarded:[n.cwd,r]})}function be(t){let e=t.endsWith(`
`)?t.slice(0,-1):t;return y(e.split(`
`).map(f).join(`
`))+`
`}async function $e(t,e,n,r,s){let o=r.out!==void 0?H(r.out,s.cwd,"--out",k):I.join(t,k),{options:l}=U(t,e,n,r,s,!1);l.baseline=void 0;let i=await _(s,r.quiet===!0,()=>J(l,s.cwd)),a=ee(i.manifest.findings);await M({path:o,label:"--out",example:".shipset-baseline.json",guarded:[s.cwd,t],displayBase:s.cwd,isOwnOutput:te,notOursText:"an existing file that is not a shipset baseline: writing would overwrite it"},b(a));let u=a.findings.reduce((g,T)=>g+T.count,0),c=I.relative(s.cwd,o)||o,p=i.manifest.findings.filter(g=>!S[g.rule].lowerable).length,d=[`shipset: wrote ${m(u,"finding")} to ${c}. Checks now report them as known and fail only on new ones.`];return o!==I.join(t,k)&&d.push(`Point checks at it: --baseline ${c}, or "baseline" in shipset.config.json.`),p&&d.push(`${m(p,"outside-root finding")} ${p===1?"is":"are"} not in it: ${p===1?"it cannot":"they cannot"} be suppressed; fix ${p===1?"that import":"those imports"}.`),s.stdout.write(d.join(`
`)+`
`),0}function xe(t,e){let n=Object.values(S).map(o=>({name:o.name,defaultLevel:o.defaultLevel,lowerable:o.lowerable,why:o.why,settings:o.settings.map(l=>({key:l.key,flag:l.flag,input:l.input,description:l.description}))}));if(e==="json")return t.stdout.write(b(n)),0;if(e==="markdown")throw new h("shipset rules prints text or json; --format markdown is for check and pack.");let r=Math.max(...n.map(o=>o.name.length)),s=n.map(o=>{let l=`${o.defaultLevel}${o.lowerable?"":" (cannot be lowered)"}`,i=o.settings.map(a=>`
${" ".repeat(r+4)}setting: ${a.flag} (config "${a.key}", input ${a.input}): ${a.description}`).join("");return`  ${o.name.padEnd(r)}  ${l}
${" ".repeat(r+4)}${o.why}${i}`});return t.stdout.write(`Rules (set a level with --rule NAME=LEVEL, input rules, or "rules" in the config):
${s.join(`
`)}
`),0}G(process);process.exitCode=await ie(process.argv.slice(2));
