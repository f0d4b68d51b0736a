import io

import pytest

from asesi import demo as asesi_demo
from asesi.domain import Status
from asesmen import demo
from asesmen.models import Jadwal, PesertaJadwal
from asesor import demo as asesor_demo
from lsp import demo as lsp_demo

pytestmark = pytest.mark.django_db


def test_demo_plans_a_batch_every_role_sees_and_is_idempotent():
    out = io.StringIO()
    for module in (lsp_demo, asesi_demo, asesor_demo):
        module.seed(stdout=out)
    demo.seed_perencanaan(stdout=out)  # the planning part of asesmen's demo (execution: test_pelaksanaan_demo)
    jadwal = Jadwal.objects.get()
    assert jadwal.skema.kode == "SKM-TIK-JWD-2024" and jadwal.status == "direncanakan"
    assert sorted(t.asesor.user.username for t in jadwal.penugasan.all()) == ["asesor1", "asesor3"]
    peserta = PesertaJadwal.objects.get(jadwal=jadwal)
    assert peserta.permohonan.asesi.user.username == "asesi4" and peserta.asesor.user.username == "asesor1"
    assert peserta.permohonan.status == Status.DIJADWALKAN
    assert jadwal.mapa.count() == jadwal.skema.units.count() > 0
    assert peserta.ak01.asesi_setuju_pada is None and peserta.konsultasi.asesor_konfirmasi_pada is not None
    demo.seed_perencanaan(stdout=out)
    assert Jadwal.objects.count() == 1
