export function health(res) {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
}
