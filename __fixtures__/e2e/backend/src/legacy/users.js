// Dormant since the move to the orders service; its imports are long gone.
import { pool } from '../config/database.js';
import { db } from '../db.js';

export const users = () => pool.query(db.users);
