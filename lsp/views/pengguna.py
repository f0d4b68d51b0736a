"""Admin LSP: "Pengguna & peran" — who holds which staff role, and giving or taking komite and validator
(admin LSP only by a superuser). Each change is a service call with its audit row."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import domain, selectors, services
from ..audit import AuditAction, audit_trail_for
from ..filters import PERAN_SEMUA, UserFilter
from ..forms import UserRolesForm
from ..pagination import KeysetPaginationMixin
from ..roles import Role
from .base import FilteredListView, ServiceFormView

ROLE_ACTIONS = (AuditAction.USER_ROLE_GRANT, AuditAction.USER_ROLE_REVOKE)


class UserListView(KeysetPaginationMixin, FilteredListView):
    """Staff by default, one role, or every account (``?peran=semua``: every asesi too), by username; a page at
    a time by cursor."""

    filterset_class = UserFilter
    template_name = "lsp/user_list.html"
    keyset = selectors.USER_KEYSET

    def base_queryset(self):
        peran = self.request.GET.get("peran", "")
        if peran not in {*Role.values, PERAN_SEMUA}:
            peran = ""
        return selectors.user_list_for_user(self.request.user, peran=peran)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for person in context["object_list"]:
            person.role_labels = [Role(g.name).label for g in person.groups.all() if g.name in Role.values]
        return context


class UserRolesView(ServiceFormView):
    form_class = UserRolesForm
    template_name = "lsp/user_roles.html"

    def load(self, **kwargs):
        people = selectors.user_list_for_user(self.request.user, peran=PERAN_SEMUA)
        self.target = get_object_or_404(people, pk=kwargs["pk"])

    @property
    def title(self):
        return _("Peran %(user)s") % {"user": self.target.get_full_name() or self.target.username}

    def changeable(self) -> set:
        me = self.request.user
        return {
            role
            for role in domain.ROLES_BY_SUPERUSER
            if domain.role_change_error(
                role=role, actor_is_admin=True, actor_is_superuser=me.is_superuser,
                target_is_actor=self.target.pk == me.pk, target_is_superuser=self.target.is_superuser,
            )
            is None
        }

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        held = {g.name for g in self.target.groups.all()}
        return {**kwargs, "held": held, "changeable": self.changeable()}

    def perform(self, form):
        return services.user_roles_update(user=self.target, roles=form.changes(), by=self.request.user)

    def form_valid(self, form):
        response = super().form_valid(form)
        if isinstance(response, HttpResponseRedirect):
            if self.object:
                labels = ", ".join(str(Role(role).label) for role in self.object)
                messages.success(self.request, _("Peran diubah: %(peran)s.") % {"peran": labels})
            else:
                messages.info(self.request, _("Tidak ada perubahan peran."))
        return response

    def get_success_url(self):
        return reverse("lsp:user-roles", args=[self.target.pk])

    def get_cancel_url(self):
        return reverse("lsp:user-list")

    def get_breadcrumbs(self):
        return [(gettext_lazy("Pengguna & peran"), reverse("lsp:user-list"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            target=self.target,
            other_roles=sorted(
                Role(g.name).label for g in self.target.groups.all()
                if g.name in Role.values and g.name not in domain.ROLES_BY_SUPERUSER
            ),
            history=audit_trail_for(self.target).filter(action__in=ROLE_ACTIONS)[:20],
        )
        return context
