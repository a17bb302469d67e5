class Settings(dict):
    pass
