from flask import Flask

from .config import Settings


def create_app():
    app = Flask(__name__, template_folder="templates")
    app.config = Settings()
    from .views import register

    register(app)
    return app
