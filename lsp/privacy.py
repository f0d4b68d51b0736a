"""Pages with personal data are never kept by a browser or proxy cache.

A page that shows a full NIK, address or birth date (or lists people with their contact details) is
marked ``@personal_data``; its responses then carry ``Cache-Control: private, no-store``, like the
document downloads (``lsp.uploads``). Works on function views and on class-based views::

    @personal_data
    class AsesiDetailView(RoleRequiredMixin, DetailView): ...

The Django admin already sends ``no-store`` on every page (``AdminSite.admin_view`` is ``never_cache``)."""

from functools import wraps

from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator


def no_store(response):
    """Mark ``response`` as private and not to be stored; other Cache-Control directives are kept."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def personal_data(view):
    """Decorate a view function or a View class whose pages show personal data."""
    if isinstance(view, type):
        view = method_decorator(personal_data, name="dispatch")(view)
        view.personal_data = True
        return view

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return no_store(view(request, *args, **kwargs))

    wrapper.personal_data = True
    return wrapper
