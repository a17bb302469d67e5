from . import health, pages


def register(app):
    app.register_blueprint(health.bp)
    app.register_blueprint(pages.bp)
