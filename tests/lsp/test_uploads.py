import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lsp.uploads import private_upload_to, safe_original_name, validate_document

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


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
