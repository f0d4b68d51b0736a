"""Master-data pages of admin LSP: lists (search, filters, pagination, query counts), forms with
Indonesian errors, tree editing, refusals shown as messages, the LSP profile and the audit page."""

import datetime
import zoneinfo
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from django.urls import reverse

from lsp import services
from lsp.models import KUK, TUK, AuditLog, Elemen, LspProfile, PersyaratanDasar, Skema, UnitKompetensi
from tests.factories import (
    ElemenFactory,
    KUKFactory,
    SkemaFactory,
    TUKFactory,
    UnitFactory,
    skema_with_units,
)

pytestmark = pytest.mark.django_db

PNG_1PX = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def admin_client(client, admin_lsp):
    client.force_login(admin_lsp)
    return client


def flash(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def rows_of(response):
    return list(response.context["object_list"])


# --- skema list ----------------------------------------------------------------------------------
def test_skema_list_counts_units_without_n_plus_one(admin_client, django_assert_max_num_queries):
    for i in range(30):
        skema_with_units(n_units=3, n_elemen=1, n_kuk=1, bidang=f"Bidang {i % 3}")
    with django_assert_max_num_queries(10):
        response = admin_client.get(reverse("lsp:skema-list"))
    assert response.status_code == 200
    page = rows_of(response)
    assert len(page) == 25 and {s.jumlah_unit for s in page} == {3}
    assert response.context["is_paginated"]


def test_skema_list_search_and_filters(admin_client):
    SkemaFactory(kode="SKM-TIK-JWD", nama="Junior Web Developer", bidang="TIK")
    SkemaFactory(kode="SKM-KOP-PUM", nama="Pendamping UMKM", bidang="Koperasi", aktif=False)
    SkemaFactory(kode="SKM-KKNI-2", nama="Operator", jenis=Skema.Jenis.KKNI, level_kkni=2, bidang="TIK")
    url = reverse("lsp:skema-list")

    def kode(**params):
        return [s.kode for s in rows_of(admin_client.get(url, params))]

    assert kode(q="web") == ["SKM-TIK-JWD"]
    assert kode(q="skm-kop") == ["SKM-KOP-PUM"]
    assert kode(jenis="kkni") == ["SKM-KKNI-2"]
    assert kode(aktif="false") == ["SKM-KOP-PUM"]
    assert kode(aktif="true", bidang="TIK") == ["SKM-KKNI-2", "SKM-TIK-JWD"]
    assert kode(q="tidak ada") == []


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"}, {"page": "999"}, {"page": "-1"}, {"page": "0"}, {"page": "1e9"},
        {"jenis": "xyz"}, {"aktif": "mungkin"}, {"bidang": "tidak-ada"}, {"q": "a\x00b"}, {"q": "x" * 5000},
        {"jenis": ["kkni", "xyz"]}, {"q": "%' OR 1=1 --"},
    ],
)
def test_skema_list_survives_weird_querystrings(admin_client, params):
    SkemaFactory()
    response = admin_client.get(reverse("lsp:skema-list"), params)
    assert response.status_code == 200


def test_bad_filter_value_shows_an_indonesian_error(admin_client):
    SkemaFactory()
    response = admin_client.get(reverse("lsp:skema-list"), {"jenis": "xyz"})
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert len(rows_of(response)) == 1  # the bad filter is ignored, not fatal


def test_pagination_keeps_filters(admin_client):
    for i in range(30):
        SkemaFactory(bidang="TIK", kode=f"SKM-{i:02d}")
    response = admin_client.get(reverse("lsp:skema-list"), {"bidang": "TIK"})
    assert "bidang=TIK&amp;page=2" in response.content.decode()
    response = admin_client.get(reverse("lsp:skema-list"), {"bidang": "TIK", "page": "2"})
    assert len(rows_of(response)) == 5


