"""Uploaded documents: checked by content and size, stored under unguessable names, served only by
views that have checked role and ownership (never from a public URL).

    class Dokumen(models.Model):
        berkas = models.FileField(upload_to=private_upload_to("asesi/dokumen"), validators=[validate_document])
        nama_asli = models.CharField(max_length=255)

    # in the view, after fetching the row through a scoped selector:
    return private_file_response(dokumen.berkas, dokumen.nama_asli)
"""

import os
import secrets

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

# What an LSP accepts as evidence: the MIME type found in the file's bytes → allowed extensions.
ALLOWED_DOCUMENT_TYPES = {
    "application/pdf": {".pdf"},
    "image/jpeg": {".jpg", ".jpeg"},
    "image/png": {".png"},
}


def validate_document(uploaded) -> None:
    """Refuse anything but a real PDF/JPG/PNG within the size limit (``LSP_UPLOAD_MAX_BYTES``)."""
    limit = settings.LSP_UPLOAD_MAX_BYTES
    if uploaded.size is not None and uploaded.size > limit:
        raise ValidationError(
            _("Ukuran berkas %(size)s melebihi batas %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("Berkas kosong."), code="file_empty")
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(position)
    kind = filetype.guess(head)
    ext = os.path.splitext(uploaded.name or "")[1].lower()
    if kind is None or kind.mime not in ALLOWED_DOCUMENT_TYPES:
        raise ValidationError(
            _("Jenis berkas tidak diterima. Unggah PDF, JPG, atau PNG."), code="file_type"
        )
    if ext not in ALLOWED_DOCUMENT_TYPES[kind.mime]:
        raise ValidationError(
            _("Ekstensi berkas (%(ext)s) tidak sesuai dengan isinya (%(mime)s).")
            % {"ext": ext or "-", "mime": kind.mime},
            code="file_extension_mismatch",
        )


def safe_original_name(name: str) -> str:
    """The user's file name without any path (``../../etc/passwd`` → ``passwd``), for display only."""
    base = os.path.basename((name or "").replace("\\", "/"))
    return get_valid_filename(base)[:200] or "berkas"


@deconstructible
class private_upload_to:  # noqa: N801 - used like a function in upload_to=
    """``upload_to`` that ignores the user's file name: <prefix>/<yyyy>/<random>.<ext>."""

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename):
        from django.utils import timezone

        ext = os.path.splitext(filename)[1].lower()
        if ext not in {e for exts in ALLOWED_DOCUMENT_TYPES.values() for e in exts}:
            ext = ""
        return f"{self.prefix}/{timezone.now():%Y}/{secrets.token_urlsafe(24)}{ext}"

    def __eq__(self, other):
        return isinstance(other, private_upload_to) and other.prefix == self.prefix


def private_file_response(fieldfile, download_name: str, *, inline=True) -> FileResponse:
    """Stream a stored file to a user the caller has already authorised."""
    if not fieldfile:
        raise Http404
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=not inline, filename=safe_original_name(download_name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
