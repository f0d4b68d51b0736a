"""FR.AK.04 banding and re-assessment rules at their boundaries (no database)."""

from datetime import date

import pytest

from asesmen import domain_banding as rules


def _err(diputuskan, today, keputusan="BK", sudah=False, masa=14):
    return rules.banding_error(keputusan=keputusan, diputuskan=diputuskan, today=today, sudah_banding=sudah, masa=masa)


def test_day_14_is_the_last_day_and_day_15_is_refused():
    decided = date(2026, 3, 2)
    assert _err(decided, date(2026, 3, 2)) is None
    assert _err(decided, date(2026, 3, 16)) is None
    assert _err(decided, date(2026, 3, 17)) == "lewat_masa"


@pytest.mark.parametrize(
    "decided, last",
    [(date(2026, 1, 25), date(2026, 2, 8)), (date(2026, 2, 20), date(2026, 3, 6)),
     (date(2028, 2, 20), date(2028, 3, 5)), (date(2026, 12, 25), date(2027, 1, 8))],
)
def test_the_period_runs_across_a_month_and_a_year_end(decided, last):
    assert rules.batas_banding(decided) == last
    assert _err(decided, last) is None
    assert _err(decided, date.fromordinal(last.toordinal() + 1)) == "lewat_masa"


def test_the_period_is_configurable():
    assert _err(date(2026, 3, 2), date(2026, 4, 1), masa=30) is None
    assert _err(date(2026, 3, 2), date(2026, 4, 2), masa=30) == "lewat_masa"


def test_only_a_decided_bk_result_appealed_once():
    assert _err(None, date(2026, 3, 2)) == "belum_diputuskan"
    assert _err(date(2026, 3, 2), date(2026, 3, 2), keputusan="K") == "bukan_bk"
    assert _err(date(2026, 3, 2), date(2026, 3, 2), sudah=True) == "sudah_banding"


def test_answers_and_reasons_are_required():
    ok = {"dijelaskan": True, "didiskusikan": False, "melibatkan": False}
    assert rules.jawaban_errors(ok, "Asesor tidak melihat portofolio") == []
    assert rules.jawaban_errors({**ok, "melibatkan": None}, "x") == ["jawaban_wajib"]
    assert rules.jawaban_errors(ok, "  ") == ["alasan_wajib"]


def test_the_decider_is_a_komite_member_not_involved():
    assert rules.pemutus_error(is_komite=True, user_id=5, terlibat={1, 2}) is None
    assert rules.pemutus_error(is_komite=False, user_id=5, terlibat={1, 2}) == "bukan_komite"
    assert rules.pemutus_error(is_komite=True, user_id=2, terlibat={1, 2}) == "terlibat"


def test_a_decision_needs_an_outcome_and_reasons_once():
    assert rules.keputusan_errors(status="diajukan", keputusan="diterima", alasan="ok") == []
    assert rules.keputusan_errors(status="diajukan", keputusan="diajukan", alasan="") == [
        "keputusan_invalid", "alasan_keputusan_wajib"]
    assert rules.keputusan_errors(status="ditolak", keputusan="diterima", alasan="ok") == ["sudah_diputuskan"]


def test_the_units_carried_over_are_the_k_ones():
    assert rules.units_dibawa({1: "K", 2: "BK", 3: "K"}) == {1, 3}


def test_a_reassessment_is_k_only_when_every_unit_carried_and_new_is_k():
    assert rules.overall_verdict_ulang(dinilai=["K"], dibawa=["K", "K"]) == "K"
    assert rules.overall_verdict_ulang(dinilai=["BK"], dibawa=["K"]) == "BK"
    assert rules.overall_verdict_ulang(dinilai=[None], dibawa=["K"]) is None
    assert rules.overall_verdict_ulang(dinilai=["K", "BK"], dibawa=[]) == "BK"
