// The action's CI fixture that must fail: the entry imports a file that does not exist.
import { db } from '../config/database.js';

console.log(db);
