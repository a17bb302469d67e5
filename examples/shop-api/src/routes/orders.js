import { priceOf } from '../pricing.js';
import catalog from '../data/catalog.json' with { type: 'json' };

export function orders(_req, res) {
  const lines = catalog.map((item) => ({ ...item, total: priceOf(item.sku, 1) }));
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(lines));
}
