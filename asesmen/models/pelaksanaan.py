"""Execution (flow steps 5–6): the bank of instrument items per unit/KUK, and per asesi the assessment
record (FR.AK.02) with its KUK results, item answers, unit verdicts, the IA.05 online test, FR.AK.03
feedback and the drawn signatures; per asesor and batch the FR.AK.06 review.

Writes go through ``asesmen.services.pelaksanaan``; the rules are in ``asesmen.domain_pelaksanaan``."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lsp.uploads import private_upload_to, validate_document

from ..domain_pelaksanaan import Dokumen, HasilKUK, JenisButir, Penilaian, Pihak, StatusRekaman, Verdict
from .perencanaan import PenugasanAsesor, PesertaJadwal


class ButirInstrumen(models.Model):
    """One item of an instrument's bank, kept by admin LSP for a unit (and a KUK when it evidences one):
    a checklist point, a question, a task or product criterion, a multiple-choice question with its key,
    or a piece of evidence to verify. ``jenis`` follows from ``instrumen`` (``domain_pelaksanaan.JENIS_BUTIR``)."""

    unit = models.ForeignKey("lsp.UnitKompetensi", on_delete=models.CASCADE, related_name="butir_instrumen")
    kuk = models.ForeignKey("lsp.KUK", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    instrumen = models.CharField(_("instrumen"), max_length=6)
    jenis = models.CharField(_("jenis butir"), max_length=15, choices=JenisButir.choices)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    pertanyaan = models.TextField(_("pertanyaan / kriteria"))
    pilihan = models.JSONField(_("pilihan jawaban"), default=list, blank=True)
    kunci = models.CharField(_("kunci jawaban"), max_length=1, blank=True)
    acuan = models.TextField(_("jawaban yang diharapkan / panduan"), blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("butir instrumen")
        verbose_name_plural = _("bank butir instrumen")
        ordering = ["unit", "instrumen", "urutan", "pk"]
        indexes = [models.Index(fields=["unit", "instrumen", "urutan"], name="butir_unit_instrumen_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(jenis__in=JenisButir.values), name="butir_jenis_valid"),
            models.CheckConstraint(
                condition=~models.Q(jenis=JenisButir.PILIHAN_GANDA) | ~models.Q(kunci=""), name="butir_pg_kunci"
            ),
        ]

    def __str__(self):
        return f"{self.instrumen} {self.urutan}. {self.pertanyaan[:60]}"


class RekamanAsesmen(models.Model):
    """FR.AK.02 Rekaman asesmen kompetensi of one asesi in one batch. A draft while the asesor assesses;
    once submitted (signed by the asesor) it is final — only an admin correction with a reason changes it."""

    peserta = models.OneToOneField(PesertaJadwal, on_delete=models.PROTECT, related_name="rekaman")
    status = models.CharField(_("status"), max_length=10, choices=StatusRekaman.choices, default=StatusRekaman.DRAF)
    rekomendasi = models.CharField(_("rekomendasi"), max_length=2, choices=Verdict.choices, blank=True)
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)
    catatan = models.TextField(_("catatan asesor"), blank=True)
    diajukan_pada = models.DateTimeField(_("diajukan"), null=True, blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rekaman asesmen (FR.AK.02)")
        verbose_name_plural = _("rekaman asesmen (FR.AK.02)")
        indexes = [
            models.Index(fields=["status", "-diajukan_pada"], name="rekaman_status_idx"),
            # the admin list (selectors_pelaksanaan.REKAMAN_KEYSET): its order, and each filter ending in it
            models.Index(fields=["-created_at", "-id"], name="rekaman_list_idx"),
            models.Index(fields=["rekomendasi", "-created_at", "-id"], name="rekaman_rekomendasi_idx"),
            models.Index(fields=["status", "-created_at", "-id"], name="rekaman_status_list_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=StatusRekaman.values), name="rekaman_status_valid"),
            models.CheckConstraint(
                condition=models.Q(status=StatusRekaman.DRAF)
                | (models.Q(rekomendasi__in=Verdict.values) & models.Q(diajukan_pada__isnull=False)),
                name="rekaman_diajukan_lengkap",
            ),
        ]

    def __str__(self):
        return f"FR.AK.02 {self.peserta_id}"

    def get_absolute_url(self):
        return reverse("asesmen:rekaman-riwayat", args=[self.peserta_id])

    @property
    def final(self) -> bool:
        return self.status == StatusRekaman.DIAJUKAN


class PenilaianKUK(models.Model):
    """The asesor's result for one KUK (FR.IA.01): K, BK or *penilaian lanjut*, with notes and the evidence
    seen. ``unit`` is the KUK's unit, stored so a record's results group by unit without joins."""

    rekaman = models.ForeignKey(RekamanAsesmen, on_delete=models.CASCADE, related_name="penilaian_kuk")
    unit = models.ForeignKey("lsp.UnitKompetensi", on_delete=models.PROTECT, related_name="+")
    kuk = models.ForeignKey("lsp.KUK", on_delete=models.PROTECT, related_name="+")
    hasil = models.CharField(_("hasil"), max_length=6, choices=HasilKUK.choices)
    catatan = models.TextField(_("catatan"), blank=True)
    bukti = models.CharField(_("referensi bukti"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("penilaian KUK")
        verbose_name_plural = _("penilaian KUK")
        constraints = [
            models.UniqueConstraint(fields=["rekaman", "kuk"], name="penilaian_kuk_unique"),
            models.CheckConstraint(condition=models.Q(hasil__in=HasilKUK.values), name="penilaian_kuk_hasil_valid"),
        ]

    def __str__(self):
        return f"{self.rekaman_id}/{self.kuk_id}: {self.hasil}"


class PenilaianUnit(models.Model):
    """The verdict of one planned unit, written when FR.AK.02 is submitted (from its KUK results)."""

    rekaman = models.ForeignKey(RekamanAsesmen, on_delete=models.CASCADE, related_name="penilaian_unit")
    unit = models.ForeignKey("lsp.UnitKompetensi", on_delete=models.PROTECT, related_name="+")
    hasil = models.CharField(_("hasil"), max_length=2, choices=Verdict.choices)
    # A re-assessment (after a granted appeal or on a new application) does not assess again a unit an
    # earlier record found K: it is carried over from that record (R47).
    dibawa_dari = models.ForeignKey(
        RekamanAsesmen, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("dibawa dari rekaman"),
    )

    class Meta:
        verbose_name = _("penilaian unit")
        verbose_name_plural = _("penilaian unit")
        constraints = [
            models.UniqueConstraint(fields=["rekaman", "unit"], name="penilaian_unit_unique"),
            models.CheckConstraint(condition=models.Q(hasil__in=Verdict.values), name="penilaian_unit_hasil_valid"),
            models.CheckConstraint(
                condition=models.Q(dibawa_dari__isnull=True) | models.Q(hasil=Verdict.K), name="penilaian_unit_dibawa_k"
            ),
        ]

    def __str__(self):
        return f"{self.rekaman_id}/{self.unit_id}: {self.hasil}"


class JawabanButir(models.Model):
    """One item of the bank answered for one asesi: the answer given (or noted by the asesor), the chosen
    option of a multiple-choice item, the VATM checks, and the asesor's judgement."""

    rekaman = models.ForeignKey(RekamanAsesmen, on_delete=models.CASCADE, related_name="jawaban")
    butir = models.ForeignKey(ButirInstrumen, on_delete=models.PROTECT, related_name="+")
    jawaban = models.TextField(_("jawaban"), blank=True)
    pilihan = models.CharField(_("pilihan"), max_length=1, blank=True)
    vatm = models.JSONField(_("valid / asli / terkini / memadai"), default=dict, blank=True)
    penilaian = models.CharField(_("penilaian"), max_length=15, choices=Penilaian.choices, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("jawaban butir instrumen")
        verbose_name_plural = _("jawaban butir instrumen")
        constraints = [
            models.UniqueConstraint(fields=["rekaman", "butir"], name="jawaban_butir_unique"),
            models.CheckConstraint(
                condition=models.Q(penilaian="") | models.Q(penilaian__in=Penilaian.values),
                name="jawaban_penilaian_valid",
            ),
        ]

    def __str__(self):
        return f"{self.rekaman_id}/{self.butir_id}"


class UjianTertulis(models.Model):
    """The asesi's IA.05 online test: started in their own login, closes at ``batas``; the score is
    evidence the asesor judges, never the verdict. The answers are ``JawabanButir`` rows."""

    rekaman = models.OneToOneField(RekamanAsesmen, on_delete=models.CASCADE, related_name="ujian")
    mulai_pada = models.DateTimeField(_("mulai"))
    batas = models.DateTimeField(_("batas waktu"))
    selesai_pada = models.DateTimeField(_("selesai"), null=True, blank=True)
    benar = models.PositiveSmallIntegerField(_("jawaban benar"), null=True, blank=True)
    jumlah = models.PositiveSmallIntegerField(_("jumlah soal"), default=0)

    class Meta:
        verbose_name = _("ujian tertulis (FR.IA.05)")
        verbose_name_plural = _("ujian tertulis (FR.IA.05)")
        constraints = [
            models.CheckConstraint(condition=models.Q(batas__gt=models.F("mulai_pada")), name="ujian_batas_after_mulai")
        ]

    def __str__(self):
        return f"IA.05 {self.rekaman_id}"


class UmpanBalik(models.Model):
    """FR.AK.03: the asesi's feedback on the assessment (yes/no per question, comments), sent once."""

    peserta = models.OneToOneField(PesertaJadwal, on_delete=models.PROTECT, related_name="umpan_balik")
    jawaban = models.JSONField(_("jawaban"), default=dict)
    catatan = models.TextField(_("catatan lain"), blank=True)
    dikirim_pada = models.DateTimeField(_("dikirim"), auto_now_add=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("umpan balik (FR.AK.03)")
        verbose_name_plural = _("umpan balik (FR.AK.03)")

    def __str__(self):
        return f"FR.AK.03 {self.peserta_id}"


class TinjauanAsesmen(models.Model):
    """FR.AK.06: the asesor's review of the assessment process of one batch."""

    penugasan = models.OneToOneField(PenugasanAsesor, on_delete=models.CASCADE, related_name="tinjauan")
    jawaban = models.JSONField(_("jawaban"), default=dict)
    rekomendasi_perbaikan = models.TextField(_("rekomendasi perbaikan"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tinjauan proses asesmen (FR.AK.06)")
        verbose_name_plural = _("tinjauan proses asesmen (FR.AK.06)")

    def __str__(self):
        return f"FR.AK.06 {self.penugasan_id}"


class TandaTangan(models.Model):
    """A drawn signature (PNG checked by its bytes) on one form of one asesi, by the asesi or the asesor:
    who, when, from which address. One per form and side; never replaced."""

    peserta = models.ForeignKey(PesertaJadwal, on_delete=models.PROTECT, related_name="tanda_tangan")
    dokumen = models.CharField(_("formulir"), max_length=6, choices=Dokumen.choices)
    pihak = models.CharField(_("pihak"), max_length=6, choices=Pihak.choices)
    gambar = models.FileField(_("tanda tangan"), upload_to=private_upload_to("ttd"))
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField(_("ditandatangani"), auto_now_add=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("tanda tangan")
        verbose_name_plural = _("tanda tangan")
        constraints = [
            models.UniqueConstraint(fields=["peserta", "dokumen", "pihak"], name="ttd_unique"),
            models.CheckConstraint(condition=models.Q(dokumen__in=Dokumen.values), name="ttd_dokumen_valid"),
            models.CheckConstraint(condition=models.Q(pihak__in=Pihak.values), name="ttd_pihak_valid"),
        ]

    def __str__(self):
        return f"{self.dokumen} {self.pihak} {self.peserta_id}"


class BuktiKerja(models.Model):
    """A work product the asesi uploads for an IA.02 task or IA.11 product item (PDF/JPG/PNG checked by
    its bytes, the asesi app's upload rules); the asesor judges the item with it."""

    rekaman = models.ForeignKey(RekamanAsesmen, on_delete=models.CASCADE, related_name="bukti_kerja")
    butir = models.ForeignKey(ButirInstrumen, on_delete=models.PROTECT, related_name="+")
    berkas = models.FileField(_("berkas"), upload_to=private_upload_to("asesmen/bukti-kerja"),
                              validators=[validate_document], max_length=200)
    nama_asli = models.CharField(_("nama berkas"), max_length=255)
    mime = models.CharField(_("jenis"), max_length=50)
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("hasil kerja asesi")
        verbose_name_plural = _("hasil kerja asesi")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["rekaman", "butir"], name="bukti_kerja_rekaman_idx")]

    def __str__(self):
        return self.nama_asli

    def get_absolute_url(self):
        return reverse("asesmen:bukti-kerja", args=[self.pk])
