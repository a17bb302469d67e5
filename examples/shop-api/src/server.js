import { createServer } from 'node:http';
import { route } from './routes/index.js';
import { log } from '#lib/log.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
createServer((req, res) => route(req, res)).listen(port, host, () => log(`shop-api on ${host}:${port}`));
