"""Before the assessment: who may record what, and ``assessment_can_start`` fed from the records."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from asesmen import selectors, services
from asesmen.domain import BuktiAK01, Rekomendasi, StatusJadwal
from asesmen.models import Jadwal
from lsp.models import AuditLog
from tests.asesi.factories import admin_user
from tests.factories import skema_with_units

from .factories import asesor_for, jadwal_planned, permohonan_diterima
from .test_services import codes

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready():
    admin = admin_user(username="admin_prep")
    skema = skema_with_units()
    jadwal = jadwal_planned(skema=skema, admin=admin)
    asesor = asesor_for(skema)
    [peserta] = services.peserta_add(jadwal=jadwal, permohonan_list=[permohonan_diterima(skema, admin)], by=admin)
    penugasan = services.penugasan_add(jadwal=jadwal, asesor=asesor, by=admin)
    services.peserta_assign_asesor(peserta=peserta, asesor=asesor, by=admin)
    return {"admin": admin, "jadwal": jadwal, "asesor": asesor, "peserta": peserta, "penugasan": penugasan,
            "asesi": peserta.permohonan.asesi.user, "skema": skema}


def test_everything_recorded_lets_the_assessment_start_and_each_gap_is_named(ready):
    p, asesor_user, asesi_user = ready["peserta"], ready["asesor"].user, ready["asesi"]
    assert selectors.persiapan_of(p).tuk_siap is False
    services.verifikasi_tuk_save(jadwal=ready["jadwal"], tempat=True, peralatan=True, bahan=True, k3=True,
                                 tanggal=timezone.localdate(), by=ready["admin"])
    services.pernyataan_sign(penugasan=ready["penugasan"], by=asesor_user, ip="10.0.0.1")
    services.rekomendasi_save(peserta=p, rekomendasi=Rekomendasi.LANJUT, by=asesor_user)
    services.konsultasi_save(peserta=p, proses=True, bukti=True, hak=True, kerahasiaan=True, by=asesor_user)
    services.ak01_save(peserta=p, bukti=[BuktiAK01.OBSERVASI], tempat="Lab", waktu=ready["jadwal"].mulai,
                       by=asesor_user)
    services.ak01_confirm(peserta=p, by=asesor_user, ip="10.0.0.1")
    from asesmen.domain import assessment_can_start

    assert assessment_can_start(selectors.persiapan_of(p)) == ["jadwal_belum_berjalan", "konsultasi_belum",
                                                                 "ak01_belum"]
    services.konsultasi_confirm(peserta=p, by=asesi_user, ip="10.0.0.2")
    services.ak01_confirm(peserta=p, by=asesi_user, ip="10.0.0.2")
    services.jadwal_transition(jadwal=ready["jadwal"], to=StatusJadwal.BERJALAN, by=ready["admin"])
    p.jadwal.refresh_from_db()
    assert assessment_can_start(selectors.persiapan_of(p)) == []
    assert AuditLog.objects.filter(action="persetujuan_asesmen.confirm").count() == 2


def test_changing_the_ak01_plan_clears_both_confirmations(ready):
    p, asesor_user = ready["peserta"], ready["asesor"].user
    services.ak01_save(peserta=p, bukti=[BuktiAK01.OBSERVASI], tempat="Lab", waktu=ready["jadwal"].mulai,
                       by=asesor_user)
    services.ak01_confirm(peserta=p, by=asesor_user, ip=None)
    services.ak01_confirm(peserta=p, by=ready["asesi"], ip=None)
    same = services.ak01_save(peserta=p, bukti=[BuktiAK01.OBSERVASI], tempat="Lab", waktu=ready["jadwal"].mulai,
                              by=asesor_user)
    assert same.disetujui  # saving the same plan again changes nothing
    changed = services.ak01_save(peserta=p, bukti=[BuktiAK01.OBSERVASI], tempat="Lab 2",
                                 waktu=ready["jadwal"].mulai, by=asesor_user)
    assert changed.asesor_setuju_pada is None and changed.asesi_setuju_pada is None


def test_only_the_paired_asesor_records_and_only_the_owner_confirms(ready):
    p = ready["peserta"]
    other = asesor_for(ready["skema"]).user
    with pytest.raises(ValidationError) as exc:
        services.konsultasi_save(peserta=p, proses=True, bukti=True, hak=True, kerahasiaan=True, by=other)
    assert codes(exc.value) == ["bukan_asesor_penugasan"]
    with pytest.raises(ValidationError) as exc:
        services.konsultasi_confirm(peserta=p, by=ready["asesi"], ip=None)
    assert codes(exc.value) == ["konsultasi_belum_asesor"]
    with pytest.raises(ValidationError) as exc:
        services.konsultasi_confirm(peserta=p, by=ready["asesor"].user, ip=None)
    assert codes(exc.value) == ["bukan_asesi_pemilik"]
    with pytest.raises(ValidationError) as exc:
        services.pernyataan_sign(penugasan=ready["penugasan"], by=other, ip=None)
    assert codes(exc.value) == ["pernyataan_belum_asesor"]
    with pytest.raises(PermissionDenied):
        services.verifikasi_tuk_save(jadwal=ready["jadwal"], tempat=True, peralatan=True, bahan=True, k3=True,
                                     tanggal=timezone.localdate(), by=other)


def test_consultation_needs_every_item_and_a_negative_recommendation_needs_a_reason(ready):
    p, asesor_user = ready["peserta"], ready["asesor"].user
    with pytest.raises(ValidationError) as exc:
        services.konsultasi_save(peserta=p, proses=True, bukti=True, hak=False, kerahasiaan=True, by=asesor_user)
    assert codes(exc.value) == ["konsultasi_checklist"]
    with pytest.raises(ValidationError) as exc:
        services.rekomendasi_save(peserta=p, rekomendasi=Rekomendasi.TIDAK_LANJUT, by=asesor_user)
    assert codes(exc.value) == ["catatan_wajib"]
    services.rekomendasi_save(peserta=p, rekomendasi=Rekomendasi.TIDAK_LANJUT, catatan="Bukti kurang",
                              by=asesor_user)


def test_tuk_check_date_may_be_today_not_tomorrow(ready):
    kwargs = {"jadwal": ready["jadwal"], "tempat": True, "peralatan": True, "bahan": True, "k3": True,
              "by": ready["admin"]}
    with pytest.raises(ValidationError) as exc:
        services.verifikasi_tuk_save(tanggal=timezone.localdate() + timedelta(days=1), **kwargs)
    assert codes(exc.value) == ["tanggal_verifikasi"]
    assert services.verifikasi_tuk_save(tanggal=timezone.localdate(), **kwargs).siap


def test_mapa_copy_only_from_a_batch_of_the_same_skema_with_a_plan(ready):
    admin = ready["admin"]
    empty_same = jadwal_planned(skema=ready["skema"], admin=admin, start_in=timedelta(days=30))
    other = jadwal_planned(admin=admin)
    with pytest.raises(ValidationError) as exc:
        services.mapa_copy(jadwal=ready["jadwal"], sumber=other, by=admin)
    assert codes(exc.value) == ["mapa_sumber"]
    with pytest.raises(ValidationError) as exc:
        services.mapa_copy(jadwal=ready["jadwal"], sumber=empty_same, by=admin)
    assert codes(exc.value) == ["mapa_sumber_kosong"]
    assert Jadwal.objects.count() == 3
