#!/usr/bin/env node
import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
import{g as d,h as I,i as $,j as v,k as R,l as O,m as j,n as N,o as L,p as A,q as b,s as x,t as C,v as P,w as T,x as W}from"./chunks/chunk-S6R2O3Z2.js";import y from"node:path";import{parseArgs as te}from"node:util";import F from"node:fs";import M from"node:path";var E=10,D=2e4;function J(r,e,t){let n=r.graph,i=n.root,s=[M.resolve(i,e),M.resolve(t,e)],a=s.find(c=>F.existsSync(c))??s[1],o=R(i,a);if(o===void 0)return u(!1,"outside-root",[],`${e} is not under the root ${i}: only files under the root can ship.`);let p=r.manifest.files.find(c=>c.path===o),l=r.excluded.includes(o),h=n.files.has(o);if(p?.reason==="include")return u(!0,"include",[],`${o} ships: an include glob names it (nothing reachable imports it).`);if(p||h&&!l){let c=G(n,o);return n.entries.includes(o)?u(!0,"entry",c,`${o} ships: it is an entry.`):u(!0,"import",c,`${o} ships: ${c.length===1?"one import chain from an entry reaches it":`${q(c.length,"import chain")} from the entries reach it`}.

${S(n,c)}`)}if(l){let c=h?G(n,o):[],B=c.length?`, although it is reachable:

${S(n,c)}`:".",k=O(i,o);if(k){let{reason:H,fix:X}=j(o,k),Y=c.length?`

It is reachable:

${S(n,c)}`:"";return u(!1,"excluded",c,`${o} does not ship: ${H}. ${X}.${Y}`)}return u(!1,"excluded",c,`${o} does not ship: an exclude glob removes it from the package${B}`)}let w=F.statSync(a,{throwIfNoEntry:!1});if(!w)return u(!1,"missing",[],`${o} does not exist under ${i}. Check the path (it is taken relative to the root, then to the current folder).`);if(n.dormant.includes(o))return u(!1,"dormant",[],`${o} does not ship: it is dormant, no entry (${n.entries.join(", ")}) reaches it. Import it from a reachable file, or name it in include.`);let f=w.isDirectory()?"a folder":"not a source file shipset follows (and no include glob names it)";return u(!1,"not-source",[],`${o} does not ship: it is ${f}. Name it in include to pack it.`)}function u(r,e,t,n){return{ships:r,reason:e,chains:t,text:n}}function q(r,e){return`${r} ${e}${r===1?"":"s"}${r===E?" (the shortest ones)":""}`}function G(r,e){let t=new Map;for(let[o,p]of r.files)for(let l of p.edges){if(l.class!=="file"||!l.target||l.target===o)continue;let h=t.get(l.target)??[];h.includes(o)||h.push(o),t.set(l.target,h)}for(let o of t.values())o.sort(v);let n=new Set(r.entries),i=[],s=[[e]],a=0;for(;s.length&&i.length<E&&a<D;){let o=[];for(let p of s){let l=p[0];if(n.has(l)){if(i.push(p),i.length===E)break;continue}for(let h of t.get(l)??[])if(!p.includes(h)&&(o.push([h,...p]),++a>=D))break}s=o}return i}function S(r,e){return e.map(t=>{let n=[t[t.length-1]];for(let i=t.length-2;i>=0;i--){let s=t[i],a=r.files.get(s)?.edges.filter(l=>l.class==="file"&&l.target===t[i+1]).sort((l,h)=>l.line-h.line)[0],o=a?`${s}:${a.line} (${a.specifier})`:s,p=i===0?", an entry":"";n.push(`${"  ".repeat(t.length-1-i)}imported by ${o}${p}`)}return n.join(`
`)}).join(`

`)}var g=r=>r,K={red:g,yellow:g,green:g,bold:g,dim:g},m=(r,e)=>t=>`\x1B[${r}m${t}\x1B[${e}m`,Q={red:m(31,39),yellow:m(33,39),green:m(32,39),bold:m(1,22),dim:m(2,22)};function U(r,e){return r.isTTY&&!e.NO_COLOR&&e.TERM!=="dumb"?Q:K}function Z(r,e){let t=r.manifest,n=`${t.files.length} file(s) ship, ${t.dormant.length} dormant, ${r.errorCount} error(s), ${r.warningCount} warning(s)`;return r.errorCount>0?`${e.red(e.bold("\u2716 shipset: FAIL"))} \u2014 ${n}`:r.warningCount>0?`${e.yellow(e.bold("\u26A0 shipset: PASS with warnings"))} \u2014 ${n}`:`${e.green(e.bold("\u2714 shipset: PASS"))} \u2014 ${n}`}function _(r,e){let t=r.manifest,n=[Z(r,e)];n.push(e.dim(`entries: ${t.entries.join(", ")}`));let i=new Map;for(let s of t.findings){let a=i.get(s.rule)??[];a.push(s),i.set(s.rule,a)}for(let[s,a]of i){n.push(""),n.push(e.bold(`${s} (${a.length})`));for(let o of a){let p=o.level==="error"?e.red("error"):e.yellow("warn ");n.push(`  ${p} ${e.bold(`${o.file}:${o.line}${o.column?`:${o.column}`:""}`)}  ${ee(o)}`),o.chain.length>1&&n.push(e.dim(`        via ${o.chain.join(" \u2192 ")}`))}}if(t.notices.length){n.push(""),n.push(e.bold("notices"));for(let s of t.notices)n.push(`  \u2022 ${s}`)}if(t.dormant.length){n.push("");let s=t.dormant.slice(0,20);n.push(e.bold(`dormant (${t.dormant.length}): not reached from any entry, will not ship`));for(let a of s)n.push(e.dim(`  ${a}`));t.dormant.length>s.length&&n.push(e.dim(`  \u2026 and ${t.dormant.length-s.length} more (see --json)`))}return t.tarball&&(n.push(""),n.push(`tarball: ${t.tarball.path} (${t.tarball.bytes} bytes, sha256 ${t.tarball.sha256})`)),n.join(`
`)+`
`}function ee(r){let e=`${r.file}:${r.line}`;return r.message.startsWith(e)?r.message.slice(e.length).replace(/^:\d+/,"").trimStart():r.message}var ne=`shipset ${$}: which files will actually run, and are they the right ones?

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
`,re=()=>({stdout:process.stdout,stderr:process.stderr,env:process.env,cwd:process.cwd()});async function z(r,e=re()){try{return await se(r,e)}catch(t){return t instanceof d?(e.stderr.write(`shipset: ${t.message}
`),2):(e.stderr.write(`shipset: internal error: ${t?.message??t}. Please report this with the command you ran.
`),e.env.SHIPSET_DEBUG&&e.stderr.write(`${t?.stack}
`),2)}}async function se(r,e){let t=oe(r),{values:n,positionals:i}=t;if(n.version)return e.stdout.write(`${$}
`),0;let[s,...a]=i;if(n.help||!s)return(s||n.help?e.stdout:e.stderr).write(ne),n.help?0:2;if(!["check","pack","why"].includes(s))throw new d(`unknown command '${s}'. Use check, pack or why (see shipset --help).`);let o=P(n.root,e.cwd,"--root");if(s==="why"){if(a.length!==1)throw new d("why takes one file: shipset why <file> --entry <entry>.");let h=V(o,n.entry??[],n,e,!1),w=await x(h,e.cwd),f=J(w,a[0],e.cwd);return e.stdout.write(n.json?JSON.stringify(f,null,2)+`
`:f.text.endsWith(`
`)?f.text:f.text+`
`),f.ships?0:1}n.entry?.length&&a.push(...n.entry);let p=V(o,a,n,e,s==="pack");n.manifest&&L(b(y.resolve(e.cwd,n.manifest),void 0,{label:"--manifest",guarded:[e.cwd,o]}));let l=await x(p,e.cwd);return await ie(l,n,e),l.errorCount>0?1:0}function oe(r){try{return te({args:r,allowPositionals:!0,strict:!0,options:{root:{type:"string"},tsconfig:{type:"string"},rule:{type:"string",multiple:!0},deprecated:{type:"string",multiple:!0},include:{type:"string",multiple:!0},exclude:{type:"string",multiple:!0},"stale-ignore":{type:"string",multiple:!0},"python-path":{type:"string",multiple:!0},json:{type:"boolean"},manifest:{type:"string"},out:{type:"string"},prefix:{type:"string"},entry:{type:"string",multiple:!0},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}})}catch(e){throw new d(`${e.message.replace(/\. To specify.*$/s,"")}. See shipset --help.`)}}function V(r,e,t,n,i){let s=W(r,T(r,e,n.cwd,"entry"));if(s.tsconfig=t.tsconfig,s.rules=C(t.rule??[],"--rule"),s.deprecated=t.deprecated??[],s.include=t.include,s.exclude=t.exclude??[],s.staleIgnore=t["stale-ignore"]??[],s.pythonPath=t["python-path"]??[],s.pack=i,i&&(s.sourceDateEpoch=N(n.env.SOURCE_DATE_EPOCH)),t.out!==void 0&&(!t.out.trim()||/[\\/]$/.test(t.out)))throw new d(`--out '${t.out}' is not a file name. Name the tarball file, e.g. --out ${t.out.trim()?y.posix.join(t.out,"shipset.tar.gz"):"shipset.tar.gz"}.`);if(s.tarball=y.resolve(n.cwd,t.out??"shipset.tar.gz"),s.prefix=t.prefix,s.prefix!==void 0&&(y.isAbsolute(s.prefix)||s.prefix.split(/[\\/]/).includes("..")))throw new d(`--prefix '${s.prefix}' must be a relative folder without '..'.`);return s}async function ie(r,e,t){let n=JSON.stringify(r.manifest,null,2)+`
`;e.manifest&&await A(b(y.resolve(t.cwd,e.manifest),r,{label:"--manifest",guarded:[t.cwd]}),n),t.stdout.write(e.json?n:_(r,U(t.stdout,t.env)))}I(process);process.exitCode=await z(process.argv.slice(2));
