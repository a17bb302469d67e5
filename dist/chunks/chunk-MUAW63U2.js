import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
function u(r,n){let e=n instanceof Error?n.message:String(n),t=a(e);t===void 0&&(t=/Unexpected end of JSON input/.test(e)?r.length:d(r));let s=/Unexpected end/.test(e)?"unexpected end of input":/Unterminated string/.test(e)?"unterminated string":/Bad control character/.test(e)?"control character in a string":/Expected double-quoted property name|Expected property name/.test(e)?"expected a double-quoted property name":/non-whitespace character after JSON/.test(e)?"unexpected text after the JSON value":"unexpected character",o=r.slice(0,t),i=o.split(`
`).length,c=t-(o.lastIndexOf(`
`)+1)+1;return{line:i,column:c,what:s}}function l(r,n){let{line:e,column:t,what:s}=u(r,n);return`line ${e} column ${t}: ${s}`}function a(r){let n=/at position (\d+)/.exec(r);return n?Number(n[1]):void 0}function d(r){let n=s=>{try{return JSON.parse(r.slice(0,s)),!1}catch(o){let i=o.message;if(/Unexpected end of JSON input|Unterminated string/.test(i))return!1;let c=a(i);return c===void 0||c<s}},e=1,t=r.length;if(!n(t))return 0;for(;e<t;){let s=e+t>>>1;n(s)?t=s:e=s+1}return e-1}export{u as a,l as b};
