"""Pages: roles, ownership (someone else's id → 404/403), filters, exports, forms, weird input, and a
constant number of queries on the list. The date is pinned (``today`` fixture)."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from asesor.models import AsesorProfile, KonflikKepentingan, PesertaDiklat, RiwayatAsesmen, SertifikatAsesor
from lsp.models import Ekspor
from tests.factories import PASSWORD, SkemaFactory, UserFactory

from .factories import (
    AsesorFactory,
    DiklatFactory,
    KompetensiFactory,
    PesertaFactory,
    RiwayatFactory,
    SertifikatAsesorFactory,
)

pytestmark = pytest.mark.django_db
TODAY = date(2025, 6, 1)
D = timedelta(days=1)
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def admin_client(client, admin_lsp):
    return login(client, admin_lsp)


def make_asesor(issued_on, n_assessments=0, **kwargs):
    a = AsesorFactory(**kwargs)
    SertifikatAsesorFactory(asesor=a, issued_on=issued_on)
    for i in range(n_assessments):
        RiwayatFactory(asesor=a, tanggal=issued_on + (i + 1) * D)
    return a


@pytest.fixture
def registry():
    """One asesor in each state on TODAY (1 Jun 2025)."""
    return {
        "aktif": make_asesor(date(2024, 1, 10), 4),  # through 9 Jan 2027
        "segera": make_asesor(date(2022, 7, 1), 6),  # through 30 Jun 2025: 29 days left
        "mengulang": make_asesor(date(2021, 1, 10), 2),  # expired 9 Jan 2024
        "tanpa": AsesorFactory(),
    }


# --- access -------------------------------------------------------------------------------------

ADMIN_URLS = [
    ("asesor:asesor-list", False),
    ("asesor:asesor-export-csv", False),
    ("asesor:asesor-create", False),
    ("asesor:diklat-list", False),
    ("asesor:diklat-create", False),
    ("asesor:asesor-detail", True),
    ("asesor:asesor-update", True),
    ("asesor:sertifikat-create", True),
    ("asesor:rekognisi-create", True),
    ("asesor:kompetensi-create", True),
    ("asesor:riwayat-create", True),
    ("asesor:konflik-create", True),
    ("asesor:kelayakan", True),
]


@pytest.mark.parametrize("name, with_pk", ADMIN_URLS)
def test_admin_pages_refuse_other_roles(client, make_user, name, with_pk):
    a = AsesorFactory()
    url = reverse(name, args=[a.pk] if with_pk else [])
    assert client.get(url).status_code == 302  # anonymous → login
    for role in ("asesor", "asesi", "komite", "validator"):
        client.logout()
        login(client, make_user(role))
        assert client.get(url).status_code == 403, (name, role)


@pytest.mark.parametrize("name, with_pk", ADMIN_URLS)
def test_admin_pages_open_for_admin(admin_client, name, with_pk):
    a = make_asesor(date(2024, 1, 10))
    url = reverse(name, args=[a.pk] if with_pk else [])
    assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize(
    "name", ["asesor:asesor-detail", "asesor:asesor-update", "asesor:rekognisi-create", "asesor:kompetensi-update",
             "asesor:riwayat-verify", "asesor:diklat-detail", "asesor:peserta-hasil", "asesor:peserta-kompeten"]
)
def test_unknown_ids_are_404(admin_client, name):
    assert admin_client.get(reverse(name, args=[999999])).status_code == 404


# --- list ---------------------------------------------------------------------------------------


def test_list_shows_status_badges_and_counts(admin_client, registry):
    html = admin_client.get(reverse("asesor:asesor-list")).content.decode()
    assert 'data-status="aktif"' in html
    assert 'data-status="segera_kedaluwarsa"' in html
    assert 'data-status="kedaluwarsa"' in html
    assert 'data-status="tidak_ada_sertifikat"' in html
    assert "4 dari 6 asesmen" in html
    assert 'data-rekognisi="wajib_mengulang"' in html
    assert 'data-rekognisi="layak_rekognisi"' in html


def listed(client, **params):
    response = client.get(reverse("asesor:asesor-list"), params)
    assert response.status_code == 200
    return {a.pk for a, _st in response.context["rows"]}


def test_filters(admin_client, registry):
    r = registry
    assert listed(admin_client, status="aktif") == {r["aktif"].pk}
    assert listed(admin_client, status="segera_kedaluwarsa") == {r["segera"].pk}
    assert listed(admin_client, status="kedaluwarsa") == {r["mengulang"].pk}
    assert listed(admin_client, status="tidak_ada_sertifikat") == {r["tanpa"].pk}
    assert listed(admin_client, rekognisi="wajib_mengulang") == {r["mengulang"].pk}
    assert listed(admin_client, rekognisi="layak_rekognisi") == {r["segera"].pk}
    assert listed(admin_client, rekognisi="belum_memenuhi") == {r["aktif"].pk}
    assert listed(admin_client, q=r["aktif"].nomor_registrasi) == {r["aktif"].pk}


def test_expiring_in_n_days_boundary(admin_client, registry):
    segera = registry["segera"]  # last valid day 30 Jun 2025 = TODAY + 29
    assert listed(admin_client, kedaluwarsa_dalam=29) == {segera.pk}
    assert listed(admin_client, kedaluwarsa_dalam=28) == set()
    SertifikatAsesorFactory(asesor=segera, issued_on=date(2025, 7, 1), jenis="rekognisi")
    assert listed(admin_client, kedaluwarsa_dalam=29) == set()  # the next certificate is recorded


def test_skema_filter(admin_client, registry):
    skema = SkemaFactory(bidang="TIK")
    KompetensiFactory(asesor=registry["aktif"], skema=skema)
    KompetensiFactory(asesor=registry["segera"], skema=None, bidang="tik")
    KompetensiFactory(asesor=registry["tanpa"], skema=SkemaFactory())
    assert listed(admin_client, skema=skema.pk) == {registry["aktif"].pk, registry["segera"].pk}


@pytest.mark.parametrize(
    "params",
    [
        {"kedaluwarsa_dalam": "abc"},
        {"kedaluwarsa_dalam": "-5"},
        {"kedaluwarsa_dalam": "99999999999999999999"},
        {"status": "hacked"},
        {"skema": "999999"},
        {"skema": "x'; DROP TABLE"},
        {"master": "maybe"},
        {"q": "%" * 500},
        {"q": "\x00"},
    ],
)
def test_weird_filter_input_never_500(admin_client, registry, params):
    assert admin_client.get(reverse("asesor:asesor-list"), params).status_code == 200
    assert admin_client.get(reverse("asesor:asesor-export-csv"), params).status_code == 200


def test_bad_page_shows_a_valid_page_not_404_or_500(admin_client, registry):
    for page in ("abc", "999", "-1"):
        response = admin_client.get(reverse("asesor:asesor-list"), {"page": page})
        assert response.status_code == 200
        assert response.context["page_obj"].number == 1  # 4 asesors fit on one page


def test_list_queries_do_not_grow_with_rows(admin_client, django_assert_max_num_queries):
    skema = SkemaFactory()
    for i in range(30):
        a = make_asesor(date(2023, 1, 1) + i * 10 * D, 3)
        KompetensiFactory(asesor=a, skema=skema)
    for params in ({}, {"status": "aktif"}, {"rekognisi": "belum_memenuhi", "skema": skema.pk}):
        with django_assert_max_num_queries(16):
            response = admin_client.get(reverse("asesor:asesor-list"), params)
        assert response.status_code == 200
    with django_assert_max_num_queries(16):
        response = admin_client.get(reverse("asesor:asesor-export-csv"))
        assert len(b"".join(response.streaming_content).splitlines()) == 31


def test_pagination_keeps_filters(admin_client):
    for _ in range(27):
        make_asesor(date(2024, 1, 10))
    response = admin_client.get(reverse("asesor:asesor-list"), {"status": "aktif"})
    assert len(response.context["rows"]) == 25
    assert "status=aktif&amp;page=2" in response.content.decode()
    page2 = admin_client.get(reverse("asesor:asesor-list"), {"status": "aktif", "page": 2})
    assert len(page2.context["rows"]) == 2


# --- export -------------------------------------------------------------------------------------


def test_csv_export_respects_filters_and_escapes_formulas(admin_client, registry):
    registry["aktif"].user.nama_lengkap = "=HYPERLINK(\"http://x\")"
    registry["aktif"].user.save()
    response = admin_client.get(reverse("asesor:asesor-export-csv"), {"status": "aktif"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Nomor registrasi"
    assert len(rows) == 2
    row = rows[1]
    assert row[0] == registry["aktif"].nomor_registrasi
    assert row[1].startswith("'=")
    assert row[8] == "2027-01-09" and row[9] == "Aktif" and row[11] == "4"


def test_csv_export_is_streamed(admin_client, registry):
    response = admin_client.get(reverse("asesor:asesor-export-csv"))
    assert response.streaming
    assert len(list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))) == 5


def test_xlsx_export_is_built_in_the_background_with_the_filters(
    admin_client, registry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(reverse("asesor:asesor-export-xlsx"), {"rekognisi": "layak_rekognisi", "x": "1"})
    assert len(callbacks) == 1  # the build is queued only once the request's transaction commits
    ekspor = Ekspor.objects.get()
    assert response.status_code == 302 and response["Location"] == ekspor.get_absolute_url()
    assert ekspor.params == {"rekognisi": "layak_rekognisi", "tanggal_status": "2025-06-01"}
    assert ekspor.status == "selesai" and ekspor.baris_total == 1 and ekspor.persen == 100
    page = admin_client.get(ekspor.get_absolute_url()).content.decode()
    assert reverse("lsp:ekspor-download", args=[ekspor.pk]) in page
    download = admin_client.get(reverse("lsp:ekspor-download", args=[ekspor.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="asesor-20250601.xlsx"'
    rows = list(load_workbook(io.BytesIO(b"".join(download.streaming_content))).active.iter_rows(values_only=True))
    assert len(rows) == 2
    segera = rows[1]
    assert segera[0] == registry["segera"].nomor_registrasi
    assert segera[9] == "Segera kedaluwarsa" and segera[10] == 29 and segera[12] == "Layak rekognisi"
    assert segera[8].date() == date(2025, 6, 30)


def test_xlsx_old_link_goes_back_to_the_list_and_other_roles_cannot_ask(client, make_user, admin_client):
    response = admin_client.get(reverse("asesor:asesor-export-xlsx"), {"status": "aktif"})
    assert response.status_code == 302 and response["Location"] == reverse("asesor:asesor-list") + "?status=aktif"
    admin_client.logout()
    login(client, make_user("asesor"))
    assert client.post(reverse("asesor:asesor-export-xlsx")).status_code == 403
    assert not Ekspor.objects.exists()


# --- detail and the asesor's own page -----------------------------------------------------------


def test_detail_shows_history_competence_log_and_count(admin_client):
    a = make_asesor(date(2021, 1, 10), 6)
    SertifikatAsesorFactory(asesor=a, issued_on=date(2024, 1, 10), jenis="rekognisi", nomor="RCC-77")
    RiwayatFactory(asesor=a, tanggal=date(2024, 5, 1))
    KompetensiFactory(asesor=a, skema=SkemaFactory(nama="Junior Web Developer"))
    html = admin_client.get(reverse("asesor:asesor-detail", args=[a.pk])).content.decode()
    assert "RCC-77" in html and "Junior Web Developer" in html
    assert "1 dari 6 asesmen" in html
    assert html.count("bi-check-lg text-success") == 1  # only the entry inside the current certificate


def test_asesor_sees_only_themselves(client):
    me = make_asesor(date(2024, 1, 10), 4)
    other = make_asesor(date(2024, 1, 10), 1)
    login(client, me.user)
    html = client.get(reverse("asesor:asesor-saya")).content.decode()
    assert me.nomor_registrasi in html and other.nomor_registrasi not in html
    assert "4 dari 6 asesmen" in html
    assert "Catat asesmen eksternal" not in html  # no admin actions
    assert client.get(reverse("asesor:asesor-detail", args=[other.pk])).status_code == 403


def test_own_page_without_profile_and_for_other_roles(client, make_user):
    login(client, make_user("asesor"))
    assert "belum memiliki profil asesor" in client.get(reverse("asesor:asesor-saya")).content.decode()
    client.logout()
    login(client, make_user("admin_lsp"))
    assert client.get(reverse("asesor:asesor-saya")).status_code == 403


def test_home_panels_and_nav(client, admin_lsp, registry):
    a = registry["aktif"]
    login(client, a.user)
    html = client.get(reverse("home")).content.decode()
    assert "4 dari 6 asesmen" in html and reverse("asesor:asesor-saya") in html
    assert 'data-testid="sisa-hari">587 hari' in html  # 1 Jun 2025 → 9 Jan 2027
    client.logout()
    login(client, admin_lsp)
    html = client.get(reverse("home")).content.decode()
    assert reverse("asesor:asesor-list") in html and reverse("asesor:diklat-list") in html
    assert "?rekognisi=wajib_mengulang" in html


# --- documents ----------------------------------------------------------------------------------


@pytest.fixture
def with_document(admin_lsp):
    from asesor import services

    a = make_asesor(date(2024, 1, 10))
    entry = services.riwayat_eksternal_add(
        asesor=a, tanggal=date(2025, 1, 5), nama_lsp="LSP Lain", skema_nama="Barista", jumlah_asesi=2,
        dokumen=SimpleUploadedFile("surat tugas.pdf", PDF), by=admin_lsp, today=TODAY,
    )
    return a, entry


def test_document_download_scoped(client, admin_lsp, with_document):
    a, entry = with_document
    url = reverse("asesor:dokumen-download", args=["riwayat", entry.pk])
    login(client, admin_lsp)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "private, no-store"
    client.logout()
    login(client, a.user)
    assert client.get(url).status_code == 200
    client.logout()
    login(client, make_asesor(date(2024, 1, 10)).user)
    assert client.get(url).status_code == 404
    assert client.get(reverse("asesor:dokumen-download", args=["rahasia", entry.pk])).status_code == 404
    client.logout()
    login(client, UserFactory(roles=["asesi"]))
    assert client.get(url).status_code == 403


# --- forms --------------------------------------------------------------------------------------


def test_create_asesor_for_existing_account(admin_client):
    user = UserFactory(username="calonasesor")
    response = admin_client.post(
        reverse("asesor:asesor-create"),
        {"pengguna": "CALONASESOR", "nomor_registrasi": "MET.000.001668.2012", "telepon": "0812"},
    )
    profile = AsesorProfile.objects.get(user=user)
    assert response.status_code == 302 and response.url == profile.get_absolute_url()
    assert profile.nomor_registrasi == "MET.000.001668 2012"


def test_create_asesor_with_new_account(admin_client):
    response = admin_client.post(
        reverse("asesor:asesor-create"),
        {"username": "baru", "nama_lengkap": "Asesor Baru", "email": "baru@example.test",
         "nomor_registrasi": "MET.000.001669 2012"},
    )
    assert response.status_code == 302
    assert AsesorProfile.objects.get(user__username="baru").user.has_role("asesor")


@pytest.mark.parametrize(
    "data, field, text",
    [
        ({"pengguna": "tidakada", "nomor_registrasi": "MET.000.001668 2012"}, "pengguna", "tidak ditemukan"),
        ({"pengguna": "calon", "nomor_registrasi": "MET-000"}, "nomor_registrasi", "MET.000.001234 2024"),
        ({"nomor_registrasi": "MET.000.001668 2012"}, "__all__", "Pilih akun"),
        ({"username": "x", "nomor_registrasi": "MET.000.001668 2012"}, "nama_lengkap", "Wajib"),
        ({"pengguna": "dup", "nomor_registrasi": "MET.000.000001.2020"}, "nomor_registrasi", "sudah dipakai"),
        ({"pengguna": "calon", "nomor_registrasi": "x" * 5000}, "nomor_registrasi", "paling banyak"),
    ],
)
def test_create_asesor_errors_in_indonesian(admin_client, data, field, text):
    UserFactory(username="calon")
    UserFactory(username="dup")
    AsesorFactory(nomor_registrasi="MET.000.000001 2020")
    response = admin_client.post(reverse("asesor:asesor-create"), data)
    assert response.status_code == 200
    assert any(text in e for e in response.context["form"].errors[field]), response.context["form"].errors


def test_update_asesor(admin_client):
    a = AsesorFactory()
    response = admin_client.post(
        reverse("asesor:asesor-update", args=[a.pk]),
        {"nomor_registrasi": "MET.000.777777 2019", "telepon": "031", "alamat": "Surabaya", "is_master": "on"},
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.is_master and a.nomor_registrasi == "MET.000.777777 2019"


def test_record_first_certificate_with_scan(admin_client):
    a = AsesorFactory()
    response = admin_client.post(
        reverse("asesor:sertifikat-create", args=[a.pk]),
        {"jenis": "awal", "nomor": "ASK-001", "issued_on": "2024-02-29", "dokumen": SimpleUploadedFile("s.pdf", PDF)},
    )
    assert response.status_code == 302
    cert = SertifikatAsesor.objects.get(asesor=a)
    assert cert.valid_until == date(2027, 2, 27) and cert.dokumen


@pytest.mark.parametrize(
    "data", [
        {"jenis": "awal", "nomor": "A", "issued_on": "31-02-2024"},
        {"jenis": "awal", "nomor": "A", "issued_on": "2026-01-01"},
        {"jenis": "rekognisi", "nomor": "A", "issued_on": "2024-01-01"},
        {"jenis": "awal", "nomor": "A", "issued_on": "2024-01-01", "dokumen": SimpleUploadedFile("s.pdf", b"MZ" * 50)},
        {},
    ],
)
def test_certificate_form_weird_input(admin_client, data):
    a = AsesorFactory()
    response = admin_client.post(reverse("asesor:sertifikat-create", args=[a.pk]), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not SertifikatAsesor.objects.exists()


def test_recognition_refused_shows_reason_and_count(admin_client):
    a = make_asesor(date(2022, 7, 1), 5)
    url = reverse("asesor:rekognisi-create", args=[a.pk])
    assert "5 dari 6 asesmen" in admin_client.get(url).content.decode()
    response = admin_client.post(url, {"nomor": "RCC-1"})
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors().as_data()
    assert error.code == "rekognisi_kurang_asesmen"
    assert "baru 5 dari 6 asesmen" in response.content.decode()
    assert SertifikatAsesor.objects.filter(asesor=a).count() == 1


def test_recognition_recorded(admin_client):
    a = make_asesor(date(2022, 7, 1), 6)  # through 30 Jun 2025
    response = admin_client.post(reverse("asesor:rekognisi-create", args=[a.pk]), {"nomor": "RCC-1"})
    assert response.status_code == 302
    assert a.sertifikat.get(nomor="RCC-1").issued_on == date(2025, 7, 1)
    html = admin_client.get(reverse("asesor:asesor-detail", args=[a.pk])).content.decode()
    assert "asesor.rekognisi" in html  # the audit trail on the detail page
    assert "Sertifikat berikutnya RCC-1 berlaku mulai 1 Jul 2025" in html


def test_competence_add_and_edit(admin_client):
    a = AsesorFactory()
    skema = SkemaFactory()
    response = admin_client.post(
        reverse("asesor:kompetensi-create", args=[a.pk]),
        {"skema": skema.pk, "nomor_sertifikat": "T-1", "penerbit": "LSP TIK", "issued_on": "2020-01-01"},
    )
    assert response.status_code == 302
    k = a.kompetensi.get()
    response = admin_client.post(
        reverse("asesor:kompetensi-update", args=[k.pk]),
        {"bidang": "TIK", "nomor_sertifikat": "T-2", "penerbit": "LSP TIK", "issued_on": "2020-01-01",
         "valid_until": "2019-01-01"},
    )
    assert response.status_code == 200 and "valid_until" in response.context["form"].errors
    response = admin_client.post(
        reverse("asesor:kompetensi-update", args=[k.pk]),
        {"bidang": "TIK", "nomor_sertifikat": "T-2", "penerbit": "LSP TIK", "issued_on": "2020-01-01"},
    )
    assert response.status_code == 302
    k.refresh_from_db()
    assert (k.skema, k.bidang) == (None, "TIK")


def test_external_log_entry_and_verification(admin_client):
    a = make_asesor(date(2024, 1, 10))
    response = admin_client.post(
        reverse("asesor:riwayat-create", args=[a.pk]),
        {"tanggal": "2025-01-05", "nama_lsp": "LSP Pariwisata", "skema_nama": "Barista", "jumlah_asesi": 4,
         "dokumen": SimpleUploadedFile("bukti.pdf", PDF)},
    )
    assert response.status_code == 302
    entry = RiwayatAsesmen.objects.get(asesor=a)
    assert entry.status == "menunggu"
    detail = admin_client.get(reverse("asesor:asesor-detail", args=[a.pk])).content.decode()
    assert "0 dari 6 asesmen" in detail and reverse("asesor:riwayat-verify", args=[entry.pk]) in detail
    response = admin_client.post(reverse("asesor:riwayat-verify", args=[entry.pk]), {"keputusan": "terima"})
    assert response.status_code == 302
    detail = admin_client.get(reverse("asesor:asesor-detail", args=[a.pk])).content.decode()
    assert "1 dari 6 asesmen" in detail
    again = admin_client.post(reverse("asesor:riwayat-verify", args=[entry.pk]), {"keputusan": "tolak"})
    assert again.status_code == 200 and "sudah diverifikasi" in again.content.decode()


def test_external_log_requires_evidence(admin_client):
    a = AsesorFactory()
    response = admin_client.post(
        reverse("asesor:riwayat-create", args=[a.pk]),
        {"tanggal": "2025-01-05", "nama_lsp": "LSP", "skema_nama": "Barista", "jumlah_asesi": 4},
    )
    assert response.status_code == 200 and "dokumen" in response.context["form"].errors


def test_conflict_form(admin_client):
    a = AsesorFactory()
    asesi = UserFactory(username="asesi_konflik", email="konflik@example.test")
    url = reverse("asesor:konflik-create", args=[a.pk])
    assert admin_client.post(url, {"pihak": "konflik@example.test", "alasan": "Atasan langsung"}).status_code == 302
    assert KonflikKepentingan.objects.get(asesor=a).pihak == asesi
    response = admin_client.post(url, {"pihak": "asesi_konflik", "alasan": "lagi"})
    assert response.status_code == 200 and "sudah tercatat" in response.content.decode()


# --- diklat -------------------------------------------------------------------------------------


@pytest.fixture
def master():
    return make_asesor(date(2024, 1, 10), is_master=True)


def test_diklat_create_defaults_to_asesor_kompetensi_skema(admin_client, master):
    askom = SkemaFactory(kode="SKM-MET-ASKOM-2023")
    form = admin_client.get(reverse("asesor:diklat-create")).context["form"]
    assert form.initial["skema"] == askom
    response = admin_client.post(
        reverse("asesor:diklat-create"),
        {"nama": "Diklat Asesor Angkatan 7", "skema": askom.pk, "tanggal_mulai": "2025-03-03",
         "tanggal_selesai": "2025-03-07", "tempat": "Hotel Sofia", "master_asesor": master.pk},
    )
    assert response.status_code == 302
    html = admin_client.get(response.url).content.decode()
    assert "Diklat Asesor Angkatan 7" in html and "Hotel Sofia" in html


def test_diklat_form_errors(admin_client, master):
    not_master = make_asesor(date(2024, 1, 10))
    response = admin_client.post(
        reverse("asesor:diklat-create"),
        {"nama": "X", "skema": SkemaFactory().pk, "tanggal_mulai": "2025-03-07", "tanggal_selesai": "2025-03-03",
         "tempat": "", "master_asesor": not_master.pk},
    )
    form = response.context["form"]
    assert response.status_code == 200
    assert "tanggal_selesai" in form.errors and "master_asesor" in form.errors


def test_diklat_update(admin_client, master):
    d = DiklatFactory(master_asesor=master)
    data = {"nama": "Diklat Baru", "skema": d.skema.pk, "tanggal_mulai": "2025-03-03", "tanggal_selesai": "2025-03-08",
            "tempat": "Surabaya", "master_asesor": master.pk}
    assert admin_client.post(reverse("asesor:diklat-update", args=[d.pk]), data).status_code == 302
    d.refresh_from_db()
    assert d.nama == "Diklat Baru" and d.tanggal_selesai == date(2025, 3, 8)


def test_participants_and_outcomes(admin_client, master):
    d = DiklatFactory(master_asesor=master)
    candidate = UserFactory(username="asesi4", roles=["asesi"])
    other = UserFactory(username="asesi5", roles=["asesi"])
    for username in ("asesi4", "asesi5"):
        response = admin_client.post(reverse("asesor:peserta-create", args=[d.pk]), {"user": username})
        assert response.status_code == 302
    dup = admin_client.post(reverse("asesor:peserta-create", args=[d.pk]), {"user": "asesi4"})
    assert dup.status_code == 200 and "sudah menjadi peserta" in dup.content.decode()
    p = PesertaDiklat.objects.get(diklat=d, user=candidate)
    response = admin_client.post(
        reverse("asesor:peserta-kompeten", args=[p.pk]),
        {"nomor_registrasi": "MET.000.012345 2025", "nomor_sertifikat": "ASK-2025-9", "issued_on": "2025-03-08"},
    )
    assert response.status_code == 302
    profile = AsesorProfile.objects.get(user=candidate)
    assert profile.sertifikat.get().jenis == "awal"
    q = PesertaDiklat.objects.get(diklat=d, user=other)
    assert admin_client.post(
        reverse("asesor:peserta-hasil", args=[q.pk]), {"hasil": "belum_kompeten", "catatan": "Bukti kurang"}
    ).status_code == 302
    q.refresh_from_db()
    assert q.hasil == "belum_kompeten"
    html = admin_client.get(reverse("asesor:diklat-detail", args=[d.pk])).content.decode()
    assert "MET.000.012345 2025" in html
    # kompeten is final: the form refuses a second decision
    again = admin_client.post(
        reverse("asesor:peserta-kompeten", args=[p.pk]),
        {"nomor_registrasi": "", "nomor_sertifikat": "ASK-2025-10", "issued_on": "2025-03-08"},
    )
    assert again.status_code == 200 and again.context["form"].non_field_errors()


def test_peserta_hasil_refuses_unknown_choice(admin_client):
    p = PesertaFactory()
    response = admin_client.post(reverse("asesor:peserta-hasil", args=[p.pk]), {"hasil": "kompeten"})
    assert response.status_code == 200 and "hasil" in response.context["form"].errors


# --- nothing a user can type answers 500 --------------------------------------------------------

GARBAGE = {
    "pengguna": "\x00' OR 1=1 --", "username": "<script>", "nama_lengkap": "x" * 10000, "email": "not-an-email",
    "nomor_registrasi": "MET.000.\u0661\u0662\u0663\u0664\u0665\u0666 2024", "telepon": "📞" * 50, "alamat": "\x00",
    "is_master": "maybe", "jenis": "hacked", "nomor": "", "issued_on": "9999-99-99", "valid_until": "0000-00-00",
    "skema": "-1", "bidang": "x" * 500, "nomor_sertifikat": "x" * 500, "penerbit": "", "tanggal": "kemarin",
    "nama_lsp": "x" * 500, "skema_nama": "", "jumlah_asesi": "1e9", "keputusan": "mungkin", "catatan": "x" * 10000,
    "pihak": "nobody", "alasan": "", "nama": "", "tanggal_mulai": "2025-13-01", "tanggal_selesai": "31/12/2025",
    "tuk": "abc", "tempat": "", "master_asesor": "999999", "keterangan": "", "user": "", "hasil": "kompeten",
}


@pytest.mark.parametrize(
    "name",
    ["asesor:asesor-create", "asesor:asesor-update", "asesor:sertifikat-create", "asesor:rekognisi-create",
     "asesor:kompetensi-create", "asesor:kompetensi-update", "asesor:riwayat-create", "asesor:riwayat-verify",
     "asesor:konflik-create", "asesor:diklat-create", "asesor:diklat-update", "asesor:peserta-create",
     "asesor:peserta-hasil", "asesor:peserta-kompeten"],
)
def test_garbage_post_answers_form_errors(admin_client, name):
    a = make_asesor(date(2024, 1, 10))
    k = KompetensiFactory(asesor=a)
    r = RiwayatFactory(asesor=a, status="menunggu")
    p = PesertaFactory()
    pk = {
        "asesor:kompetensi-update": k.pk, "asesor:riwayat-verify": r.pk, "asesor:diklat-update": p.diklat.pk,
        "asesor:peserta-create": p.diklat.pk, "asesor:peserta-hasil": p.pk, "asesor:peserta-kompeten": p.pk,
    }.get(name, a.pk)
    args = [] if name in ("asesor:asesor-create", "asesor:diklat-create") else [pk]
    response = admin_client.post(reverse(name, args=args), GARBAGE)
    assert response.status_code == 200
    assert response.context["form"].errors


# --- eligibility check (the scheduling guard in the browser) ----------------------------------------


def kelayakan(client, asesor, **params):
    return client.get(reverse("asesor:kelayakan", args=[asesor.pk]), params)


def test_kelayakan_ok_on_the_last_valid_day_refused_the_day_after(admin_client):
    from .factories import KompetensiFactory

    a = make_asesor(date(2022, 7, 1))  # valid through 30 Jun 2025
    skema = SkemaFactory()
    KompetensiFactory(asesor=a, skema=skema)
    ok = kelayakan(admin_client, a, skema=skema.pk, tanggal="2025-06-30").content.decode()
    assert 'data-ok="1"' in ok
    refused = kelayakan(admin_client, a, skema=skema.pk, tanggal="2025-07-01").content.decode()
    assert 'data-ok="0"' in refused and 'data-code="sertifikat_kedaluwarsa"' in refused


def test_kelayakan_names_every_reason(admin_client):
    a = make_asesor(date(2024, 1, 10))
    asesi = UserFactory(roles=["asesi"])
    KonflikKepentingan.objects.create(asesor=a, pihak=asesi, alasan="Saudara kandung", declared_by=a.user)
    html = kelayakan(admin_client, a, skema=SkemaFactory().pk, tanggal="2025-06-01", asesi=asesi.username)
    html = html.content.decode()
    assert 'data-code="tanpa_kompetensi_teknis"' in html and 'data-code="konflik_kepentingan"' in html
    own = kelayakan(admin_client, a, skema=SkemaFactory().pk, tanggal="2025-06-01", asesi=a.user.username)
    assert 'data-code="asesmen_diri_sendiri"' in own.content.decode()


@pytest.mark.parametrize(
    "params",
    [{"skema": "abc", "tanggal": "2025-06-01"}, {"skema": "1", "tanggal": "31-02-2025"}, {"tanggal": "\x00"},
     {"skema": "999999", "tanggal": "2025-06-01", "asesi": "tidak-ada"}],
)
def test_kelayakan_bad_input_shows_form_errors(admin_client, params):
    response = kelayakan(admin_client, make_asesor(date(2024, 1, 10)), **params)
    assert response.status_code == 200
    assert "data-testid=\"kelayakan-hasil\"" not in response.content.decode()
    assert "invalid-feedback" in response.content.decode()


def test_kelayakan_is_read_only(admin_client):
    a = make_asesor(date(2024, 1, 10))
    assert admin_client.post(reverse("asesor:kelayakan", args=[a.pk]), {}).status_code == 405


# --- the service's refusals on the form (forms only shape input) -----------------------------------


def test_new_account_refusals_come_back_on_their_fields(admin_client):
    from django.contrib.auth import get_user_model

    response = admin_client.post(
        reverse("asesor:asesor-create"), {"username": "baru", "nomor_registrasi": "met.000.001669.2012"}
    )
    form = response.context["form"]
    assert response.status_code == 200
    assert [e.code for e in form.errors.as_data()["nama_lengkap"]] == ["required"]
    assert [e.code for e in form.errors.as_data()["email"]] == ["required"]
    assert not get_user_model().objects.filter(username="baru").exists()


def test_competence_without_skema_or_bidang_shows_the_reason_on_top(admin_client):
    a = AsesorFactory()
    response = admin_client.post(
        reverse("asesor:kompetensi-create", args=[a.pk]),
        {"nomor_sertifikat": "T-1", "penerbit": "LSP TIK", "issued_on": "2020-01-01", "valid_until": "2019-12-31"},
    )
    form = response.context["form"]
    assert response.status_code == 200
    assert [e.code for e in form.non_field_errors().as_data()] == ["skema_atau_bidang"]
    assert [e.code for e in form.errors.as_data()["valid_until"]] == ["tanggal_terbalik"]
    assert not a.kompetensi.exists()


def test_external_entry_without_skema_shows_the_reason_on_top(admin_client):
    a = make_asesor(date(2024, 1, 10))
    response = admin_client.post(
        reverse("asesor:riwayat-create", args=[a.pk]),
        {"tanggal": "2025-01-05", "nama_lsp": "LSP Pariwisata", "jumlah_asesi": 4,
         "dokumen": SimpleUploadedFile("bukti.pdf", PDF)},
    )
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["skema_atau_nama"]
    assert not RiwayatAsesmen.objects.exists()


def test_diklat_without_place_or_tuk_is_refused(admin_client, master):
    response = admin_client.post(
        reverse("asesor:diklat-create"),
        {"nama": "X", "skema": SkemaFactory().pk, "tanggal_mulai": "2025-03-03", "tanggal_selesai": "2025-03-03",
         "tempat": " ", "master_asesor": master.pk},
    )
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["tuk_atau_tempat"]
    assert "Pilih TUK atau isi tempat." in response.content.decode()


@pytest.mark.parametrize(
    "name, data",
    [
        ("asesor:sertifikat-create", {"jenis": "awal", "nomor": "ASK-1", "issued_on": "2024-01-10"}),
        ("asesor:kompetensi-create",
         {"bidang": "TIK", "nomor_sertifikat": "T-1", "penerbit": "LSP", "issued_on": "2020-01-01"}),
        ("asesor:riwayat-create",
         {"tanggal": "2025-01-05", "nama_lsp": "LSP Lain", "skema_nama": "Barista", "jumlah_asesi": 2}),
    ],
)
def test_a_file_that_is_not_a_document_is_refused_on_its_field(admin_client, name, data):
    """The form takes any file; the service checks what its bytes are, once, and the page shows why."""
    a = AsesorFactory()
    response = admin_client.post(
        reverse(name, args=[a.pk]), {**data, "dokumen": SimpleUploadedFile("bukti.pdf", b"MZ" * 50)}
    )
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["dokumen"]] == ["file_type"]
    assert not (a.sertifikat.exists() or a.kompetensi.exists() or RiwayatAsesmen.objects.exists())
