import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
var cb;
import{c as a,f as o,l as t}from"./chunks/chunk-E2Y5LM6W.js";import{j as s}from"./chunks/chunk-GLYEASKJ.js";import{c as i}from"./chunks/chunk-LA5UMAM4.js";import"./chunks/chunk-M56NFL5E.js";import"./chunks/chunk-G5DMU4IU.js";i(process);var r;try{t(process.env)}catch(e){r=e.message}if(r===void 0){let{run:e}=await import("./chunks/main-J3NKRPSQ.js");await e()}else if(o(r),process.env.GITHUB_STEP_SUMMARY)try{await a.addRaw(s(r)).write()}catch{}
