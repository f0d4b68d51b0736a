"""Asesor records: profile, technical competence, asesor certificates, the assessment log, conflicts of
interest, and the diklat (training batch) through which a person becomes an asesor.

Rules live in ``asesor.domain``; writes in ``asesor.services``; reads in ``asesor.selectors``."""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lsp.uploads import private_upload_to, validate_document

from .domain import (
    NOMOR_REGISTRASI_CANONICAL_PATTERN,
    NOMOR_REGISTRASI_PATTERN,
    HasilPeserta,
    JenisSertifikat,
    StatusPengajuan,
    StatusVerifikasi,
    nomor_registrasi_normalize,
)

nomor_registrasi_validator = RegexValidator(
    NOMOR_REGISTRASI_PATTERN,
    _("Format nomor registrasi asesor: MET.000.001234 2024 (MET.000. + 6 angka + spasi atau titik + tahun)."),
    code="nomor_registrasi",
)


class AsesorProfile(models.Model):
    """A certified asesor kompetensi: a user with a BNSP registration number."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="asesor_profile", verbose_name=_("pengguna")
    )
    nomor_registrasi = models.CharField(
        _("nomor registrasi asesor"),
        max_length=19,
        unique=True,
        validators=[nomor_registrasi_validator],
        help_text=_("Mis. MET.000.001234 2024"),
        error_messages={"unique": _("Nomor registrasi ini sudah dipakai asesor lain.")},
    )
    telepon = models.CharField(_("telepon"), max_length=30, blank=True)
    alamat = models.TextField(_("alamat"), blank=True)
    is_master = models.BooleanField(
        _("Master Asesor"), default=False, help_text=_("Master Asesor melatih dan menguji calon asesor.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("asesor")
        verbose_name_plural = _("asesor")
        ordering = ["user__nama_lengkap", "user__username"]
        constraints = [
            # Stored always in the space form (``nomor_registrasi_normalize``), so the unique index holds
            # however the number was typed.
            models.CheckConstraint(
                condition=models.Q(nomor_registrasi__regex=NOMOR_REGISTRASI_CANONICAL_PATTERN),
                name="asesor_nomor_registrasi_canonical",
                violation_error_message=_("Nomor registrasi harus ditulis MET.000.001234 2024."),
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.nomor_registrasi})"

    def get_absolute_url(self):
        return reverse("asesor:asesor-detail", args=[self.pk])

    def clean(self):
        try:
            self.nomor_registrasi = nomor_registrasi_normalize(self.nomor_registrasi)
        except ValueError:
            pass  # the field validator already reported it


class KompetensiTeknis(models.Model):
    """A skema (or a whole bidang) the asesor may assess, backed by a technical certificate."""

    asesor = models.ForeignKey(
        AsesorProfile, on_delete=models.PROTECT, related_name="kompetensi", verbose_name=_("asesor")
    )
    skema = models.ForeignKey(
        "lsp.Skema", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("skema")
    )
    bidang = models.CharField(
        _("bidang"), max_length=100, blank=True, help_text=_("Isi bila kompetensi berlaku untuk satu bidang skema.")
    )
    nomor_sertifikat = models.CharField(_("nomor sertifikat teknis"), max_length=100)
    penerbit = models.CharField(_("penerbit"), max_length=200)
    issued_on = models.DateField(_("tanggal terbit"))
    valid_until = models.DateField(
        _("berlaku sampai"), null=True, blank=True, help_text=_("Kosongkan bila tidak ada batas masa berlaku.")
    )
    dokumen = models.FileField(
        _("dokumen"), upload_to=private_upload_to("asesor/kompetensi"), validators=[validate_document], blank=True
    )
    dokumen_nama = models.CharField(max_length=255, blank=True)
    dokumen_mime = models.CharField(_("jenis"), max_length=50, blank=True, editable=False)  # checked at upload
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kompetensi teknis")
        verbose_name_plural = _("kompetensi teknis")
        ordering = ["asesor", "-issued_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(skema__isnull=False) | ~models.Q(bidang=""),
                name="kompetensi_skema_or_bidang",
                violation_error_message=_("Pilih skema atau isi bidang."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=models.F("issued_on")),
                name="kompetensi_valid_after_issue",
                violation_error_message=_("Tanggal berlaku sampai tidak boleh sebelum tanggal terbit."),
            ),
        ]

    def __str__(self):
        return f"{self.skema or self.bidang} — {self.nomor_sertifikat}"


class SertifikatAsesor(models.Model):
    """An asesor certificate. ``valid_until`` is computed once when recorded (``sertifikat_valid_until``)."""

    asesor = models.ForeignKey(
        AsesorProfile, on_delete=models.PROTECT, related_name="sertifikat", verbose_name=_("asesor")
    )
    nomor = models.CharField(
        _("nomor sertifikat"),
        max_length=100,
        unique=True,
        error_messages={"unique": _("Nomor sertifikat ini sudah tercatat.")},
    )
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisSertifikat.choices)
    issued_on = models.DateField(_("tanggal terbit"))
    valid_until = models.DateField(_("berlaku sampai"), db_index=True)
    dokumen = models.FileField(
        _("pindaian sertifikat"),
        upload_to=private_upload_to("asesor/sertifikat"),
        validators=[validate_document],
        blank=True,
    )
    dokumen_nama = models.CharField(max_length=255, blank=True)
    dokumen_mime = models.CharField(_("jenis"), max_length=50, blank=True, editable=False)  # checked at upload
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("sertifikat asesor")
        verbose_name_plural = _("sertifikat asesor")
        ordering = ["asesor", "-issued_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gt=models.F("issued_on")), name="sertifikat_asesor_valid_after_issue"
            ),
            models.UniqueConstraint(fields=["asesor", "issued_on"], name="sertifikat_asesor_one_per_day"),
        ]

    def __str__(self):
        return f"{self.nomor} ({self.issued_on:%d-%m-%Y} s.d. {self.valid_until:%d-%m-%Y})"


class RiwayatAsesmen(models.Model):
    """The assessment log: one row per assessment the asesor carried out.

    ``internal``: written by ``services.asesmen_log_record`` when an assessment in this system is
    finished (idempotent on ``sumber_ref``), accepted as written. ``eksternal``: an assessment for
    another LSP, entered by an admin with evidence; it counts only once an admin has accepted it."""

    class Sumber(models.TextChoices):
        INTERNAL = "internal", _("Internal (sistem ini)")
        EKSTERNAL = "eksternal", _("Eksternal (LSP lain)")

    asesor = models.ForeignKey(
        AsesorProfile, on_delete=models.PROTECT, related_name="riwayat", verbose_name=_("asesor")
    )
    sumber = models.CharField(_("sumber"), max_length=10, choices=Sumber.choices)
    tanggal = models.DateField(_("tanggal asesmen"), db_index=True)
    skema = models.ForeignKey(
        "lsp.Skema", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("skema")
    )
    skema_nama = models.CharField(_("nama skema"), max_length=200, blank=True)
    nama_lsp = models.CharField(_("nama LSP"), max_length=200, blank=True)
    jumlah_asesi = models.PositiveSmallIntegerField(_("jumlah asesi"), validators=[MinValueValidator(1)])
    sumber_ref = models.CharField(_("referensi sumber"), max_length=100, null=True, blank=True, unique=True)
    dokumen = models.FileField(
        _("dokumen bukti"), upload_to=private_upload_to("asesor/riwayat"), validators=[validate_document], blank=True
    )
    dokumen_nama = models.CharField(max_length=255, blank=True)
    dokumen_mime = models.CharField(_("jenis"), max_length=50, blank=True, editable=False)  # checked at upload
    catatan = models.TextField(_("catatan"), blank=True)
    status = models.CharField(
        _("status verifikasi"), max_length=10, choices=StatusVerifikasi.choices, default=StatusVerifikasi.MENUNGGU
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    catatan_verifikasi = models.TextField(_("catatan verifikasi"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("riwayat asesmen")
        verbose_name_plural = _("riwayat asesmen")
        ordering = ["asesor", "-tanggal", "-pk"]
        indexes = [
            models.Index(fields=["asesor", "status", "tanggal"], name="riwayat_asesor_status_tgl"),
            # the admin's list of external assessments by status, oldest first, and its menu badge
            models.Index(fields=["status", "created_at", "id"], name="riwayat_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(jumlah_asesi__gte=1), name="riwayat_jumlah_asesi_min_1"),
            models.CheckConstraint(
                condition=models.Q(skema__isnull=False) | ~models.Q(skema_nama=""), name="riwayat_skema_or_nama"
            ),
            models.CheckConstraint(
                condition=~models.Q(sumber="internal") | models.Q(sumber_ref__isnull=False),
                name="riwayat_internal_has_ref",
            ),
            models.CheckConstraint(
                condition=~models.Q(sumber="eksternal") | (~models.Q(nama_lsp="") & ~models.Q(dokumen="")),
                name="riwayat_eksternal_has_lsp_and_evidence",
            ),
        ]

    def __str__(self):
        return f"{self.tanggal:%d-%m-%Y} {self.skema or self.skema_nama} ({self.get_sumber_display()})"

    @property
    def skema_label(self) -> str:
        return str(self.skema) if self.skema_id else self.skema_nama


class KonflikKepentingan(models.Model):
    """A declared conflict of interest: this asesor must not assess this person (ISO/IEC 17024 §4.3)."""

    asesor = models.ForeignKey(
        AsesorProfile, on_delete=models.PROTECT, related_name="konflik", verbose_name=_("asesor")
    )
    pihak = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("asesi / pihak")
    )
    alasan = models.TextField(_("alasan"))
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    declared_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("konflik kepentingan")
        verbose_name_plural = _("konflik kepentingan")
        ordering = ["asesor", "-declared_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["asesor", "pihak"],
                name="konflik_unique_per_pihak",
                violation_error_message=_("Konflik kepentingan dengan orang ini sudah tercatat."),
            )
        ]

    def __str__(self):
        return f"{self.asesor.user} ↔ {self.pihak}"


class Diklat(models.Model):
    """A training batch for asesor candidates (5 days), led by a Master Asesor. Its participants are then
    assessed on ``skema`` (the Asesor Kompetensi skema) like any asesi."""

    nama = models.CharField(_("nama diklat"), max_length=200)
    skema = models.ForeignKey(
        "lsp.Skema", on_delete=models.PROTECT, related_name="+", verbose_name=_("skema uji kompetensi")
    )
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"))
    tuk = models.ForeignKey(
        "lsp.TUK", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("TUK")
    )
    tempat = models.CharField(_("tempat"), max_length=200, blank=True, help_text=_("Isi bila bukan di TUK terdaftar."))
    master_asesor = models.ForeignKey(
        AsesorProfile, on_delete=models.PROTECT, related_name="diklat_dipimpin", verbose_name=_("Master Asesor")
    )
    keterangan = models.TextField(_("keterangan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("diklat asesor")
        verbose_name_plural = _("diklat asesor")
        ordering = ["-tanggal_mulai", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tanggal_mulai__lte=models.F("tanggal_selesai")),
                name="diklat_mulai_before_selesai",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=models.Q(tuk__isnull=False) | ~models.Q(tempat=""),
                name="diklat_tuk_or_tempat",
                violation_error_message=_("Pilih TUK atau isi tempat."),
            ),
        ]

    def __str__(self):
        return f"{self.nama} ({self.tanggal_mulai:%d-%m-%Y})"

    def get_absolute_url(self):
        return reverse("asesor:diklat-detail", args=[self.pk])

    @property
    def tempat_label(self) -> str:
        return str(self.tuk) if self.tuk_id else self.tempat


class PesertaDiklat(models.Model):
    """A candidate in a diklat, and the outcome of their uji kompetensi (K / BK)."""

    diklat = models.ForeignKey(Diklat, on_delete=models.PROTECT, related_name="peserta", verbose_name=_("diklat"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("peserta")
    )
    hasil = models.CharField(_("hasil"), max_length=20, choices=HasilPeserta.choices, default=HasilPeserta.TERDAFTAR)
    asesor = models.ForeignKey(
        AsesorProfile, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("profil asesor yang terbit"),
    )
    catatan = models.TextField(_("catatan"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("peserta diklat")
        verbose_name_plural = _("peserta diklat")
        ordering = ["diklat", "user__nama_lengkap", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["diklat", "user"],
                name="peserta_unique_per_diklat",
                violation_error_message=_("Orang ini sudah menjadi peserta diklat ini."),
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.diklat}"


class PengajuanRekognisi(models.Model):
    """An asesor's request for recognition (RCC) of the certificate in force, with evidence; admin LSP
    approves it (recording the new certificate, ``services.asesor_recognize``) or refuses it with a reason.
    States and who moves them: ``domain.PENGAJUAN_TRANSITIONS``."""

    asesor = models.ForeignKey(
        AsesorProfile, on_delete=models.PROTECT, related_name="pengajuan_rekognisi", verbose_name=_("asesor")
    )
    sertifikat = models.ForeignKey(
        SertifikatAsesor, on_delete=models.PROTECT, related_name="+", verbose_name=_("sertifikat yang diakui")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StatusPengajuan.choices, default=StatusPengajuan.DIAJUKAN
    )
    jumlah_asesmen = models.PositiveSmallIntegerField(_("asesmen dihitung saat diajukan"))
    catatan = models.TextField(_("catatan asesor"), blank=True)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), auto_now_add=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    catatan_keputusan = models.TextField(_("catatan keputusan"), blank=True)
    sertifikat_baru = models.ForeignKey(
        SertifikatAsesor, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("sertifikat rekognisi"),
    )

    class Meta:
        verbose_name = _("pengajuan rekognisi")
        verbose_name_plural = _("pengajuan rekognisi")
        ordering = ["-diajukan_pada", "-pk"]
        indexes = [models.Index(fields=["status", "diajukan_pada"], name="pengajuan_rekognisi_antrean")]
        constraints = [
            models.UniqueConstraint(
                fields=["asesor"], condition=models.Q(status="diajukan"), name="pengajuan_rekognisi_satu_terbuka",
                violation_error_message=_("Masih ada pengajuan rekognisi yang menunggu keputusan."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="disetujui") | models.Q(sertifikat_baru__isnull=False),
                name="pengajuan_rekognisi_disetujui_ada_sertifikat",
            ),
            models.CheckConstraint(
                condition=models.Q(status="diajukan") | models.Q(diputuskan_pada__isnull=False),
                name="pengajuan_rekognisi_diputuskan_ada_waktu",
            ),
        ]

    def __str__(self):
        tanggal = f"{self.diajukan_pada:%d-%m-%Y}" if self.diajukan_pada else "-"
        return _("Rekognisi %(asesor)s (%(tanggal)s)") % {"asesor": self.asesor.user, "tanggal": tanggal}

    def get_absolute_url(self):
        return reverse("asesor:pengajuan-detail", args=[self.pk])


class BuktiRekognisi(models.Model):
    """One evidence document of a recognition request (surat tugas, berita acara, log asesmen…)."""

    pengajuan = models.ForeignKey(
        PengajuanRekognisi, on_delete=models.PROTECT, related_name="bukti", verbose_name=_("pengajuan")
    )
    dokumen = models.FileField(
        _("dokumen"), upload_to=private_upload_to("asesor/rekognisi"), validators=[validate_document]
    )
    dokumen_nama = models.CharField(max_length=255)
    dokumen_mime = models.CharField(_("jenis"), max_length=50, editable=False)  # checked at upload
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bukti rekognisi")
        verbose_name_plural = _("bukti rekognisi")
        ordering = ["pengajuan", "pk"]

    def __str__(self):
        return self.dokumen_nama
