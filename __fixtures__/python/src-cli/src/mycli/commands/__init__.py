from .greet import greet

COMMANDS = {"greet": greet}


def dispatch(argv):
    return 0 if not argv else COMMANDS[argv[0]](*argv[1:])
