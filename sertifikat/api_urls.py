"""The public JSON API of the sertifikat app, mounted at ``/api/v1/`` by ``lsp/urls.py``."""

from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("verifikasi/<path:kode>/", views.verifikasi_api, name="verifikasi"),
]
