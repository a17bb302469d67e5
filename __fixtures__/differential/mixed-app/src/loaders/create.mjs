// createRequire in its usual spellings.
import { createRequire } from 'node:module';
import nodeModule from 'node:module';

const req = createRequire(import.meta.url);
const a = req('./a.cjs');
const b = nodeModule.createRequire(import.meta.url)('./b.cjs');
export const viaCreateRequire = a + b;
