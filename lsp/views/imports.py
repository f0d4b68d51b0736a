"""Admin LSP: import the units of a skema, or a whole new skema, from an XLSX/CSV file (upload → preview
→ import, all or nothing), and the downloadable templates."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic.base import ContextMixin, TemplateResponseMixin

from .. import domain, importers, selectors, services
from ..forms import SkemaForm, SkemaImportForm
from .base import AdminLspMixin, add_service_errors, message_errors
from .skema import skema_crumbs, skema_detail_url

MAX_ISSUES_SHOWN = 200


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
            message_errors(self.request, exc)


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
