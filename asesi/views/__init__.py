"""Thin views: check role, fetch through a scoped selector (a guessed id answers 404), call one service.

By topic: ``registration`` (public registration, email confirmation, activation, own profile),
``permohonan`` (FR.APL.01, documents, FR.APL.02), ``verification`` (admin LSP's queue and decision),
``asesi_admin`` (admin LSP's asesi pages) and ``importing``. ``asesi.urls`` uses the names below."""

from .asesi_admin import AsesiActivationResendView, AsesiCreateView, AsesiDetailView, AsesiListView, AsesiUpdateView
from .importing import AsesiImportView, asesi_import_template
from .permohonan import (
    AsesmenMandiriView,
    DokumenDeleteView,
    OwnPermohonanMixin,
    PermohonanCreateView,
    PermohonanDeleteView,
    PermohonanDetailView,
    PermohonanListView,
    PermohonanSubmitView,
    PermohonanUpdateView,
    dokumen_download,
    dokumen_upload,
)
from .registration import AktivasiView, DaftarView, ProfilView, email_confirm, email_resend
from .verification import VerifikasiDetailView, VerifikasiListView

__all__ = [
    "AktivasiView",
    "AsesiActivationResendView",
    "AsesiCreateView",
    "AsesiDetailView",
    "AsesiImportView",
    "AsesiListView",
    "AsesiUpdateView",
    "AsesmenMandiriView",
    "DaftarView",
    "DokumenDeleteView",
    "OwnPermohonanMixin",
    "PermohonanCreateView",
    "PermohonanDeleteView",
    "PermohonanDetailView",
    "PermohonanListView",
    "PermohonanSubmitView",
    "PermohonanUpdateView",
    "ProfilView",
    "VerifikasiDetailView",
    "VerifikasiListView",
    "asesi_import_template",
    "dokumen_download",
    "dokumen_upload",
    "email_confirm",
    "email_resend",
]
