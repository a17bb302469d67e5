// Dormant, broken: nothing imports it (incident 2).
import { Router } from 'hono';
import db from '../config/database.js';
import redis from '../config/redis.js';
export default new Router(db, redis);
