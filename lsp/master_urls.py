from django.urls import path

from .views import audit, ekspor, imports, libur, nav, pengguna, profil, skema, tuk

app_name = "lsp"

urlpatterns = [
    # skema
    path("skema/", skema.SkemaListView.as_view(), name="skema-list"),
    path("skema/tambah/", skema.SkemaCreateView.as_view(), name="skema-create"),
    path("skema/tambah/dari-berkas/", imports.SkemaCreateFromFileView.as_view(), name="skema-create-from-file"),
    path("skema/<int:pk>/", skema.SkemaDetailView.as_view(), name="skema-detail"),
    path("skema/<int:pk>/ubah/", skema.SkemaUpdateView.as_view(), name="skema-update"),
    path("skema/<int:pk>/status/", skema.SkemaStatusView.as_view(), name="skema-status"),
    path("skema/<int:pk>/impor/", imports.SkemaImportView.as_view(), name="skema-import"),
    path("skema/impor/templat.<str:fmt>", imports.ImportTemplateView.as_view(), name="skema-import-template"),
    # unit → elemen → KUK
    path("skema/<int:pk>/unit/tambah/", skema.UnitCreateView.as_view(), name="unit-create"),
    path("unit/<int:pk>/ubah/", skema.UnitUpdateView.as_view(), name="unit-update"),
    path("unit/<int:pk>/hapus/", skema.UnitDeleteView.as_view(), name="unit-delete"),
    path("unit/<int:pk>/pindah/", skema.UnitMoveView.as_view(), name="unit-move"),
    path("unit/<int:pk>/elemen/tambah/", skema.ElemenCreateView.as_view(), name="elemen-create"),
    path("elemen/<int:pk>/ubah/", skema.ElemenUpdateView.as_view(), name="elemen-update"),
    path("elemen/<int:pk>/hapus/", skema.ElemenDeleteView.as_view(), name="elemen-delete"),
    path("elemen/<int:pk>/pindah/", skema.ElemenMoveView.as_view(), name="elemen-move"),
    path("elemen/<int:pk>/kuk/tambah/", skema.KUKCreateView.as_view(), name="kuk-create"),
    path("kuk/<int:pk>/ubah/", skema.KUKUpdateView.as_view(), name="kuk-update"),
    path("kuk/<int:pk>/hapus/", skema.KUKDeleteView.as_view(), name="kuk-delete"),
    path("kuk/<int:pk>/pindah/", skema.KUKMoveView.as_view(), name="kuk-move"),
    # persyaratan dasar
    path("skema/<int:pk>/persyaratan/tambah/", skema.PersyaratanCreateView.as_view(), name="persyaratan-create"),
    path("persyaratan/<int:pk>/ubah/", skema.PersyaratanUpdateView.as_view(), name="persyaratan-update"),
    path("persyaratan/<int:pk>/hapus/", skema.PersyaratanDeleteView.as_view(), name="persyaratan-delete"),
    path("persyaratan/<int:pk>/pindah/", skema.PersyaratanMoveView.as_view(), name="persyaratan-move"),
    # TUK
    # people and their staff roles
    path("pengguna/", pengguna.UserListView.as_view(), name="user-list"),
    path("pengguna/<int:pk>/peran/", pengguna.UserRolesView.as_view(), name="user-roles"),
    path("tuk/", tuk.TUKListView.as_view(), name="tuk-list"),
    path("tuk/tambah/", tuk.TUKCreateView.as_view(), name="tuk-create"),
    path("tuk/<int:pk>/ubah/", tuk.TUKUpdateView.as_view(), name="tuk-update"),
    path("tuk/<int:pk>/status/", tuk.TUKStatusView.as_view(), name="tuk-status"),
    # the holiday calendar (hari libur nasional, cuti bersama)
    path("libur/", libur.HariLiburListView.as_view(), name="libur-list"),
    path("libur/tambah/", libur.HariLiburCreateView.as_view(), name="libur-create"),
    path("libur/impor/", libur.HariLiburImportView.as_view(), name="libur-import"),
    path("libur/unduh.xlsx", libur.HariLiburXlsxView.as_view(), name="libur-xlsx"),
    path("libur/<int:pk>/ubah/", libur.HariLiburUpdateView.as_view(), name="libur-update"),
    path("libur/<int:pk>/hapus/", libur.HariLiburDeleteView.as_view(), name="libur-delete"),
    # LSP profile and audit trail
    path("profil/", profil.LspProfileView.as_view(), name="profil"),
    path("profil/logo/", profil.lsp_logo, name="profil-logo"),
    path("audit/", audit.AuditListView.as_view(), name="audit-list"),
    # getting around: role homes, search, in-app notifications
    path("beranda/<slug:role>/", nav.RoleHomeView.as_view(), name="role-home"),
    path("cari/", nav.SearchView.as_view(), name="search"),
    path("pemberitahuan/", nav.PemberitahuanListView.as_view(), name="pemberitahuan-list"),
    path("pemberitahuan/baca-semua/", nav.PemberitahuanReadAllView.as_view(), name="pemberitahuan-read-all"),
    path("pemberitahuan/<int:pk>/baca/", nav.PemberitahuanReadView.as_view(), name="pemberitahuan-read"),
    path("audit/ekspor.csv", audit.AuditExportView.as_view(), name="audit-export-csv"),
    # background exports
    path("ekspor/<int:pk>/", ekspor.EksporDetailView.as_view(), name="ekspor-detail"),
    path("ekspor/daftar/<slug:jenis>/", ekspor.DaftarEksporView.as_view(), name="daftar-ekspor"),
    path("ekspor/<int:pk>/unduh/", ekspor.EksporDownloadView.as_view(), name="ekspor-download"),
    path("ekspor/<int:pk>/ulangi/", ekspor.EksporRetryView.as_view(), name="ekspor-retry"),
]
