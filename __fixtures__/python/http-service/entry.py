"""Tiny HTTP service: `python3 entry.py` serves GET /health on 127.0.0.1:$PORT."""
import os

from app.server import serve

if __name__ == "__main__":
    serve(int(os.environ.get("PORT", "8080")))
