""""Buat skema dari berkas": the skema's fields and a CSV/XLSX of its units on one page. The skema and its
whole unit → elemen → KUK tree are created in one transaction, or nothing at all is written."""


import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse

from lsp import domain, services
from lsp.models import KUK, AuditLog, Elemen, LspProfile, Skema, UnitKompetensi
from lsp.services import imports as import_services
from lsp.services import skema as skema_services
from lsp.views.imports import SkemaCreateFromFileView, SkemaImportView
from tests.concurrency import run_at_once
from tests.factories import SkemaFactory
from tests.lsp.test_import_views import EXPECTED_TREE, ROWS, csv_file, tree, xlsx_file

pytestmark = pytest.mark.django_db

URL = reverse("lsp:skema-create-from-file")
SKEMA = {
    "kode": "SKM-TIK-007",
    "nama": "Pemrogram Junior",
    "jenis": "kkni",
    "level_kkni": "3",
    "bidang": "TIK",
    "masa_berlaku_tahun": "3",
    "deskripsi": "Skema okupasi pemrogram.",
}


def nothing_written():
    return not (Skema.objects.exists() or UnitKompetensi.objects.exists() or Elemen.objects.exists()
                or KUK.objects.exists() or AuditLog.objects.exists())


def issue_rows(response):
    return [(i.row, i.code) for i in response.context["issues"]]


def field_codes(form, field):
    return [e.code for e in form.errors.as_data().get(field, [])]


@pytest.fixture
def post(client, admin_lsp):
    client.force_login(admin_lsp)

    def send(berkas=None, aksi="impor", **fields):
        data = {**SKEMA, **fields, "aksi": aksi}
        if berkas is not None:
            data["berkas"] = berkas
        return client.post(URL, data)

    return send


def preview_token(post, **fields):
    response = post(csv_file(ROWS), aksi="periksa", **fields)
    assert response.status_code == 200 and "token" in response.context, response.context.get("issues")
    return response.context["token"]


def from_preview(client, token, url=URL, **kwargs):
    return client.post(url, {"aksi": "impor_pratinjau", "pratinjau": token}, **kwargs)


# --- who may use it ------------------------------------------------------------------------------
def test_admin_opens_the_page_and_the_skema_list_links_it(client, admin_lsp, django_assert_max_num_queries):
    client.force_login(admin_lsp)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for name in SKEMA:
        assert f'name="{name}"' in html
    assert 'name="berkas"' in html and 'value="periksa"' in html and "Buat & impor" in html
    assert reverse("lsp:skema-import-template", args=["xlsx"]) in html
    listing = client.get(reverse("lsp:skema-list")).content.decode()
    assert f'href="{URL}"' in listing and "Buat skema dari berkas" in listing
    here, tambah = listing.index(f'href="{URL}"'), listing.index(f'href="{reverse("lsp:skema-create")}"')
    assert 0 < tambah - here < 400  # right before "Tambah skema"


@pytest.mark.parametrize("role", ["komite", "validator", "asesor", "asesi"])
def test_other_roles_are_forbidden_and_write_nothing(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {**SKEMA, "aksi": "impor", "berkas": csv_file(ROWS)}).status_code == 403
    assert nothing_written()


