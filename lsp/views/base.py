"""The building blocks every app's views use: one role gate for admin LSP pages, one way to show a
service's refusal (on the form or as messages), one form page that hands its input to a service, one
filtered list and one POST-only action.

Views stay thin: they parse input, call one service and render. The service is the single validator;
its ``ValidationError`` (with codes, field names in ``error_dict``) comes back here and is shown."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView

from ..access import RoleRequiredMixin, user_has_role
from ..pagination import LenientPaginationMixin
from ..roles import Role


class AdminLspMixin(RoleRequiredMixin):
    """Admin LSP only (or ``roles``). ``load(**kwargs)`` fetches the page's objects once the role is
    checked, so a user without the role gets 403 (not 404) and a guessed id gets 404."""

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


def message_errors(request, exc: ValidationError) -> None:
    """Show a service's refusal as error messages (for POST-only actions that redirect)."""
    for text in exc.messages:
        messages.error(request, text)


class ServiceFormView(AdminLspMixin, FormView):
    """A form page whose valid input goes to one service call; a refused call shows its reasons on the
    form. Subclasses implement ``perform(form)`` (returns the saved object) and set ``title``; the
    success URL is the object's ``get_absolute_url()`` unless ``get_success_url`` says otherwise."""

    template_name = "lsp/master_form.html"
    title = ""
    intro = ""
    submit_label = gettext_lazy("Simpan")
    success_message = ""
    instance = None
    object = None

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
        context.update(
            title=self.title, intro=self.intro, submit_label=self.submit_label, cancel_url=self.get_cancel_url(),
            breadcrumbs=self.get_breadcrumbs(),
        )
        return context

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_cancel_url(self):
        return self.get_success_url()

    def get_breadcrumbs(self):
        return []

    def perform(self, form):
        raise NotImplementedError


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
            message_errors(request, exc)
        else:
            if message:
                messages.success(request, message)
        return HttpResponseRedirect(self.redirect_url(obj))


def posted_aktif(request) -> bool:
    value = request.POST.get("aktif")
    if value not in ("0", "1"):
        raise ValidationError(_("Status yang diminta tidak dikenal."), code="status")
    return value == "1"
