from django.utils.functional import SimpleLazyObject

from .dashboard import nav_for
from .models import LspProfile


def lsp(request):
    """The LSP profile, the user's roles and menu, for every template (evaluated only when used)."""
    user = getattr(request, "user", None)
    authenticated = user is not None and user.is_authenticated
    return {
        "lsp_profile": SimpleLazyObject(LspProfile.get),
        "user_roles": user.role_names if authenticated else frozenset(),
        "nav_groups": SimpleLazyObject(lambda: nav_for(user)) if authenticated else [],
    }
