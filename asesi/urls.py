app_name = "asesi"

urlpatterns = []
