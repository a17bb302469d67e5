import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
import{a as c,b as d,c as e,d as f}from"./chunk-2LVUKANB.js";import{b as a}from"./chunk-DDZX2CA4.js";import"./chunk-JFTHE4IL.js";import{a as b}from"./chunk-2ES5QTXM.js";import"./chunk-R2XLOQZY.js";import"./chunk-RMJME5JR.js";import"./chunk-HD6EKX67.js";import"./chunk-GJNKO6P3.js";import"./chunk-FISURYTX.js";import"./chunk-M56NFL5E.js";import"./chunk-G5DMU4IU.js";export{c as JS_EXTENSIONS,a as RealPaths,d as Resolver,e as isBuiltin,f as matchPathPattern,b as packageNameOf};
