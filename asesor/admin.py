"""Django admin for asesor records (for LSP staff who need the raw view). Day-to-day work goes through
the asesor pages, whose services write the audit trail; edits here bypass those rules, so the
computed and logged fields are read-only."""

from django.contrib import admin

from .models import (
    AsesorProfile,
    BuktiRekognisi,
    Diklat,
    KompetensiTeknis,
    KonflikKepentingan,
    PengajuanRekognisi,
    PesertaDiklat,
    RiwayatAsesmen,
    SertifikatAsesor,
)


class SertifikatInline(admin.TabularInline):
    model = SertifikatAsesor
    extra = 0
    fields = ("nomor", "jenis", "issued_on", "valid_until")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # add on the certificate's own admin page, which computes valid_until


class KompetensiInline(admin.TabularInline):
    model = KompetensiTeknis
    extra = 0
    fields = ("skema", "bidang", "nomor_sertifikat", "penerbit", "issued_on", "valid_until")
    raw_id_fields = ("skema",)


@admin.register(AsesorProfile)
class AsesorProfileAdmin(admin.ModelAdmin):
    list_display = ("nomor_registrasi", "user", "is_master", "telepon")
    list_filter = ("is_master",)
    search_fields = ("nomor_registrasi", "user__username", "user__nama_lengkap", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    inlines = [SertifikatInline, KompetensiInline]


@admin.register(SertifikatAsesor)
class SertifikatAsesorAdmin(admin.ModelAdmin):
    list_display = ("nomor", "asesor", "jenis", "issued_on", "valid_until")
    list_filter = ("jenis",)
    search_fields = ("nomor", "asesor__nomor_registrasi", "asesor__user__nama_lengkap")
    list_select_related = ("asesor__user",)
    readonly_fields = ("valid_until", "created_at", "created_by")
    raw_id_fields = ("asesor",)
    date_hierarchy = "valid_until"

    def save_model(self, request, obj, form, change):
        from .domain import sertifikat_valid_until

        obj.valid_until = sertifikat_valid_until(obj.issued_on)
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(KompetensiTeknis)
class KompetensiTeknisAdmin(admin.ModelAdmin):
    list_display = ("asesor", "skema", "bidang", "nomor_sertifikat", "issued_on", "valid_until")
    search_fields = ("nomor_sertifikat", "asesor__nomor_registrasi", "asesor__user__nama_lengkap", "bidang")
    list_select_related = ("asesor__user", "skema")
    raw_id_fields = ("asesor",)


@admin.register(RiwayatAsesmen)
class RiwayatAsesmenAdmin(admin.ModelAdmin):
    list_display = ("tanggal", "asesor", "sumber", "skema", "skema_nama", "jumlah_asesi", "status")
    list_filter = ("sumber", "status")
    search_fields = ("asesor__nomor_registrasi", "asesor__user__nama_lengkap", "nama_lsp", "sumber_ref")
    list_select_related = ("asesor__user", "skema")
    readonly_fields = ("sumber_ref", "verified_by", "verified_at", "created_at", "created_by")
    raw_id_fields = ("asesor",)
    date_hierarchy = "tanggal"


@admin.register(KonflikKepentingan)
class KonflikKepentinganAdmin(admin.ModelAdmin):
    list_display = ("asesor", "pihak", "declared_at", "declared_by")
    search_fields = ("asesor__nomor_registrasi", "asesor__user__nama_lengkap", "pihak__username")
    list_select_related = ("asesor__user", "pihak", "declared_by")
    raw_id_fields = ("asesor", "pihak")
    readonly_fields = ("declared_at", "declared_by")


class PesertaInline(admin.TabularInline):
    model = PesertaDiklat
    extra = 0
    fields = ("user", "hasil", "asesor", "catatan")
    readonly_fields = ("asesor",)
    raw_id_fields = ("user",)


@admin.register(Diklat)
class DiklatAdmin(admin.ModelAdmin):
    list_display = ("nama", "tanggal_mulai", "tanggal_selesai", "master_asesor")
    search_fields = ("nama",)
    list_select_related = ("master_asesor__user",)
    raw_id_fields = ("master_asesor",)
    inlines = [PesertaInline]


@admin.register(PesertaDiklat)
class PesertaDiklatAdmin(admin.ModelAdmin):
    list_display = ("user", "diklat", "hasil")
    list_filter = ("hasil",)
    search_fields = ("user__username", "user__nama_lengkap", "diklat__nama")
    list_select_related = ("user", "diklat")
    raw_id_fields = ("user", "diklat", "asesor")


class BuktiRekognisiInline(admin.TabularInline):
    model = BuktiRekognisi
    extra = 0
    fields = ("dokumen_nama", "dokumen_mime", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # evidence comes with the asesor's request, checked by its bytes


@admin.register(PengajuanRekognisi)
class PengajuanRekognisiAdmin(admin.ModelAdmin):
    """Read-only: requests are decided on the asesor pages (``services.pengajuan_rekognisi_decide``), which
    record the certificate and write the audit trail."""

    list_display = ("asesor", "sertifikat", "status", "diajukan_pada", "diputuskan_pada")
    list_filter = ("status",)
    search_fields = ("asesor__nomor_registrasi", "asesor__user__nama_lengkap")
    list_select_related = ("asesor__user", "sertifikat")
    inlines = [BuktiRekognisiInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
