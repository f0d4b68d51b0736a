"""Writes about asesors. Each function takes keyword arguments, validates (errors carry a ``code``), writes
inside one transaction together with its audit row, and sends emails only after commit.

For the asesmen app (these are the only calls it needs):
* ``asesmen_log_record(asesor=, tanggal=, skema=, jumlah_asesi=, sumber_ref=, by=)`` — when an
  assessment is finished; idempotent on ``sumber_ref``.
* ``diklat_peserta_declare_kompeten(peserta=, nomor_registrasi=, nomor_sertifikat=, issued_on=, by=)`` —
  when the komite decides *kompeten* for an asesor candidate (find ``peserta`` with
  ``selectors.peserta_diklat_open_for``).
* ``selectors.asesor_can_assess(...)`` — the scheduling guard (a read, so it lives in selectors).

One module per topic — ``registry`` (asesor profile), ``sertifikat`` (certificates, recognition,
technical competence), ``riwayat`` (assessment log, conflicts of interest), ``rekognisi`` (the asesor's
request for recognition), ``diklat`` (training and participants), ``pengingat`` (reminders) — with every
public name importable from here (``from asesor import services``; ``services.diklat_create(...)``).
"""

from .diklat import (
    diklat_create,
    diklat_peserta_add,
    diklat_peserta_declare_kompeten,
    diklat_peserta_set_hasil,
    diklat_update,
)
from .pengingat import asesor_reminders_send
from .registry import asesor_register, asesor_update
from .rekognisi import pengajuan_rekognisi_decide, pengajuan_rekognisi_submit, pengajuan_rekognisi_withdraw
from .riwayat import asesmen_log_record, konflik_declare, riwayat_eksternal_add, riwayat_verify
from .sertifikat import asesor_recognize, kompetensi_add, kompetensi_update, sertifikat_asesor_record

__all__ = [
    "asesmen_log_record",
    "asesor_recognize",
    "asesor_register",
    "asesor_reminders_send",
    "asesor_update",
    "diklat_create",
    "diklat_peserta_add",
    "diklat_peserta_declare_kompeten",
    "diklat_peserta_set_hasil",
    "diklat_update",
    "kompetensi_add",
    "kompetensi_update",
    "konflik_declare",
    "pengajuan_rekognisi_decide",
    "pengajuan_rekognisi_submit",
    "pengajuan_rekognisi_withdraw",
    "riwayat_eksternal_add",
    "riwayat_verify",
    "sertifikat_asesor_record",
]
