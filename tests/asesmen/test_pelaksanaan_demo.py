"""seed_demo's assessment part: a running batch with asesi5 fully assessed, every form signed."""

import io

import pytest

from asesi import demo as asesi_demo
from asesi.domain import Status
from asesmen import demo
from asesmen.domain import StatusJadwal
from asesmen.models import PenilaianKUK, PenilaianUnit, RekamanAsesmen, TandaTangan, UjianTertulis, UmpanBalik
from asesor import demo as asesor_demo
from asesor.models import RiwayatAsesmen
from lsp import demo as lsp_demo
from lsp.models import KUK

pytestmark = pytest.mark.django_db


def test_demo_has_a_running_batch_with_one_asesi_fully_assessed_and_is_idempotent():
    out = io.StringIO()
    for module in (lsp_demo, asesi_demo, asesor_demo, demo):
        module.seed(stdout=out)
    rekaman = RekamanAsesmen.objects.select_related("peserta__jadwal", "peserta__permohonan__asesi__user").get(
        peserta__permohonan__asesi__user__username="asesi5")  # asesi1's BK record is the banding demo
    p = rekaman.peserta
    assert p.permohonan.asesi.user.username == "asesi5" and p.jadwal.status == StatusJadwal.BERJALAN
    assert (rekaman.status, rekaman.rekomendasi) == ("diajukan", "K")
    skema = p.jadwal.skema
    assert PenilaianKUK.objects.filter(rekaman=rekaman).count() == KUK.objects.filter(elemen__unit__skema=skema).count()
    assert PenilaianUnit.objects.filter(rekaman=rekaman, hasil="K").count() == skema.units.count()
    assert p.permohonan.status == Status.DIASES
    assert UjianTertulis.objects.get(rekaman=rekaman).benar == UjianTertulis.objects.get(rekaman=rekaman).jumlah > 0
    assert UmpanBalik.objects.filter(peserta=p).exists()
    assert set(TandaTangan.objects.filter(peserta=p).values_list("dokumen", "pihak")) == {
        ("AK.02", "asesor"), ("AK.02", "asesi"), ("AK.03", "asesi")}
    assert RiwayatAsesmen.objects.filter(sumber_ref__startswith=f"asesmen.jadwal:{p.jadwal_id}:").count() == 1
    demo.seed(stdout=out)
    assert RekamanAsesmen.objects.count() == 2
