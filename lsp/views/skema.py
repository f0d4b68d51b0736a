"""Admin LSP pages for the skema tree: skema → unit kompetensi → elemen → KUK, and persyaratan dasar
(list, detail, add, edit, activate, reorder, delete). Each page fetches through ``lsp.selectors`` and calls
one service from ``lsp.services``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView

from .. import selectors, services
from ..filters import SkemaFilter
from ..forms import ElemenForm, KUKForm, PersyaratanForm, SkemaForm, UnitForm
from .base import AdminLspMixin, FilteredListView, PostActionView, ServiceFormView, message_errors, posted_aktif

DIRECTIONS = {"naik": "up", "turun": "down"}


class SkemaListView(FilteredListView):
    filterset_class = SkemaFilter
    template_name = "lsp/skema_list.html"

    def base_queryset(self):
        return selectors.skema_list_for_user(self.request.user)



def skema_crumbs(skema=None):
    crumbs = [(gettext_lazy("Skema sertifikasi"), reverse("lsp:skema-list"))]
    if skema is not None:
        crumbs.append((skema.kode, reverse("lsp:skema-detail", args=[skema.pk])))
    return crumbs


def skema_detail_url(skema_id, anchor=""):
    url = reverse("lsp:skema-detail", args=[skema_id])
    return f"{url}#{anchor}" if anchor else url


# --- skema ----------------------------------------------------------------------------------------
class SkemaCreateView(ServiceFormView):
    form_class = SkemaForm
    title = gettext_lazy("Tambah skema sertifikasi")
    success_message = gettext_lazy("Skema tersimpan. Tambahkan unit kompetensi dan persyaratan dasarnya.")

    def perform(self, form):
        return services.skema_create(by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_cancel_url(self):
        return reverse("lsp:skema-list")

    def get_breadcrumbs(self):
        return skema_crumbs()


class SkemaUpdateView(ServiceFormView):
    form_class = SkemaForm
    success_message = gettext_lazy("Perubahan skema tersimpan.")

    def load(self, **kwargs):
        self.instance = get_object_or_404(selectors.skema_list_for_user(self.request.user), pk=kwargs["pk"])

    @property
    def title(self):
        return _("Ubah skema %(kode)s") % {"kode": self.instance.kode}

    def perform(self, form):
        return services.skema_update(skema=self.instance, by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return skema_detail_url(self.instance.pk)

    def get_breadcrumbs(self):
        return skema_crumbs(self.instance)


class SkemaDetailView(AdminLspMixin, DetailView):
    template_name = "lsp/skema_detail.html"
    context_object_name = "skema"

    def get_queryset(self):
        return selectors.skema_detail_for_user(self.request.user)


class SkemaStatusView(PostActionView):
    queryset_selector = selectors.skema_list_for_user

    def act(self, skema):
        aktif = posted_aktif(self.request)
        services.skema_set_aktif(skema=skema, aktif=aktif, by=self.request.user)
        return _("Skema diaktifkan.") if aktif else _("Skema dinonaktifkan; tidak dapat dipilih untuk permohonan baru.")

    def redirect_url(self, skema):
        return skema_detail_url(skema.pk)


# --- children of a skema: unit, elemen, KUK, persyaratan dasar ------------------------------------
class ChildCreateView(ServiceFormView):
    """Add a child to ``parent`` (fetched by ``pk`` through ``parent_selector``)."""

    parent_selector = None

    def load(self, **kwargs):
        self.parent = get_object_or_404(type(self).parent_selector(self.request.user), pk=kwargs["pk"])

    def get_success_url(self):
        return skema_detail_url(self.skema_of(self.parent).pk, self.anchor())

    def get_breadcrumbs(self):
        return skema_crumbs(self.skema_of(self.parent))

    def anchor(self):
        return ""


class ChildUpdateView(ServiceFormView):
    selector = None

    def load(self, **kwargs):
        self.instance = get_object_or_404(type(self).selector(self.request.user), pk=kwargs["pk"])

    def get_success_url(self):
        return skema_detail_url(self.skema_of(self.instance).pk, self.anchor())

    def get_breadcrumbs(self):
        return skema_crumbs(self.skema_of(self.instance))

    def anchor(self):
        return ""


class ChildDeleteView(AdminLspMixin, View):
    """GET: a confirmation page; POST: delete through the service (refusal → message, no 500)."""

    selector = None
    http_method_names = ["get", "post"]

    def load(self, **kwargs):
        self.object = get_object_or_404(type(self).selector(self.request.user), pk=kwargs["pk"])

    def get(self, request, *args, **kwargs):
        skema = self.skema_of(self.object)
        return render(
            request,
            "lsp/master_confirm_delete.html",
            {
                "object": self.object,
                "title": self.title(),
                "consequence": self.consequence(),
                "cancel_url": skema_detail_url(skema.pk, self.anchor()),
                "breadcrumbs": skema_crumbs(skema),
            },
        )

    def post(self, request, *args, **kwargs):
        skema = self.skema_of(self.object)
        try:
            self.delete(self.object)
        except ValidationError as exc:
            message_errors(request, exc)
        else:
            messages.success(request, _("%(object)s dihapus.") % {"object": self.title()})
        return HttpResponseRedirect(skema_detail_url(skema.pk, self.anchor()))

    def consequence(self):
        return ""

    def anchor(self):
        return ""


class MoveView(PostActionView):
    def act(self, obj):
        direction = DIRECTIONS.get(self.request.POST.get("arah", ""))
        if direction is None:
            raise ValidationError(_("Arah pemindahan tidak dikenal."), code="direction")
        self.move(obj, direction)
        return ""

    def redirect_url(self, obj):
        return skema_detail_url(self.skema_of(obj).pk, self.anchor(obj))


def _skema_of_skema(skema):
    return skema


def _own_skema(obj):
    """The skema of a unit or a persyaratan dasar."""
    return obj.skema


def _skema_of_elemen(elemen):
    return elemen.unit.skema


def _skema_of_kuk(kuk):
    return kuk.elemen.unit.skema


class UnitCreateView(ChildCreateView):
    form_class = UnitForm
    parent_selector = selectors.skema_list_for_user
    skema_of = staticmethod(_skema_of_skema)
    success_message = gettext_lazy("Unit kompetensi ditambahkan. Lanjutkan dengan elemen dan KUK-nya.")

    @property
    def title(self):
        return _("Tambah unit kompetensi ke %(kode)s") % {"kode": self.parent.kode}

    def perform(self, form):
        return services.unit_create(skema=self.parent, by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return skema_detail_url(self.parent.pk, f"unit-{self.object.pk}")

    def get_cancel_url(self):
        return skema_detail_url(self.parent.pk, "unit")


class UnitUpdateView(ChildUpdateView):
    form_class = UnitForm
    selector = selectors.unit_for_user
    skema_of = staticmethod(_own_skema)
    success_message = gettext_lazy("Unit kompetensi tersimpan.")

    @property
    def title(self):
        return _("Ubah unit %(kode)s") % {"kode": self.instance.kode}

    def perform(self, form):
        return services.unit_update(unit=self.instance, by=self.request.user, **form.cleaned_data)

    def anchor(self):
        return f"unit-{self.instance.pk}"


class UnitDeleteView(ChildDeleteView):
    selector = selectors.unit_for_user
    skema_of = staticmethod(_own_skema)

    def title(self):
        return _("Unit %(kode)s") % {"kode": self.object.kode}

    def consequence(self):
        return _("Semua elemen dan KUK unit ini ikut terhapus.")

    def delete(self, unit):
        services.unit_delete(unit=unit, by=self.request.user)


class UnitMoveView(MoveView):
    queryset_selector = selectors.unit_for_user
    skema_of = staticmethod(_own_skema)

    def move(self, unit, direction):
        services.unit_move(unit=unit, direction=direction, by=self.request.user)

    def anchor(self, unit):
        return f"unit-{unit.pk}"


class ElemenCreateView(ChildCreateView):
    form_class = ElemenForm
    parent_selector = selectors.unit_for_user
    skema_of = staticmethod(_own_skema)
    success_message = gettext_lazy("Elemen ditambahkan.")

    @property
    def title(self):
        return _("Tambah elemen ke unit %(kode)s") % {"kode": self.parent.kode}

    def perform(self, form):
        return services.elemen_create(unit=self.parent, by=self.request.user, **form.cleaned_data)

    def anchor(self):
        return f"unit-{self.parent.pk}"


class ElemenUpdateView(ChildUpdateView):
    form_class = ElemenForm
    selector = selectors.elemen_for_user
    skema_of = staticmethod(_skema_of_elemen)
    success_message = gettext_lazy("Elemen tersimpan.")

    @property
    def title(self):
        return _("Ubah elemen %(nomor)s unit %(kode)s") % {
            "nomor": self.instance.urutan, "kode": self.instance.unit.kode
        }

    def perform(self, form):
        return services.elemen_update(elemen=self.instance, by=self.request.user, **form.cleaned_data)

    def anchor(self):
        return f"unit-{self.instance.unit_id}"


class ElemenDeleteView(ChildDeleteView):
    selector = selectors.elemen_for_user
    skema_of = staticmethod(_skema_of_elemen)

    def title(self):
        return _("Elemen %(nomor)s (%(nama)s)") % {"nomor": self.object.urutan, "nama": self.object.nama}

    def consequence(self):
        return _("Semua KUK elemen ini ikut terhapus; elemen sesudahnya dinomori ulang.")

    def delete(self, elemen):
        services.elemen_delete(elemen=elemen, by=self.request.user)

    def anchor(self):
        return f"unit-{self.object.unit_id}"


class ElemenMoveView(MoveView):
    queryset_selector = selectors.elemen_for_user
    skema_of = staticmethod(_skema_of_elemen)

    def move(self, elemen, direction):
        services.elemen_move(elemen=elemen, direction=direction, by=self.request.user)

    def anchor(self, elemen):
        return f"unit-{elemen.unit_id}"


class KUKCreateView(ChildCreateView):
    form_class = KUKForm
    parent_selector = selectors.elemen_for_user
    skema_of = staticmethod(_skema_of_elemen)
    success_message = gettext_lazy("KUK ditambahkan.")

    @property
    def title(self):
        return _("Tambah KUK ke elemen %(nomor)s (%(nama)s)") % {"nomor": self.parent.urutan, "nama": self.parent.nama}

    def perform(self, form):
        return services.kuk_create(elemen=self.parent, by=self.request.user, **form.cleaned_data)

    def anchor(self):
        return f"unit-{self.parent.unit_id}"


class KUKUpdateView(ChildUpdateView):
    form_class = KUKForm
    selector = selectors.kuk_for_user
    skema_of = staticmethod(_skema_of_kuk)
    success_message = gettext_lazy("KUK tersimpan.")

    @property
    def title(self):
        return _("Ubah KUK %(nomor)s") % {"nomor": f"{self.instance.elemen.urutan}.{self.instance.urutan}"}

    def perform(self, form):
        return services.kuk_update(kuk=self.instance, by=self.request.user, **form.cleaned_data)

    def anchor(self):
        return f"unit-{self.instance.elemen.unit_id}"


class KUKDeleteView(ChildDeleteView):
    selector = selectors.kuk_for_user
    skema_of = staticmethod(_skema_of_kuk)

    def title(self):
        return _("KUK %(nomor)s") % {"nomor": f"{self.object.elemen.urutan}.{self.object.urutan}"}

    def consequence(self):
        return _("KUK sesudahnya dinomori ulang.")

    def delete(self, kuk):
        services.kuk_delete(kuk=kuk, by=self.request.user)

    def anchor(self):
        return f"unit-{self.object.elemen.unit_id}"


class KUKMoveView(MoveView):
    queryset_selector = selectors.kuk_for_user
    skema_of = staticmethod(_skema_of_kuk)

    def move(self, kuk, direction):
        services.kuk_move(kuk=kuk, direction=direction, by=self.request.user)

    def anchor(self, kuk):
        return f"unit-{kuk.elemen.unit_id}"


class PersyaratanCreateView(ChildCreateView):
    form_class = PersyaratanForm
    parent_selector = selectors.skema_list_for_user
    skema_of = staticmethod(_skema_of_skema)
    success_message = gettext_lazy("Persyaratan dasar ditambahkan.")

    @property
    def title(self):
        return _("Tambah persyaratan dasar ke %(kode)s") % {"kode": self.parent.kode}

    def perform(self, form):
        return services.persyaratan_create(skema=self.parent, by=self.request.user, **form.cleaned_data)

    def anchor(self):
        return "persyaratan"


class PersyaratanUpdateView(ChildUpdateView):
    form_class = PersyaratanForm
    selector = selectors.persyaratan_for_user
    skema_of = staticmethod(_own_skema)
    success_message = gettext_lazy("Persyaratan dasar tersimpan.")

    @property
    def title(self):
        return _("Ubah persyaratan dasar %(nomor)s") % {"nomor": self.instance.urutan}

    def perform(self, form):
        return services.persyaratan_update(persyaratan=self.instance, by=self.request.user, **form.cleaned_data)

    def anchor(self):
        return "persyaratan"


class PersyaratanDeleteView(ChildDeleteView):
    selector = selectors.persyaratan_for_user
    skema_of = staticmethod(_own_skema)

    def title(self):
        return _("Persyaratan %(nomor)s") % {"nomor": self.object.urutan}

    def delete(self, item):
        services.persyaratan_delete(persyaratan=item, by=self.request.user)

    def anchor(self):
        return "persyaratan"


class PersyaratanMoveView(MoveView):
    queryset_selector = selectors.persyaratan_for_user
    skema_of = staticmethod(_own_skema)

    def move(self, item, direction):
        services.persyaratan_move(persyaratan=item, direction=direction, by=self.request.user)

    def anchor(self, item):
        return "persyaratan"
