class BlogConfig:
    name = "blog"
