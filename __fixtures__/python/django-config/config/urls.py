from blog import views

urlpatterns = [("", views.index)]
