#!/usr/bin/env node
import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
import{d as S,e as O,f as L,g as C,h as N,i as T,j as P,k as A,l as k,n as E,o as W,p as F,q as M,s as D,t as G,u as J}from"./chunks/chunk-LDH5AJFY.js";import{f as d,g as u,h as g,i as x,p as j}from"./chunks/chunk-6PKKBIGH.js";import $ from"node:path";import{parseArgs as ie}from"node:util";import U from"node:fs";import V from"node:path";var R=10,_=2e4;function B(r,e,t){let n=r.graph,i=n.root,s=[V.resolve(i,e),V.resolve(t,e)],a=s.find(c=>U.existsSync(c))??s[1],o=L(i,a);if(o===void 0)return f(!1,"outside-root",[],`${e} is not under the root ${i}: only files under the root can ship.`);let p=r.manifest.files.find(c=>c.path===o),l=r.excluded.includes(o),h=n.files.has(o);if(p?.reason==="include")return f(!0,"include",[],`${o} ships: an include glob names it (nothing reachable imports it).`);if(p||h&&!l){let c=z(n,o);return n.entries.includes(o)?f(!0,"entry",c,`${o} ships: it is an entry.`):f(!0,"import",c,`${o} ships: ${c.length===1?"one import chain from an entry reaches it":`${te(c.length,"import chain")} from the entries reach it`}.

${I(n,c)}`)}if(l){let c=h?z(n,o):[],K=c.length?`, although it is reachable:

${I(n,c)}`:".",v=C(i,o);if(v){let{reason:Q,fix:Z}=N(o,v),ee=c.length?`

It is reachable:

${I(n,c)}`:"";return f(!1,"excluded",c,`${o} does not ship: ${Q}. ${Z}.${ee}`)}return f(!1,"excluded",c,`${o} does not ship: an exclude glob removes it from the package${K}`)}let b=U.statSync(a,{throwIfNoEntry:!1});if(!b)return f(!1,"missing",[],`${o} does not exist under ${i}. Check the path (it is taken relative to the root, then to the current folder).`);if(n.dormant.includes(o))return f(!1,"dormant",[],`${o} does not ship: it is dormant, no entry (${n.entries.join(", ")}) reaches it. Import it from a reachable file, or name it in include.`);let m=b.isDirectory()?"a folder":"not a source file shipset follows (and no include glob names it)";return f(!1,"not-source",[],`${o} does not ship: it is ${m}. Name it in include to pack it.`)}function f(r,e,t,n){return{ships:r,reason:e,chains:t,text:n}}function te(r,e){return`${r} ${e}${r===1?"":"s"}${r===R?" (the shortest ones)":""}`}function z(r,e){let t=new Map;for(let[o,p]of r.files)for(let l of p.edges){if(l.class!=="file"||!l.target||l.target===o)continue;let h=t.get(l.target)??[];h.includes(o)||h.push(o),t.set(l.target,h)}for(let o of t.values())o.sort(O);let n=new Set(r.entries),i=[],s=[[e]],a=0;for(;s.length&&i.length<R&&a<_;){let o=[];for(let p of s){let l=p[0];if(n.has(l)){if(i.push(p),i.length===R)break;continue}for(let h of t.get(l)??[])if(!p.includes(h)&&(o.push([h,...p]),++a>=_))break}s=o}return i}function I(r,e){return e.map(t=>{let n=[t[t.length-1]];for(let i=t.length-2;i>=0;i--){let s=t[i],a=r.files.get(s)?.edges.filter(l=>l.class==="file"&&l.target===t[i+1]).sort((l,h)=>l.line-h.line)[0],o=a?`${s}:${a.line} (${a.specifier})`:s,p=i===0?", an entry":"";n.push(`${"  ".repeat(t.length-1-i)}imported by ${o}${p}`)}return n.join(`
`)}).join(`

`)}var y=r=>r,ne={red:y,yellow:y,green:y,bold:y,dim:y},w=(r,e)=>t=>`\x1B[${r}m${t}\x1B[${e}m`,re={red:w(31,39),yellow:w(33,39),green:w(32,39),bold:w(1,22),dim:w(2,22)};function H(r,e){return r.isTTY&&!e.NO_COLOR&&e.TERM!=="dumb"?re:ne}function se(r,e){let t=r.manifest,n=`${t.files.length} file(s) ship, ${t.dormant.length} dormant, ${r.errorCount} error(s), ${r.warningCount} warning(s)`;return r.errorCount>0?`${e.red(e.bold("\u2716 shipset: FAIL"))} \u2014 ${n}`:r.warningCount>0?`${e.yellow(e.bold("\u26A0 shipset: PASS with warnings"))} \u2014 ${n}`:`${e.green(e.bold("\u2714 shipset: PASS"))} \u2014 ${n}`}function X(r,e){let t=r.manifest,n=[se(r,e)];n.push(e.dim(`entries: ${t.entries.map(u).join(", ")}`));let i=new Map;for(let s of t.findings){let a=i.get(s.rule)??[];a.push(s),i.set(s.rule,a)}for(let[s,a]of i){n.push(""),n.push(e.bold(`${s} (${a.length})`));for(let o of a){let p=o.level==="error"?e.red("error"):e.yellow("warn ");n.push(`  ${p} ${e.bold(`${u(o.file)}:${o.line}${o.column?`:${o.column}`:""}`)}  ${u(oe(o))}`),o.chain.length>1&&n.push(e.dim(`        via ${o.chain.map(u).join(" \u2192 ")}`))}}if(t.notices.length){n.push(""),n.push(e.bold("notices"));for(let s of t.notices)n.push(`  \u2022 ${u(s)}`)}if(t.dormant.length){n.push("");let s=t.dormant.slice(0,20);n.push(e.bold(`dormant (${t.dormant.length}): not reached from any entry, will not ship`));for(let a of s)n.push(e.dim(`  ${u(a)}`));t.dormant.length>s.length&&n.push(e.dim(`  \u2026 and ${t.dormant.length-s.length} more (see --json)`))}return t.tarball&&(n.push(""),n.push(`tarball: ${u(t.tarball.path)} (${t.tarball.bytes} bytes, sha256 ${t.tarball.sha256})`)),g(n.join(`
`))+`
`}function oe(r){let e=`${r.file}:${r.line}`;return r.message.startsWith(e)?r.message.slice(e.length).replace(/^:\d+/,"").trimStart():r.message}var ae=`shipset ${S}: which files will actually run, and are they the right ones?

Usage:
  shipset check <entry...> [options]     check the set reachable from the entries
  shipset pack  <entry...> [options]     check, then write a reproducible tarball of that set
  shipset why   <file> --entry <entry>   the chains that make a file ship, or why it does not

Options:
  --root DIR             project root (default: .); entries and globs are relative to it
  --tsconfig FILE        tsconfig for paths/baseUrl (default: tsconfig.json, else jsconfig.json)
  --rule NAME=LEVEL      set a rule's level: error, warn or off (repeatable)
  --deprecated GLOB      files that must never ship (repeatable)
  --include GLOB         extra files to pack (repeatable; default: package.json + lockfile)
  --exclude GLOB         files to leave out (repeatable)
  --stale-ignore WORD    a name suffix that never makes two files variants (repeatable)
  --python-path DIR      extra Python import root (repeatable)
  --json                 print the manifest JSON instead of text
  --manifest FILE        also write the manifest JSON to FILE
  --out FILE             tarball path for pack (default: shipset.tar.gz)
  --prefix DIR           folder inside the tarball
  --entry FILE           entry for why (repeatable)
  -h, --help             this help
  -v, --version          the version

With no entry, package.json "main" and "bin" are the entries.
Exit codes: 0 clean (warnings allowed), 1 error findings, 2 bad usage or input.
`,le=()=>({stdout:process.stdout,stderr:process.stderr,env:process.env,cwd:process.cwd()});async function q(r,e=le()){try{return await ce(r,e)}catch(t){return t instanceof d?(e.stderr.write(`shipset: ${x(t.message)}
`),2):(e.stderr.write(`shipset: internal error: ${x(String(t?.message??t))}. Please report this with the command you ran.
`),e.env.SHIPSET_DEBUG&&e.stderr.write(`${g(String(t?.stack).split(`
`).map(u).join(`
`))}
`),2)}}async function ce(r,e){let t=pe(r),{values:n,positionals:i}=t;if(n.version)return e.stdout.write(`${S}
`),0;let[s,...a]=i;if(n.help||!s)return(s||n.help?e.stdout:e.stderr).write(ae),n.help?0:2;if(!["check","pack","why"].includes(s))throw new d(`unknown command '${s}'. Use check, pack or why (see shipset --help).`);let o=D(n.root,e.cwd,"--root");if(s==="why"){if(a.length!==1)throw new d("why takes one file: shipset why <file> --entry <entry>.");let h=Y(o,n.entry??[],n,e,!1),b=await E(h,e.cwd),m=B(b,a[0],e.cwd);return e.stdout.write(n.json?F(m):ue(m.text)),m.ships?0:1}n.entry?.length&&a.push(...n.entry);let p=Y(o,a,n,e,s==="pack");n.manifest&&P(k($.resolve(e.cwd,n.manifest),void 0,{label:"--manifest",guarded:[e.cwd,o]}));let l=await E(p,e.cwd);return await he(l,n,e),l.errorCount>0?1:0}function pe(r){try{return ie({args:r,allowPositionals:!0,strict:!0,options:{root:{type:"string"},tsconfig:{type:"string"},rule:{type:"string",multiple:!0},deprecated:{type:"string",multiple:!0},include:{type:"string",multiple:!0},exclude:{type:"string",multiple:!0},"stale-ignore":{type:"string",multiple:!0},"python-path":{type:"string",multiple:!0},json:{type:"boolean"},manifest:{type:"string"},out:{type:"string"},prefix:{type:"string"},entry:{type:"string",multiple:!0},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}})}catch(e){throw new d(`${e.message.replace(/\. To specify.*$/s,"")}. See shipset --help.`)}}function Y(r,e,t,n,i){let s=J(r,G(r,e,n.cwd,"entry"));if(s.tsconfig=t.tsconfig,s.rules=M(t.rule??[],"--rule"),s.deprecated=t.deprecated??[],s.include=t.include,s.exclude=t.exclude??[],s.staleIgnore=t["stale-ignore"]??[],s.pythonPath=t["python-path"]??[],s.pack=i,i&&(s.sourceDateEpoch=T(n.env.SOURCE_DATE_EPOCH)),t.out!==void 0&&(!t.out.trim()||/[\\/]$/.test(t.out)))throw new d(`--out '${t.out}' is not a file name. Name the tarball file, e.g. --out ${t.out.trim()?$.posix.join(t.out,"shipset.tar.gz"):"shipset.tar.gz"}.`);if(s.tarball=$.resolve(n.cwd,t.out??"shipset.tar.gz"),s.prefix=t.prefix,s.prefix!==void 0&&($.isAbsolute(s.prefix)||s.prefix.split(/[\\/]/).includes("..")))throw new d(`--prefix '${s.prefix}' must be a relative folder without '..'.`);return s}async function he(r,e,t){let n=W(r);e.manifest&&await A(k($.resolve(t.cwd,e.manifest),r,{label:"--manifest",guarded:[t.cwd]}),n),t.stdout.write(e.json?n:X(r,H(t.stdout,t.env)))}function ue(r){let e=r.endsWith(`
`)?r.slice(0,-1):r;return g(e.split(`
`).map(u).join(`
`))+`
`}j(process);process.exitCode=await q(process.argv.slice(2));
