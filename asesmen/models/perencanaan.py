"""Planning (flow step 4): the jadwal uji kompetensi (batch), its asesi (``PesertaJadwal``) and asesors
(``PenugasanAsesor``), the TUK readiness check, FR.MAPA.01/02 per unit, and per asesi the pre-assessment
consultation and FR.AK.01.

Writes go through ``asesmen.services``; the rules are in ``asesmen.domain``."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..domain import KAPASITAS_MAKSIMAL, JenisBukti, Konteks, Pendekatan, Rekomendasi, StatusJadwal


class Jadwal(models.Model):
    """A jadwal uji kompetensi: one skema at one TUK from ``mulai`` to ``selesai``, up to ``kapasitas`` asesi."""

    skema = models.ForeignKey("lsp.Skema", on_delete=models.PROTECT, related_name="jadwal", verbose_name=_("skema"))
    tuk = models.ForeignKey("lsp.TUK", on_delete=models.PROTECT, related_name="jadwal", verbose_name=_("TUK"))
    mulai = models.DateTimeField(_("mulai"))
    selesai = models.DateTimeField(_("selesai"))
    kapasitas = models.PositiveSmallIntegerField(_("kapasitas asesi"), default=10)
    status = models.CharField(
        _("status"), max_length=15, choices=StatusJadwal.choices, default=StatusJadwal.DIRENCANAKAN
    )
    catatan = models.TextField(_("catatan"), blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("jadwal uji kompetensi")
        verbose_name_plural = _("jadwal uji kompetensi")
        ordering = ["-mulai", "-pk"]
        indexes = [
            models.Index(fields=["-mulai", "-id"], name="jadwal_list_idx"),
            models.Index(fields=["status", "-mulai", "-id"], name="jadwal_status_idx"),
            # the admin list's skema and TUK filters (links from a skema or a TUK), in the list's keyset order
            models.Index(fields=["skema", "-mulai", "-id"], name="jadwal_skema_list_idx"),
            models.Index(fields=["tuk", "-mulai", "-id"], name="jadwal_tuk_list_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(selesai__gt=models.F("mulai")), name="jadwal_selesai_after_mulai"
            ),
            models.CheckConstraint(
                condition=models.Q(kapasitas__gte=1, kapasitas__lte=KAPASITAS_MAKSIMAL), name="jadwal_kapasitas_range"
            ),
            models.CheckConstraint(condition=models.Q(status__in=StatusJadwal.values), name="jadwal_status_valid"),
        ]

    def __str__(self):
        return f"{self.kode} {self.skema.kode}"

    def get_absolute_url(self):
        return reverse("asesmen:jadwal-detail", args=[self.pk])

    @property
    def kode(self) -> str:
        return f"JDW-{self.pk:06d}" if self.pk else "JDW-(baru)"


class PenugasanAsesor(models.Model):
    """An asesor assigned to a batch (their surat tugas), with their impartiality declaration."""

    jadwal = models.ForeignKey(Jadwal, on_delete=models.CASCADE, related_name="penugasan")
    asesor = models.ForeignKey(
        "asesor.AsesorProfile", on_delete=models.PROTECT, related_name="penugasan_jadwal", verbose_name=_("asesor")
    )
    pernyataan_pada = models.DateTimeField(_("pernyataan ketidakberpihakan"), null=True, blank=True)
    pernyataan_ip = models.GenericIPAddressField(_("alamat IP pernyataan"), null=True, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("ditugaskan"), auto_now_add=True)

    class Meta:
        verbose_name = _("penugasan asesor")
        verbose_name_plural = _("penugasan asesor")
        ordering = ["jadwal", "pk"]
        constraints = [models.UniqueConstraint(fields=["jadwal", "asesor"], name="penugasan_asesor_unique")]

    def __str__(self):
        return f"{self.jadwal.kode}: {self.asesor}"

    @property
    def nomor_surat(self) -> str:
        return f"ST-{self.jadwal_id:06d}-{self.pk:04d}"


class PesertaJadwal(models.Model):
    """An accepted application placed in a batch, with the asesor who assesses it. A placement stays
    when it is moved to another batch (``jadwal`` changes); taken out of a batch or with the batch
    cancelled it is closed (``aktif=False``) and kept as history. One open placement per application."""

    jadwal = models.ForeignKey(Jadwal, on_delete=models.PROTECT, related_name="peserta")
    permohonan = models.ForeignKey(
        "asesi.Permohonan", on_delete=models.PROTECT, related_name="penjadwalan", verbose_name=_("permohonan")
    )
    asesor = models.ForeignKey(
        "asesor.AsesorProfile", on_delete=models.PROTECT, null=True, blank=True, related_name="peserta_jadwal",
        verbose_name=_("asesor"),
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    penyesuaian = models.TextField(
        _("penyesuaian yang wajar (FR.AK.07)"), blank=True,
        help_text=_("Kebutuhan khusus asesi dan penyesuaian proses asesmen yang disepakati."),
    )
    rekomendasi = models.CharField(_("rekomendasi FR.APL.02"), max_length=15, choices=Rekomendasi.choices, blank=True)
    rekomendasi_catatan = models.TextField(_("catatan rekomendasi"), blank=True)
    rekomendasi_pada = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("dijadwalkan"), auto_now_add=True)
    keluar_pada = models.DateTimeField(_("dikeluarkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("asesi dalam jadwal")
        verbose_name_plural = _("asesi dalam jadwal")
        ordering = ["jadwal", "pk"]
        indexes = [models.Index(fields=["asesor", "aktif"], name="peserta_asesor_aktif_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["permohonan"], condition=models.Q(aktif=True), name="peserta_satu_jadwal_terbuka"
            ),
            models.CheckConstraint(
                condition=models.Q(rekomendasi="") | models.Q(rekomendasi__in=Rekomendasi.values),
                name="peserta_rekomendasi_valid",
            ),
        ]

    def __str__(self):
        return f"{self.jadwal.kode}: {self.permohonan.nomor}"


class VerifikasiTUK(models.Model):
    """Verifikasi TUK: the readiness checklist of a batch's TUK, by an asesor or admin on a date."""

    jadwal = models.OneToOneField(Jadwal, on_delete=models.CASCADE, related_name="verifikasi_tuk")
    tempat = models.BooleanField(_("tempat sesuai dan layak"), default=False)
    peralatan = models.BooleanField(_("peralatan tersedia dan berfungsi"), default=False)
    bahan = models.BooleanField(_("bahan dan materi uji tersedia"), default=False)
    k3 = models.BooleanField(_("K3 terpenuhi"), default=False)
    catatan = models.TextField(_("catatan"), blank=True)
    tanggal = models.DateField(_("tanggal verifikasi"))
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("diverifikasi oleh")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("verifikasi TUK")
        verbose_name_plural = _("verifikasi TUK")

    def __str__(self):
        return f"{self.jadwal.kode}: {self.tanggal}"

    @property
    def siap(self) -> bool:
        return self.tempat and self.peralatan and self.bahan and self.k3


