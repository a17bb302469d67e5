import { health } from './health.js';
import { orders } from './orders.js';

export function route(req, res) {
  if (req.url === '/health') return health(res);
  if (req.url?.startsWith('/orders')) return orders(req, res);
  res.writeHead(404).end();
}
