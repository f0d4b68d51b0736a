"""Asesmen pages. Thin: check the role, fetch through a scoped selector, call one service.

By side: ``perencanaan`` (admin LSP: batches, asesi, asesors, calendar, TUK check, MAPA, surat tugas),
``asesor`` ("Jadwal saya" and the asesi paired with the asesor), ``asesi`` (own schedule, .ics, consent)."""

from .asesi import AsesiIcsView, AsesiJadwalView, AsesiKonfirmasiView
from .asesor import (
    AsesorDokumenView,
    AsesorJadwalDetailView,
    AsesorJadwalListView,
    AsesorPesertaView,
    PernyataanView,
)
from .perencanaan import (
    JadwalCreateView,
    JadwalDetailView,
    JadwalListView,
    JadwalTransitionView,
    JadwalUpdateView,
    KalenderView,
    MapaView,
    PenugasanAddView,
    PenugasanRemoveView,
    PesertaAsesorView,
    PesertaMoveView,
    PesertaPilihView,
    PesertaRemoveView,
    SuratTugasView,
    VerifikasiTUKView,
)

__all__ = [
    "AsesiIcsView",
    "AsesiJadwalView",
    "AsesiKonfirmasiView",
    "AsesorDokumenView",
    "AsesorJadwalDetailView",
    "AsesorJadwalListView",
    "AsesorPesertaView",
    "JadwalCreateView",
    "JadwalDetailView",
    "JadwalListView",
    "JadwalTransitionView",
    "JadwalUpdateView",
    "KalenderView",
    "MapaView",
    "PenugasanAddView",
    "PenugasanRemoveView",
    "PernyataanView",
    "PesertaAsesorView",
    "PesertaMoveView",
    "PesertaPilihView",
    "PesertaRemoveView",
    "SuratTugasView",
    "VerifikasiTUKView",
]
