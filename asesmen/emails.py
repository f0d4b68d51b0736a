"""The emails of the asesmen app (queued in the outbox, ``lsp.notifications``; sent after commit): the asesi
and the asesor are told when they are scheduled, when the schedule changes and when it is cancelled.
Texts are in Indonesian whatever the language of the request that caused them."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lsp.models import LspProfile
from lsp.notifications import notification_send

DIJADWALKAN, DIUBAH, DIBATALKAN = "dijadwalkan", "diubah", "dibatalkan"


def _absolute(path: str) -> str:
    return settings.LSP_SITE_URL.rstrip("/") + path


def _subject(jenis: str, jadwal) -> str:
    with translation.override("id"):
        return {
            DIJADWALKAN: _("Jadwal uji kompetensi %(kode)s: Anda dijadwalkan"),
            DIUBAH: _("Jadwal uji kompetensi %(kode)s berubah"),
            DIBATALKAN: _("Jadwal uji kompetensi %(kode)s dibatalkan untuk Anda"),
        }[jenis] % {"kode": jadwal.kode}


def _waktu(jadwal) -> str:
    with translation.override("id"):
        mulai, selesai = timezone.localtime(jadwal.mulai), timezone.localtime(jadwal.selesai)
        return f"{date_format(mulai, 'j F Y H:i')} – {date_format(selesai, 'j F Y H:i')}"


def _context(jadwal, jenis, **extra) -> dict:
    return {
        "jenis": jenis,
        "kode": jadwal.kode,
        "skema": f"{jadwal.skema.kode} — {jadwal.skema.nama}",
        "waktu": _waktu(jadwal),
        "tuk": f"{jadwal.tuk.nama}, {jadwal.tuk.alamat}",
        "lsp": LspProfile.get().nama,
        **extra,
    }


def peserta_send(*, peserta, jenis: str, catatan: str = ""):
    """To the asesi of a placement: scheduled (with time, place and asesor), changed, or cancelled."""
    asesi = peserta.permohonan.asesi
    jadwal = peserta.jadwal
    return notification_send(
        to=asesi.email,
        subject=_subject(jenis, jadwal),
        template="asesmen/email/jadwal_asesi.txt",
        context=_context(
            jadwal, jenis, nama=asesi.nama_lengkap, nomor=peserta.permohonan.nomor, catatan=catatan,
            asesor=str(peserta.asesor.user) if peserta.asesor_id else "",
            link=_absolute(reverse("asesmen:asesi-jadwal")),
        ),
    )


def penugasan_send(*, penugasan, jenis: str):
    """To an asesor assigned to a batch (or withdrawn from it)."""
    jadwal = penugasan.jadwal
    user = penugasan.asesor.user
    return notification_send(
        to=user.email,
        subject=_subject(jenis, jadwal),
        template="asesmen/email/jadwal_asesor.txt",
        context=_context(
            jadwal, jenis, nama=str(user), link=_absolute(reverse("asesmen:asesor-jadwal-detail", args=[jadwal.pk]))
        ),
    )


def jadwal_changed_send(*, jadwal, jenis: str, asesi: bool = True):
    """Everyone of a batch: its asesi (unless ``asesi=False``: they are told one by one) and its asesors."""
    if asesi:
        for p in jadwal.peserta.filter(aktif=True).select_related("permohonan__asesi__user", "asesor__user"):
            peserta_send(peserta=p, jenis=jenis)
    for penugasan in jadwal.penugasan.select_related("asesor__user"):
        penugasan_send(penugasan=penugasan, jenis=jenis)
