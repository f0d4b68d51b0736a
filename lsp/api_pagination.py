"""The REST API's default pagination (``REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"]``), in its own module:
DRF imports it while building its generic views, so it must not import them itself."""

from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    """Newest first by primary key (its index), ``?page_size=`` up to 200; ``next``/``previous`` are links."""

    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
