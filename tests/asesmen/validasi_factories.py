"""Helpers for the validation tests: submitted FR.AK.02 records (through the services) of one or more
asesors, and a validator."""

from asesmen import services
from asesmen.models import RekamanAsesmen
from tests.asesi.factories import admin_user
from tests.factories import UserFactory, skema_with_units

from .pelaksanaan_factories import assess_all, signature_png, started


def submitted(*, n_asesi=1, admin=None, skema=None) -> dict:
    """A running batch whose ``n_asesi`` asesi were all assessed K and submitted by one asesor."""
    ctx = started(n_units=1, n_elemen=1, n_kuk=1, n_asesi=n_asesi, admin=admin or admin_user(),
                  skema=skema or skema_with_units(n_units=1, n_elemen=1, n_kuk=1), instrumen=["IA.01"])
    for p in ctx["peserta"]:
        assess_all(p, ctx["asesor"].user)
        services.rekaman_submit(peserta=p, ttd=signature_png(), by=ctx["asesor"].user, ip="10.0.0.9")
    ctx["rekaman"] = list(RekamanAsesmen.objects.filter(peserta__in=ctx["peserta"]).order_by("pk"))
    return ctx


def validator(**kwargs):
    return UserFactory(roles=("validator",), **kwargs)
