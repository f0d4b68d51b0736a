"""Helpers for asesmen tests: batches, eligible asesors and accepted applications are made through the
services (so they carry the same rows, history and audit as real ones)."""

from datetime import timedelta

from django.utils import timezone

from asesi.domain import Status
from asesi.services import permohonan_submit
from asesmen import services
from tests.asesi.factories import AsesiProfileFactory, admin_user, apl02_fill, permohonan_draft, verify
from tests.asesor.factories import AsesorFactory, KompetensiFactory, SertifikatAsesorFactory
from tests.factories import TUKFactory, skema_with_units


def asesor_for(skema, **kwargs):
    """An asesor with a valid certificate and a technical competence for ``skema``."""
    asesor = AsesorFactory(**kwargs)
    SertifikatAsesorFactory(asesor=asesor, issued_on=timezone.localdate() - timedelta(days=100))
    KompetensiFactory(asesor=asesor, skema=skema)
    return asesor


def at_local(days: int, hour: int):
    """``days`` from today at ``hour``:00 local time (tests about one calendar day need fixed hours)."""
    return (timezone.localtime() + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def jadwal_planned(*, skema=None, admin=None, start_in=timedelta(days=10), hours=8, kapasitas=10, tuk=None,
                   start=None):
    start = start or (timezone.now() + start_in).replace(second=0, microsecond=0)
    return services.jadwal_create(
        skema=skema or skema_with_units(), tuk=tuk or TUKFactory(), mulai=start, selesai=start + timedelta(hours=hours),
        kapasitas=kapasitas, by=admin or admin_user(),
    )


def permohonan_diterima(skema, admin, profil=None, **profil_kwargs):
    """An accepted application (FR.APL.02 complete) of a new or given asesi for ``skema``."""
    p = permohonan_draft(profil or AsesiProfileFactory(**profil_kwargs), skema)
    apl02_fill(p)
    permohonan_submit(permohonan=p, by=p.asesi.user)
    verify(p, admin)
    p.refresh_from_db()
    assert p.status == Status.DITERIMA
    return p
