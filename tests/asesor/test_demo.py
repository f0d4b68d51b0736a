import io
from datetime import date

import pytest

from asesor import demo, selectors
from asesor.models import AsesorProfile, Diklat, PengajuanRekognisi, RiwayatAsesmen, SertifikatAsesor
from lsp import demo as lsp_demo

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("today", [date(2025, 6, 1), date(2028, 2, 29), date(2027, 3, 1)])
def test_demo_asesors_show_each_state_and_seed_is_idempotent(monkeypatch, today):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: today)
    lsp_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    status = {
        a.user.username: selectors.status_from_loaded(a, today)
        for a in selectors.asesor_queryset().filter(user__username__startswith="asesor")
    }
    assert (status["asesor1"].status, status["asesor1"].rekognisi) == ("aktif", "layak_rekognisi")
    assert status["asesor1"].jumlah_asesmen >= 6
    assert status["asesor2"].status == "segera_kedaluwarsa" and status["asesor2"].hitungan == "4 dari 6 asesmen"
    assert status["asesor3"].status == "aktif"
    [pengajuan] = PengajuanRekognisi.objects.all()  # asesor1's recognition request waits for the admin
    assert pengajuan.asesor.user.username == "asesor1" and pengajuan.status == "diajukan"
    assert pengajuan.bukti.count() == 2 and pengajuan.sertifikat == status["asesor1"].sertifikat
    assert AsesorProfile.objects.get(user__username="asesor3").is_master
    diklat = Diklat.objects.get()
    assert sorted(p.user.username for p in diklat.peserta.all()) == ["asesi4", "asesi5"]
    assert diklat.skema.kode == "SKM-MET-ASKOM-2023" and diklat.master_asesor.user.username == "asesor3"
    counts = (AsesorProfile.objects.count(), SertifikatAsesor.objects.count(), RiwayatAsesmen.objects.count())
    demo.seed(stdout=io.StringIO())
    assert (AsesorProfile.objects.count(), SertifikatAsesor.objects.count(), RiwayatAsesmen.objects.count()) == counts
