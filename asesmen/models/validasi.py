"""Validasi asesmen (FR.VA, flow step 11): a validator draws a reproducible sample of submitted FR.AK.02
records in a scope (``SampelValidasi`` with its ``SampelRekaman`` rows), records findings per FR.VA aspect
(``TemuanValidasi``), a conclusion per record and follow-ups with an owner and a due date
(``TindakLanjutValidasi``), then signs the report.

Writes go through ``asesmen.services.validasi``; the rules are in ``asesmen.domain_validasi``."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lsp.uploads import private_upload_to

from ..domain_validasi import (
    PERSEN_BAWAAN,
    PERSEN_MAKS,
    PERSEN_MIN,
    Aspek,
    Kesimpulan,
    StatusSampel,
    StatusTindakLanjut,
)
from .pelaksanaan import RekamanAsesmen


class SampelValidasi(models.Model):
    """One draw: who drew it and when, the scope (skema and asesor optional, the period of submission),
    the share, the seed, how many records the scope held; the chosen records are its ``rekaman`` rows.
    Signed (``disahkan``) by the validator with a drawn signature, after which it is final."""

    validator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("validator"))
    skema = models.ForeignKey("lsp.Skema", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("skema"))
    asesor = models.ForeignKey("asesor.AsesorProfile", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("asesor"))
    dari = models.DateField(_("periode dari"))
    sampai = models.DateField(_("periode sampai"))
    persen = models.PositiveSmallIntegerField(_("persentase sampel"), default=PERSEN_BAWAAN)
    seed = models.CharField(_("benih acak"), max_length=32)
    jumlah_kandidat = models.PositiveIntegerField(_("rekaman dalam lingkup"))
    status = models.CharField(_("status"), max_length=12, choices=StatusSampel.choices,
                              default=StatusSampel.DIVALIDASI)
    ringkasan = models.TextField(_("ringkasan dan rekomendasi validator"), blank=True)
    ttd = models.FileField(_("tanda tangan validator"), upload_to=private_upload_to("validasi/ttd"), blank=True)
    disahkan_pada = models.DateTimeField(_("disahkan"), null=True, blank=True)
    ttd_ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(_("ditarik"), auto_now_add=True)

    class Meta:
        verbose_name = _("sampel validasi asesmen")
        verbose_name_plural = _("sampel validasi asesmen")
        indexes = [
            models.Index(fields=["validator", "-created_at", "-id"], name="sampel_validator_idx"),
            # the admin LSP's list of every sample (R65): newest first, by status, by the period covered
            models.Index(fields=["-created_at", "-id"], name="sampel_created_idx"),
            models.Index(fields=["status", "-created_at", "-id"], name="sampel_status_idx"),
            models.Index(fields=["sampai", "dari"], name="sampel_periode_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(persen__gte=PERSEN_MIN, persen__lte=PERSEN_MAKS),
                                   name="sampel_persen_range"),
            models.CheckConstraint(condition=models.Q(sampai__gte=models.F("dari")), name="sampel_periode_urut"),
            models.CheckConstraint(condition=models.Q(status__in=StatusSampel.values), name="sampel_status_valid"),
            models.CheckConstraint(
                condition=models.Q(status=StatusSampel.DIVALIDASI, disahkan_pada__isnull=True)
                | models.Q(status=StatusSampel.DISAHKAN, disahkan_pada__isnull=False),
                name="sampel_disahkan_lengkap",
            ),
        ]

    def __str__(self):
        return self.kode

    def get_absolute_url(self):
        return reverse("asesmen:validasi-detail", args=[self.pk])

    @property
    def kode(self) -> str:
        return f"VA-{self.pk:06d}" if self.pk else "VA-(baru)"

    @property
    def disahkan(self) -> bool:
        return self.status == StatusSampel.DISAHKAN


class SampelRekaman(models.Model):
    """One record chosen in a sample, with the asesor who assessed it (stored at the draw) and the
    validator's conclusion on it."""

    sampel = models.ForeignKey(SampelValidasi, on_delete=models.CASCADE, related_name="rekaman")
    rekaman = models.ForeignKey(RekamanAsesmen, on_delete=models.PROTECT, related_name="validasi")
    asesor = models.ForeignKey("asesor.AsesorProfile", on_delete=models.PROTECT, null=True, related_name="+")
    kesimpulan = models.CharField(_("kesimpulan"), max_length=12, choices=Kesimpulan.choices, blank=True)
    catatan = models.TextField(_("catatan kesimpulan"), blank=True)
    disimpulkan_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rekaman dalam sampel validasi")
        verbose_name_plural = _("rekaman dalam sampel validasi")
        ordering = ["sampel", "rekaman"]
        constraints = [
            models.UniqueConstraint(fields=["sampel", "rekaman"], name="sampel_rekaman_unique"),
            models.CheckConstraint(
                condition=models.Q(kesimpulan="") | models.Q(kesimpulan__in=Kesimpulan.values),
                name="sampel_rekaman_kesimpulan_valid",
            ),
        ]

    def __str__(self):
        return f"{self.sampel.kode}/{self.rekaman_id}"

    def get_absolute_url(self):
        return reverse("asesmen:validasi-rekaman", args=[self.pk])


