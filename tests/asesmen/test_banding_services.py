"""FR.AK.04 banding and the re-assessment, through the services on Postgres: who may appeal and decide,
the period at its boundaries, the audit rows, the notifications, the carried-over units."""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from asesi.domain import Keputusan
from asesi.domain import Status as PermohonanStatus
from asesi.models import PermohonanRiwayat
from asesi.services import permohonan_transition
from asesmen import services
from asesmen.domain_banding import StatusBanding
from asesmen.models import Banding, PenilaianUnit
from asesmen.services.banding import banding_ajukan, banding_putuskan
from lsp.models import AuditLog, Notification, Pemberitahuan

from .banding_factories import JAWABAN, bk_result, komite_user, reassessment_batch
from .factories import asesor_for
from .pelaksanaan_factories import kuk_of, signature_png
from .test_services import codes

pytestmark = pytest.mark.django_db


@pytest.fixture
def bk():
    return bk_result()


def _ajukan(bk, **kwargs):
    values = {"permohonan": bk["permohonan"], "jawaban": JAWABAN, "alasan": "Portofolio saya tidak diperiksa",
              "by": bk["permohonan"].asesi.user, **kwargs}
    return banding_ajukan(**values)


def _decided_on(permohonan, day: date):
    at = timezone.make_aware(datetime(day.year, day.month, day.day, 23, 30))
    PermohonanRiwayat.objects.filter(permohonan=permohonan, ke=PermohonanStatus.DIPUTUSKAN).update(created_at=at)


