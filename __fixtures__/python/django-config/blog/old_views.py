def index(request):
    return "old"
