"""Writes of the asesi app: keyword-only, one transaction each, an audit row for every change.

Public API for later apps (scheduling, assessment, decision, certificates)::

    from asesi.services import permohonan_transition
    from asesi.domain import Status

    permohonan_transition(permohonan=p, to=Status.DIJADWALKAN, by=admin_user, note="Jadwal JWD-01")

``permohonan_transition`` is the only function that changes ``Permohonan.status``. It locks the row,
checks ``asesi.domain.TRANSITIONS`` (role, ownership, impartiality) and the content guards (documents,
verification, APL.02), then writes the status, a ``PermohonanRiwayat`` row, an audit row and the email
to the asesi in the same transaction. Refusals raise ``ValidationError`` with a code from
``asesi.domain.MESSAGES``.
"""

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from lsp.audit import audit_log
from lsp.models import Elemen, User
from lsp.roles import Role
from lsp.uploads import safe_original_name, validate_document

from . import domain, emails
from .domain import (
    APL01_EDITABLE,
    APL02_EDITABLE,
    OPEN_STATUSES,
    HasilVerifikasi,
    Status,
    Tujuan,
    error,
)
from .models import (
    AsesiProfile,
    AsesmenMandiri,
    Dokumen,
    Permohonan,
    PermohonanPersyaratan,
    PermohonanRiwayat,
    PermohonanUnit,
)

EMAIL_CONFIRM_SALT = "asesi.konfirmasi-email"
PROFILE_FIELDS = [
    "nik",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "kebangsaan",
    "alamat",
    "kode_pos",
    "telepon",
    "pendidikan_terakhir",
    "institusi",
    "jabatan",
    "alamat_kantor",
]
MAX_DOKUMEN_PER_PERMOHONAN = 30


def _is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.ADMIN_LSP))


def _require_owner_or_admin(permohonan: Permohonan, by) -> None:
    if not by or not by.is_authenticated:
        raise PermissionDenied
    if permohonan.asesi.user_id != by.pk and not _is_admin(by):
        raise PermissionDenied


# --- account and profile ----------------------------------------------------------------------------


def _profile_errors(data: dict, *, exclude_pk=None) -> dict:
    """Field errors of the personal data, checked here as well as in the forms (imports, admin, races)."""
    errors = {}
    today = timezone.localdate()
    if code := domain.nik_error(data.get("nik")):
        errors["nik"] = [error(code)]
    elif AsesiProfile.objects.filter(nik=data["nik"]).exclude(pk=exclude_pk).exists():
        errors["nik"] = [error("nik_duplicate")]
    if code := domain.kode_pos_error(data.get("kode_pos")):
        errors["kode_pos"] = [error(code)]
    if code := domain.telepon_error(data.get("telepon")):
        errors["telepon"] = [error(code)]
    born = data.get("tanggal_lahir")
    if born is None:
        errors["tanggal_lahir"] = [ValidationError(_("Tanggal lahir wajib diisi."), code="required")]
    elif code := domain.tanggal_lahir_error(born, today=today):
        errors["tanggal_lahir"] = [error(code, min=domain.USIA_MINIMAL, max=domain.USIA_MAKSIMAL)]
    return errors


def _email_taken(email: str, *, exclude_user_pk=None) -> bool:
    return User.objects.filter(email__iexact=email).exclude(pk=exclude_user_pk).exists()


def _integrity_to_validation(exc: IntegrityError, *, nik: str, email: str, username: str = "") -> ValidationError:
    """A uniqueness race lost at the database: say which value was taken."""
    if AsesiProfile.objects.filter(nik=nik).exists():
        return ValidationError({"nik": [error("nik_duplicate")]})
    if email and User.objects.filter(email__iexact=email).exists():
        return ValidationError({"email": [error("email_duplicate")]})
    if username and User.objects.filter(username__iexact=username).exists():
        return ValidationError({"username": [error("username_duplicate")]})
    raise exc


