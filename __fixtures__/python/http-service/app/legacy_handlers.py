# Dormant: nothing imports it, and its imports are broken. It must not ship.
from app.database import session
import flask
