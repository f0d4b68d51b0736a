"""Helpers shared by the apps' chart builders (``<app>/charts.py``): the months a trend covers."""

from datetime import date

from django.utils.formats import date_format


def months_back(today: date, n: int = 12) -> list[date]:
    """The first day of each of the last ``n`` months, oldest first, ending with ``today``'s month."""
    y, m = today.year, today.month
    out = []
    for _ in range(n):
        out.append(date(y, m, 1))
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return out[::-1]


def month_label(first_day: date) -> str:
    return date_format(first_day, "M y")
