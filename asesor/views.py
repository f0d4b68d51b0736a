"""Asesor pages. Thin: check the role, fetch through a scoped selector, call one service.

Admin LSP: the asesor registry (list with filters and export, detail, forms) and the diklat pages.
Asesor: "Profil asesor saya" — the same facts about themselves only."""

import csv
import io
import re

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView
from django.views.generic.edit import FormView

from lsp.access import RoleRequiredMixin
from lsp.pagination import LenientPaginationMixin
from lsp.privacy import personal_data
from lsp.roles import Role
from lsp.uploads import private_file_response
from lsp.views.base import AdminLspMixin, ServiceFormView

from . import domain, forms, selectors, services
from .filters import AsesorFilter


class AsesorObjectMixin:
    """``self.asesor`` from the URL's ``pk``, through the user's scoped queryset (else 404)."""

    def load(self, **kwargs):
        self.asesor = get_object_or_404(selectors.asesor_list_for_user(self.request.user), pk=kwargs["pk"])


class AsesorFormView(ServiceFormView):
    """The lsp form page with the asesor template; cancel goes back to the registry unless a page says
    otherwise."""

    template_name = "asesor/form.html"
    success_message = gettext_lazy("Tersimpan.")

    def get_cancel_url(self):
        return reverse("asesor:asesor-list")


# --- list, export, detail -----------------------------------------------------------------------


class AsesorFilteredMixin:
    def get_filterset(self):
        return AsesorFilter(
            self.request.GET or None,
            queryset=selectors.asesor_list_for_user(self.request.user),
            on_date=timezone.localdate(),
        )


class AsesorListView(AdminLspMixin, AsesorFilteredMixin, LenientPaginationMixin, ListView):
    template_name = "asesor/asesor_list.html"
    paginate_by = 25

    def get_queryset(self):
        self.filterset = self.get_filterset()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        ctx["rows"] = [(a, selectors.status_from_loaded(a, today)) for a in ctx["object_list"]]
        ctx["filter"] = self.filterset
        return ctx


EXPORT_HEADER = [
    gettext_lazy("Nomor registrasi"),
    gettext_lazy("Nama"),
    gettext_lazy("Email"),
    gettext_lazy("Telepon"),
    gettext_lazy("Master Asesor"),
    gettext_lazy("Nomor sertifikat"),
    gettext_lazy("Jenis sertifikat"),
    gettext_lazy("Tanggal terbit"),
    gettext_lazy("Berlaku sampai"),
    gettext_lazy("Status"),
    gettext_lazy("Sisa hari"),
    gettext_lazy("Jumlah asesmen"),
    gettext_lazy("Rekognisi"),
    gettext_lazy("Kompetensi teknis"),
]


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _safe_cell(value):
    """Text for a spreadsheet cell: no control characters (XLSX refuses them), and no leading = + - @
    (spreadsheet programs would run the cell as a formula: CSV/formula injection)."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        value = _CONTROL_CHARS.sub("", value)
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value
    return value


def export_rows(asesors, on_date):
    for a in asesors:
        st = selectors.status_from_loaded(a, on_date)
        cert = st.sertifikat
        yield [
            a.nomor_registrasi,
            str(a.user),
            a.user.email,
            a.telepon,
            _("Ya") if a.is_master else _("Tidak"),
            cert.nomor if cert else "",
            cert.get_jenis_display() if cert else "",
            cert.issued_on if cert else None,
            cert.valid_until if cert else None,
            st.status_label,
            st.sisa_hari,
            st.jumlah_asesmen if cert else None,
            st.rekognisi_label,
            "; ".join(str(k.skema.kode if k.skema_id else k.bidang) for k in a.kompetensi.all()),
        ]


@personal_data
class AsesorExportView(AdminLspMixin, AsesorFilteredMixin, View):
    def get(self, request, fmt):
        today = timezone.localdate()
        asesors = self.get_filterset().qs
        header = [str(h) for h in EXPORT_HEADER]
        filename = f"asesor-{today:%Y%m%d}"
        if fmt == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
            response.write("\ufeff")  # so Excel reads UTF-8
            writer = csv.writer(response)
            writer.writerow(header)
            for row in export_rows(asesors, today):
                writer.writerow(
                    ["" if v is None else (v.isoformat() if hasattr(v, "isoformat") else _safe_cell(v)) for v in row]
                )
            return response
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        ws.title = str(_("Asesor"))[:31]
        ws.append(header)
        for row in export_rows(asesors, today):
            ws.append([_safe_cell(v) for v in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for column in ("H", "I"):
            for cell in ws[column][1:]:
                cell.number_format = "DD-MM-YYYY"
        buffer = io.BytesIO()
        wb.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response


@personal_data
class AsesorDetailView(AsesorObjectMixin, AdminLspMixin, TemplateView):
    template_name = "asesor/asesor_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(asesor_context(self.asesor))
        return ctx


def asesor_context(asesor) -> dict:
    today = timezone.localdate()
    status = selectors.status_from_loaded(asesor, today)
    return {"asesor": asesor, "status": status, "today": today, **selectors.asesor_detail(asesor, status)}


class KelayakanView(AsesorObjectMixin, AdminLspMixin, FormView):
    """The scheduling guard in the browser: may this asesor be assigned to a skema on a date, and if
    not, why (certificate, technical competence, own assessment, conflict of interest)."""

    form_class = forms.KelayakanForm
    template_name = "asesor/kelayakan.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get_initial(self):
        return {"tanggal": timezone.localdate()}

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        ctx = self.get_context_data(form=form, asesor=self.asesor)
        if request.GET and form.is_valid():
            data = form.cleaned_data
            ctx["hasil"] = selectors.asesor_can_assess(
                asesor=self.asesor, skema=data["skema"], on_date=data["tanggal"], asesi_user=data["asesi"]
            )
            ctx["status_pada_tanggal"] = selectors.asesor_status_on(asesor=self.asesor, on_date=data["tanggal"])
        return self.render_to_response(ctx)

    http_method_names = ["get", "head", "options"]


@personal_data
class AsesorSayaView(RoleRequiredMixin, TemplateView):
    """The asesor's own page: status, certificates, competence and log — of themselves only."""

    roles = (Role.ASESOR,)
    template_name = "asesor/asesor_saya.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        asesor = selectors.asesor_own(self.request.user)
        if asesor is not None:
            ctx.update(asesor_context(asesor))
        return ctx


