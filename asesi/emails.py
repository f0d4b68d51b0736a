"""The emails of the asesi app: subject, template and context, queued in the outbox (``lsp.notifications``).

Services decide *that* an email goes out (and make the credentials a link carries); this module decides
*what it says*. Texts are written in Indonesian whatever the language of the request that caused them."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lsp.models import LspProfile
from lsp.notifications import notification_send

from . import domain
from .domain import HasilVerifikasi, Status


def _absolute(path: str) -> str:
    return settings.LSP_SITE_URL.rstrip("/") + path


def email_confirmation_send(*, profile, token: str):
    """The link that confirms ``profile.email`` (a credential: wiped from the outbox once sent)."""
    lsp = LspProfile.get().nama
    with translation.override("id"):
        subject = _("Konfirmasi alamat email Anda — %(lsp)s") % {"lsp": lsp}
    return notification_send(
        to=profile.email,
        subject=subject,
        template="asesi/email/konfirmasi.txt",
        secret=True,
        context={
            "nama": profile.nama_lengkap,
            "link": _absolute(reverse("asesi:email-confirm", args=[token])),
            "lsp": lsp,
        },
    )


def activation_send(*, profile, uid: str, token: str):
    """The link to set the first password of an account an admin created (a credential, as above)."""
    lsp = LspProfile.get().nama
    with translation.override("id"):
        subject = _("Aktivasi akun asesi Anda — %(lsp)s") % {"lsp": lsp}
    return notification_send(
        to=profile.email,
        subject=subject,
        template="asesi/email/aktivasi.txt",
        secret=True,
        context={
            "nama": profile.nama_lengkap,
            "username": profile.user.username,
            "link": _absolute(reverse("asesi:aktivasi", args=[uid, token])),
            "lsp": lsp,
        },
    )


def permohonan_status_send(*, permohonan, riwayat):
    """The asesi's email about one status change (once per history row), with the next step and, when
    the application was returned or refused, the requirements that were not met."""
    asesi = permohonan.asesi
    lsp = LspProfile.get().nama
    with translation.override("id"):
        label = str(dict(Status.choices)[riwayat.ke])
        if riwayat.ke == Status.DIPUTUSKAN and permohonan.keputusan:
            label = f"{label}: {permohonan.get_keputusan_display()}"
        subject = _("Status permohonan %(nomor)s: %(status)s") % {"nomor": permohonan.nomor, "status": label}
        langkah = str(domain.LANGKAH_BERIKUTNYA.get(riwayat.ke, ""))
        if riwayat.ke == Status.DIPUTUSKAN and permohonan.keputusan == domain.Keputusan.BK:
            langkah = str(domain.LANGKAH_BELUM_KOMPETEN)
    catatan_persyaratan = []
    if riwayat.ke in (Status.DIKEMBALIKAN, Status.DITOLAK):
        catatan_persyaratan = [
            {"deskripsi": p.deskripsi, "hasil": p.get_hasil_display(), "catatan": p.catatan}
            for p in permohonan.persyaratan.exclude(hasil=HasilVerifikasi.ADA_MEMENUHI)
        ]
    return notification_send(
        to=asesi.email,
        subject=subject,
        template="asesi/email/permohonan_status.txt",
        context={
            "nama": asesi.nama_lengkap,
            "nomor": permohonan.nomor,
            "skema": f"{permohonan.skema.kode} — {permohonan.skema.nama}",
            "status": label,
            "catatan": riwayat.catatan,
            "catatan_persyaratan": catatan_persyaratan,
            "langkah": langkah,
            "link": _absolute(reverse("asesi:permohonan-detail", args=[permohonan.pk])),
            "lsp": lsp,
        },
        key=f"asesi.permohonan-riwayat.{riwayat.pk}",
        user=asesi.user,
        url=permohonan.get_absolute_url(),
    )
