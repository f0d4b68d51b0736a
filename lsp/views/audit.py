"""Admin LSP: the audit trail, filtered by action, date and person."""

from .. import selectors
from ..filters import AuditLogFilter
from .base import FilteredListView


class AuditListView(FilteredListView):
    filterset_class = AuditLogFilter
    template_name = "lsp/audit_list.html"
    paginate_by = 50

    def base_queryset(self):
        return selectors.audit_list_for_user(self.request.user)
