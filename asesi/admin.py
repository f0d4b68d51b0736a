"""Django admin for the asesi records (admin LSP only, by group permissions).

Status is read-only here: it changes only through ``asesi.services.permohonan_transition``. Personal
data is masked in lists; opening a profile records a view in the audit trail like the app pages do.
Documents are downloaded through the app's authorised view, never a media URL."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lsp.admin import ReadOnlyAdmin

from . import domain
from .models import (
    AsesiProfile,
    AsesmenMandiri,
    Dokumen,
    Permohonan,
    PermohonanPersyaratan,
    PermohonanRiwayat,
    PermohonanUnit,
)
from .selectors import asesi_pii_visible
from .services import asesi_profile_view_record


@admin.register(AsesiProfile)
class AsesiProfileAdmin(admin.ModelAdmin):
    list_display = ["__str__", "nik_tersamar", "user", "email_dikonfirmasi_pada", "created_at"]
    search_fields = ["user__nama_lengkap", "user__username", "user__email", "=nik"]
    list_select_related = ["user"]
    # Changes go through the app (asesi:asesi-update → asesi_profile_save) so they are validated and audited.
    FIELDS = [f.name for f in AsesiProfile._meta.concrete_fields if f.name != "id"]
    MASKED = {"nik": "nik_tersamar", "tanggal_lahir": "tanggal_lahir_tersamar", "alamat": "alamat_tersamar"}
    readonly_fields = FIELDS + list(MASKED.values())

    @admin.display(description=_("NIK"))
    def nik_tersamar(self, obj):
        return domain.mask_nik(obj.nik)

    @admin.display(description=_("tanggal lahir"))
    def tanggal_lahir_tersamar(self, obj):
        return domain.mask_tanggal(obj.tanggal_lahir)

    @admin.display(description=_("alamat rumah"))
    def alamat_tersamar(self, obj):
        return domain.mask_alamat(obj.alamat)

    def get_fields(self, request, obj=None):
        if obj is not None and asesi_pii_visible(request.user, obj):
            return self.FIELDS
        return [self.MASKED.get(f, f) for f in self.FIELDS]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        profil = self.get_object(request, object_id)
        if profil is not None and asesi_pii_visible(request.user, profil):
            asesi_profile_view_record(profile=profil, by=request.user, via="django-admin")
        return super().change_view(request, object_id, form_url, extra_context)

    def has_add_permission(self, request):
        return False  # accounts and profiles are created by asesi_register (app pages)


class PermohonanUnitInline(admin.TabularInline):
    model = PermohonanUnit
    extra = 0
    fields = ["urutan", "kode", "judul"]
    readonly_fields = fields
    can_delete = False


class PermohonanPersyaratanInline(admin.TabularInline):
    model = PermohonanPersyaratan
    extra = 0
    fields = ["urutan", "deskripsi", "wajib", "hasil", "catatan", "diverifikasi_oleh", "diverifikasi_pada"]
    readonly_fields = fields
    can_delete = False


class PermohonanRiwayatInline(admin.TabularInline):
    model = PermohonanRiwayat
    extra = 0
    fields = ["created_at", "dari", "ke", "oleh", "catatan"]
    readonly_fields = fields
    can_delete = False


@admin.register(Permohonan)
class PermohonanAdmin(admin.ModelAdmin):
    list_display = ["nomor", "asesi", "skema", "tujuan", "status", "diajukan_pada"]
    list_filter = ["status", "skema", "tujuan"]
    list_select_related = ["asesi__user", "skema"]
    search_fields = ["asesi__user__nama_lengkap", "asesi__user__username", "skema__kode"]
    readonly_fields = ["asesi", "skema", "status", "diajukan_pada", "data_pemohon", "created_at", "updated_at"]
    fields = ["asesi", "skema", "tujuan", "tujuan_lainnya", "status", "diajukan_pada", "created_at", "updated_at"]
    inlines = [PermohonanUnitInline, PermohonanPersyaratanInline, PermohonanRiwayatInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Dokumen)
class DokumenAdmin(admin.ModelAdmin):
    list_display = ["nama_asli", "permohonan", "persyaratan", "mime", "ukuran", "created_at", "unduh"]
    list_select_related = ["permohonan__skema", "persyaratan"]
    fields = ["permohonan", "persyaratan", "nama_asli", "mime", "ukuran", "keterangan", "diunggah_oleh", "created_at",
              "unduh"]
    readonly_fields = fields

    @admin.display(description=_("berkas"))
    def unduh(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("asesi:dokumen-download", args=[obj.pk]), _("unduh"))

    def has_add_permission(self, request):
        return False


@admin.register(AsesmenMandiri)
class AsesmenMandiriAdmin(admin.ModelAdmin):
    list_display = ["__str__", "jawaban"]
    list_select_related = ["permohonan_unit"]
    list_filter = ["jawaban"]
    fields = ["permohonan_unit", "urutan", "elemen_nama", "jawaban", "bukti", "bukti_catatan"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


@admin.register(PermohonanRiwayat)
class PermohonanRiwayatAdmin(ReadOnlyAdmin):
    list_display = ["permohonan", "dari", "ke", "oleh", "created_at"]
    list_select_related = ["permohonan__skema", "oleh"]
    list_filter = ["ke"]
    readonly_fields = ["permohonan", "dari", "ke", "oleh", "catatan", "created_at"]

