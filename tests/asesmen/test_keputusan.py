"""FR.AK.05, the pleno decision and the SK per batch (R39–R43), on Postgres through the services."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from asesi.domain import Status
from asesi.models import PermohonanRiwayat
from asesmen import domain_keputusan as rules
from asesmen import services
from asesmen.domain_keputusan import StatusSK
from asesmen.models import KeputusanPeserta, KeputusanSK
from asesor.domain import HasilPeserta
from asesor.models import AsesorProfile
from lsp.models import AuditLog
from tests.asesor.factories import DiklatFactory, PesertaFactory
from tests.factories import UserFactory

from .pelaksanaan_factories import assess_all, signature_png, started

# --- pure rules ---------------------------------------------------------------------------------------

FRIDAY = date(2026, 1, 9)


def test_working_days_skip_the_weekend():
    assert FRIDAY.weekday() == 4
    assert rules.hari_kerja_antara(FRIDAY, FRIDAY) == 0
    assert rules.hari_kerja_antara(FRIDAY, FRIDAY + timedelta(days=3)) == 1  # Monday
    assert rules.hari_kerja_antara(FRIDAY, FRIDAY + timedelta(days=7)) == 5  # next Friday


def test_decision_late_after_5_working_days_with_a_weekend_between():
    assert not rules.keputusan_terlambat(diases=FRIDAY, diputuskan=FRIDAY + timedelta(days=7))  # 5 working days
    assert rules.keputusan_terlambat(diases=FRIDAY, diputuskan=FRIDAY + timedelta(days=10))  # Monday: 6
    # Saturday and Sunday after the 5th working day add nothing
    assert not rules.keputusan_terlambat(diases=FRIDAY, diputuskan=FRIDAY + timedelta(days=9))


def test_a_holiday_does_not_count():
    assert not rules.keputusan_terlambat(diases=FRIDAY, diputuskan=FRIDAY + timedelta(days=10),
                                         libur=[FRIDAY + timedelta(days=5)])


THURSDAY = date(2026, 4, 2)  # the day before Wafat Yesus Kristus (Friday 3 April 2026, a national holiday)
GOOD_FRIDAY, EASTER_SUNDAY = date(2026, 4, 3), date(2026, 4, 5)


def test_a_friday_holiday_moves_the_5th_working_day_one_day_later():
    assert THURSDAY.weekday() == 3 and GOOD_FRIDAY.weekday() == 4
    assert rules.hari_kerja_ke(THURSDAY, 5) == date(2026, 4, 9)  # Fri, Mon, Tue, Wed, Thu
    assert rules.hari_kerja_ke(THURSDAY, 5, libur=[GOOD_FRIDAY]) == date(2026, 4, 10)  # Mon … Fri
    # deciding on Friday 10 April: late without the holiday, on time with it
    assert rules.keputusan_terlambat(diases=THURSDAY, diputuskan=date(2026, 4, 10))
    assert not rules.keputusan_terlambat(diases=THURSDAY, diputuskan=date(2026, 4, 10), libur={GOOD_FRIDAY})
    assert rules.keputusan_terlambat(diases=THURSDAY, diputuskan=date(2026, 4, 13), libur={GOOD_FRIDAY})


def test_a_holiday_on_a_weekend_changes_nothing():
    for diputuskan in (date(2026, 4, 9), date(2026, 4, 10), date(2026, 4, 13)):
        assert rules.hari_kerja_antara(THURSDAY, diputuskan, [EASTER_SUNDAY]) == rules.hari_kerja_antara(
            THURSDAY, diputuskan)
    assert rules.hari_kerja_ke(THURSDAY, 5, libur=[EASTER_SUNDAY]) == rules.hari_kerja_ke(THURSDAY, 5)


def test_the_assessment_day_itself_being_a_holiday_does_not_count():
    # counted from the day after the assessment: a holiday on the assessment day adds nothing
    assert rules.hari_kerja_ke(GOOD_FRIDAY, 5, libur=[GOOD_FRIDAY]) == rules.hari_kerja_ke(GOOD_FRIDAY, 5)


def test_sk_transitions_by_role():
    assert rules.sk_transition_error(source="draf", target="diajukan", roles={"komite"}) is None
    assert rules.sk_transition_error(source="draf", target="diajukan", roles={"direktur"}) == "sk_peran"
    assert rules.sk_transition_error(source="draf", target="disetujui", roles={"direktur"}) == "sk_transisi"
    assert rules.sk_transition_error(source="diajukan", target="ditolak", roles={"direktur"}) == "sk_alasan"
    assert rules.sk_transition_error(source="ditolak", target="diajukan", roles={"komite"}) is None


# --- services -----------------------------------------------------------------------------------------


def _submitted(n_asesi=1, hasil="K", **kwargs):
    s = started(n_asesi=n_asesi, **kwargs)
    for p in s["peserta"]:
        assess_all(p, s["asesor"].user, hasil=hasil)
        services.rekaman_submit(peserta=p, ttd=signature_png(), by=s["asesor"].user, ip="10.0.0.9",
                                tindak_lanjut="Ulangi unit" if hasil == "BK" else "")
        p.refresh_from_db()
    return s


@pytest.fixture
def komite(make_user):
    return make_user("komite", username="komite_a")


@pytest.fixture
def direktur(make_user):
    return make_user("direktur", username="direktur_a")


def _approve(s, komite, direktur, keputusan="K"):
    for p in s["peserta"]:
        services.keputusan_save(peserta=p, keputusan=keputusan, by=komite)
    sk = KeputusanSK.objects.get(jadwal=s["jadwal"])
    services.sk_save(sk=sk, tanggal_pleno=timezone.localdate(), by=komite)
    services.sk_transition(sk=sk, to=StatusSK.DIAJUKAN, by=komite)
    return services.sk_transition(sk=sk, to=StatusSK.DISETUJUI, by=direktur)


@pytest.mark.django_db
def test_the_asesor_who_assessed_may_not_decide_even_as_komite(komite):
    s = _submitted()
    asesor_user = s["asesor"].user
    asesor_user.groups.add(*komite.groups.all())
    asesor_user = type(asesor_user).objects.get(pk=asesor_user.pk)
    with pytest.raises(ValidationError) as exc:
        services.keputusan_save(peserta=s["p"], keputusan="K", by=asesor_user)
    assert exc.value.code == "komite_asesor_sendiri"
    assert not KeputusanPeserta.objects.exists()
    services.keputusan_save(peserta=s["p"], keputusan="K", by=komite)  # another member may
    assert KeputusanPeserta.objects.get().oleh == komite


@pytest.mark.django_db
def test_only_komite_decides_and_only_a_submitted_record(make_user, komite):
    s = started()
    with pytest.raises(ValidationError) as exc:
        services.keputusan_save(peserta=s["p"], keputusan="K", by=komite)
    assert exc.value.code == "rekaman_belum_final"
    s = _submitted()
    with pytest.raises(ValidationError) as exc:
        services.keputusan_save(peserta=s["p"], keputusan="K", by=make_user("admin_lsp", username="adm2"))
    assert exc.value.code == "bukan_komite"


@pytest.mark.django_db
def test_late_decision_is_kept_with_a_warning(komite):
    s = _submitted()
    diases = timezone.localtime(s["p"].rekaman.diajukan_pada).date()
    on_time = services.keputusan_save(peserta=s["p"], keputusan="K", by=komite, today=diases)
    assert not on_time.terlambat
    late_day = diases
    while rules.hari_kerja_antara(diases, late_day) < 6:
        late_day += timedelta(days=1)
    late = services.keputusan_save(peserta=s["p"], keputusan="K", by=komite, today=late_day)
    assert late.terlambat and KeputusanPeserta.objects.count() == 1


def _submitted_on(day: date):
    """A submitted record whose submission is moved to ``day`` (10:00 local time)."""
    from datetime import datetime

    from asesmen.models import RekamanAsesmen

    s = _submitted()
    when = timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))
    RekamanAsesmen.objects.filter(peserta=s["p"]).update(diajukan_pada=when)
    s["p"].refresh_from_db()
    return s


@pytest.mark.django_db
def test_the_decision_counts_the_lsp_holiday_calendar(komite):
    """R64 into R40: assessed on Thursday 2 April 2026, decided on Friday 10 April — late without the Good
    Friday holiday, on time once the calendar has it; a holiday on the weekend changes nothing."""
    from lsp.models import HariLibur

    s = _submitted_on(THURSDAY)
    friday_after = date(2026, 4, 10)
    assert services.keputusan_save(peserta=s["p"], keputusan="K", by=komite, today=friday_after).terlambat
    HariLibur.objects.create(tanggal=EASTER_SUNDAY, nama="Kebangkitan Yesus Kristus (Paskah)")
    assert services.keputusan_save(peserta=s["p"], keputusan="K", by=komite, today=friday_after).terlambat
    HariLibur.objects.create(tanggal=GOOD_FRIDAY, nama="Wafat Yesus Kristus")
    row = services.keputusan_save(peserta=s["p"], keputusan="K", by=komite, today=friday_after)
    assert not row.terlambat
    assert AuditLog.objects.filter(action="keputusan_pleno.save").order_by("-pk").first().data["terlambat"] is False
    # the next working day is late, holiday or not
    assert services.keputusan_save(peserta=s["p"], keputusan="K", by=komite, today=date(2026, 4, 13)).terlambat


@pytest.mark.django_db
def test_sk_with_an_undecided_asesi_cannot_be_submitted(komite):
    s = _submitted(n_asesi=2)
    services.keputusan_save(peserta=s["peserta"][0], keputusan="K", by=komite)
    sk = KeputusanSK.objects.get(jadwal=s["jadwal"])
    services.sk_save(sk=sk, tanggal_pleno=timezone.localdate(), by=komite)
    with pytest.raises(ValidationError) as exc:
        services.sk_transition(sk=sk, to=StatusSK.DIAJUKAN, by=komite)
    assert "sk_belum_diputuskan" in [e.code for e in exc.value.error_list]
    sk.refresh_from_db()
    assert sk.status == StatusSK.DRAF


@pytest.mark.django_db
def test_approved_sk_moves_applications_to_diputuskan_with_history_and_audit(komite, direktur):
    s = _submitted(n_asesi=2)
    sk = _approve(s, komite, direktur)
    assert sk.status == StatusSK.DISETUJUI and sk.nomor.endswith(f"/{timezone.localdate().year}")
    for p in s["peserta"]:
        p.permohonan.refresh_from_db()
        assert (p.permohonan.status, p.permohonan.keputusan) == (Status.DIPUTUSKAN, "K")
        assert PermohonanRiwayat.objects.filter(permohonan=p.permohonan, ke=Status.DIPUTUSKAN, oleh=direktur).exists()
    assert AuditLog.objects.filter(action="sk.status", to_state="disetujui").count() == 1
    assert AuditLog.objects.filter(action="keputusan_pleno.save").count() == 2
    from sertifikat.selectors import permohonan_siap_terbit

    assert set(permohonan_siap_terbit().values_list("pk", flat=True)) == {p.permohonan_id for p in s["peserta"]}


@pytest.mark.django_db
def test_refused_sk_returns_to_komite_who_revise_and_resubmit(komite, direktur):
    s = _submitted()
    services.keputusan_save(peserta=s["p"], keputusan="K", by=komite)
    sk = KeputusanSK.objects.get(jadwal=s["jadwal"])
    services.sk_save(sk=sk, tanggal_pleno=timezone.localdate(), by=komite)
    services.sk_transition(sk=sk, to=StatusSK.DIAJUKAN, by=komite)
    with pytest.raises(ValidationError):
        services.keputusan_save(peserta=s["p"], keputusan="BK", by=komite)  # locked while submitted
    with pytest.raises(ValidationError) as exc:
        services.sk_transition(sk=sk, to=StatusSK.DITOLAK, by=direktur, alasan=" ")
    assert exc.value.code == "sk_alasan"
    services.sk_transition(sk=sk, to=StatusSK.DITOLAK, by=direktur, alasan="Periksa ulang unit 2")
    services.keputusan_save(peserta=s["p"], keputusan="BK", by=komite)
    services.sk_transition(sk=sk, to=StatusSK.DIAJUKAN, by=komite)
    sk = services.sk_transition(sk=sk, to=StatusSK.DISETUJUI, by=direktur)
    s["p"].permohonan.refresh_from_db()
    assert s["p"].permohonan.keputusan == "BK"
    from sertifikat.selectors import permohonan_siap_terbit

    assert not permohonan_siap_terbit().exists()


@pytest.mark.django_db
def test_diklat_participant_assessed_by_master_becomes_asesor_with_first_certificate(komite, direktur):
    s = started(start=False)
    s["asesor"].is_master = True
    s["asesor"].save(update_fields=["is_master"])
    from asesmen.domain import StatusJadwal

    services.jadwal_transition(jadwal=s["jadwal"], to=StatusJadwal.BERJALAN, by=s["admin"])
    p = s["p"]
    peserta_diklat = PesertaFactory(diklat=DiklatFactory(skema=s["skema"]), user=p.permohonan.asesi.user)
    assess_all(p, s["asesor"].user)
    services.rekaman_submit(peserta=p, ttd=signature_png(), by=s["asesor"].user, ip=None)
    p.refresh_from_db()
    _approve(s, komite, direktur)
    profile = AsesorProfile.objects.get(user=p.permohonan.asesi.user)
    cert = profile.sertifikat.get()
    today = timezone.localdate()
    assert profile.nomor_registrasi.startswith("MET.000.") and profile.nomor_registrasi.endswith(str(today.year))
    assert cert.issued_on == today and cert.valid_until == today.replace(year=today.year + 3) - timedelta(days=1)
    peserta_diklat.refresh_from_db()
    assert peserta_diklat.hasil == HasilPeserta.KOMPETEN


@pytest.mark.django_db
def test_diklat_participant_not_assessed_by_a_master_cannot_be_decided_k(komite):
    s = _submitted()
    PesertaFactory(diklat=DiklatFactory(skema=s["skema"]), user=s["p"].permohonan.asesi.user)
    with pytest.raises(ValidationError) as exc:
        services.keputusan_save(peserta=s["p"], keputusan="K", by=komite)
    assert exc.value.code == "calon_asesor_bukan_master"
    services.keputusan_save(peserta=s["p"], keputusan="BK", by=komite)  # BK stays possible


@pytest.mark.django_db
def test_laporan_is_signed_once_every_record_is_submitted():
    s = started(n_asesi=2)
    asesor = s["asesor"].user
    services.laporan_save(penugasan=s["penugasan"], catatan="Lancar", by=asesor)
    assess_all(s["p"], asesor)
    services.rekaman_submit(peserta=s["p"], ttd=signature_png(), by=asesor, ip=None)
    with pytest.raises(ValidationError) as exc:
        services.laporan_sign(penugasan=s["penugasan"], ttd=signature_png(), by=asesor, ip=None)
    assert "laporan_rekaman_belum" in [e.code for e in exc.value.error_list]
    other = s["peserta"][1]
    assess_all(other, asesor)
    services.rekaman_submit(peserta=other, ttd=signature_png(), by=asesor, ip=None)
    laporan = services.laporan_sign(penugasan=s["penugasan"], ttd=signature_png(), by=asesor, ip="10.1.1.1")
    assert laporan.ttd_pada and laporan.catatan == "Lancar"
    with pytest.raises(ValidationError) as exc:
        services.laporan_save(penugasan=s["penugasan"], catatan="ubah", by=asesor)
    assert exc.value.code == "laporan_sudah"
    with pytest.raises(ValidationError):
        services.laporan_save(penugasan=s["penugasan"], by=UserFactory(roles=("asesor",)))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_komite_members_deciding_the_first_asesi_at_once_make_one_sk():
    from tests.concurrency import run_at_once

    s = _submitted(n_asesi=2)
    k1, k2 = UserFactory(username="komite_x", roles=("komite",)), UserFactory(username="komite_y", roles=("komite",))
    outcomes = run_at_once(
        lambda: services.keputusan_save(peserta=s["peserta"][0], keputusan="K", by=k1).pk,
        lambda: services.keputusan_save(peserta=s["peserta"][1], keputusan="K", by=k2).pk,
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert KeputusanSK.objects.filter(jadwal=s["jadwal"]).count() == 1
    assert KeputusanPeserta.objects.filter(sk__jadwal=s["jadwal"]).count() == 2


@pytest.mark.django_db
def test_the_pleno_pages_show_the_deadline_with_the_holidays(client, komite, django_assert_max_num_queries):
    from django.urls import reverse

    from lsp.models import HariLibur

    s = _submitted_on(THURSDAY)
    client.force_login(komite)
    url = reverse("asesmen:pleno-jadwal", args=[s["jadwal"].pk])
    assert 'data-batas="2026-04-09"' in client.get(url).content.decode()
    HariLibur.objects.create(tanggal=GOOD_FRIDAY, nama="Wafat Yesus Kristus")
    with django_assert_max_num_queries(20):
        html = client.get(url).content.decode()
    assert 'data-batas="2026-04-10"' in html
    page = client.get(reverse("asesmen:keputusan", args=[s["p"].pk])).content.decode()
    assert 'data-batas="2026-04-10"' in page
