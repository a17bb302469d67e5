import { json } from '../lib/respond.js';

export const orders = (_req, res) => json(res, 200, { orders: [] });
