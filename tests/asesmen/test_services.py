"""Planning services: every guard refuses with its code and saves nothing; the application moves only
through ``asesi.services.permohonan_transition``; audit rows and emails after commit."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from asesi.domain import Status
from asesmen import services
from asesmen.domain import StatusJadwal
from asesmen.models import Jadwal, PenugasanAsesor, PesertaJadwal
from lsp.models import AuditLog
from tests.asesi.factories import admin_user
from tests.asesor.factories import KonflikFactory
from tests.factories import TUKFactory, skema_with_units

from .factories import asesor_for, at_local, jadwal_planned, permohonan_diterima

pytestmark = pytest.mark.django_db


def codes(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [e.code for errors in exc.error_dict.values() for e in errors]
    return [e.code for e in exc.error_list]


@pytest.fixture
def admin():
    return admin_user(username="admin_jadwal")


@pytest.fixture
def skema():
    return skema_with_units(kode="SKM-JWD-UJI")


# --- jadwal ---------------------------------------------------------------------------------------


def test_create_refuses_past_start_end_before_start_and_bad_capacity_and_saves_nothing(admin, skema):
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        services.jadwal_create(skema=skema, tuk=TUKFactory(), mulai=now - timedelta(hours=1),
                               selesai=now - timedelta(hours=2), kapasitas=0, by=admin)
    assert codes(exc.value) == ["mulai_lampau", "selesai_sebelum_mulai", "kapasitas_invalid"]
    assert not Jadwal.objects.exists()


def test_create_writes_the_batch_and_its_audit_row(admin, skema):
    jadwal = jadwal_planned(skema=skema, admin=admin)
    assert jadwal.status == StatusJadwal.DIRENCANAKAN
    row = AuditLog.objects.get(action="jadwal.create")
    assert row.actor == admin and row.object_id == str(jadwal.pk) and row.to_state == "direncanakan"


def test_only_admin_lsp_plans(make_user, skema):
    asesor = make_user("asesor")
    with pytest.raises(PermissionDenied):
        jadwal_planned(skema=skema, admin=asesor)


# --- asesi ----------------------------------------------------------------------------------------


def test_placing_moves_the_application_to_dijadwalkan_through_the_state_machine_and_emails_after_commit(
    admin, skema, django_capture_on_commit_callbacks
):
    jadwal = jadwal_planned(skema=skema, admin=admin)
    p = permohonan_diterima(skema, admin)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.peserta_add(jadwal=jadwal, permohonan_list=[p], by=admin)
        assert len(mail.outbox) == 0  # nothing leaves before commit
    p.refresh_from_db()
    assert p.status == Status.DIJADWALKAN
    assert p.riwayat.filter(ke=Status.DIJADWALKAN, oleh=admin, catatan=jadwal.kode).exists()
    assert AuditLog.objects.filter(action="peserta_jadwal.add", object_id=str(jadwal.pk)).count() == 1
    subjects = [m.subject for m in mail.outbox]
    assert any(jadwal.kode in s and "dijadwalkan" in s for s in subjects)


def test_only_accepted_applications_of_the_skema_are_placed_and_a_refusal_places_none(admin, skema):
    jadwal = jadwal_planned(skema=skema, admin=admin)
    ok = permohonan_diterima(skema, admin)
    other_skema = permohonan_diterima(skema_with_units(), admin)
    submitted = permohonan_diterima(skema, admin)
    from asesi.models import Permohonan

    Permohonan.objects.filter(pk=submitted.pk).update(status=Status.DIAJUKAN)
    submitted.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.peserta_add(jadwal=jadwal, permohonan_list=[ok, other_skema, submitted], by=admin)
    assert codes(exc.value) == ["skema_tidak_sama", "permohonan_bukan_diterima"]
    assert not PesertaJadwal.objects.exists()
    ok.refresh_from_db()
    assert ok.status == Status.DITERIMA


def test_capacity_is_enforced_at_exactly_full(admin, skema):
    jadwal = jadwal_planned(skema=skema, admin=admin, kapasitas=2)
    a, b, c = (permohonan_diterima(skema, admin) for _ in range(3))
    services.peserta_add(jadwal=jadwal, permohonan_list=[a, b], by=admin)
    with pytest.raises(ValidationError) as exc:
        services.peserta_add(jadwal=jadwal, permohonan_list=[c], by=admin)
    assert codes(exc.value) == ["kapasitas_penuh"]


def test_an_asesi_in_an_open_batch_of_the_skema_is_not_placed_in_a_second(admin, skema):
    first, second = jadwal_planned(skema=skema, admin=admin), jadwal_planned(skema=skema, admin=admin)
    p = permohonan_diterima(skema, admin)
    services.peserta_add(jadwal=first, permohonan_list=[p], by=admin)
    p.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.peserta_add(jadwal=second, permohonan_list=[p], by=admin)
    assert codes(exc.value) == ["sudah_dijadwalkan"]


def test_remove_needs_a_reason_and_gives_the_application_back(admin, skema):
    jadwal = jadwal_planned(skema=skema, admin=admin)
    p = permohonan_diterima(skema, admin)
    [peserta] = services.peserta_add(jadwal=jadwal, permohonan_list=[p], by=admin)
    with pytest.raises(ValidationError) as exc:
        services.peserta_remove(peserta=peserta, by=admin, note=" ")
    assert codes(exc.value) == ["catatan_wajib"]
    services.peserta_remove(peserta=peserta, by=admin, note="Asesi sakit")
    p.refresh_from_db()
    peserta.refresh_from_db()
    assert p.status == Status.DITERIMA and not peserta.aktif and peserta.keluar_pada is not None
    # and can be placed again
    services.peserta_add(jadwal=jadwal, permohonan_list=[p], by=admin)


def test_move_keeps_the_placement_and_its_data_clears_the_asesor_and_needs_the_same_skema(admin, skema):
    dari = jadwal_planned(skema=skema, admin=admin)
    ke = jadwal_planned(skema=skema, admin=admin, start_in=timedelta(days=20))
    lain = jadwal_planned(admin=admin)
    asesor = asesor_for(skema)
    p = permohonan_diterima(skema, admin)
    [peserta] = services.peserta_add(jadwal=dari, permohonan_list=[p], by=admin)
    services.penugasan_add(jadwal=dari, asesor=asesor, by=admin)
    services.peserta_assign_asesor(peserta=peserta, asesor=asesor, by=admin)
    PesertaJadwal.objects.filter(pk=peserta.pk).update(penyesuaian="Kursi roda")
    with pytest.raises(ValidationError) as exc:
        services.peserta_move(peserta=peserta, ke=lain, by=admin)
    assert codes(exc.value) == ["skema_tidak_sama"]
    services.peserta_move(peserta=peserta, ke=ke, by=admin)
    moved = PesertaJadwal.objects.get(pk=peserta.pk)
    assert moved.jadwal == ke and moved.asesor is None and moved.aktif and moved.penyesuaian == "Kursi roda"
    p.refresh_from_db()
    assert p.status == Status.DIJADWALKAN
    log = AuditLog.objects.get(action="peserta_jadwal.move")
    assert (log.from_state, log.to_state) == (dari.kode, ke.kode)


# --- asesors --------------------------------------------------------------------------------------


def test_an_asesor_without_competence_or_with_expired_certificate_is_refused_with_the_reason(admin, skema):
    from tests.asesor.factories import AsesorFactory, SertifikatAsesorFactory

    jadwal = jadwal_planned(skema=skema, admin=admin)
    tanpa = AsesorFactory()
    SertifikatAsesorFactory(asesor=tanpa, issued_on=timezone.localdate() - timedelta(days=10))
    with pytest.raises(ValidationError) as exc:
        services.penugasan_add(jadwal=jadwal, asesor=tanpa, by=admin)
    assert codes(exc.value) == ["asesor_tidak_layak"]
    assert "kompetensi teknis" in exc.value.messages[0]
    expired = asesor_for(skema)
    expired.sertifikat.update(issued_on=timezone.localdate() - timedelta(days=4 * 365),
                              valid_until=timezone.localdate() - timedelta(days=365))
    with pytest.raises(ValidationError) as exc:
        services.penugasan_add(jadwal=jadwal, asesor=expired, by=admin)
    assert "kedaluwarsa" in exc.value.messages[0]
    assert not PenugasanAsesor.objects.exists()


def test_no_double_booking_at_overlapping_times_but_back_to_back_is_fine(admin, skema):
    asesor = asesor_for(skema)
    first = jadwal_planned(skema=skema, admin=admin, start_in=timedelta(days=10), hours=4)
    overlapping = jadwal_planned(skema=skema, admin=admin, start_in=timedelta(days=10, hours=3), hours=4)
    after = jadwal_planned(skema=skema, admin=admin, start_in=timedelta(days=10, hours=4), hours=2)
    services.penugasan_add(jadwal=first, asesor=asesor, by=admin)
    with pytest.raises(ValidationError) as exc:
        services.penugasan_add(jadwal=overlapping, asesor=asesor, by=admin)
    assert codes(exc.value) == ["asesor_bentrok"] and first.kode in exc.value.messages[0]
    services.penugasan_add(jadwal=after, asesor=asesor, by=admin)  # touching ends do not overlap


def test_a_cancelled_batch_no_longer_books_its_asesor(admin, skema):
    asesor = asesor_for(skema)
    first = jadwal_planned(skema=skema, admin=admin)
    second = jadwal_planned(skema=skema, admin=admin)
    services.penugasan_add(jadwal=first, asesor=asesor, by=admin)
    services.jadwal_transition(jadwal=first, to=StatusJadwal.DIBATALKAN, by=admin, note="TUK banjir")
    services.penugasan_add(jadwal=second, asesor=asesor, by=admin)


def test_conflict_of_interest_and_own_assessment_are_refused_per_asesi(admin, skema):
    jadwal = jadwal_planned(skema=skema, admin=admin)
    asesor = asesor_for(skema)
    p = permohonan_diterima(skema, admin)
    KonflikFactory(asesor=asesor, pihak=p.asesi.user)
    [peserta] = services.peserta_add(jadwal=jadwal, permohonan_list=[p], by=admin)
    services.penugasan_add(jadwal=jadwal, asesor=asesor, by=admin)
    with pytest.raises(ValidationError) as exc:
        services.peserta_assign_asesor(peserta=peserta, asesor=asesor, by=admin)
    assert codes(exc.value) == ["asesor_tidak_layak"] and "konflik kepentingan" in exc.value.messages[0]
    assert PesertaJadwal.objects.get(pk=peserta.pk).asesor is None


def test_an_asesor_not_assigned_to_the_batch_cannot_be_paired(admin, skema):
    jadwal = jadwal_planned(skema=skema, admin=admin)
    p = permohonan_diterima(skema, admin)
    [peserta] = services.peserta_add(jadwal=jadwal, permohonan_list=[p], by=admin)
    with pytest.raises(ValidationError) as exc:
        services.peserta_assign_asesor(peserta=peserta, asesor=asesor_for(skema), by=admin)
    assert codes(exc.value) == ["asesor_bukan_penugasan"]


def test_daily_maximum_of_asesi_per_asesor(admin, skema, settings):
    settings.LSP_ASESI_PER_ASESOR_PER_HARI = 2
    asesor = asesor_for(skema)
    morning = jadwal_planned(skema=skema, admin=admin, start=at_local(10, 8), hours=2)
    afternoon = jadwal_planned(skema=skema, admin=admin, start=at_local(10, 13), hours=2)
    a, b, c = (permohonan_diterima(skema, admin) for _ in range(3))
    pa, pb = services.peserta_add(jadwal=morning, permohonan_list=[a, b], by=admin)
    [pc] = services.peserta_add(jadwal=afternoon, permohonan_list=[c], by=admin)
    for j in (morning, afternoon):
        services.penugasan_add(jadwal=j, asesor=asesor, by=admin)
    services.peserta_assign_asesor(peserta=pa, asesor=asesor, by=admin)
    services.peserta_assign_asesor(peserta=pb, asesor=asesor, by=admin)  # 2 of 2: allowed
    with pytest.raises(ValidationError) as exc:
        services.peserta_assign_asesor(peserta=pc, asesor=asesor, by=admin)  # a third that day
    assert codes(exc.value) == ["asesor_penuh"]


def test_withdrawing_an_asesor_still_paired_is_refused(admin, skema):
    jadwal = jadwal_planned(skema=skema, admin=admin)
    asesor = asesor_for(skema)
    [peserta] = services.peserta_add(jadwal=jadwal, permohonan_list=[permohonan_diterima(skema, admin)], by=admin)
    penugasan = services.penugasan_add(jadwal=jadwal, asesor=asesor, by=admin)
    services.peserta_assign_asesor(peserta=peserta, asesor=asesor, by=admin)
    with pytest.raises(ValidationError) as exc:
        services.penugasan_remove(penugasan=penugasan, by=admin)
    assert codes(exc.value) == ["penugasan_masih_dipakai"]


def test_moving_a_batch_onto_another_batch_of_its_asesor_is_refused(admin, skema):
    asesor = asesor_for(skema)
    first = jadwal_planned(skema=skema, admin=admin, start_in=timedelta(days=10))
    second = jadwal_planned(skema=skema, admin=admin, start_in=timedelta(days=12))
    for j in (first, second):
        services.penugasan_add(jadwal=j, asesor=asesor, by=admin)
    with pytest.raises(ValidationError) as exc:
        services.jadwal_update(jadwal=second, tuk=second.tuk, mulai=first.mulai, selesai=first.selesai,
                               kapasitas=second.kapasitas, by=admin)
    assert codes(exc.value) == ["asesor_bentrok"]
    second.refresh_from_db()
    assert second.mulai > first.selesai


# --- transitions ----------------------------------------------------------------------------------


def test_a_batch_cannot_start_without_a_verified_tuk_and_starts_with_it(admin, skema):
    jadwal = jadwal_planned(skema=skema, admin=admin)
    asesor = asesor_for(skema)
    [peserta] = services.peserta_add(jadwal=jadwal, permohonan_list=[permohonan_diterima(skema, admin)], by=admin)
    services.penugasan_add(jadwal=jadwal, asesor=asesor, by=admin)
    services.peserta_assign_asesor(peserta=peserta, asesor=asesor, by=admin)
    with pytest.raises(ValidationError) as exc:
        services.jadwal_transition(jadwal=jadwal, to=StatusJadwal.BERJALAN, by=admin)
    assert codes(exc.value) == ["tuk_belum_siap"]
    services.verifikasi_tuk_save(jadwal=jadwal, tempat=True, peralatan=True, bahan=True, k3=False,
                                 tanggal=timezone.localdate(), by=asesor.user)
    with pytest.raises(ValidationError):  # one item not met
        services.jadwal_transition(jadwal=jadwal, to=StatusJadwal.BERJALAN, by=admin)
    services.verifikasi_tuk_save(jadwal=jadwal, tempat=True, peralatan=True, bahan=True, k3=True,
                                 tanggal=timezone.localdate(), by=admin)
    services.jadwal_transition(jadwal=jadwal, to=StatusJadwal.BERJALAN, by=admin)
    jadwal.refresh_from_db()
    assert jadwal.status == StatusJadwal.BERJALAN
    assert AuditLog.objects.filter(action="jadwal.status", to_state="berjalan").exists()


def test_cancelling_needs_a_reason_releases_every_asesi_and_tells_asesi_and_asesors(
    admin, skema, django_capture_on_commit_callbacks
):
    jadwal = jadwal_planned(skema=skema, admin=admin)
    asesor = asesor_for(skema)
    ps = [permohonan_diterima(skema, admin) for _ in range(2)]
    services.peserta_add(jadwal=jadwal, permohonan_list=ps, by=admin)
    services.penugasan_add(jadwal=jadwal, asesor=asesor, by=admin)
    with pytest.raises(ValidationError) as exc:
        services.jadwal_transition(jadwal=jadwal, to=StatusJadwal.DIBATALKAN, by=admin)
    assert codes(exc.value) == ["catatan_wajib"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.jadwal_transition(jadwal=jadwal, to=StatusJadwal.DIBATALKAN, by=admin, note="TUK tidak tersedia")
    for p in ps:
        p.refresh_from_db()
        assert p.status == Status.DITERIMA
    assert not PesertaJadwal.objects.filter(aktif=True).exists()
    recipients = {r for m in mail.outbox if "dibatalkan" in m.subject for r in m.to}
    assert {ps[0].asesi.email, ps[1].asesi.email, asesor.user.email} <= recipients
    with pytest.raises(ValidationError) as exc:  # final
        services.jadwal_transition(jadwal=jadwal, to=StatusJadwal.BERJALAN, by=admin)
    assert codes(exc.value) == ["jadwal_transition_not_allowed"]


def test_a_running_batch_is_locked_for_new_asesi(admin, skema):
    jadwal = jadwal_planned(skema=skema, admin=admin)
    Jadwal.objects.filter(pk=jadwal.pk).update(status=StatusJadwal.BERJALAN)
    with pytest.raises(ValidationError) as exc:
        services.peserta_add(jadwal=jadwal, permohonan_list=[permohonan_diterima(skema, admin)], by=admin)
    assert codes(exc.value) == ["jadwal_terkunci"]


def test_an_inactive_tuk_or_skema_is_refused(admin):
    from django.utils import timezone as tz

    skema, tuk = skema_with_units(aktif=False), TUKFactory(aktif=False)
    start = tz.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as exc:
        services.jadwal_create(skema=skema, tuk=tuk, mulai=start, selesai=start + timedelta(hours=2), kapasitas=5,
                               by=admin)
    assert sorted(codes(exc.value)) == ["skema_tidak_aktif", "tuk_tidak_aktif"]