# --- skema create / update / status --------------------------------------------------------------
def test_skema_create_page(admin_client):
    response = admin_client.post(
        reverse("lsp:skema-create"),
        {"kode": "SKM-BARU", "nama": "Skema Baru", "jenis": "okupasi", "bidang": "TIK", "masa_berlaku_tahun": 3},
    )
    skema = Skema.objects.get(kode="SKM-BARU")
    assert response.status_code == 302 and response["Location"] == skema.get_absolute_url()
    assert AuditLog.objects.get().action == "skema.create"


def test_skema_form_errors_are_indonesian(admin_client):
    response = admin_client.post(reverse("lsp:skema-create"), {"jenis": "kkni", "masa_berlaku_tahun": 0})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["kode"] == ["Bidang ini tidak boleh kosong."]
    assert "Skema KKNI wajib" in errors["level_kkni"][0]
    assert errors["masa_berlaku_tahun"]
    assert not Skema.objects.exists()


def test_skema_form_level_out_of_range(admin_client):
    response = admin_client.post(
        reverse("lsp:skema-create"),
        {"kode": "SKM-X", "nama": "X", "jenis": "kkni", "level_kkni": 10, "masa_berlaku_tahun": 3},
    )
    assert response.context["form"].errors["level_kkni"] == ["Jenjang KKNI antara 1 dan 9."]


def test_skema_duplicate_kode_is_a_field_error(admin_client):
    SkemaFactory(kode="SKM-A")
    response = admin_client.post(
        reverse("lsp:skema-create"), {"kode": "skm-a", "nama": "X", "jenis": "okupasi", "masa_berlaku_tahun": 3}
    )
    assert response.context["form"].errors["kode"] == ["Kode skema ini sudah dipakai."]


def test_skema_update_page(admin_client):
    skema = SkemaFactory(nama="Lama")
    url = reverse("lsp:skema-update", args=[skema.pk])
    assert 'value="Lama"' in admin_client.get(url).content.decode()
    response = admin_client.post(
        url, {"kode": skema.kode, "nama": "Baru", "jenis": "okupasi", "masa_berlaku_tahun": 3}
    )
    assert response.status_code == 302
    skema.refresh_from_db()
    assert skema.nama == "Baru"
    assert AuditLog.objects.get().data["changes"] == {"nama": ["Lama", "Baru"]}


def test_skema_status_toggle(admin_client):
    skema = SkemaFactory()
    response = admin_client.post(reverse("lsp:skema-status", args=[skema.pk]), {"aktif": "0"})
    assert response.status_code == 302
    skema.refresh_from_db()
    assert not skema.aktif
    assert admin_client.get(reverse("lsp:skema-status", args=[skema.pk])).status_code == 405


# --- skema detail and its tree -------------------------------------------------------------------
def test_skema_detail_shows_the_tree_in_few_queries(admin_client, django_assert_max_num_queries):
    skema = skema_with_units(n_units=4, n_elemen=3, n_kuk=3)
    with django_assert_max_num_queries(12):
        response = admin_client.get(skema.get_absolute_url())
    html = response.content.decode()
    for kuk in KUK.objects.all():
        assert kuk.deskripsi in html
    for unit in skema.units.all():
        assert unit.kode in html and f'id="unit-{unit.pk}"' in html
    assert skema.persyaratan.get().deskripsi in html


def test_add_unit_elemen_kuk_persyaratan_through_pages(admin_client):
    skema = SkemaFactory()
    response = admin_client.post(
        reverse("lsp:unit-create", args=[skema.pk]), {"kode": "j.620100.004.02", "judul": "Struktur Data"}
    )
    unit = UnitKompetensi.objects.get()
    assert response["Location"].endswith(f"#unit-{unit.pk}") and unit.kode == "J.620100.004.02"
    admin_client.post(reverse("lsp:elemen-create", args=[unit.pk]), {"nama": "Elemen satu"})
    elemen = Elemen.objects.get()
    admin_client.post(reverse("lsp:kuk-create", args=[elemen.pk]), {"deskripsi": "KUK satu"})
    admin_client.post(reverse("lsp:persyaratan-create", args=[skema.pk]), {"deskripsi": "Ijazah", "wajib": "on"})
    assert KUK.objects.get().deskripsi == "KUK satu"
    assert PersyaratanDasar.objects.get().wajib
    assert AuditLog.objects.count() == 4


