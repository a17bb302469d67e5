import { createServer } from 'node:http';
import { route } from './routes/index.js';
import { log } from '@lib/log.js';

const port = Number(process.env.PORT ?? 3000);
createServer((req, res) => route(req, res)).listen(port, () => log(`shop-api on :${port}`));
