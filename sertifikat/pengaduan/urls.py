from django.urls import path

from . import views

app_name = "pengaduan"

urlpatterns = [
    path("", views.ajukan, name="ajukan"),
    path("terkirim/", views.terkirim, name="terkirim"),
    path("lacak/", views.lacak, name="lacak"),
    path("lacak/<str:kode>/", views.lacak_detail, name="lacak-detail"),
    path("kelola/", views.AdminListView.as_view(), name="admin-list"),
    path("kelola/<int:pk>/", views.AdminDetailView.as_view(), name="admin-detail"),
]