def test_unit_form_errors(admin_client):
    unit = UnitFactory(kode="J.620100.004.02")
    url = reverse("lsp:unit-create", args=[unit.skema_id])
    errors = admin_client.post(url, {"kode": "J.620100.004.02", "judul": "X"}).context["form"].errors
    assert errors["kode"] == ["Unit J.620100.004.02 sudah ada di skema ini."]
    errors = admin_client.post(url, {"kode": "ABC", "judul": ""}).context["form"].errors
    assert "Kode unit harus berupa" in errors["kode"][0]
    assert errors["judul"] == ["Bidang ini tidak boleh kosong."]


def test_edit_pages(admin_client):
    kuk = KUKFactory(deskripsi="Lama")
    elemen, unit = kuk.elemen, kuk.elemen.unit
    admin_client.post(reverse("lsp:kuk-update", args=[kuk.pk]), {"deskripsi": "Baru"})
    admin_client.post(reverse("lsp:elemen-update", args=[elemen.pk]), {"nama": "Elemen baru"})
    admin_client.post(reverse("lsp:unit-update", args=[unit.pk]), {"kode": unit.kode, "judul": "Judul baru"})
    kuk.refresh_from_db(), elemen.refresh_from_db(), unit.refresh_from_db()
    assert (kuk.deskripsi, elemen.nama, unit.judul) == ("Baru", "Elemen baru", "Judul baru")


def test_delete_confirm_then_delete(admin_client):
    unit = UnitFactory()
    ElemenFactory(unit=unit)
    url = reverse("lsp:unit-delete", args=[unit.pk])
    page = admin_client.get(url).content.decode()
    assert unit.kode in page and "elemen dan KUK" in page
    response = admin_client.post(url)
    assert response.status_code == 302 and not UnitKompetensi.objects.exists()
    assert any("dihapus" in m for m in flash(response))


def test_delete_refused_by_protect_is_a_message_not_a_500(admin_client, monkeypatch):
    kuk = KUKFactory()

    def protected(self, *args, **kwargs):
        raise ProtectedError("dipakai", {kuk})

    monkeypatch.setattr(KUK, "delete", protected)
    response = admin_client.post(reverse("lsp:kuk-delete", args=[kuk.pk]))
    assert response.status_code == 302
    assert any("tidak dapat dihapus" in m for m in flash(response))
    assert KUK.objects.filter(pk=kuk.pk).exists() and not AuditLog.objects.exists()


def test_move_through_page(admin_client):
    unit = UnitFactory()
    a, b = ElemenFactory(unit=unit, urutan=1), ElemenFactory(unit=unit, urutan=2)
    response = admin_client.post(reverse("lsp:elemen-move", args=[b.pk]), {"arah": "naik"})
    assert response["Location"].endswith(f"#unit-{unit.pk}")
    assert list(unit.elemen.order_by("urutan").values_list("pk", flat=True)) == [b.pk, a.pk]


@pytest.mark.parametrize("data", [{}, {"arah": "samping"}, {"arah": "x" * 1000}])
def test_move_with_bad_direction_is_a_message(admin_client, data):
    unit = UnitFactory()
    response = admin_client.post(reverse("lsp:unit-move", args=[unit.pk]), data)
    assert response.status_code == 302
    assert flash(response) == ["Arah pemindahan tidak dikenal."]
    assert not AuditLog.objects.exists()


# --- TUK -----------------------------------------------------------------------------------------
def test_tuk_list_filters_and_queries(admin_client, django_assert_max_num_queries):
    for i in range(30):
        TUKFactory(jenis=TUK.Jenis.MANDIRI if i % 2 else TUK.Jenis.SEWAKTU, kota="Surabaya" if i < 3 else "Malang")
    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse("lsp:tuk-list"))
    assert len(rows_of(response)) == 25
    assert len(rows_of(admin_client.get(reverse("lsp:tuk-list"), {"q": "surabaya"}))) == 3
    assert len(rows_of(admin_client.get(reverse("lsp:tuk-list"), {"jenis": "mandiri"}))) == 15
    for params in ({"page": "abc"}, {"jenis": "xyz"}, {"aktif": "2"}):
        assert admin_client.get(reverse("lsp:tuk-list"), params).status_code == 200


