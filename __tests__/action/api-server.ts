// A stand-in for the GitHub REST API on 127.0.0.1 (GITHUB_API_URL points here): records every
// request and serves the few endpoints shipset uses, with state that persists across runs.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  authorization?: string;
}

export interface IssueComment {
  id: number;
  body: string;
  html_url: string;
  /** The author; comments the action writes get `viewer`'s REST login. */
  user?: { login: string; type: 'User' | 'Bot' };
}

export interface ApiServerOptions {
  /** Files changed per pull request number. */
  pullFiles?: Record<number, string[]>;
  /** Last-commit date (ISO) per path, for GET /repos/{o}/{r}/commits?path=. */
  commitDates?: Record<string, string>;
  /** Answer comment writes (create/update) with 403, as a read-only token gets. */
  forbidCommentWrites?: boolean;
  /** What GraphQL `viewer { login }` answers (default 'github-actions', as for GITHUB_TOKEN); null: an error. */
  viewerLogin?: string | null;
}

export interface ApiServer {
  url: string;
  requests: RecordedRequest[];
  /** Comments per issue number: what the PR would show. */
  comments: Map<number, IssueComment[]>;
  options: ApiServerOptions;
  close(): Promise<void>;
}

export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const requests: RecordedRequest[] = [];
  const comments = new Map<number, IssueComment[]>();
  let nextId = 1000;

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = raw ? JSON.parse(raw) : undefined;
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body,
        authorization: req.headers.authorization,
      });
      const send = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(data));
      };
      const forbidden = () => send(403, { message: 'Resource not accessible by integration', status: '403' });
      let m: RegExpExecArray | null;

      if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname))) {
        const issue = Number(m[1]);
        const list = comments.get(issue) ?? [];
        if (req.method === 'GET') return send(200, list);
        if (req.method === 'POST') {
          if (options.forbidCommentWrites) return forbidden();
          const viewer = options.viewerLogin === undefined ? 'github-actions' : options.viewerLogin;
          const user =
            viewer === 'github-actions' || viewer === null ? { login: 'github-actions[bot]', type: 'Bot' as const } : { login: viewer, type: 'User' as const };
          const c = { id: nextId++, body: (body as { body: string }).body, html_url: `https://github.test/pull/${issue}#c${nextId}`, user };
          comments.set(issue, [...list, c]);
          return send(201, c);
        }
      }
      if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname)) && req.method === 'PATCH') {
        if (options.forbidCommentWrites) return forbidden();
        const id = Number(m[1]);
        for (const list of comments.values()) {
          const c = list.find((x) => x.id === id);
          if (c) {
            c.body = (body as { body: string }).body;
            return send(200, c);
          }
        }
        return send(404, { message: 'Not Found' });
      }
      if (url.pathname === '/graphql' && req.method === 'POST') {
        const viewer = options.viewerLogin === undefined ? 'github-actions' : options.viewerLogin;
        if (viewer === null) return send(403, { message: 'Resource not accessible by integration' });
        return send(200, { data: { viewer: { login: viewer } } });
      }
      if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/files$/.exec(url.pathname)) && req.method === 'GET') {
        const files = options.pullFiles?.[Number(m[1])] ?? [];
        return send(
          200,
          files.map((filename) => ({ filename, status: 'modified' })),
        );
      }
      if (/^\/repos\/[^/]+\/[^/]+\/commits$/.test(url.pathname) && req.method === 'GET') {
        const date = options.commitDates?.[url.searchParams.get('path') ?? ''];
        return send(200, date ? [{ sha: 'f'.repeat(40), commit: { committer: { date }, author: { date } } }] : []);
      }
      send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    comments,
    options,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
