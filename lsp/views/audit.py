"""Admin LSP: the audit trail, filtered by action, date and person, newest first a page at a time (keyset:
any page costs one indexed query), and the same rows as a streamed CSV."""

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView

from lsp.privacy import personal_data

from .. import selectors
from ..ekspor import csv_stream
from ..filters import AuditLogFilter
from ..pagination import KeysetPaginationMixin
from .base import AdminLspMixin

AUDIT_KEYSET = ("-created_at", "-pk")
EXPORT_HEADER = [_("Waktu"), _("Oleh"), _("Aksi"), _("Kode aksi"), _("Jenis objek"), _("Objek"), _("Dari"), _("Ke"),
                 _("Catatan")]


class AuditFilteredMixin(AdminLspMixin):
    def get_filterset(self):
        return AuditLogFilter(self.request.GET or None, queryset=selectors.audit_list_for_user(self.request.user))


class AuditListView(AuditFilteredMixin, KeysetPaginationMixin, ListView):
    template_name = "lsp/audit_list.html"
    paginate_by = 50
    keyset = AUDIT_KEYSET

    def get_queryset(self):
        self.filterset = self.get_filterset()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


def export_rows(entries):
    """One list per row; the labels of actions, states and object types are looked up once each."""
    labels = {}

    def once(key, make):
        if key not in labels:
            labels[key] = str(make())
        return labels[key]

    for e in entries:
        yield [
            timezone.localtime(e.created_at).strftime("%Y-%m-%d %H:%M:%S"),
            str(e.actor) if e.actor_id else once("sistem", lambda: _("sistem")),
            once(("a", e.action), lambda e=e: e.action_label),
            e.action,
            once(("t", e.content_type_id), lambda e=e: e.content_type.name) if e.content_type_id else "",
            e.object_repr,
            once(("s", e.action, e.from_state), lambda e=e: e.from_state_label),
            once(("s", e.action, e.to_state), lambda e=e: e.to_state_label),
            e.note,
        ]


@personal_data
class AuditExportView(AuditFilteredMixin, View):
    """The filtered trail as CSV, streamed as it is read (times in the LSP's time zone)."""

    def get(self, request, *args, **kwargs):
        entries = self.get_filterset().qs.order_by(*AUDIT_KEYSET).iterator(chunk_size=2000)
        response = StreamingHttpResponse(csv_stream(EXPORT_HEADER, export_rows(entries)),
                                         content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="jejak-audit-{timezone.localdate():%Y%m%d}.csv"'
        return response
