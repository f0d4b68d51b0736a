"""Staff roles given on the app's own page (komite, validator; admin LSP by a superuser), each change
in one transaction with its audit row. The rule is ``lsp.domain.role_change_error``."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .. import domain
from ..access import is_admin_lsp
from ..audit import AuditAction, audit_log


@transaction.atomic
def user_role_set(*, user, role: str, granted: bool, by) -> bool:
    """Give (``granted``) or take ``role`` from ``user``. Returns whether anything changed; a refusal is a
    ``ValidationError`` with the rule's code."""
    if by is None or not getattr(by, "is_authenticated", False):
        raise PermissionDenied
    target = get_user_model().objects.select_for_update().get(pk=user.pk)
    code = domain.role_change_error(
        role=str(role),
        actor_is_admin=is_admin_lsp(by),
        actor_is_superuser=bool(by.is_active and by.is_superuser),
        target_is_actor=target.pk == by.pk,
        target_is_superuser=target.is_superuser,
    )
    if code:
        raise ValidationError(domain.ROLE_CHANGE_MESSAGES[code], code=code)
    group, _created = Group.objects.get_or_create(name=str(role))
    has = target.groups.filter(pk=group.pk).exists()
    if has == granted:
        return False
    if granted:
        target.groups.add(group)
    else:
        target.groups.remove(group)
    audit_log(
        actor=by,
        action=AuditAction.USER_ROLE_GRANT if granted else AuditAction.USER_ROLE_REVOKE,
        obj=target,
        from_state="" if granted else str(role),
        to_state=str(role) if granted else "",
        data={"role": str(role)},
    )
    return True


@transaction.atomic
def user_roles_update(*, user, roles: dict, by) -> list[str]:
    """Apply several role changes at once, all or nothing: ``roles`` maps a role to held/not held.
    Returns the roles that changed."""
    return [role for role, granted in roles.items() if user_role_set(user=user, role=role, granted=granted, by=by)]
