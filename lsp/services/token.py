"""API tokens (``Authorization: Token <key>``, DRF's ``authtoken``): one per user, made or replaced by its
owner (the "Token API" page) or by an operator (``manage.py api_token``). Each change is one transaction
with its audit row; the key itself is never written to the trail."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from rest_framework.authtoken.models import Token

from ..audit import AuditAction, audit_log


def _check(user, by) -> None:
    if user is None or not user.is_active:
        raise PermissionDenied
    if by is not None and by.pk != user.pk:  # only the owner on the page; the command passes by=None
        raise PermissionDenied


@transaction.atomic
def api_token_create(*, user, by, via: str = "halaman") -> Token:
    """A new key for ``user``, replacing (and so invalidating) the one they had."""
    _check(user, by)
    replaced = Token.objects.filter(user=user).delete()[0] > 0
    token = Token.objects.create(user=user)
    audit_log(actor=by or user, action=AuditAction.API_TOKEN_CREATE, obj=user,
              data={"via": via, "mengganti": replaced})
    return token


@transaction.atomic
def api_token_revoke(*, user, by, via: str = "halaman") -> bool:
    """Remove ``user``'s key; returns whether there was one."""
    _check(user, by)
    removed = Token.objects.filter(user=user).delete()[0] > 0
    if removed:
        audit_log(actor=by or user, action=AuditAction.API_TOKEN_REVOKE, obj=user, data={"via": via})
    return removed
