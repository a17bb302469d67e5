import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{a as c,b as d,c as e,d as f}from"./chunk-N5EZR4CE.js";import{b as a}from"./chunk-Y5TH4NP7.js";import"./chunk-2TUBS2AD.js";import{a as b}from"./chunk-RHCEUTHE.js";import"./chunk-FJM6OY2D.js";import"./chunk-Z7OG7CAG.js";import"./chunk-I4VXRH5G.js";import"./chunk-EXCXLJXX.js";import"./chunk-VMRJAS6N.js";import"./chunk-4IN7R7K7.js";export{c as JS_EXTENSIONS,a as RealPaths,d as Resolver,e as isBuiltin,f as matchPathPattern,b as packageNameOf};
