"""Thin views: check role, fetch through a scoped selector (a guessed id answers 404), call one service."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django_filters.views import FilterView

from lsp.access import RoleRequiredMixin, role_required, user_has_role
from lsp.pagination import LenientPaginationMixin
from lsp.privacy import personal_data
from lsp.roles import Role
from lsp.throttle import email_throttle
from lsp.uploads import private_file_response

from . import domain, selectors, services
from .domain import APL01_EDITABLE, APL02_EDITABLE, LANGKAH_BERIKUTNYA, Status
from .filters import PermohonanFilter
from .forms import (
    Apl02Form,
    AsesiAdminForm,
    AsesiCariForm,
    AsesiImportForm,
    DokumenUploadForm,
    PermohonanCreateForm,
    PermohonanUpdateForm,
    ProfilForm,
    RegistrasiForm,
    VerifikasiForm,
)
from .imports import asesi_import_parse, template_xlsx

# Room for the multipart envelope and the other form fields around one uploaded file.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def _add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _profile_save(form, *, user, by):
    """Save a valid ProfilForm through the service (the asesi's own page and the admin's edit page)."""
    return services.asesi_profile_save(
        user=user,
        nama_lengkap=form.cleaned_data["nama_lengkap"],
        email=form.cleaned_data["email"],
        profile=form.profile_data(),
        by=by,
    )


def _message_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- public: registration, email confirmation, activation --------------------------------------------


class DaftarView(FormView):
    """Public "Daftar sebagai asesi"."""

    form_class = RegistrasiForm
    template_name = "asesi/daftar.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("home")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            email_throttle("registration", request=self.request, account=form.cleaned_data["email"])
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        try:
            profil = services.asesi_register(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                nama_lengkap=form.cleaned_data["nama_lengkap"],
                password=form.cleaned_data["password1"],
                profile=form.profile_data(),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "password" in exc.error_dict:
                exc.error_dict["password1"] = exc.error_dict.pop("password")  # the service's name for it
            _add_errors(form, exc)
            return self.form_invalid(form)
        login(self.request, profil.user, backend="lsp.auth.EmailOrUsernameBackend")
        messages.success(
            self.request,
            _(
                "Pendaftaran berhasil. Kami mengirim tautan konfirmasi ke %(email)s; konfirmasi email Anda "
                "sebelum mengajukan permohonan."
            )
            % {"email": profil.email},
        )
        return redirect("asesi:permohonan-list")


def email_confirm(request, token):
    try:
        profil = services.asesi_email_confirm(token=token)
    except ValidationError as exc:
        return render(request, "asesi/email_konfirmasi.html", {"ok": False, "pesan": exc.messages[0]}, status=400)
    return render(request, "asesi/email_konfirmasi.html", {"ok": True, "profil": profil})


@role_required(Role.ASESI)
def email_resend(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    profil = selectors.asesi_profile_get(request.user)
    if profil is None:
        return redirect("asesi:profil")
    if profil.email_dikonfirmasi:
        messages.info(request, _("Email Anda sudah dikonfirmasi."))
        return redirect("asesi:permohonan-list")
    try:
        email_throttle("email-confirm", request=request, account=request.user.pk)
    except ValidationError as exc:
        _message_errors(request, exc)
        return redirect("asesi:permohonan-list")
    services.asesi_email_confirmation_send(profile=profil)
    messages.success(request, _("Tautan konfirmasi baru dikirim ke %(email)s.") % {"email": profil.email})
    return redirect("asesi:permohonan-list")


class AktivasiView(auth_views.PasswordResetConfirmView):
    """An asesi registered by admin LSP chooses a password from the emailed link (confirms the email)."""

    template_name = "asesi/aktivasi.html"
    success_url = reverse_lazy("login")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        if user is not None and not hasattr(user, "asesi_profile"):
            return None
        return user

    def form_valid(self, form):
        try:
            services.asesi_activate(user=self.user, password=form.cleaned_data["new_password1"])
        except ValidationError as exc:
            form.add_error("new_password1", exc)
            return self.form_invalid(form)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, _("Akun aktif. Silakan masuk dengan kata sandi baru Anda."))
        return redirect(self.success_url)


# --- asesi: profile ----------------------------------------------------------------------------------


@personal_data
class ProfilView(RoleRequiredMixin, FormView):
    roles = (Role.ASESI,)
    form_class = ProfilForm
    template_name = "asesi/profil_form.html"

    @cached_property
    def profil(self):
        return selectors.asesi_profile_get(self.request.user)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.profil
        kwargs["user"] = self.request.user
        kwargs["nik_locked"] = bool(self.profil and services.asesi_identity_locked(self.profil))
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(profil=self.profil, **kwargs)

    def form_valid(self, form):
        try:
            if form.cleaned_data["email"].strip().lower() != (self.request.user.email or "").lower():
                # a new address gets a confirmation email: the same limit as "kirim ulang"
                email_throttle("email-confirm", request=self.request, account=self.request.user.pk)
            profil = _profile_save(form, user=self.request.user, by=self.request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Profil tersimpan."))
        if not profil.email_dikonfirmasi:
            messages.info(self.request, _("Kami mengirim tautan konfirmasi ke %(email)s.") % {"email": profil.email})
        return redirect("asesi:profil")


# --- asesi: permohonan (FR.APL.01) --------------------------------------------------------------------


class PermohonanListView(RoleRequiredMixin, ListView):
    """The asesi's status page: every application with its timeline and next step."""

    roles = (Role.ASESI,)
    template_name = "asesi/permohonan_list.html"
    context_object_name = "permohonan_list"

    def get_queryset(self):
        return selectors.permohonan_for_owner(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profil"] = selectors.asesi_profile_get(self.request.user)
        context["items"] = [
            {"p": p, "timeline": domain.timeline(p.status), "langkah": LANGKAH_BERIKUTNYA[p.status]}
            for p in context["permohonan_list"]
        ]
        return context


class PermohonanCreateView(RoleRequiredMixin, FormView):
    roles = (Role.ASESI,)
    form_class = PermohonanCreateForm
    template_name = "asesi/permohonan_create.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and user_has_role(request.user, Role.ASESI):
            self.profil = selectors.asesi_profile_get(request.user)
            if self.profil is None:
                messages.warning(request, domain.MESSAGES["profile_missing"])
                return redirect("asesi:profil")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(skema_list=selectors.skema_for_application(), **kwargs)

    def form_valid(self, form):
        try:
            permohonan = services.permohonan_create(
                asesi=self.profil,
                skema=form.cleaned_data["skema"],
                tujuan=form.cleaned_data["tujuan"],
                tujuan_lainnya=form.cleaned_data["tujuan_lainnya"],
                by=self.request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Draf permohonan dibuat. Unggah dokumen persyaratan, lalu ajukan."))
        return redirect(permohonan)


class OwnPermohonanMixin(RoleRequiredMixin):
    roles = (Role.ASESI,)

    def get_permohonan(self, qs=None):
        qs = qs if qs is not None else selectors.permohonan_for_owner(self.request.user)
        return get_object_or_404(qs, pk=self.kwargs["pk"])


@personal_data
class PermohonanDetailView(OwnPermohonanMixin, TemplateView):
    template_name = "asesi/permohonan_detail.html"

    def get_context_data(self, **kwargs):
        permohonan = self.get_permohonan(
            selectors.permohonan_with_details(selectors.permohonan_for_owner(self.request.user))
        )
        editable = permohonan.status in APL01_EDITABLE
        return super().get_context_data(
            permohonan=permohonan,
            editable=editable,
            apl02_editable=permohonan.status in APL02_EDITABLE,
            upload_form=DokumenUploadForm(permohonan=permohonan) if editable else None,
            portofolio=[d for d in permohonan.dokumen.all() if d.is_portofolio],
            timeline=domain.timeline(permohonan.status),
            langkah=LANGKAH_BERIKUTNYA[permohonan.status],
            apl02=selectors.asesmen_mandiri_progress(permohonan),
            can_delete=permohonan.status == Status.DRAFT and permohonan.diajukan_pada is None,
            max_upload=filesizeformat(settings.LSP_UPLOAD_MAX_BYTES),
            **kwargs,
        )


class PermohonanUpdateView(OwnPermohonanMixin, FormView):
    template_name = "asesi/permohonan_update.html"
    form_class = PermohonanUpdateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "permohonan": self.permohonan}

    def get(self, request, *args, **kwargs):
        self.permohonan = self.get_permohonan()
        if self.permohonan.status not in APL01_EDITABLE:
            messages.error(request, domain.MESSAGES["permohonan_locked"])
            return redirect(self.permohonan)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.permohonan = self.get_permohonan()
        if self.permohonan.status not in APL01_EDITABLE:
            messages.error(request, domain.MESSAGES["permohonan_locked"])
            return redirect(self.permohonan)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(permohonan=self.permohonan, **kwargs)

    def form_valid(self, form):
        try:
            services.permohonan_update(
                permohonan=self.permohonan,
                tujuan=form.cleaned_data["tujuan"],
                tujuan_lainnya=form.cleaned_data["tujuan_lainnya"],
                unit_ids=form.cleaned_data["units"],
                by=self.request.user,
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "permohonan_locked":
                messages.error(self.request, exc.messages[0])
                return redirect(self.permohonan)
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Permohonan tersimpan."))
        return redirect(self.permohonan)


class PermohonanSubmitView(OwnPermohonanMixin, View):
    def post(self, request, pk):
        permohonan = self.get_permohonan()
        was = permohonan.status
        try:
            services.permohonan_submit(permohonan=permohonan, by=request.user)
        except ValidationError as exc:
            if getattr(exc, "code", None) == "transition_not_allowed" and was == Status.DIAJUKAN:
                messages.info(request, _("Permohonan ini sudah diajukan."))
            else:
                _message_errors(request, exc)
            return redirect(permohonan)
        messages.success(request, _("Permohonan diajukan. Admin LSP akan memverifikasinya."))
        return redirect(permohonan)


class PermohonanDeleteView(OwnPermohonanMixin, View):
    def post(self, request, pk):
        permohonan = self.get_permohonan()
        try:
            services.permohonan_delete(permohonan=permohonan, by=request.user)
        except ValidationError as exc:
            _message_errors(request, exc)
            return redirect(permohonan)
        messages.success(request, _("Draf permohonan dihapus."))
        return redirect("asesi:permohonan-list")


def _content_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


@csrf_exempt  # checked below, after the size check, so an oversized body is never read
def dokumen_upload(request, pk):
    """Upload one document. A request whose declared size is over the limit is refused before Django
    reads (and spools to disk) the body; the CSRF check then runs as usual for the rest."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("asesi:permohonan-detail", args=[pk]))
    if not user_has_role(request.user, Role.ASESI):
        raise PermissionDenied
    permohonan = get_object_or_404(selectors.permohonan_for_owner(request.user), pk=pk)
    limit = settings.LSP_UPLOAD_MAX_BYTES
    if _content_length(request) > limit + MULTIPART_OVERHEAD_BYTES:
        messages.error(
            request,
            _("Ukuran berkas %(size)s melebihi batas %(limit)s.")
            % {"size": filesizeformat(_content_length(request)), "limit": filesizeformat(limit)},
        )
        return redirect(permohonan)
    return _dokumen_upload(request, permohonan)


@csrf_protect
def _dokumen_upload(request, permohonan):
    form = DokumenUploadForm(request.POST, request.FILES, permohonan=permohonan)
    if form.is_valid():
        persyaratan_id = form.cleaned_data["persyaratan"]
        persyaratan = permohonan.persyaratan.filter(pk=persyaratan_id).first() if persyaratan_id else None
        try:
            dokumen = services.dokumen_upload(
                permohonan=permohonan,
                berkas=form.cleaned_data["berkas"],
                persyaratan=persyaratan,
                keterangan=form.cleaned_data["keterangan"],
                by=request.user,
            )
        except ValidationError as exc:
            _message_errors(request, exc)
        else:
            messages.success(request, _("Dokumen “%(nama)s” diunggah.") % {"nama": dokumen.nama_asli})
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(permohonan)


class DokumenDeleteView(RoleRequiredMixin, View):
    roles = (Role.ASESI,)

    def post(self, request, pk):
        dokumen = get_object_or_404(
            selectors.dokumen_visible_to(request.user).filter(permohonan__asesi__user=request.user), pk=pk
        )
        try:
            services.dokumen_delete(dokumen=dokumen, by=request.user)
        except ValidationError as exc:
            _message_errors(request, exc)
        else:
            messages.success(request, _("Dokumen dihapus."))
        return redirect(dokumen.permohonan)


def dokumen_download(request, pk):
    """Stream a document to its owner or admin LSP (see ``selectors.dokumen_visible_to``); 404 otherwise."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    dokumen = get_object_or_404(selectors.dokumen_visible_to(request.user), pk=pk)
    if dokumen.permohonan.asesi.user_id != request.user.pk:
        services.asesi_profile_view_record(profile=dokumen.permohonan.asesi, by=request.user, via="dokumen")
    return private_file_response(dokumen.berkas, dokumen.nama_asli, dokumen.mime)


class AsesmenMandiriView(OwnPermohonanMixin, TemplateView):
    """FR.APL.02: per unit and element K / BK with evidence; editable until the asesi is scheduled."""

    template_name = "asesi/asesmen_mandiri.html"

    def get_form(self, permohonan, data=None):
        return Apl02Form(
            data,
            rows=selectors.asesmen_mandiri_rows(permohonan),
            dokumen=list(permohonan.dokumen.all()),
            disabled=permohonan.status not in APL02_EDITABLE,
        )

    def get(self, request, pk):
        permohonan = self.get_permohonan()
        return self.render_to_response(self.get_context_data(permohonan=permohonan, form=self.get_form(permohonan)))

    def post(self, request, pk):
        permohonan = self.get_permohonan()
        form = self.get_form(permohonan, request.POST)
        if form.is_valid():
            try:
                services.asesmen_mandiri_save(permohonan=permohonan, answers=form.answers(), by=request.user)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Asesmen mandiri tersimpan."))
                return redirect("asesi:asesmen-mandiri", pk=permohonan.pk)
        return self.render_to_response(self.get_context_data(permohonan=permohonan, form=form), status=400)

    def get_context_data(self, **kwargs):
        permohonan = kwargs["permohonan"]
        return super().get_context_data(
            editable=permohonan.status in APL02_EDITABLE,
            progress=selectors.asesmen_mandiri_progress(permohonan),
            **kwargs,
        )


# --- admin LSP: verification -------------------------------------------------------------------------


class VerifikasiListView(RoleRequiredMixin, LenientPaginationMixin, FilterView):
    roles = (Role.ADMIN_LSP,)
    filterset_class = PermohonanFilter
    template_name = "asesi/verifikasi_list.html"
    paginate_by = 25
    context_object_name = "permohonan_list"

    def get_queryset(self):
        return selectors.permohonan_queue(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if not self.request.GET:
            kwargs["data"] = {"status": Status.DIAJUKAN}  # the queue: waiting for verification
        return kwargs



@personal_data
class VerifikasiDetailView(RoleRequiredMixin, TemplateView):
    """The full FR.APL.01 (personal data in full: the view is recorded), documents, APL.02, the
    per-requirement check and the decision."""

    roles = (Role.ADMIN_LSP,)
    template_name = "asesi/verifikasi_detail.html"

    def get_permohonan(self):
        qs = selectors.permohonan_with_details(selectors.permohonan_for_admin(self.request.user))
        return get_object_or_404(qs, pk=self.kwargs["pk"])

    def get_form(self, permohonan, data=None):
        if permohonan.status != Status.DIAJUKAN:
            return None
        return VerifikasiForm(data, persyaratan=permohonan.persyaratan.all())

    def get(self, request, pk):
        permohonan = self.get_permohonan()
        return self.render_to_response(self.get_context_data(permohonan=permohonan, form=self.get_form(permohonan)))

    def post(self, request, pk):
        permohonan = self.get_permohonan()
        form = self.get_form(permohonan, request.POST)
        if form is None:
            messages.error(request, _("Permohonan ini tidak sedang menunggu verifikasi."))
            return redirect("asesi:verifikasi-detail", pk=permohonan.pk)
        if form.is_valid():
            try:
                services.permohonan_verify(
                    permohonan=permohonan,
                    hasil=form.hasil(),
                    keputusan=form.cleaned_data["keputusan"],
                    catatan=form.cleaned_data["catatan"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(
                    request,
                    _("Permohonan %(nomor)s: %(status)s.")
                    % {"nomor": permohonan.nomor, "status": permohonan.get_status_display()},
                )
                return redirect("asesi:verifikasi-list")
        return self.render_to_response(self.get_context_data(permohonan=permohonan, form=form), status=400)

    def get_context_data(self, **kwargs):
        permohonan = kwargs["permohonan"]
        # every page showing the full personal data is recorded (UU PDP)
        services.asesi_profile_view_record(profile=permohonan.asesi, by=self.request.user, via="verifikasi")
        return super().get_context_data(
            data=_data_pemohon_rows(permohonan.data_pemohon or permohonan.asesi.data_pribadi()),
            portofolio=[d for d in permohonan.dokumen.all() if d.is_portofolio],
            apl02_rows=selectors.asesmen_mandiri_rows(permohonan),
            apl02=selectors.asesmen_mandiri_progress(permohonan),
            timeline=domain.timeline(permohonan.status),
            **kwargs,
        )


DATA_LABELS = [
    ("nama_lengkap", _("Nama lengkap")),
    ("nik", _("NIK")),
    ("tempat_lahir", _("Tempat lahir")),
    ("tanggal_lahir", _("Tanggal lahir")),
    ("jenis_kelamin", _("Jenis kelamin")),
    ("kebangsaan", _("Kebangsaan")),
    ("alamat", _("Alamat")),
    ("kode_pos", _("Kode pos")),
    ("telepon", _("Telepon")),
    ("email", _("Email")),
    ("pendidikan_terakhir", _("Pendidikan terakhir")),
    ("institusi", _("Institusi/perusahaan")),
    ("jabatan", _("Jabatan")),
    ("alamat_kantor", _("Alamat kantor")),
]


def _data_pemohon_rows(data: dict) -> list[tuple[str, str]]:
    display = {
        "jenis_kelamin": dict(domain.JenisKelamin.choices),
        "pendidikan_terakhir": dict(domain.Pendidikan.choices),
    }
    rows = []
    for key, label in DATA_LABELS:
        value = data.get(key, "")
        if key in display:
            value = display[key].get(value, value)
        rows.append((label, value))
    return rows


# --- admin LSP: asesi list, profile, registration on behalf, import -----------------------------------


@personal_data
class AsesiListView(RoleRequiredMixin, LenientPaginationMixin, ListView):
    roles = (Role.ADMIN_LSP,)
    template_name = "asesi/asesi_list.html"
    paginate_by = 25
    context_object_name = "asesi_list"

    def get_queryset(self):
        self.form = AsesiCariForm(self.request.GET or None)
        qs = selectors.asesi_profiles_for_admin(self.request.user)
        if self.form.is_valid():
            qs = selectors.asesi_search(qs, self.form.cleaned_data["q"])
        return qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


@personal_data
class AsesiDetailView(RoleRequiredMixin, DetailView):
    """An asesi's full profile for admin LSP; each view is recorded in the audit trail."""

    roles = (Role.ADMIN_LSP,)
    template_name = "asesi/asesi_detail.html"
    context_object_name = "profil"

    def get_queryset(self):
        return selectors.asesi_profiles_for_admin(self.request.user)

    def get_object(self, queryset=None):
        profil = super().get_object(queryset)
        services.asesi_profile_view_record(profile=profil, by=self.request.user, via="daftar-asesi")
        return profil

    def get_context_data(self, **kwargs):
        profil = self.object
        return super().get_context_data(
            data=_data_pemohon_rows(profil.data_pribadi()),
            permohonan_list=profil.permohonan.select_related("skema"),
            **kwargs,
        )


@personal_data
class AsesiCreateView(RoleRequiredMixin, FormView):
    """Admin LSP registers an asesi on someone's behalf; the person gets an activation link by email."""

    roles = (Role.ADMIN_LSP,)
    form_class = AsesiAdminForm
    template_name = "asesi/asesi_form.html"

    def form_valid(self, form):
        try:
            profil = services.asesi_register(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                nama_lengkap=form.cleaned_data["nama_lengkap"],
                profile=form.profile_data(),
                by=self.request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Asesi %(nama)s terdaftar. Tautan aktivasi akun dikirim ke %(email)s.")
            % {"nama": profil.nama_lengkap, "email": profil.email},
        )
        return redirect(profil)


@personal_data
class AsesiUpdateView(RoleRequiredMixin, FormView):
    """Admin LSP corrects an asesi's profile (same rules as the asesi's own profile page)."""

    roles = (Role.ADMIN_LSP,)
    form_class = ProfilForm
    template_name = "asesi/asesi_form.html"

    def dispatch(self, request, *args, **kwargs):
        if user_has_role(request.user, Role.ADMIN_LSP):
            self.profil = get_object_or_404(selectors.asesi_profiles_for_admin(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.profil,
            "user": self.profil.user,
            "nik_locked": services.asesi_identity_locked(self.profil),
        }

    def get_context_data(self, **kwargs):
        services.asesi_profile_view_record(profile=self.profil, by=self.request.user, via="ubah-profil")
        return super().get_context_data(profil=self.profil, **kwargs)

    def form_valid(self, form):
        try:
            _profile_save(form, user=self.profil.user, by=self.request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Profil asesi tersimpan."))
        return redirect(self.profil)


class AsesiActivationResendView(RoleRequiredMixin, View):
    roles = (Role.ADMIN_LSP,)

    def post(self, request, pk):
        profil = get_object_or_404(selectors.asesi_profiles_for_admin(request.user), pk=pk)
        if profil.user.has_usable_password():
            messages.info(request, _("Akun ini sudah aktif; asesi dapat memakai fitur lupa kata sandi."))
            return redirect(profil)
        try:
            email_throttle("activation", request=request, account=profil.user_id)
        except ValidationError as exc:
            _message_errors(request, exc)
            return redirect(profil)
        services.asesi_activation_send(profile=profil)
        messages.success(request, _("Tautan aktivasi dikirim ulang ke %(email)s.") % {"email": profil.email})
        return redirect(profil)


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
            _add_errors(form, exc)
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
