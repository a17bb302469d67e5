class Post:
    pass
