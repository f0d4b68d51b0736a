from django.urls import path

from . import master_views

app_name = "lsp"

urlpatterns = [
    path("skema/", master_views.SkemaListView.as_view(), name="skema-list"),
    path("skema/<int:pk>/", master_views.SkemaDetailView.as_view(), name="skema-detail"),
]
