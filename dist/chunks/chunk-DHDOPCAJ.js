import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
function n(t){let s=t.split("/");return t.startsWith("@")?s.slice(0,2).join("/"):s[0]}function r(t){let s=t.startsWith("@")?t.slice(1).split("/"):[t];return s.length!==(t.startsWith("@")?2:1)||t.length>214?!1:s.every(e=>e.length>0&&!/^[._]/.test(e)&&!/[~'!()*]/.test(e)&&encodeURIComponent(e)===e)}export{n as a,r as b};
