"""Writes about asesors. Each function takes keyword arguments, validates (errors carry a ``code``), writes
inside one transaction together with its audit row, and sends emails only after commit.

For the asesmen app (these are the only calls it needs):
* ``asesmen_log_record(asesor=, tanggal=, skema=, jumlah_asesi=, sumber_ref=, by=)`` — when an
  assessment is finished; idempotent on ``sumber_ref``.
* ``diklat_peserta_declare_kompeten(peserta=, nomor_registrasi=, nomor_sertifikat=, issued_on=, by=)`` —
  when the komite decides *kompeten* for an asesor candidate (find ``peserta`` with
  ``selectors.peserta_diklat_open_for``).
* ``selectors.asesor_can_assess(...)`` — the scheduling guard (a read, so it lives in selectors).
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lsp.audit import AuditAction as LspAuditAction
from lsp.audit import audit_log
from lsp.roles import Role
from lsp.uploads import safe_original_name, validate_document

from . import domain, emails, selectors
from .domain import AuditAction
from .models import (
    AsesorProfile,
    Diklat,
    KompetensiTeknis,
    KonflikKepentingan,
    PesertaDiklat,
    RiwayatAsesmen,
    SertifikatAsesor,
)

User = get_user_model()


def _today() -> date:
    return timezone.localdate()


def _field_error(field: str, message, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _normalize_nomor(nomor_registrasi: str) -> str:
    try:
        return domain.nomor_registrasi_normalize(nomor_registrasi)
    except ValueError:
        raise _field_error(
            "nomor_registrasi",
            _("Format nomor registrasi asesor: MET.000.001234 2024."),
            "nomor_registrasi",
        ) from None


def _check_nomor_free(nomor: str, *, exclude_pk=None):
    qs = AsesorProfile.objects.filter(nomor_registrasi=nomor)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise _field_error(
            "nomor_registrasi",
            _("Nomor registrasi ini sudah dipakai asesor lain."),
            "nomor_registrasi_dipakai",
        )


def _attach(obj, dokumen):
    if dokumen:
        try:
            mime = validate_document(dokumen)
        except ValidationError as exc:
            raise ValidationError({"dokumen": exc}) from None
        obj.dokumen = dokumen
        obj.dokumen_nama = safe_original_name(getattr(dokumen, "name", ""))
        obj.dokumen_mime = mime


# --- asesor profile -----------------------------------------------------------------------------


@transaction.atomic
def asesor_register(
    *,
    nomor_registrasi: str,
    by,
    user=None,
    username: str = "",
    nama_lengkap: str = "",
    email: str = "",
    telepon: str = "",
    alamat: str = "",
    is_master: bool = False,
) -> AsesorProfile:
    """Make ``user`` (or a new account ``username``) an asesor: profile + the asesor role.

    A new account gets no usable password; the person sets one through "Lupa kata sandi"."""
    nomor = _normalize_nomor(nomor_registrasi)
    if user is None:
        username = (username or "").strip()
        if not username:
            raise ValidationError(_("Pilih pengguna atau isi nama pengguna baru."), code="pengguna_wajib")
        if User.objects.filter(username__iexact=username).exists():
            raise _field_error("username", _("Nama pengguna ini sudah dipakai."), "username_dipakai")
        if email and User.objects.filter(email__iexact=email).exists():
            raise _field_error("email", _("Email ini sudah terdaftar."), "email_dipakai")
        user = User(username=username, nama_lengkap=nama_lengkap, email=email)
        user.set_unusable_password()
        user.save()
        audit_log(actor=by, action=LspAuditAction.USER_CREATE, obj=user, note=_("Akun asesor dibuat"))
    if AsesorProfile.objects.filter(user=user).exists():
        raise ValidationError(_("Pengguna ini sudah terdaftar sebagai asesor."), code="sudah_asesor")
    _check_nomor_free(nomor)
    profile = AsesorProfile(user=user, nomor_registrasi=nomor, telepon=telepon, alamat=alamat, is_master=is_master)
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError:  # the same number raced in
        _check_nomor_free(nomor)
        raise
    user.groups.add(Group.objects.get_or_create(name=Role.ASESOR.value)[0])
    audit_log(actor=by, action=AuditAction.ASESOR_REGISTER, obj=profile, to_state="terdaftar", data={"nomor": nomor})
    return profile


@transaction.atomic
def asesor_update(
    *, asesor: AsesorProfile, by, nomor_registrasi: str, telepon: str = "", alamat: str = "", is_master: bool = False
) -> AsesorProfile:
    nomor = _normalize_nomor(nomor_registrasi)
    _check_nomor_free(nomor, exclude_pk=asesor.pk)
    before = {"nomor_registrasi": asesor.nomor_registrasi, "is_master": asesor.is_master}
    asesor.nomor_registrasi, asesor.telepon, asesor.alamat, asesor.is_master = nomor, telepon, alamat, is_master
    asesor.save(update_fields=["nomor_registrasi", "telepon", "alamat", "is_master", "updated_at"])
    after = {"nomor_registrasi": asesor.nomor_registrasi, "is_master": asesor.is_master}
    audit_log(actor=by, action=AuditAction.ASESOR_UPDATE, obj=asesor, data={"sebelum": before, "sesudah": after})
    return asesor


# --- certificates -------------------------------------------------------------------------------


def _check_nomor_sertifikat_free(nomor: str):
    if SertifikatAsesor.objects.filter(nomor__iexact=nomor).exists():
        raise _field_error("nomor", _("Nomor sertifikat ini sudah tercatat."), "nomor_sertifikat_dipakai")


def _create_sertifikat(*, asesor, nomor, jenis, issued_on, dokumen, by) -> SertifikatAsesor:
    nomor = (nomor or "").strip()
    if not nomor:
        raise _field_error("nomor", _("Nomor sertifikat wajib diisi."), "required")
    _check_nomor_sertifikat_free(nomor)
    cert = SertifikatAsesor(
        asesor=asesor,
        nomor=nomor,
        jenis=jenis,
        issued_on=issued_on,
        valid_until=domain.sertifikat_valid_until(issued_on),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _attach(cert, dokumen)
    try:
        with transaction.atomic():
            cert.save()
    except IntegrityError:
        _check_nomor_sertifikat_free(nomor)
        raise
    return cert


@transaction.atomic
def sertifikat_asesor_record(
    *, asesor: AsesorProfile, nomor: str, issued_on: date, by, jenis=domain.JenisSertifikat.AWAL, dokumen=None,
    today: date | None = None,
) -> SertifikatAsesor:
    """Record an asesor certificate obtained through diklat + uji kompetensi: the first one (``awal``), or
    after having repeated the whole process (``ulang``). Recognition goes through ``asesor_recognize``.

    A certificate may not start while an earlier one is still valid (they never overlap), nor in the
    future. ``valid_until`` is computed here, once (``domain.sertifikat_valid_until``)."""
    asesor = AsesorProfile.objects.select_for_update().get(pk=asesor.pk)
    today = today or _today()
    existing = list(asesor.sertifikat.all())
    if jenis == domain.JenisSertifikat.REKOGNISI:
        raise ValidationError(_("Catat rekognisi melalui tombol Rekognisi."), code="gunakan_rekognisi")
    if jenis not in domain.JenisSertifikat.values:
        raise ValidationError(_("Jenis sertifikat tidak dikenal."), code="jenis_tidak_sah")
    if issued_on > today:
        raise _field_error("issued_on", _("Tanggal terbit tidak boleh di masa depan."), "tanggal_masa_depan")
    if jenis == domain.JenisSertifikat.AWAL and existing:
        raise ValidationError(
            _("Asesor ini sudah memiliki sertifikat; sertifikat setelah mengulang proses berjenis 'ulang'."),
            code="sertifikat_awal_sudah_ada",
        )
    if jenis == domain.JenisSertifikat.ULANG and not existing:
        raise ValidationError(
            _("Sertifikat pertama seorang asesor berjenis 'awal'."), code="sertifikat_ulang_tanpa_riwayat"
        )
    if domain.sertifikat_overlap(existing, issued_on):
        raise _field_error(
            "issued_on",
            _("Masih ada sertifikat asesor yang berlaku pada tanggal itu; sertifikat tidak boleh tumpang tindih."),
            "sertifikat_tumpang_tindih",
        )
    cert = _create_sertifikat(asesor=asesor, nomor=nomor, jenis=jenis, issued_on=issued_on, dokumen=dokumen, by=by)
    audit_log(
        actor=by, action=AuditAction.ASESOR_SERTIFIKAT_RECORD, obj=asesor, to_state=jenis,
        note=str(cert), data={"sertifikat": cert.pk, "valid_until": cert.valid_until.isoformat()},
    )
    return cert


@transaction.atomic
def asesor_recognize(
    *, asesor: AsesorProfile, nomor: str, by, dokumen=None, today: date | None = None
) -> SertifikatAsesor:
    """Record a recognition (RCC): a new certificate starting the day after the current one ends — only
    when ``asesor_status`` says ``layak_rekognisi``. Otherwise refused with the reason and the count:
    ``tidak_ada_sertifikat``, ``rekognisi_sudah_dicatat``, ``rekognisi_kurang_asesmen`` (still valid,
    short), ``wajib_mengulang`` (expired and short)."""
    asesor = AsesorProfile.objects.select_for_update().get(pk=asesor.pk)
    today = today or _today()
    status = selectors.asesor_status_on(asesor=asesor, on_date=today)
    if status.sertifikat is None:
        raise ValidationError(_("Asesor ini belum memiliki sertifikat asesor."), code="tidak_ada_sertifikat")
    if status.berikutnya is not None:
        raise ValidationError(
            _("Sertifikat berikutnya sudah dicatat (berlaku mulai %(tanggal)s).")
            % {"tanggal": status.berikutnya.issued_on.strftime("%d-%m-%Y")},
            code="rekognisi_sudah_dicatat",
        )
    if status.rekognisi != domain.StatusRekognisi.LAYAK:
        params = {"jumlah": status.jumlah_asesmen, "minimum": status.minimum}
        if status.rekognisi == domain.StatusRekognisi.WAJIB_MENGULANG:
            raise ValidationError(
                _(
                    "Rekognisi ditolak: hanya %(jumlah)s dari %(minimum)s asesmen dalam masa berlaku sertifikat, "
                    "dan sertifikat sudah kedaluwarsa. Asesor wajib mengulang diklat dan uji kompetensi."
                ),
                code="wajib_mengulang",
                params=params,
            )
        raise ValidationError(
            _("Rekognisi ditolak: baru %(jumlah)s dari %(minimum)s asesmen dalam masa berlaku sertifikat."),
            code="rekognisi_kurang_asesmen",
            params=params,
        )
    issued_on = domain.recognition_starts_on(status.sertifikat.valid_until)
    cert = _create_sertifikat(
        asesor=asesor, nomor=nomor, jenis=domain.JenisSertifikat.REKOGNISI, issued_on=issued_on, dokumen=dokumen, by=by
    )
    audit_log(
        actor=by, action=AuditAction.ASESOR_REKOGNISI, obj=asesor, from_state=status.rekognisi,
        to_state=domain.JenisSertifikat.REKOGNISI, note=status.hitungan,
        data={"sertifikat": cert.pk, "sebelumnya": status.sertifikat.pk, "jumlah_asesmen": status.jumlah_asesmen},
    )
    return cert


# --- technical competence -----------------------------------------------------------------------


def _check_kompetensi(*, skema, bidang, issued_on, valid_until):
    if skema is None and not (bidang or "").strip():
        raise ValidationError(_("Pilih skema atau isi bidang."), code="skema_atau_bidang")
    if valid_until is not None and valid_until < issued_on:
        raise _field_error("valid_until", _("Tidak boleh sebelum tanggal terbit."), "tanggal_terbalik")


@transaction.atomic
def kompetensi_add(
    *, asesor: AsesorProfile, nomor_sertifikat: str, penerbit: str, issued_on: date, by, skema=None, bidang: str = "",
    valid_until: date | None = None, dokumen=None,
) -> KompetensiTeknis:
    _check_kompetensi(skema=skema, bidang=bidang, issued_on=issued_on, valid_until=valid_until)
    k = KompetensiTeknis(
        asesor=asesor, skema=skema, bidang="" if skema else bidang.strip(), nomor_sertifikat=nomor_sertifikat.strip(),
        penerbit=penerbit.strip(), issued_on=issued_on, valid_until=valid_until,
    )
    _attach(k, dokumen)
    k.save()
    audit_log(actor=by, action=AuditAction.ASESOR_KOMPETENSI_ADD, obj=asesor, note=str(k), data={"kompetensi": k.pk})
    return k


@transaction.atomic
def kompetensi_update(
    *, kompetensi: KompetensiTeknis, nomor_sertifikat: str, penerbit: str, issued_on: date, by, skema=None,
    bidang: str = "", valid_until: date | None = None, dokumen=None,
) -> KompetensiTeknis:
    _check_kompetensi(skema=skema, bidang=bidang, issued_on=issued_on, valid_until=valid_until)
    before = str(kompetensi)
    kompetensi.skema, kompetensi.bidang = skema, "" if skema else bidang.strip()
    kompetensi.nomor_sertifikat, kompetensi.penerbit = nomor_sertifikat.strip(), penerbit.strip()
    kompetensi.issued_on, kompetensi.valid_until = issued_on, valid_until
    _attach(kompetensi, dokumen)
    kompetensi.save()
    audit_log(
        actor=by, action=AuditAction.ASESOR_KOMPETENSI_UPDATE, obj=kompetensi.asesor, note=f"{before} → {kompetensi}",
        data={"kompetensi": kompetensi.pk},
    )
    return kompetensi


# --- the assessment log -------------------------------------------------------------------------


@transaction.atomic
def asesmen_log_record(
    *, asesor, tanggal: date, skema, jumlah_asesi: int, sumber_ref: str, by=None
) -> RiwayatAsesmen:
    """The asesmen app calls this when an assessment carried out in this system is finished.

    ``asesor``: the ``AsesorProfile`` (or its user). ``sumber_ref``: a stable id of what was finished,
    e.g. ``"asesmen.jadwal:42:asesor:7"``; calling again with the same ref returns the first entry and
    writes nothing (safe to retry). Log one entry per assessment activity — one jadwal the asesor
    assessed, with its number of asesi: each entry counts once towards recognition."""
    if not isinstance(asesor, AsesorProfile):
        profile = AsesorProfile.objects.filter(user=asesor).first()
        if profile is None:
            raise ValidationError(_("Pengguna ini belum terdaftar sebagai asesor."), code="bukan_asesor")
        asesor = profile
    sumber_ref = (sumber_ref or "").strip()
    if not sumber_ref:
        raise ValidationError(_("Referensi sumber wajib diisi."), code="sumber_ref_wajib")
    if jumlah_asesi is None or jumlah_asesi < 1:
        raise ValidationError(_("Jumlah asesi minimal 1."), code="jumlah_asesi")
    existing = RiwayatAsesmen.objects.filter(sumber_ref=sumber_ref).first()
    if existing is None:
        entry = RiwayatAsesmen(
            asesor=asesor, sumber=RiwayatAsesmen.Sumber.INTERNAL, tanggal=tanggal, skema=skema,
            jumlah_asesi=jumlah_asesi, sumber_ref=sumber_ref, status=domain.StatusVerifikasi.DITERIMA,
            verified_at=timezone.now(), created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError:  # the same ref raced in from another worker
            existing = RiwayatAsesmen.objects.get(sumber_ref=sumber_ref)
        else:
            audit_log(
                actor=by, action=AuditAction.ASESOR_RIWAYAT_INTERNAL, obj=asesor, to_state=entry.status,
                note=str(entry), data={"riwayat": entry.pk, "sumber_ref": sumber_ref},
            )
            return entry
    if existing.asesor_id != asesor.pk:
        raise ValidationError(
            _("Referensi sumber ini sudah tercatat untuk asesor lain."), code="sumber_ref_bentrok"
        )
    return existing


@transaction.atomic
def riwayat_eksternal_add(
    *, asesor: AsesorProfile, tanggal: date, nama_lsp: str, jumlah_asesi: int, dokumen, by, skema=None,
    skema_nama: str = "", catatan: str = "", today: date | None = None,
) -> RiwayatAsesmen:
    """An admin enters an assessment the asesor did for another LSP, with its evidence. It waits for
    verification (``riwayat_verify``): only accepted entries count towards recognition, because an
    LSP must check the evidence (surat tugas, berita acara) before it relies on it."""
    today = today or _today()
    if tanggal > today:
        raise _field_error("tanggal", _("Tanggal asesmen tidak boleh di masa depan."), "tanggal_masa_depan")
    if not (nama_lsp or "").strip():
        raise _field_error("nama_lsp", _("Nama LSP wajib diisi."), "required")
    if skema is None and not (skema_nama or "").strip():
        raise ValidationError(_("Pilih skema atau tulis nama skema."), code="skema_atau_nama")
    if not dokumen:
        raise _field_error("dokumen", _("Unggah dokumen bukti asesmen."), "dokumen_wajib")
    if jumlah_asesi is None or jumlah_asesi < 1:
        raise _field_error("jumlah_asesi", _("Jumlah asesi minimal 1."), "jumlah_asesi")
    entry = RiwayatAsesmen(
        asesor=asesor, sumber=RiwayatAsesmen.Sumber.EKSTERNAL, tanggal=tanggal, skema=skema,
        skema_nama="" if skema else skema_nama.strip(), nama_lsp=nama_lsp.strip(), jumlah_asesi=jumlah_asesi,
        catatan=catatan, status=domain.StatusVerifikasi.MENUNGGU,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _attach(entry, dokumen)
    entry.save()
    audit_log(
        actor=by, action=AuditAction.ASESOR_RIWAYAT_EKSTERNAL, obj=asesor, to_state=entry.status, note=str(entry),
        data={"riwayat": entry.pk},
    )
    return entry


@transaction.atomic
def riwayat_verify(*, riwayat: RiwayatAsesmen, terima: bool, by, catatan: str = "") -> RiwayatAsesmen:
    """Accept or reject an external log entry after checking its evidence (rejecting needs a reason)."""
    riwayat = RiwayatAsesmen.objects.select_for_update().get(pk=riwayat.pk)
    target = domain.StatusVerifikasi.DITERIMA if terima else domain.StatusVerifikasi.DITOLAK
    if not domain.can_transition(domain.VERIFIKASI_TRANSITIONS, riwayat.status, target):
        raise ValidationError(_("Entri ini sudah diverifikasi."), code="transisi_tidak_sah")
    if not terima and not (catatan or "").strip():
        raise _field_error("catatan", _("Tuliskan alasan penolakan."), "alasan_wajib")
    before = riwayat.status
    riwayat.status, riwayat.catatan_verifikasi = target, catatan
    riwayat.verified_by = by if getattr(by, "is_authenticated", False) else None
    riwayat.verified_at = timezone.now()
    riwayat.save(update_fields=["status", "catatan_verifikasi", "verified_by", "verified_at"])
    audit_log(
        actor=by, action=AuditAction.ASESOR_RIWAYAT_VERIFY, obj=riwayat.asesor, from_state=before, to_state=target,
        note=catatan, data={"riwayat": riwayat.pk},
    )
    return riwayat


# --- conflicts of interest ----------------------------------------------------------------------


@transaction.atomic
def konflik_declare(*, asesor: AsesorProfile, pihak, alasan: str, by) -> KonflikKepentingan:
    if not (alasan or "").strip():
        raise _field_error("alasan", _("Alasan wajib diisi."), "required")
    if pihak.pk == asesor.user_id:
        raise _field_error("pihak", _("Asesor tidak perlu mencatat konflik dengan dirinya sendiri."), "diri_sendiri")
    if KonflikKepentingan.objects.filter(asesor=asesor, pihak=pihak).exists():
        raise _field_error("pihak", _("Konflik kepentingan dengan orang ini sudah tercatat."), "konflik_sudah_ada")
    konflik = KonflikKepentingan.objects.create(
        asesor=asesor, pihak=pihak, alasan=alasan.strip(),
        declared_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_log(actor=by, action=AuditAction.ASESOR_KONFLIK_DECLARE, obj=asesor, note=f"{pihak}: {konflik.alasan}",
              data={"konflik": konflik.pk, "pihak": pihak.pk})
    return konflik


# --- diklat -------------------------------------------------------------------------------------


def _check_diklat(*, master_asesor, tanggal_mulai, tanggal_selesai, tuk, tempat):
    if tanggal_selesai < tanggal_mulai:
        raise _field_error("tanggal_selesai", _("Tidak boleh sebelum tanggal mulai."), "tanggal_terbalik")
    if tuk is None and not (tempat or "").strip():
        raise ValidationError(_("Pilih TUK atau isi tempat."), code="tuk_atau_tempat")
    if not master_asesor.is_master:
        raise _field_error("master_asesor", _("Asesor ini bukan Master Asesor."), "bukan_master_asesor")
    status = selectors.asesor_status_on(asesor=master_asesor, on_date=tanggal_mulai)
    if not status.berlaku:
        raise _field_error(
            "master_asesor",
            _("Sertifikat asesor Master Asesor ini tidak berlaku pada tanggal mulai diklat."),
            "master_asesor_tidak_berlaku",
        )


@transaction.atomic
def diklat_create(
    *, nama: str, skema, tanggal_mulai: date, tanggal_selesai: date, master_asesor: AsesorProfile, by, tuk=None,
    tempat: str = "", keterangan: str = "",
) -> Diklat:
    _check_diklat(
        master_asesor=master_asesor, tanggal_mulai=tanggal_mulai, tanggal_selesai=tanggal_selesai, tuk=tuk,
        tempat=tempat,
    )
    diklat = Diklat.objects.create(
        nama=nama.strip(), skema=skema, tanggal_mulai=tanggal_mulai, tanggal_selesai=tanggal_selesai,
        master_asesor=master_asesor, tuk=tuk, tempat="" if tuk else tempat.strip(), keterangan=keterangan,
    )
    audit_log(actor=by, action=AuditAction.ASESOR_DIKLAT_CREATE, obj=diklat, to_state="dibuat")
    return diklat


@transaction.atomic
def diklat_update(
    *, diklat: Diklat, nama: str, skema, tanggal_mulai: date, tanggal_selesai: date, master_asesor: AsesorProfile, by,
    tuk=None, tempat: str = "", keterangan: str = "",
) -> Diklat:
    _check_diklat(
        master_asesor=master_asesor, tanggal_mulai=tanggal_mulai, tanggal_selesai=tanggal_selesai, tuk=tuk,
        tempat=tempat,
    )
    diklat.nama, diklat.skema, diklat.master_asesor = nama.strip(), skema, master_asesor
    diklat.tanggal_mulai, diklat.tanggal_selesai = tanggal_mulai, tanggal_selesai
    diklat.tuk, diklat.tempat, diklat.keterangan = tuk, "" if tuk else tempat.strip(), keterangan
    diklat.save()
    audit_log(actor=by, action=AuditAction.ASESOR_DIKLAT_UPDATE, obj=diklat)
    return diklat


@transaction.atomic
def diklat_peserta_add(*, diklat: Diklat, user, by) -> PesertaDiklat:
    if diklat.master_asesor.user_id == user.pk:
        raise _field_error(
            "user", _("Master Asesor diklat ini tidak bisa menjadi pesertanya."), "master_sebagai_peserta"
        )
    duplicate = _field_error("user", _("Orang ini sudah menjadi peserta diklat ini."), "peserta_sudah_terdaftar")
    if PesertaDiklat.objects.filter(diklat=diklat, user=user).exists():
        raise duplicate
    try:
        with transaction.atomic():
            peserta = PesertaDiklat.objects.create(diklat=diklat, user=user)
    except IntegrityError:  # the same person added twice at once
        raise duplicate from None
    audit_log(
        actor=by, action=AuditAction.ASESOR_DIKLAT_PESERTA_ADD, obj=diklat, to_state=peserta.hasil, note=str(user),
        data={"peserta": peserta.pk},
    )
    return peserta


def _transition_peserta(peserta: PesertaDiklat, target: str):
    if not domain.can_transition(domain.PESERTA_TRANSITIONS, peserta.hasil, target):
        raise ValidationError(
            _("Hasil peserta tidak bisa diubah dari '%(dari)s' menjadi '%(ke)s'.")
            % {"dari": domain.HasilPeserta(peserta.hasil).label, "ke": domain.HasilPeserta(target).label},
            code="transisi_tidak_sah",
        )


@transaction.atomic
def diklat_peserta_set_hasil(*, peserta: PesertaDiklat, hasil: str, by, catatan: str = "") -> PesertaDiklat:
    """Record *belum kompeten* or a withdrawal (*kompeten* goes through ``diklat_peserta_declare_kompeten``)."""
    peserta = PesertaDiklat.objects.select_for_update().get(pk=peserta.pk)
    if hasil == domain.HasilPeserta.KOMPETEN:
        raise ValidationError(_("Gunakan formulir 'Nyatakan kompeten'."), code="gunakan_declare_kompeten")
    _transition_peserta(peserta, hasil)
    before = peserta.hasil
    peserta.hasil, peserta.catatan = hasil, catatan
    peserta.decided_at, peserta.decided_by = timezone.now(), by if getattr(by, "is_authenticated", False) else None
    peserta.save(update_fields=["hasil", "catatan", "decided_at", "decided_by"])
    audit_log(
        actor=by, action=AuditAction.ASESOR_DIKLAT_PESERTA_HASIL, obj=peserta.diklat, from_state=before,
        to_state=hasil, note=f"{peserta.user}: {catatan}", data={"peserta": peserta.pk},
    )
    return peserta


@transaction.atomic
def diklat_peserta_declare_kompeten(
    *, peserta: PesertaDiklat, nomor_registrasi: str, nomor_sertifikat: str, issued_on: date, by, dokumen=None,
    catatan: str = "", today: date | None = None,
) -> AsesorProfile:
    """The LSP decided *kompeten* on an asesor candidate: the person becomes an asesor.

    Creates the asesor profile (with ``nomor_registrasi``) and the asesor role, or — for an asesor who
    repeated the process after *wajib mengulang* — keeps their profile and number; then records the
    certificate (``awal`` for a new asesor, ``ulang`` for one who held a certificate before) and marks the
    participant kompeten. Today an admin records this from the diklat page; later the asesmen app calls
    it when the komite decides K on the Asesor Kompetensi skema."""
    peserta = PesertaDiklat.objects.select_for_update().select_related("diklat", "user").get(pk=peserta.pk)
    _transition_peserta(peserta, domain.HasilPeserta.KOMPETEN)
    if issued_on < peserta.diklat.tanggal_mulai:
        raise _field_error("issued_on", _("Tanggal terbit tidak boleh sebelum diklat dimulai."), "sebelum_diklat")
    profile = AsesorProfile.objects.filter(user=peserta.user).first()
    if profile is None:
        profile = asesor_register(user=peserta.user, nomor_registrasi=nomor_registrasi, by=by)
        jenis = domain.JenisSertifikat.AWAL
    else:
        nomor = _normalize_nomor(nomor_registrasi) if (nomor_registrasi or "").strip() else profile.nomor_registrasi
        if nomor != profile.nomor_registrasi:
            raise _field_error(
                "nomor_registrasi",
                _("Peserta ini sudah asesor dengan nomor %(nomor)s.") % {"nomor": profile.nomor_registrasi},
                "nomor_registrasi_berbeda",
            )
        jenis = domain.JenisSertifikat.ULANG if profile.sertifikat.exists() else domain.JenisSertifikat.AWAL
    cert = sertifikat_asesor_record(
        asesor=profile, nomor=nomor_sertifikat, issued_on=issued_on, jenis=jenis, dokumen=dokumen, by=by, today=today
    )
    before = peserta.hasil
    peserta.hasil, peserta.asesor, peserta.catatan = domain.HasilPeserta.KOMPETEN, profile, catatan
    peserta.decided_at, peserta.decided_by = timezone.now(), by if getattr(by, "is_authenticated", False) else None
    peserta.save(update_fields=["hasil", "asesor", "catatan", "decided_at", "decided_by"])
    audit_log(
        actor=by, action=AuditAction.ASESOR_DIKLAT_PESERTA_KOMPETEN, obj=peserta.diklat, from_state=before,
        to_state=peserta.hasil, note=str(peserta.user), data={"peserta": peserta.pk, "sertifikat": cert.pk},
    )
    emails.peserta_kompeten_send(peserta=peserta, asesor=profile, sertifikat=cert)
    return profile


# --- reminders ----------------------------------------------------------------------------------


def _admin_recipients():
    return list(
        User.objects.filter(groups__name=Role.ADMIN_LSP.value, is_active=True).exclude(email="").distinct()
    )


@transaction.atomic
def asesor_reminders_send(*, today: date) -> int:
    """Queue the reminders due on ``today`` (``domain.reminders_due`` on each asesor's status): to the
    asesor and to every admin LSP, each one once — the notification key names the certificate, the
    reminder and the recipient, so running this twice on a day (or again later) sends nothing twice.
    Returns the number of emails queued."""
    reminder_days = list(settings.LSP_REMINDER_DAYS)
    horizon = max(today + timedelta(days=max(reminder_days, default=0)),
                  domain.add_months(today, domain.REKOGNISI_PENGINGAT_BULAN))
    candidates = SertifikatAsesor.objects.filter(
        Q(issued_on__lte=today) & Q(valid_until__gte=today) & Q(valid_until__lte=horizon)
    ).values("asesor_id")
    asesors = selectors.asesor_queryset().filter(pk__in=candidates)
    admins = None
    queued = 0
    for asesor in asesors:
        status = selectors.status_from_loaded(asesor, today)
        due = domain.reminders_due(status, reminder_days=reminder_days)
        if not due:
            continue
        if admins is None:
            admins = _admin_recipients()
        for pengingat in due:
            for recipient in [asesor.user, *[a for a in admins if a.pk != asesor.user_id]]:
                sent = emails.pengingat_send(asesor=asesor, status=status, pengingat=pengingat, penerima=recipient)
                queued += sent is not None
    return queued