def test_tuk_create_edit_deactivate(admin_client):
    data = {"kode": "TUK-LAB", "nama": "Lab Komputer", "jenis": "mandiri", "alamat": "Jl. Raya 1", "kota": "Surabaya"}
    assert admin_client.post(reverse("lsp:tuk-create"), data).status_code == 302
    tuk = TUK.objects.get()
    admin_client.post(reverse("lsp:tuk-update", args=[tuk.pk]), {**data, "kontak_email": "bukan-email"})
    tuk.refresh_from_db()
    assert tuk.kontak_email == ""
    response = admin_client.post(reverse("lsp:tuk-update", args=[tuk.pk]), {**data, "kontak_email": "bukan-email"})
    assert response.context["form"].errors["kontak_email"] == ["Masukkan alamat email yang valid."]
    admin_client.post(reverse("lsp:tuk-status", args=[tuk.pk]), {"aktif": "0"})
    tuk.refresh_from_db()
    assert not tuk.aktif
    assert [a.action for a in AuditLog.objects.order_by("pk")] == ["tuk.create", "tuk.deactivate"]


def test_tuk_form_requires_fields_in_indonesian(admin_client):
    errors = admin_client.post(reverse("lsp:tuk-create"), {"jenis": "kapal"}).context["form"].errors
    assert errors["kode"] == ["Bidang ini tidak boleh kosong."]
    assert errors["jenis"][0].startswith("Masukkan pilihan yang valid")


# --- LSP profile ---------------------------------------------------------------------------------
PROFILE = {
    "nama": "LSP Uji", "nomor_lisensi": "bnsp-lsp-1565-id", "kode_lsp": "", "alamat": "Jl. Uji 1",
    "penandatangan_nama": "Ir. Ketua", "penandatangan_jabatan": "Ketua LSP",
}


def test_profile_page_creates_the_profile(admin_client):
    form = admin_client.get(reverse("lsp:profil")).context["form"]
    assert form["nama"].value() in (None, "")  # not the "profil belum diisi" placeholder
    response = admin_client.post(reverse("lsp:profil"), PROFILE)
    assert response.status_code == 302
    profile = LspProfile.objects.get()
    assert (profile.nomor_lisensi, profile.kode_lsp) == ("BNSP-LSP-1565-ID", "1565")


def test_profile_errors(admin_client):
    response = admin_client.post(reverse("lsp:profil"), {**PROFILE, "nomor_lisensi": "1565", "kode_lsp": "15A"})
    errors = response.context["form"].errors
    assert errors["nomor_lisensi"] == ["Format nomor lisensi: BNSP-LSP-1565-ID."]
    assert errors["kode_lsp"] == ["Kode LSP hanya berisi angka, mis. 1565."]


def test_profile_logo_upload_and_public_logo(admin_client, client):
    logo = SimpleUploadedFile("logo.png", PNG_1PX, content_type="image/png")
    response = admin_client.post(reverse("lsp:profil"), {**PROFILE, "logo": logo})
    assert response.status_code == 302
    profile = LspProfile.objects.get()
    assert profile.logo.name.startswith("lsp/logo/logo-")
    client.logout()
    served = client.get(reverse("lsp:profil-logo"))
    assert served.status_code == 200 and b"".join(served.streaming_content) == PNG_1PX
    assert served["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("logo.png", b"MZ\x90\x00" + b"\x00" * 100, "Unggah gambar yang valid"),
        ("logo.jpg", PNG_1PX, "tidak sesuai dengan isinya"),
        ("logo.png", b"", "kosong"),
    ],
)
def test_profile_logo_refused(admin_client, name, content, fragment):
    logo = SimpleUploadedFile(name, content)
    response = admin_client.post(reverse("lsp:profil"), {**PROFILE, "logo": logo})
    assert response.status_code == 200
    assert fragment in " ".join(response.context["form"].errors["logo"])
    assert not LspProfile.objects.exists()


