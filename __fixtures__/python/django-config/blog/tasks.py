def publish():
    return True
