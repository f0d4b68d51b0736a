"""The email of FR.VA follow-ups (queued in the outbox, ``lsp.notifications``; also an in-app notification):
the asesor of a sampled record is told a follow-up was assigned to them, what it asks and by when, with a
link to their follow-up page (R65). Texts are in Indonesian whatever the language of the request."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lsp.models import LspProfile
from lsp.notifications import notification_send


def tindak_lanjut_ditetapkan_send(*, tindak_lanjut):
    """Inside the caller's transaction: the row and the bell are written with the follow-up, the email is
    sent after commit; idempotent per follow-up."""
    user = tindak_lanjut.penanggung_jawab
    item = tindak_lanjut.temuan.item
    nomor = item.rekaman.peserta.permohonan.nomor
    with translation.override("id"):
        subject = _("Tindak lanjut validasi asesmen %(kode)s untuk permohonan %(nomor)s") % {
            "kode": item.sampel.kode, "nomor": nomor}
    url = reverse("asesmen:tindak-lanjut-saya")
    return notification_send(
        to=user.email,
        subject=subject,
        template="asesmen/email/tindak_lanjut.txt",
        context={
            "nama": str(user), "kode": item.sampel.kode, "nomor": nomor, "uraian": tindak_lanjut.uraian,
            "temuan": tindak_lanjut.temuan.uraian, "batas": tindak_lanjut.batas,
            "link": settings.LSP_SITE_URL.rstrip("/") + url, "lsp": LspProfile.get().nama,
        },
        key=f"asesmen.tindak_lanjut.{tindak_lanjut.pk}.ditetapkan",
        user=user,
        url=url,
    )
