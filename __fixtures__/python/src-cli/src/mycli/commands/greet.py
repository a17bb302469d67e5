from .. import __version__


def greet(name="world"):
    print(f"hello {name} ({__version__})")
    return 0
