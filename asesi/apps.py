from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AsesiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "asesi"
    verbose_name = _("Asesi")

    def ready(self):
        from lsp.audit import register_actions, register_audit_link, register_states
        from lsp.dashboard import register_nav, register_panel
        from lsp.roles import Role
        from lsp.search import register_search

        from . import search, selectors
        from .domain import AuditAction

        register_actions(AuditAction)
        from .domain import Status
        from .models import AsesiProfile, Permohonan

        register_states(Status, nouns=("permohonan",))
        register_audit_link(AsesiProfile, "asesi:asesi-detail")
        register_audit_link(Permohonan, "asesi:verifikasi-detail")

        register_panel(role=Role.ASESI, template="asesi/_home_asesi.html", context=_asesi_panel, order=10)
        register_panel(role=Role.ADMIN_LSP, template="asesi/_home_admin.html", context=_admin_panel, order=20)
        register_nav(role=Role.ASESI, label=_("Permohonan saya"), url_name="asesi:permohonan-list", order=10,
                     icon="file-earmark-text", badge=selectors.permohonan_dikembalikan,
                     badge_label=_("dikembalikan untuk diperbaiki"))
        register_nav(role=Role.ASESI, label=_("Profil"), url_name="asesi:profil", order=20, icon="person-vcard")
        register_nav(role=Role.ADMIN_LSP, label=_("Verifikasi permohonan"), url_name="asesi:verifikasi-list",
                     order=30, icon="clipboard-check", badge=selectors.permohonan_menunggu_verifikasi,
                     badge_label=_("menunggu verifikasi"))
        register_nav(role=Role.ADMIN_LSP, label=_("Daftar asesi"), url_name="asesi:asesi-list", order=40,
                     icon="people")
        register_nav(role=Role.ADMIN_LSP, label=_("Impor asesi"), url_name="asesi:asesi-import", order=45,
                     icon="file-earmark-arrow-up")
        from lsp.ekspor import register_daftar_ekspor

        from .ekspor import ASESI, PERMOHONAN

        register_daftar_ekspor(ASESI)
        register_daftar_ekspor(PERMOHONAN)
        from lsp.charts import register_chart
        from lsp.dashboard import register_action

        from .charts import permohonan_status_chart

        register_chart(role=Role.ADMIN_LSP, key="permohonan-status", title=_("Permohonan per status"),
                       build=permohonan_status_chart, order=10)
        register_action(role=Role.ADMIN_LSP, key="permohonan-verifikasi", label=_("Permohonan menunggu verifikasi"),
                        count=selectors.permohonan_menunggu_verifikasi, url_name="asesi:verifikasi-list",
                        query="status=diajukan", order=10)
        # Komite: applications assessed and waiting for the certification decision, linked to the pleno
        # queue (``asesmen:pleno``, the decision module).
        register_action(role=Role.KOMITE, key="permohonan-diases",
                        label=_("Permohonan menunggu keputusan (telah diases)"),
                        count=selectors.permohonan_menunggu_keputusan, url_name="asesmen:pleno", order=10)
        register_search(key="asesi", label=_("Asesi"), search=search.asesi_hits, order=10)

        from lsp.api import register_api_urls

        from . import api

        register_api_urls(api.api_urlpatterns)
        register_search(key="permohonan", label=_("Permohonan"), search=search.permohonan_hits, order=20)


def _asesi_panel(request):
    from .domain import LANGKAH_BERIKUTNYA
    from .selectors import asesi_profile_get, permohonan_dikembalikan, permohonan_for_owner

    return {
        "profil": asesi_profile_get(request.user),
        "dikembalikan": permohonan_dikembalikan(request.user).count(),
        "items": [
            {"p": p, "langkah": LANGKAH_BERIKUTNYA[p.status]} for p in permohonan_for_owner(request.user)[:10]
        ],
    }


def _admin_panel(request):
    from .selectors import permohonan_queue_count

    return {"menunggu": permohonan_queue_count(request.user)}
