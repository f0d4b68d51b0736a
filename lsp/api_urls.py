"""``/api/``: the REST API v1 (each app's endpoints, registered through ``lsp.api.register_api_urls``), its
OpenAPI schema and the documentation page (Swagger UI served from our own static files: no CDN)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import api

app_name = "api"

urlpatterns = [
    path("v1/skema/", api.SkemaList.as_view(), name="skema-list"),
    path("v1/skema/<int:pk>/", api.SkemaDetail.as_view(), name="skema-detail"),
    *api.api_url_patterns(),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
