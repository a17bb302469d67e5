import importlib
import os
import sys

try:
    import tomllib
except ImportError:
    import tomli as tomllib

try:
    import ujson as json
except ModuleNotFoundError:
    import json

if sys.platform == "win32":
    import winreg_helpers  # noqa: F401

PKG = os.environ.get("PLUGIN_PKG", "plugins")
hooks = importlib.import_module(".hooks", PKG)
print(tomllib.__name__, json.__name__, hooks.NAME)
