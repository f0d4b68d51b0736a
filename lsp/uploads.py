"""Uploaded documents: checked by content and size, stored under unguessable names, served only by
views that have checked role and ownership (never from a public URL).

The type of a file is what its bytes say: ``validate_document`` finds it once, at upload, and the
caller stores it with the row. It is served with that stored type, never with a type guessed from a
name, and the user's file name is display text only::

    class Dokumen(models.Model):
        berkas = models.FileField(upload_to=private_upload_to("asesi/dokumen"), validators=[validate_document])
        nama_asli = models.CharField(max_length=255)
        mime = models.CharField(max_length=50, blank=True)

    # in the service:
    dokumen.mime = validate_document(berkas)
    dokumen.nama_asli = safe_original_name(berkas.name)

    # in the view, after fetching the row through a scoped selector:
    return private_file_response(dokumen.berkas, dokumen.nama_asli, dokumen.mime)
"""

import os
import secrets

import filetype
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
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
# The only types a stored file is ever served as (inline), each with the extension of its download name.
SERVED_EXTENSION = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
# Shown in the browser tab: images only. A PDF is a download, because Chrome refuses to start its PDF viewer in
# a document sandboxed by CSP ("This page has been blocked by Chrome", crbug.com/41131921) and the sandbox
# stays; the PDF then opens in the user's PDF reader.
INLINE_TYPES = {"image/jpeg", "image/png"}
# Anything else (a row whose file was missing or unrecognised when its type was recorded): a download.
UNKNOWN_TYPE = "application/octet-stream"
UNKNOWN_EXTENSION = ".bin"

MAX_NAME_LENGTH = 200  # of a display name (the model fields hold 255)
MAX_DOWNLOAD_STEM = 100
MAX_EXTENSION_LENGTH = 10  # a longer "extension" is part of the stem
SNIFF_BYTES = 2048


def _storage_errors() -> tuple[type[BaseException], ...]:
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # django-storages' S3 backend not installed
        return (OSError,)
    return (OSError, BotoCoreError, ClientError)


# What a storage raises when it cannot keep a file: OSError (disk full, I/O, read-only) or the S3 client's errors.
STORAGE_ERRORS = _storage_errors()


def storage_failed_message() -> str:
    """The form error when the storage refused a file (disk full, object store down): nothing was saved."""
    return _(
        "Berkas tidak dapat disimpan: penyimpanan berkas server sedang bermasalah. Tidak ada yang tersimpan; "
        "silakan coba lagi nanti."
    )


def _sniff(handle) -> str | None:
    kind = filetype.guess(handle.read(SNIFF_BYTES))
    return kind.mime if kind else None


def validate_document(uploaded) -> str:
    """Refuse anything but a real PDF/JPG/PNG within the size limit (``LSP_UPLOAD_MAX_BYTES``) whose
    extension matches its content. Returns the MIME type found in the bytes: store it with the row."""
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
    mime = _sniff(uploaded)
    uploaded.seek(position)
    ext = os.path.splitext(uploaded.name or "")[1].lower()
    if mime not in ALLOWED_DOCUMENT_TYPES:
        raise ValidationError(
            _("Jenis berkas tidak diterima. Unggah PDF, JPG, atau PNG."), code="file_type"
        )
    if ext not in ALLOWED_DOCUMENT_TYPES[mime]:
        raise ValidationError(
            _("Ekstensi berkas (%(ext)s) tidak sesuai dengan isinya (%(mime)s).")
            % {"ext": ext or "-", "mime": mime},
            code="file_extension_mismatch",
        )
    return mime


def stored_file_type(fieldfile) -> str:
    """The type of a stored file's bytes: one of ``SERVED_EXTENSION``, or ``UNKNOWN_TYPE`` when the file
    is missing or is none of them. For files stored before their type was recorded."""
    if not fieldfile:
        return UNKNOWN_TYPE
    try:
        with fieldfile.storage.open(fieldfile.name, "rb") as handle:  # leaves the field's own handle alone
            mime = _sniff(handle)
    except OSError:  # missing file
        return UNKNOWN_TYPE
    return mime if mime in SERVED_EXTENSION else UNKNOWN_TYPE


def _split_extension(name: str) -> tuple[str, str]:
    stem, ext = os.path.splitext(name)
    if len(ext) > MAX_EXTENSION_LENGTH:
        return name, ""
    return stem, ext


def safe_original_name(name: str) -> str:
    """The user's file name without any path (``../../etc/passwd`` → ``passwd``), for display only.
    A long name is shortened before its extension, never through it."""
    base = os.path.basename((name or "").replace("\\", "/"))
    try:
        valid = get_valid_filename(base)
    except SuspiciousFileOperation:  # nothing usable left ("", ".", "..")
        return "berkas"
    stem, ext = _split_extension(valid)
    return (stem[: MAX_NAME_LENGTH - len(ext)] + ext) or "berkas"


def download_name(name: str, content_type: str) -> str:
    """``<the user's name without its extension, shortened>.<the extension of the checked type>``."""
    stem = _split_extension(safe_original_name(name))[0][:MAX_DOWNLOAD_STEM].rstrip(". ") or "berkas"
    return stem + SERVED_EXTENSION.get(content_type, UNKNOWN_EXTENSION)


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


def private_file_response(fieldfile, name: str, content_type: str | None) -> FileResponse:
    """Stream a stored file to a user the caller has already authorised.

    ``content_type`` is the type stored when the file was checked; ``None`` only for a file whose type
    was never stored (the LSP logo): its bytes are read now. Only PDF/JPEG/PNG are served as such (images
    inline, PDFs as a download: see ``INLINE_TYPES``); anything else is an ``application/octet-stream``
    download. The type never comes from a name, and ``Content-Security-Policy: sandbox`` keeps any active
    content away from the app's origin."""
    if not fieldfile:
        raise Http404
    if content_type is None:
        content_type = stored_file_type(fieldfile)
    served = content_type if content_type in SERVED_EXTENSION else UNKNOWN_TYPE
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        content_type=served,
        as_attachment=served not in INLINE_TYPES,
        filename=download_name(name, served),
    )
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
