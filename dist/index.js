import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{c as a,f as o,l as t}from"./chunks/chunk-HC6PDBNF.js";import{j as s}from"./chunks/chunk-HPSZG2Z4.js";import"./chunks/chunk-ZTSPKI77.js";import{c as i}from"./chunks/chunk-QIQWDIPD.js";import"./chunks/chunk-CCF5JKLN.js";i(process);var r;try{t(process.env)}catch(e){r=e.message}if(r===void 0){let{run:e}=await import("./chunks/main-M6B7NDXU.js");await e()}else if(o(r),process.env.GITHUB_STEP_SUMMARY)try{await a.addRaw(s(r)).write()}catch{}
