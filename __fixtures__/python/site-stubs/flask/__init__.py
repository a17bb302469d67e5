class Flask:
    def __init__(self, name, **kwargs):
        self.name = name
        self.blueprints = []

    def register_blueprint(self, bp):
        self.blueprints.append(bp)


class Blueprint:
    def __init__(self, name, import_name):
        self.name = name

    def route(self, rule, **kwargs):
        return lambda f: f
