import { db } from '../db.js';

export const sessions = () => db.sessions;
