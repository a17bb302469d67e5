import type { ServerResponse } from 'node:http';

export function health(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
}
