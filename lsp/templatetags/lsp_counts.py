"""``{{ n|count_text }}``: a capped count as it reads ("99+" beyond ``lsp.dashboard.COUNT_CAP``;
``{{ n|count_text:999 }}`` for another cap)."""

from django import template

from lsp.dashboard import count_text as _count_text

register = template.Library()


@register.filter
def count_text(n, cap=None):
    n = int(str(n)) if n else 0  # str(): the bell's count is a lazy object (lsp.context_processors)
    return _count_text(n, None if cap is None else int(cap))
