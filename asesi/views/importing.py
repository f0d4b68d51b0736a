"""Admin LSP imports many asesi from a spreadsheet (and downloads the template)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from lsp.access import RoleRequiredMixin, role_required
from lsp.roles import Role
from lsp.views.base import add_service_errors

from .. import services
from ..forms import AsesiImportForm
from ..imports import asesi_import_parse, template_xlsx


class AsesiImportView(RoleRequiredMixin, FormView):
    roles = (Role.ADMIN_LSP,)
    form_class = AsesiImportForm
    template_name = "asesi/asesi_import.html"

    def form_valid(self, form):
        result = asesi_import_parse(form.cleaned_data["berkas"])
        if result.errors:
            return self.render_to_response(self.get_context_data(form=form, errors=result.errors), status=400)
        try:
            created = services.asesi_import(
                rows=result.rows,
                skema=form.cleaned_data["skema"],
                tujuan=form.cleaned_data["tujuan"],
                by=self.request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(n)s asesi diimpor; setiap asesi menerima tautan aktivasi akun lewat email.") % {"n": len(created)},
        )
        return redirect("asesi:asesi-list")


@role_required(Role.ADMIN_LSP)
def asesi_import_template(request):
    response = HttpResponse(
        template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="contoh-impor-asesi.xlsx"'
    return response
