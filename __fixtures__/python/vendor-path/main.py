import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "vendor"))

import tinylib  # noqa: E402  (found in vendor/ only after the line above)

print(tinylib.shout("hi"))