def test_profile_logo_too_large(admin_client, settings):
    settings.LSP_LOGO_MAX_BYTES = len(PNG_1PX) - 1
    logo = SimpleUploadedFile("logo.png", PNG_1PX)
    response = admin_client.post(reverse("lsp:profil"), {**PROFILE, "logo": logo})
    assert "melebihi batas" in response.context["form"].errors["logo"][0]


def test_no_logo_is_404(client):
    assert client.get(reverse("lsp:profil-logo")).status_code == 404


# --- audit page ----------------------------------------------------------------------------------
def test_audit_list_filters_and_queries(admin_client, admin_lsp, make_user, django_assert_max_num_queries):
    other = make_user("admin_lsp", username="admin_dua", nama_lengkap="Sari Dua")
    for i in range(40):
        services.skema_create(by=admin_lsp if i % 2 else other, kode=f"SKM-{i}", nama="S", jenis="okupasi")
    services.tuk_create(by=other, kode="TUK-1", nama="T", jenis="sewaktu", alamat="A")
    url = reverse("lsp:audit-list")
    with django_assert_max_num_queries(10):
        response = admin_client.get(url)
    assert len(rows_of(response)) == 41
    assert [e.action for e in rows_of(admin_client.get(url, {"action": "tuk.create"}))] == ["tuk.create"]
    assert len(rows_of(admin_client.get(url, {"actor": "admin_dua"}))) == 21  # by username
    assert len(rows_of(admin_client.get(url, {"actor": "Sari Dua"}))) == 21  # by full name
    assert rows_of(admin_client.get(url, {"tanggal_sampai": "2000-01-01"})) == []


def test_audit_date_filter_uses_the_lsp_local_date(admin_client, admin_lsp):
    jakarta = zoneinfo.ZoneInfo("Asia/Jakarta")
    # 1 May 23:59 and 2 May 00:30 in Jakarta (the second is still 1 May in UTC); the trail is append-only,
    # so the rows are written at those moments instead of being moved there afterwards
    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2024, 5, 1, 23, 59, tzinfo=jakarta)):
        late = services.tuk_create(by=admin_lsp, kode="TUK-1", nama="T", jenis="sewaktu", alamat="A")
    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2024, 5, 2, 0, 30, tzinfo=jakarta)):
        early = services.tuk_create(by=admin_lsp, kode="TUK-2", nama="T", jenis="sewaktu", alamat="A")
    url = reverse("lsp:audit-list")

    def ids(**params):
        return [e.object_id for e in rows_of(admin_client.get(url, params))]

    assert ids(tanggal_dari="2024-05-02") == [str(early.pk)]
    assert ids(tanggal_sampai="2024-05-01") == [str(late.pk)]
    assert ids(tanggal_dari="2024-05-01", tanggal_sampai="2024-05-02") == [str(early.pk), str(late.pk)]


@pytest.mark.parametrize(
    "params",
    [{"page": "abc"}, {"tanggal_dari": "kemarin"}, {"tanggal_sampai": "2024-13-45"}, {"action": "hapus.semua"},
     {"actor": "\x00"}],
)
def test_audit_list_survives_weird_querystrings(admin_client, params):
    assert admin_client.get(reverse("lsp:audit-list"), params).status_code == 200


@pytest.mark.parametrize("data", [{}, {"aktif": "ya"}, {"aktif": ""}])
def test_status_with_unknown_value_changes_nothing(admin_client, data):
    skema, tuk = SkemaFactory(), TUKFactory()
    for url in (reverse("lsp:skema-status", args=[skema.pk]), reverse("lsp:tuk-status", args=[tuk.pk])):
        response = admin_client.post(url, data, follow=True)
        assert response.status_code == 200
        assert [str(m) for m in response.context["messages"]] == ["Status yang diminta tidak dikenal."]
    skema.refresh_from_db(), tuk.refresh_from_db()
    assert skema.aktif and tuk.aktif and not AuditLog.objects.exists()
