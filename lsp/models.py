"""LSP-wide records: users, the LSP's own profile, master data (skema → unit → elemen → KUK, TUK, hari libur),
the audit trail and the notification outbox."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .domain import KODE_UNIT_MESSAGE, KODE_UNIT_PATTERN
from .domain_libur import NAMA_MAX, JenisLibur
from .roles import Role

LSP_PROFILE_CACHE_KEY = "lsp:profile"

kode_unit_validator = RegexValidator(KODE_UNIT_PATTERN, KODE_UNIT_MESSAGE, code="kode_unit")


class User(AbstractUser):
    """A person who logs in. What they may do comes from their roles (groups), see ``lsp.roles``."""

    nama_lengkap = models.CharField(_("nama lengkap"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        # The asesi and asesor lists are ordered by name (then username): walked in index order, not sorted.
        indexes = [models.Index(fields=["nama_lengkap", "username"], name="user_nama_idx")]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ci",
                condition=~models.Q(email=""),
                violation_error_message=_("Email ini sudah terdaftar."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        return self.nama_lengkap or super().get_full_name()

    @property
    def role_names(self) -> frozenset:
        """The role names this user holds (cached per instance; superusers hold every role)."""
        if not hasattr(self, "_role_names"):
            if not self.is_active:
                names = frozenset()
            elif self.is_superuser:
                names = frozenset(Role.values)
            else:
                names = frozenset(self.groups.values_list("name", flat=True)) & frozenset(Role.values)
            self._role_names = names
        return self._role_names

    def has_role(self, *roles) -> bool:
        return bool(self.role_names & {str(r) for r in roles})


class LspProfile(models.Model):
    """The one LSP this installation serves (a singleton: pk is always 1)."""

    nama = models.CharField(_("nama LSP"), max_length=200)
    nomor_lisensi = models.CharField(
        _("nomor lisensi BNSP"),
        max_length=50,
        help_text=_("Mis. BNSP-LSP-1565-ID"),
        validators=[
            RegexValidator(
                r"^BNSP-LSP-\d{3,5}-[A-Z]{2,3}$",
                _("Format nomor lisensi: BNSP-LSP-1565-ID."),
                code="nomor_lisensi",
            )
        ],
    )
    kode_lsp = models.CharField(
        _("kode LSP"),
        max_length=10,
        blank=True,
        help_text=_("Kode lisensi dalam nomor registrasi, mis. 1565"),
        validators=[RegexValidator(r"^\d*$", _("Kode LSP hanya berisi angka, mis. 1565."), code="kode_lsp")],
    )
    alamat = models.TextField(_("alamat"))
    telepon = models.CharField(_("telepon"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="lsp/logo/", blank=True)
    penandatangan_nama = models.CharField(_("nama penanda tangan"), max_length=150)
    penandatangan_jabatan = models.CharField(_("jabatan penanda tangan"), max_length=150, default="Ketua LSP")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profil LSP")
        verbose_name_plural = _("profil LSP")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="lspprofile_singleton")]

    def __str__(self):
        return self.nama

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        # Every page shows the profile: it is cached (``get``). Forget it now, and again once this
        # transaction commits (a page rendered meanwhile may have cached the old row).
        cache.delete(LSP_PROFILE_CACHE_KEY)
        transaction.on_commit(lambda: cache.delete(LSP_PROFILE_CACHE_KEY))

    @classmethod
    def get(cls):
        """The profile, or an unsaved blank one before the LSP filled it in. Cached for every page
        (``LSP_PROFILE_CACHE_SECONDS``; forgotten when saved — with a per-process cache the other
        processes see a change within that time, with Redis at once)."""
        profile = cache.get(LSP_PROFILE_CACHE_KEY)
        if profile is None:
            profile = cls.objects.filter(pk=1).first() or False
            cache.set(LSP_PROFILE_CACHE_KEY, profile, settings.LSP_PROFILE_CACHE_SECONDS)
        return profile or cls(nama=str(_("LSP (profil belum diisi)")))


class Skema(models.Model):
    class Jenis(models.TextChoices):
        KKNI = "kkni", _("KKNI")
        OKUPASI = "okupasi", _("Okupasi")
        KLASTER = "klaster", _("Klaster")

    kode = models.CharField(_("kode skema"), max_length=50, unique=True)
    nama = models.CharField(_("nama skema"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices, default=Jenis.OKUPASI)
    level_kkni = models.PositiveSmallIntegerField(
        _("jenjang KKNI"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, _("Jenjang KKNI antara 1 dan 9.")),
            MaxValueValidator(9, _("Jenjang KKNI antara 1 dan 9.")),
        ],
    )
    bidang = models.CharField(_("bidang"), max_length=100, blank=True, help_text=_("Mis. TIK, Pariwisata"))
    masa_berlaku_tahun = models.PositiveSmallIntegerField(
        _("masa berlaku sertifikat (tahun)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10, _("Masa berlaku paling lama 10 tahun."))],
    )
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("skema sertifikasi")
        verbose_name_plural = _("skema sertifikasi")
        ordering = ["kode"]
        constraints = [
            models.CheckConstraint(condition=models.Q(masa_berlaku_tahun__gte=1), name="skema_masa_berlaku_min_1"),
            models.CheckConstraint(
                condition=models.Q(level_kkni__isnull=True) | models.Q(level_kkni__range=(1, 9)),
                name="skema_level_kkni_1_9",
            ),
        ]

    def __str__(self):
        return f"{self.kode} — {self.nama}"

    def get_absolute_url(self):
        return reverse("lsp:skema-detail", args=[self.pk])


class UnitKompetensi(models.Model):
    skema = models.ForeignKey(Skema, on_delete=models.CASCADE, related_name="units", verbose_name=_("skema"))
    kode = models.CharField(_("kode unit"), max_length=40, validators=[kode_unit_validator])
    judul = models.CharField(_("judul unit"), max_length=255)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)

    class Meta:
        verbose_name = _("unit kompetensi")
        verbose_name_plural = _("unit kompetensi")
        ordering = ["skema", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["skema", "kode"], name="unit_kode_unique_per_skema")]

    def __str__(self):
        return f"{self.kode} {self.judul}"


class Elemen(models.Model):
    unit = models.ForeignKey(UnitKompetensi, on_delete=models.CASCADE, related_name="elemen", verbose_name=_("unit"))
    urutan = models.PositiveSmallIntegerField(_("nomor"), default=1)
    nama = models.CharField(_("elemen kompetensi"), max_length=500)

    class Meta:
        verbose_name = _("elemen kompetensi")
        verbose_name_plural = _("elemen kompetensi")
        ordering = ["unit", "urutan"]
        constraints = [models.UniqueConstraint(fields=["unit", "urutan"], name="elemen_urutan_unique_per_unit")]

    def __str__(self):
        return f"{self.urutan}. {self.nama}"


class KUK(models.Model):
    """Kriteria unjuk kerja: a performance criterion of an element."""

    elemen = models.ForeignKey(Elemen, on_delete=models.CASCADE, related_name="kuk", verbose_name=_("elemen"))
    urutan = models.PositiveSmallIntegerField(_("nomor"), default=1)
    deskripsi = models.TextField(_("kriteria unjuk kerja"))

    class Meta:
        verbose_name = _("KUK")
        verbose_name_plural = _("KUK")
        ordering = ["elemen", "urutan"]
        constraints = [models.UniqueConstraint(fields=["elemen", "urutan"], name="kuk_urutan_unique_per_elemen")]

    def __str__(self):
        return f"{self.elemen.urutan}.{self.urutan} {self.deskripsi}"


class PersyaratanDasar(models.Model):
    """A basic requirement of a skema that an application proves with documents."""

    skema = models.ForeignKey(
        Skema, on_delete=models.CASCADE, related_name="persyaratan", verbose_name=_("skema")
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    deskripsi = models.CharField(_("persyaratan"), max_length=500)
    wajib = models.BooleanField(_("wajib"), default=True)

    class Meta:
        verbose_name = _("persyaratan dasar")
        verbose_name_plural = _("persyaratan dasar")
        ordering = ["skema", "urutan"]

    def __str__(self):
        return self.deskripsi


class TUK(models.Model):
    """Tempat Uji Kompetensi."""

    class Jenis(models.TextChoices):
        SEWAKTU = "sewaktu", _("Sewaktu")
        TEMPAT_KERJA = "tempat_kerja", _("Tempat kerja")
        MANDIRI = "mandiri", _("Mandiri")

    kode = models.CharField(_("kode TUK"), max_length=30, unique=True)
    nama = models.CharField(_("nama TUK"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=15, choices=Jenis.choices)
    alamat = models.TextField(_("alamat"))
    kota = models.CharField(_("kota/kabupaten"), max_length=100, blank=True)
    kontak_nama = models.CharField(_("nama kontak"), max_length=150, blank=True)
    kontak_telepon = models.CharField(_("telepon kontak"), max_length=30, blank=True)
    kontak_email = models.EmailField(_("email kontak"), blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("TUK")
        verbose_name_plural = _("TUK")
        ordering = ["nama"]

    def __str__(self):
        return f"{self.nama} ({self.get_jenis_display()})"


class AuditLog(models.Model):
    """Who did what to which record, when, and from which state to which (ISO/IEC 17024 §7.1).

    Written by services in the same transaction as the change (``lsp.audit.audit_log``)."""

    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    action = models.CharField(_("aksi"), max_length=80, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("objek"), max_length=255, blank=True)
    from_state = models.CharField(_("dari"), max_length=40, blank=True)
    to_state = models.CharField(_("ke"), max_length=40, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="audit_target_idx"),
            # The trail is read newest first, a page at a time from a (created_at, id) cursor; per action too.
            models.Index(fields=["created_at", "id"], name="audit_created_id_idx"),
            models.Index(fields=["action", "created_at", "id"], name="audit_action_created_idx"),
            models.Index(fields=["actor", "created_at", "id"], name="audit_actor_created_idx"),
            # by app or kind of record (lsp.filters.AuditLogFilter: app, jenis), newest first
            models.Index(fields=["content_type", "created_at", "id"], name="audit_type_created_idx"),
            models.Index(fields=["object_id"], name="audit_object_id_idx"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    @property
    def action_label(self) -> str:
        from .audit import action_label

        return action_label(self.action)

    @property
    def from_state_label(self) -> str:
        from .audit import state_label

        return state_label(self.action, self.from_state)

    @property
    def to_state_label(self) -> str:
        from .audit import state_label

        return state_label(self.action, self.to_state)

    @property
    def object_url(self) -> str:
        """The page of the object this row is about (no query: the content type is selected with the row)."""
        from .audit import audit_object_url

        return audit_object_url(self.content_type, self.object_id)


class Ekspor(models.Model):
    """A file built in the background (an XLSX of a whole list): asked for by a user, built by a Celery
    task (``lsp.tasks.ekspor_build``), downloaded by the same user. ``jenis`` names a builder registered in
    ``lsp.ekspor``; ``params`` holds the list's filters as they were asked. A failed build shows its error
    and can be asked again (``lsp.services.ekspor.ekspor_retry``)."""

    class Status(models.TextChoices):
        ANTRI = "antri", _("Dalam antrean")
        PROSES = "proses", _("Sedang dibuat")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    jenis = models.CharField(_("jenis"), max_length=50)
    params = models.JSONField(_("saringan"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRI)
    baris_selesai = models.PositiveIntegerField(_("baris selesai"), default=0)
    baris_total = models.PositiveIntegerField(_("jumlah baris"), null=True, blank=True)
    berkas = models.FileField(_("berkas"), upload_to="ekspor/", blank=True)
    nama_berkas = models.CharField(_("nama berkas"), max_length=255, blank=True)
    galat = models.TextField(_("galat"), blank=True)
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("diminta oleh")
    )
    created_at = models.DateTimeField(_("diminta pada"), auto_now_add=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("ekspor")
        verbose_name_plural = _("ekspor")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="ekspor_user_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="selesai") | ~models.Q(berkas=""), name="ekspor_selesai_has_file"
            ),
        ]

    def __str__(self):
        return f"{self.jenis} #{self.pk}"

    def get_absolute_url(self):
        return reverse("lsp:ekspor-detail", args=[self.pk])

    @property
    def persen(self) -> int:
        if self.status == self.Status.SELESAI:
            return 100
        if not self.baris_total:
            return 0
        return min(99, self.baris_selesai * 100 // self.baris_total)

    @property
    def jenis_label(self) -> str:
        from .ekspor import ekspor_label

        return ekspor_label(self.jenis)


class Notification(models.Model):
    """Outbox of emails. A row is written with the change that causes it; a Celery task sends it.

    ``key`` makes a notification idempotent: the same key is never sent twice (e.g. reminders).
    A worker claims a row (status ``mengirim``, ``claimed_at``) in its own short transaction before it
    talks to SMTP, so no lock is held while sending; see ``lsp.notifications``."""

    class Status(models.TextChoices):
        ANTRI = "antri", _("Antri")
        MENGIRIM = "mengirim", _("Sedang dikirim")
        TERKIRIM = "terkirim", _("Terkirim")
        GAGAL = "gagal", _("Gagal")

    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    recipient = models.EmailField(_("penerima"))
    subject = models.CharField(_("subjek"), max_length=255)
    body = models.TextField(_("isi"))
    contains_secret = models.BooleanField(
        _("berisi tautan rahasia"),
        default=False,
        help_text=_("Isi (mis. tautan aktivasi) dihapus setelah terkirim agar tidak bisa dipakai orang lain."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRI)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="notification_status_idx")]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"


class Pemberitahuan(models.Model):
    """An in-app notification (the bell): one row per recipient for each event an email is sent for.

    Written by ``lsp.notifications.notification_send`` in the same transaction as the email's outbox
    row, so the two exist together or not at all; ``url`` is the page the event is about (a path inside
    this site). Read only by its recipient (``selectors.pemberitahuan_for_user``)."""

    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pemberitahuan", verbose_name=_("penerima")
    )
    notifikasi = models.OneToOneField(
        Notification, on_delete=models.SET_NULL, null=True, blank=True, related_name="pemberitahuan",
        verbose_name=_("email"),
    )
    judul = models.CharField(_("judul"), max_length=255)
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    dibuat_pada = models.DateTimeField(_("waktu"), auto_now_add=True)
    dibaca_pada = models.DateTimeField(_("dibaca"), null=True, blank=True)

    class Meta:
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        ordering = ["-dibuat_pada", "-pk"]
        indexes = [
            # the list page: one recipient's rows, newest first
            models.Index(fields=["penerima", "-dibuat_pada", "-id"], name="pemberitahuan_list_idx"),
            # the bell: one recipient's unread rows (a small partial index)
            models.Index(
                fields=["penerima"], name="pemberitahuan_unread_idx", condition=models.Q(dibaca_pada__isnull=True)
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(url="") | models.Q(url__startswith="/"), name="pemberitahuan_url_lokal"
            ),
        ]

    def __str__(self):
        return self.judul

    @property
    def dibaca(self) -> bool:
        return self.dibaca_pada is not None


class HariLibur(models.Model):
    """A day off in Indonesia — a national holiday or a cuti bersama day set by the yearly SKB of three
    ministers — kept by admin LSP (R64). Not a working day for the pleno's 5 working days
    (``lsp.selectors.libur_antara`` → ``asesmen.domain_keputusan.hari_kerja_antara``)."""

    Jenis = JenisLibur

    tanggal = models.DateField(_("tanggal"), unique=True)  # its index serves the range of a year or a period
    nama = models.CharField(_("nama"), max_length=NAMA_MAX)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisLibur.choices, default=JenisLibur.LIBUR_NASIONAL)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("diubah oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["tanggal"]
        constraints = [
            models.CheckConstraint(condition=models.Q(jenis__in=JenisLibur.values), name="harilibur_jenis_valid"),
            models.CheckConstraint(condition=~models.Q(nama=""), name="harilibur_nama_isi"),
        ]

    def __str__(self):
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"
