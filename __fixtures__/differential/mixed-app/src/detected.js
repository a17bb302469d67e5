// ES module syntax in a .js file with no "type": Node detects it.
import { answer } from './answer.mjs';
export const detected = 'detected:' + answer;
