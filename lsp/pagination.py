import json
from base64 import urlsafe_b64decode, urlsafe_b64encode

from django.core.exceptions import ValidationError
from django.db.models import Q


class LenientPaginationMixin:
    """For ListView: ``?page=abc`` shows the first page and ``?page=999`` the last one, never a 404 —
    an old bookmark after the list shrank still lands somewhere useful. Templates include
    ``_pagination.html``, which keeps the other query parameters with ``{% querystring %}``."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class KeysetPage:
    """One page of a keyset-paginated list: its rows and the cursors of the pages either side."""

    def __init__(self, rows, *, newer, older):
        self.object_list = rows
        self.newer = newer  # cursor for ``?sesudah=`` (the page before this one), or None
        self.older = older  # cursor for ``?sebelum=`` (the page after this one), or None

    def has_other_pages(self):
        return bool(self.newer or self.older)


class KeysetPaginationMixin:
    """For ListView over a deep list: pages follow a cursor (``?sebelum=`` the next page, ``?sesudah=`` the
    previous one) on ``keyset`` — the list's ordering, ending in a unique field — instead of an OFFSET and
    a COUNT of every row, so any page costs one indexed query. A cursor that does not parse shows the first
    page (an old or edited link never breaks the page). Templates include ``_keyset_pagination.html``."""

    keyset: tuple = ()  # e.g. ("-created_at", "-pk"); an index must serve it
    before_kwarg, after_kwarg = "sebelum", "sesudah"

    def paginate_queryset(self, queryset, page_size):
        fields = [(k.lstrip("-"), k.startswith("-")) for k in self.keyset]
        qs = queryset.order_by(*self.keyset)
        before = _decode(self.request.GET.get(self.before_kwarg), len(fields))
        after = None if before else _decode(self.request.GET.get(self.after_kwarg), len(fields))
        try:
            older_qs = qs.filter(_beyond(fields, before, forward=True)) if before is not None else qs
            newer_qs = qs.filter(_beyond(fields, after, forward=False)) if after is not None else None
        except (ValidationError, ValueError, TypeError):  # values of the wrong type: the first page
            before = after = newer_qs = None
            older_qs = qs
        if after is not None:
            reverse = [f"{'' if desc else '-'}{name}" for name, desc in fields]
            rows = list(newer_qs.order_by(*reverse)[: page_size + 1])
            more = len(rows) > page_size
            rows = rows[:page_size][::-1]
            page = KeysetPage(rows, newer=self._cursor(rows[0], fields) if more and rows else None,
                              older=self._cursor(rows[-1], fields) if rows else None)
        else:
            rows = list(older_qs[: page_size + 1])
            more = len(rows) > page_size
            rows = rows[:page_size]
            page = KeysetPage(rows, newer=self._cursor(rows[0], fields) if before is not None and rows else None,
                              older=self._cursor(rows[-1], fields) if more else None)
        return None, page, rows, page.has_other_pages()

    @staticmethod
    def _cursor(obj, fields):
        return keyset_cursor(obj, [name for name, _desc in fields])


def keyset_cursor(obj, names) -> str:
    """The cursor of ``obj`` in a keyset of field ``names`` (``user__nama_lengkap`` follows the relation)."""
    values = []
    for name in names:
        value = obj
        for part in name.lstrip("-").split("__"):
            value = getattr(value, part)
        values.append(value.isoformat() if hasattr(value, "isoformat") else value)
    return urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode(token, n):
    if not token or len(token) > 500:
        return None
    try:
        values = json.loads(urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (ValueError, TypeError):
        return None
    if not isinstance(values, list) or len(values) != n or not all(isinstance(v, str | int) for v in values):
        return None
    if any(isinstance(v, str) and "\x00" in v for v in values):  # Postgres refuses NUL in text: not a cursor
        return None
    return values


def _beyond(fields, values, *, forward):
    """Rows after ``values`` in the order ``fields`` (or before them, ``forward=False``): (a > x) or (a = x and
    b > y)…, with a bound on the first field alone so an index on the ordering serves the query."""
    def op(desc):
        return "lt" if desc == forward else "gt"

    (first, first_desc), first_value = fields[0], values[0]
    cond = Q()
    for i, (name, desc) in enumerate(fields):
        part = Q(**{f"{n}": v for (n, _d), v in zip(fields[:i], values[:i], strict=True)})
        cond |= part & Q(**{f"{name}__{op(desc)}": values[i]})
    return Q(**{f"{first}__{op(first_desc)}e": first_value}) & cond
