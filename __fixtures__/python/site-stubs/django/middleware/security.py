class SecurityMiddleware:
    pass
