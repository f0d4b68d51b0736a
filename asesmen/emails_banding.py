"""The emails of FR.AK.04 banding (queued in the outbox, ``lsp.notifications``; each also an in-app
notification): the asesi is told the appeal was received and how it was decided. Texts are in
Indonesian whatever the language of the request that caused them."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lsp.models import LspProfile
from lsp.notifications import notification_send

DITERIMA_LSP, DIPUTUSKAN = "diterima_lsp", "diputuskan"


def banding_send(*, banding, jenis: str):
    asesi = banding.permohonan.asesi
    with translation.override("id"):
        if jenis == DITERIMA_LSP:
            subject = _("Banding %(kode)s atas permohonan %(nomor)s sudah kami terima")
        else:
            subject = _("Banding %(kode)s atas permohonan %(nomor)s: %(status)s")
        subject = subject % {"kode": banding.kode, "nomor": banding.permohonan.nomor,
                             "status": banding.get_status_display()}
        status = banding.get_status_display()
    url = reverse("asesmen:banding-saya-detail", args=[banding.pk])
    return notification_send(
        to=asesi.email,
        subject=subject,
        template="asesmen/email/banding.txt",
        context={
            "jenis": jenis, "nama": asesi.nama_lengkap, "kode": banding.kode, "nomor": banding.permohonan.nomor,
            "skema": f"{banding.permohonan.skema.kode} — {banding.permohonan.skema.nama}", "status": status,
            "diterima": banding.status == "diterima", "alasan": banding.alasan_keputusan,
            "link": settings.LSP_SITE_URL.rstrip("/") + url, "lsp": LspProfile.get().nama,
        },
        key=f"asesmen.banding.{banding.pk}.{jenis}",
        user=asesi.user,
        url=url,
    )
