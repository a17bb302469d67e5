// Nightly job from the old stack; nothing loads it any more.
import { db } from '../db.js';

export const nightly = () => db.vacuum();
