import time

_START = time.monotonic()


def uptime():
    return round(time.monotonic() - _START, 3)
