import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{a as c,b as d,c as e,d as f,e as g}from"./chunk-4NBFY2TK.js";import{b as a}from"./chunk-LX46TLTL.js";import"./chunk-ICFNYGCH.js";import{a as b}from"./chunk-DHDOPCAJ.js";import"./chunk-URTL6EJ7.js";import"./chunk-E6IOXIGZ.js";import"./chunk-LM3H73KP.js";import"./chunk-F4Y5E24J.js";import"./chunk-ATTXFYYV.js";import"./chunk-MF4WZKLL.js";import"./chunk-ZTSPKI77.js";import"./chunk-PY2EUH5I.js";import"./chunk-QIQWDIPD.js";import"./chunk-CCF5JKLN.js";export{c as JS_EXTENSIONS,d as RESOLVER_CONTEXT,a as RealPaths,e as Resolver,f as isBuiltin,g as matchPathPattern,b as packageNameOf};
