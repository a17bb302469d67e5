import sys

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


def load():
    return {"title": "svc", "parser": tomllib.__name__}
