"""The public certificate verification (no login), mounted at the site root by ``lsp/urls.py``."""

from django.urls import path

from . import views

app_name = "verifikasi"

urlpatterns = [
    path("verifikasi/", views.verifikasi_cari, name="cari"),
    path("verifikasi/<path:kode>/", views.verifikasi_detail, name="detail"),
    path("api/v1/verifikasi/<path:kode>/", views.verifikasi_api, name="api"),
]
