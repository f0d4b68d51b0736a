"""The sertifikat pages: public verification (no login, nothing private, 404 never 500, at-once status,
rate limit, JSON), the holder's page and PDF, the admin's issuing queue, list, detail and import."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from asesi.domain import Status as StatusPermohonan
from asesi.models import Permohonan
from sertifikat import services
from sertifikat.domain import StatusPdf
from sertifikat.models import Sertifikat
from tests.factories import UserFactory

from .factories import admin_user, issued, lsp_profile, permohonan_decided, skema_with_units

pytestmark = pytest.mark.django_db


@pytest.fixture
def cert():
    lsp_profile()
    return issued(nama="Siti Aminah", tanggal_terbit=date(2026, 1, 10))


# --- public verification ---------------------------------------------------------------------------


def test_verification_by_token_and_number_shows_public_data_only(client, cert):
    for path in (f"/verifikasi/{cert.token}/", f"/verifikasi/{cert.nomor}/", f"/verifikasi/{cert.nomor.lower()}/"):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert "Siti Aminah" in html and cert.nomor in html and cert.skema_nama in html
        assert 'data-status="aktif"' in html
        assert cert.asesi.nik not in html and cert.asesi.alamat not in html and cert.asesi.telepon not in html


def test_search_redirects_to_the_certificate(client, cert):
    response = client.get("/verifikasi/", {"nomor": f"  {cert.nomor} "})
    assert response.status_code == 302 and response.url.startswith("/verifikasi/LSP-1565/2026/")
    assert client.get("/verifikasi/").status_code == 200


@pytest.mark.parametrize(
    "kode",
    ["LSP-1565/2026/999999", "x", "' OR '1'='1", "1; DROP TABLE sertifikat_sertifikat;--", "%00", "..%2F..%2Fetc",
     "a" * 500, "ąęść-ñ", "<script>alert(1)</script>", "LSP-1565/2026/000001%27"],
)
def test_unknown_malformed_or_sql_looking_is_404(client, cert, kode):
    assert client.get(f"/verifikasi/{kode}/").status_code == 404
    assert client.get(f"/api/v1/verifikasi/{kode}/").status_code == 404
    assert client.get("/verifikasi/", {"nomor": kode}).status_code in (200, 404)  # form error or not found


def test_search_for_unknown_number_is_404_with_a_message(client, cert):
    response = client.get("/verifikasi/", {"nomor": "LSP-1565/2026/999999"})
    assert response.status_code == 404
    assert b'data-testid="verifikasi-pesan"' in response.content


def test_json_api(client, cert):
    data = client.get(f"/api/v1/verifikasi/{cert.nomor}/").json()
    assert data["nomor"] == cert.nomor and data["nama"] == "Siti Aminah" and data["status"] == "aktif"
    assert data["berlaku_sampai"] == "2029-01-09" and data["url"].endswith(f"/verifikasi/{cert.token}/")
    assert "nik" not in data and "alamat" not in data


def test_suspension_and_revocation_show_at_once_through_the_cache(client, cert, django_capture_on_commit_callbacks):
    path = f"/verifikasi/{cert.token}/"
    assert b'data-status="aktif"' in client.get(path).content  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        services.sertifikat_suspend(sertifikat=cert, alasan="Pengaduan diperiksa", by=admin_user())
    assert b'data-status="dibekukan"' in client.get(path).content
    assert client.get(f"/api/v1/verifikasi/{cert.nomor}/").json()["status"] == "dibekukan"
    with django_capture_on_commit_callbacks(execute=True):
        services.sertifikat_revoke(sertifikat=cert, alasan="Pemalsuan", by=admin_user())
    assert b'data-status="dicabut"' in client.get(path).content


def test_expiry_is_derived_from_the_date(client, cert, monkeypatch):
    from django.utils import timezone

    client.get(f"/verifikasi/{cert.token}/")  # cached while valid
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2029, 1, 10))
    assert b'data-status="kedaluwarsa"' in client.get(f"/verifikasi/{cert.token}/").content


def test_rate_limited(client, cert, settings):
    settings.LSP_VERIFIKASI_PER_MINUTE = 3
    codes = [client.get(f"/verifikasi/{cert.token}/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert client.get(f"/api/v1/verifikasi/{cert.nomor}/").status_code == 429


def test_verification_needs_few_queries(client, cert, django_assert_max_num_queries):
    client.get(f"/verifikasi/{cert.token}/")
    with django_assert_max_num_queries(1):  # cached data; the LSP name for the footer
        assert client.get(f"/verifikasi/{cert.token}/").status_code == 200


# --- the holder --------------------------------------------------------------------------------------


def test_holder_sees_own_certificates_and_downloads_the_pdf(client, cert, django_capture_on_commit_callbacks):
    other = issued(nama="Orang Lain")
    services.sertifikat_pdf_render(sertifikat_id=cert.pk)
    client.force_login(cert.asesi.user)
    response = client.get("/sertifikat/saya/")
    html = response.content.decode()
    assert response.status_code == 200 and cert.nomor in html and other.nomor not in html
    pdf = client.get(f"/sertifikat/{cert.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert client.get(f"/sertifikat/{other.pk}/pdf/").status_code == 404  # someone else's


def test_pdf_not_ready_is_404_and_anonymous_must_log_in(client, cert):
    assert Sertifikat.objects.get(pk=cert.pk).pdf_status == StatusPdf.SEDANG_DIBUAT
    assert client.get(f"/sertifikat/{cert.pk}/pdf/").status_code == 302
    client.force_login(cert.asesi.user)
    assert client.get(f"/sertifikat/{cert.pk}/pdf/").status_code == 404


# --- admin -----------------------------------------------------------------------------------------


def test_admin_pages_need_admin_lsp(client, cert):
    client.force_login(UserFactory(roles=("asesi",)))
    for path in ("/sertifikat/", "/sertifikat/penerbitan/", f"/sertifikat/{cert.pk}/", "/sertifikat/impor/"):
        assert client.get(path).status_code == 403, path


def test_admin_list_filters_and_constant_queries(client, django_assert_max_num_queries):
    lsp_profile()
    skema = skema_with_units(n_units=1)
    admin = admin_user()
    for i in range(3):
        issued(nama=f"Pemegang {i}", skema=skema, by=admin)
    client.force_login(admin)
    with django_assert_max_num_queries(12) as few:
        client.get("/sertifikat/")
    for i in range(3, 13):
        issued(nama=f"Pemegang {i}", skema=skema, by=admin)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/sertifikat/")
    assert response.content.decode().count("data-sertifikat=") == 13
    first = Sertifikat.objects.order_by("pk").first()
    services.sertifikat_suspend(sertifikat=first, alasan="Periksa", by=admin)
    response = client.get("/sertifikat/", {"status": "dibekukan"})
    assert response.content.decode().count("data-sertifikat=") == 1
    assert client.get("/sertifikat/", {"status": "kedaluwarsa"}).content.decode().count("data-sertifikat=") == 0
    response = client.get("/sertifikat/", {"nomor": first.nomor})
    assert response.content.decode().count("data-sertifikat=") == 1
    assert client.get("/sertifikat/", {"skema": skema.kode.lower()}).content.decode().count("data-sertifikat=") == 13
    assert client.get("/sertifikat/", {"skema": "TIDAK-ADA"}).content.decode().count("data-sertifikat=") == 0
    assert client.get("/sertifikat/", {"status": "zzz", "tahun": "abc", "page": "99"}).status_code == 200


def test_admin_changes_status_with_reason_on_the_detail_page(client, cert):
    admin = admin_user()
    client.force_login(admin)
    assert client.get(f"/sertifikat/{cert.pk}/").status_code == 200
    response = client.post(f"/sertifikat/{cert.pk}/status/", {"ke": "dibekukan", "alasan": ""})
    assert response.status_code == 400
    response = client.post(f"/sertifikat/{cert.pk}/status/", {"ke": "aktif", "alasan": "x"})
    assert response.status_code == 400 and "tidak diperbolehkan" in response.content.decode()
    response = client.post(f"/sertifikat/{cert.pk}/status/", {"ke": "dicabut", "alasan": "Pemalsuan dokumen"})
    assert response.status_code == 302
    assert Sertifikat.objects.get(pk=cert.pk).status == "dicabut"
    assert client.post("/sertifikat/999999/status/", {"ke": "dicabut", "alasan": "x"}).status_code == 404


def test_admin_retries_a_failed_pdf(client, cert, django_capture_on_commit_callbacks):
    Sertifikat.objects.filter(pk=cert.pk).update(pdf_status=StatusPdf.GAGAL, pdf_error="OSError: disk penuh")
    client.force_login(admin_user())
    assert b"disk penuh" in client.get(f"/sertifikat/{cert.pk}/").content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/sertifikat/{cert.pk}/pdf/ulang/")
    assert response.status_code == 302
    assert Sertifikat.objects.get(pk=cert.pk).pdf_status == StatusPdf.SIAP


def test_issuing_queue_lists_only_kompeten_and_issues_the_ticked(client):
    lsp_profile()
    skema = skema_with_units(n_units=1)
    k1, k2 = permohonan_decided(nama="Kompeten Satu", skema=skema), permohonan_decided(nama="Kompeten Dua", skema=skema)
    bk = permohonan_decided(keputusan="BK", nama="Belum Kompeten", skema=skema)
    client.force_login(admin_user())
    html = client.get("/sertifikat/penerbitan/").content.decode()
    assert f'data-permohonan="{k1.pk}"' in html and f'data-permohonan="{bk.pk}"' not in html
    response = client.post("/sertifikat/penerbitan/", {"permohonan": [k1.pk, bk.pk, "abc"]})
    assert response.status_code == 302
    assert Permohonan.objects.get(pk=k1.pk).status == StatusPermohonan.BERSERTIFIKAT
    assert Permohonan.objects.get(pk=bk.pk).status == StatusPermohonan.DIPUTUSKAN
    client.post("/sertifikat/penerbitan/", {"semua": "1"})
    assert Permohonan.objects.get(pk=k2.pk).status == StatusPermohonan.BERSERTIFIKAT
    response = client.post("/sertifikat/penerbitan/", {"permohonan": [bk.pk]}, follow=True)
    assert "Pilih minimal satu permohonan" in response.content.decode()


def test_legacy_import_all_or_nothing(client):
    lsp_profile()
    skema_with_units(n_units=2, kode="SKM-LAMA-01")
    holder = permohonan_decided(nama="Pemegang Lama").asesi
    client.force_login(admin_user())
    bad = (f"nomor,nomor_registrasi,nik,skema,tanggal_terbit\nLAMA-001/2020,,{holder.nik},SKM-LAMA-01,2020-02-29\n"
           "LAMA-002/2020,,9999999999999999,SKM-LAMA-01,kemarin\n")
    response = client.post("/sertifikat/impor/", {"berkas": SimpleUploadedFile("s.csv", bad.encode())})
    assert response.status_code == 200 and "Baris 3" in response.content.decode()
    assert not Sertifikat.objects.exists()
    good = (f"nomor,nomor_registrasi,nik,skema,tanggal_terbit\nLAMA-001/2020,TIK 1565 00007 2020,{holder.nik},"
            "skm-lama-01,2020-02-29\n")
    response = client.post("/sertifikat/impor/", {"berkas": SimpleUploadedFile("s.csv", good.encode())})
    assert response.status_code == 302
    cert = Sertifikat.objects.get()
    assert (cert.nomor, cert.sumber, cert.berlaku_sampai) == ("LAMA-001/2020", "impor", date(2023, 2, 27))
    assert len(cert.units) == 2 and cert.permohonan is None
    response = client.post("/sertifikat/impor/", {"berkas": SimpleUploadedFile("s.csv", good.encode())})
    assert "sudah ada" in response.content.decode()


def test_one_click_recertification_prefilled_from_the_certificate(client, cert):
    from asesi.models import Permohonan as P

    client.force_login(cert.asesi.user)
    page = client.get("/sertifikat/saya/").content.decode()
    assert f"/sertifikat/{cert.pk}/sertifikasi-ulang/" in page and "Surveilans" in page
    response = client.post(f"/sertifikat/{cert.pk}/sertifikasi-ulang/")
    new = P.objects.filter(asesi=cert.asesi, tujuan="sertifikasi_ulang").get()
    assert response.status_code == 302 and response.url == new.get_absolute_url()
    assert (new.status, new.skema_id) == ("draft", cert.skema_id)
    assert sorted(new.units.values_list("kode", flat=True)) == sorted(u["kode"] for u in cert.units)
    again = client.post(f"/sertifikat/{cert.pk}/sertifikasi-ulang/", follow=True)
    assert "masih memiliki permohonan" in again.content.decode()  # one open application per skema
    client.force_login(UserFactory(roles=("asesi",)))
    assert client.post(f"/sertifikat/{cert.pk}/sertifikasi-ulang/").status_code == 404


def test_issue_all_shows_progress_then_one_zip(client, django_capture_on_commit_callbacks):
    import io
    import zipfile

    lsp_profile()
    skema = skema_with_units(n_units=1)
    apps = [permohonan_decided(nama=f"Massal {i}", skema=skema) for i in range(3)]
    client.force_login(admin_user())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/sertifikat/penerbitan/", {"semua": "1"})
    massal_url = response.url
    assert massal_url.startswith("/sertifikat/massal/")
    page = client.get(massal_url + "?partial=1").content.decode()
    assert "0 dari 3" in page and 'hx-trigger="every 2s"' in page  # polling while the PDFs are made
    with django_capture_on_commit_callbacks(execute=True):
        for cb in callbacks:
            cb()  # the PDF tasks; the last one enqueues the ZIP
    page = client.get(massal_url + "?partial=1").content.decode()
    assert "3 dari 3" in page and "hx-trigger" not in page and 'data-testid="massal-zip"' in page
    response = client.get(massal_url + "zip/")
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    assert len(names) == 3 and all(n.startswith("LSP-1565_2026_") or n.endswith(".pdf") for n in names)
    assert all(Permohonan.objects.get(pk=p.pk).status == "bersertifikat" for p in apps)
    client.force_login(UserFactory(roles=("asesi",)))
    assert client.get(massal_url).status_code == 403


@pytest.mark.parametrize("tahun", ["0.5", "0", "99999", "2026.5"])
def test_year_filter_out_of_range_is_a_form_error_not_a_500(client, cert, tahun):
    """Found by the API's schemathesis run: ``?tahun=0.5`` reached the database as year 0."""
    client.force_login(admin_user())
    assert client.get("/sertifikat/", {"tahun": tahun}).status_code == 200
    assert client.get("/api/v1/sertifikat/", {"tahun": tahun}).status_code == 400
