"""Accounts and profiles: self-registration, registration by admin LSP, profile changes, email
confirmation, activation, and the record of a staff member seeing someone's personal data."""

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from lsp.access import is_admin_lsp
from lsp.audit import audit_log, audit_trail_for
from lsp.models import User
from lsp.roles import Role

from .. import domain, emails
from ..domain import PROFILE_FIELDS, AuditAction, error
from ..models import AsesiProfile

EMAIL_CONFIRM_SALT = "asesi.konfirmasi-email"


def _profile_errors(data: dict, *, exclude_pk=None) -> dict:
    """Field errors of the personal data (the forms only shape the input; imports and races land here too)."""
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


def _profile_data(profile: dict) -> dict:
    data = {f: profile.get(f, "") for f in PROFILE_FIELDS}
    data["nik"] = domain.nik_normalize(data["nik"])
    data["tanggal_lahir"] = profile.get("tanggal_lahir")
    return data


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
    the email address).

    Every field error (NIK, email, username taken; formats; password) comes back at once in one
    ``ValidationError`` keyed by field."""
    username = (username or "").strip()
    email = (email or "").strip().lower()
    data = _profile_data(profile)
    errors = _profile_errors(data)
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = [error("username_duplicate")]
    if not email:
        errors["email"] = [ValidationError(_("Email wajib diisi."), code="required")]
    elif _email_taken(email):
        errors["email"] = [error("email_duplicate")]
    user = User(username=username, email=email, nama_lengkap=(nama_lengkap or "").strip())
    if password is not None:
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
        action=AuditAction.ASESI_REGISTER,
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
    if by.pk != user.pk and not is_admin_lsp(by):
        raise PermissionDenied
    existing = AsesiProfile.objects.select_for_update().filter(user=user).first()
    email = (email or "").strip().lower()
    data = _profile_data(profile)
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
        action=AuditAction.ASESI_PROFILE_CREATE if existing is None else AuditAction.ASESI_PROFILE_UPDATE,
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
        audit_log(actor=profil.user, action=AuditAction.ASESI_EMAIL_CONFIRM, obj=profil)
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
    audit_log(actor=user, action=AuditAction.ASESI_ACTIVATE, obj=profil)
    return profil


def asesi_profile_view_record(*, profile: AsesiProfile, by, via: str) -> bool:
    """Record that a staff member saw an asesi's full personal data (UU PDP accountability): one row per
    person and profile per review — the pages and documents they open while reviewing
    (``domain.PROFILE_VIEW_WINDOW``) are the same look, not a row each. Returns whether a row was written."""
    last = (
        audit_trail_for(profile)
        .filter(action=AuditAction.ASESI_PROFILE_VIEW, actor=by if getattr(by, "is_authenticated", False) else None)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if not domain.profile_view_due(last, timezone.now()):
        return False
    audit_log(actor=by, action=AuditAction.ASESI_PROFILE_VIEW, obj=profile, data={"via": via})
    return True
