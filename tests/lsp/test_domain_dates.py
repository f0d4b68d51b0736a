"""The date rules every app shares (``lsp.domain``): pure, no database, tested at the 29 February edges."""

from datetime import date, timedelta

import pytest

from lsp.domain import add_years, valid_until


@pytest.mark.parametrize(
    "start, years, expected",
    [
        (date(2024, 1, 10), 3, date(2027, 1, 10)),
        (date(2024, 2, 29), 3, date(2027, 2, 28)),  # no 29 Feb in 2027: the anniversary is clamped
        (date(2024, 2, 29), 4, date(2028, 2, 29)),  # leap year to leap year keeps the day
        (date(2024, 2, 28), 1, date(2025, 2, 28)),
        (date(2024, 3, 1), 3, date(2027, 3, 1)),
        (date(2024, 2, 29), -1, date(2023, 2, 28)),  # backwards too (the demo data goes back in time)
        (date(2024, 12, 31), 0, date(2024, 12, 31)),
    ],
)
def test_add_years_clamps_29_february(start, years, expected):
    assert add_years(start, years) == expected


@pytest.mark.parametrize(
    "issued, last_day",
    [
        (date(2024, 1, 10), date(2027, 1, 9)),
        (date(2024, 2, 29), date(2027, 2, 27)),  # + 3 years lands on 28 Feb 2027, − 1 day
        (date(2024, 3, 1), date(2027, 2, 28)),
        (date(2023, 2, 28), date(2026, 2, 27)),
        (date(2025, 3, 1), date(2028, 2, 29)),  # ends on a leap day
        (date(2028, 2, 29), date(2031, 2, 27)),
        (date(2023, 12, 31), date(2026, 12, 30)),
    ],
)
def test_valid_until_is_issue_plus_three_years_minus_one_day(issued, last_day):
    assert valid_until(issued, 3) == last_day


def test_valid_until_the_day_after_is_not_valid_any_more():
    issued = date(2024, 1, 10)
    assert valid_until(issued, 3) + timedelta(days=1) == add_years(issued, 3)


@pytest.mark.parametrize("years", [1, 3, 5])
def test_valid_until_follows_the_number_of_years(years):
    # certificates of competence may be valid for a number of years set per skema
    assert valid_until(date(2024, 2, 29), years) == add_years(date(2024, 2, 29), years) - timedelta(days=1)
