from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SertifikatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sertifikat"
    verbose_name = _("Sertifikat")

    def ready(self):
        from lsp.api import register_api_urls

        from . import api

        register_api_urls(api.api_urlpatterns)
        from lsp.audit import register_actions
        from lsp.dashboard import register_nav
        from lsp.roles import Role

        from . import selectors
        from .domain import AuditAction

        register_actions(AuditAction)
        admin = Role.ADMIN_LSP
        register_nav(role=admin, label=_("Penerbitan sertifikat"), url_name="sertifikat:penerbitan", order=50,
                     icon="award", badge=selectors.siap_terbit_badge, badge_label=_("siap diterbitkan"))
        register_nav(role=admin, label=_("Sertifikat"), url_name="sertifikat:sertifikat-list", order=51,
                     icon="patch-check-fill")
        register_nav(role=admin, label=_("Surveilans sertifikat"), url_name="sertifikat:surveilans-list", order=52,
                     icon="journal-text")
        register_nav(role=Role.ASESI, label=_("Sertifikat saya"), url_name="sertifikat:sertifikat-saya", order=15,
                     icon="award")
