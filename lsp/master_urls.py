from django.urls import path

from . import master_views as v

app_name = "lsp"

urlpatterns = [
    # skema
    path("skema/", v.SkemaListView.as_view(), name="skema-list"),
    path("skema/tambah/", v.SkemaCreateView.as_view(), name="skema-create"),
    path("skema/tambah/dari-berkas/", v.SkemaCreateFromFileView.as_view(), name="skema-create-from-file"),
    path("skema/<int:pk>/", v.SkemaDetailView.as_view(), name="skema-detail"),
    path("skema/<int:pk>/ubah/", v.SkemaUpdateView.as_view(), name="skema-update"),
    path("skema/<int:pk>/status/", v.SkemaStatusView.as_view(), name="skema-status"),
    path("skema/<int:pk>/impor/", v.SkemaImportView.as_view(), name="skema-import"),
    path("skema/impor/templat.<str:fmt>", v.ImportTemplateView.as_view(), name="skema-import-template"),
    # unit → elemen → KUK
    path("skema/<int:pk>/unit/tambah/", v.UnitCreateView.as_view(), name="unit-create"),
    path("unit/<int:pk>/ubah/", v.UnitUpdateView.as_view(), name="unit-update"),
    path("unit/<int:pk>/hapus/", v.UnitDeleteView.as_view(), name="unit-delete"),
    path("unit/<int:pk>/pindah/", v.UnitMoveView.as_view(), name="unit-move"),
    path("unit/<int:pk>/elemen/tambah/", v.ElemenCreateView.as_view(), name="elemen-create"),
    path("elemen/<int:pk>/ubah/", v.ElemenUpdateView.as_view(), name="elemen-update"),
    path("elemen/<int:pk>/hapus/", v.ElemenDeleteView.as_view(), name="elemen-delete"),
    path("elemen/<int:pk>/pindah/", v.ElemenMoveView.as_view(), name="elemen-move"),
    path("elemen/<int:pk>/kuk/tambah/", v.KUKCreateView.as_view(), name="kuk-create"),
    path("kuk/<int:pk>/ubah/", v.KUKUpdateView.as_view(), name="kuk-update"),
    path("kuk/<int:pk>/hapus/", v.KUKDeleteView.as_view(), name="kuk-delete"),
    path("kuk/<int:pk>/pindah/", v.KUKMoveView.as_view(), name="kuk-move"),
    # persyaratan dasar
    path("skema/<int:pk>/persyaratan/tambah/", v.PersyaratanCreateView.as_view(), name="persyaratan-create"),
    path("persyaratan/<int:pk>/ubah/", v.PersyaratanUpdateView.as_view(), name="persyaratan-update"),
    path("persyaratan/<int:pk>/hapus/", v.PersyaratanDeleteView.as_view(), name="persyaratan-delete"),
    path("persyaratan/<int:pk>/pindah/", v.PersyaratanMoveView.as_view(), name="persyaratan-move"),
    # TUK
    path("tuk/", v.TUKListView.as_view(), name="tuk-list"),
    path("tuk/tambah/", v.TUKCreateView.as_view(), name="tuk-create"),
    path("tuk/<int:pk>/ubah/", v.TUKUpdateView.as_view(), name="tuk-update"),
    path("tuk/<int:pk>/status/", v.TUKStatusView.as_view(), name="tuk-status"),
    # LSP profile and audit trail
    path("profil/", v.LspProfileView.as_view(), name="profil"),
    path("profil/logo/", v.lsp_logo, name="profil-logo"),
    path("audit/", v.AuditListView.as_view(), name="audit-list"),
]
