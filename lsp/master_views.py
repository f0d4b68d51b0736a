"""Master data pages for admin LSP: skema → unit → elemen → KUK, persyaratan dasar, TUK, the LSP's
profile, the skema import and the audit trail.

Views are thin: they fetch through ``lsp.selectors`` (a non-admin or a guessed id gets 403/404), call one
service from ``lsp.services`` and turn its ``ValidationError`` into form errors or a message."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.base import ContextMixin, TemplateResponseMixin

from . import domain, importers, selectors, services
from .access import RoleRequiredMixin, user_has_role
from .filters import AuditLogFilter, SkemaFilter, TUKFilter
from .forms import (
    ElemenForm,
    KUKForm,
    LspProfileForm,
    PersyaratanForm,
    SkemaForm,
    SkemaImportForm,
    TUKForm,
    UnitForm,
)
from .models import LspProfile
from .pagination import LenientPaginationMixin
from .roles import Role
from .uploads import private_file_response

MAX_ISSUES_SHOWN = 200
DIRECTIONS = {"naik": "up", "turun": "down"}


class AdminLspMixin(RoleRequiredMixin):
    """Admin LSP only. ``load(**kwargs)`` fetches the page's objects once the role is checked, so a
    user without the role gets 403 (not 404) and a guessed id gets 404."""

    roles = (Role.ADMIN_LSP,)

    def dispatch(self, request, *args, **kwargs):
        if user_has_role(request.user, *self.roles):
            self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs):
        pass


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: field errors on their field, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- lists ----------------------------------------------------------------------------------------
class FilteredListView(AdminLspMixin, LenientPaginationMixin, ListView):
    """A paginated list with a django-filter form. ``?page=abc`` or ``?page=999`` shows a valid page."""

    filterset_class = None
    paginate_by = 25

    def get_queryset(self):
        self.filterset = self.filterset_class(self.request.GET or None, queryset=self.base_queryset())
        return self.filterset.qs

    def base_queryset(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


class SkemaListView(FilteredListView):
    filterset_class = SkemaFilter
    template_name = "lsp/skema_list.html"

    def base_queryset(self):
        return selectors.skema_list_for_user(self.request.user)


class TUKListView(FilteredListView):
    filterset_class = TUKFilter
    template_name = "lsp/tuk_list.html"

    def base_queryset(self):
        return selectors.tuk_list_for_user(self.request.user)


class AuditListView(FilteredListView):
    filterset_class = AuditLogFilter
    template_name = "lsp/audit_list.html"
    paginate_by = 50

    def base_queryset(self):
        return selectors.audit_list_for_user(self.request.user)


# --- generic form pages ---------------------------------------------------------------------------
class ServiceFormView(AdminLspMixin, FormView):
    """A form page whose valid input goes to one service. Subclasses set ``title`` and implement
    ``perform(form)`` (returns the saved object) and ``get_success_url()``."""

    template_name = "lsp/master_form.html"
    title = ""
    success_message = ""
    instance = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.instance is not None:
            kwargs["instance"] = self.instance
        return kwargs

    def form_valid(self, form):
        try:
            self.object = self.perform(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, cancel_url=self.get_cancel_url(), breadcrumbs=self.get_breadcrumbs())
        return context

    def get_cancel_url(self):
        return self.get_success_url()

    def get_breadcrumbs(self):
        return []

    def perform(self, form):
        raise NotImplementedError


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


class PostActionView(AdminLspMixin, View):
    """A POST-only action (activate, move) that ends with a redirect and a message."""

    http_method_names = ["post"]
    queryset_selector = None

    def get_object(self):
        return get_object_or_404(type(self).queryset_selector(self.request.user), pk=self.kwargs["pk"])

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        try:
            message = self.act(obj)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            if message:
                messages.success(request, message)
        return HttpResponseRedirect(self.redirect_url(obj))


def posted_aktif(request) -> bool:
    value = request.POST.get("aktif")
    if value not in ("0", "1"):
        raise ValidationError(_("Status yang diminta tidak dikenal."), code="status")
    return value == "1"


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
            for text in exc.messages:
                messages.error(request, text)
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


# --- import ---------------------------------------------------------------------------------------
class ImportFlowView(AdminLspMixin, TemplateResponseMixin, ContextMixin, View):
    """The import flow both import pages share: "Impor unit" (into an existing skema) and "Buat skema
    dari berkas".

    ``aksi=periksa`` checks everything and shows a preview, writing nothing. The preview's "Impor
    sekarang" (``aksi=impor_pratinjau``) sends back a token signed with the page's own ``PREVIEW_SALT``
    (so a token of one page is refused by the other) carrying what was checked, so the file need not
    be chosen again; the page re-checks its target (``forms_from_preview``) before writing. Any other
    ``aksi`` checks and writes at once. A bad file, any bad row or a bad field: the page again with
    every problem and nothing written.

    The file form is always ``forms["form"]``; subclasses set ``PREVIEW_SALT`` and implement
    ``get_forms``, ``check_file``, ``preview_binding``, ``forms_from_preview`` and ``save``, and may
    override ``check_forms`` (the non-file fields) and ``add_save_errors``."""

    PREVIEW_SALT = ""
    PREVIEW_MAX_AGE = 60 * 60  # a checked file can be imported from its preview for an hour

    def get(self, request, *args, **kwargs):
        return self.render(self.get_forms())

    def post(self, request, *args, **kwargs):
        if request.POST.get("aksi") == "impor_pratinjau":
            return self.import_from_preview(request.POST.get("pratinjau", ""))
        forms = self.get_forms(request.POST, request.FILES)
        self.check_forms(forms)
        file_form, uploaded, result = forms["form"], None, None
        if file_form.is_valid():
            uploaded = file_form.cleaned_data["berkas"]
            try:
                result = self.check_file(uploaded)
            except ValidationError as exc:
                file_form.add_error("berkas", exc)
        if result is None or result.issues or has_errors(forms):
            return self.render(forms, **self.issues_context(result, uploaded))
        if request.POST.get("aksi") == "periksa":
            payload = {
                **self.preview_binding(forms),
                "filename": uploaded.name,
                "units": domain.units_to_payload(result.units),
            }
            token = signing.dumps(payload, salt=self.PREVIEW_SALT, compress=True)
            return self.render({**forms, "form": SkemaImportForm()}, preview=result, filename=uploaded.name,
                               token=token)
        return self.commit(forms, result.units, uploaded.name)

    def import_from_preview(self, token):
        """Import what the admin saw in the preview. The token is signed by us, so its rows are the
        ones that passed validation; the target is checked again (``check_forms``, then the service)."""
        try:
            payload = signing.loads(token, salt=self.PREVIEW_SALT, max_age=self.PREVIEW_MAX_AGE)
            units = domain.units_from_payload(payload["units"])
            filename = str(payload.get("filename", ""))
            forms = self.forms_from_preview(payload)
        except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
            forms = None
        if forms is None:
            messages.error(self.request, _("Pratinjau sudah kedaluwarsa atau tidak sah. Unggah berkasnya lagi."))
            return HttpResponseRedirect(self.request.path)
        self.check_forms(forms)
        return self.commit(forms, units, filename, from_preview=True)

    def commit(self, forms, units, filename, *, from_preview=False):
        """Write through ``save``; a refusal shows the page again with the reasons, nothing written."""
        refusal = None
        if not has_errors(forms):
            try:
                url, message = self.save(forms, units, filename)
            except ValidationError as exc:
                refusal = exc
            else:
                messages.success(self.request, message)
                return HttpResponseRedirect(url)
        if from_preview:
            messages.error(self.request, _("Pratinjau tidak dapat diimpor; tidak ada yang disimpan."))
        if refusal is not None:
            self.add_save_errors(forms, refusal)
        return self.render(forms)

    def render(self, forms, **extra):
        return self.render_to_response(self.get_context_data(**forms, **extra))

    def issues_context(self, result, uploaded) -> dict:
        if result is None or not result.issues:
            return {}
        return {
            "issues": result.issues[:MAX_ISSUES_SHOWN],
            "issues_hidden": max(0, len(result.issues) - MAX_ISSUES_SHOWN),
            "issue_count": len(result.issues),
            "filename": uploaded.name,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            max_rows=importers.max_rows(), columns=importers.IMPORT_COLUMNS, example_rows=importers.TEMPLATE_ROWS
        )
        return context

    def check_forms(self, forms) -> None:
        """Validate the forms other than the file form, adding errors to them."""

    def add_save_errors(self, forms, exc: ValidationError) -> None:
        if forms["form"].is_bound:
            forms["form"].add_error("berkas", exc)
        else:  # from a preview: no file was sent, say it above the page
            for text in exc.messages:
                messages.error(self.request, text)


def has_errors(forms: dict) -> bool:
    return any(form.errors for form in forms.values())


class SkemaImportView(ImportFlowView):
    """Upload a CSV/XLSX of units → elemen → KUK into an existing skema."""

    template_name = "lsp/skema_import.html"
    PREVIEW_SALT = "lsp.skema-import-preview"

    def load(self, **kwargs):
        self.skema = get_object_or_404(selectors.skema_list_for_user(self.request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(skema=self.skema, breadcrumbs=skema_crumbs(self.skema), **kwargs)

    def get_forms(self, data=None, files=None):
        return {"form": SkemaImportForm(data, files)}

    def check_file(self, uploaded):
        return services.skema_import_check(skema=self.skema, uploaded=uploaded)

    def preview_binding(self, forms):
        return {"skema": self.skema.pk}

    def forms_from_preview(self, payload):
        return self.get_forms() if payload.get("skema") == self.skema.pk else None

    def save(self, forms, units, filename):
        counts = services.skema_import_units(skema=self.skema, units=units, by=self.request.user, filename=filename)
        message = _("Impor berhasil: %(unit)s unit, %(elemen)s elemen, %(kuk)s KUK ditambahkan.") % counts
        return skema_detail_url(self.skema.pk), message


class SkemaCreateFromFileView(ImportFlowView):
    """"Buat skema dari berkas": the skema's fields and a CSV/XLSX of its units → elemen → KUK on one page;
    the skema and its whole tree are created in one transaction (``services.skema_create_from_file``)."""

    template_name = "lsp/skema_create_from_file.html"
    PREVIEW_SALT = "lsp.skema-create-from-file-preview"

    def get_context_data(self, **kwargs):
        return super().get_context_data(breadcrumbs=skema_crumbs(), **kwargs)

    def get_forms(self, data=None, files=None):
        return {"skema_form": SkemaForm(data), "form": SkemaImportForm(data, files)}

    def check_forms(self, forms):
        skema_form = forms["skema_form"]
        if skema_form.is_valid():
            try:
                services.skema_create_check(**skema_form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(skema_form, exc)

    def check_file(self, uploaded):
        return services.skema_import_check(skema=None, uploaded=uploaded)

    def preview_binding(self, forms):
        cleaned = forms["skema_form"].cleaned_data
        return {"skema_baru": {name: "" if cleaned[name] is None else cleaned[name] for name in SkemaForm.Meta.fields}}

    def forms_from_preview(self, payload):
        data = payload["skema_baru"]
        if not isinstance(data, dict):
            raise ValueError("not a skema")
        return {"skema_form": SkemaForm(data), "form": SkemaImportForm()}

    def save(self, forms, units, filename):
        skema, counts = services.skema_create_from_file(
            data=forms["skema_form"].cleaned_data, units=units, by=self.request.user, filename=filename
        )
        message = _("Skema %(kode)s dibuat dengan %(unit)s unit, %(elemen)s elemen, %(kuk)s KUK.") % {
            "kode": skema.kode, **counts
        }
        return skema.get_absolute_url(), message

    def add_save_errors(self, forms, exc):
        add_service_errors(forms["skema_form"], exc)


class ImportTemplateView(AdminLspMixin, View):
    def get(self, request, fmt):
        if fmt == "csv":
            response = HttpResponse(importers.template_csv(), content_type="text/csv; charset=utf-8")
        elif fmt == "xlsx":
            response = HttpResponse(
                importers.template_xlsx(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            raise Http404
        response["Content-Disposition"] = f'attachment; filename="templat-impor-unit.{fmt}"'
        return response


# --- TUK ------------------------------------------------------------------------------------------
class TUKCreateView(ServiceFormView):
    form_class = TUKForm
    title = gettext_lazy("Tambah TUK")
    success_message = gettext_lazy("TUK tersimpan.")

    def perform(self, form):
        return services.tuk_create(by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("lsp:tuk-list")

    def get_breadcrumbs(self):
        return [(gettext_lazy("TUK"), reverse("lsp:tuk-list"))]


class TUKUpdateView(TUKCreateView):
    success_message = gettext_lazy("Perubahan TUK tersimpan.")

    def load(self, **kwargs):
        self.instance = get_object_or_404(selectors.tuk_list_for_user(self.request.user), pk=kwargs["pk"])

    @property
    def title(self):
        return _("Ubah TUK %(kode)s") % {"kode": self.instance.kode}

    def perform(self, form):
        return services.tuk_update(tuk=self.instance, by=self.request.user, **form.cleaned_data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status_toggle"] = {
            "url": reverse("lsp:tuk-status", args=[self.instance.pk]),
            "aktif": self.instance.aktif,
        }
        return context


class TUKStatusView(PostActionView):
    queryset_selector = selectors.tuk_list_for_user

    def act(self, tuk):
        aktif = posted_aktif(self.request)
        services.tuk_set_aktif(tuk=tuk, aktif=aktif, by=self.request.user)
        return _("TUK diaktifkan.") if aktif else _("TUK dinonaktifkan.")

    def redirect_url(self, tuk):
        return reverse("lsp:tuk-list")


# --- LSP profile ----------------------------------------------------------------------------------
class LspProfileView(ServiceFormView):
    form_class = LspProfileForm
    template_name = "lsp/profil_form.html"
    title = gettext_lazy("Profil LSP")
    success_message = gettext_lazy("Profil LSP tersimpan.")

    def load(self, **kwargs):
        # Before the LSP fills it in there is no row; start from an empty form, not the placeholder name.
        self.instance = LspProfile.objects.filter(pk=1).first() or LspProfile()

    def perform(self, form):
        data = dict(form.cleaned_data)
        logo, hapus_logo = data.pop("logo", None), data.pop("hapus_logo", False)
        return services.lsp_profile_update(by=self.request.user, logo=logo, hapus_logo=hapus_logo, **data)

    def get_success_url(self):
        return reverse("lsp:profil")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profile"] = self.instance
        return context


def lsp_logo(request):
    """The LSP's logo (public: it appears on certificates and their public verification page).
    Uploads are never served from a media URL, so the logo is streamed here."""
    profile = LspProfile.objects.filter(pk=1).first()
    if profile is None or not profile.logo:
        raise Http404
    response = private_file_response(profile.logo, "logo", content_type=None)  # type not stored: read its bytes
    response["Cache-Control"] = "public, max-age=3600"
    return response

