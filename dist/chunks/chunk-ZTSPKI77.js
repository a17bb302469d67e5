import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
var r=["error","warn","off"],i=["node","tsx","ts-node","bun","node-strip-types"],e=class extends Error{constructor(n){super(n),this.name="UsageError"}};export{r as a,i as b,e as c};
