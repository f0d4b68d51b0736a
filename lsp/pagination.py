class LenientPaginationMixin:
    """For ListView: ``?page=abc`` shows the first page and ``?page=999`` the last one, never a 404 —
    an old bookmark after the list shrank still lands somewhere useful. Templates include
    ``_pagination.html``, which keeps the other query parameters with ``{% querystring %}``."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