def test_anonymous_is_sent_to_login(client):
    for response in (client.get(URL), client.post(URL, {**SKEMA, "aksi": "impor", "berkas": csv_file(ROWS)})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login")) and "next=" in response["Location"]
    assert nothing_written()


# --- good files ----------------------------------------------------------------------------------
@pytest.mark.parametrize("make", [lambda: csv_file(ROWS, delimiter=";", bom=True), lambda: xlsx_file(ROWS)],
                         ids=["csv", "xlsx"])
def test_good_file_creates_the_skema_with_its_tree_in_file_order(post, client, admin_lsp, make):
    response = post(make())
    assert response.status_code == 302, response.context and response.context.get("issues")
    skema = Skema.objects.get()
    assert response["Location"] == reverse("lsp:skema-detail", args=[skema.pk])
    assert (skema.kode, skema.nama, skema.jenis, skema.level_kkni, skema.bidang, skema.masa_berlaku_tahun,
            skema.deskripsi, skema.aktif) == ("SKM-TIK-007", "Pemrogram Junior", "kkni", 3, "TIK", 3,
                                              "Skema okupasi pemrogram.", True)
    assert tree(skema) == EXPECTED_TREE
    audit = list(AuditLog.objects.order_by("pk").values_list("action", "actor", "object_id"))
    assert audit == [("skema.create", admin_lsp.pk, str(skema.pk)), ("skema.import", admin_lsp.pk, str(skema.pk))]
    imported = AuditLog.objects.get(action="skema.import")
    assert (imported.data["unit"], imported.data["elemen"], imported.data["kuk"]) == (2, 3, 4)
    assert imported.note in ("unit.csv", "unit.xlsx")
    detail = client.get(response["Location"]).content.decode()
    assert "Skema SKM-TIK-007 dibuat dengan 2 unit, 3 elemen, 4 KUK." in detail


def test_downloaded_template_creates_a_skema(post, client):
    content = client.get(reverse("lsp:skema-import-template", args=["xlsx"])).content
    assert post(SimpleUploadedFile("templat.xlsx", content)).status_code == 302
    assert Skema.objects.get().units.count() == 1


# --- anything wrong: every reason shown, nothing written -----------------------------------------
def test_every_bad_row_is_reported_and_no_skema_is_created(post):
    rows = ROWS + [
        ["J620100", "Judul", "Elemen", "KUK"],                                       # 6: bad code
        ["J.620100.016.01", "", "Elemen", "KUK x"],                                  # 7: empty cell
        ["J.620100.016.01", "Judul Lain", "Menerapkan coding-guidelines", "KUK y"],  # 8: other title
    ]
    for aksi in ("impor", "periksa"):
        response = post(csv_file(rows), aksi=aksi)
        assert response.status_code == 200
        assert issue_rows(response) == [(6, "kode_unit"), (7, "empty_cell"), (8, "judul_conflict")]
        assert "ditolak: 3 masalah. Tidak ada data yang disimpan." in response.content.decode()
        assert "token" not in response.context
        assert nothing_written()


def test_bad_skema_fields_and_bad_rows_are_shown_together(post):
    response = post(csv_file(ROWS + [["BAD", "Judul", "Elemen", "KUK"]]), kode="", level_kkni="")
    form = response.context["skema_form"]
    assert field_codes(form, "kode") == ["required"]
    assert field_codes(form, "level_kkni") == ["level_kkni_required"]
    assert issue_rows(response) == [(6, "kode_unit")]
    assert nothing_written()


@pytest.mark.parametrize("aksi", ["impor", "periksa"])
@pytest.mark.parametrize("kode", ["SKM-TIK-007", "skm-tik-007"], ids=["same", "other-case"])
def test_duplicate_skema_kode_is_a_field_error_and_nothing_is_written(post, aksi, kode):
    existing = SkemaFactory(kode="SKM-TIK-007")
    response = post(csv_file(ROWS), aksi=aksi, kode=kode)
    assert response.status_code == 200
    form = response.context["skema_form"]
    assert field_codes(form, "kode") in (["unique"], ["kode_exists"])
    assert form.errors["kode"][0] in response.content.decode()  # shown at the field
    assert "preview" not in response.context
    assert list(Skema.objects.all()) == [existing]
    assert not (UnitKompetensi.objects.exists() or KUK.objects.exists() or AuditLog.objects.exists())


def test_bad_file_is_a_field_error_and_writes_nothing(post):
    response = post(SimpleUploadedFile("unit.pdf", b"%PDF-1.4"))
    assert "Unggah berkas .csv atau .xlsx" in " ".join(response.context["form"].errors["berkas"])
    response = post(None)
    assert response.context["form"].errors["berkas"] == ["Bidang ini tidak boleh kosong."]
    assert nothing_written()


def test_failure_while_writing_units_leaves_no_skema(post, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError("Tidak ada unit untuk diimpor.", code="no_rows")

    monkeypatch.setattr(import_services, "skema_import_units", refuse)
    response = post(csv_file(ROWS))
    assert response.status_code == 200
    assert response.context["skema_form"].non_field_errors() == ["Tidak ada unit untuk diimpor."]
    assert nothing_written()


# --- "Periksa dulu" and "Impor sekarang" ---------------------------------------------------------
def test_check_shows_the_skema_and_units_and_writes_nothing(post, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        response = post(csv_file(ROWS), aksi="periksa")
    preview = response.context["preview"]
    assert (len(preview.units), preview.elemen_count, preview.kuk_count) == (2, 3, 4)
    html = response.content.decode()
    assert "siap diimpor" in html and "Skema yang akan dibuat" in html and "Pemrogram Junior" in html
    assert 'value="impor_pratinjau"' in html and response.context["token"] in html
    assert response.context["skema_form"]["kode"].value() == "SKM-TIK-007"  # still filled in
    assert not response.context["form"].is_bound  # the file is carried by the token
    assert nothing_written()


def test_import_now_from_the_preview(client, post, admin_lsp):
    token = preview_token(post)
    response = from_preview(client, token)
    skema = Skema.objects.get()
    assert response.status_code == 302 and response["Location"] == skema.get_absolute_url()
    assert (skema.kode, skema.level_kkni) == ("SKM-TIK-007", 3)
    assert tree(skema) == EXPECTED_TREE
    assert list(AuditLog.objects.order_by("pk").values_list("action", flat=True)) == ["skema.create", "skema.import"]
    assert AuditLog.objects.get(action="skema.import").note == "unit.csv"


def test_double_submit_of_the_same_preview_creates_one_skema(client, post):
    token = preview_token(post)
    assert from_preview(client, token).status_code == 302
    again = from_preview(client, token)
    assert again.status_code == 200
    assert field_codes(again.context["skema_form"], "kode") in (["unique"], ["kode_exists"])
    assert "Pratinjau tidak dapat diimpor; tidak ada yang disimpan." in again.content.decode()
    assert Skema.objects.count() == 1 and UnitKompetensi.objects.count() == 2 and KUK.objects.count() == 4
    assert AuditLog.objects.count() == 2


def test_preview_refused_when_the_kode_was_taken_meanwhile(client, post):
    token = preview_token(post)
    SkemaFactory(kode="skm-tik-007")
    response = from_preview(client, token)
    assert field_codes(response.context["skema_form"], "kode") == ["kode_exists"]
    assert Skema.objects.count() == 1 and not UnitKompetensi.objects.exists() and not AuditLog.objects.exists()


def test_tampered_or_junk_token_is_refused(client, post):
    token = preview_token(post)
    for bad in (token[:-3] + "xyz", token + "x", "", "not-a-token", "a:b:c"):
        response = from_preview(client, bad, follow=True)
        assert response.status_code == 200 and "tidak sah" in response.content.decode()
    assert nothing_written()


def test_expired_token_is_refused(client, post, monkeypatch):
    token = preview_token(post)
    monkeypatch.setattr(SkemaCreateFromFileView, "PREVIEW_MAX_AGE", -1)
    assert "kedaluwarsa" in from_preview(client, token, follow=True).content.decode()
    assert nothing_written()


def test_tokens_cannot_be_replayed_across_the_two_import_pages(client, post, admin_lsp):
    skema = SkemaFactory()
    unit_url = reverse("lsp:skema-import", args=[skema.pk])
    unit_token = client.post(unit_url, {"berkas": csv_file(ROWS), "aksi": "periksa"}).context["token"]
    create_token = preview_token(post)
    response = from_preview(client, unit_token, follow=True)  # unit import token → create page
    assert "tidak sah" in response.content.decode()
    response = from_preview(client, create_token, url=unit_url, follow=True)  # create token → unit import
    assert "tidak sah" in response.content.decode()
    assert list(Skema.objects.all()) == [skema]
    assert not (UnitKompetensi.objects.exists() or AuditLog.objects.exists())


@pytest.mark.parametrize(
    "payload",
    [
        {"units": []},
        {"skema_baru": ["x"], "units": []},
        {"skema_baru": {**SKEMA, "level_kkni": "x"}, "units": [{"kode": "J.1.2"}]},
        {"skema_baru": SKEMA, "units": "abc"},
        {"skema_baru": SKEMA, "units": []},
        {"skema_baru": {"kode": 5}, "units": domain.units_to_payload([])},
        ["not", "a", "dict"],
    ],
)
def test_signed_but_malformed_payload_never_500s(client, admin_lsp, payload):
    client.force_login(admin_lsp)
    token = signing.dumps(payload, salt=SkemaCreateFromFileView.PREVIEW_SALT, compress=True)
    response = from_preview(client, token)
    assert response.status_code in (200, 302)
    assert nothing_written()


def test_distinct_salts():
    assert SkemaCreateFromFileView.PREVIEW_SALT != SkemaImportView.PREVIEW_SALT
    assert SkemaCreateFromFileView.PREVIEW_SALT and SkemaImportView.PREVIEW_SALT


# --- weird input ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "fields",
    [
        {"aksi": "??"},
        {"level_kkni": "abc"},
        {"level_kkni": "10"},
        {"level_kkni": "-1"},
        {"jenis": "???"},
        {"masa_berlaku_tahun": "0"},
        {"masa_berlaku_tahun": "99999999999999999999999"},
        {"kode": "x" * 5000},
        {"nama": "nul\x00byte"},
        {"kode": "  "},
        {"pratinjau": ["a", "b"], "aksi": "impor_pratinjau"},
    ],
)
def test_weird_input_never_500s(post, fields):
    response = post(csv_file(ROWS), **fields)
    assert response.status_code in (200, 302)
    if response.status_code == 302 and fields.get("aksi") != "impor_pratinjau":
        assert Skema.objects.count() == 1  # "aksi=??" creates, like the main button
    elif response.status_code == 200:
        assert nothing_written()


def test_weird_files_never_500(post):
    for berkas in (
        SimpleUploadedFile("unit.xlsx", b"PK\x03\x04" + b"\x00" * 50),
        SimpleUploadedFile("unit.csv", b"\xff\xfe\x00\x00"),
        SimpleUploadedFile("../../etc/passwd.csv", b"kode_unit,judul_unit,elemen,kuk\r\n"),
        "not a file",
    ):
        response = post(berkas)
        assert response.status_code == 200
    assert nothing_written()


def test_queries_do_not_grow_with_the_file(client, admin_lsp, django_assert_max_num_queries):
    """Checking and writing cost the same number of queries for 2 units or 40 (bulk inserts)."""
    client.force_login(admin_lsp)
    LspProfile.get()  # cached for every page after the first (lsp.models.LspProfile.get): not what is compared
    many = [[f"J.620100.{u:03d}.01", f"Unit {u}", f"Elemen {e}", f"KUK {u}.{e}.{k}"]
            for u in range(1, 41) for e in range(1, 4) for k in range(1, 3)]
    counts = {}
    for label, rows, kode in (("few", ROWS, "SKM-A"), ("many", many, "SKM-B")):
        for aksi in ("periksa", "impor"):
            with django_assert_max_num_queries(45) as captured:
                response = client.post(URL, {**SKEMA, "kode": kode, "aksi": aksi, "berkas": csv_file(rows)})
            assert response.status_code == (200 if aksi == "periksa" else 302)
            counts[label, aksi] = len(captured)
    assert counts["many", "periksa"] == counts["few", "periksa"]
    assert counts["many", "impor"] == counts["few", "impor"]
    assert Skema.objects.get(kode="SKM-B").units.count() == 40 and KUK.objects.count() == 4 + 240


# --- the service ---------------------------------------------------------------------------------
DATA = {"kode": "SKM-01", "nama": "Skema", "jenis": "okupasi", "level_kkni": None, "bidang": "",
        "masa_berlaku_tahun": 3, "deskripsi": ""}


def units(rows=ROWS):
    result = domain.validate_import([(n, r) for n, r in enumerate(rows, 2)], header=["kode_unit", "judul_unit",
                                                                                     "elemen", "kuk"])
    assert result.ok
    return result.units


def test_service_creates_skema_and_tree_with_both_audit_rows(admin_lsp):
    skema, counts = services.skema_create_from_file(data=DATA, units=units(), by=admin_lsp, filename="a/b/u.csv")
    assert counts == {"unit": 2, "elemen": 3, "kuk": 4}
    assert tree(skema) == EXPECTED_TREE
    rows = list(AuditLog.objects.order_by("pk").values_list("action", "note"))
    assert rows == [("skema.create", ""), ("skema.import", "u.csv")]


def test_service_with_no_units_creates_nothing(admin_lsp):
    with pytest.raises(ValidationError) as exc:
        services.skema_create_from_file(data=DATA, units=[], by=admin_lsp)
    assert exc.value.code == "no_rows"
    assert nothing_written()


def test_service_duplicate_kode_writes_no_units(admin_lsp):
    SkemaFactory(kode="skm-01")
    with pytest.raises(ValidationError) as exc:
        services.skema_create_from_file(data=DATA, units=units(), by=admin_lsp)
    assert exc.value.error_dict["kode"][0].code == "kode_exists"
    assert Skema.objects.count() == 1 and not UnitKompetensi.objects.exists() and not AuditLog.objects.exists()


def test_service_database_error_during_units_leaves_nothing(admin_lsp, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(KUK.objects, "bulk_create", broken)
    with pytest.raises(DatabaseError):
        services.skema_create_from_file(data=DATA, units=units(), by=admin_lsp)
    assert nothing_written()


def test_service_lost_race_on_kode_is_a_conflict_and_leaves_nothing(admin_lsp, monkeypatch):
    SkemaFactory(kode="SKM-01")
    monkeypatch.setattr(skema_services, "_check_skema", lambda skema: None)
    monkeypatch.setattr(Skema, "validate_unique", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as exc:
        services.skema_create_from_file(data=DATA, units=units(), by=admin_lsp)
    assert exc.value.code == "conflict"
    assert Skema.objects.count() == 1 and not UnitKompetensi.objects.exists() and not AuditLog.objects.exists()


def test_skema_create_check_writes_nothing():
    services.skema_create_check(**DATA)
    with pytest.raises(ValidationError) as exc:
        services.skema_create_check(**{**DATA, "jenis": "kkni"})
    assert exc.value.error_dict["level_kkni"][0].code == "level_kkni_required"
    assert nothing_written()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_creates_of_the_same_kode_make_one_skema(admin_lsp):
    prepared = units()

    def create():
        services.skema_create_from_file(data=DATA, units=prepared, by=admin_lsp)
        return "ok"

    def outcome(o):
        if isinstance(o, ValidationError):
            return o.error_dict["kode"][0].code if hasattr(o, "error_dict") else o.code
        return o

    outcomes = [outcome(o) for o in run_at_once(create, create)]
    assert sorted(outcomes)[1:] == ["ok"] and sorted(outcomes)[0] in ("conflict", "kode_exists")
    assert Skema.objects.count() == 1 and UnitKompetensi.objects.count() == 2 and KUK.objects.count() == 4
    assert AuditLog.objects.count() == 2
