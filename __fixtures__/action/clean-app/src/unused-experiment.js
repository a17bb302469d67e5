// Dormant: nothing imports this file, so it must not ship.
import { db } from '../config/database.js';

export const experiment = db;
