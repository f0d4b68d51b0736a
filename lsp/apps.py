from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LspConfig(AppConfig):
    name = "lsp"
    verbose_name = _("LSP")

    def ready(self):
        from . import checks  # noqa: F401 - registers the deployment checks
        from .audit import AuditAction, AuditState, register_actions, register_audit_link, register_states
        from .dashboard import register_nav, register_panel
        from .models import TUK, Ekspor, HariLibur, Skema, User
        from .roles import Role, sync_roles
        from .search import register_search, skema_hits

        register_actions(AuditAction)
        register_states(AuditState)
        register_states(Ekspor.Status, nouns=("ekspor",))
        register_states(Role, nouns=("user",))
        for model, url_name in ((Skema, "lsp:skema-detail"), (TUK, "lsp:tuk-update"), (User, "lsp:user-roles"),
                                (Ekspor, "lsp:ekspor-detail"), (HariLibur, "lsp:libur-update")):
            register_audit_link(model, url_name)

        # Roles are groups with permissions; keep them in step with the code after every migrate.
        post_migrate.connect(sync_roles, dispatch_uid="lsp.sync_roles")

        register_panel(role=Role.ADMIN_LSP, template="lsp/_home_admin.html", context=_admin_panel, order=10)
        register_panel(role=Role.VALIDATOR, template="lsp/_home_validator.html")
        register_nav(
            role=Role.ADMIN_LSP, label=_("Skema sertifikasi"), url_name="lsp:skema-list", order=10, icon="journal-text"
        )
        register_nav(role=Role.ADMIN_LSP, label=_("TUK"), url_name="lsp:tuk-list", order=20, icon="building")
        register_nav(role=Role.ADMIN_LSP, label=_("Hari libur"), url_name="lsp:libur-list", order=22, icon="calendar-x")
        register_nav(
            role=Role.ADMIN_LSP, label=_("Pengguna & peran"), url_name="lsp:user-list", order=75, icon="person-gear"
        )
        register_nav(
            role=Role.ADMIN_LSP, label=_("Jejak audit"), url_name="lsp:audit-list", order=80, icon="clock-history"
        )
        register_nav(role=Role.ADMIN_LSP, label=_("Profil LSP"), url_name="lsp:profil", order=90, icon="gear")
        register_search(key="skema", label=_("Skema"), search=skema_hits, order=40)


def _admin_panel(request):
    from .models import TUK, Notification, Skema

    return {
        "skema_aktif": Skema.objects.filter(aktif=True).count(),
        "tuk_aktif": TUK.objects.filter(aktif=True).count(),
        "notifikasi_gagal": Notification.objects.filter(status=Notification.Status.GAGAL).count(),
    }
