import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
import{d as a,e as b,f as c,g as d,h as e}from"./chunk-GRSE5TPD.js";import"./chunk-UUIYUKVC.js";import"./chunk-5GX2BJHL.js";import"./chunk-UZY5VTTL.js";import"./chunk-F3LX5M37.js";export{a as JS_EXTENSIONS,b as Resolver,c as isBuiltin,e as matchPathPattern,d as packageNameOf};
