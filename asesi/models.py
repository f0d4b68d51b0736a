"""Asesi records: the profile (FR.APL.01 part A), the permohonan sertifikasi (FR.APL.01) with its units,
requirements and documents, the asesmen mandiri (FR.APL.02) and the status history.

Status changes go only through ``asesi.services.permohonan_transition`` (rules in ``asesi.domain``).
The units, requirements and elements an asesi applied for are copied onto the permohonan, so a later
change of the skema does not rewrite what was applied for and verified.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lsp.uploads import private_upload_to, validate_document

from .domain import (
    DECIDED_STATUSES,
    OPEN_STATUSES,
    HasilVerifikasi,
    Jawaban,
    JenisKelamin,
    Keputusan,
    Pendidikan,
    Status,
    Tujuan,
    validate_kode_pos,
    validate_nik,
    validate_telepon,
)


class AsesiProfile(models.Model):
    """The personal and job data of an asesi. Name and email live on the user account
    (``user.nama_lengkap``, ``user.email``) so there is one source for each."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="asesi_profile", verbose_name=_("akun")
    )
    nik = models.CharField(_("NIK"), max_length=16, validators=[validate_nik], help_text=_("16 digit sesuai KTP"))
    tempat_lahir = models.CharField(_("tempat lahir"), max_length=100)
    tanggal_lahir = models.DateField(_("tanggal lahir"))
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices)
    kebangsaan = models.CharField(_("kebangsaan"), max_length=60, default="Indonesia")
    alamat = models.TextField(_("alamat rumah"), max_length=500)
    kode_pos = models.CharField(_("kode pos"), max_length=5, validators=[validate_kode_pos])
    telepon = models.CharField(_("telepon/HP"), max_length=20, validators=[validate_telepon])
    pendidikan_terakhir = models.CharField(_("pendidikan terakhir"), max_length=5, choices=Pendidikan.choices)
    institusi = models.CharField(_("nama institusi/perusahaan"), max_length=200, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=150, blank=True)
    alamat_kantor = models.TextField(_("alamat kantor"), max_length=500, blank=True)
    email_dikonfirmasi_pada = models.DateTimeField(_("email dikonfirmasi pada"), null=True, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("didaftarkan oleh"),
        help_text=_("Kosong bila asesi mendaftar sendiri."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("profil asesi")
        verbose_name_plural = _("profil asesi")
        ordering = ["user__nama_lengkap", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["nik"], name="asesi_nik_unique"),
            models.CheckConstraint(condition=models.Q(nik__regex=r"^[0-9]{16}$"), name="asesi_nik_16_digit"),
            models.CheckConstraint(condition=models.Q(kode_pos__regex=r"^[0-9]{5}$"), name="asesi_kode_pos_5_digit"),
            models.CheckConstraint(
                condition=models.Q(tanggal_lahir__gte=date(1900, 1, 1)), name="asesi_tanggal_lahir_min_1900"
            ),
            models.CheckConstraint(
                condition=models.Q(jenis_kelamin__in=JenisKelamin.values), name="asesi_jenis_kelamin_valid"
            ),
        ]

    def __str__(self):
        return self.nama_lengkap

    def get_absolute_url(self):
        return reverse("asesi:asesi-detail", args=[self.pk])

    @property
    def nama_lengkap(self) -> str:
        return self.user.get_full_name() or self.user.username

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def email_dikonfirmasi(self) -> bool:
        return self.email_dikonfirmasi_pada is not None

    def data_pribadi(self) -> dict:
        """The FR.APL.01 personal/job data as plain values (kept on a permohonan when it is submitted)."""
        return {
            "nama_lengkap": self.nama_lengkap,
            "nik": self.nik,
            "tempat_lahir": self.tempat_lahir,
            "tanggal_lahir": self.tanggal_lahir.isoformat() if self.tanggal_lahir else "",
            "jenis_kelamin": self.jenis_kelamin,
            "kebangsaan": self.kebangsaan,
            "alamat": self.alamat,
            "kode_pos": self.kode_pos,
            "telepon": self.telepon,
            "email": self.email,
            "pendidikan_terakhir": self.pendidikan_terakhir,
            "institusi": self.institusi,
            "jabatan": self.jabatan,
            "alamat_kantor": self.alamat_kantor,
        }


class Permohonan(models.Model):
    """FR.APL.01 Permohonan sertifikasi kompetensi."""

    asesi = models.ForeignKey(
        AsesiProfile, on_delete=models.PROTECT, related_name="permohonan", verbose_name=_("asesi")
    )
    skema = models.ForeignKey(
        "lsp.Skema", on_delete=models.PROTECT, related_name="permohonan_asesi", verbose_name=_("skema")
    )
    tujuan = models.CharField(_("tujuan asesmen"), max_length=20, choices=Tujuan.choices, default=Tujuan.SERTIFIKASI)
    tujuan_lainnya = models.CharField(_("tujuan lainnya"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    keputusan = models.CharField(
        _("keputusan"),
        max_length=2,
        choices=Keputusan.choices,
        blank=True,
        help_text=_("Hasil yang diputuskan (kompeten / belum kompeten); diisi saat status menjadi diputuskan."),
    )
    data_pemohon = models.JSONField(
        _("data pemohon saat diajukan"),
        default=dict,
        blank=True,
        help_text=_("Salinan data pribadi dan pekerjaan asesi pada pengajuan terakhir."),
    )
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("permohonan sertifikasi")
        verbose_name_plural = _("permohonan sertifikasi")
        ordering = ["-created_at", "-pk"]
        # The verification queue: one status, oldest submission first (``selectors.permohonan_queue``).
        indexes = [
            models.Index(fields=["status", "diajukan_pada", "id"], name="permohonan_queue_idx"),
            # the verification list over every status past draft (``?status=``), oldest or newest first
            models.Index(fields=["diajukan_pada", "id"], name="permohonan_diajukan_idx"),
            # filtered by skema, and ordered by skema (walked skema by skema)
            models.Index(fields=["skema", "status", "diajukan_pada", "id"], name="permohonan_skema_queue_idx"),
            # decided kompeten, waiting for the certificate (``sertifikat.selectors.permohonan_siap_terbit``):
            # the issuing list in its order and the menu badge, over these rows only
            models.Index(fields=["updated_at", "id"], name="permohonan_siap_terbit_idx",
                         condition=models.Q(status=Status.DIPUTUSKAN, keputusan=Keputusan.K)),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=Status.values), name="permohonan_status_valid"),
            models.CheckConstraint(condition=models.Q(tujuan__in=Tujuan.values), name="permohonan_tujuan_valid"),
            # A decided application carries its outcome, an undecided one none; only K is certified.
            models.CheckConstraint(
                condition=(models.Q(status__in=sorted(DECIDED_STATUSES)) & models.Q(keputusan__in=Keputusan.values))
                | (~models.Q(status__in=sorted(DECIDED_STATUSES)) & models.Q(keputusan="")),
                name="permohonan_keputusan_saat_diputuskan",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.BERSERTIFIKAT) | models.Q(keputusan=Keputusan.K),
                name="permohonan_bersertifikat_kompeten",
            ),
            models.CheckConstraint(
                condition=~models.Q(tujuan=Tujuan.LAINNYA) | ~models.Q(tujuan_lainnya=""),
                name="permohonan_tujuan_lainnya_diisi",
            ),
            models.UniqueConstraint(
                fields=["asesi", "skema"],
                condition=models.Q(status__in=sorted(OPEN_STATUSES)),
                name="permohonan_satu_berjalan_per_skema",
            ),
        ]

    def __str__(self):
        return f"{self.nomor} {self.skema.kode}"

    def get_absolute_url(self):
        return reverse("asesi:permohonan-detail", args=[self.pk])

    @property
    def nomor(self) -> str:
        return f"APL-{self.pk:06d}" if self.pk else "APL-(baru)"

    @property
    def tujuan_tampil(self) -> str:
        if self.tujuan == Tujuan.LAINNYA and self.tujuan_lainnya:
            return f"{self.get_tujuan_display()}: {self.tujuan_lainnya}"
        return self.get_tujuan_display()