@transaction.atomic
def asesi_register(
    *, username: str, email: str, nama_lengkap: str, profile: dict, password: str | None = None, by=None
) -> AsesiProfile:
    """Create an asesi account and profile.

    Self-registration passes ``password``; the asesi then gets an email-confirmation link and may log in
    and prepare a draft, but cannot submit an application until the email is confirmed.
    Admin LSP registering on someone's behalf passes ``by=admin`` and no password: the account gets an
    unusable password and the person receives an activation link to choose one (which also confirms
    the email address)."""
    username = (username or "").strip()
    email = (email or "").strip().lower()
    data = {f: profile.get(f, "") for f in PROFILE_FIELDS}
    data["nik"] = domain.nik_normalize(data["nik"])
    data["tanggal_lahir"] = profile.get("tanggal_lahir")
    errors = _profile_errors(data)
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = [error("username_duplicate")]
    if not email:
        errors["email"] = [ValidationError(_("Email wajib diisi."), code="required")]
    elif _email_taken(email):
        errors["email"] = [error("email_duplicate")]
    user = User(username=username, email=email, nama_lengkap=(nama_lengkap or "").strip())
    if password is not None and "password" not in errors:
        try:
            password_validation.validate_password(password, user)
        except ValidationError as exc:
            errors["password"] = exc.error_list
    if errors:
        raise ValidationError(errors)

    if password is not None:
        user.set_password(password)
    else:
        user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
            user.groups.add(Group.objects.get_or_create(name=Role.ASESI.value)[0])
            profil = AsesiProfile.objects.create(user=user, dibuat_oleh=by if by else None, **data)
    except IntegrityError as exc:
        raise _integrity_to_validation(exc, nik=data["nik"], email=email, username=username) from exc
    audit_log(
        actor=by or user,
        action="asesi.register",
        obj=profil,
        note=_("Didaftarkan oleh admin LSP") if by else _("Pendaftaran mandiri"),
    )
    if password is None:
        asesi_activation_send(profile=profil)
    else:
        asesi_email_confirmation_send(profile=profil)
    return profil


@transaction.atomic
def asesi_profile_save(*, user, nama_lengkap: str, email: str, profile: dict, by) -> AsesiProfile:
    """Create or update ``user``'s profile (the asesi themselves, or admin LSP).

    Changing the email address asks for a new confirmation. The NIK cannot change any more once an
    application has been submitted (the LSP verified the identity against it)."""
    if by.pk != user.pk and not _is_admin(by):
        raise PermissionDenied
    existing = AsesiProfile.objects.select_for_update().filter(user=user).first()
    email = (email or "").strip().lower()
    data = {f: profile.get(f, "") for f in PROFILE_FIELDS}
    data["nik"] = domain.nik_normalize(data["nik"])
    data["tanggal_lahir"] = profile.get("tanggal_lahir")
    errors = _profile_errors(data, exclude_pk=existing.pk if existing else None)
    if not email:
        errors["email"] = [ValidationError(_("Email wajib diisi."), code="required")]
    elif _email_taken(email, exclude_user_pk=user.pk):
        errors["email"] = [error("email_duplicate")]
    if existing and data["nik"] != existing.nik and asesi_identity_locked(existing):
        errors["nik"] = [error("nik_locked")]
    if errors:
        raise ValidationError(errors)

    email_changed = email != (user.email or "").lower()
    changed = [f for f in PROFILE_FIELDS if existing is None or getattr(existing, f) != data[f]]
    try:
        with transaction.atomic():
            user.nama_lengkap = (nama_lengkap or "").strip()
            user.email = email
            user.save(update_fields=["nama_lengkap", "email"])
            if existing is None:
                profil = AsesiProfile.objects.create(user=user, dibuat_oleh=by if by.pk != user.pk else None, **data)
            else:
                profil = existing
                for field, value in data.items():
                    setattr(profil, field, value)
                if email_changed:
                    profil.email_dikonfirmasi_pada = None
                profil.save()
    except IntegrityError as exc:
        raise _integrity_to_validation(exc, nik=data["nik"], email=email) from exc
    audit_log(
        actor=by,
        action="asesi.profile_create" if existing is None else "asesi.profile_update",
        obj=profil,
        data={"fields": changed + (["email"] if email_changed else [])},  # names only, never the values
    )
    if email_changed or (existing is None and not profil.email_dikonfirmasi):
        asesi_email_confirmation_send(profile=profil)
    return profil


