"""The FR.VA sampling rule at its boundaries (no database): share rounded up, every asesor at least once,
the same seed and scope give the same sample, an empty scope is refused."""

import pytest
from django.core.exceptions import ValidationError

from asesmen.domain_validasi import (
    draw_sample,
    sample_size,
    share_percent,
    sign_errors,
    tindak_lanjut_overdue,
    validator_conflict,
)


@pytest.mark.parametrize("n, persen, expected", [
    (0, 10, 0), (1, 10, 1), (9, 10, 1), (10, 10, 1), (11, 10, 2), (30, 10, 3), (31, 10, 4),
    (100, 1, 1), (101, 1, 2), (7, 100, 7), (3, 50, 2), (200, 15, 30),
])
def test_sample_size_rounds_up_in_integers(n, persen, expected):
    assert sample_size(n, persen) == expected


def _pool(per_asesor: dict[int, int]):
    rid = 0
    out = []
    for asesor, count in per_asesor.items():
        for _ in range(count):
            rid += 1
            out.append((rid, asesor))
    return out


def test_share_of_one_asesor_rounded_up():
    pool = _pool({1: 21})
    assert len(draw_sample(pool, persen=10, seed="a")) == 3


def test_one_asesor_with_one_record_is_always_sampled():
    assert draw_sample([(42, 7)], persen=1, seed="x") == [42]


def test_every_asesor_appears_even_beyond_the_share():
    # 10 % of 12 records is 2, but 4 asesors assessed: every one of them gets a record
    pool = _pool({1: 9, 2: 1, 3: 1, 4: 1})
    for seed in ("a", "b", "c", "d", "e"):
        chosen = draw_sample(pool, persen=10, seed=seed)
        asesor_of = dict(pool)
        assert len(chosen) == 4
        assert {asesor_of[r] for r in chosen} == {1, 2, 3, 4}


def test_share_above_the_asesor_count_is_filled_from_the_rest():
    pool = _pool({1: 50, 2: 50})
    chosen = draw_sample(pool, persen=25, seed="s")
    assert len(chosen) == 25 and len(set(chosen)) == 25
    assert {dict(pool)[r] for r in chosen} == {1, 2}


def test_full_share_takes_everything():
    pool = _pool({1: 3, 2: 2})
    assert draw_sample(pool, persen=100, seed="s") == [1, 2, 3, 4, 5]


def test_same_seed_same_sample_whatever_the_order():
    pool = _pool({1: 40, 2: 30, 3: 5})
    first = draw_sample(pool, persen=20, seed="benih-1")
    assert draw_sample(list(reversed(pool)), persen=20, seed="benih-1") == first
    assert first == sorted(first)
    others = {tuple(draw_sample(pool, persen=20, seed=f"lain-{i}")) for i in range(5)}
    assert others - {tuple(first)}  # another seed draws another sample


def test_empty_scope_is_refused_with_a_clear_code():
    with pytest.raises(ValidationError) as exc:
        draw_sample([], persen=10, seed="a")
    assert exc.value.code == "sampel_kosong"


@pytest.mark.parametrize("persen", [0, 101, -5])
def test_share_outside_1_to_100_is_refused(persen):
    with pytest.raises(ValidationError) as exc:
        draw_sample([(1, 1)], persen=persen, seed="a")
    assert exc.value.code == "persen_rentang"


@pytest.mark.parametrize("seed", ["", "x" * 33])
def test_seed_must_be_1_to_32_characters(seed):
    with pytest.raises(ValidationError) as exc:
        draw_sample([(1, 1)], persen=10, seed=seed)
    assert exc.value.code == "seed_invalid"


def test_validator_conflict_when_they_assessed_or_submitted():
    assert validator_conflict(validator_id=5, assessed_by=[5, None])
    assert validator_conflict(validator_id=5, assessed_by=[9, 5])
    assert not validator_conflict(validator_id=5, assessed_by=[9, None])


def test_report_signed_only_when_every_record_has_a_conclusion():
    assert sign_errors(kesimpulan=["sesuai", "catatan"]) == []
    assert sign_errors(kesimpulan=["sesuai", ""]) == ["kesimpulan_belum_lengkap"]


def test_follow_up_overdue_from_the_day_after_its_due_date():
    from datetime import date

    due = date(2026, 3, 10)
    assert not tindak_lanjut_overdue(status="terbuka", batas=due, today=date(2026, 3, 10))
    assert tindak_lanjut_overdue(status="terbuka", batas=due, today=date(2026, 3, 11))
    assert not tindak_lanjut_overdue(status="selesai", batas=due, today=date(2026, 3, 11))


def test_share_percent_rounds_up():
    assert share_percent(2, 11) == 19 and share_percent(0, 0) == 0 and share_percent(1, 1) == 100
