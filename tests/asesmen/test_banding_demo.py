"""The banding demo: asesi1 decided BK with an appeal waiting; idempotent."""

import io

import pytest

from asesi import demo as asesi_demo
from asesi.domain import Status
from asesmen import demo
from asesmen.models import Banding
from asesor import demo as asesor_demo
from lsp import demo as lsp_demo
from sertifikat.pengaduan import demo as pengaduan_demo
from sertifikat.pengaduan.models import Pengaduan

pytestmark = pytest.mark.django_db


def test_demo_has_one_appeal_waiting_and_one_complaint_and_is_idempotent():
    out = io.StringIO()
    for module in (lsp_demo, asesi_demo, asesor_demo, demo, pengaduan_demo):
        module.seed(stdout=out)
    banding = Banding.objects.select_related("permohonan__asesi__user", "rekaman").get()
    assert banding.permohonan.asesi.user.username == "asesi1" and banding.status == "diajukan"
    assert (banding.permohonan.status, banding.permohonan.keputusan) == (Status.DIPUTUSKAN, "BK")
    assert banding.rekaman.rekomendasi == "BK"
    assert Pengaduan.objects.get().status == "diinvestigasi"
    demo.seed(stdout=out)
    pengaduan_demo.seed(stdout=out)
    assert Banding.objects.count() == 1 and Pengaduan.objects.count() == 1
