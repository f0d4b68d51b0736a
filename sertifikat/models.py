"""Competency certificates (flow step 10, docs/domain.md).

A ``Sertifikat`` keeps what was certified as it stood on the issue day: the holder's name, the skema's
code and name and its units (``units``: ``[{"kode", "judul"}]``), so a later change of the skema or the
profile never rewrites an issued certificate. Numbers come from ``NomorUrut`` (one locked counter row
per kind and year: gapless under concurrent issuing). Writes go through ``sertifikat.services`` only.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lsp.uploads import private_upload_to

from .domain import JenisNomor, StatusPdf, StatusSurveilans, StatusTersimpan, Sumber, status_on


def new_token() -> str:
    """The verification token in the QR code: 16 URL-safe characters, not guessable from the number."""
    return secrets.token_urlsafe(12)


class NomorUrut(models.Model):
    """The last serial given per kind of number and year. Issuing locks this row (``select_for_update``)
    and raises it in the same transaction as the certificate, so a rollback gives the number back and
    two issues at once wait for each other: no gaps, no duplicates, never ``max() + 1``."""

    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisNomor.choices)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    terakhir = models.PositiveIntegerField(_("nomor urut terakhir"), default=0)

    class Meta:
        verbose_name = _("nomor urut")
        verbose_name_plural = _("nomor urut")
        constraints = [
            models.UniqueConstraint(fields=["jenis", "tahun"], name="nomorurut_jenis_tahun_unique"),
            models.CheckConstraint(condition=models.Q(jenis__in=JenisNomor.values), name="nomorurut_jenis_valid"),
        ]

    def __str__(self):
        return f"{self.jenis} {self.tahun}: {self.terakhir}"


class PenerbitanMassal(models.Model):
    """One bulk issue ("terbitkan semua"): its certificates' PDFs are made by the workers, the page polls
    the progress (htmx) and, once every PDF is *siap*, a task packs them into one ZIP."""

    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    jumlah = models.PositiveIntegerField(_("jumlah sertifikat"))
    zip = models.FileField(_("berkas ZIP"), upload_to="sertifikat/zip/", blank=True, max_length=200)
    zip_dibuat_pada = models.DateTimeField(_("ZIP dibuat pada"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("penerbitan massal")
        verbose_name_plural = _("penerbitan massal")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(jumlah__gte=1), name="penerbitanmassal_jumlah_min_1"),
        ]

    def __str__(self):
        return f"{self.pk}: {self.jumlah}"

    def get_absolute_url(self):
        return reverse("sertifikat:massal-detail", args=[self.pk])


class Sertifikat(models.Model):
    """One sertifikat kompetensi."""

    asesi = models.ForeignKey(
        "asesi.AsesiProfile", on_delete=models.PROTECT, related_name="sertifikat", verbose_name=_("asesi")
    )
    permohonan = models.OneToOneField(
        "asesi.Permohonan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sertifikat",
        verbose_name=_("permohonan"),
        help_text=_("Kosong untuk sertifikat lama yang diimpor."),
    )
    skema = models.ForeignKey("lsp.Skema", on_delete=models.PROTECT, related_name="+", verbose_name=_("skema"))
    # as they were on the issue day
    nama_pemegang = models.CharField(_("nama pemegang"), max_length=150)
    skema_kode = models.CharField(_("kode skema"), max_length=50)
    skema_nama = models.CharField(_("nama skema"), max_length=200)
    units = models.JSONField(_("unit kompetensi"), default=list, help_text=_("[{kode, judul}] saat terbit"))

    nomor = models.CharField(_("nomor sertifikat"), max_length=80, unique=True)
    nomor_registrasi = models.CharField(_("nomor registrasi BNSP"), max_length=80, blank=True)
    token = models.CharField(_("token verifikasi"), max_length=32, unique=True, default=new_token, editable=False)
    tanggal_terbit = models.DateField(_("tanggal terbit"), db_index=True)
    berlaku_sampai = models.DateField(_("berlaku sampai"), db_index=True)
    sumber = models.CharField(_("sumber"), max_length=10, choices=Sumber.choices, default=Sumber.TERBIT)

    status = models.CharField(
        _("status"), max_length=10, choices=StatusTersimpan.choices, default=StatusTersimpan.AKTIF, db_index=True
    )
    status_alasan = models.TextField(_("alasan status"), blank=True)
    status_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status_pada = models.DateTimeField(_("status diubah pada"), null=True, blank=True)

    pdf = models.FileField(_("berkas PDF"), upload_to="sertifikat/pdf/", blank=True, max_length=200)
    pdf_status = models.CharField(
        _("status PDF"), max_length=15, choices=StatusPdf.choices, default=StatusPdf.SEDANG_DIBUAT
    )
    pdf_error = models.TextField(_("galat PDF"), blank=True)
    pdf_dibuat_pada = models.DateTimeField(_("PDF dibuat pada"), null=True, blank=True)

    diterbitkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    massal = models.ForeignKey(
        PenerbitanMassal, on_delete=models.SET_NULL, null=True, blank=True, related_name="sertifikat"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("sertifikat kompetensi")
        verbose_name_plural = _("sertifikat kompetensi")
        ordering = ["-tanggal_terbit", "-pk"]
        indexes = [
            # the admin list: newest first, keyset on (tanggal_terbit, id), one index per filter ending in
            # that order (the year filter is a range on the first; the expired ones, listed by expiry, on the
            # berlaku_sampai index with an incremental sort); per holder; expiry reminders
            models.Index(fields=["-tanggal_terbit", "-id"], name="sertifikat_terbaru_idx"),
            models.Index(fields=["status", "-tanggal_terbit", "-id"], name="sertifikat_status_terbaru_idx"),
            models.Index(fields=["asesi", "-tanggal_terbit"], name="sertifikat_asesi_idx"),
            models.Index(fields=["skema", "-tanggal_terbit", "-id"], name="sertifikat_skema_terbaru_idx"),
            models.Index(fields=["pdf_status", "-tanggal_terbit", "-id"], name="sertifikat_pdf_terbaru_idx"),
            models.Index(Upper("nomor"), name="sertifikat_nomor_upper_idx"),
            # the PDF sweep (services.pdf_due): only the few rows still waiting for their PDF
            models.Index(
                fields=["created_at"], condition=models.Q(pdf_status=StatusPdf.SEDANG_DIBUAT),
                name="sertifikat_pdf_menunggu_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["nomor_registrasi"], condition=~models.Q(nomor_registrasi=""),
                name="sertifikat_registrasi_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(berlaku_sampai__gt=models.F("tanggal_terbit")),
                name="sertifikat_berlaku_after_terbit",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=StatusTersimpan.values), name="sertifikat_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(pdf_status__in=StatusPdf.values), name="sertifikat_pdf_status_valid"
            ),
            models.CheckConstraint(condition=models.Q(sumber__in=Sumber.values), name="sertifikat_sumber_valid"),
            # suspended / revoked: recorded with reason, who and when
            models.CheckConstraint(
                condition=models.Q(status=StatusTersimpan.AKTIF)
                | (~models.Q(status_alasan="") & models.Q(status_pada__isnull=False)),
                name="sertifikat_status_beralasan",
            ),
            models.CheckConstraint(
                condition=~models.Q(pdf_status=StatusPdf.SIAP) | ~models.Q(pdf=""),
                name="sertifikat_pdf_siap_ada_berkas",
            ),
            models.CheckConstraint(
                condition=~models.Q(pdf_status=StatusPdf.GAGAL) | ~models.Q(pdf_error=""),
                name="sertifikat_pdf_gagal_ada_galat",
            ),
            # issued from a decision ⇔ linked to its application
            models.CheckConstraint(
                condition=models.Q(sumber=Sumber.IMPOR) | models.Q(permohonan__isnull=False),
                name="sertifikat_terbit_dari_permohonan",
            ),
        ]

    def __str__(self):
        return self.nomor

    def get_absolute_url(self):
        return reverse("sertifikat:sertifikat-detail", args=[self.pk])

    def get_verification_path(self):
        return reverse("verifikasi:detail", args=[self.token])

    def status_on(self, today) -> str:
        return status_on(status=self.status, berlaku_sampai=self.berlaku_sampai, today=today)


class SertifikatRiwayat(models.Model):
    """One suspension, revocation or reinstatement: who, when, why (ISO/IEC 17024 §9.5)."""

    sertifikat = models.ForeignKey(Sertifikat, on_delete=models.CASCADE, related_name="riwayat")
    dari = models.CharField(_("dari"), max_length=10, choices=StatusTersimpan.choices)
    ke = models.CharField(_("ke"), max_length=10, choices=StatusTersimpan.choices)
    alasan = models.TextField(_("alasan"))
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat status sertifikat")
        verbose_name_plural = _("riwayat status sertifikat")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(alasan=""), name="sertifikatriwayat_alasan_diisi"),
        ]

    def __str__(self):
        return f"{self.sertifikat_id}: {self.dari} → {self.ke}"


class PengingatTerkirim(models.Model):
    """A reminder before expiry that was sent (once per certificate and threshold)."""

    sertifikat = models.ForeignKey(Sertifikat, on_delete=models.CASCADE, related_name="pengingat")
    hari = models.PositiveSmallIntegerField(_("ambang (hari)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pengingat terkirim")
        verbose_name_plural = _("pengingat terkirim")
        constraints = [
            models.UniqueConstraint(fields=["sertifikat", "hari"], name="pengingat_sekali_per_ambang"),
        ]

    def __str__(self):
        return f"{self.sertifikat_id} H-{self.hari}"


# The admin's surveillance queue order: logbooks waiting for review (*diunggah*) first, then those still awaited
# (*menunggu*, *ditolak*), each by due day. One expression for the index and the query, so Postgres matches them.
SURVEILANS_URUT = models.Case(
    models.When(status=StatusSurveilans.DIUNGGAH, then=models.Value(0)), default=models.Value(1),
    output_field=models.IntegerField(),
)


class Surveilans(models.Model):
    """The surveillance of one certificate, due ``LSP_SURVEILANS_BULAN`` months after issue (R38): the
    holder uploads a logbook (checked by its bytes), an admin LSP accepts it or refuses it with a note."""

    sertifikat = models.OneToOneField(Sertifikat, on_delete=models.CASCADE, related_name="surveilans")
    jatuh_tempo = models.DateField(_("jatuh tempo"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StatusSurveilans.choices, default=StatusSurveilans.MENUNGGU
    )
    logbook = models.FileField(_("logbook"), upload_to=private_upload_to("sertifikat/logbook"), blank=True,
                               max_length=200)
    logbook_nama = models.CharField(_("nama berkas"), max_length=255, blank=True)
    logbook_mime = models.CharField(_("jenis"), max_length=50, blank=True)
    diunggah_pada = models.DateTimeField(_("diunggah pada"), null=True, blank=True)
    catatan = models.TextField(_("catatan pemeriksa"), blank=True)
    diperiksa_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diperiksa_pada = models.DateTimeField(_("diperiksa pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("surveilans")
        verbose_name_plural = _("surveilans")
        ordering = ["jatuh_tempo", "pk"]
        indexes = [
            models.Index(fields=["status", "jatuh_tempo"], name="surveilans_antrean_idx"),
            # the admin queue (selectors.SURVEILANS_KEYSET), only the rows still open
            models.Index(SURVEILANS_URUT, models.F("jatuh_tempo"), models.F("id"),
                         condition=~models.Q(status=StatusSurveilans.DITERIMA), name="surveilans_antrean_urut_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=StatusSurveilans.values), name="surveilans_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status=StatusSurveilans.MENUNGGU) | ~models.Q(logbook=""),
                name="surveilans_logbook_setelah_menunggu",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=StatusSurveilans.DITOLAK) | ~models.Q(catatan=""),
                name="surveilans_ditolak_ada_catatan",
            ),
        ]

    def __str__(self):
        return f"{self.sertifikat_id} {self.jatuh_tempo}"


