import { Queue } from 'bullmq-next';
import { redis } from '../config/redis.js';

export const queue = new Queue('orders', { connection: redis });
