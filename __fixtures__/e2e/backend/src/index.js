// The service entry: only what this file reaches is deployed.
import { createServer } from 'node:http';
import { route } from './routes/index.js';
import { log } from './lib/log.js';
import settings from './config/settings.json' with { type: 'json' };

const port = Number(process.env.PORT ?? settings.port);
const server = createServer((req, res) => route(req, res));
server.listen(port, '127.0.0.1', () => log(`listening on ${port}`));