def _listed(response):
    import re

    return [int(pk) for pk in re.findall(r'data-sertifikat="(\d+)"', response.content.decode())]


def test_admin_list_pages_by_cursor_with_constant_queries_on_every_filter(client, django_assert_max_num_queries):
    """The admin list follows a cursor (``?sebelum=`` / ``?sesudah=``) in (tanggal_terbit, id) order, never
    an OFFSET or a COUNT: each page and each filter costs the same few queries, however deep."""
    from sertifikat.views import SertifikatListView

    lsp_profile()
    skema = skema_with_units(n_units=1)
    admin = admin_user()
    certs = [issued(nama=f"Pemegang {i}", skema=skema, by=admin, tanggal_terbit=date(2025, 1 + i % 12, 1 + i))
             for i in range(7)]
    client.force_login(admin)
    expected = [c.pk for c in sorted(certs, key=lambda c: (c.tanggal_terbit, c.pk), reverse=True)]
    page_size = SertifikatListView.paginate_by
    SertifikatListView.paginate_by = 3
    try:
        seen, url = [], "/sertifikat/"
        for _page in range(3):
            with django_assert_max_num_queries(8) as page:  # session, user, nav badges, the one list query
                response = client.get(url)
            listing = [q["sql"] for q in page.captured_queries if 'FROM "sertifikat_sertifikat"' in q["sql"]
                           and not q["sql"].startswith("SELECT (SELECT COUNT(*)")]  # not the menu's badges
            assert len(listing) == 1 and "OFFSET" not in listing[0] and "COUNT(" not in listing[0]
            seen += _listed(response)
            older = response.context["page_obj"].older
            if not older:
                break
            url = f"/sertifikat/?sebelum={older}"
        assert seen == expected  # every certificate once, newest first
        newer = response.context["page_obj"].newer
        assert _listed(client.get(f"/sertifikat/?sesudah={newer}")) == expected[3:6]  # back one page
        assert response.context["paginator"] is None
    finally:
        SertifikatListView.paginate_by = page_size
    for query in ({"status": "aktif"}, {"status": "dibekukan"}, {"status": "kedaluwarsa"}, {"status": "dicabut"},
                  {"skema": skema.kode}, {"tahun": "2025"}, {"pdf_status": "siap"}, {"nomor": certs[0].nomor},
                  {"sebelum": "bm9uc2Vuc2U"}, {"sebelum": "!!"}):
        with django_assert_max_num_queries(9):  # + the skema code looked up
            assert client.get("/sertifikat/", query).status_code == 200, query