class TemuanValidasi(models.Model):
    """A finding on one sampled record against one FR.VA aspect: met or not, and what was seen."""

    item = models.ForeignKey(SampelRekaman, on_delete=models.CASCADE, related_name="temuan")
    aspek = models.CharField(_("aspek"), max_length=15, choices=Aspek.choices)
    memenuhi = models.BooleanField(_("memenuhi"))
    uraian = models.TextField(_("uraian temuan"))
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("temuan validasi")
        verbose_name_plural = _("temuan validasi")
        ordering = ["item", "created_at", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(aspek__in=Aspek.values), name="temuan_aspek_valid")]

    def __str__(self):
        return f"{self.get_aspek_display()}: {self.uraian[:60]}"

    def get_absolute_url(self):
        return self.item.get_absolute_url()


class TindakLanjutValidasi(models.Model):
    """A follow-up of a finding: what must be done, by whom (owner), by when; closed with a note."""

    temuan = models.ForeignKey(TemuanValidasi, on_delete=models.CASCADE, related_name="tindak_lanjut")
    uraian = models.TextField(_("tindak lanjut"))
    penanggung_jawab = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                         verbose_name=_("penanggung jawab"))
    batas = models.DateField(_("batas waktu"))
    status = models.CharField(_("status"), max_length=8, choices=StatusTindakLanjut.choices,
                              default=StatusTindakLanjut.TERBUKA)
    catatan_penutupan = models.TextField(_("catatan penutupan"), blank=True)
    ditutup_pada = models.DateTimeField(_("ditutup"), null=True, blank=True)
    ditutup_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    created_at = models.DateTimeField(_("ditetapkan"), auto_now_add=True)

    class Meta:
        verbose_name = _("tindak lanjut validasi")
        verbose_name_plural = _("tindak lanjut validasi")
        ordering = ["batas", "pk"]
        indexes = [
            models.Index(fields=["status", "batas"], name="tindak_lanjut_status_idx"),
            # the owner's page and badge (R65): their open follow-ups, earliest due first
            models.Index(fields=["penanggung_jawab", "status", "batas", "id"], name="tindak_lanjut_pj_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=StatusTindakLanjut.values),
                                   name="tindak_lanjut_status_valid"),
            models.CheckConstraint(
                condition=models.Q(status=StatusTindakLanjut.TERBUKA, ditutup_pada__isnull=True)
                | models.Q(status=StatusTindakLanjut.SELESAI, ditutup_pada__isnull=False),
                name="tindak_lanjut_ditutup_lengkap",
            ),
        ]

    def __str__(self):
        return self.uraian[:80]

    def get_absolute_url(self):
        return self.temuan.item.get_absolute_url()
