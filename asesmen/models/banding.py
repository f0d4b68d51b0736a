"""FR.AK.04 banding: the asesi's appeal of one BK result (the move of the application into *diputuskan*),
decided by a komite member not involved in the assessment. A granted appeal sends the application back
to be scheduled for a re-assessment of the BK units (the K units are carried over, ``PenilaianUnit.
dibawa_dari``).

Writes go through ``asesmen.services.banding``; the rules are in ``asesmen.domain_banding``."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..domain_banding import StatusBanding
from .pelaksanaan import RekamanAsesmen


class Banding(models.Model):
    """One appeal, at most one per result (``hasil``: the status-history row of the decision)."""

    permohonan = models.ForeignKey(
        "asesi.Permohonan", on_delete=models.PROTECT, related_name="banding", verbose_name=_("permohonan")
    )
    hasil = models.OneToOneField(
        "asesi.PermohonanRiwayat", on_delete=models.PROTECT, related_name="banding",
        verbose_name=_("keputusan yang dibanding"),
    )
    rekaman = models.ForeignKey(
        RekamanAsesmen, on_delete=models.PROTECT, null=True, blank=True, related_name="banding",
        verbose_name=_("rekaman asesmen"),
    )
    jawaban = models.JSONField(_("jawaban FR.AK.04"), default=dict)
    alasan = models.TextField(_("alasan banding"))
    status = models.CharField(_("status"), max_length=10, choices=StatusBanding.choices, default=StatusBanding.DIAJUKAN)
    diajukan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    diajukan_pada = models.DateTimeField(_("diajukan"), auto_now_add=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("diputuskan oleh"),
    )
    diputuskan_pada = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    alasan_keputusan = models.TextField(_("alasan keputusan"), blank=True)

    class Meta:
        verbose_name = _("banding (FR.AK.04)")
        verbose_name_plural = _("banding (FR.AK.04)")
        ordering = ["-diajukan_pada", "-pk"]
        indexes = [
            models.Index(fields=["status", "diajukan_pada", "id"], name="banding_antrian_idx"),
            models.Index(fields=["-diajukan_pada", "-id"], name="banding_list_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=StatusBanding.values), name="banding_status_valid"),
            models.CheckConstraint(
                condition=models.Q(status=StatusBanding.DIAJUKAN)
                | (models.Q(diputuskan_pada__isnull=False) & models.Q(diputuskan_oleh__isnull=False)
                   & ~models.Q(alasan_keputusan="")),
                name="banding_diputuskan_lengkap",
            ),
            models.CheckConstraint(condition=~models.Q(alasan=""), name="banding_alasan_wajib"),
        ]

    def __str__(self):
        return self.kode

    def get_absolute_url(self):
        return reverse("asesmen:banding-detail", args=[self.pk])

    @property
    def kode(self) -> str:
        return f"BDG-{self.pk:06d}" if self.pk else "BDG-(baru)"
