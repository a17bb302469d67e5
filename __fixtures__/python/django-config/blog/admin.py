from .models import Post

registered = [Post]
