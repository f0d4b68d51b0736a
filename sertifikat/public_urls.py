"""The public certificate verification (no login), mounted at ``/verifikasi/`` by ``lsp/urls.py``."""

from django.urls import path

from . import views

app_name = "verifikasi"

urlpatterns = [
    path("", views.verifikasi_cari, name="cari"),
    path("<path:kode>/", views.verifikasi_detail, name="detail"),
]
