import mimetypes

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from lsp.uploads import (
    download_name,
    private_file_response,
    private_upload_to,
    safe_original_name,
    stored_file_type,
    validate_document,
)

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><script>fetch('/')</script></html>"


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_real_pdf_and_png_pass():
    validate_document(upload("ijazah.pdf", PDF))
    validate_document(upload("foto.PNG", PNG))


def test_exe_renamed_to_pdf_is_refused():
    with pytest.raises(ValidationError) as exc:
        validate_document(upload("ijazah.pdf", EXE))
    assert exc.value.code == "file_type"


def test_png_named_pdf_is_refused():
    with pytest.raises(ValidationError) as exc:
        validate_document(upload("ijazah.pdf", PNG))
    assert exc.value.code == "file_extension_mismatch"


def test_size_limit_boundary(settings):
    settings.LSP_UPLOAD_MAX_BYTES = len(PDF)
    validate_document(upload("a.pdf", PDF))  # exactly at the limit
    settings.LSP_UPLOAD_MAX_BYTES = len(PDF) - 1
    with pytest.raises(ValidationError) as exc:
        validate_document(upload("a.pdf", PDF))
    assert exc.value.code == "file_too_large"


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as exc:
        validate_document(upload("a.pdf", b""))
    assert exc.value.code == "file_empty"


def test_stored_name_ignores_user_path_and_is_unguessable():
    to = private_upload_to("asesi/dokumen")
    first, second = to(None, "../../etc/passwd.pdf"), to(None, "../../etc/passwd.pdf")
    assert first.startswith("asesi/dokumen/") and ".." not in first and "passwd" not in first
    assert first.endswith(".pdf") and first != second
    assert to(None, "x.exe").endswith(".exe") is False


def test_safe_original_name_strips_paths():
    assert safe_original_name("../../etc/passwd") == "passwd"
    assert safe_original_name("C:\\Users\\a\\ijazah saya.pdf") == "ijazah_saya.pdf"


# --- every accepted type, every type/extension mismatch --------------------------------------------
# Written out by hand, on purpose not derived from ALLOWED_DOCUMENT_TYPES: dropping ``.jpeg`` there, or
# accepting a JPEG named ``.png``, must turn one of these red.
CONTENT = {"pdf": PDF, "jpeg": JPEG, "png": PNG}
MIME = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
NAMES_THAT_MATCH = {"pdf": {".pdf"}, "jpeg": {".jpg", ".jpeg"}, "png": {".png"}}
EXTENSIONS = [
    ".pdf", ".PDF", ".jpg", ".JPG", ".jpeg", ".JPEG", ".Jpeg", ".png", ".PNG", ".Png",
    ".gif", ".bmp", ".webp", ".tif", ".jpe", ".html", ".htm", ".svg", ".xhtml", ".xml", ".js", ".txt", ".exe", "",
]
ACCEPTED = [(kind, ext) for kind in CONTENT for ext in EXTENSIONS if ext.lower() in NAMES_THAT_MATCH[kind]]
MISMATCHED = [(kind, ext) for kind in CONTENT for ext in EXTENSIONS if ext.lower() not in NAMES_THAT_MATCH[kind]]


def test_the_tables_cover_each_accepted_spelling():
    assert {(kind, ext.lower()) for kind, ext in ACCEPTED} == {
        ("pdf", ".pdf"), ("jpeg", ".jpg"), ("jpeg", ".jpeg"), ("png", ".png"),
    }
    assert len(ACCEPTED) == 10 and len(ACCEPTED) + len(MISMATCHED) == 3 * len(EXTENSIONS)


@pytest.mark.parametrize("kind, ext", ACCEPTED)
def test_every_accepted_type_and_spelling_passes_and_returns_its_checked_type(kind, ext):
    assert validate_document(upload(f"berkas{ext}", CONTENT[kind])) == MIME[kind]


@pytest.mark.parametrize("kind, ext", MISMATCHED)
def test_every_type_extension_mismatch_is_refused(kind, ext):
    with pytest.raises(ValidationError) as exc:
        validate_document(upload(f"berkas{ext}", CONTENT[kind]))
    assert exc.value.code == "file_extension_mismatch"


@pytest.mark.parametrize("name", ["a.html", "a.svg", "a.pdf", "a.png"])
def test_html_is_refused_whatever_its_name(name):
    with pytest.raises(ValidationError) as exc:
        validate_document(upload(name, HTML))
    assert exc.value.code == "file_type"


def test_the_check_leaves_the_file_position_alone():
    berkas = upload("a.pdf", PDF)
    berkas.seek(5)
    validate_document(berkas)
    assert berkas.tell() == 5


# --- names: display text only, shortened before the extension ---------------------------------------
DANGEROUS = ["html", "htm", "svg", "xhtml", "xml", "js"]


@pytest.mark.parametrize("ext", DANGEROUS)
@pytest.mark.parametrize("shift", [-1, 0, 1])
def test_a_long_name_is_cut_before_its_extension(ext, shift):
    """``200 - len(".html")`` characters then ``.html.pdf``: cut at 200 the old way, it ended in ``.html``."""
    hidden = "a" * (200 - len(ext) - 1 + shift) + "." + ext
    name = safe_original_name(hidden + ".pdf")
    assert name.endswith(".pdf") and len(name) <= 200