class DokumenView(RoleRequiredMixin, View):
    """Stream an uploaded document to someone allowed to see it (admin LSP, or the asesor it belongs to)."""

    roles = (Role.ADMIN_LSP, Role.ASESOR)

    def get(self, request, kind, pk):
        obj = get_object_or_404(selectors.dokumen_for_user(request.user, kind), pk=pk)
        return private_file_response(obj.dokumen, obj.dokumen_nama, obj.dokumen_mime)


# --- asesor forms -------------------------------------------------------------------------------


@personal_data
class AsesorCreateView(AsesorFormView):
    form_class = forms.AsesorCreateForm
    title = gettext_lazy("Tambah asesor")
    success_message = gettext_lazy("Asesor terdaftar.")

    def perform(self, form):
        data = form.cleaned_data
        return services.asesor_register(
            user=data["pengguna"],
            username=data["username"],
            nama_lengkap=data["nama_lengkap"],
            email=data["email"],
            nomor_registrasi=data["nomor_registrasi"],
            telepon=data["telepon"],
            alamat=data["alamat"],
            is_master=data["is_master"],
            by=self.request.user,
        )


@personal_data
class AsesorUpdateView(AsesorObjectMixin, AsesorFormView):
    form_class = forms.AsesorUpdateForm
    success_message = gettext_lazy("Data asesor diperbarui.")

    @property
    def title(self):
        return _("Ubah asesor %(nama)s") % {"nama": self.asesor.user}

    def get_initial(self):
        return {f: getattr(self.asesor, f) for f in ("nomor_registrasi", "telepon", "alamat", "is_master")}

    def get_cancel_url(self):
        return self.asesor.get_absolute_url()

    def perform(self, form):
        return services.asesor_update(asesor=self.asesor, by=self.request.user, **form.cleaned_data)


class AsesorChildFormView(AsesorObjectMixin, AsesorFormView):
    def get_cancel_url(self):
        return self.asesor.get_absolute_url()

    def get_success_url(self):
        return self.asesor.get_absolute_url()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["asesor"] = self.asesor
        return ctx


class SertifikatCreateView(AsesorChildFormView):
    form_class = forms.SertifikatForm
    success_message = gettext_lazy("Sertifikat asesor dicatat.")
    intro = gettext_lazy(
        "Sertifikat dari diklat dan uji kompetensi: 'awal' untuk yang pertama, 'ulang' setelah asesor mengulang "
        "seluruh proses. Masa berlaku dihitung otomatis: 3 tahun sejak tanggal terbit."
    )

    @property
    def title(self):
        return _("Catat sertifikat asesor — %(nama)s") % {"nama": self.asesor.user}

    def get_initial(self):
        jenis = domain.JenisSertifikat.ULANG if self.asesor.sertifikat.exists() else domain.JenisSertifikat.AWAL
        return {"jenis": jenis}

    def perform(self, form):
        return services.sertifikat_asesor_record(asesor=self.asesor, by=self.request.user, **form.cleaned_data)