class PermohonanUnit(models.Model):
    """A unit kompetensi applied for, copied from the skema when chosen."""

    permohonan = models.ForeignKey(Permohonan, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(
        "lsp.UnitKompetensi", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    kode = models.CharField(_("kode unit"), max_length=40)
    judul = models.CharField(_("judul unit"), max_length=255)

    class Meta:
        verbose_name = _("unit yang dimohon")
        verbose_name_plural = _("unit yang dimohon")
        ordering = ["permohonan", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["permohonan", "kode"], name="permohonanunit_kode_unique"),
        ]

    def __str__(self):
        return f"{self.kode} {self.judul}"


class PermohonanPersyaratan(models.Model):
    """A persyaratan dasar of the skema as it stood for this permohonan, with its verification."""

    permohonan = models.ForeignKey(Permohonan, on_delete=models.CASCADE, related_name="persyaratan")
    persyaratan = models.ForeignKey(
        "lsp.PersyaratanDasar", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    deskripsi = models.CharField(_("persyaratan"), max_length=500)
    wajib = models.BooleanField(_("wajib"), default=True)
    hasil = models.CharField(_("hasil verifikasi"), max_length=20, choices=HasilVerifikasi.choices, blank=True)
    catatan = models.TextField(_("catatan verifikasi"), blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diverifikasi_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("persyaratan permohonan")
        verbose_name_plural = _("persyaratan permohonan")
        ordering = ["permohonan", "urutan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hasil="") | models.Q(hasil__in=HasilVerifikasi.values),
                name="permohonanpersyaratan_hasil_valid",
            ),
        ]

    def __str__(self):
        return self.deskripsi


class Dokumen(models.Model):
    """An uploaded document: for a persyaratan, or portfolio evidence when ``persyaratan`` is empty.

    Served only by ``asesi:dokumen-download`` after ``selectors.dokumen_visible_to``."""

    permohonan = models.ForeignKey(Permohonan, on_delete=models.CASCADE, related_name="dokumen")
    persyaratan = models.ForeignKey(
        PermohonanPersyaratan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="dokumen",
        verbose_name=_("persyaratan"),
    )
    berkas = models.FileField(
        _("berkas"), upload_to=private_upload_to("asesi/dokumen"), validators=[validate_document], max_length=200
    )
    nama_asli = models.CharField(_("nama berkas"), max_length=255)
    ukuran = models.PositiveIntegerField(_("ukuran (byte)"), default=0)
    mime = models.CharField(_("jenis"), max_length=50, blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("dokumen asesi")
        verbose_name_plural = _("dokumen asesi")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.nama_asli

    def get_absolute_url(self):
        return reverse("asesi:dokumen-download", args=[self.pk])

    @property
    def is_portofolio(self) -> bool:
        return self.persyaratan_id is None


class AsesmenMandiri(models.Model):
    """FR.APL.02: the asesi's answer (K / BK) for one element of one unit applied for, with evidence."""

    permohonan_unit = models.ForeignKey(PermohonanUnit, on_delete=models.CASCADE, related_name="asesmen_mandiri")
    elemen = models.ForeignKey("lsp.Elemen", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    urutan = models.PositiveSmallIntegerField(_("nomor elemen"), default=1)
    elemen_nama = models.CharField(_("elemen kompetensi"), max_length=500)
    jawaban = models.CharField(_("jawaban"), max_length=2, choices=Jawaban.choices, blank=True)
    bukti = models.ManyToManyField(Dokumen, blank=True, related_name="asesmen_mandiri", verbose_name=_("bukti"))
    bukti_catatan = models.TextField(_("keterangan bukti"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("asesmen mandiri (FR.APL.02)")
        verbose_name_plural = _("asesmen mandiri (FR.APL.02)")
        ordering = ["permohonan_unit", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["permohonan_unit", "urutan"], name="asesmenmandiri_elemen_unique"),
            models.CheckConstraint(
                condition=models.Q(jawaban="") | models.Q(jawaban__in=Jawaban.values),
                name="asesmenmandiri_jawaban_k_bk",
            ),
        ]

    def __str__(self):
        return f"{self.permohonan_unit.kode} / {self.urutan}. {self.elemen_nama}"


class PermohonanRiwayat(models.Model):
    """One status change of a permohonan (who, when, from → to, note), for the timeline."""

    permohonan = models.ForeignKey(Permohonan, on_delete=models.CASCADE, related_name="riwayat")
    dari = models.CharField(_("dari"), max_length=20, blank=True)
    ke = models.CharField(_("ke"), max_length=20, choices=Status.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    catatan = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("riwayat status permohonan")
        verbose_name_plural = _("riwayat status permohonan")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.permohonan_id}: {self.dari or '-'} → {self.ke}"

    @property
    def dari_label(self) -> str:
        return dict(Status.choices).get(self.dari, self.dari)