def test_a_short_name_is_kept_and_an_empty_one_gets_a_default():
    assert safe_original_name("ijazah S1.pdf") == "ijazah_S1.pdf"
    for unusable in ("", ".", "..", "%%%", "../"):
        assert safe_original_name(unusable) == "berkas"


def test_an_overlong_extension_is_not_kept_as_one():
    name = safe_original_name("a." + "x" * 300)
    assert len(name) == 200 and name.startswith("a.")


@pytest.mark.parametrize(
    "name, content_type, expected",
    [
        ("ijazah.pdf", "application/pdf", "ijazah.pdf"),
        ("foto.jpeg", "image/jpeg", "foto.jpg"),
        ("FOTO.PNG", "image/png", "FOTO.png"),
        ("x.html.pdf", "application/pdf", "x.html.pdf"),
        ("serangan.html", "application/pdf", "serangan.pdf"),
        ("serangan.svg", "image/png", "serangan.png"),
        ("tanpa-ekstensi", "image/jpeg", "tanpa-ekstensi.jpg"),
        ("ijazah.pdf", "text/html", "ijazah.bin"),
        ("ijazah.pdf", "", "ijazah.bin"),
        ("", "application/pdf", "berkas.pdf"),
        ("...", "application/pdf", "berkas.pdf"),
    ],
)
def test_download_name_ends_in_the_extension_of_the_checked_type(name, content_type, expected):
    assert download_name(name, content_type) == expected


def test_download_name_of_a_long_name_is_short_and_ends_in_the_checked_extension():
    name = download_name("a" * 195 + ".html.pdf", "application/pdf")
    assert len(name) <= 104 and name.endswith(".pdf")


# --- serving -----------------------------------------------------------------------------------------


class Row:
    """A stored file as a model field holds it (``FieldFile``), without a model."""

    def __init__(self, content, storage_name="uji/berkas"):
        from django.core.files.storage import default_storage
        from django.db.models.fields.files import FieldFile

        name = default_storage.save(storage_name, ContentFile(content))
        field = type("F", (), {"storage": default_storage, "name": "f"})()
        self.file = FieldFile(None, field, name)


@pytest.mark.parametrize("kind", list(CONTENT))
def test_served_with_the_stored_type_and_a_sandbox(kind):
    response = private_file_response(Row(CONTENT[kind]).file, "a" * 195 + ".html.x", MIME[kind])
    assert response["Content-Type"] == MIME[kind]
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    disposition = response["Content-Disposition"]
    # images are shown in the tab; a PDF is downloaded (Chrome blocks its viewer under CSP sandbox)
    assert disposition.startswith("inline;" if MIME[kind] in ("image/jpeg", "image/png") else "attachment;")
    filename = disposition.split('filename="')[1].rstrip('"')
    assert mimetypes.guess_type(filename)[0] == MIME[kind]
    assert b"".join(response.streaming_content) == CONTENT[kind]


@pytest.mark.parametrize("stored", ["", "text/html", "image/svg+xml", "application/xhtml+xml", "text/javascript"])
def test_any_other_stored_type_is_a_download_of_octet_stream(stored):
    response = private_file_response(Row(HTML).file, "halaman.html", stored)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="halaman.bin"'
    assert response["Content-Security-Policy"] == "sandbox"


def test_type_not_stored_is_read_from_the_bytes_never_from_the_name():
    assert private_file_response(Row(PNG).file, "logo.html", None)["Content-Type"] == "image/png"
    served = private_file_response(Row(HTML, "uji/logo.png").file, "logo.png", None)
    assert served["Content-Type"] == "application/octet-stream"
    assert served["Content-Disposition"].startswith("attachment;")


def test_stored_file_type_of_a_missing_or_empty_file():
    row = Row(PDF)
    assert stored_file_type(row.file) == "application/pdf"
    row.file.storage.delete(row.file.name)
    assert stored_file_type(row.file) == "application/octet-stream"
    assert stored_file_type(None) == "application/octet-stream"


def test_missing_file_is_404():
    row = Row(PDF)
    row.file.storage.delete(row.file.name)
    with pytest.raises(Http404):
        private_file_response(row.file, "a.pdf", "application/pdf")
    with pytest.raises(Http404):
        private_file_response(None, "a.pdf", "application/pdf")


# --- the LSP logo (public): its type is read from its bytes, never from its name ------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "stored_name, content, served_type",
    [
        ("lsp/logo/logo-a.png", PNG, "image/png"),
        ("lsp/logo/logo-b.jpg", JPEG, "image/jpeg"),
        ("lsp/logo/logo-c.png", HTML, "application/octet-stream"),
        ("lsp/logo/logo-d.svg", HTML, "application/octet-stream"),
    ],
)
def test_logo_is_served_with_the_type_of_its_bytes(client, stored_name, content, served_type):
    from django.core.files.storage import default_storage
    from django.urls import reverse

    from lsp.models import LspProfile

    name = default_storage.save(stored_name, ContentFile(content))
    LspProfile(nama="LSP Uji", nomor_lisensi="BNSP-LSP-1565-ID", alamat="Bandung", logo=name).save()
    response = client.get(reverse("lsp:profil-logo"))
    assert response["Content-Type"] == served_type
    assert response["Content-Security-Policy"] == "sandbox" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith(
        "inline;" if served_type != "application/octet-stream" else "attachment;"
    )
