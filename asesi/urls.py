from django.urls import path

from . import views

app_name = "asesi"

urlpatterns = [
    # public
    path("daftar/", views.DaftarView.as_view(), name="daftar"),
    path("konfirmasi-email/kirim-ulang/", views.email_resend, name="email-resend"),
    path("konfirmasi-email/<str:token>/", views.email_confirm, name="email-confirm"),
    path("aktivasi/<uidb64>/<token>/", views.AktivasiView.as_view(), name="aktivasi"),
    # asesi
    path("profil/", views.ProfilView.as_view(), name="profil"),
    path("permohonan/", views.PermohonanListView.as_view(), name="permohonan-list"),
    path("permohonan/baru/", views.PermohonanCreateView.as_view(), name="permohonan-create"),
    path("permohonan/<int:pk>/", views.PermohonanDetailView.as_view(), name="permohonan-detail"),
    path("permohonan/<int:pk>/ubah/", views.PermohonanUpdateView.as_view(), name="permohonan-update"),
    path("permohonan/<int:pk>/ajukan/", views.PermohonanSubmitView.as_view(), name="permohonan-submit"),
    path("permohonan/<int:pk>/hapus/", views.PermohonanDeleteView.as_view(), name="permohonan-delete"),
    path("permohonan/<int:pk>/dokumen/", views.dokumen_upload, name="dokumen-upload"),
    path("permohonan/<int:pk>/asesmen-mandiri/", views.AsesmenMandiriView.as_view(), name="asesmen-mandiri"),
    path("dokumen/<int:pk>/", views.dokumen_download, name="dokumen-download"),
    path("dokumen/<int:pk>/hapus/", views.DokumenDeleteView.as_view(), name="dokumen-delete"),
    # admin LSP
    path("verifikasi/", views.VerifikasiListView.as_view(), name="verifikasi-list"),
    path("verifikasi/<int:pk>/", views.VerifikasiDetailView.as_view(), name="verifikasi-detail"),
    path("daftar-asesi/", views.AsesiListView.as_view(), name="asesi-list"),
    path("daftar-asesi/baru/", views.AsesiCreateView.as_view(), name="asesi-create"),
    path("daftar-asesi/impor/", views.AsesiImportView.as_view(), name="asesi-import"),
    path("daftar-asesi/impor/contoh.xlsx", views.asesi_import_template, name="asesi-import-template"),
    path("daftar-asesi/<int:pk>/", views.AsesiDetailView.as_view(), name="asesi-detail"),
    path("daftar-asesi/<int:pk>/ubah/", views.AsesiUpdateView.as_view(), name="asesi-update"),
    path(
        "daftar-asesi/<int:pk>/kirim-aktivasi/",
        views.AsesiActivationResendView.as_view(),
        name="asesi-activation-resend",
    ),
]
