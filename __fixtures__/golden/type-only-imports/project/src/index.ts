import type { A } from './a.js';
import { type B } from './b.js';
export type { C } from './c.js';
import { type D, d } from './d.js';
export { type E } from './e.js';
let x: import("./f.js").F;
export const y = d;