from django.utils.functional import SimpleLazyObject

from .dashboard import nav_counts_for_request, nav_for_request, nav_position
from .models import LspProfile


def lsp(request):
    """The LSP profile, the user's roles, menu (with badge counts), where this page sits in the menu
    (for breadcrumbs) and the unread in-app notifications, for every template — each evaluated only
    when a template uses it, and the menu at most once per request."""
    user = getattr(request, "user", None)
    authenticated = user is not None and user.is_authenticated
    if not authenticated:
        return {"lsp_profile": SimpleLazyObject(LspProfile.get), "user_roles": frozenset(), "nav_groups": []}

    return {
        "lsp_profile": SimpleLazyObject(LspProfile.get),
        "user_roles": user.role_names,
        "nav_groups": SimpleLazyObject(lambda: nav_for_request(request)),
        "nav_position": SimpleLazyObject(lambda: nav_position(nav_for_request(request), request.path)),
        "pemberitahuan_unread": SimpleLazyObject(lambda: nav_counts_for_request(request)["pemberitahuan"]),
    }
