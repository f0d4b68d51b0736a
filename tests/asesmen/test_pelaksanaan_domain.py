"""The verdict rules and the instrument engine at their boundaries (no database)."""

from datetime import UTC, datetime, timedelta

import pytest

from asesmen.domain_pelaksanaan import (
    JENIS_BUTIR,
    HasilKUK,
    JenisButir,
    Penilaian,
    Verdict,
    butir_errors,
    jawaban_errors,
    overall_verdict,
    submit_errors,
    ujian_answer_error,
    ujian_batas,
    ujian_skor,
    unit_verdict,
)

K, BK = Verdict.K, Verdict.BK
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _with_single(n, position, value, fill):
    values = [fill] * n
    values[position] = value
    return values


# --- overall: K iff every unit K ------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 10])
def test_every_unit_k_is_k(n):
    assert overall_verdict([K] * n) == K


@pytest.mark.parametrize(("n", "position"), [(n, p) for n in (1, 2, 10) for p in range(n)])
def test_a_single_bk_unit_in_any_position_makes_the_recommendation_bk(n, position):
    assert overall_verdict(_with_single(n, position, BK, K)) == BK


@pytest.mark.parametrize(("n", "position"), [(n, p) for n in (1, 2, 10) for p in range(n)])
def test_a_single_open_unit_in_any_position_leaves_the_recommendation_open(n, position):
    assert overall_verdict(_with_single(n, position, None, K)) is None


def test_no_unit_is_never_k():
    assert overall_verdict([]) is None


def test_the_planning_domain_names_the_same_verdict_rules():
    from asesmen import domain

    assert domain.overall_verdict is overall_verdict and domain.Verdict is Verdict


def test_nothing_but_k_and_bk_is_a_unit_verdict():
    assert overall_verdict([K, "lulus"]) is None
    assert set(Verdict.values) == {"K", "BK"}


# --- unit: K iff every KUK K ----------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 10])
def test_every_kuk_k_makes_the_unit_k(n):
    assert unit_verdict([HasilKUK.K] * n) == K


@pytest.mark.parametrize(("n", "position"), [(n, p) for n in (1, 2, 10) for p in range(n)])
def test_a_single_bk_kuk_in_any_position_makes_the_unit_bk(n, position):
    assert unit_verdict(_with_single(n, position, HasilKUK.BK, HasilKUK.K)) == BK


@pytest.mark.parametrize(("n", "position"), [(n, p) for n in (1, 2, 10) for p in range(n)])
@pytest.mark.parametrize("open_value", [HasilKUK.LANJUT, None, ""])
def test_a_kuk_still_penilaian_lanjut_or_unanswered_leaves_the_unit_undecided(n, position, open_value):
    assert unit_verdict(_with_single(n, position, open_value, HasilKUK.K)) is None
    # even when another KUK is already BK: the unit is decided only with every KUK decided
    if n > 1:
        other = (position + 1) % n
        values = _with_single(n, position, open_value, HasilKUK.K)
        values[other] = HasilKUK.BK
        assert unit_verdict(values) is None


def test_a_unit_without_kuk_is_not_decided():
    assert unit_verdict([]) is None


# --- submit ---------------------------------------------------------------------------------------


def test_submit_needs_every_unit_decided_a_plan_for_every_unit_and_a_follow_up_for_bk():
    assert submit_errors(units={1: ["K", "K"], 2: ["K"]}, rencana_kurang=0, tindak_lanjut="") == []
    assert submit_errors(units={1: ["K", "lanjut"]}, rencana_kurang=0, tindak_lanjut="") == ["kuk_terbuka"]
    assert submit_errors(units={1: ["K", None]}, rencana_kurang=0, tindak_lanjut="") == ["kuk_terbuka"]
    assert submit_errors(units={1: ["BK"]}, rencana_kurang=0, tindak_lanjut="  ") == ["tindak_lanjut_wajib"]
    assert submit_errors(units={1: ["BK"]}, rencana_kurang=0, tindak_lanjut="Ulang unit 1") == []
    assert submit_errors(units={}, rencana_kurang=1, tindak_lanjut="") == ["rencana_tidak_lengkap", "tanpa_unit"]


# --- the engine -----------------------------------------------------------------------------------


