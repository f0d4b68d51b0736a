from django.urls import path

from . import views
from .views import banding

app_name = "asesmen"

urlpatterns = [
    # admin LSP
    path("jadwal/", views.JadwalListView.as_view(), name="jadwal-list"),
    path("jadwal/tambah/", views.JadwalCreateView.as_view(), name="jadwal-create"),
    path("jadwal/kalender/", views.KalenderView.as_view(), name="kalender"),
    path("jadwal/<int:pk>/", views.JadwalDetailView.as_view(), name="jadwal-detail"),
    path("jadwal/<int:pk>/ubah/", views.JadwalUpdateView.as_view(), name="jadwal-update"),
    path("jadwal/<int:pk>/status/", views.JadwalTransitionView.as_view(), name="jadwal-transition"),
    path("jadwal/<int:pk>/asesi/", views.PesertaPilihView.as_view(), name="peserta-pilih"),
    path("jadwal/<int:pk>/asesor/", views.PenugasanAddView.as_view(), name="penugasan-add"),
    path("jadwal/<int:pk>/tuk/", views.VerifikasiTUKView.as_view(), name="verifikasi-tuk"),
    path("jadwal/<int:pk>/mapa/", views.MapaView.as_view(), name="mapa"),
    path("penugasan/<int:pk>/hapus/", views.PenugasanRemoveView.as_view(), name="penugasan-remove"),
    path("penugasan/<int:pk>/surat-tugas.pdf", views.SuratTugasView.as_view(), name="surat-tugas"),
    path("peserta/<int:pk>/asesor/", views.PesertaAsesorView.as_view(), name="peserta-asesor"),
    path("peserta/<int:pk>/keluarkan/", views.PesertaRemoveView.as_view(), name="peserta-remove"),
    path("peserta/<int:pk>/pindah/", views.PesertaMoveView.as_view(), name="peserta-move"),
    # asesor
    path("saya/", views.AsesorJadwalListView.as_view(), name="asesor-jadwal-list"),
    path("saya/jadwal/<int:pk>/", views.AsesorJadwalDetailView.as_view(), name="asesor-jadwal-detail"),
    path("saya/penugasan/<int:pk>/pernyataan/", views.PernyataanView.as_view(), name="pernyataan"),
    path("saya/asesi/<int:pk>/", views.AsesorPesertaView.as_view(), name="asesor-peserta"),
    path("saya/dokumen/<int:pk>/", views.AsesorDokumenView.as_view(), name="asesor-dokumen"),
    # assessment (pelaksanaan): asesor
    path("saya/asesi/<int:pk>/asesmen/", views.RuangKerjaView.as_view(), name="ruang-kerja"),
    path("saya/asesi/<int:pk>/asesmen/kuk/<int:item_pk>/", views.KukSaveView.as_view(), name="kuk-save"),
    path("saya/asesi/<int:pk>/asesmen/butir/<int:item_pk>/", views.JawabanSaveView.as_view(), name="jawaban-save"),
    path("saya/asesi/<int:pk>/asesmen/ttd/", views.AsesorTtdView.as_view(), name="asesor-ttd"),
    path("saya/penugasan/<int:pk>/tinjauan/", views.TinjauanView.as_view(), name="tinjauan"),
    # assessment: admin LSP and everyone involved
    path("rekaman/", views.RekamanListView.as_view(), name="rekaman-list"),
    path("peserta/<int:pk>/rekaman/", views.RekamanRiwayatView.as_view(), name="rekaman-riwayat"),
    path("peserta/<int:pk>/rekaman/koreksi/", views.RekamanKoreksiView.as_view(), name="rekaman-koreksi"),
    path("peserta/<int:pk>/formulir.pdf", views.FormulirPdfView.as_view(), name="formulir-pdf"),
    path("jadwal/<int:pk>/berita-acara/<str:tanggal>.pdf", views.BeritaAcaraView.as_view(), name="berita-acara"),
    path("hasil-kerja/<int:pk>/", views.BuktiKerjaView.as_view(), name="bukti-kerja"),
    path("bank/", views.BankSkemaView.as_view(), name="bank"),
    path("bank/unit/<int:pk>/", views.BankUnitView.as_view(), name="bank-unit"),
    path("bank/unit/<int:pk>/impor/", views.BankImportView.as_view(), name="bank-import"),
    path("bank/butir/<int:pk>/aktif/", views.BankButirToggleView.as_view(), name="bank-butir-toggle"),
    # assessment: asesi
    path("jadwal-saya/<int:pk>/asesmen/", views.AsesiAsesmenView.as_view(), name="asesi-asesmen"),
    path("jadwal-saya/<int:pk>/ujian/", views.UjianView.as_view(), name="asesi-ujian"),
    path("jadwal-saya/<int:pk>/ujian/<int:butir_pk>/", views.UjianJawabView.as_view(), name="asesi-ujian-jawab"),
    # decision (keputusan): FR.AK.05, pleno, SK
    path("saya/penugasan/<int:pk>/laporan/", views.LaporanView.as_view(), name="laporan"),
    path("penugasan/<int:pk>/laporan/", views.LaporanCetakView.as_view(), name="laporan-cetak"),
    path("penugasan/<int:pk>/laporan.pdf", views.LaporanPdfView.as_view(), name="laporan-pdf"),
    path("pleno/", views.PlenoQueueView.as_view(), name="pleno"),
    path("pleno/<int:pk>/", views.PlenoJadwalView.as_view(), name="pleno-jadwal"),
    path("pleno/keputusan/<int:pk>/", views.KeputusanView.as_view(), name="keputusan"),
    path("sk/", views.SKListView.as_view(), name="sk-list"),
    path("sk/<int:pk>/", views.SKDetailView.as_view(), name="sk-detail"),
    path("sk/<int:pk>/ubah/", views.SKUbahView.as_view(), name="sk-ubah"),
    path("sk/<int:pk>/ajukan/", views.SKAjukanView.as_view(), name="sk-ajukan"),
    path("sk/<int:pk>/setujui/", views.SKSetujuiView.as_view(), name="sk-setujui"),
    path("sk/<int:pk>/tolak/", views.SKTolakView.as_view(), name="sk-tolak"),
    path("sk/<int:pk>/sk.pdf", views.SKPdfView.as_view(), name="sk-pdf"),
    # validasi asesmen (FR.VA): validator
    path("validasi/", views.SampelListView.as_view(), name="validasi-list"),
    path("validasi/tarik/", views.SampelCreateView.as_view(), name="validasi-create"),
    path("validasi/<int:pk>/", views.SampelDetailView.as_view(), name="validasi-detail"),
    path("validasi/<int:pk>/sahkan/", views.SampelSahkanView.as_view(), name="validasi-sahkan"),
    path("validasi/<int:pk>/laporan.pdf", views.ValidasiLaporanPdfView.as_view(), name="validasi-pdf"),
    path("validasi/sampel/<int:pk>/", views.ItemDetailView.as_view(), name="validasi-rekaman"),
    path("validasi/sampel/<int:pk>/formulir.pdf", views.ItemFormulirPdfView.as_view(), name="validasi-formulir"),
    path("validasi/sampel/<int:pk>/temuan/", views.TemuanCreateView.as_view(), name="validasi-temuan"),
    path("validasi/sampel/<int:pk>/kesimpulan/", views.KesimpulanView.as_view(), name="validasi-kesimpulan"),
    path("validasi/temuan/<int:pk>/tindak-lanjut/", views.TindakLanjutCreateView.as_view(),
         name="validasi-tindak-lanjut"),
    path("validasi/tindak-lanjut/<int:pk>/tutup/", views.TindakLanjutCloseView.as_view(), name="validasi-tutup"),
    # FR.VA read by the admin LSP (every sample; the report pages above admit them read-only), and the
    # follow-ups an asesor owns (R65)
    path("validasi/semua/", views.SampelAdminListView.as_view(), name="validasi-admin-list"),
    path("saya/tindak-lanjut/", views.TindakLanjutSayaView.as_view(), name="tindak-lanjut-saya"),
    path("saya/tindak-lanjut/<int:pk>/selesai/", views.TindakLanjutSelesaiView.as_view(),
         name="tindak-lanjut-selesai"),
    # asesi
    path("jadwal-saya/", views.AsesiJadwalView.as_view(), name="asesi-jadwal"),
    path("jadwal-saya/<int:pk>/kalender.ics", views.AsesiIcsView.as_view(), name="asesi-ics"),
    path("jadwal-saya/<int:pk>/setuju/", views.AsesiKonfirmasiView.as_view(), name="asesi-konfirmasi"),
    # FR.AK.04 banding: asesi and komite
    path("banding/saya/", banding.BandingSayaView.as_view(), name="banding-saya"),
    path("banding/saya/<int:pk>/", banding.BandingSayaDetailView.as_view(), name="banding-saya-detail"),
    path("banding/ajukan/<int:pk>/", banding.BandingAjukanView.as_view(), name="banding-ajukan"),
    path("banding/", banding.BandingListView.as_view(), name="banding-list"),
    path("banding/<int:pk>/", banding.BandingDetailView.as_view(), name="banding-detail"),
]
