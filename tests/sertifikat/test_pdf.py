"""The PDF as a reader sees it: rendered by pdfium, the QR decoded by zxing-cpp and opened."""

import io
import re

import pypdfium2
import pytest
import zxingcpp
from django.conf import settings
from reportlab.pdfgen import canvas

from sertifikat.pdf import draw_qr, qr_matrix, qr_runs, render_sertifikat
from sertifikat.services import sertifikat_pdf_render

from .factories import issued, lsp_profile, skema_with_units

pytestmark = pytest.mark.django_db


def test_qr_in_the_rendered_pdf_opens_the_verification_page(client, django_capture_on_commit_callbacks):
    lsp_profile()
    with django_capture_on_commit_callbacks(execute=True):
        cert = issued(nama="Łucja Ñúñez Çelik", skema=skema_with_units(n_units=3))
    cert.refresh_from_db()
    pdf = pypdfium2.PdfDocument(cert.pdf.read())
    assert len(pdf) == 2
    page = pdf[0]
    text = page.get_textpage().get_text_range()
    assert "SERTIFIKAT KOMPETENSI" in text and "CERTIFICATE OF COMPETENCE" in text
    assert "Łucja Ñúñez Çelik" in text  # the embedded font carries the diacritics
    assert cert.nomor in text and cert.nomor_registrasi in text
    units_text = pdf[1].get_textpage().get_text_range()
    assert all(u["kode"] in units_text for u in cert.units)

    image = page.render(scale=3).to_pil()
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1 and found[0].format == zxingcpp.BarcodeFormat.QRCode
    url = found[0].text
    assert url == settings.LSP_SITE_URL.rstrip("/") + f"/verifikasi/{cert.token}/"
    response = client.get(url.removeprefix(settings.LSP_SITE_URL.rstrip("/")))
    assert response.status_code == 200
    assert "Łucja Ñúñez Çelik" in response.content.decode()


def test_qr_is_one_path_of_runs():
    """The QR is drawn as one filled path (one rectangle per run of dark modules in a row), after its
    white quiet zone: two fills in the page stream, not one per module."""
    url = "http://127.0.0.1:8000/verifikasi/abcdefghijklmnop/"
    runs = sum(
        sum(1 for i, dark in enumerate(row) if dark and (i == 0 or not row[i - 1])) for row in qr_matrix(url)
    )
    assert runs == len(qr_runs(qr_matrix(url)))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pageCompression=0)
    draw_qr(c, url, 10, 10, 100)
    c.showPage()
    c.save()
    data = buffer.getvalue()
    stream = data[data.index(b"stream"):data.index(b"endstream")]
    assert len(re.findall(rb" re\b", stream)) == runs + 1  # the runs + the quiet zone
    assert len(re.findall(rb"\bf\*?(?=\s)", stream)) == 2  # the quiet zone and the one QR path


def test_render_again_is_byte_stable_in_size(django_capture_on_commit_callbacks):
    """Rendering twice gives a PDF of the same pages (the task may run twice after a worker crash)."""
    lsp_profile()
    cert = issued()
    from lsp.models import LspProfile

    a = render_sertifikat(cert, LspProfile.get())
    b = render_sertifikat(cert, LspProfile.get())
    assert len(pypdfium2.PdfDocument(io.BytesIO(a))) == len(pypdfium2.PdfDocument(io.BytesIO(b))) == 2
    assert sertifikat_pdf_render(sertifikat_id=cert.pk) == "siap"


def test_cached_font_subsets_never_mix_certificates():
    """Font subsets are built once per process and reused (``pdf._cache_subsets``): certificates with
    different characters in turn each show their own text, also after the cache has seen the other."""
    lsp = lsp_profile()
    plain = issued(nama="Budi Santoso", skema=skema_with_units(n_units=2))
    accented = issued(nama="Łucja Ñúñez Çelik", skema=skema_with_units(n_units=2))
    for cert in (plain, accented, plain, accented):
        data = render_sertifikat(cert, lsp)
        pdf = pypdfium2.PdfDocument(data)
        text = pdf[0].get_textpage().get_text_range()
        assert cert.nama_pemegang in text and "CERTIFICATE OF COMPETENCE" in text and "Issued on" in text
        assert cert.skema_kode in pdf[1].get_textpage().get_text_range()
        pdf.close()
