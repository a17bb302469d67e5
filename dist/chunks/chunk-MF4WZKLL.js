import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import r from"node:path";function c(t,n){return t<n?-1:t>n?1:0}function u(t){return t.split(r.sep).join("/")}function a(t,n){let e=o(t,n);return e===""||e!==".."&&!e.startsWith(".."+r.sep)&&!r.isAbsolute(e)}function h(t,n){let e=o(t,n);if(!(!e||e===".."||e.startsWith(".."+r.sep)||r.isAbsolute(e)))return u(e)}var i=47,l=/\/\.\.?(?:\/|$)/;function o(t,n){if(r.sep==="/"&&n.startsWith(t)&&s(t)&&s(n)){if(n.length===t.length)return"";if(n.charCodeAt(t.length)===i)return n.slice(t.length+1)}return r.relative(t,n)}function s(t){return t.charCodeAt(0)===i&&t.charCodeAt(t.length-1)!==i&&!t.includes("//")&&!l.test(t)}export{c as a,u as b,a as c,h as d,o as e};
