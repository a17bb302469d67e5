DEBUG = False
SECRET_KEY = "not-a-secret"
