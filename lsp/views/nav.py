"""Getting around: each role's own home page, the global search and the in-app notifications (the
bell). Every page here is scoped to the user asking: a role home only for a role the user holds,
search hits through each app's scoped selectors, notifications only the user's own."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from .. import selectors, services
from ..dashboard import panels_for
from ..pagination import KeysetPaginationMixin
from ..roles import Role
from ..search import QUERY_MAX_LENGTH, normalise_query, search_all


class RoleHomeView(LoginRequiredMixin, TemplateView):
    """The home of one role the user holds (``/lsp/beranda/komite/``): that role's panels only."""

    template_name = "lsp/role_home.html"

    def get_context_data(self, **kwargs):
        role = self.kwargs["role"]
        if role not in Role.values or role not in self.request.user.role_names:
            raise Http404
        return super().get_context_data(
            role_label=Role(role).label, sections=panels_for(self.request, only_role=role), **kwargs
        )


class SearchView(LoginRequiredMixin, TemplateView):
    """``/lsp/cari/?q=…``: what the user may see, grouped by kind (see ``lsp.search``)."""

    template_name = "lsp/search.html"

    def get_context_data(self, **kwargs):
        raw = self.request.GET.get("q", "")
        q = normalise_query(raw)
        return super().get_context_data(
            q=q, truncated=len(raw.strip()) > QUERY_MAX_LENGTH, groups=search_all(self.request.user, q), **kwargs
        )


class PemberitahuanListView(LoginRequiredMixin, KeysetPaginationMixin, ListView):
    """The user's own notifications, newest first; a page at a time by cursor (``pemberitahuan_list_idx``)."""

    template_name = "lsp/pemberitahuan_list.html"
    paginate_by = 25
    context_object_name = "items"
    keyset = selectors.PEMBERITAHUAN_KEYSET

    def get_queryset(self):
        return selectors.pemberitahuan_for_user(self.request.user)


class PemberitahuanReadView(LoginRequiredMixin, View):
    """POST: mark one of the user's notifications read and open the page it is about."""

    http_method_names = ["post"]

    def post(self, request, pk):
        item = get_object_or_404(selectors.pemberitahuan_for_user(request.user), pk=pk)
        services.pemberitahuan_mark_read(pemberitahuan=item, by=request.user)
        target = item.url
        if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("lsp:pemberitahuan-list")
        return HttpResponseRedirect(target)


class PemberitahuanReadAllView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        n = services.pemberitahuan_mark_all_read(by=request.user)
        if n:
            messages.success(request, _("Semua pemberitahuan ditandai sudah dibaca."))
        return HttpResponseRedirect(reverse("lsp:pemberitahuan-list"))
