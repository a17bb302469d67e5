# What django.setup() and the first request import by name: the settings module, every
# installed app with its apps/models submodules (admin modules when the admin is installed),
# the middleware classes and the root URLconf.
import importlib
import importlib.util
import os


def _has(name):
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def get_wsgi_application():
    settings = importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    apps = []
    for entry in settings.INSTALLED_APPS:
        parts = entry.split(".")
        if len(parts) > 2 and parts[-2] == "apps" and parts[-1][:1].isupper():
            importlib.import_module(".".join(parts[:-1]))
            entry = ".".join(parts[:-2])
        importlib.import_module(entry)
        apps.append(entry)
    for app in apps:
        for sub in ("apps", "models"):
            if _has(f"{app}.{sub}"):
                importlib.import_module(f"{app}.{sub}")
    if "django.contrib.admin" in settings.INSTALLED_APPS:
        for app in apps:
            if _has(f"{app}.admin"):
                importlib.import_module(f"{app}.admin")
    for path in settings.MIDDLEWARE:
        importlib.import_module(path.rsplit(".", 1)[0])
    importlib.import_module(settings.ROOT_URLCONF)
    return lambda environ, start_response: []
