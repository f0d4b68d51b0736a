"""The emails of the asesor app: subject, template and context, queued in the outbox (``lsp.notifications``).

Services decide *that* and *to whom* an email goes out; this module decides *what it says*, always in
Indonesian whatever the language of the request that caused it."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lsp.notifications import notification_send

from . import domain


def peserta_kompeten_send(*, peserta, asesor, sertifikat):
    """To a diklat participant declared kompeten: they are now an asesor, with this certificate."""
    with translation.override("id"):
        return notification_send(
            to=peserta.user.email,
            subject=_("Anda dinyatakan kompeten sebagai asesor kompetensi"),
            template="asesor/email/peserta_kompeten.txt",
            context={
                "peserta": peserta, "asesor": asesor, "sertifikat": sertifikat,
                "minimum": settings.LSP_ASESOR_RECOGNITION_MIN,
            },
            key=f"asesor-diklat-kompeten:{peserta.pk}",
            user=peserta.user,
            url=reverse("asesor:asesor-saya"),
        )


def pengingat_send(*, asesor, status, pengingat, penerima):
    """One reminder (certificate expiry or short recognition) to one recipient, once: the key names the
    certificate, the reminder and the recipient. Returns None when it was queued before."""
    kedaluwarsa = pengingat.jenis == domain.JenisPengingat.KEDALUWARSA
    with translation.override("id"):
        subject = (
            _("Sertifikat asesor %(nama)s berakhir dalam %(hari)s hari")
            % {"nama": asesor.user, "hari": status.sisa_hari}
            if kedaluwarsa
            else _("Asesmen %(nama)s belum cukup untuk rekognisi (%(hitungan)s)")
            % {"nama": asesor.user, "hitungan": status.hitungan}
        )
    return notification_send(
        to=penerima.email,
        subject=subject,
        template="asesor/email/pengingat_kedaluwarsa.txt" if kedaluwarsa else "asesor/email/pengingat_rekognisi.txt",
        context={"asesor": asesor, "status": status, "pengingat": pengingat, "penerima": penerima},
        key=f"asesor-pengingat:{status.sertifikat.pk}:{pengingat.key_part}:u{penerima.pk}",
        user=penerima,
        # the asesor reads it on their own page; an admin on the asesor's registry page
        url=reverse("asesor:asesor-saya") if penerima.pk == asesor.user_id
        else reverse("asesor:asesor-detail", args=[asesor.pk]),
    )


def pengajuan_rekognisi_diajukan_send(*, pengajuan, penerima):
    """To an admin LSP: an asesor asks for recognition; the request waits in the asesor queue."""
    with translation.override("id"):
        subject = _("Pengajuan rekognisi dari %(nama)s") % {"nama": pengajuan.asesor.user}
    return notification_send(
        to=penerima.email,
        subject=subject,
        template="asesor/email/pengajuan_rekognisi_diajukan.txt",
        context={"pengajuan": pengajuan, "penerima": penerima, "site_url": settings.LSP_SITE_URL},
        key=f"asesor-rekognisi-diajukan:{pengajuan.pk}:u{penerima.pk}",
    )


def pengajuan_rekognisi_diputuskan_send(*, pengajuan):
    """To the asesor: their recognition request was approved (with the new certificate) or refused."""
    with translation.override("id"):
        subject = (
            _("Rekognisi sertifikat asesor Anda disetujui")
            if pengajuan.status == domain.StatusPengajuan.DISETUJUI
            else _("Pengajuan rekognisi Anda ditolak")
        )
    return notification_send(
        to=pengajuan.asesor.user.email,
        subject=subject,
        template="asesor/email/pengajuan_rekognisi_diputuskan.txt",
        context={"pengajuan": pengajuan, "site_url": settings.LSP_SITE_URL},
        key=f"asesor-rekognisi-diputuskan:{pengajuan.pk}",
    )


def riwayat_eksternal_diajukan_send(*, riwayat, penerima):
    """To an admin LSP: an asesor recorded an assessment for another LSP; its evidence waits for verification."""
    with translation.override("id"):
        subject = _("Asesmen eksternal %(nama)s menunggu verifikasi") % {"nama": riwayat.asesor.user}
    return notification_send(
        to=penerima.email,
        subject=subject,
        template="asesor/email/riwayat_eksternal_diajukan.txt",
        context={"riwayat": riwayat, "penerima": penerima, "site_url": settings.LSP_SITE_URL},
        key=f"asesor-riwayat-diajukan:{riwayat.pk}:u{penerima.pk}",
    )