class RekognisiCreateView(AsesorChildFormView):
    form_class = forms.RekognisiForm
    template_name = "asesor/rekognisi_form.html"
    submit_label = gettext_lazy("Catat rekognisi")
    success_message = gettext_lazy("Rekognisi dicatat; sertifikat baru berlaku sehari setelah yang lama berakhir.")

    @property
    def title(self):
        return _("Rekognisi (RCC) — %(nama)s") % {"nama": self.asesor.user}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["status"] = selectors.asesor_status_on(asesor=self.asesor, on_date=timezone.localdate())
        return ctx

    def perform(self, form):
        return services.asesor_recognize(asesor=self.asesor, by=self.request.user, **form.cleaned_data)


KOMPETENSI_FIELDS = ("skema", "bidang", "nomor_sertifikat", "penerbit", "issued_on", "valid_until", "dokumen")


class KompetensiCreateView(AsesorChildFormView):
    form_class = forms.KompetensiForm
    success_message = gettext_lazy("Kompetensi teknis dicatat.")

    @property
    def title(self):
        return _("Tambah kompetensi teknis — %(nama)s") % {"nama": self.asesor.user}

    def perform(self, form):
        return services.kompetensi_add(asesor=self.asesor, by=self.request.user, **form.cleaned_data)


class KompetensiUpdateView(AsesorFormView):
    form_class = forms.KompetensiForm
    success_message = gettext_lazy("Kompetensi teknis diperbarui.")

    def load(self, **kwargs):
        self.kompetensi = get_object_or_404(selectors.kompetensi_for_user(self.request.user), pk=kwargs["pk"])

    @property
    def title(self):
        return _("Ubah kompetensi teknis — %(nama)s") % {"nama": self.kompetensi.asesor.user}

    def get_initial(self):
        k = self.kompetensi
        return {f: getattr(k, f) for f in KOMPETENSI_FIELDS if f != "dokumen"}

    def get_cancel_url(self):
        return self.kompetensi.asesor.get_absolute_url()

    def get_success_url(self):
        return self.object.asesor.get_absolute_url()

    def perform(self, form):
        return services.kompetensi_update(kompetensi=self.kompetensi, by=self.request.user, **form.cleaned_data)


class RiwayatCreateView(AsesorChildFormView):
    form_class = forms.RiwayatEksternalForm
    success_message = gettext_lazy("Asesmen eksternal dicatat dan menunggu verifikasi.")
    intro = gettext_lazy(
        "Asesmen yang dilakukan asesor untuk LSP lain, dengan buktinya. Entri baru dihitung untuk rekognisi "
        "setelah bukti diverifikasi admin LSP."
    )

    @property
    def title(self):
        return _("Catat asesmen eksternal — %(nama)s") % {"nama": self.asesor.user}

    def perform(self, form):
        return services.riwayat_eksternal_add(asesor=self.asesor, by=self.request.user, **form.cleaned_data)


