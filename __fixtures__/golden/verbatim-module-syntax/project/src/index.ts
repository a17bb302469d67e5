import { type B } from './b.js';
import type { C } from './c.js';