"""Django admin for the ``lsp`` records (for staff; day-to-day work uses the admin LSP pages).

Changes made here also write an audit row (``admin.add`` / ``admin.change`` / ``admin.delete``, the record
as its target), so the audit trail stays complete; a change of privileges also writes
``admin.user_privileges`` / ``admin.group_permissions`` (before and after) and a password set here
``admin.user_password``. Only a superuser changes privileges,
groups or passwords, or touches a privileged account. AuditLog is read-only."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters

from .audit import AuditAction, audit_log
from .models import (
    KUK,
    TUK,
    AuditLog,
    Elemen,
    HariLibur,
    LspProfile,
    Notification,
    PersyaratanDasar,
    Skema,
    UnitKompetensi,
    User,
)
from .notifications import notification_retry
from .roles import Role


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only by services (audit trail, status history): viewable, never edited here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdmin(admin.ModelAdmin):
    """Writes an audit row for every add, change and delete done in Django admin."""

    def _audit(self, request, obj, verb, note=""):
        audit_log(actor=request.user, action=verb, obj=obj, note=note)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = ", ".join(form.changed_data) if change else ""
        self._audit(request, obj, AuditAction.ADMIN_CHANGE if change else AuditAction.ADMIN_ADD, note=changed)

    def delete_model(self, request, obj):
        self._audit(request, obj, AuditAction.ADMIN_DELETE)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._audit(request, obj, AuditAction.ADMIN_DELETE)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            self._audit(request, obj, AuditAction.ADMIN_DELETE)
            obj.delete()
        for obj in instances:
            is_new = obj.pk is None
            obj.save()
            self._audit(request, obj, AuditAction.ADMIN_ADD if is_new else AuditAction.ADMIN_CHANGE)
        formset.save_m2m()


def _privileges(user) -> dict:
    """What a user may do beyond their own data: the fields only a superuser may change."""
    if user is None:
        return {"is_staff": False, "is_superuser": False, "groups": [], "user_permissions": []}
    return {
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "user_permissions": sorted(
            f"{app}.{codename}"
            for app, codename in user.user_permissions.values_list("content_type__app_label", "codename")
        ),
    }


def _group_permissions(group) -> list:
    return sorted(
        f"{app}.{codename}" for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    )


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    """Accounts. Only a superuser grants or removes privileges (staff, superuser, groups = roles,
    permissions), sets passwords, or touches a privileged account; every change is audited, a privilege
    change with its before and after. Other staff (admin LSP) may correct asesi accounts and their own
    name and email; roles are given through the app's own pages (asesi/asesor registration, "Pengguna &
    peran" for komite and validator)."""

    PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")

    list_display = ("username", "nama_lengkap", "email", "role_list", "is_active", "is_staff")
    list_filter = ("groups", "is_active", "is_staff", "is_superuser")
    search_fields = ("username", "nama_lengkap", "email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Data pribadi"), {"fields": ("nama_lengkap", "email", "first_name", "last_name")}),
        (_("Peran dan hak akses"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Waktu penting"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "nama_lengkap", "email", "password1", "password2")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("peran"))
    def role_list(self, obj):
        return ", ".join(sorted(g.name for g in obj.groups.all()))

    # --- who may do what ---------------------------------------------------------------------------

    @staticmethod
    def is_privileged(user) -> bool:
        """More than an asesi: superuser, staff, any other role, or a permission of its own."""
        return (
            user.is_superuser
            or user.is_staff
            or user.groups.exclude(name=Role.ASESI).exists()
            or user.user_permissions.exists()
        )

    def _may_edit(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser or obj.pk == request.user.pk:
            return True
        return not self.is_privileged(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None or request.user.is_superuser:
            return True
        return obj.pk != request.user.pk and not self.is_privileged(obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or request.user.is_superuser:
            return fieldsets
        # the password is set by its owner (or a superuser); the link to the password form would answer 403
        return [
            (name, {**options, "fields": tuple(f for f in options["fields"] if f != "password")})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return readonly
        return readonly + self.PRIVILEGE_FIELDS

    # --- audit ------------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        before = _privileges(User.objects.get(pk=obj.pk) if change else None)
        if not request.user.is_superuser and before != _privileges(obj if change else None):
            raise PermissionDenied  # the fields are read-only for them; never trust a crafted form
        form.privileges_before = before
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before, after = form.privileges_before, _privileges(form.instance)
        if before != after:
            if not request.user.is_superuser:
                raise PermissionDenied
            audit_log(
                actor=request.user,
                action=AuditAction.ADMIN_USER_PRIVILEGES,
                obj=form.instance,
                note=", ".join(k for k in after if after[k] != before[k]),
                data={"sebelum": before, "sesudah": after},
            )

    @method_decorator(sensitive_post_parameters())
    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied  # a person sets their own password (or resets it by email)
        with transaction.atomic():
            user = self.get_object(request, unquote(id))
            before = user.password if user is not None else None
            response = super().user_change_password(request, id, form_url)
            if user is not None and request.method == "POST":
                user.refresh_from_db(fields=["password"])
                if user.password != before:
                    audit_log(
                        actor=request.user,
                        action=AuditAction.ADMIN_USER_PASSWORD,
                        obj=user,
                        note="set" if user.has_usable_password() else "unusable",
                    )
        return response


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AuditedAdmin, DjangoGroupAdmin):
    """Groups are the roles (``lsp.roles``): only a superuser adds, changes or deletes one, and a change
    of its permissions is audited with its before and after."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        form.permissions_before = _group_permissions(obj) if change else []
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before, after = form.permissions_before, _group_permissions(form.instance)
        if before != after:
            audit_log(
                actor=request.user,
                action=AuditAction.ADMIN_GROUP_PERMISSIONS,
                obj=form.instance,
                data={"sebelum": before, "sesudah": after},
            )


@admin.register(LspProfile)
class LspProfileAdmin(AuditedAdmin):
    list_display = ("nama", "nomor_lisensi", "kode_lsp", "penandatangan_nama", "updated_at")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not LspProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class UnitInline(admin.TabularInline):
    model = UnitKompetensi
    fields = ("urutan", "kode", "judul")
    extra = 0
    show_change_link = True


class PersyaratanInline(admin.TabularInline):
    model = PersyaratanDasar
    fields = ("urutan", "deskripsi", "wajib")
    extra = 0


@admin.register(Skema)
class SkemaAdmin(AuditedAdmin):
    list_display = ("kode", "nama", "jenis", "level_kkni", "bidang", "jumlah_unit", "aktif")
    list_filter = ("jenis", "aktif", "bidang")
    search_fields = ("kode", "nama")
    inlines = [PersyaratanInline, UnitInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_jumlah_unit=Count("units"))

    @admin.display(description=_("unit"), ordering="_jumlah_unit")
    def jumlah_unit(self, obj):
        return obj._jumlah_unit


class ElemenInline(admin.TabularInline):
    model = Elemen
    fields = ("urutan", "nama")
    extra = 0
    show_change_link = True


@admin.register(UnitKompetensi)
class UnitKompetensiAdmin(AuditedAdmin):
    list_display = ("kode", "judul", "skema", "urutan")
    list_filter = ("skema",)
    search_fields = ("kode", "judul", "skema__kode")
    list_select_related = ("skema",)
    autocomplete_fields = ("skema",)
    inlines = [ElemenInline]


class KUKInline(admin.TabularInline):
    model = KUK
    fields = ("urutan", "deskripsi")
    extra = 0


@admin.register(Elemen)
class ElemenAdmin(AuditedAdmin):
    list_display = ("__str__", "unit")
    search_fields = ("nama", "unit__kode")
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)
    inlines = [KUKInline]


@admin.register(KUK)
class KUKAdmin(AuditedAdmin):
    list_display = ("deskripsi", "elemen_nomor", "unit_kode")
    search_fields = ("deskripsi", "elemen__unit__kode")
    list_select_related = ("elemen__unit",)
    autocomplete_fields = ("elemen",)

    @admin.display(description=_("elemen"))
    def elemen_nomor(self, obj):
        return f"{obj.elemen.urutan}. {obj.elemen.nama}"

    @admin.display(description=_("unit"), ordering="elemen__unit__kode")
    def unit_kode(self, obj):
        return obj.elemen.unit.kode


@admin.register(PersyaratanDasar)
class PersyaratanDasarAdmin(AuditedAdmin):
    list_display = ("deskripsi", "skema", "urutan", "wajib")
    list_filter = ("skema", "wajib")
    search_fields = ("deskripsi",)
    list_select_related = ("skema",)


@admin.register(TUK)
class TUKAdmin(AuditedAdmin):
    list_display = ("kode", "nama", "jenis", "kota", "aktif")
    list_filter = ("jenis", "aktif")
    search_fields = ("kode", "nama", "kota")


@admin.register(HariLibur)
class HariLiburAdmin(AuditedAdmin):
    list_display = ("tanggal", "nama", "jenis", "diubah_oleh")
    list_filter = ("jenis",)
    search_fields = ("nama",)
    date_hierarchy = "tanggal"
    list_select_related = ("diubah_oleh",)
    readonly_fields = ("dibuat_oleh", "diubah_oleh")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.dibuat_oleh = request.user
        obj.diubah_oleh = request.user
        super().save_model(request, obj, form, change)


@admin.register(AuditLog)
class AuditLogAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "actor", "action", "object_repr", "from_state", "to_state")
    list_filter = ("action", "content_type")
    search_fields = ("action", "object_repr", "note", "actor__username", "actor__nama_lengkap")
    date_hierarchy = "created_at"
    list_select_related = ("actor", "content_type")



@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient", "subject", "status", "attempts", "claimed_at", "sent_at")
    list_filter = ("status",)
    search_fields = ("recipient", "subject", "key")
    readonly_fields = (
        "key", "recipient", "subject", "body", "status", "attempts", "last_error", "created_at", "claimed_at",
        "sent_at",
    )
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Kirim ulang notifikasi yang gagal"), permissions=["change"])
    def retry(self, request, queryset):
        failed = list(queryset.filter(status=Notification.Status.GAGAL))
        for notification in failed:
            notification_retry(notification=notification)
            audit_log(actor=request.user, action=AuditAction.NOTIFICATION_RETRY, obj=notification,
                      from_state=Notification.Status.GAGAL, to_state=Notification.Status.ANTRI)
        skipped = queryset.count() - len(failed)
        self.message_user(
            request,
            ngettext("%(n)d notifikasi masuk antrean lagi.", "%(n)d notifikasi masuk antrean lagi.", len(failed))
            % {"n": len(failed)},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request, _("%(n)d notifikasi dilewati karena tidak berstatus gagal.") % {"n": skipped}, messages.WARNING
            )
