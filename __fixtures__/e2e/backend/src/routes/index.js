import { health } from './health.js';
import { orders } from './orders.js';

const table = { '/health': health, '/orders': orders };

export function route(req, res) {
  const handler = table[req.url];
  if (!handler) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'not found' }));
    return;
  }
  handler(req, res);
}
