"""Writes about the asesor registry: register a person as an asesor, change their data."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lsp.audit import AuditAction as LspAuditAction
from lsp.audit import audit_log
from lsp.roles import Role

from .. import domain
from ..domain import AuditAction
from ..models import AsesorProfile
from ._common import User, _check_nomor_free, _field_error, _normalize_nomor, _refuse


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
            raise ValidationError(domain.PENGGUNA_WAJIB, code="pengguna_wajib")
        if User.objects.filter(username__iexact=username).exists():
            raise _field_error("username", _("Nama pengguna ini sudah dipakai."), "username_dipakai")
        _refuse(domain.akun_baru_issues(nama_lengkap=nama_lengkap, email=email))
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
