from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AsesorConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "asesor"
    verbose_name = _("Asesor")

    def ready(self):
        from lsp.api import register_api_urls

        from . import api

        register_api_urls(api.api_urlpatterns)
        from lsp.audit import register_actions, register_audit_link, register_states
        from lsp.dashboard import register_nav, register_panel
        from lsp.roles import Role
        from lsp.search import register_search

        from . import search, selectors
        from .domain import AuditAction

        register_actions(AuditAction)
        from . import domain
        from .models import AsesorProfile, Diklat

        for choices in (domain.StatusVerifikasi, domain.HasilPeserta, domain.JenisSertifikat, domain.StatusRekognisi):
            register_states(choices, nouns=("asesor",))
        register_audit_link(AsesorProfile, "asesor:asesor-detail")
        register_audit_link(Diklat, "asesor:diklat-detail")

        from lsp.ekspor import register_ekspor

        from .ekspor import EKSPOR_XLSX, build_xlsx

        register_ekspor(EKSPOR_XLSX, label=_("Daftar asesor (XLSX)"), build=build_xlsx)

        register_panel(role=Role.ADMIN_LSP, template="asesor/_home_admin.html", context=_admin_panel, order=30)
        register_panel(role=Role.ASESOR, template="asesor/_home_asesor.html", context=_asesor_panel, order=10)
        admin, asesor = Role.ADMIN_LSP, Role.ASESOR
        register_nav(role=admin, label=_("Asesor"), url_name="asesor:asesor-list", order=30, icon="person-badge")
        register_nav(role=admin, label=_("Asesmen eksternal"), url_name="asesor:riwayat-list", order=32,
                     icon="journal-check", badge=selectors.riwayat_menunggu,
                     badge_label=_("menunggu verifikasi"))
        register_nav(role=admin, label=_("Diklat asesor"), url_name="asesor:diklat-list", order=31, icon="easel")
        register_nav(
            role=admin, label=_("Verifikasi asesor"), url_name="asesor:antrean", order=33, icon="patch-check",
            badge=selectors.pengajuan_menunggu, badge_label=_("pengajuan rekognisi menunggu"),
        )
        register_nav(role=asesor, label=_("Profil asesor saya"), url_name="asesor:asesor-saya", icon="person-badge")
        from lsp.charts import register_chart

        from .charts import asesor_status_chart

        register_chart(role=admin, key="asesor-status", title=_("Status asesor"), build=asesor_status_chart, order=50)
        register_search(key="asesor", label=_("Asesor"), search=search.asesor_hits, order=30)


def _admin_panel(request):
    from django.utils import timezone

    from .selectors import asesor_summary

    return asesor_summary(timezone.localdate())


def _asesor_panel(request):
    from django.utils import timezone

    from .selectors import asesor_own, status_from_loaded

    asesor = asesor_own(request.user)
    if asesor is None:
        return {"asesor": None}
    return {"asesor": asesor, "status": status_from_loaded(asesor, timezone.localdate())}
