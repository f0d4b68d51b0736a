"""Role and ownership checks used by every view.

Role: ``RoleRequiredMixin`` (class views) or ``@role_required`` (function views) answer 403 to a
logged-in user without one of the roles and send anonymous users to the login page.

Ownership: never fetch by id from ``Model.objects``; fetch from a selector that returns only what this
user may see (``get_object_or_404(selectors.permohonan_for_user(user), pk=pk)``), so a guessed id
answers 404 and never leaks data.
"""

from functools import wraps

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import Role


def user_has_role(user, *roles) -> bool:
    return bool(user and user.is_authenticated and user.has_role(*roles))


def is_admin_lsp(user) -> bool:
    """Admin LSP sees and manages every record of the LSP (selectors and services ask this)."""
    return user_has_role(user, Role.ADMIN_LSP)


class RoleRequiredMixin(AccessMixin):
    """Only users holding at least one of ``roles`` get through."""

    roles: tuple = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not user_has_role(request.user, *self.roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def role_required(*roles):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
