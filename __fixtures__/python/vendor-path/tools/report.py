import sys

sys.path.append("vendor")

from tinylib.text import shout  # noqa: E402

print(shout("report"))
