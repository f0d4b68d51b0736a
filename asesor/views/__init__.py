"""Asesor pages. Thin: check the role, fetch through a scoped selector, call one service.

Admin LSP: the asesor registry (list with filters and export, detail, forms) and the diklat pages.
Asesor: "Profil asesor saya" — the same facts about themselves only.

One module per topic: ``registry`` (list, export, detail, scheduling check, create/update), ``saya`` (the
asesor's own page, document download), ``sertifikat`` (certificates, recognition, technical competence),
``riwayat`` (assessment log, conflicts of interest), ``diklat`` (diklat and participants), ``pengajuan``
(the asesor's recognition request and external assessments, and admin LSP's queue of them)."""

from .diklat import (
    DiklatCreateView,
    DiklatDetailView,
    DiklatListView,
    DiklatUpdateView,
    PesertaCreateView,
    PesertaHasilView,
    PesertaKompetenView,
)
from .pengajuan import (
    AntreanView,
    PengajuanDecideView,
    PengajuanWithdrawView,
    RekognisiAjukanView,
    RiwayatSayaCreateView,
)
from .registry import (
    AsesorCreateView,
    AsesorDetailView,
    AsesorExportView,
    AsesorListView,
    AsesorUpdateView,
    KelayakanView,
)
from .riwayat import KonflikCreateView, RiwayatCreateView, RiwayatEksternalListView, RiwayatVerifyView
from .saya import AsesorSayaView, DokumenView
from .sertifikat import KompetensiCreateView, KompetensiUpdateView, RekognisiCreateView, SertifikatCreateView

__all__ = [
    "AntreanView",
    "AsesorCreateView",
    "AsesorDetailView",
    "AsesorExportView",
    "AsesorListView",
    "AsesorSayaView",
    "AsesorUpdateView",
    "DiklatCreateView",
    "DiklatDetailView",
    "DiklatListView",
    "DiklatUpdateView",
    "DokumenView",
    "KelayakanView",
    "KompetensiCreateView",
    "KompetensiUpdateView",
    "KonflikCreateView",
    "PengajuanDecideView",
    "PengajuanWithdrawView",
    "PesertaCreateView",
    "PesertaHasilView",
    "PesertaKompetenView",
    "RekognisiAjukanView",
    "RekognisiCreateView",
    "RiwayatCreateView",
    "RiwayatSayaCreateView",
    "RiwayatEksternalListView",
    "RiwayatVerifyView",
    "SertifikatCreateView",
]
