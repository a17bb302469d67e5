#!/usr/bin/env node
import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
import{g as u,h as $,i as S,j as k,k as b,l as I,n as E,o as R,p as v,q as j}from"./chunks/chunk-FPF5ESYR.js";import T from"node:fs";import y from"node:path";import{parseArgs as B}from"node:util";import N from"node:fs";import O from"node:path";var x=10,L=2e4;function P(r,e,t){let n=r.graph,i=n.root,s=[O.resolve(i,e),O.resolve(t,e)],a=s.find(h=>N.existsSync(h))??s[1],o=k(i,a);if(o===void 0)return f(!1,"outside-root",[],`${e} is not under the root ${i}: only files under the root can ship.`);let p=r.manifest.files.find(h=>h.path===o),l=r.excluded.includes(o),c=n.files.has(o);if(p?.reason==="include")return f(!0,"include",[],`${o} ships: an include glob names it (nothing reachable imports it).`);if(p||c&&!l){let h=A(n,o);return n.entries.includes(o)?f(!0,"entry",h,`${o} ships: it is an entry.`):f(!0,"import",h,`${o} ships: ${h.length===1?"one import chain from an entry reaches it":`${U(h.length,"import chain")} from the entries reach it`}.

${C(n,h)}`)}if(l){let h=c?A(n,o):[],J=h.length?`, although it is reachable:

${C(n,h)}`:".";return f(!1,"excluded",h,`${o} does not ship: an exclude glob removes it from the package${J}`)}let w=N.statSync(a,{throwIfNoEntry:!1});if(!w)return f(!1,"missing",[],`${o} does not exist under ${i}. Check the path (it is taken relative to the root, then to the current folder).`);if(n.dormant.includes(o))return f(!1,"dormant",[],`${o} does not ship: it is dormant, no entry (${n.entries.join(", ")}) reaches it. Import it from a reachable file, or name it in include.`);let d=w.isDirectory()?"a folder":"not a source file shipset follows (and no include glob names it)";return f(!1,"not-source",[],`${o} does not ship: it is ${d}. Name it in include to pack it.`)}function f(r,e,t,n){return{ships:r,reason:e,chains:t,text:n}}function U(r,e){return`${r} ${e}${r===1?"":"s"}${r===x?" (the shortest ones)":""}`}function A(r,e){let t=new Map;for(let[o,p]of r.files)for(let l of p.edges){if(l.class!=="file"||!l.target||l.target===o)continue;let c=t.get(l.target)??[];c.includes(o)||c.push(o),t.set(l.target,c)}for(let o of t.values())o.sort(S);let n=new Set(r.entries),i=[],s=[[e]],a=0;for(;s.length&&i.length<x&&a<L;){let o=[];for(let p of s){let l=p[0];if(n.has(l)){if(i.push(p),i.length===x)break;continue}for(let c of t.get(l)??[])if(!p.includes(c)&&(o.push([c,...p]),++a>=L))break}s=o}return i}function C(r,e){return e.map(t=>{let n=[t[t.length-1]];for(let i=t.length-2;i>=0;i--){let s=t[i],a=r.files.get(s)?.edges.filter(l=>l.class==="file"&&l.target===t[i+1]).sort((l,c)=>l.line-c.line)[0],o=a?`${s}:${a.line} (${a.specifier})`:s,p=i===0?", an entry":"";n.push(`${"  ".repeat(t.length-1-i)}imported by ${o}${p}`)}return n.join(`
`)}).join(`

`)}var g=r=>r,D={red:g,yellow:g,green:g,bold:g,dim:g},m=(r,e)=>t=>`\x1B[${r}m${t}\x1B[${e}m`,V={red:m(31,39),yellow:m(33,39),green:m(32,39),bold:m(1,22),dim:m(2,22)};function W(r,e){return r.isTTY&&!e.NO_COLOR&&e.TERM!=="dumb"?V:D}function _(r,e){let t=r.manifest,n=`${t.files.length} file(s) ship, ${t.dormant.length} dormant, ${r.errorCount} error(s), ${r.warningCount} warning(s)`;return r.errorCount>0?`${e.red(e.bold("\u2716 shipset: FAIL"))} \u2014 ${n}`:r.warningCount>0?`${e.yellow(e.bold("\u26A0 shipset: PASS with warnings"))} \u2014 ${n}`:`${e.green(e.bold("\u2714 shipset: PASS"))} \u2014 ${n}`}function F(r,e){let t=r.manifest,n=[_(r,e)];n.push(e.dim(`entries: ${t.entries.join(", ")}`));let i=new Map;for(let s of t.findings){let a=i.get(s.rule)??[];a.push(s),i.set(s.rule,a)}for(let[s,a]of i){n.push(""),n.push(e.bold(`${s} (${a.length})`));for(let o of a){let p=o.level==="error"?e.red("error"):e.yellow("warn ");n.push(`  ${p} ${e.bold(`${o.file}:${o.line}${o.column?`:${o.column}`:""}`)}  ${z(o)}`),o.chain.length>1&&n.push(e.dim(`        via ${o.chain.join(" \u2192 ")}`))}}if(t.notices.length){n.push(""),n.push(e.bold("notices"));for(let s of t.notices)n.push(`  \u2022 ${s}`)}if(t.dormant.length){n.push("");let s=t.dormant.slice(0,20);n.push(e.bold(`dormant (${t.dormant.length}): not reached from any entry, will not ship`));for(let a of s)n.push(e.dim(`  ${a}`));t.dormant.length>s.length&&n.push(e.dim(`  \u2026 and ${t.dormant.length-s.length} more (see --json)`))}return t.tarball&&(n.push(""),n.push(`tarball: ${t.tarball.path} (${t.tarball.bytes} bytes, sha256 ${t.tarball.sha256})`)),n.join(`
`)+`
`}function z(r){let e=`${r.file}:${r.line}`;return r.message.startsWith(e)?r.message.slice(e.length).replace(/^:\d+/,"").trimStart():r.message}var X=`shipset ${$}: which files will actually run, and are they the right ones?

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
`,Y=()=>({stdout:process.stdout,stderr:process.stderr,env:process.env,cwd:process.cwd()});async function G(r,e=Y()){try{return await H(r,e)}catch(t){return t instanceof u?(e.stderr.write(`shipset: ${t.message}
`),2):(e.stderr.write(`shipset: internal error: ${t?.message??t}. Please report this with the command you ran.
`),e.env.SHIPSET_DEBUG&&e.stderr.write(`${t?.stack}
`),2)}}async function H(r,e){let t=q(r),{values:n,positionals:i}=t;if(n.version)return e.stdout.write(`${$}
`),0;let[s,...a]=i;if(n.help||!s)return(s||n.help?e.stdout:e.stderr).write(X),n.help?0:2;if(!["check","pack","why"].includes(s))throw new u(`unknown command '${s}'. Use check, pack or why (see shipset --help).`);let o=E(n.root,e.cwd,"--root");if(s==="why"){if(a.length!==1)throw new u("why takes one file: shipset why <file> --entry <entry>.");let c=M(o,n.entry??[],n,e,!1),w=await b(c,e.cwd),d=P(w,a[0],e.cwd);return e.stdout.write(n.json?JSON.stringify(d,null,2)+`
`:d.text.endsWith(`
`)?d.text:d.text+`
`),d.ships?0:1}n.entry?.length&&a.push(...n.entry);let p=M(o,a,n,e,s==="pack"),l=await b(p,e.cwd);return K(l,n,e),l.errorCount>0?1:0}function q(r){try{return B({args:r,allowPositionals:!0,strict:!0,options:{root:{type:"string"},tsconfig:{type:"string"},rule:{type:"string",multiple:!0},deprecated:{type:"string",multiple:!0},include:{type:"string",multiple:!0},exclude:{type:"string",multiple:!0},"stale-ignore":{type:"string",multiple:!0},"python-path":{type:"string",multiple:!0},json:{type:"boolean"},manifest:{type:"string"},out:{type:"string"},prefix:{type:"string"},entry:{type:"string",multiple:!0},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}})}catch(e){throw new u(`${e.message.replace(/\. To specify.*$/s,"")}. See shipset --help.`)}}function M(r,e,t,n,i){let s=v(r,R(r,e,n.cwd,"entry"));if(s.tsconfig=t.tsconfig,s.rules=I(t.rule??[],"--rule"),s.deprecated=t.deprecated??[],s.include=t.include,s.exclude=t.exclude??[],s.staleIgnore=t["stale-ignore"]??[],s.pythonPath=t["python-path"]??[],s.pack=i,t.out!==void 0&&(!t.out.trim()||/[\\/]$/.test(t.out)))throw new u(`--out '${t.out}' is not a file name. Name the tarball file, e.g. --out ${t.out.trim()?y.posix.join(t.out,"shipset.tar.gz"):"shipset.tar.gz"}.`);if(s.tarball=y.resolve(n.cwd,t.out??"shipset.tar.gz"),s.prefix=t.prefix,s.prefix!==void 0&&(y.isAbsolute(s.prefix)||s.prefix.split(/[\\/]/).includes("..")))throw new u(`--prefix '${s.prefix}' must be a relative folder without '..'.`);return s}function K(r,e,t){let n=JSON.stringify(r.manifest,null,2)+`
`;if(e.manifest){let i=y.resolve(t.cwd,e.manifest);try{T.mkdirSync(y.dirname(i),{recursive:!0}),T.writeFileSync(i,n)}catch(s){throw new u(`--manifest: cannot write ${e.manifest}: ${s.message}.`)}}t.stdout.write(e.json?n:F(r,W(t.stdout,t.env)))}j(process);process.exitCode=await G(process.argv.slice(2));
