import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import r from"node:path";function o(n,e){return n<e?-1:n>e?1:0}function i(n){return n.split(r.sep).join("/")}function u(n,e){let t=r.relative(n,r.resolve(e));return t===""||t!==".."&&!t.startsWith(".."+r.sep)&&!r.isAbsolute(t)}function l(n,e){let t=r.relative(n,e);if(!(!t||t===".."||t.startsWith(".."+r.sep)||r.isAbsolute(t)))return i(t)}export{o as a,i as b,u as c,l as d};