def test_the_asesi_appeals_a_bk_result_audited_and_notified(bk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        banding = _ajukan(bk)
    assert banding.status == StatusBanding.DIAJUKAN and banding.rekaman == bk["rekaman"]
    assert banding.hasil.ke == PermohonanStatus.DIPUTUSKAN
    assert AuditLog.objects.filter(action="banding.ajukan", object_id=str(banding.pk)).count() == 1
    assert Notification.objects.filter(key=f"asesmen.banding.{banding.pk}.diterima_lsp").exists()
    url = f"/asesmen/banding/saya/{banding.pk}/"
    assert Pemberitahuan.objects.filter(penerima=bk["permohonan"].asesi.user, url=url).exists()


@pytest.mark.parametrize("decided, today, ok", [
    (date(2026, 1, 25), date(2026, 2, 8), True),  # day 14, across a month end
    (date(2026, 1, 25), date(2026, 2, 9), False),  # day 15
    (date(2026, 3, 2), date(2026, 3, 2), True),  # the day of the decision
])
def test_the_appeal_period_at_its_boundary(bk, decided, today, ok):
    _decided_on(bk["permohonan"], decided)
    if ok:
        assert _ajukan(bk, today=today).pk
    else:
        with pytest.raises(ValidationError) as exc:
            _ajukan(bk, today=today)
        assert codes(exc.value) == ["lewat_masa"]
        assert not Banding.objects.exists()


def test_the_period_is_the_lsp_setting(bk, settings):
    settings.LSP_MASA_BANDING_HARI = 30
    _decided_on(bk["permohonan"], date(2026, 1, 25))
    assert _ajukan(bk, today=date(2026, 2, 24)).pk


def test_a_second_appeal_of_the_same_result_is_refused(bk):
    _ajukan(bk)
    with pytest.raises(ValidationError) as exc:
        _ajukan(bk)
    assert codes(exc.value) == ["sudah_banding"]


def test_a_k_result_cannot_be_appealed():
    bk = bk_result()
    p = bk["permohonan"]
    komite = komite_user()
    # the same application decided K instead (a fresh one through the same path)
    from asesi.models import Permohonan

    Permohonan.objects.filter(pk=p.pk).update(keputusan=Keputusan.K)
    p.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        _ajukan({**bk, "permohonan": p, "komite": komite})
    assert codes(exc.value) == ["bukan_bk"]


def test_only_the_owner_appeals_with_answers_and_reasons(bk):
    with pytest.raises(PermissionDenied):
        _ajukan(bk, by=bk["komite"])
    with pytest.raises(ValidationError) as exc:
        _ajukan(bk, alasan=" ", jawaban={"dijelaskan": True})
    assert sorted(codes(exc.value)) == ["alasan_wajib", "jawaban_wajib"]


def test_the_assessing_asesor_may_not_decide_even_as_komite(bk):
    banding = _ajukan(bk)
    from lsp.models import User

    bk["asesor"].user.groups.add(*komite_user().groups.all())
    asesor_user = User.objects.get(pk=bk["asesor"].user_id)
    with pytest.raises(ValidationError) as exc:
        banding_putuskan(banding=banding, keputusan=StatusBanding.DITOLAK, alasan="x", by=asesor_user)
    assert codes(exc.value) == ["terlibat"]
    with pytest.raises(ValidationError) as exc:
        banding_putuskan(banding=banding, keputusan=StatusBanding.DITOLAK, alasan="x", by=bk["admin"])
    assert codes(exc.value) == ["bukan_komite"]


def test_a_refused_appeal_keeps_the_bk_decision(bk, django_capture_on_commit_callbacks):
    banding = _ajukan(bk)
    komite = komite_user()
    with django_capture_on_commit_callbacks():
        banding_putuskan(banding=banding, keputusan=StatusBanding.DITOLAK, alasan="Bukti cukup", by=komite)
    banding.refresh_from_db()
    assert banding.status == StatusBanding.DITOLAK and banding.diputuskan_oleh == komite
    bk["permohonan"].refresh_from_db()
    assert bk["permohonan"].status == PermohonanStatus.DIPUTUSKAN
    assert AuditLog.objects.filter(action="banding.putuskan", to_state="ditolak").count() == 1
    assert Notification.objects.filter(key=f"asesmen.banding.{banding.pk}.diputuskan").exists()
    with pytest.raises(ValidationError) as exc:
        banding_putuskan(banding=banding, keputusan=StatusBanding.DITERIMA, alasan="x", by=komite)
    assert codes(exc.value) == ["sudah_diputuskan"]


def test_a_decision_needs_a_valid_outcome_and_reasons(bk):
    banding = _ajukan(bk)
    with pytest.raises(ValidationError) as exc:
        banding_putuskan(banding=banding, keputusan="naik", alasan="", by=komite_user())
    assert sorted(codes(exc.value)) == ["alasan_keputusan_wajib", "keputusan_invalid"]


def test_a_granted_appeal_reassesses_only_the_bk_units_by_another_asesor(bk):
    banding = _ajukan(bk)
    banding_putuskan(banding=banding, keputusan=StatusBanding.DITERIMA, alasan="Ases ulang", by=komite_user())
    p = bk["permohonan"]
    p.refresh_from_db()
    assert p.status == PermohonanStatus.DITERIMA and p.keputusan == ""
    assert not p.penjadwalan.filter(aktif=True).exists()
    other = asesor_for(bk["skema"])
    ulang = reassessment_batch(skema=bk["skema"], permohonan=p, admin=bk["admin"], asesor=other)
    peserta = ulang["peserta"]
    kuks = kuk_of(bk["skema"])
    carried = [k for k in kuks if k.elemen.unit_id == bk["unit_k"]]
    with pytest.raises(ValidationError) as exc:
        services.kuk_save(peserta=peserta, kuk=carried[0], hasil="K", by=other.user)
    assert codes(exc.value) == ["unit_sudah_kompeten"]
    assert f"#{bk['rekaman'].pk}" in exc.value.messages[0]
    for kuk in kuks:
        if kuk.elemen.unit_id != bk["unit_k"]:
            services.kuk_save(peserta=peserta, kuk=kuk, hasil="K", by=other.user)
    rekaman = services.rekaman_submit(peserta=peserta, ttd=signature_png(), by=other.user, ip=None)
    assert rekaman.rekomendasi == "K"
    rows = {r.unit_id: r for r in PenilaianUnit.objects.filter(rekaman=rekaman)}
    assert rows[bk["unit_k"]].hasil == "K" and rows[bk["unit_k"]].dibawa_dari_id == bk["rekaman"].pk
    assert len(rows) == bk["skema"].units.count()


def test_a_reassessment_with_a_unit_still_bk_is_bk(bk):
    banding = _ajukan(bk)
    banding_putuskan(banding=banding, keputusan=StatusBanding.DITERIMA, alasan="Ases ulang", by=komite_user())
    p = bk["permohonan"]
    p.refresh_from_db()
    ulang = reassessment_batch(skema=bk["skema"], permohonan=p, admin=bk["admin"], asesor=bk["asesor"])
    for kuk in kuk_of(bk["skema"]):
        if kuk.elemen.unit_id != bk["unit_k"]:
            services.kuk_save(peserta=ulang["peserta"], kuk=kuk, hasil="BK", by=bk["asesor"].user)
    rekaman = services.rekaman_submit(peserta=ulang["peserta"], tindak_lanjut="Lagi", ttd=signature_png(),
                                      by=bk["asesor"].user, ip=None)
    assert rekaman.rekomendasi == "BK"


def test_only_a_bk_decision_goes_back_to_diterima(bk):
    from asesi.models import Permohonan

    p = bk["permohonan"]
    Permohonan.objects.filter(pk=p.pk).update(keputusan=Keputusan.K)
    p.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        permohonan_transition(permohonan=p, to=PermohonanStatus.DITERIMA, by=komite_user())
    assert codes(exc.value) == ["ulang_bukan_bk"]
