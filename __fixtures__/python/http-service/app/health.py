import importlib

from app import VERSION


def status():
    clock = importlib.import_module("app.clock")
    return {"ok": True, "version": VERSION, "uptime": clock.uptime()}
