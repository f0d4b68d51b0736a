"""Roles are Django groups. One user may hold several roles.

Views check roles with ``lsp.access`` (``RoleRequiredMixin`` / ``role_required``) and ownership through
scoped selectors; the permissions given to each group below serve Django admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN_LSP = "admin_lsp", _("Admin LSP")
    KOMITE = "komite", _("Komite / pengambil keputusan")
    VALIDATOR = "validator", _("Validator")
    DIREKTUR = "direktur", _("Direktur / ketua LSP")
    ASESOR = "asesor", _("Asesor")
    ASESI = "asesi", _("Asesi")


# Django model permissions per role, as (app_label, codename prefix or full codename).
# "*" gives every permission of the app.
ROLE_PERMISSIONS = {
    Role.ADMIN_LSP: [("lsp", "*"), ("asesi", "*"), ("asesor", "*"), ("asesmen", "*"), ("sertifikat", "*")],
    Role.KOMITE: [("lsp", "view_"), ("asesi", "view_"), ("asesmen", "view_"), ("sertifikat", "view_")],
    Role.VALIDATOR: [("lsp", "view_"), ("asesmen", "view_")],
    Role.DIREKTUR: [("lsp", "view_"), ("asesi", "view_"), ("asesmen", "view_"), ("sertifikat", "view_")],
    Role.ASESOR: [],
    Role.ASESI: [],
}


def sync_roles(**kwargs):
    """Create the role groups and give them their permissions (idempotent; runs after migrate)."""
    from django.contrib.auth.models import Group, Permission

    for role, grants in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        perms = Permission.objects.none()
        for app_label, prefix in grants:
            qs = Permission.objects.filter(content_type__app_label=app_label)
            if prefix != "*":
                qs = qs.filter(codename__startswith=prefix)
            perms = perms | qs
        group.permissions.set(perms.distinct())


def role_home_order():
    """The order in which the home page shows a multi-role user's panels."""
    return [Role.ADMIN_LSP, Role.DIREKTUR, Role.KOMITE, Role.VALIDATOR, Role.ASESOR, Role.ASESI]