def test_admin_list_of_expired_is_by_expiry_and_pages_by_cursor(client):
    from sertifikat.views import SertifikatListView

    lsp_profile()
    admin = admin_user()
    old = [issued(nama=f"Lama {i}", by=admin, tanggal_terbit=date(2019 + i % 3, 1 + i, 5)) for i in range(5)]
    issued(nama="Masih berlaku", by=admin)
    client.force_login(admin)
    expected = [c.pk for c in sorted(old, key=lambda c: (c.berlaku_sampai, c.pk), reverse=True)]
    page_size = SertifikatListView.paginate_by
    SertifikatListView.paginate_by = 3
    try:
        response = client.get("/sertifikat/", {"status": "kedaluwarsa"})
        first = _listed(response)
        older = response.context["page_obj"].older
        rest = _listed(client.get("/sertifikat/", {"status": "kedaluwarsa", "sebelum": older}))
    finally:
        SertifikatListView.paginate_by = page_size
    assert first + rest == expected


def test_issuing_queue_pages_by_cursor_counts_to_a_cap_and_issue_all_takes_the_oldest(
        client, monkeypatch, django_assert_max_num_queries):
    import re

    from sertifikat import views

    lsp_profile()
    skema = skema_with_units(n_units=1)
    apps = [permohonan_decided(nama=f"Antri {i}", skema=skema) for i in range(5)]
    oldest_first = list(Permohonan.objects.filter(pk__in=[p.pk for p in apps])
                        .order_by("updated_at", "pk").values_list("pk", flat=True))
    monkeypatch.setattr(views.PenerbitanView, "paginate_by", 2)
    client.force_login(admin_user())
    seen, url, pages = [], "/sertifikat/penerbitan/", 0
    while url:
        with django_assert_max_num_queries(12):
            html = client.get(url).content.decode()
        seen += [int(pk) for pk in re.findall(r'data-permohonan="(\d+)"', html)]
        nxt = re.search(r'href="(\?[^"]*sebelum=[^"]+)"', html)
        url = "/sertifikat/penerbitan/" + nxt[1].replace("&amp;", "&") if nxt else None
        pages += 1
    assert seen == oldest_first and pages == 3  # every row once, oldest decision first, no OFFSET pages
    assert "5 permohonan siap diterbitkan" in client.get("/sertifikat/penerbitan/").content.decode()
    monkeypatch.setattr(views, "COUNT_CAP", 4)
    monkeypatch.setattr(views, "SEMUA_MAKS", 3)
    html = client.get("/sertifikat/penerbitan/?sebelum=tidak-valid").content.decode()  # a bad cursor: page 1
    assert "4+ permohonan siap diterbitkan" in html and "menerbitkan 3 yang terlama" in html
    assert re.findall(r'data-permohonan="(\d+)"', html) == [str(pk) for pk in oldest_first[:2]]
    client.post("/sertifikat/penerbitan/", {"semua": "1"})
    issued_now = set(Permohonan.objects.filter(status=StatusPermohonan.BERSERTIFIKAT).values_list("pk", flat=True))
    assert issued_now == set(oldest_first[:3])