class MapaUnit(models.Model):
    """FR.MAPA.01 for one unit of a batch's skema (approach, context, methods, evidence kinds) and its
    FR.MAPA.02 instruments — the instruments the asesor's workspace offers for the unit."""

    jadwal = models.ForeignKey(Jadwal, on_delete=models.CASCADE, related_name="mapa")
    unit = models.ForeignKey("lsp.UnitKompetensi", on_delete=models.PROTECT, related_name="+")
    pendekatan = models.CharField(_("pendekatan asesmen"), max_length=25, choices=Pendekatan.choices)
    konteks = models.CharField(_("konteks"), max_length=15, choices=Konteks.choices)
    konfirmasi_bukti = models.CharField(
        _("konfirmasi bukti dengan"), max_length=200, blank=True, help_text=_("Mis. manajer, supervisor, rekan kerja")
    )
    metode = models.JSONField(_("metode"), default=list)
    jenis_bukti = models.JSONField(_("jenis bukti"), default=list)
    instrumen = models.JSONField(_("instrumen (FR.MAPA.02)"), default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rencana asesmen per unit (FR.MAPA.01/02)")
        verbose_name_plural = _("rencana asesmen per unit (FR.MAPA.01/02)")
        ordering = ["jadwal", "unit__urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["jadwal", "unit"], name="mapa_unit_unique"),
            models.CheckConstraint(condition=models.Q(pendekatan__in=Pendekatan.values), name="mapa_pendekatan_valid"),
            models.CheckConstraint(condition=models.Q(konteks__in=Konteks.values), name="mapa_konteks_valid"),
        ]

    def __str__(self):
        return f"{self.jadwal_id}: {self.unit_id}"

    def jenis_bukti_label(self) -> str:
        return ", ".join(b for b in self.jenis_bukti if b in JenisBukti.values)


class MapaElemen(models.Model):
    """FR.MAPA.01 for one element of a planned unit: the methods and the kinds of evidence (L / TL / T)."""

    mapa = models.ForeignKey(MapaUnit, on_delete=models.CASCADE, related_name="elemen_rencana")
    elemen = models.ForeignKey("lsp.Elemen", on_delete=models.PROTECT, related_name="+")
    metode = models.JSONField(_("metode"), default=list)
    jenis_bukti = models.JSONField(_("jenis bukti"), default=list)

    class Meta:
        verbose_name = _("rencana asesmen per elemen (FR.MAPA.01)")
        verbose_name_plural = _("rencana asesmen per elemen (FR.MAPA.01)")
        ordering = ["mapa", "elemen__urutan", "pk"]
        constraints = [models.UniqueConstraint(fields=["mapa", "elemen"], name="mapa_elemen_unique")]

    def __str__(self):
        return f"{self.mapa_id}: {self.elemen_id}"


class KonsultasiPraAsesmen(models.Model):
    """The pre-assessment consultation with one asesi: the checklist the asesor went through, and both
    confirmations."""

    peserta = models.OneToOneField(PesertaJadwal, on_delete=models.CASCADE, related_name="konsultasi")
    proses = models.BooleanField(_("proses asesmen dijelaskan"), default=False)
    bukti = models.BooleanField(_("bukti dijelaskan"), default=False)
    hak = models.BooleanField(_("hak asesi dijelaskan"), default=False)
    kerahasiaan = models.BooleanField(_("kerahasiaan dijelaskan"), default=False)
    catatan = models.TextField(_("catatan"), blank=True)
    asesor_konfirmasi_pada = models.DateTimeField(null=True, blank=True)
    asesor_konfirmasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    asesi_konfirmasi_pada = models.DateTimeField(null=True, blank=True)
    asesi_konfirmasi_ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("konsultasi pra-asesmen")
        verbose_name_plural = _("konsultasi pra-asesmen")

    def __str__(self):
        return str(self.peserta)

    @property
    def lengkap(self) -> bool:
        return bool(self.asesor_konfirmasi_pada and self.asesi_konfirmasi_pada)


class PersetujuanAsesmen(models.Model):
    """FR.AK.01 Persetujuan asesmen dan kerahasiaan: the agreed evidence, place and time; asesi and asesor
    each confirm online (who, when, from which address). Changing the plan clears both confirmations."""

    peserta = models.OneToOneField(PesertaJadwal, on_delete=models.CASCADE, related_name="ak01")
    bukti = models.JSONField(_("bukti yang disepakati"), default=list)
    tempat = models.CharField(_("tempat asesmen"), max_length=255)
    waktu = models.DateTimeField(_("waktu asesmen"))
    asesor_setuju_pada = models.DateTimeField(null=True, blank=True)
    asesor_setuju_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    asesor_setuju_ip = models.GenericIPAddressField(null=True, blank=True)
    asesi_setuju_pada = models.DateTimeField(null=True, blank=True)
    asesi_setuju_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    asesi_setuju_ip = models.GenericIPAddressField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("persetujuan asesmen (FR.AK.01)")
        verbose_name_plural = _("persetujuan asesmen (FR.AK.01)")

    def __str__(self):
        return str(self.peserta)

    @property
    def disetujui(self) -> bool:
        return bool(self.asesor_setuju_pada and self.asesi_setuju_pada)
