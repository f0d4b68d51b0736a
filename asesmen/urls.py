app_name = "asesmen"

urlpatterns = []
