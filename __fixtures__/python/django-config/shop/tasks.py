def ship():
    return True
