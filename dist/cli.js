#!/usr/bin/env node
import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
import{d,e as $,f as S,g as k,h as b,i as v,k as I,l as R,m as E}from"./chunks/chunk-WRCCNI32.js";import"./chunks/chunk-G5DMU4IU.js";import T from"node:fs";import w from"node:path";import{parseArgs as V}from"node:util";import O from"node:fs";import N from"node:path";var x=10,j=2e4;function C(s,e,t){let n=s.graph,i=n.root,r=[N.resolve(i,e),N.resolve(t,e)],a=r.find(h=>O.existsSync(h))??r[1],o=k(i,a);if(o===void 0)return u(!1,"outside-root",[],`${e} is not under the root ${i}: only files under the root can ship.`);let p=s.manifest.files.find(h=>h.path===o),l=s.excluded.includes(o),c=n.files.has(o);if(p?.reason==="include")return u(!0,"include",[],`${o} ships: an include glob names it (nothing reachable imports it).`);if(p||c&&!l){let h=L(n,o);return n.entries.includes(o)?u(!0,"entry",h,`${o} ships: it is an entry.`):u(!0,"import",h,`${o} ships: ${h.length===1?"one import chain from an entry reaches it":`${J(h.length,"import chain")} from the entries reach it`}.

${A(n,h)}`)}if(l){let h=c?L(n,o):[],G=h.length?`, although it is reachable:

${A(n,h)}`:".";return u(!1,"excluded",h,`${o} does not ship: an exclude glob removes it from the package${G}`)}let y=O.statSync(a,{throwIfNoEntry:!1});if(!y)return u(!1,"missing",[],`${o} does not exist under ${i}. Check the path (it is taken relative to the root, then to the current folder).`);if(n.dormant.includes(o))return u(!1,"dormant",[],`${o} does not ship: it is dormant, no entry (${n.entries.join(", ")}) reaches it. Import it from a reachable file, or name it in include.`);let f=y.isDirectory()?"a folder":"not a source file shipset follows (and no include glob names it)";return u(!1,"not-source",[],`${o} does not ship: it is ${f}. Name it in include to pack it.`)}function u(s,e,t,n){return{ships:s,reason:e,chains:t,text:n}}function J(s,e){return`${s} ${e}${s===1?"":"s"}${s===x?" (the shortest ones)":""}`}function L(s,e){let t=new Map;for(let[o,p]of s.files)for(let l of p.edges){if(l.class!=="file"||!l.target||l.target===o)continue;let c=t.get(l.target)??[];c.includes(o)||c.push(o),t.set(l.target,c)}for(let o of t.values())o.sort(S);let n=new Set(s.entries),i=[],r=[[e]],a=0;for(;r.length&&i.length<x&&a<j;){let o=[];for(let p of r){let l=p[0];if(n.has(l)){if(i.push(p),i.length===x)break;continue}for(let c of t.get(l)??[])if(!p.includes(c)&&(o.push([c,...p]),++a>=j))break}r=o}return i}function A(s,e){return e.map(t=>{let n=[t[t.length-1]];for(let i=t.length-2;i>=0;i--){let r=t[i],a=s.files.get(r)?.edges.filter(l=>l.class==="file"&&l.target===t[i+1]).sort((l,c)=>l.line-c.line)[0],o=a?`${r}:${a.line} (${a.specifier})`:r,p=i===0?", an entry":"";n.push(`${"  ".repeat(t.length-1-i)}imported by ${o}${p}`)}return n.join(`
`)}).join(`

`)}var g=s=>s,U={red:g,yellow:g,green:g,bold:g,dim:g},m=(s,e)=>t=>`\x1B[${s}m${t}\x1B[${e}m`,D={red:m(31,39),yellow:m(33,39),green:m(32,39),bold:m(1,22),dim:m(2,22)};function P(s,e){return s.isTTY&&!("NO_COLOR"in e&&e.NO_COLOR!==void 0)&&e.TERM!=="dumb"?D:U}function _(s,e){let t=s.manifest,n=`${t.files.length} file(s) ship, ${t.dormant.length} dormant, ${s.errorCount} error(s), ${s.warningCount} warning(s)`;return s.errorCount>0?`${e.red(e.bold("\u2716 shipset: FAIL"))} \u2014 ${n}`:s.warningCount>0?`${e.yellow(e.bold("\u26A0 shipset: PASS with warnings"))} \u2014 ${n}`:`${e.green(e.bold("\u2714 shipset: PASS"))} \u2014 ${n}`}function W(s,e){let t=s.manifest,n=[_(s,e)];n.push(e.dim(`entries: ${t.entries.join(", ")}`));let i=new Map;for(let r of t.findings){let a=i.get(r.rule)??[];a.push(r),i.set(r.rule,a)}for(let[r,a]of i){n.push(""),n.push(e.bold(`${r} (${a.length})`));for(let o of a){let p=o.level==="error"?e.red("error"):e.yellow("warn ");n.push(`  ${p} ${e.bold(`${o.file}:${o.line}${o.column?`:${o.column}`:""}`)}  ${o.message}`),o.chain.length>1&&n.push(e.dim(`        via ${o.chain.join(" \u2192 ")}`))}}if(t.notices.length){n.push(""),n.push(e.bold("notices"));for(let r of t.notices)n.push(`  \u2022 ${r}`)}if(t.dormant.length){n.push("");let r=t.dormant.slice(0,20);n.push(e.bold(`dormant (${t.dormant.length}): not reached from any entry, will not ship`));for(let a of r)n.push(e.dim(`  ${a}`));t.dormant.length>r.length&&n.push(e.dim(`  \u2026 and ${t.dormant.length-r.length} more (see --json)`))}return t.tarball&&(n.push(""),n.push(`tarball: ${t.tarball.path} (${t.tarball.bytes} bytes, sha256 ${t.tarball.sha256})`)),n.join(`
`)+`
`}var B=`shipset ${$}: which files will actually run, and are they the right ones?

Usage:
  shipset check <entry...> [options]     check the set reachable from the entries
  shipset pack  <entry...> [options]     check, then write a reproducible tarball of that set
  shipset why   <file> --entry <entry>   the chains that make a file ship, or why it does not

Options:
  --root DIR             project root (default: .); entries and globs are relative to it
  --tsconfig FILE        tsconfig for paths/baseUrl (default: tsconfig.json when present)
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
`,X=()=>({stdout:process.stdout,stderr:process.stderr,env:process.env,cwd:process.cwd()});async function M(s,e=X()){try{return await Y(s,e)}catch(t){return t instanceof d?(e.stderr.write(`shipset: ${t.message}
`),2):(e.stderr.write(`shipset: internal error: ${t?.message??t}. Please report this with the command you ran.
`),e.env.SHIPSET_DEBUG&&e.stderr.write(`${t?.stack}
`),2)}}async function Y(s,e){let t=z(s),{values:n,positionals:i}=t;if(n.version)return e.stdout.write(`${$}
`),0;let[r,...a]=i;if(n.help||!r)return(r||n.help?e.stdout:e.stderr).write(B),n.help?0:2;if(!["check","pack","why"].includes(r))throw new d(`unknown command '${r}'. Use check, pack or why (see shipset --help).`);let o=I(n.root,e.cwd,"--root");if(r==="why"){if(a.length!==1)throw new d("why takes one file: shipset why <file> --entry <entry>.");let c=F(o,n.entry??[],n,e,!1),y=await b(c,e.cwd),f=C(y,a[0],e.cwd);return e.stdout.write(n.json?JSON.stringify(f,null,2)+`
`:f.text.endsWith(`
`)?f.text:f.text+`
`),f.ships?0:1}n.entry?.length&&a.push(...n.entry);let p=F(o,a,n,e,r==="pack"),l=await b(p,e.cwd);return H(l,n,e),l.errorCount>0?1:0}function z(s){try{return V({args:s,allowPositionals:!0,strict:!0,options:{root:{type:"string"},tsconfig:{type:"string"},rule:{type:"string",multiple:!0},deprecated:{type:"string",multiple:!0},include:{type:"string",multiple:!0},exclude:{type:"string",multiple:!0},"stale-ignore":{type:"string",multiple:!0},"python-path":{type:"string",multiple:!0},json:{type:"boolean"},manifest:{type:"string"},out:{type:"string"},prefix:{type:"string"},entry:{type:"string",multiple:!0},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}})}catch(e){throw new d(`${e.message.replace(/\. To specify.*$/s,"")}. See shipset --help.`)}}function F(s,e,t,n,i){let r=E(s,R(s,e,n.cwd,"entry"));if(r.tsconfig=t.tsconfig,r.rules=v(t.rule??[],"--rule"),r.deprecated=t.deprecated??[],r.include=t.include,r.exclude=t.exclude??[],r.staleIgnore=t["stale-ignore"]??[],r.pythonPath=t["python-path"]??[],r.pack=i,r.tarball=w.resolve(n.cwd,t.out??"shipset.tar.gz"),r.prefix=t.prefix,r.prefix!==void 0&&(w.isAbsolute(r.prefix)||r.prefix.split(/[\\/]/).includes("..")))throw new d(`--prefix '${r.prefix}' must be a relative folder without '..'.`);return r}function H(s,e,t){let n=JSON.stringify(s.manifest,null,2)+`
`;if(e.manifest){let i=w.resolve(t.cwd,e.manifest);try{T.mkdirSync(w.dirname(i),{recursive:!0}),T.writeFileSync(i,n)}catch(r){throw new d(`--manifest: cannot write ${e.manifest}: ${r.message}.`)}}t.stdout.write(e.json?n:W(s,P(t.stdout,t.env)))}process.exitCode=await M(process.argv.slice(2));