def test_every_ia_instrument_is_a_configuration_of_one_item_type():
    from asesmen.domain import Instrumen

    assert set(JENIS_BUTIR) == set(Instrumen.values)
    assert JENIS_BUTIR["IA.01"] == JenisButir.CEKLIS
    assert JENIS_BUTIR["IA.05"] == JenisButir.PILIHAN_GANDA
    assert JENIS_BUTIR["IA.08"] == JENIS_BUTIR["IA.10"] == JenisButir.VATM


def test_a_multiple_choice_item_needs_two_to_five_options_and_a_key_among_them():
    pg = JenisButir.PILIHAN_GANDA
    assert butir_errors(jenis=pg, pertanyaan="Q", pilihan=["a", "b"], kunci="B") == []
    assert butir_errors(jenis=pg, pertanyaan="Q", pilihan=["a", "b"], kunci="C") == ["butir_kunci"]
    assert butir_errors(jenis=pg, pertanyaan="Q", pilihan=["a", "b"], kunci="") == ["butir_kunci"]
    assert butir_errors(jenis=pg, pertanyaan="Q", pilihan=["a", "b"], kunci="AB") == ["butir_kunci"]
    assert butir_errors(jenis=pg, pertanyaan="Q", pilihan=["a"], kunci="A") == ["butir_pilihan"]
    assert butir_errors(jenis=pg, pertanyaan="Q", pilihan=list("abcde"), kunci="E") == []
    assert butir_errors(jenis=pg, pertanyaan="Q", pilihan=list("abcdef"), kunci="A") == ["butir_pilihan"]
    assert butir_errors(jenis=JenisButir.MEMADAI, pertanyaan=" ", pilihan=[], kunci="") == ["butir_pertanyaan"]


def test_each_item_type_has_its_own_judgements():
    assert jawaban_errors(jenis=JenisButir.CEKLIS, penilaian=Penilaian.LANJUT) == []
    assert jawaban_errors(jenis=JenisButir.CEKLIS, penilaian=Penilaian.MEMADAI) == ["penilaian_tidak_sesuai"]
    assert jawaban_errors(jenis=JenisButir.MEMADAI, penilaian=Penilaian.K) == ["penilaian_tidak_sesuai"]
    assert jawaban_errors(jenis=JenisButir.MEMADAI, penilaian="") == []


def test_vatm_evidence_is_memadai_only_with_all_four_checks():
    full = {"valid": True, "asli": True, "terkini": True, "memadai": True}
    assert jawaban_errors(jenis=JenisButir.VATM, penilaian=Penilaian.MEMADAI, vatm=full) == []
    for key in full:
        assert jawaban_errors(jenis=JenisButir.VATM, penilaian=Penilaian.MEMADAI, vatm={**full, key: False}) == [
            "vatm_tidak_lengkap"
        ]
    assert jawaban_errors(jenis=JenisButir.VATM, penilaian=Penilaian.TIDAK_MEMADAI, vatm={}) == []


# --- IA.05 ----------------------------------------------------------------------------------------


def test_the_test_closes_after_its_duration_or_when_the_batch_ends_whichever_is_first():
    assert ujian_batas(mulai=T0, durasi_menit=60, jadwal_selesai=T0 + timedelta(hours=8)) == T0 + timedelta(hours=1)
    assert ujian_batas(mulai=T0, durasi_menit=60, jadwal_selesai=T0 + timedelta(minutes=30)) == T0 + timedelta(
        minutes=30
    )


def test_an_answer_is_accepted_until_the_last_moment_before_the_deadline():
    batas = T0 + timedelta(hours=1)
    assert ujian_answer_error(now=batas - timedelta(seconds=1), batas=batas, selesai=False) is None
    assert ujian_answer_error(now=batas, batas=batas, selesai=False) == "ujian_waktu_habis"
    assert ujian_answer_error(now=T0, batas=batas, selesai=True) == "ujian_selesai"


def test_the_score_counts_answers_matching_the_key_and_an_unanswered_item_is_not_correct():
    skor = ujian_skor({1: "A", 2: "C"}, {1: "A", 2: "B", 3: "D"})
    assert (skor.benar, skor.jumlah, skor.persen) == (1, 3, 33)
    assert ujian_skor({}, {}).persen == 0
