"""Complaint pages. Public (no login needed): file a complaint, see its code, follow it by code (status
and public outcome only), rate limited. Admin LSP: the list (by status, newest first) and each complaint
with its next step."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from lsp.audit import audit_trail_for
from lsp.pagination import KeysetPaginationMixin
from lsp.views.base import AdminLspMixin, add_service_errors

from . import selectors, services
from .forms import LacakForm, PengaduanForm, StatusFilterForm, TindakForm
from .throttle import ajukan_throttled, lacak_throttled


def _too_many(request, template, ctx):
    ctx["pesan"] = _("Terlalu banyak permintaan. Coba lagi nanti.")
    return render(request, template, ctx, status=429)


def ajukan(request):
    """``/pengaduan/``: the complaint form; a filed complaint redirects to its code."""
    form = PengaduanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if ajukan_throttled(request):
            return _too_many(request, "pengaduan/ajukan.html", {"form": form})
        if form.is_valid():
            try:
                pengaduan = services.pengaduan_ajukan(by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                request.session["pengaduan_baru"] = pengaduan.kode
                return HttpResponseRedirect(reverse("pengaduan:terkirim"))
    return render(request, "pengaduan/ajukan.html", {"form": form})


ajukan.form_class = PengaduanForm


def terkirim(request):
    """The code of the complaint just filed (kept in the session, shown once to whoever filed it)."""
    kode = request.session.get("pengaduan_baru")
    if not kode:
        return HttpResponseRedirect(reverse("pengaduan:ajukan"))
    return render(request, "pengaduan/terkirim.html", {"kode": kode})


def lacak(request):
    """``/pengaduan/lacak/?kode=``: look a code up; a hit redirects to its page."""
    form = LacakForm(request.GET or None)
    if request.GET:
        if lacak_throttled(request):
            return _too_many(request, "pengaduan/lacak.html", {"form": form})
        if form.is_valid():
            data = selectors.pengaduan_publik(form.cleaned_data["kode"])
            if data is not None:
                return HttpResponseRedirect(reverse("pengaduan:lacak-detail", args=[data["kode"]]))
            return render(request, "pengaduan/lacak.html",
                          {"form": form, "pesan": _("Pengaduan dengan kode tersebut tidak ditemukan.")}, status=404)
    return render(request, "pengaduan/lacak.html", {"form": form})


lacak.form_class = LacakForm


def lacak_detail(request, kode):
    if lacak_throttled(request):
        return _too_many(request, "pengaduan/lacak.html", {"form": LacakForm()})
    data = selectors.pengaduan_publik(kode)
    if data is None:
        return render(request, "pengaduan/lacak.html",
                      {"form": LacakForm(), "pesan": _("Pengaduan dengan kode tersebut tidak ditemukan.")}, status=404)
    return render(request, "pengaduan/lacak_detail.html", {"p": data})


class AdminListView(AdminLspMixin, KeysetPaginationMixin, ListView):
    """Every complaint, newest first, by status; a page at a time by cursor (``pengaduan_list_idx``,
    ``pengaduan_status_idx``)."""

    template_name = "pengaduan/admin_list.html"
    paginate_by = 25
    keyset = selectors.PENGADUAN_KEYSET

    def get_queryset(self):
        self.filter_form = StatusFilterForm(self.request.GET or None)
        qs = selectors.pengaduan_for_admin(self.request.user)
        if self.filter_form.is_valid() and self.filter_form.cleaned_data["status"]:
            qs = qs.filter(status=self.filter_form.cleaned_data["status"])
        return qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


class AdminDetailView(AdminLspMixin, FormView):
    template_name = "pengaduan/admin_detail.html"
    form_class = TindakForm

    def load(self, **kwargs):
        self.pengaduan = get_object_or_404(selectors.pengaduan_for_admin(self.request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(p=self.pengaduan, trail=list(audit_trail_for(self.pengaduan)[:100]),
                                        **kwargs)

    def form_valid(self, form):
        try:
            services.pengaduan_transition(pengaduan=self.pengaduan, by=self.request.user, to=form.cleaned_data["ke"],
                                          catatan=form.cleaned_data["catatan"],
                                          tindakan=form.cleaned_data["tindakan"],
                                          hasil_publik=form.cleaned_data["hasil_publik"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Status pengaduan diperbarui."))
        return HttpResponseRedirect(self.pengaduan.get_absolute_url())
