from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AsesmenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "asesmen"
    verbose_name = _("Asesmen")

    def ready(self):
        from lsp.audit import register_actions
        from lsp.dashboard import register_nav
        from lsp.roles import Role

        from .domain import AuditAction

        register_actions(AuditAction)

        admin = Role.ADMIN_LSP
        register_nav(role=admin, label=_("Jadwal uji kompetensi"), url_name="asesmen:jadwal-list", order=35,
                     icon="calendar-event")
        register_nav(role=admin, label=_("Kalender asesmen"), url_name="asesmen:kalender", order=36,
                     icon="calendar3")
        register_nav(role=Role.ASESOR, label=_("Jadwal saya"), url_name="asesmen:asesor-jadwal-list", order=5,
                     icon="calendar-check")
        register_nav(role=Role.ASESI, label=_("Jadwal uji saya"), url_name="asesmen:asesi-jadwal", order=15,
                     icon="calendar-check")
