from django.urls import path

from . import views

app_name = "sertifikat"

urlpatterns = [
    path("", views.SertifikatListView.as_view(), name="sertifikat-list"),
    path("penerbitan/", views.PenerbitanView.as_view(), name="penerbitan"),
    path("sk/<int:pk>/", views.PenerbitanSKView.as_view(), name="sk-terbit"),
    path("impor/", views.SertifikatImporView.as_view(), name="impor"),
    path("laporan-bnsp/", views.LaporanBnspView.as_view(), name="laporan-bnsp"),
    path("saya/", views.SertifikatSayaView.as_view(), name="sertifikat-saya"),
    path("massal/<int:pk>/", views.MassalDetailView.as_view(), name="massal-detail"),
    path("surveilans/", views.SurveilansListView.as_view(), name="surveilans-list"),
    path("surveilans/<int:pk>/unggah/", views.SurveilansUploadView.as_view(), name="surveilans-upload"),
    path("surveilans/<int:pk>/periksa/", views.SurveilansPeriksaView.as_view(), name="surveilans-periksa"),
    path("surveilans/<int:pk>/logbook/", views.SurveilansLogbookView.as_view(), name="surveilans-logbook"),
    path("massal/<int:pk>/zip/", views.MassalZipView.as_view(), name="massal-zip"),
    path("<int:pk>/", views.SertifikatDetailView.as_view(), name="sertifikat-detail"),
    path("<int:pk>/status/", views.SertifikatStatusView.as_view(), name="sertifikat-status"),
    path("<int:pk>/pdf/", views.SertifikatPdfView.as_view(), name="sertifikat-pdf"),
    path("<int:pk>/pdf/ulang/", views.SertifikatPdfRetryView.as_view(), name="sertifikat-pdf-retry"),
    path("<int:pk>/sertifikasi-ulang/", views.SertifikasiUlangView.as_view(), name="sertifikasi-ulang"),
]
