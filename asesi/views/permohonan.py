"""The asesi's own applications (FR.APL.01): status page, create, detail, update, submit, delete; their
documents (upload, download, delete) and the self-assessment (FR.APL.02)."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import FormView, ListView, TemplateView

from lsp.access import RoleRequiredMixin, user_has_role
from lsp.privacy import personal_data
from lsp.roles import Role
from lsp.uploads import STORAGE_ERRORS, private_file_response, storage_failed_message
from lsp.views.base import add_service_errors, message_errors

from .. import domain, selectors, services
from ..domain import APL01_EDITABLE, APL02_EDITABLE, LANGKAH_BERIKUTNYA, Status
from ..forms import Apl02Form, DokumenUploadForm, PermohonanCreateForm, PermohonanUpdateForm

logger = logging.getLogger(__name__)

# Room for the multipart envelope and the other form fields around one uploaded file.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


class PermohonanListView(RoleRequiredMixin, ListView):
    """The asesi's status page: every application with its timeline and next step."""

    roles = (Role.ASESI,)
    template_name = "asesi/permohonan_list.html"
    context_object_name = "permohonan_list"

    def get_queryset(self):
        qs = selectors.permohonan_list_for_owner(self.request.user)
        # ?status=dikembalikan (the home number "perlu diperbaiki"); an unknown value shows them all
        self.status = self.request.GET.get("status", "")
        if self.status in Status.values:
            return qs.filter(status=self.status)
        self.status = ""
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status_filter"] = dict(Status.choices).get(self.status, "")
        context["profil"] = selectors.asesi_profile_get(self.request.user)
        context["items"] = [
            {
                "p": p,
                "timeline": domain.timeline(p.status, p.keputusan),
                "langkah": domain.LANGKAH_BELUM_KOMPETEN
                if p.status == Status.DIPUTUSKAN and p.keputusan == domain.Keputusan.BK
                else LANGKAH_BERIKUTNYA[p.status],
                "editable": p.status in APL01_EDITABLE,
                "catatan": domain.catatan_berlaku(p.status, [(r.ke, r.catatan) for r in p.riwayat_catatan]),
            }
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
            add_service_errors(form, exc)
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
    """The application page: the verifier's note while it applies, *Langkah berikutnya* built from
    what is missing, and the readiness checklist (email, units, each requirement with its own upload,
    FR.APL.02) with *Ajukan* enabled only when ``domain.submit_errors`` finds nothing."""

    template_name = "asesi/permohonan_detail.html"

    def get_context_data(self, upload_form=None, **kwargs):
        permohonan = self.get_permohonan(
            selectors.permohonan_with_details(selectors.permohonan_for_owner(self.request.user))
        )
        status = permohonan.status
        editable = status in APL01_EDITABLE
        riwayat = [(r.ke, r.catatan, r.created_at) for r in permohonan.riwayat.all()]
        apl02 = selectors.asesmen_mandiri_progress(permohonan)
        kesiapan = selectors.permohonan_kesiapan(permohonan, apl02=apl02)
        if editable and upload_form is None:
            dikembalikan_pada = next((at for ke, _c, at in reversed(riwayat) if ke == Status.DIKEMBALIKAN), None)
            upload_form = DokumenUploadForm(
                permohonan=permohonan,
                dikembalikan_pada=dikembalikan_pada if status == Status.DIKEMBALIKAN else None,
            )
        checklist = [
            {
                "item": p,
                "ada": bool(p.dokumen.all()),
                "diperbaiki": domain.dikembalikan_untuk_diperbaiki(status, p.hasil),
                "form": DokumenUploadForm(permohonan=permohonan, untuk=p) if editable else None,
            }
            for p in permohonan.persyaratan.all()
        ]
        return super().get_context_data(
            permohonan=permohonan,
            editable=editable,
            apl02_editable=status in APL02_EDITABLE,
            upload_form=upload_form if editable else None,
            kesiapan=kesiapan,
            checklist=checklist,
            langkah=kesiapan.langkah(),
            catatan_verifikator=domain.catatan_berlaku(status, [(ke, catatan) for ke, catatan, _at in riwayat]),
            portofolio=[d for d in permohonan.dokumen.all() if d.is_portofolio],
            timeline=domain.timeline(status, permohonan.keputusan),
            apl02=apl02,
            can_delete=status == Status.DRAFT and permohonan.diajukan_pada is None,
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
        except STORAGE_ERRORS:  # disk full, object store down: the service stored no row and no partial file
            logger.exception("storing an asesi document failed")
            form.add_error("berkas", storage_failed_message())
        except ValidationError as exc:
            if getattr(exc, "code", None) == "permohonan_locked":
                messages.error(self.request, exc.messages[0])
                return redirect(self.permohonan)
            add_service_errors(form, exc)
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
                message_errors(request, exc)
            return redirect(permohonan)
        messages.success(request, _("Permohonan diajukan. Admin LSP akan memverifikasinya."))
        return redirect(permohonan)


class PermohonanDeleteView(OwnPermohonanMixin, View):
    def post(self, request, pk):
        permohonan = self.get_permohonan()
        try:
            services.permohonan_delete(permohonan=permohonan, by=request.user)
        except ValidationError as exc:
            message_errors(request, exc)
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


dokumen_upload.form_class = DokumenUploadForm  # a view taking form input names its form (tests/test_form_errors.py)


# A refused upload's error sits at the field it is about: the file, unless said otherwise here.
UPLOAD_ERROR_FIELDS = {"persyaratan_invalid": "persyaratan", "dokumen_too_many": None}


@personal_data
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
        except STORAGE_ERRORS:  # disk full, object store down: the service stored no row and no partial file
            logger.exception("storing an asesi document failed")
            form.add_error("berkas", storage_failed_message())
        except ValidationError as exc:
            if getattr(exc, "code", None) == "permohonan_locked":
                message_errors(request, exc)
                return redirect(permohonan)
            for error in exc.error_list:
                form.add_error(UPLOAD_ERROR_FIELDS.get(error.code, "berkas"), error)
        else:
            messages.success(request, _("Dokumen “%(nama)s” diunggah.") % {"nama": dokumen.nama_asli})
            return redirect(permohonan)
    # the application page again, the form with its errors (the one form-error pattern)
    view = PermohonanDetailView(request=request, kwargs={"pk": permohonan.pk}, args=())
    return view.render_to_response(view.get_context_data(upload_form=form), status=400)


class DokumenDeleteView(RoleRequiredMixin, View):
    roles = (Role.ASESI,)

    def post(self, request, pk):
        dokumen = get_object_or_404(
            selectors.dokumen_visible_to(request.user).filter(permohonan__asesi__user=request.user), pk=pk
        )
        try:
            services.dokumen_delete(dokumen=dokumen, by=request.user)
        except ValidationError as exc:
            message_errors(request, exc)
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
    """FR.APL.02: per unit and element K / BK (one click each) with evidence; editable until the asesi is
    scheduled. Saved, it goes back to the application page, where the next step is."""

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
                dijawab = services.asesmen_mandiri_save(
                    permohonan=permohonan, answers=form.answers(), by=request.user
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Asesmen mandiri tersimpan: %(n)s dari %(total)s elemen dijawab.")
                    % {"n": dijawab, "total": len(form.rows)},
                )
                return redirect(permohonan)  # the application page, with its next step
        return self.render_to_response(self.get_context_data(permohonan=permohonan, form=form), status=400)

    def get_context_data(self, **kwargs):
        permohonan = kwargs["permohonan"]
        return super().get_context_data(
            editable=permohonan.status in APL02_EDITABLE,
            progress=selectors.asesmen_mandiri_progress(permohonan),
            **kwargs,
        )
