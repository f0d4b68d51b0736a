from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "akun/masuk/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("akun/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("lsp/", include("lsp.master_urls")),
    path("asesi/", include("asesi.urls")),
    path("asesor/", include("asesor.urls")),
    path("asesmen/", include("asesmen.urls")),
    path("sertifikat/", include("sertifikat.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]
