// The action's CI fixture: two files ship, one is dormant, no findings.
import { greet } from './lib/greet.js';

console.log(greet('shipset'));
