from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PengaduanConfig(AppConfig):
    """Complaints (ISO/IEC 17024 §9.9): anyone files one about an assessment, an asesor or a certificate
    holder and follows it by its code; admin LSP handles it to closure. Imports only ``lsp``."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pengaduan"
    verbose_name = _("Pengaduan")

    def ready(self):
        from lsp.audit import register_actions, register_audit_link, register_states
        from lsp.dashboard import register_nav
        from lsp.roles import Role

        from . import selectors
        from .domain import AuditAction, StatusPengaduan
        from .models import Pengaduan

        register_actions(AuditAction)
        register_states(StatusPengaduan, nouns=("pengaduan",))
        register_audit_link(Pengaduan, "pengaduan:admin-detail")
        register_nav(role=Role.ADMIN_LSP, label=_("Pengaduan"), url_name="pengaduan:admin-list", order=85,
                     icon="megaphone", badge=selectors.pengaduan_badge, badge_label=_("pengaduan baru"))
