"""Races of the assessment, run for real on Postgres: the same record submitted from two tabs at once,
and an asesor's last two asesi submitted at once (the log must still be written, once)."""

import pytest
from django.core.exceptions import ValidationError

from asesmen import services
from asesmen.models import PenilaianUnit, RekamanAsesmen
from asesor.models import RiwayatAsesmen
from tests.concurrency import run_at_once

from .pelaksanaan_factories import assess_all, signature_png, started


def _submit(p, by):
    return lambda: services.rekaman_submit(peserta=p, ttd=signature_png(), by=by, ip=None).pk


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_record_submitted_from_two_tabs_at_once_is_submitted_once():
    c = started()
    p, asesor = c["p"], c["asesor"].user
    assess_all(p, asesor)
    outcomes = run_at_once(_submit(p, asesor), _submit(p, asesor))
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1, outcomes
    assert isinstance(errors[0], ValidationError) and errors[0].error_list[0].code == "rekaman_final"
    rekaman = RekamanAsesmen.objects.get(peserta=p)
    assert PenilaianUnit.objects.filter(rekaman=rekaman).count() == c["skema"].units.count()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_last_two_asesi_submitted_at_once_still_write_the_asesor_log_once():
    c = started(n_asesi=2)
    asesor = c["asesor"].user
    first, second = c["peserta"]
    assess_all(first, asesor)
    assess_all(second, asesor)
    outcomes = run_at_once(_submit(first, asesor), _submit(second, asesor))
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    entry = RiwayatAsesmen.objects.get(sumber_ref=f"asesmen.jadwal:{c['jadwal'].pk}:asesor:{c['asesor'].pk}")
    assert entry.jumlah_asesi == 2
