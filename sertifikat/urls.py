app_name = "sertifikat"

urlpatterns = []
