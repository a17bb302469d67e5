import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

from . import health

if TYPE_CHECKING:
    from app.typing_only import Handler  # never shipped: does not exist at run time

try:
    import ujson as fast_json  # optional speed-up
except ImportError:
    fast_json = json


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/health":
            self.send_response(404)
            self.end_headers()
            return
        body = fast_json.dumps(health.status()).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve(port):
    ThreadingHTTPServer(("127.0.0.1", port), _Handler).serve_forever()
