"""Issue 10 item 8: the downloadable import template, uploaded unchanged, imports into every demo skema (its
sample unit is one no demo skema holds), and after a preview the page offers one import button, not two."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from lsp import importers
from lsp.models import Skema

pytestmark = pytest.mark.django_db

DEMO_SKEMA = ["SKM-TIK-JWD-2024", "SKM-MET-ASKOM-2023", "SKM-KOP-PUM-2024"]
IMPORT_BUTTON = re.compile(r'<button[^>]*name="aksi"[^>]*value="(impor|impor_pratinjau)"')


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def template(client, fmt):
    return SimpleUploadedFile(f"templat.{fmt}", client.get(reverse("lsp:skema-import-template", args=[fmt])).content)


def test_no_demo_skema_already_holds_the_sample_unit(demo):
    sample = {row[0] for row in importers.TEMPLATE_ROWS}
    assert Skema.objects.filter(kode__in=DEMO_SKEMA).count() == len(DEMO_SKEMA)
    assert not Skema.objects.filter(units__kode__in=sample).exists()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("kode", DEMO_SKEMA)
def test_template_uploaded_unchanged_imports_into_each_demo_skema(client, admin_lsp, demo, kode, fmt):
    skema = Skema.objects.get(kode=kode)
    before = skema.units.count()
    client.force_login(admin_lsp)
    response = client.post(
        reverse("lsp:skema-import", args=[skema.pk]), {"berkas": template(client, fmt), "aksi": "impor"}
    )
    assert response.status_code == 302, response.context and response.context.get("issues")
    assert skema.units.count() == before + 1
    assert skema.units.filter(kode=importers.TEMPLATE_ROWS[0][0]).exists()


def test_after_the_preview_one_import_button(client, admin_lsp, demo):
    skema = Skema.objects.get(kode="SKM-TIK-JWD-2024")
    client.force_login(admin_lsp)
    url = reverse("lsp:skema-import", args=[skema.pk])
    assert IMPORT_BUTTON.findall(client.get(url).content.decode()) == ["impor"]
    html = client.post(url, {"berkas": template(client, "xlsx"), "aksi": "periksa"}).content.decode()
    assert 'id="import-preview"' in html
    assert IMPORT_BUTTON.findall(html) == ["impor_pratinjau"]


def test_after_the_create_from_file_preview_one_import_button(client, admin_lsp):
    client.force_login(admin_lsp)
    url = reverse("lsp:skema-create-from-file")
    data = {"kode": "SKM-TIK-009", "nama": "Pemrogram", "jenis": "kkni", "level_kkni": "3", "bidang": "TIK",
            "masa_berlaku_tahun": "3", "deskripsi": ""}
    html = client.post(url, {**data, "berkas": template(client, "csv"), "aksi": "periksa"}).content.decode()
    assert 'id="import-preview"' in html
    assert IMPORT_BUTTON.findall(html) == ["impor_pratinjau"]
