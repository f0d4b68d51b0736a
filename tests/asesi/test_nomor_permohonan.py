"""``nomor_permohonan_pk``: an application number as people type it, at its edges (pure, no database)."""

import pytest

from asesi.domain import nomor_permohonan_pk


@pytest.mark.parametrize("typed, pk", [
    ("APL-000123", 123), ("apl-000123", 123), ("APL123", 123), ("APL 123", 123), (" APL.000001 ", 1),
    ("APL-999999999", 999_999_999),
])
def test_numbers_people_type(typed, pk):
    assert nomor_permohonan_pk(typed) == pk


@pytest.mark.parametrize("typed", [
    "", None, "APL", "APL-", "APL-000000", "APL-1234567890", "APL-12a", "123", "XAPL-1", "APL-1 2", "Aplikasi",
])
def test_not_an_application_number(typed):
    assert nomor_permohonan_pk(typed) is None
