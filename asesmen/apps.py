from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AsesmenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "asesmen"
    verbose_name = _("Asesmen")

    def ready(self):
        from lsp.api import register_api_urls

        from . import api

        register_api_urls(api.api_urlpatterns)
        from lsp.audit import register_actions
        from lsp.dashboard import register_nav, register_panel
        from lsp.roles import Role

        from .domain import AuditAction
        from .domain_pelaksanaan import AuditAction as AuditActionPelaksanaan

        register_actions(AuditAction)
        register_actions(AuditActionPelaksanaan)

        admin = Role.ADMIN_LSP
        register_panel(role=admin, template="asesmen/_home_admin.html", context=_admin_panel, order=25)
        register_panel(role=Role.ASESOR, template="asesmen/_home_asesor.html", context=_asesor_panel, order=5)
        register_panel(role=Role.ASESI, template="asesmen/_home_asesi.html", context=_asesi_panel, order=15)
        register_nav(role=admin, label=_("Jadwal uji kompetensi"), url_name="asesmen:jadwal-list", order=35,
                     icon="calendar-event")
        register_nav(role=admin, label=_("Kalender asesmen"), url_name="asesmen:kalender", order=36,
                     icon="calendar3")
        register_nav(role=admin, label=_("Rekaman asesmen"), url_name="asesmen:rekaman-list", order=38,
                     icon="clipboard-check")
        register_nav(role=admin, label=_("Bank instrumen"), url_name="asesmen:bank", order=37, icon="journal-check")
        register_nav(role=Role.ASESOR, label=_("Jadwal saya"), url_name="asesmen:asesor-jadwal-list", order=5,
                     icon="calendar-check")
        register_nav(role=Role.ASESI, label=_("Jadwal uji saya"), url_name="asesmen:asesi-jadwal", order=15,
                     icon="calendar-check")


def _admin_panel(request):
    from django.utils import timezone

    from .domain import StatusJadwal
    from .selectors import jadwal_for_admin

    qs = jadwal_for_admin(request.user)
    return {
        "direncanakan": qs.filter(status=StatusJadwal.DIRENCANAKAN, mulai__gte=timezone.now()).count(),
        "berjalan": qs.filter(status=StatusJadwal.BERJALAN).count(),
    }


def _asesor_panel(request):
    from django.utils import timezone

    from .domain import StatusJadwal
    from .selectors import jadwal_for_asesor

    upcoming = (
        jadwal_for_asesor(request.user).filter(selesai__gte=timezone.now())
        .exclude(status=StatusJadwal.DIBATALKAN).order_by("mulai", "pk")[:5]
    )
    return {"jadwal": list(upcoming)}


def _asesi_panel(request):
    from .selectors import peserta_for_asesi

    return {"peserta": list(peserta_for_asesi(request.user).order_by("jadwal__mulai", "pk")[:3])}