def asesi_identity_locked(profile: AsesiProfile) -> bool:
    """Once any application left the draft state, the NIK is the one the LSP verified."""
    return profile.permohonan.filter(diajukan_pada__isnull=False).exists()


def email_confirmation_token(profile: AsesiProfile) -> str:
    return signing.dumps({"u": profile.user_id, "e": profile.email.lower()}, salt=EMAIL_CONFIRM_SALT)


def asesi_email_confirmation_send(*, profile: AsesiProfile):
    return emails.email_confirmation_send(profile=profile, token=email_confirmation_token(profile))


@transaction.atomic
def asesi_email_confirm(*, token: str) -> AsesiProfile:
    """Confirm the address a signed link was sent to (idempotent; expires with PASSWORD_RESET_TIMEOUT)."""
    try:
        payload = signing.loads(token, salt=EMAIL_CONFIRM_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.SignatureExpired as exc:
        raise error("token_expired") from exc
    except signing.BadSignature as exc:
        raise error("token_invalid") from exc
    if not isinstance(payload, dict):
        raise error("token_invalid")
    profil = AsesiProfile.objects.select_for_update().select_related("user").filter(user_id=payload.get("u")).first()
    if profil is None or profil.email.lower() != str(payload.get("e", "")):
        raise error("token_invalid")
    if profil.email_dikonfirmasi_pada is None:
        profil.email_dikonfirmasi_pada = timezone.now()
        profil.save(update_fields=["email_dikonfirmasi_pada", "updated_at"])
        audit_log(actor=profil.user, action="asesi.email_confirm", obj=profil)
    return profil


def asesi_activation_send(*, profile: AsesiProfile):
    user = profile.user
    return emails.activation_send(
        profile=profile,
        uid=urlsafe_base64_encode(force_bytes(user.pk)),
        token=default_token_generator.make_token(user),
    )


@transaction.atomic
def asesi_activate(*, user, password: str) -> AsesiProfile:
    """Set the first password of an account an admin created; the link proved the email address."""
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    profil = AsesiProfile.objects.select_for_update().get(user=user)
    if profil.email_dikonfirmasi_pada is None:
        profil.email_dikonfirmasi_pada = timezone.now()
        profil.save(update_fields=["email_dikonfirmasi_pada", "updated_at"])
    audit_log(actor=user, action="asesi.activate", obj=profil)
    return profil


def asesi_profile_view_record(*, profile: AsesiProfile, by, via: str) -> None:
    """Record that a staff member saw an asesi's full personal data (UU PDP accountability)."""
    audit_log(actor=by, action="asesi.profile_view", obj=profile, data={"via": via})


@transaction.atomic
def asesi_import(*, rows: list, by, skema=None, tujuan=Tujuan.SERTIFIKASI) -> list[AsesiProfile]:
    """Register every validated row (``asesi.imports.ImportRow``) or none of them.

    With ``skema``, each new asesi also gets a draft application for it. Errors raised here (a value
    taken meanwhile by someone else) carry the row number."""
    if not _is_admin(by):
        raise PermissionDenied
    created = []
    for row in rows:
        try:
            profil = asesi_register(
                username=row.username,
                email=row.data["email"],
                nama_lengkap=row.data["nama_lengkap"],
                profile=row.data,
                by=by,
            )
            if skema is not None:
                permohonan_create(asesi=profil, skema=skema, tujuan=tujuan, by=by)
        except ValidationError as exc:
            raise ValidationError(
                _("Baris %(baris)s: %(pesan)s") % {"baris": row.nomor, "pesan": "; ".join(exc.messages)},
                code="import_row",
            ) from exc
        created.append(profil)
    audit_log(
        actor=by,
        action="asesi.import",
        note=_("%(n)s asesi diimpor") % {"n": len(created)},
        data={"profil": [p.pk for p in created], "skema": skema.pk if skema else None},
    )
    return created


# --- permohonan (FR.APL.01) ---------------------------------------------------------------------------


def _units_set(permohonan: Permohonan, unit_ids=None) -> None:
    """Keep the chosen units of the skema on the application (all units by default), each with one
    FR.APL.02 row per element. Units kept keep their answers."""
    units = list(
        permohonan.skema.units.prefetch_related(Prefetch("elemen", queryset=Elemen.objects.order_by("urutan")))
    )
    if unit_ids is not None:
        wanted = {int(i) for i in unit_ids}
        units = [u for u in units if u.pk in wanted]
    if not units:
        raise error("unit_missing")
    chosen_kode = {u.kode for u in units}
    permohonan.units.exclude(kode__in=chosen_kode).delete()
    have = set(permohonan.units.values_list("kode", flat=True))
    for unit in units:
        if unit.kode in have:
            continue
        pu = PermohonanUnit.objects.create(
            permohonan=permohonan, unit=unit, urutan=unit.urutan, kode=unit.kode, judul=unit.judul
        )
        AsesmenMandiri.objects.bulk_create(
            AsesmenMandiri(permohonan_unit=pu, elemen=e, urutan=e.urutan, elemen_nama=e.nama[:500])
            for e in unit.elemen.all()
        )


def _tujuan_check(tujuan: str, tujuan_lainnya: str) -> None:
    if tujuan not in Tujuan.values:
        raise ValidationError({"tujuan": [ValidationError(_("Pilih tujuan asesmen."), code="invalid_choice")]})
    if tujuan == Tujuan.LAINNYA and not (tujuan_lainnya or "").strip():
        raise ValidationError(
            {"tujuan_lainnya": [ValidationError(_("Jelaskan tujuan asesmen lainnya."), code="tujuan_lainnya_required")]}
        )


@transaction.atomic
def permohonan_create(*, asesi: AsesiProfile, skema, tujuan: str, tujuan_lainnya: str = "", unit_ids=None, by):
    """Start a draft application for an active skema, copying its units and requirements."""
    if by.pk != asesi.user_id and not _is_admin(by):
        raise PermissionDenied
    if not skema.aktif:
        raise error("skema_inactive")
    _tujuan_check(tujuan, tujuan_lainnya)
    if Permohonan.objects.filter(asesi=asesi, skema=skema, status__in=OPEN_STATUSES).exists():
        raise error("permohonan_duplicate")
    try:
        with transaction.atomic():
            permohonan = Permohonan.objects.create(
                asesi=asesi,
                skema=skema,
                tujuan=tujuan,
                tujuan_lainnya=(tujuan_lainnya or "").strip() if tujuan == Tujuan.LAINNYA else "",
            )
    except IntegrityError as exc:  # a double click raced past the check above
        raise error("permohonan_duplicate") from exc
    PermohonanPersyaratan.objects.bulk_create(
        PermohonanPersyaratan(
            permohonan=permohonan, persyaratan=p, urutan=p.urutan, deskripsi=p.deskripsi, wajib=p.wajib
        )
        for p in skema.persyaratan.all()
    )
    _units_set(permohonan, unit_ids)
    PermohonanRiwayat.objects.create(permohonan=permohonan, dari="", ke=Status.DRAFT, oleh=by)
    audit_log(actor=by, action="permohonan.create", obj=permohonan, to_state=Status.DRAFT)
    return permohonan


def _require_apl01_editable(permohonan: Permohonan) -> None:
    if permohonan.status not in APL01_EDITABLE:
        raise error("permohonan_locked")


def _lock(permohonan: Permohonan) -> Permohonan:
    return (
        Permohonan.objects.select_for_update(of=("self",))
        .select_related("asesi__user", "skema")
        .get(pk=permohonan.pk)
    )


@transaction.atomic
def permohonan_update(*, permohonan: Permohonan, tujuan: str, tujuan_lainnya: str = "", unit_ids=None, by):
    """Change the purpose and the units of a draft or returned application."""
    locked = _lock(permohonan)
    _require_owner_or_admin(locked, by)
    _require_apl01_editable(locked)
    _tujuan_check(tujuan, tujuan_lainnya)
    locked.tujuan = tujuan
    locked.tujuan_lainnya = (tujuan_lainnya or "").strip() if tujuan == Tujuan.LAINNYA else ""
    locked.save(update_fields=["tujuan", "tujuan_lainnya", "updated_at"])
    _units_set(locked, unit_ids)
    units = sorted(locked.units.values_list("kode", flat=True))
    audit_log(actor=by, action="permohonan.update", obj=locked, data={"units": units})
    return locked


@transaction.atomic
def permohonan_delete(*, permohonan: Permohonan, by) -> None:
    """Delete a draft that was never submitted (and its files)."""
    locked = _lock(permohonan)
    _require_owner_or_admin(locked, by)
    if locked.status != Status.DRAFT or locked.diajukan_pada is not None:
        raise error("delete_not_draft")
    names = [d.berkas.name for d in locked.dokumen.all()]
    audit_log(actor=by, action="permohonan.delete", obj=locked, from_state=locked.status)
    locked.delete()
    _delete_files_on_commit(names)


def _delete_files_on_commit(names) -> None:
    from django.core.files.storage import default_storage

    def delete():
        for name in names:
            if name:
                default_storage.delete(name)

    transaction.on_commit(delete)


@transaction.atomic
def dokumen_upload(*, permohonan: Permohonan, berkas, persyaratan=None, keterangan: str = "", by) -> Dokumen:
    """Store one document for a requirement (or as portfolio evidence when ``persyaratan`` is None).

    The content is checked (PDF/JPG/PNG, size limit); the user's file name is kept for display only."""
    locked = _lock(permohonan)
    _require_owner_or_admin(locked, by)
    _require_apl01_editable(locked)
    if persyaratan is not None and persyaratan.permohonan_id != locked.pk:
        raise ValidationError(_("Persyaratan tidak termasuk permohonan ini."), code="persyaratan_invalid")
    if locked.dokumen.count() >= MAX_DOKUMEN_PER_PERMOHONAN:
        raise ValidationError(
            _("Maksimal %(n)s dokumen per permohonan.") % {"n": MAX_DOKUMEN_PER_PERMOHONAN}, code="dokumen_too_many"
        )
    mime = validate_document(berkas)
    dokumen = Dokumen(
        permohonan=locked,
        persyaratan=persyaratan,
        nama_asli=safe_original_name(berkas.name),
        ukuran=berkas.size or 0,
        mime=mime,
        keterangan=(keterangan or "").strip()[:255],
        diunggah_oleh=by,
    )
    dokumen.berkas.save(dokumen.nama_asli, berkas, save=False)
    try:
        with transaction.atomic():
            dokumen.save()
    except Exception:
        dokumen.berkas.delete(save=False)
        raise
    audit_log(
        actor=by,
        action="dokumen.upload",
        obj=locked,
        data={"dokumen": dokumen.pk, "nama": dokumen.nama_asli, "persyaratan": persyaratan.pk if persyaratan else None},
    )
    return dokumen


@transaction.atomic
def dokumen_delete(*, dokumen: Dokumen, by) -> None:
    locked = _lock(dokumen.permohonan)
    _require_owner_or_admin(locked, by)
    _require_apl01_editable(locked)
    name = dokumen.berkas.name
    audit_log(actor=by, action="dokumen.delete", obj=locked, data={"dokumen": dokumen.pk, "nama": dokumen.nama_asli})
    dokumen.delete()
    _delete_files_on_commit([name])


# --- asesmen mandiri (FR.APL.02) ------------------------------------------------------------------------


@transaction.atomic
def asesmen_mandiri_save(*, permohonan: Permohonan, answers: dict, by) -> int:
    """Save FR.APL.02 answers: ``{row_id: {"jawaban": "K"|"BK"|"", "bukti": [dokumen ids], "bukti_catatan": str}}``.

    Allowed until the asesi is scheduled. Returns how many elements are answered."""
    locked = _lock(permohonan)
    _require_owner_or_admin(locked, by)
    if locked.status not in APL02_EDITABLE:
        raise error("apl02_locked")
    rows = {r.pk: r for r in AsesmenMandiri.objects.filter(permohonan_unit__permohonan=locked)}
    dokumen_ids = set(locked.dokumen.values_list("pk", flat=True))
    errors = []
    for row_id, answer in answers.items():
        row = rows.get(int(row_id))
        if row is None:
            errors.append(error("bukti_invalid"))
            continue
        bukti = {int(i) for i in answer.get("bukti") or []}
        if not bukti <= dokumen_ids:
            errors.append(error("bukti_invalid"))
            continue
        jawaban = answer.get("jawaban") or ""
        catatan = (answer.get("bukti_catatan") or "").strip()
        if code := domain.jawaban_error(jawaban, ada_bukti=bool(bukti or catatan)):
            errors.append(error(code))
            continue
        row.jawaban = jawaban
        row.bukti_catatan = catatan
        row.save(update_fields=["jawaban", "bukti_catatan", "updated_at"])
        row.bukti.set(bukti)
    if errors:
        raise ValidationError(errors)
    dijawab = sum(1 for r in rows.values() if r.jawaban)
    audit_log(actor=by, action="asesmen_mandiri.save", obj=locked, data={"dijawab": dijawab, "total": len(rows)})
    return dijawab


# --- the state machine --------------------------------------------------------------------------------


def _guard(permohonan: Permohonan, to: str, note: str) -> None:
    """Content rules of particular targets (the who-may-move rules are in ``domain.TRANSITIONS``)."""
    if to in domain.NOTE_REQUIRED and not note:
        raise error("note_required")
    if to == Status.DIAJUKAN:
        missing = _persyaratan_wajib_tanpa_dokumen(permohonan)
        codes = domain.submit_errors(
            email_confirmed=permohonan.asesi.email_dikonfirmasi,
            unit_count=permohonan.units.count(),
            wajib_tanpa_dokumen=missing,
        )
        if codes:
            raise ValidationError([error(c, daftar="; ".join(missing)) for c in codes])
    elif to == Status.DITERIMA:
        hasil = list(permohonan.persyaratan.values_list("wajib", "hasil"))
        if code := domain.acceptance_error(hasil):
            raise error(code)
    elif to == Status.DIJADWALKAN:
        answers = list(
            AsesmenMandiri.objects.filter(permohonan_unit__permohonan=permohonan).values_list("jawaban", flat=True)
        )
        if not domain.apl02_complete(answers):
            raise error("apl02_incomplete")


def _persyaratan_wajib_tanpa_dokumen(permohonan: Permohonan) -> list[str]:
    from .selectors import persyaratan_wajib_tanpa_dokumen

    return persyaratan_wajib_tanpa_dokumen(permohonan)


@transaction.atomic
def permohonan_transition(*, permohonan: Permohonan, to: str, by, note: str = "") -> Permohonan:
    """Move an application to status ``to`` — the only place a status changes.

    Checks (in order): the move is in ``domain.TRANSITIONS``; ``by`` holds a role allowed for it (the
    asesi role counts only for the owner; the owner may never verify/decide their own application);
    the content guards (documents before submitting, all requirements met before accepting, a note
    when returning or refusing, a complete APL.02 before scheduling). Then writes the status, a
    ``PermohonanRiwayat`` row, an audit row and the email to the asesi (sent after commit).

    Raises ``ValidationError`` with a code from ``domain.MESSAGES``; nothing is written then. The
    caller's ``permohonan`` instance is updated too."""
    if not by or not by.is_authenticated:
        raise PermissionDenied
    locked = _lock(permohonan)
    source = locked.status
    labels = dict(Status.choices)
    code = domain.transition_error(
        source=source, target=to, actor_roles=by.role_names, actor_is_owner=locked.asesi.user_id == by.pk
    )
    if code:
        raise error(code, dari=labels.get(source, source), ke=labels.get(to, to))
    note = (note or "").strip()
    _guard(locked, to, note)

    locked.status = to
    fields = ["status", "updated_at"]
    if to == Status.DIAJUKAN:
        locked.diajukan_pada = timezone.now()
        locked.data_pemohon = locked.asesi.data_pribadi()
        fields += ["diajukan_pada", "data_pemohon"]
    locked.save(update_fields=fields)
    riwayat = PermohonanRiwayat.objects.create(permohonan=locked, dari=source, ke=to, oleh=by, catatan=note)
    audit_log(actor=by, action="permohonan.status", obj=locked, from_state=source, to_state=to, note=note)
    emails.permohonan_status_send(permohonan=locked, riwayat=riwayat)

    for field in ("status", "diajukan_pada", "data_pemohon", "updated_at"):
        setattr(permohonan, field, getattr(locked, field))
    return locked


def permohonan_submit(*, permohonan: Permohonan, by) -> Permohonan:
    """Submit a draft, or resubmit a returned application (FR.APL.01)."""
    return permohonan_transition(permohonan=permohonan, to=Status.DIAJUKAN, by=by)


@transaction.atomic
def permohonan_verify(*, permohonan: Permohonan, hasil: dict, keputusan: str, catatan: str = "", by) -> Permohonan:
    """Admin LSP's verification: per requirement ``{persyaratan_id: (hasil, catatan)}`` and the decision
    (diterima / dikembalikan / ditolak). All of it is saved, or nothing."""
    if keputusan not in (Status.DITERIMA, Status.DIKEMBALIKAN, Status.DITOLAK):
        raise error("transition_not_allowed", dari=permohonan.get_status_display(), ke=keputusan)
    locked = _lock(permohonan)
    code = domain.transition_error(
        source=locked.status,
        target=keputusan,
        actor_roles=by.role_names,
        actor_is_owner=locked.asesi.user_id == by.pk,
    )
    if code:
        labels = dict(Status.choices)
        raise error(code, dari=labels.get(locked.status), ke=labels.get(keputusan, keputusan))
    now = timezone.now()
    items = {p.pk: p for p in locked.persyaratan.all()}
    for pk, (value, note) in hasil.items():
        item = items.get(int(pk))
        if item is None:
            raise ValidationError(_("Persyaratan tidak termasuk permohonan ini."), code="persyaratan_invalid")
        if value and value not in HasilVerifikasi.values:
            raise ValidationError(_("Hasil verifikasi tidak dikenal."), code="hasil_invalid")
        item.hasil = value or ""
        item.catatan = (note or "").strip()
        item.diverifikasi_oleh = by
        item.diverifikasi_pada = now
        item.save(update_fields=["hasil", "catatan", "diverifikasi_oleh", "diverifikasi_pada"])
    audit_log(
        actor=by,
        action="permohonan.verify",
        obj=locked,
        data={
            "hasil": {str(p.pk): p.hasil for p in items.values()},
            "catatan": {str(p.pk): p.catatan for p in items.values() if p.catatan},
        },
    )
    return permohonan_transition(permohonan=permohonan, to=keputusan, by=by, note=catatan)
