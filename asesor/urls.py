from django.urls import path

from . import views

app_name = "asesor"

urlpatterns = [
    path("", views.AsesorListView.as_view(), name="asesor-list"),
    path("ekspor.csv", views.AsesorExportView.as_view(), {"fmt": "csv"}, name="asesor-export-csv"),
    path("ekspor.xlsx", views.AsesorExportView.as_view(), {"fmt": "xlsx"}, name="asesor-export-xlsx"),
    path("tambah/", views.AsesorCreateView.as_view(), name="asesor-create"),
    path("saya/", views.AsesorSayaView.as_view(), name="asesor-saya"),
    path("saya/rekognisi/", views.RekognisiAjukanView.as_view(), name="rekognisi-ajukan"),
    path("saya/riwayat/tambah/", views.RiwayatSayaCreateView.as_view(), name="riwayat-saya-create"),
    path("verifikasi/", views.AntreanView.as_view(), name="antrean"),
    path("rekognisi/<int:pk>/", views.PengajuanDecideView.as_view(), name="pengajuan-detail"),
    path("rekognisi/<int:pk>/batal/", views.PengajuanWithdrawView.as_view(), name="pengajuan-withdraw"),
    path("<int:pk>/", views.AsesorDetailView.as_view(), name="asesor-detail"),
    path("<int:pk>/ubah/", views.AsesorUpdateView.as_view(), name="asesor-update"),
    path("<int:pk>/sertifikat/tambah/", views.SertifikatCreateView.as_view(), name="sertifikat-create"),
    path("<int:pk>/kelayakan/", views.KelayakanView.as_view(), name="kelayakan"),
    path("<int:pk>/rekognisi/", views.RekognisiCreateView.as_view(), name="rekognisi-create"),
    path("<int:pk>/kompetensi/tambah/", views.KompetensiCreateView.as_view(), name="kompetensi-create"),
    path("kompetensi/<int:pk>/ubah/", views.KompetensiUpdateView.as_view(), name="kompetensi-update"),
    path("<int:pk>/riwayat/tambah/", views.RiwayatCreateView.as_view(), name="riwayat-create"),
    path("riwayat/", views.RiwayatEksternalListView.as_view(), name="riwayat-list"),
    path("riwayat/<int:pk>/verifikasi/", views.RiwayatVerifyView.as_view(), name="riwayat-verify"),
    path("<int:pk>/konflik/tambah/", views.KonflikCreateView.as_view(), name="konflik-create"),
    path("dokumen/<slug:kind>/<int:pk>/", views.DokumenView.as_view(), name="dokumen-download"),
    path("diklat/", views.DiklatListView.as_view(), name="diklat-list"),
    path("diklat/tambah/", views.DiklatCreateView.as_view(), name="diklat-create"),
    path("diklat/<int:pk>/", views.DiklatDetailView.as_view(), name="diklat-detail"),
    path("diklat/<int:pk>/ubah/", views.DiklatUpdateView.as_view(), name="diklat-update"),
    path("diklat/<int:pk>/peserta/tambah/", views.PesertaCreateView.as_view(), name="peserta-create"),
    path("peserta/<int:pk>/hasil/", views.PesertaHasilView.as_view(), name="peserta-hasil"),
    path("peserta/<int:pk>/kompeten/", views.PesertaKompetenView.as_view(), name="peserta-kompeten"),
]
