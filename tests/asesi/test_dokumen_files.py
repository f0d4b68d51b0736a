"""Uploaded documents end to end: what the upload view accepts, and what a download answers.

The type a document is served with is the one its bytes were checked to be at upload (``Dokumen.mime``),
never one guessed from the user's file name (issue 7: a ``….html.pdf`` name cut at 200 characters
ran as HTML in the admin's session)."""

import importlib
import mimetypes

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from asesi import selectors
from asesi.domain import Status
from asesi.models import Dokumen
from tests.lsp.test_uploads import CONTENT, DANGEROUS, HTML, MIME, MISMATCHED

from .factories import PDF, admin_user, force_status, pdf, permohonan_draft

pytestmark = pytest.mark.django_db

# Types a browser runs as a page (script) when a document is opened in the app's origin.
EXECUTABLE = {
    "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml",
    "text/javascript", "application/javascript", "application/x-javascript", "application/ecmascript",
}
# The user's own extension for each content, hidden behind the dangerous one.
REAL_EXTENSION = {"pdf": ".pdf", "jpeg": ".jpeg", "png": ".png"}


@pytest.fixture
def p():
    return permohonan_draft(with_documents=False)


def upload(client, p, name, content):
    client.force_login(p.asesi.user)
    response = client.post(reverse("asesi:dokumen-upload", args=[p.pk]), {"berkas": pdf(name, content)}, follow=True)
    if response.status_code == 400:  # refused: the application page again, the error at the file field
        return " ".join(response.context["upload_form"].errors.get("berkas", []))
    return " ".join(str(m) for m in response.context["messages"])


# --- what the upload view accepts (the tables are in tests/lsp/test_uploads.py) -------------------------


@pytest.mark.parametrize(
    "kind, name",
    [("pdf", "a.pdf"), ("pdf", "A.PDF"), ("jpeg", "a.jpg"), ("jpeg", "A.JPG"), ("jpeg", "a.jpeg"),
     ("jpeg", "A.JPEG"), ("png", "a.png"), ("png", "A.PNG")],
)
def test_upload_view_accepts_each_type_and_stores_its_checked_type(client, p, kind, name):
    assert "diunggah" in upload(client, p, name, CONTENT[kind])
    assert list(p.dokumen.values_list("nama_asli", "mime")) == [(name, MIME[kind])]


@pytest.mark.parametrize("kind, ext", MISMATCHED)
def test_upload_view_refuses_every_type_extension_mismatch(client, p, kind, ext):
    assert "tidak sesuai dengan isinya" in upload(client, p, f"berkas{ext}", CONTENT[kind])
    assert not p.dokumen.exists()


# --- what a download answers ---------------------------------------------------------------------------


@pytest.mark.parametrize("ext", DANGEROUS)
@pytest.mark.parametrize("kind", list(CONTENT))
def test_dangerous_extension_right_at_the_200_character_cut_is_never_served_as_active_content(client, p, ext, kind):
    """``…<ext>`` fills exactly the 200 characters the old name was cut at; the real extension follows."""
    hidden = "a" * (200 - len(ext) - 1) + "." + ext
    assert len(hidden) == 200
    assert "diunggah" in upload(client, p, hidden + REAL_EXTENSION[kind], CONTENT[kind])
    dokumen = p.dokumen.get()
    force_status(p, Status.DIAJUKAN)
    client.force_login(admin_user())
    response = client.get(reverse("asesi:dokumen-download", args=[dokumen.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == MIME[kind] and response["Content-Type"] not in EXECUTABLE
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    # images are shown in the tab; a PDF is downloaded (Chrome blocks its viewer under CSP sandbox)
    assert disposition.startswith("inline;" if MIME[kind] in ("image/jpeg", "image/png") else "attachment;")
    filename = disposition.split('filename="')[1].rstrip('"')
    assert mimetypes.guess_type(filename)[0] == MIME[kind]
    assert b"".join(response.streaming_content) == CONTENT[kind]


@pytest.mark.parametrize("stored", ["", "text/html", "image/svg+xml"])
def test_a_row_without_a_served_type_is_a_download(client, p, stored):
    """A row the data migration could not recognise (or a type set by hand) is never shown in the page."""
    upload(client, p, "halaman.pdf", PDF)
    Dokumen.objects.filter(permohonan=p).update(mime=stored, nama_asli="halaman.html")
    response = client.get(reverse("asesi:dokumen-download", args=[p.dokumen.get().pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="halaman.bin"'


# --- drafts: admin LSP sees an application's documents exactly when it sees the application --------------


@pytest.mark.parametrize("status", list(Status))
def test_admin_sees_documents_of_exactly_the_applications_admin_sees(status):
    p = permohonan_draft()
    force_status(p, status)
    admin = admin_user()
    sees_permohonan = selectors.permohonan_for_admin(admin).filter(pk=p.pk).exists()
    sees_dokumen = selectors.dokumen_visible_to(admin).filter(permohonan=p)
    assert sees_permohonan is (status != Status.DRAFT)
    assert sees_dokumen.count() == (p.dokumen.count() if sees_permohonan else 0) and p.dokumen.count() > 0
    assert selectors.dokumen_visible_to(p.asesi.user).filter(permohonan=p).count() == p.dokumen.count()


def test_admin_cannot_download_a_draft_document_until_it_is_submitted(client):
    p = permohonan_draft()
    url = reverse("asesi:dokumen-download", args=[p.dokumen.first().pk])
    client.force_login(admin_user())
    assert client.get(url).status_code == 404
    force_status(p, Status.DIAJUKAN)
    assert client.get(url).status_code == 200


# --- the data migration -----------------------------------------------------------------------------------


def test_data_migration_fills_the_type_from_the_stored_bytes(p):
    from django.apps import apps

    migration = importlib.import_module("asesi.migrations.0003_dokumen_mime_fill")

    def row(content, mime=""):
        dokumen = Dokumen(permohonan=p, nama_asli="x.pdf", mime=mime)
        dokumen.berkas.save("x.pdf", ContentFile(content), save=True)
        return dokumen

    pdf_row, png_row, html_row = row(PDF), row(CONTENT["png"]), row(HTML)
    missing_row, kept = row(PDF), row(PDF, "image/png")
    missing_row.berkas.storage.delete(missing_row.berkas.name)
    migration.fill_mime(apps, None)
    mimes = dict(Dokumen.objects.values_list("pk", "mime"))
    assert mimes[pdf_row.pk] == "application/pdf" and mimes[png_row.pk] == "image/png"
    assert mimes[html_row.pk] == mimes[missing_row.pk] == "application/octet-stream"
    assert mimes[kept.pk] == "image/png"  # a type recorded at upload stays
