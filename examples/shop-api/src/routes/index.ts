import type { IncomingMessage, ServerResponse } from 'node:http';
import { health } from './health.js';
import { orders } from './orders.js';

export function route(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/health') return health(res);
  if (req.url?.startsWith('/orders')) return orders(req, res);
  res.writeHead(404).end();
}
