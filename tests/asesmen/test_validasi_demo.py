"""seed_demo's validation part: the validator's sample of the finished record, with a finding and an open
follow-up; run twice, nothing is drawn twice."""

import io

import pytest

from asesi import demo as asesi_demo
from asesmen import demo
from asesmen.models import SampelValidasi, TemuanValidasi, TindakLanjutValidasi
from asesor import demo as asesor_demo
from lsp import demo as lsp_demo

pytestmark = pytest.mark.django_db


def test_demo_has_a_drawn_sample_with_a_finding_and_is_idempotent(client):
    out = io.StringIO()
    for _ in range(2):
        for module in (lsp_demo, asesi_demo, asesor_demo, demo):
            module.seed(stdout=out)
    sampel = SampelValidasi.objects.select_related("validator").get()
    assert sampel.validator.username == "validator" and sampel.seed == "demo-fr-va"
    assert sampel.rekaman.get().rekaman.peserta.permohonan.asesi.user.username == "asesi5"
    assert TemuanValidasi.objects.filter(memenuhi=False).count() == 1
    # one for the admin, one for the record's asesor (asesor1), who is told
    assert TindakLanjutValidasi.objects.filter(status="terbuka").count() == 2
    assert TindakLanjutValidasi.objects.filter(penanggung_jawab__username="asesor1").count() == 1
    client.force_login(sampel.validator)
    assert client.get(sampel.get_absolute_url()).status_code == 200
    assert client.get(sampel.rekaman.get().get_absolute_url()).status_code == 200
