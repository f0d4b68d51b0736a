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
        from lsp.audit import register_actions, register_audit_link, register_states
        from lsp.dashboard import register_nav, register_panel
        from lsp.roles import Role

        from . import selectors_banding
        from .domain import AuditAction
        from .domain_banding import AuditAction as AuditActionBanding
        from .domain_banding import StatusBanding
        from .domain_keputusan import AuditAction as AuditActionKeputusan
        from .domain_pelaksanaan import AuditAction as AuditActionPelaksanaan
        from .domain_validasi import Aspek, Kesimpulan, StatusSampel, StatusTindakLanjut
        from .domain_validasi import AuditAction as AuditActionValidasi
        from .models import Banding, KeputusanSK
        from .selectors_keputusan import pleno_badge, sk_diajukan_badge

        register_actions(AuditAction)
        register_actions(AuditActionPelaksanaan)
        register_actions(AuditActionKeputusan)
        register_audit_link(KeputusanSK, "asesmen:sk-detail")
        register_actions(AuditActionBanding)
        register_states(StatusBanding, nouns=("banding",))
        register_audit_link(Banding, "asesmen:banding-detail")
        register_actions(AuditActionValidasi)
        _register_validasi(register_nav, register_panel, Role, AuditActionValidasi, Aspek, Kesimpulan, StatusSampel,
                           StatusTindakLanjut)

        admin = Role.ADMIN_LSP
        register_panel(role=admin, template="asesmen/_home_admin.html", context=_admin_panel, order=25)
        register_panel(role=Role.ASESOR, template="asesmen/_home_asesor.html", context=_asesor_panel, order=5)
        register_panel(role=Role.ASESI, template="asesmen/_home_asesi.html", context=_asesi_panel, order=15)
        from lsp.ekspor import register_daftar_ekspor

        from .ekspor import REKAMAN

        register_daftar_ekspor(REKAMAN)
        from lsp.charts import VERTICAL, register_chart

        from . import charts

        register_chart(role=admin, key="asesmen-bulan", title=_("Asesmen per bulan"),
                       build=charts.asesmen_per_bulan_chart, kind=VERTICAL, order=20)
        register_chart(role=admin, key="asesmen-skema", title=_("K dan BK per skema"),
                       build=charts.k_bk_per_skema_chart, order=30)
        register_chart(role=admin, key="asesor-beban", title=_("Beban asesor"), build=charts.asesor_beban_chart,
                       order=60)
        register_nav(role=admin, label=_("Jadwal uji kompetensi"), url_name="asesmen:jadwal-list", order=35,
                     icon="calendar-event")
        register_nav(role=admin, label=_("Kalender asesmen"), url_name="asesmen:kalender", order=36,
                     icon="calendar3")
        register_nav(role=admin, label=_("Rekaman asesmen"), url_name="asesmen:rekaman-list", order=38,
                     icon="clipboard-check")
        register_nav(role=admin, label=_("Bank instrumen"), url_name="asesmen:bank", order=37, icon="journal-check")
        register_nav(role=Role.ASESOR, label=_("Jadwal saya"), url_name="asesmen:asesor-jadwal-list", order=5,
                     icon="calendar-check")
        register_panel(role=Role.KOMITE, template="asesmen/pleno/_home_komite.html", context=_komite_panel, order=10)
        register_panel(role=Role.DIREKTUR, template="asesmen/pleno/_home_direktur.html", context=_direktur_panel,
                       order=10)
        register_nav(role=Role.KOMITE, label=_("Keputusan sertifikasi (pleno)"), url_name="asesmen:pleno", order=10,
                     icon="hammer", badge=pleno_badge, badge_label=_("jadwal menunggu keputusan"))
        register_nav(role=Role.KOMITE, label=_("SK hasil uji kompetensi"), url_name="asesmen:sk-list", order=15,
                     icon="file-earmark-check")
        register_nav(role=Role.DIREKTUR, label=_("SK hasil uji kompetensi"), url_name="asesmen:sk-list", order=10,
                     icon="file-earmark-check", badge=sk_diajukan_badge, badge_label=_("SK menunggu persetujuan"))
        register_nav(role=admin, label=_("SK hasil uji kompetensi"), url_name="asesmen:sk-list", order=39,
                     icon="file-earmark-check")
        register_nav(role=Role.ASESI, label=_("Jadwal uji saya"), url_name="asesmen:asesi-jadwal", order=15,
                     icon="calendar-check")
        # FR.AK.04 banding: the komite's queue (replaces the placeholder lsp once showed) and the asesi's page
        register_nav(role=Role.KOMITE, label=_("Banding"), url_name="asesmen:banding-list", order=20,
                     icon="chat-left-quote", badge=selectors_banding.banding_badge, badge_label=_("menunggu keputusan"))
        register_nav(role=Role.ASESI, label=_("Banding"), url_name="asesmen:banding-saya", order=17,
                     icon="chat-left-quote")


def _register_validasi(register_nav, register_panel, Role, actions, *states):
    """FR.VA: the validator's menu entry and home panel; audit rows link to the sample or the record."""
    from lsp.audit import register_audit_link, register_states

    from .models import SampelRekaman, SampelValidasi

    nouns = tuple(value.split(".")[0] for value in actions.values)
    for choices in states:
        register_states(choices, nouns=nouns)
    register_audit_link(SampelValidasi, "asesmen:validasi-detail")
    register_audit_link(SampelRekaman, "asesmen:validasi-rekaman")
    register_nav(role=Role.VALIDATOR, label=_("Validasi asesmen"), url_name="asesmen:validasi-list", order=10,
                 icon="clipboard2-check")
    register_panel(role=Role.VALIDATOR, template="asesmen/validasi/_home_validator.html", context=_validator_panel,
                   order=20)
    # R65: the admin LSP reads every sample; the asesor owning a follow-up sees it, counted on the menu and home
    from lsp.dashboard import register_action

    from .selectors_validasi import tindak_lanjut_terbuka_badge

    register_nav(role=Role.ADMIN_LSP, label=_("Validasi asesmen"), url_name="asesmen:validasi-admin-list", order=41,
                 icon="clipboard2-check")
    register_nav(role=Role.ASESOR, label=_("Tindak lanjut validasi"), url_name="asesmen:tindak-lanjut-saya", order=8,
                 icon="list-check", badge=tindak_lanjut_terbuka_badge, badge_label=_("tindak lanjut terbuka"))
    register_action(role=Role.ASESOR, key="tindak-lanjut-validasi", label=_("Tindak lanjut validasi terbuka"),
                    count=tindak_lanjut_terbuka_badge, url_name="asesmen:tindak-lanjut-saya", order=20,
                    tone="warning")


def _validator_panel(request):
    from .domain_validasi import StatusSampel, StatusTindakLanjut
    from .selectors_validasi import sampel_for_user, tindak_lanjut_for_user

    return {
        "sampel_terbuka": sampel_for_user(request.user).filter(status=StatusSampel.DIVALIDASI).count(),
        "tindak_lanjut_terbuka": tindak_lanjut_for_user(request.user).filter(
            status=StatusTindakLanjut.TERBUKA).count(),
    }


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


def _komite_panel(request):
    from .selectors_keputusan import pleno_badge

    return {"menunggu": pleno_badge(request.user).count()}


def _direktur_panel(request):
    from .selectors_keputusan import sk_diajukan_badge

    return {"diajukan": sk_diajukan_badge(request.user).count()}
