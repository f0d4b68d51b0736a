app_name = "asesor"

urlpatterns = []
