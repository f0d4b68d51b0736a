"""The server-error page (``handler500``): a fault of a service behind the app gets its own clear page.

* the database is unreachable (Postgres restarting, a failover): **503** "layanan sedang tidak tersedia",
  with ``Retry-After``; nothing was half-written, because every write is one transaction that the lost
  connection rolled back;
* the file storage refused a file (disk full, read-only, the object store unreachable): **503** "berkas
  tidak dapat disimpan"; the services store the file before their row and remove a partial file
  (``lsp.storage``), so nothing is half-saved;
* anything else: the plain 500 page.

The pages are self-contained templates rendered without context processors: they must not need the
database that may be the very thing that is down."""

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from ..uploads import STORAGE_ERRORS

RETRY_AFTER_SECONDS = 30


def fault_kind(exc: BaseException | None) -> str:
    """``database``, ``storage`` or ``""`` (an ordinary bug) for the exception being handled."""
    if exc is None:
        return ""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return "database"
    if isinstance(exc, STORAGE_ERRORS) and not isinstance(exc, (ConnectionRefusedError, BrokenPipeError)):
        return "storage"
    return ""


def server_error(request, *args, **kwargs):
    import sys

    kind = fault_kind(sys.exc_info()[1])
    if not kind:
        return HttpResponse(render_to_string("500.html"), status=500)
    response = HttpResponse(render_to_string("503.html", {"kind": kind}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
