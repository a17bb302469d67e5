# Celery imports `include` modules and each autodiscovered package's tasks module when a
# worker starts; the web process imports none of them.
class Celery:
    def __init__(self, main=None, include=()):
        self.main = main
        self.include = list(include)

    def config_from_object(self, obj, namespace=None):
        self.config = obj

    def autodiscover_tasks(self, packages=(), related_name="tasks"):
        self.discover = [f"{p}.{related_name}" for p in packages]
