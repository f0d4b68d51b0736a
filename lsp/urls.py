from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .forms import LoginForm
from .pagecache import cached_for_anonymous

urlpatterns = [
    path("", views.home, name="home"),
    # the public certificate verification (no login; the QR target) first: the most requested URLs resolve
    # without walking the others
    path("verifikasi/", include("sertifikat.public_urls")),
    path("api/", include("lsp.api_urls")),  # REST API v1 (incl. /api/v1/verifikasi/<nomor>/), its schema and docs
    path(
        "akun/masuk/",
        cached_for_anonymous(
            auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True)
        ),
        name="login",
    ),
    path("akun/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/kata-sandi/ubah/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("akun/kata-sandi/ubah/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("akun/kata-sandi/lupa/", views.PasswordResetView.as_view(), name="password_reset"),
    path("akun/kata-sandi/lupa/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "akun/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"
    ),
    path("akun/token-api/", views.ApiTokenView.as_view(), name="api_token"),
    path("akun/reset/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("lsp/", include("lsp.master_urls")),
    path("asesi/", include("asesi.urls")),
    path("asesor/", include("asesor.urls")),
    path("asesmen/", include("asesmen.urls")),
    path("sertifikat/", include("sertifikat.urls")),
    path("pengaduan/", include("sertifikat.pengaduan.urls")),  # complaints: public form and tracking, admin handling
    path(settings.ADMIN_URL, admin.site.urls),
]

# a database or storage fault gets a clear 503 page, anything else the plain 500 (lsp/views/errors.py)
handler500 = "lsp.views.errors.server_error"
