// Compiled to CommonJS (module node16, no "type"): '#store' runs its "require" target.
import { db } from '#src/db/index.js';
import { save } from '#store';
import type { Cfg } from './types.js';
// Used only as a type: tsc erases this import, so shapes.js never loads.
import { Shape } from './shapes.js';

const cfg: Cfg = { name: 'svc' };
const shape: Shape = { n: 1 };
console.log(db(cfg), save(shape.n));
