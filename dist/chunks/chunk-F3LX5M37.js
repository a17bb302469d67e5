import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
var a=Object.create;var s=Object.defineProperty;var g=Object.getOwnPropertyDescriptor;var p=Object.getOwnPropertyNames;var l=Object.getPrototypeOf,u=Object.prototype.hasOwnProperty;var c=(e=>typeof require<"u"?require:typeof Proxy<"u"?new Proxy(e,{get:(n,r)=>(typeof require<"u"?require:n)[r]}):e)(function(e){if(typeof require<"u")return require.apply(this,arguments);throw Error('Dynamic require of "'+e+'" is not supported')});var d=(e,n)=>()=>{try{return n||e((n={exports:{}}).exports,n),n.exports}catch(r){throw n=0,r}};var m=(e,n,r,i)=>{if(n&&typeof n=="object"||typeof n=="function")for(let t of p(n))!u.call(e,t)&&t!==r&&s(e,t,{get:()=>n[t],enumerable:!(i=g(n,t))||i.enumerable});return e};var f=(e,n,r)=>(r=e!=null?a(l(e)):{},m(n||!e||!e.__esModule?s(r,"default",{value:e,enumerable:!0}):r,e));var b=["deprecated","stale","unresolved","unparseable","undeclared","shadowed","dynamic","outside-root","circular"],y=["error","warn","off"],h=["node","tsx","ts-node","bun","node-strip-types"],S=["text","json","markdown","sarif"],o=class extends Error{constructor(n){super(n),this.name="UsageError"}};export{c as a,d as b,f as c,b as d,y as e,h as f,S as g,o as h};