class RiwayatVerifyView(AsesorFormView):
    form_class = forms.RiwayatVerifyForm
    template_name = "asesor/riwayat_verify.html"
    submit_label = gettext_lazy("Simpan keputusan")
    success_message = gettext_lazy("Verifikasi disimpan.")
    title = gettext_lazy("Verifikasi asesmen eksternal")

    def load(self, **kwargs):
        self.riwayat = get_object_or_404(selectors.riwayat_for_user(self.request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["riwayat"] = self.riwayat
        return ctx

    def get_cancel_url(self):
        return self.riwayat.asesor.get_absolute_url()

    def get_success_url(self):
        return self.object.asesor.get_absolute_url()

    def perform(self, form):
        data = form.cleaned_data
        return services.riwayat_verify(
            riwayat=self.riwayat, terima=data["keputusan"] == "terima", catatan=data["catatan"], by=self.request.user
        )


class KonflikCreateView(AsesorChildFormView):
    form_class = forms.KonflikForm
    success_message = gettext_lazy("Konflik kepentingan dicatat.")
    intro = gettext_lazy("Asesor tidak akan dapat ditugaskan menilai orang ini (ISO/IEC 17024 §4.3).")

    @property
    def title(self):
        return _("Catat konflik kepentingan — %(nama)s") % {"nama": self.asesor.user}

    def perform(self, form):
        return services.konflik_declare(asesor=self.asesor, by=self.request.user, **form.cleaned_data)


# --- diklat -------------------------------------------------------------------------------------


class DiklatListView(AdminLspMixin, LenientPaginationMixin, ListView):
    template_name = "asesor/diklat_list.html"
    paginate_by = 25

    def get_queryset(self):
        return selectors.diklat_for_user(self.request.user)


class DiklatObjectMixin:
    def load(self, **kwargs):
        self.diklat = get_object_or_404(selectors.diklat_for_user(self.request.user), pk=kwargs["pk"])


class DiklatDetailView(DiklatObjectMixin, AdminLspMixin, TemplateView):
    template_name = "asesor/diklat_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            diklat=self.diklat,
            peserta=selectors.diklat_peserta(self.diklat),
            form=forms.PesertaAddForm(),
            HasilPeserta=domain.HasilPeserta,
        )
        return ctx


DIKLAT_FIELDS = ("nama", "skema", "tanggal_mulai", "tanggal_selesai", "tuk", "tempat", "master_asesor", "keterangan")


class DiklatCreateView(AsesorFormView):
    form_class = forms.DiklatForm
    title = gettext_lazy("Diklat asesor baru")
    success_message = gettext_lazy("Diklat dibuat.")

    def get_cancel_url(self):
        return reverse("asesor:diklat-list")

    def perform(self, form):
        return services.diklat_create(by=self.request.user, **form.cleaned_data)


class DiklatUpdateView(DiklatObjectMixin, AsesorFormView):
    form_class = forms.DiklatForm
    success_message = gettext_lazy("Diklat diperbarui.")

    @property
    def title(self):
        return _("Ubah diklat %(nama)s") % {"nama": self.diklat.nama}

    def get_initial(self):
        return {f: getattr(self.diklat, f) for f in DIKLAT_FIELDS}

    def get_cancel_url(self):
        return self.diklat.get_absolute_url()

    def perform(self, form):
        return services.diklat_update(diklat=self.diklat, by=self.request.user, **form.cleaned_data)


class PesertaCreateView(DiklatObjectMixin, AsesorFormView):
    form_class = forms.PesertaAddForm
    submit_label = gettext_lazy("Tambah peserta")
    success_message = gettext_lazy("Peserta ditambahkan.")

    @property
    def title(self):
        return _("Tambah peserta — %(nama)s") % {"nama": self.diklat.nama}

    def get_cancel_url(self):
        return self.diklat.get_absolute_url()

    def get_success_url(self):
        return self.diklat.get_absolute_url()

    def perform(self, form):
        return services.diklat_peserta_add(diklat=self.diklat, user=form.cleaned_data["user"], by=self.request.user)


class PesertaObjectMixin:
    def load(self, **kwargs):
        self.peserta = get_object_or_404(selectors.peserta_diklat_for_user(self.request.user), pk=kwargs["pk"])

    def get_cancel_url(self):
        return self.peserta.diklat.get_absolute_url()

    def get_success_url(self):
        return self.peserta.diklat.get_absolute_url()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["peserta"] = self.peserta
        return ctx


class PesertaHasilView(PesertaObjectMixin, AsesorFormView):
    form_class = forms.PesertaHasilForm
    success_message = gettext_lazy("Hasil peserta disimpan.")

    @property
    def title(self):
        return _("Hasil peserta %(nama)s") % {"nama": self.peserta.user}

    def perform(self, form):
        return services.diklat_peserta_set_hasil(peserta=self.peserta, by=self.request.user, **form.cleaned_data)


class PesertaKompetenView(PesertaObjectMixin, AsesorFormView):
    form_class = forms.PesertaKompetenForm
    submit_label = gettext_lazy("Nyatakan kompeten")
    success_message = gettext_lazy("Peserta dinyatakan kompeten dan terdaftar sebagai asesor.")
    intro = gettext_lazy(
        "Keputusan LSP setelah uji kompetensi dinilai Master Asesor: peserta menjadi asesor dengan sertifikat "
        "pertamanya (berlaku 3 tahun) dan mendapat peran asesor."
    )

    @property
    def title(self):
        return _("Nyatakan kompeten — %(nama)s") % {"nama": self.peserta.user}

    def get_initial(self):
        profile = getattr(self.peserta.user, "asesor_profile", None)
        return {"nomor_registrasi": profile.nomor_registrasi if profile else ""}

    def perform(self, form):
        return services.diklat_peserta_declare_kompeten(peserta=self.peserta, by=self.request.user, **form.cleaned_data)
