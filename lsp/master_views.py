"""Master data pages for admin LSP: skema → unit → elemen → KUK, persyaratan dasar, TUK."""

from django.views.generic import DetailView, ListView

from .access import RoleRequiredMixin
from .models import Skema
from .roles import Role


class SkemaListView(RoleRequiredMixin, ListView):
    roles = (Role.ADMIN_LSP,)
    model = Skema
    paginate_by = 25
    template_name = "lsp/skema_list.html"


class SkemaDetailView(RoleRequiredMixin, DetailView):
    roles = (Role.ADMIN_LSP,)
    model = Skema
    template_name = "lsp/skema_detail.html"
    queryset = Skema.objects.prefetch_related("units__elemen__kuk", "persyaratan")
