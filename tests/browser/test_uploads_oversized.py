"""Issue 7, item 3, through a real HTTP server (pytest-django's live server: Django's WSGI server, the
one ``runserver`` uses): an oversized upload answers with the size message, never a 500.

The asesi's upload answered 500 because the view set ``Connection: close``, a hop-by-hop header a WSGI
server refuses; the test client never noticed. The other upload forms are posted the same way."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from asesi.models import Dokumen
from asesor.models import RiwayatAsesmen
from tests.asesi.factories import PDF, admin_user, permohonan_draft
from tests.asesor.factories import AsesorFactory
from tests.browser.conftest import field, login, submit, track_server_errors
from tests.factories import PASSWORD, SkemaFactory

pytestmark = [pytest.mark.browser]

MB = 1024 * 1024


def png_1px():
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1, 1)).save(out, "PNG")
    return out.getvalue()


def big(size, head=PDF):
    """A real PDF (or PNG) padded to ``size`` bytes: only its size is wrong."""
    return head + b"\0" * (size - len(head))


@pytest.mark.parametrize("size", [6 * MB, 20 * MB])
def test_asesi_uploading_an_oversized_file_gets_the_size_message(new_page, transactional_db, size):
    p = permohonan_draft(with_documents=False)
    page = new_page()
    errors = track_server_errors(page)
    login(page, p.asesi.user.username, PASSWORD)
    page.goto(p.get_absolute_url())
    field(page, "Berkas (PDF, JPG atau PNG)").set_input_files(
        {"name": "ijazah-besar.pdf", "mimeType": "application/pdf", "buffer": big(size)}
    )
    submit(page, page.get_by_role("button", name="Unggah", exact=True))
    expect(page.locator("main > .alert-danger")).to_contain_text("melebihi batas")
    assert errors == [] and page.url.endswith(p.get_absolute_url())
    assert not Dokumen.objects.filter(permohonan=p).exists()
    # the connection is still good for the next, small, upload
    field(page, "Berkas (PDF, JPG atau PNG)").set_input_files(
        {"name": "ijazah.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    submit(page, page.get_by_role("button", name="Unggah", exact=True))
    expect(page.locator("main > .alert-success")).to_contain_text("ijazah.pdf")
    assert errors == []


def _post(page, url, fields, file_field, size):
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    name, content = ("logo.png", big(size, png_1px())) if file_field == "logo" else ("besar.pdf", big(size))
    payload = {**fields, file_field: {"name": name, "mimeType": "application/octet-stream", "buffer": content}}
    return page.request.post(url, multipart=payload, headers={"X-CSRFToken": token})


@pytest.fixture
def admin_page(new_page, transactional_db):
    admin = admin_user()
    page = new_page()
    login(page, admin.username, PASSWORD)
    page.goto("/")  # sets the CSRF cookie
    return page


def test_every_other_upload_form_answers_an_oversized_file_with_the_size_message(admin_page):
    asesor = AsesorFactory()
    skema = SkemaFactory()
    forms = [
        (reverse("asesor:riwayat-create", args=[asesor.pk]),
         {"tanggal": "2025-01-05", "nama_lsp": "LSP Lain", "skema_nama": "Barista", "jumlah_asesi": "2"}, "dokumen"),
        (reverse("asesor:sertifikat-create", args=[asesor.pk]),
         {"jenis": "awal", "nomor": "ASK-1", "issued_on": "2024-01-10"}, "dokumen"),
        (reverse("asesor:kompetensi-create", args=[asesor.pk]),
         {"bidang": "TIK", "nomor_sertifikat": "T-1", "penerbit": "LSP", "issued_on": "2020-01-01"}, "dokumen"),
        (reverse("lsp:skema-import", args=[skema.pk]), {}, "berkas"),
        (reverse("asesi:asesi-import"), {"tujuan": "sertifikasi"}, "berkas"),
        (reverse("lsp:profil"), {"nama": "LSP Uji", "nomor_lisensi": "BNSP-LSP-1565-ID", "alamat": "Bandung",
                                 "penandatangan_nama": "Ketua", "penandatangan_jabatan": "Ketua LSP"}, "logo"),
    ]
    # 6 MB on every form; 20 MB (over DATA_UPLOAD_MAX_MEMORY_SIZE, which a file part does not count
    # towards) on the first one, as the asesi's test does for theirs
    for url, fields, file_field in forms:
        response = _post(admin_page, url, fields, file_field, 6 * MB)
        assert response.status < 500, url
        assert "melebihi batas" in response.text(), url
    url, fields, file_field = forms[0]
    response = _post(admin_page, url, fields, file_field, 20 * MB)
    assert response.status == 200 and "melebihi batas" in response.text()
    assert not RiwayatAsesmen.objects.exists()


@pytest.mark.parametrize("url_name", ["asesor:riwayat-create", "lsp:profil"])
def test_a_body_over_data_upload_max_memory_size_without_a_file_is_a_400_not_a_500(admin_page, settings, url_name):
    """A client that sends the file as a plain field: Django refuses the body (RequestDataTooBig)."""
    url = reverse(url_name, args=[AsesorFactory().pk]) if url_name.startswith("asesor") else reverse(url_name)
    token = next(c["value"] for c in admin_page.context.cookies() if c["name"] == "csrftoken")
    response = admin_page.request.post(
        url, form={"dokumen": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}, headers={"X-CSRFToken": token}
    )
    assert response.status == 400
