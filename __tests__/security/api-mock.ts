// A programmable stand-in for the GitHub API on 127.0.0.1 that counts requests and how many are
// in flight at once, and can answer late or never.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockApi {
  url: string;
  /** Requests received. */
  total: number;
  /** Most requests open at the same time. */
  maxInFlight: number;
  /** Paths (with query) in arrival order. */
  paths: string[];
  close(): Promise<void>;
}

/**
 * `answer` returns the status and JSON body (and optional headers) for a request, or 'hang' to
 * never answer. `delayMs` holds every answer back that long (so concurrency shows).
 */
export async function startMockApi(
  answer: (req: { method: string; path: string; url: URL; body: string }) => { status: number; body: unknown; headers?: Record<string, string> } | 'hang',
  delayMs = 0,
): Promise<MockApi> {
  let inFlight = 0;
  const sockets = new Set<import('node:net').Socket>();
  const api: MockApi = { url: '', total: 0, maxInFlight: 0, paths: [], close: async () => {} };
  const server = http.createServer((req, res) => {
    api.total++;
    inFlight++;
    api.maxInFlight = Math.max(api.maxInFlight, inFlight);
    // Out of flight once: when the answer is sent or the client gives up.
    res.on('close', () => inFlight--);
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      api.paths.push(`${req.method} ${url.pathname}${url.search}`);
      const a = answer({ method: req.method ?? 'GET', path: url.pathname, url, body });
      if (a === 'hang') return; // counted in flight until the client gives up
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(a.status, { 'content-type': 'application/json', ...(a.headers ?? {}) });
        res.end(JSON.stringify(a.body));
      }, delayMs);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return api;
}
