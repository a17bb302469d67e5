#!/usr/bin/env node
import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
import{a as P,b,c as N,d as te}from"./chunks/chunk-DWRZJ5W6.js";import{a as z,c as M,f as Q,g as Z,j as ee}from"./chunks/chunk-QLLEPWDG.js";import{m as k,o as q,r as H,v as K,w as O,y as X}from"./chunks/chunk-FSZS6QVF.js";import{a as c,b as y,c as L,i as C}from"./chunks/chunk-GLYEASKJ.js";import{a as v}from"./chunks/chunk-WVGF27H4.js";import"./chunks/chunk-2ES5QTXM.js";import"./chunks/chunk-KR6OVRJ7.js";import"./chunks/chunk-HD6EKX67.js";import"./chunks/chunk-VOWLESEW.js";import{c as G}from"./chunks/chunk-LA5UMAM4.js";import"./chunks/chunk-GJNKO6P3.js";import{d as Y}from"./chunks/chunk-VDG7DKB7.js";import{c as W,d as S,e as m}from"./chunks/chunk-M56NFL5E.js";import"./chunks/chunk-G5DMU4IU.js";import R from"node:path";import{parseArgs as le}from"node:util";var $=t=>t,E={red:$,yellow:$,green:$,bold:$,dim:$},x=(t,e)=>n=>`\x1B[${t}m${n}\x1B[${e}m`,ne={red:x(31,39),yellow:x(33,39),green:x(32,39),bold:x(1,22),dim:x(2,22)};function V(t,e){return t.isTTY&&!e.NO_COLOR&&e.TERM!=="dumb"?ne:E}function I(t,e){let n=t.manifest,r=`${h(n.files.length,"file ships","files ship")}, ${n.dormant.length} dormant, ${h(t.errorCount,"error")}, ${h(t.warningCount,"warning")}`;return t.errorCount>0?`${e.red(e.bold("\u2716 shipset: FAIL"))} \u2014 ${r}`:t.warningCount>0?`${e.yellow(e.bold("\u26A0 shipset: PASS with warnings"))} \u2014 ${r}`:`${e.green(e.bold("\u2714 shipset: PASS"))} \u2014 ${r}`}function j(t,e){let n=t.manifest,r=[I(t,e)];r.push(e.dim(`entries: ${n.entries.map(c).join(", ")}`));let s=new Map,o=n.findings.filter(i=>i.suppressed);for(let i of n.findings){if(i.suppressed)continue;let a=s.get(i.rule)??[];a.push(i),s.set(i.rule,a)}let l=[...s].sort(([i,a],[u,f])=>A(f)-A(a)||f.length-a.length||(i<u?-1:1));for(let[i,a]of l){r.push("");let u=A(a),f=[u?h(u,"error"):"",a.length-u?h(a.length-u,"warning"):""].filter(Boolean).join(", ");r.push(e.bold(`${i} (${f})`));for(let p of[...a].sort((d,g)=>+(d.level!=="error")-+(g.level!=="error"))){let d=p.level==="error"?e.red("error"):e.yellow("warn ");r.push(`  ${d} ${e.bold(`${c(p.file)}:${p.line}${p.column?`:${p.column}`:""}`)}  ${c(ae(p))}`),p.chain.length>1&&r.push(e.dim(`        via ${p.chain.map(c).join(" -> ")}`))}}if(o.length){let i=new Map;for(let a of o)i.set(a.suppressed.by,(i.get(a.suppressed.by)??0)+1);r.push(""),r.push(e.dim(`${h(o.length,"suppressed finding")} (${[...i].map(([a,u])=>`${u} by ${a}`).join(", ")}), listed with their reasons in --format json`))}if(n.notices.length){r.push(""),r.push(e.bold("notices"));for(let i of n.notices)r.push(`  \u2022 ${c(i)}`)}if(n.dormant.length){r.push("");let i=n.dormant.slice(0,20);r.push(e.bold(`dormant (${n.dormant.length}): not reached from any entry, will not ship`));for(let a of i)r.push(e.dim(`  ${c(a)}`));n.dormant.length>i.length&&r.push(e.dim(`  \u2026 and ${n.dormant.length-i.length} more (see --format json)`))}return n.tarball&&(r.push(""),r.push(`tarball: ${c(n.tarball.path)} (${n.tarball.bytes} bytes, SHA-256 ${n.tarball.sha256}, contentSha256 ${n.tarball.contentSha256})`)),y(r.join(`
`))+`
`}function ae(t){let e=`${t.file}:${t.line}`;return t.message.startsWith(e)?t.message.slice(e.length).replace(/^:\d+/,"").trimStart():t.message}function A(t){return t.filter(e=>e.level==="error").length}function h(t,e,n){return`${t} ${t===1?e:n??`${e}s`}`}var D={text:(t,e)=>j(t,e.style??E),json:t=>P(t),markdown:(t,e)=>C(t,e.markdown),sarif:(t,e)=>N(t.manifest,e.sarif??{rules:[],rootInRepository:""})};async function J(...t){return(await import("./chunks/pipeline-3UVVL3QC.js")).runPipeline(...t)}var B=`  --root DIR             project root (default: .); entries and globs are relative to it
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
  --format F             output: ${S.join(", ")} (default: text); --json is --format json
  --manifest FILE        also write the manifest JSON to FILE
  --quiet                text output: only the verdict and the error findings
  --cache DIR            keep per-file scan results in DIR and reuse them on the next run`,w={check:{usage:"shipset check <entry...> [options]     check the set reachable from the entries",flags:B},pack:{usage:"shipset pack  <entry...> [options]     check, then write a reproducible tarball of that set",flags:`${B}
  --out FILE             tarball path (default: shipset.tar.gz)
  --prefix DIR           folder inside the tarball`},why:{usage:"shipset why   <file> --entry <entry>   the chains that make a file ship, or why it does not",flags:`  --entry FILE           entry (repeatable; default: package.json main/bin)
  --root DIR             project root (default: .)
  --config FILE          JSON config file
  --format F             text or json`},baseline:{usage:"shipset baseline [entry...] [options]  write the current findings as the baseline",flags:`${B}
  --out FILE             baseline file (default: .shipset-baseline.json at the root)`},rules:{usage:"shipset rules                          each rule, its default level and what it catches",flags:"  --format F             text or json"},help:{usage:"shipset help [command]                 this help, or a command's flags",flags:""},version:{usage:"shipset version                        the version",flags:""}},re=`shipset ${v}: which files will actually run, and are they the right ones?

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
`}var pe=()=>({stdout:process.stdout,stderr:process.stderr,env:process.env,cwd:process.cwd()});async function oe(t,e=pe()){try{return await ue(t,e)}catch(n){let r=Y(n);return r?(e.stderr.write(`shipset: ${L(r.message)}
`),2):(e.stderr.write(`shipset: internal error: ${L(String(n?.message??n))}. Please report this with the command you ran.
`),e.env.SHIPSET_DEBUG&&e.stderr.write(`${y(String(n?.stack).split(`
`).map(c).join(`
`))}
`),2)}}async function ue(t,e){let{values:n,positionals:r}=ce(t),[s,...o]=r;if(n.version||s==="version")return e.stdout.write(`${v}
`),0;if(s==="help"){if(o[0]&&!w[o[0]])throw new m(`unknown command '${o[0]}'. Commands: ${Object.keys(w).join(", ")}.`);return e.stdout.write(o[0]?se(o[0]):re),0}if(!s)return(n.help?e.stdout:e.stderr).write(re),n.help?0:2;if(!w[s])throw new m(`unknown command '${s}'. Commands: ${Object.keys(w).join(", ")} (see shipset --help).`);if(n.help)return e.stdout.write(se(s)),0;let l=de(n);if(s==="rules")return $e(e,l);let i=X(n.root,e.cwd,"--root"),a=te(i,n.config!==void 0?{value:n.config,base:e.cwd,source:"--config"}:void 0);if(s==="why"){if(o.length!==1)throw new m("why takes one file: shipset why <file> --entry <entry>.");let{options:d}=U(i,a,n.entry??[],n,e,!1),g=await _(e,n.quiet===!0,()=>J(d,e.cwd)),{explainWhy:T}=await import("./chunks/why-LXW6LPQ5.js"),F=T(g,o[0],e.cwd,d.exclude);return e.stdout.write(l==="json"?b(F):ye(F.text)),F.ships?0:1}if(n.entry?.length&&o.push(...n.entry),s==="baseline")return be(i,a,o,n,e);let{options:u,output:f}=U(i,a,o,n,e,s==="pack");f.manifest&&z(ie(f.manifest,void 0,e,i));let p=await _(e,n.quiet===!0,()=>J(u,e.cwd));return await we(p,{...f,format:l??f.format},n.quiet===!0,e),p.errorCount>0?1:0}var fe=1e3;async function _(t,e,n,r=fe){if(e||!t.stderr.isTTY||t.env.CI)return n();let s=Date.now(),o=!1,l=()=>{o=!0,t.stderr.write(`\r\x1B[2Kshipset: checking\u2026 ${Math.floor((Date.now()-s)/1e3)} s`)},i,a=setTimeout(()=>{l(),i=setInterval(l,1e3),i.unref()},r);a.unref();try{return await n()}finally{clearTimeout(a),i&&clearInterval(i),o&&t.stderr.write("\r\x1B[2K")}}function ce(t){try{return le({args:t,allowPositionals:!0,strict:!0,options:{root:{type:"string"},config:{type:"string"},tsconfig:{type:"string"},runtime:{type:"string"},rule:{type:"string",multiple:!0},deprecated:{type:"string",multiple:!0},include:{type:"string",multiple:!0},exclude:{type:"string",multiple:!0},"stale-ignore":{type:"string",multiple:!0},"python-path":{type:"string",multiple:!0},baseline:{type:"string"},format:{type:"string"},json:{type:"boolean"},quiet:{type:"boolean"},cache:{type:"string"},manifest:{type:"string"},out:{type:"string"},prefix:{type:"string"},entry:{type:"string",multiple:!0},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}})}catch(e){throw new m(`${e.message.replace(/\. To specify.*$/s,"")}. See shipset --help.`)}}function de(t){if(t.json&&t.format!==void 0&&t.format.toLowerCase()!=="json")throw new m(`--json and --format ${t.format} disagree. Use one of them (--json is --format json).`);if(t.json)return"json";if(t.format===void 0)return;let e=t.format.toLowerCase();if(!S.includes(e))throw new m(`--format: '${t.format}' is not an output format: use ${S.join(", ")}.`);return e}function me(t,e,n,r){let s=(o,l)=>o===void 0?void 0:{value:o,source:l,base:n.cwd};return{entries:t.length?s(t,"entry"):void 0,runtime:s(e.runtime,"--runtime"),tsconfig:s(e.tsconfig,"--tsconfig"),rules:q(e.rule??[],"--rule"),deprecated:s(e.deprecated,"--deprecated"),include:s(e.include,"--include"),exclude:s(e.exclude,"--exclude"),staleIgnore:s(e["stale-ignore"],"--stale-ignore"),pythonPath:s(e["python-path"],"--python-path"),baseline:s(e.baseline,"--baseline"),prefix:s(e.prefix,"--prefix"),tarball:r?s(e.out,"--out"):void 0,manifest:s(e.manifest,"--manifest")}}function U(t,e,n,r,s,o){let l=K(t,[e.layer,me(n,r,s,o)],{cwd:s.cwd,env:s.env,now:s.now??Date.now(),pack:o,notices:e.notices});return r.cache!==void 0&&(l.options.cache=H(r.cache,s.cwd,"--cache")),l}function he(t,e,n,r=!1){let s=V(n.stdout,n.env);return t==="text"&&r?ge(e,s):D[t](e,{style:s,sarif:{rules:Object.values(k),rootInRepository:""}})}function ge(t,e){let n=t.manifest,r={...t,manifest:{...n,findings:n.findings.filter(o=>o.level==="error"&&!o.suppressed),notices:[],dormant:[],tarball:null}},[,...s]=j(r,e).split(`
`);return[I(t,e),...s].join(`
`)}async function we(t,e,n,r){e.manifest&&await M(ie(e.manifest,t,r,t.graph.root),D.json(t)),r.stdout.write(he(e.format??"text",t,r,n))}function ie(t,e,n,r){return Q(R.resolve(n.cwd,t),e,{label:"--manifest",guarded:[n.cwd,r]})}function ye(t){let e=t.endsWith(`
`)?t.slice(0,-1):t;return y(e.split(`
`).map(c).join(`
`))+`
`}async function be(t,e,n,r,s){let{options:o}=U(t,e,n,r,s,!1);o.baseline=void 0;let l=await _(s,r.quiet===!0,()=>J(o,s.cwd)),i=Z(l.manifest.findings),a=r.out!==void 0?R.resolve(s.cwd,r.out):R.join(t,O);if(r.out!==void 0&&(!r.out.trim()||/[\\/]$/.test(r.out)))throw new m(`--out: '${r.out}' is not a file name. Name the baseline file, e.g. --out ${O}.`);await M({path:a,label:"--out",example:".shipset-baseline.json",guarded:[s.cwd,t],displayBase:s.cwd,isOwnOutput:ee,notOursText:"an existing file that is not a shipset baseline: writing would overwrite it"},b(i));let u=i.findings.reduce((g,T)=>g+T.count,0),f=R.relative(s.cwd,a)||a,p=l.manifest.findings.filter(g=>!k[g.rule].lowerable).length,d=[`shipset: wrote ${h(u,"finding")} to ${f}. Checks now report them as known and fail only on new ones.`];return a!==R.join(t,O)&&d.push(`Point checks at it: --baseline ${f}, or "baseline" in shipset.config.json.`),p&&d.push(`${h(p,"outside-root finding")} ${p===1?"is":"are"} not in it: ${p===1?"it cannot":"they cannot"} be suppressed; fix ${p===1?"that import":"those imports"}.`),s.stdout.write(d.join(`
`)+`
`),0}function $e(t,e){let n=Object.values(k).map(o=>({name:o.name,defaultLevel:o.defaultLevel,lowerable:o.lowerable,why:o.why,settings:o.settings.map(l=>({key:l.key,flag:l.flag,input:l.input,description:l.description}))}));if(e==="json")return t.stdout.write(b(n)),0;if(e==="markdown")throw new m("shipset rules prints text or json; --format markdown is for check and pack.");let r=Math.max(...n.map(o=>o.name.length)),s=n.map(o=>{let l=`${o.defaultLevel}${o.lowerable?"":" (cannot be lowered)"}`,i=o.settings.map(a=>`
${" ".repeat(r+4)}setting: ${a.flag} (config "${a.key}", input ${a.input}): ${a.description}`).join("");return`  ${o.name.padEnd(r)}  ${l}
${" ".repeat(r+4)}${o.why}${i}`});return t.stdout.write(`Rules (set a level with --rule NAME=LEVEL, input rules, or "rules" in the config):
${s.join(`
`)}
`),0}G(process);process.exitCode=await oe(process.argv.slice(2));
