"""The pure planning rules at their boundaries (no database)."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from asesmen import domain
from asesmen.domain import Persiapan, Rekomendasi, StatusJadwal

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
H = timedelta(hours=1)


def test_a_batch_may_start_now_but_not_a_minute_ago_and_must_end_after_it_starts():
    assert domain.jadwal_waktu_errors(mulai=T0, selesai=T0 + H, now=T0) == []
    assert domain.jadwal_waktu_errors(mulai=T0 - timedelta(minutes=1), selesai=T0 + H, now=T0) == ["mulai_lampau"]
    assert domain.jadwal_waktu_errors(mulai=T0, selesai=T0, now=T0) == ["selesai_sebelum_mulai"]
    assert domain.jadwal_waktu_errors(mulai=T0, selesai=T0 - H, now=T0 + H) == [
        "mulai_lampau", "selesai_sebelum_mulai"
    ]


@pytest.mark.parametrize(
    ("kapasitas", "terisi", "tambahan", "code"),
    [(10, 9, 1, None), (10, 10, 1, "kapasitas_penuh"), (10, 0, 10, None), (10, 0, 11, "kapasitas_penuh"),
     (0, 0, 0, "kapasitas_invalid"), (1, 0, 1, None), (500, 0, 0, None), (501, 0, 0, "kapasitas_invalid")],
)
def test_capacity_boundaries(kapasitas, terisi, tambahan, code):
    assert domain.kapasitas_error(kapasitas=kapasitas, terisi=terisi, tambahan=tambahan) == code


def test_touching_batches_do_not_overlap_one_minute_more_does():
    assert not domain.overlaps(T0, T0 + H, T0 + H, T0 + 2 * H)
    assert domain.overlaps(T0, T0 + H + timedelta(minutes=1), T0 + H, T0 + 2 * H)
    assert domain.overlaps(T0, T0 + 3 * H, T0 + H, T0 + 2 * H)  # inside


def test_asesi_per_day_counts_a_multi_day_batch_on_each_day():
    d = date(2026, 3, 2)
    load = domain.asesi_per_hari([(d, d + timedelta(days=1), 4), (d + timedelta(days=1), d + timedelta(days=1), 3)])
    assert load == Counter({d: 4, d + timedelta(days=1): 7})


def test_daily_maximum_is_reached_exactly_and_one_more_is_refused():
    d = date(2026, 3, 2)
    existing = [(d, d, 7)]
    assert domain.beban_error(existing=existing, first=d, last=d, adding=3, maximum=10) is None
    assert domain.beban_error(existing=existing, first=d, last=d, adding=4, maximum=10) == d
    # another day is free
    assert domain.beban_error(existing=existing, first=d + timedelta(days=1), last=d + timedelta(days=1),
                              adding=10, maximum=10) is None
    # a two-day batch is refused on its second day when that one is full
    full_tomorrow = [(d + timedelta(days=1), d + timedelta(days=1), 10)]
    assert domain.beban_error(existing=full_tomorrow, first=d, last=d + timedelta(days=1), adding=1,
                              maximum=10) == d + timedelta(days=1)


def test_jadwal_state_machine_lists_its_moves_and_start_needs_tuk_asesi_and_asesors():
    assert domain.jadwal_allowed_targets(StatusJadwal.DIRENCANAKAN) == [StatusJadwal.BERJALAN, StatusJadwal.DIBATALKAN]
    assert domain.jadwal_allowed_targets(StatusJadwal.SELESAI) == []
    ok = {"tuk_siap": True, "jumlah_peserta": 1, "peserta_tanpa_asesor": 0}
    start = {"source": StatusJadwal.DIRENCANAKAN, "target": StatusJadwal.BERJALAN}
    assert domain.jadwal_transition_error(**start, **ok) is None
    assert domain.jadwal_transition_error(**start, **{**ok, "tuk_siap": False}) == "tuk_belum_siap"
    assert domain.jadwal_transition_error(**start, **{**ok, "jumlah_peserta": 0}) == "jadwal_kosong"
    assert domain.jadwal_transition_error(**start, **{**ok, "peserta_tanpa_asesor": 1}) == "peserta_tanpa_asesor"
    assert domain.jadwal_transition_error(
        source=StatusJadwal.BERJALAN, target=StatusJadwal.DIBATALKAN, **ok
    ) == "jadwal_transition_not_allowed"
    assert domain.jadwal_transition_error(
        source=StatusJadwal.SELESAI, target=StatusJadwal.BERJALAN, **ok
    ) == "jadwal_transition_not_allowed"


READY = Persiapan(jadwal_status=StatusJadwal.BERJALAN, tuk_siap=True, pernyataan_asesor=True, konsultasi_lengkap=True,
                  ak01_asesi=True, ak01_asesor=True, rekomendasi=Rekomendasi.LANJUT)


def test_assessment_can_start_only_when_everything_is_done_and_names_each_missing_item():
    from dataclasses import replace

    assert domain.assessment_can_start(READY) == []
    assert domain.assessment_can_start(replace(READY, ak01_asesi=False)) == ["ak01_belum"]
    assert domain.assessment_can_start(replace(READY, ak01_asesor=False)) == ["ak01_belum"]
    assert domain.assessment_can_start(replace(READY, rekomendasi=Rekomendasi.TIDAK_LANJUT)) == ["rekomendasi_belum"]
    nothing = Persiapan(jadwal_status=StatusJadwal.DIRENCANAKAN, tuk_siap=False, pernyataan_asesor=False,
                        konsultasi_lengkap=False, ak01_asesi=False, ak01_asesor=False)
    assert domain.assessment_can_start(nothing) == [
        "jadwal_belum_berjalan", "tuk_belum_siap", "pernyataan_belum", "konsultasi_belum", "ak01_belum",
        "rekomendasi_belum",
    ]


def test_mapa_needs_a_known_method_evidence_kind_and_instrument():
    assert domain.mapa_errors(metode=["observasi"], jenis_bukti=["L"], instrumen=["IA.01"]) == []
    assert domain.mapa_errors(metode=[], jenis_bukti=["X"], instrumen=["IA.04"]) == [
        "mapa_metode", "mapa_bukti", "mapa_instrumen"
    ]


def test_ics_event_is_crlf_utc_and_escapes_text():
    text = domain.ics_event(uid="jadwal-1@lsp", start=T0, end=T0 + H, stamp=T0, summary="Uji; JWD, 1",
                            location="TUK A, Jl. B", description="baris\nkedua")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20260302T080000Z" in text and "DTEND:20260302T090000Z" in text
    assert "SUMMARY:Uji\\; JWD\\, 1" in text and "DESCRIPTION:baris\\nkedua" in text
    assert "STATUS:CONFIRMED" in text


def test_domain_is_pure():
    from pathlib import Path

    import asesmen

    source = (Path(asesmen.__file__).parent / "domain.py").read_text()
    for forbidden in ("from .models", "objects.", "timezone", "date.today", "datetime.now"):
        assert forbidden not in source, forbidden


@pytest.mark.parametrize(("year", "month"), [(2026, 2), (2026, 6), (2025, 12), (2027, 2), (2026, 3)])
def test_calendar_weeks_hold_every_day_of_the_month_once_monday_first(year, month):
    import calendar

    from asesmen.selectors import weeks_of

    weeks = weeks_of(year, month)
    days = [d for week in weeks for d in week if d]
    assert days == [date(year, month, i) for i in range(1, calendar.monthrange(year, month)[1] + 1)]
    assert all(len(w) == 7 for w in weeks) and 4 <= len(weeks) <= 6
    assert weeks[0].index(days[0]) == days[0].weekday()


def test_an_element_plan_needs_a_method_and_an_evidence_kind():
    assert domain.mapa_elemen_errors(metode=["wawancara"], jenis_bukti=["TL"]) == []
    assert domain.mapa_elemen_errors(metode=["wawancara"], jenis_bukti=[]) == ["mapa_bukti"]
    assert domain.mapa_elemen_errors(metode=[], jenis_bukti=["L"]) == ["mapa_metode"]
