"""Pure rules (no database): registration numbers, 3-year validity, the status function, reminders,
eligibility and the state machines — each tested at its boundary."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from asesor import domain
from asesor.domain import Periode, StatusAsesor, StatusRekognisi

D = timedelta(days=1)
WARN = 90
MIN = 6


def status(certs, dates=(), on=date(2025, 1, 1), warn=WARN, minimum=MIN):
    return domain.asesor_status(
        sertifikat=certs, tanggal_asesmen=list(dates), on_date=on, warn_days=warn, minimum=minimum
    )


def cert(issued_on):
    return Periode(issued_on, domain.sertifikat_valid_until(issued_on))


# --- nomor registrasi --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["MET.000.001234 2024", "MET.000.001234.2024", "met.000.001234 2024", "  MET.000.001234   2024 "],
)
def test_nomor_registrasi_normalised_to_space_form(typed):
    assert domain.nomor_registrasi_normalize(typed) == "MET.000.001234 2024"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "MET.000.01234 2024",  # 5 digits
        "MET.000.0012345 2024",  # 7 digits
        "MET.001.001234 2024",
        "MET.000.0012342024",  # no separator
        "MET.000.001234-2024",
        "MET.000.001234 24",
        "MET.000.001234 2024 x",
        "MET 000 001234 2024",
        "MET.000.00１234 2024",  # full-width digit
    ],
)
def test_nomor_registrasi_rejects_other_shapes(typed):
    with pytest.raises(ValueError):
        domain.nomor_registrasi_normalize(typed)


def test_model_patterns_agree_with_normaliser():
    import re

    assert re.match(domain.NOMOR_REGISTRASI_PATTERN, "MET.000.001668.2012")
    assert re.match(domain.NOMOR_REGISTRASI_CANONICAL_PATTERN, domain.nomor_registrasi_normalize("MET.000.001668.2012"))
    assert not re.match(domain.NOMOR_REGISTRASI_CANONICAL_PATTERN, "MET.000.001668.2012")


# --- validity ----------------------------------------------------------------------------------


def test_asesor_certificate_uses_the_shared_rule_with_three_years():
    """The table of boundaries is in tests/lsp/test_domain_dates.py; here: asesor uses it with 3 years."""
    from lsp.domain import valid_until

    assert domain.SERTIFIKAT_MASA_BERLAKU_TAHUN == 3
    for issued in (date(2024, 1, 10), date(2024, 2, 29), date(2025, 3, 1)):
        assert domain.sertifikat_valid_until(issued) == valid_until(issued, 3)
    assert domain.sertifikat_valid_until(date(2024, 2, 29)) == date(2027, 2, 27)


def test_recognition_starts_the_day_after():
    assert domain.recognition_starts_on(date(2027, 2, 27)) == date(2027, 2, 28)


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (date(2025, 1, 15), 6, date(2025, 7, 15)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2025, 12, 1), 1, date(2026, 1, 1)),
    ],
)
def test_add_months_clamps_to_month_end(start, months, expected):
    assert domain.add_months(start, months) == expected


# --- status on a date --------------------------------------------------------------------------


def test_no_certificate():
    st = status([])
    assert st.status == StatusAsesor.TIDAK_ADA_SERTIFIKAT
    assert st.rekognisi is None and not st.berlaku and st.sisa_hari is None


def test_before_the_first_certificate_is_issued_there_is_none():
    c = cert(date(2025, 1, 2))
    st = status([c], on=date(2025, 1, 1))
    assert st.status == StatusAsesor.TIDAK_ADA_SERTIFIKAT
    assert st.berikutnya == c
    assert status([c], on=date(2025, 1, 2)).status == StatusAsesor.AKTIF


def test_last_valid_day_vs_the_day_after():
    c = cert(date(2024, 1, 10))  # valid through 9 Jan 2027
    last = status([c], on=date(2027, 1, 9))
    after = status([c], on=date(2027, 1, 10))
    assert last.berlaku and last.status == StatusAsesor.SEGERA_KEDALUWARSA and last.sisa_hari == 0
    assert after.status == StatusAsesor.KEDALUWARSA and after.sisa_hari == -1 and not after.berlaku


def test_leap_day_certificate_expires_on_27_february():
    c = cert(date(2024, 2, 29))
    assert status([c], on=date(2027, 2, 27)).berlaku
    assert status([c], on=date(2027, 2, 28)).status == StatusAsesor.KEDALUWARSA


def test_warning_window_boundary():
    c = cert(date(2024, 1, 10))
    assert status([c], on=c.valid_until - 91 * D).status == StatusAsesor.AKTIF
    assert status([c], on=c.valid_until - 90 * D).status == StatusAsesor.SEGERA_KEDALUWARSA


def test_next_certificate_recorded_keeps_status_aktif():
    old = cert(date(2024, 1, 10))
    new = cert(domain.recognition_starts_on(old.valid_until))
    st = status([new, old], on=old.valid_until - 10 * D)
    assert st.status == StatusAsesor.AKTIF and st.sertifikat == old and st.berikutnya == new
    on_new = status([old, new], on=new.issued_on)
    assert on_new.sertifikat == new and on_new.berikutnya is None and on_new.jumlah_asesmen == 0


def test_five_vs_six_assessments():
    c = cert(date(2024, 1, 10))
    dates = [date(2024, 3, 1) + i * 30 * D for i in range(6)]
    on = date(2025, 1, 1)
    five, six = status([c], dates[:5], on=on), status([c], dates, on=on)
    assert (five.jumlah_asesmen, five.rekognisi) == (5, StatusRekognisi.BELUM_MEMENUHI)
    assert five.kekurangan == 1
    assert (six.jumlah_asesmen, six.rekognisi) == (6, StatusRekognisi.LAYAK)
    assert six.kekurangan == 0


def test_window_edges_issue_day_and_last_valid_day_count_outside_does_not():
    c = cert(date(2024, 1, 10))
    after_expiry = c.valid_until + D
    dates = [c.issued_on - D, c.issued_on, c.valid_until, c.valid_until + D]
    st = status([c], dates, on=after_expiry + 5 * D)
    assert st.jumlah_asesmen == 2  # the issue day and the last valid day


def test_status_on_a_past_date_counts_only_what_had_happened():
    c = cert(date(2024, 1, 10))
    dates = [date(2024, 5, 1), date(2024, 6, 1), date(2024, 7, 1)]
    assert status([c], dates, on=date(2024, 6, 1)).jumlah_asesmen == 2
    assert status([c], dates, on=date(2024, 5, 31)).jumlah_asesmen == 1


def test_expired_short_must_repeat_expired_with_six_may_still_be_recognised():
    c = cert(date(2021, 1, 10))
    dates5 = [date(2022, 1, 1) + i * D for i in range(5)]
    expired = c.valid_until + D
    assert status([c], dates5, on=expired).rekognisi == StatusRekognisi.WAJIB_MENGULANG
    assert status([c], dates5, on=c.valid_until).rekognisi == StatusRekognisi.BELUM_MEMENUHI
    six = [*dates5, date(2023, 1, 1)]
    assert status([c], six, on=expired).rekognisi == StatusRekognisi.LAYAK


def test_assessments_count_for_the_certificate_in_force_only():
    old = cert(date(2021, 1, 10))
    new = cert(domain.recognition_starts_on(old.valid_until))
    dates = [date(2022, 1, 1)] * 6 + [new.issued_on]
    st = status([old, new], dates, on=new.issued_on + 30 * D)
    assert st.sertifikat == new and st.jumlah_asesmen == 1


def test_minimum_comes_from_the_caller():
    c = cert(date(2024, 1, 10))
    dates = [date(2024, 2, 1)] * 3
    assert status([c], dates, minimum=3).rekognisi == StatusRekognisi.LAYAK
    assert status([c], dates, minimum=4).hitungan == "3 dari 4 asesmen"


def test_hitungan_text():
    c = cert(date(2024, 1, 10))
    assert status([c], [date(2024, 2, 1)] * 4).hitungan == "4 dari 6 asesmen"


def test_overlap_rule():
    c = cert(date(2024, 1, 10))
    assert domain.sertifikat_overlap([c], c.valid_until)
    assert not domain.sertifikat_overlap([c], c.valid_until + D)
    assert not domain.sertifikat_overlap([], date(2024, 1, 1))


# --- reminders ---------------------------------------------------------------------------------


def due(st, days=(90, 30, 7)):
    return [(p.jenis, p.hari) for p in domain.reminders_due(st, reminder_days=days)]


@pytest.mark.parametrize(
    "days_left, expected",
    # catch-up (lsp.domain.reminder_due): a missed day is made up; the threshold is what is sent once
    [(91, []), (90, [90]), (89, [90]), (31, [90]), (30, [30]), (8, [30]), (7, [7]), (6, [7]), (0, [7])],
)
def test_expiry_reminders_from_each_threshold_with_catch_up(days_left, expected):
    c = cert(date(2024, 1, 10))
    dates = [date(2024, 2, 1)] * 6  # enough: no recognition reminder in the way
    st = status([c], dates, on=c.valid_until - days_left * D)
    assert due(st) == [("kedaluwarsa", d) for d in expected]


def test_no_reminders_when_expired_or_next_certificate_recorded():
    c = cert(date(2024, 1, 10))
    assert due(status([c], on=c.valid_until + D)) == []
    nxt = cert(c.valid_until + D)
    assert due(status([c, nxt], [date(2024, 2, 1)] * 6, on=c.valid_until - 30 * D)) == []
    assert due(status([], on=date(2025, 1, 1))) == []


def test_recognition_short_reminder_inside_the_last_six_months():
    c = cert(date(2024, 1, 10))  # valid through 9 Jan 2027
    six_months_before = date(2026, 7, 9)  # + 6 months == valid_until: not yet "less than 6 months left"
    assert due(status([c], [], on=six_months_before)) == []
    assert due(status([c], [], on=six_months_before + D)) == [("rekognisi_kurang", None)]
    # enough assessments: nothing to say
    assert due(status([c], [date(2024, 2, 1)] * 6, on=six_months_before + D)) == []


def test_both_reminders_on_the_same_day():
    c = cert(date(2024, 1, 10))
    assert due(status([c], [], on=c.valid_until - 30 * D)) == [("kedaluwarsa", 30), ("rekognisi_kurang", None)]


def test_reminder_key_parts_are_distinct():
    assert domain.Pengingat("kedaluwarsa", 90).key_part == "kedaluwarsa-90"
    assert domain.Pengingat("rekognisi_kurang").key_part == "rekognisi_kurang"


# --- competence and eligibility ----------------------------------------------------------------


@dataclass
class S:
    pk: int
    bidang: str = ""


@dataclass
class K:
    skema_id: int | None
    bidang: str = ""
    issued_on: date = date(2020, 1, 1)
    valid_until: date | None = None


def test_kompetensi_covers_skema_or_its_bidang():
    tik = S(1, "TIK")
    assert domain.kompetensi_covers(K(1), tik)
    assert not domain.kompetensi_covers(K(2), tik)
    assert domain.kompetensi_covers(K(None, " tik "), tik)
    assert not domain.kompetensi_covers(K(None, "Pariwisata"), tik)
    assert not domain.kompetensi_covers(K(None, ""), S(3, ""))


def test_kompetensi_valid_on_boundaries():
    k = K(1, issued_on=date(2024, 1, 1), valid_until=date(2026, 12, 31))
    assert not domain.kompetensi_valid_on(k, date(2023, 12, 31))
    assert domain.kompetensi_valid_on(k, date(2024, 1, 1))
    assert domain.kompetensi_valid_on(k, date(2026, 12, 31))
    assert not domain.kompetensi_valid_on(k, date(2027, 1, 1))
    assert domain.kompetensi_valid_on(K(1, valid_until=None), date(2099, 1, 1))


def elig(st, kompetensi=None, own=False, konflik=False, on=date(2025, 1, 1)):
    kompetensi = [K(1)] if kompetensi is None else kompetensi
    return domain.eligibility(
        status=st, kompetensi=list(kompetensi), skema=S(1, "TIK"), on_date=on, own_assessment=own, konflik=konflik
    )


def test_eligible_when_everything_holds():
    e = elig(status([cert(date(2024, 1, 10))]))
    assert e.ok and bool(e) and e.reasons == []


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"st": None}, "bukan_asesor"),
        ({"st": status([])}, "tidak_ada_sertifikat"),
        ({"st": status([cert(date(2020, 1, 10))])}, "sertifikat_kedaluwarsa"),
        ({"kompetensi": [K(2)]}, "tanpa_kompetensi_teknis"),
        ({"kompetensi": [K(1, valid_until=date(2024, 12, 31))]}, "kompetensi_teknis_tidak_berlaku"),
        ({"kompetensi": [K(1, issued_on=date(2025, 1, 2))]}, "kompetensi_teknis_tidak_berlaku"),
        ({"own": True}, "asesmen_diri_sendiri"),
        ({"konflik": True}, "konflik_kepentingan"),
    ],
)
def test_each_reason_has_its_code(kwargs, code):
    st = kwargs.pop("st", status([cert(date(2024, 1, 10))]))
    e = elig(st, **kwargs)
    assert not e.ok and e.codes == [code]
    assert str(e.reasons[0])


def test_all_reasons_are_listed_together():
    e = elig(status([]), kompetensi=[], own=True, konflik=True)
    assert e.codes == ["tidak_ada_sertifikat", "tanpa_kompetensi_teknis", "asesmen_diri_sendiri", "konflik_kepentingan"]


def test_one_valid_competence_among_expired_ones_is_enough():
    e = elig(status([cert(date(2024, 1, 10))]), kompetensi=[K(1, valid_until=date(2024, 1, 1)), K(None, "TIK")])
    assert e.ok


# --- state machines ----------------------------------------------------------------------------


def test_verification_transitions():
    t = domain.VERIFIKASI_TRANSITIONS
    assert domain.can_transition(t, "menunggu", "diterima")
    assert domain.can_transition(t, "menunggu", "ditolak")
    assert not domain.can_transition(t, "diterima", "ditolak")
    assert not domain.can_transition(t, "ditolak", "diterima")


def test_peserta_transitions():
    t, H = domain.PESERTA_TRANSITIONS, domain.HasilPeserta
    assert domain.can_transition(t, H.TERDAFTAR, H.KOMPETEN)
    assert domain.can_transition(t, H.BELUM_KOMPETEN, H.KOMPETEN)
    assert not domain.can_transition(t, H.KOMPETEN, H.BELUM_KOMPETEN)
    assert not domain.can_transition(t, H.MENGUNDURKAN_DIRI, H.KOMPETEN)
    assert not domain.can_transition(t, "tidak-ada", H.KOMPETEN)


# --- input rules the services check (forms only shape input) -------------------------------------

START = date(2025, 3, 3)


def issue_codes(issues):
    return [(i.field, i.code) for i in issues]


def test_kompetensi_issues_boundaries():
    ok = {"has_skema": True, "bidang": "", "issued_on": START}
    assert domain.kompetensi_issues(**ok, valid_until=START) == []  # ending on the day it is issued is fine
    assert domain.kompetensi_issues(**ok, valid_until=None) == []
    assert issue_codes(domain.kompetensi_issues(**ok, valid_until=START - D)) == [("valid_until", "tanggal_terbalik")]
    assert domain.kompetensi_issues(has_skema=False, bidang="TIK", issued_on=START, valid_until=None) == []
    both = domain.kompetensi_issues(has_skema=False, bidang="  ", issued_on=START, valid_until=START - D)
    assert issue_codes(both) == [(None, "skema_atau_bidang"), ("valid_until", "tanggal_terbalik")]


def test_riwayat_eksternal_issues_boundaries():
    ok = {"nama_lsp": "LSP Lain", "has_skema": False, "skema_nama": "Barista", "has_dokumen": True, "today": START}
    assert domain.riwayat_eksternal_issues(tanggal=START, jumlah_asesi=1, **ok) == []  # today, one asesi
    assert issue_codes(domain.riwayat_eksternal_issues(tanggal=START + D, jumlah_asesi=1, **ok)) == [
        ("tanggal", "tanggal_masa_depan")
    ]
    assert issue_codes(domain.riwayat_eksternal_issues(tanggal=START, jumlah_asesi=0, **ok)) == [
        ("jumlah_asesi", "jumlah_asesi")
    ]
    everything = domain.riwayat_eksternal_issues(
        tanggal=START + D, nama_lsp=" ", has_skema=False, skema_nama="", has_dokumen=False, jumlah_asesi=None,
        today=START,
    )
    assert [i.code for i in everything] == [
        "tanggal_masa_depan", "required", "skema_atau_nama", "dokumen_wajib", "jumlah_asesi"
    ]


def test_diklat_issues_boundaries():
    assert domain.diklat_jadwal_issues(tanggal_mulai=START, tanggal_selesai=START, has_tuk=False, tempat="X") == []
    assert domain.diklat_jadwal_issues(tanggal_mulai=START, tanggal_selesai=START, has_tuk=True, tempat="") == []
    assert issue_codes(
        domain.diklat_jadwal_issues(tanggal_mulai=START, tanggal_selesai=START - D, has_tuk=False, tempat=" ")
    ) == [("tanggal_selesai", "tanggal_terbalik"), (None, "tuk_atau_tempat")]
    assert domain.diklat_master_issues(master_is_master=True, master_berlaku=True) == []
    assert [i.code for i in domain.diklat_master_issues(master_is_master=True, master_berlaku=False)] == [
        "master_asesor_tidak_berlaku"
    ]
    # not a Master Asesor: one reason, whatever the certificate
    assert [i.code for i in domain.diklat_master_issues(master_is_master=False, master_berlaku=None)] == [
        "bukan_master_asesor"
    ]


def test_new_account_needs_name_and_email():
    assert domain.akun_baru_issues(nama_lengkap="Asesor Baru", email="a@example.test") == []
    assert issue_codes(domain.akun_baru_issues(nama_lengkap=" ", email="")) == [
        ("nama_lengkap", "required"), ("email", "required")
    ]
