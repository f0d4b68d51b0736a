"""A complaint (pengaduan) and its handling. Writes go through ``pengaduan.services``."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .domain import JenisPengaduan, StatusPengaduan


class Pengaduan(models.Model):
    """One complaint, found by the complainant through ``kode`` (random, unique). ``catatan`` and
    ``tindakan`` are the LSP's own; only the status, its dates and ``hasil_publik`` are public."""

    kode = models.CharField(_("kode pelacakan"), max_length=20, unique=True)
    jenis = models.CharField(_("tentang"), max_length=10, choices=JenisPengaduan.choices)
    tentang = models.CharField(
        _("yang diadukan"), max_length=200, blank=True,
        help_text=_("Mis. nama asesor, nomor sertifikat, tanggal dan tempat asesmen."),
    )
    isi = models.TextField(_("isi pengaduan"))
    nama = models.CharField(_("nama pelapor"), max_length=150, blank=True)
    kontak = models.CharField(_("kontak pelapor"), max_length=150, blank=True)
    pelapor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=15, choices=StatusPengaduan.choices,
                              default=StatusPengaduan.DITERIMA)
    catatan = models.TextField(_("catatan penanganan (internal)"), blank=True)
    tindakan = models.TextField(_("tindakan yang diambil (internal)"), blank=True)
    hasil_publik = models.TextField(_("hasil untuk pelapor"), blank=True)
    ditangani_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("ditangani oleh"),
    )
    created_at = models.DateTimeField(_("diterima"), auto_now_add=True)
    diinvestigasi_pada = models.DateTimeField(_("mulai ditangani"), null=True, blank=True)
    ditutup_pada = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-created_at", "-id"], name="pengaduan_status_idx"),
            models.Index(fields=["-created_at", "-id"], name="pengaduan_list_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=StatusPengaduan.values),
                                   name="pengaduan_status_valid"),
            models.CheckConstraint(condition=models.Q(jenis__in=JenisPengaduan.values), name="pengaduan_jenis_valid"),
            models.CheckConstraint(condition=~models.Q(isi=""), name="pengaduan_isi_wajib"),
            models.CheckConstraint(
                condition=~models.Q(status=StatusPengaduan.DITUTUP)
                | (models.Q(ditutup_pada__isnull=False) & ~models.Q(tindakan="") & ~models.Q(hasil_publik="")),
                name="pengaduan_ditutup_lengkap",
            ),
        ]

    def __str__(self):
        return self.kode

    def get_absolute_url(self):
        return reverse("pengaduan:admin-detail", args=[self.pk])

    def get_public_url(self):
        return reverse("pengaduan:lacak-detail", args=[self.kode])
