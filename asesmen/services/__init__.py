"""Writes of the asesmen app: keyword-only, one transaction each, an audit row for every change, emails
after commit. By stage: ``perencanaan`` (batch, asesi, asesors) and ``persiapan`` (TUK readiness,
FR.MAPA.01/02, impartiality declaration, APL.02 recommendation, consultation, FR.AK.07, FR.AK.01).
Execution (``pelaksanaan``) and decision (``keputusan``) follow. Every public name is importable from here."""

from .perencanaan import (
    jadwal_create,
    jadwal_transition,
    jadwal_update,
    penugasan_add,
    penugasan_remove,
    peserta_add,
    peserta_assign_asesor,
    peserta_move,
    peserta_remove,
)
from .persiapan import (
    ak01_confirm,
    ak01_save,
    konsultasi_confirm,
    konsultasi_save,
    mapa_copy,
    mapa_save,
    penyesuaian_save,
    pernyataan_sign,
    peserta_view_record,
    rekomendasi_save,
    verifikasi_tuk_save,
)

__all__ = [
    "ak01_confirm",
    "ak01_save",
    "jadwal_create",
    "jadwal_transition",
    "jadwal_update",
    "konsultasi_confirm",
    "konsultasi_save",
    "mapa_copy",
    "mapa_save",
    "penugasan_add",
    "penugasan_remove",
    "penyesuaian_save",
    "pernyataan_sign",
    "peserta_add",
    "peserta_assign_asesor",
    "peserta_move",
    "peserta_remove",
    "peserta_view_record",
    "rekomendasi_save",
    "verifikasi_tuk_save",
]
