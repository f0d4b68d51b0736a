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
        from lsp.audit import register_actions, register_audit_link, register_states
        from lsp.dashboard import register_nav
        from lsp.roles import Role

        from . import selectors
        from .domain import AuditAction
        from .pengaduan import selectors as pengaduan_selectors
        from .pengaduan.domain import AuditAction as AuditActionPengaduan
        from .pengaduan.domain import StatusPengaduan
        from .pengaduan.models import Pengaduan

        register_actions(AuditAction)
        # Complaints (ISO/IEC 17024 §9.9): anyone files one about an assessment, an asesor or a certificate
        # holder and follows it by its code; admin LSP handles it to closure (``sertifikat.pengaduan``).
        register_actions(AuditActionPengaduan)
        register_states(StatusPengaduan, nouns=("pengaduan",))
        register_audit_link(Pengaduan, "pengaduan:admin-detail")
        register_nav(role=Role.ADMIN_LSP, label=_("Pengaduan"), url_name="pengaduan:admin-list", order=85,
                     icon="megaphone", badge=pengaduan_selectors.pengaduan_badge, badge_label=_("pengaduan baru"))
        admin = Role.ADMIN_LSP
        from lsp.charts import VERTICAL, register_chart
        from lsp.dashboard import register_action, register_panel

        from .charts import terbit_per_bulan_chart

        register_chart(role=admin, key="sertifikat-bulan", title=_("Sertifikat terbit per bulan"),
                       build=terbit_per_bulan_chart, kind=VERTICAL, order=40)
        register_action(role=admin, key="sertifikat-siap-terbit", label=_("Sertifikat siap diterbitkan"),
                        count=selectors.siap_terbit_badge, url_name="sertifikat:penerbitan", order=40)
        register_action(role=admin, key="sertifikat-berakhir", label=_("Sertifikat berakhir dalam 90 hari"),
                        count=selectors.sertifikat_berakhir_badge, url_name="sertifikat:sertifikat-list",
                        query="berakhir=90", order=45, tone="warning")
        from lsp.ekspor import register_ekspor

        from .ekspor import EKSPOR_BNSP, build_xlsx

        register_ekspor(EKSPOR_BNSP, label=_("Laporan BNSP (XLSX)"), build=build_xlsx)
        from lsp.ekspor import register_daftar_ekspor

        from .ekspor import _daftar

        register_daftar_ekspor(_daftar())
        register_nav(role=admin, label=_("Laporan BNSP"), url_name="sertifikat:laporan-bnsp", order=53,
                     icon="file-earmark-spreadsheet")
        register_panel(role=Role.ASESI, template="sertifikat/_home_asesi.html", context=_asesi_panel, order=20)
        register_nav(role=admin, label=_("Penerbitan sertifikat"), url_name="sertifikat:penerbitan", order=50,
                     icon="award", badge=selectors.siap_terbit_badge, badge_label=_("siap diterbitkan"))
        register_nav(role=admin, label=_("Sertifikat"), url_name="sertifikat:sertifikat-list", order=51,
                     icon="patch-check-fill")
        register_nav(role=admin, label=_("Surveilans sertifikat"), url_name="sertifikat:surveilans-list", order=52,
                     icon="journal-text")
        register_nav(role=Role.ASESI, label=_("Sertifikat saya"), url_name="sertifikat:sertifikat-saya", order=15,
                     icon="award")


def _asesi_panel(request):
    from django.utils import timezone

    from .selectors import sertifikat_for_owner

    return {"sertifikat": list(sertifikat_for_owner(request.user)[:5]), "today": timezone.localdate()}
