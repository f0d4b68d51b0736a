"""Decision (flow steps 8–9): per asesor and batch the FR.AK.05 laporan asesmen; per batch the SK hasil
uji kompetensi with the komite's decision on each asesi; the counters of the numbers the SK gives.

Writes go through ``asesmen.services.keputusan``; the rules are in ``asesmen.domain_keputusan``."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lsp.uploads import private_upload_to

from ..domain_keputusan import StatusLaporan, StatusSK
from ..domain_pelaksanaan import Verdict
from .perencanaan import Jadwal, PenugasanAsesor, PesertaJadwal


class LaporanAsesmen(models.Model):
    """FR.AK.05 of one asesor for one batch: the K/BK per unit come from the submitted FR.AK.02 records;
    the asesor writes notes, recommendations and follow-ups and signs (a drawn PNG, who, when, address).
    Signed, it is final."""

    penugasan = models.OneToOneField(PenugasanAsesor, on_delete=models.PROTECT, related_name="laporan")
    status = models.CharField(_("status"), max_length=15, choices=StatusLaporan.choices, default=StatusLaporan.DRAF)
    catatan = models.TextField(_("catatan / aspek negatif dan positif"), blank=True)
    rekomendasi = models.TextField(_("rekomendasi perbaikan"), blank=True)
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)
    ttd = models.FileField(_("tanda tangan asesor"), upload_to=private_upload_to("ttd"), blank=True)
    ttd_pada = models.DateTimeField(_("ditandatangani"), null=True, blank=True)
    ttd_ip = models.GenericIPAddressField(null=True, blank=True)
    ttd_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("laporan asesmen (FR.AK.05)")
        verbose_name_plural = _("laporan asesmen (FR.AK.05)")
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=StatusLaporan.values), name="laporan_status_valid"),
            models.CheckConstraint(
                condition=models.Q(status=StatusLaporan.DRAF)
                | (models.Q(ttd_pada__isnull=False) & ~models.Q(ttd="")),
                name="laporan_ttd_lengkap",
            ),
        ]

    def __str__(self):
        return f"FR.AK.05 {self.penugasan_id}"

    def get_absolute_url(self):
        return reverse("asesmen:laporan", args=[self.penugasan_id])


class KeputusanSK(models.Model):
    """The SK hasil uji kompetensi of one batch: the komite decides each asesi (``KeputusanPeserta``),
    sets the pleno date and submits; the director approves (the number is given then and every
    application moves to *diputuskan*) or refuses with a reason (back to the komite)."""

    jadwal = models.OneToOneField(Jadwal, on_delete=models.PROTECT, related_name="sk")
    status = models.CharField(_("status"), max_length=10, choices=StatusSK.choices, default=StatusSK.DRAF)
    nomor = models.CharField(_("nomor SK"), max_length=60, null=True, blank=True, unique=True)
    tanggal_pleno = models.DateField(_("tanggal pleno"), null=True, blank=True)
    catatan = models.TextField(_("catatan pleno"), blank=True)
    alasan_tolak = models.TextField(_("alasan penolakan"), blank=True)
    diajukan_pada = models.DateTimeField(_("diajukan"), null=True, blank=True)
    diajukan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+")
    diputuskan_pada = models.DateTimeField(_("diputuskan direktur"), null=True, blank=True)
    diputuskan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+")
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("SK hasil uji kompetensi")
        verbose_name_plural = _("SK hasil uji kompetensi")
        indexes = [
            models.Index(fields=["status", "-updated_at", "-id"], name="sk_status_idx"),
            models.Index(fields=["-updated_at", "-id"], name="sk_list_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=StatusSK.values), name="sk_status_valid"),
            models.CheckConstraint(
                condition=~models.Q(status=StatusSK.DISETUJUI)
                | (models.Q(nomor__isnull=False) & models.Q(tanggal_pleno__isnull=False)
                   & models.Q(diputuskan_pada__isnull=False)),
                name="sk_disetujui_lengkap",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=StatusSK.DITOLAK) | ~models.Q(alasan_tolak=""), name="sk_ditolak_alasan"
            ),
        ]

    def __str__(self):
        return self.nomor or f"SK {self.jadwal.kode}"

    def get_absolute_url(self):
        return reverse("asesmen:sk-detail", args=[self.pk])

    @property
    def disetujui(self) -> bool:
        return self.status == StatusSK.DISETUJUI


class KeputusanPeserta(models.Model):
    """The komite member's decision on one asesi of the batch (K / BK), from the record alone; ``terlambat``
    keeps that it came more than 5 working days after the assessment (a warning, R40)."""

    sk = models.ForeignKey(KeputusanSK, on_delete=models.CASCADE, related_name="keputusan")
    peserta = models.OneToOneField(PesertaJadwal, on_delete=models.PROTECT, related_name="keputusan_pleno")
    keputusan = models.CharField(_("keputusan"), max_length=2, choices=Verdict.choices)
    catatan = models.TextField(_("catatan"), blank=True)
    terlambat = models.BooleanField(_("lebih dari 5 hari kerja"), default=False)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("anggota komite"))
    pada = models.DateTimeField(_("diputuskan"))

    class Meta:
        verbose_name = _("keputusan pleno asesi")
        verbose_name_plural = _("keputusan pleno asesi")
        indexes = [models.Index(fields=["sk", "keputusan"], name="keputusan_sk_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(keputusan__in=Verdict.values), name="keputusan_pleno_valid"),
        ]

    def __str__(self):
        return f"{self.peserta_id}: {self.keputusan}"


class NomorUrutKeputusan(models.Model):
    """One counter per kind of number and year (SK, asesor registration, asesor certificate), raised
    under ``SELECT … FOR UPDATE`` in the approving transaction: unique and gapless, never ``max() + 1``."""

    jenis = models.CharField(max_length=20)
    tahun = models.PositiveSmallIntegerField()
    terakhir = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("nomor urut keputusan")
        verbose_name_plural = _("nomor urut keputusan")
        constraints = [models.UniqueConstraint(fields=["jenis", "tahun"], name="nomor_urut_keputusan_unique")]

    def __str__(self):
        return f"{self.jenis} {self.tahun}: {self.terakhir}"
