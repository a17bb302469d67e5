from flask import Blueprint

from ..config import Settings

bp = Blueprint("pages", __name__)
DEFAULTS = Settings()
