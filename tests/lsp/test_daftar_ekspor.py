"""Lists as files (lsp.ekspor.DaftarEkspor): asesi, applications, assessment records with unit verdicts,
certificates. Same filters as their pages; personal data masked unless asked, and then audited; CSV
streamed; XLSX built by the export machinery and opened here with openpyxl."""

import csv
import io
import os

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from asesi.domain import Status, mask_nik
from asesi.models import AsesiProfile, Permohonan
from asesmen.models import RekamanAsesmen
from lsp.models import AuditLog, Ekspor, User
from lsp.services.ekspor import ekspor_build
from sertifikat.models import Sertifikat

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    return User.objects.get(username="admin")


def _post(client, key, **data):
    return client.post(f"/lsp/ekspor/daftar/{key}/", {"format": "csv", **data})


def _csv(response):
    assert response.status_code == 200 and response.streaming
    assert "no-store" in response["Cache-Control"]
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_asesi_masked_by_default_full_when_asked_and_audited(client, admin):
    client.force_login(admin)
    profil = AsesiProfile.objects.select_related("user").order_by("pk").first()
    rows = _csv(_post(client, "asesi", q=profil.nik))
    assert rows[0][:4] == ["Nama", "Nama pengguna", "Email", "NIK"]
    assert len(rows) == 2 and rows[1][3] == mask_nik(profil.nik)
    assert profil.nik not in "".join(rows[1]) and profil.telepon not in "".join(rows[1])
    assert not AuditLog.objects.filter(action="ekspor.personal_data").exists()
    rows = _csv(_post(client, "asesi", q=profil.nik, pribadi="on"))
    assert rows[1][3] == profil.nik and rows[1][9] == profil.telepon and rows[1][5] == profil.tanggal_lahir.isoformat()
    entry = AuditLog.objects.get(action="ekspor.personal_data")
    assert entry.actor == admin and entry.data == {"daftar": "asesi", "format": "csv", "filters": {"q": profil.nik}}


def test_applications_take_the_list_filters_and_its_default_queue(client, admin):
    client.force_login(admin)
    rows = _csv(_post(client, "permohonan"))  # as the page: the queue (diajukan) when no status is given
    assert len(rows) - 1 == Permohonan.objects.filter(status=Status.DIAJUKAN).count()
    rows = _csv(_post(client, "permohonan", status=Status.BERSERTIFIKAT))
    assert len(rows) - 1 == Permohonan.objects.filter(status=Status.BERSERTIFIKAT).count() > 0
    assert {r[6] for r in rows[1:]} == {"Bersertifikat"}
    rows = _csv(_post(client, "permohonan", status="bukan-status"))  # an invalid filter is ignored, as on the page
    assert rows[0][0] == "Nomor permohonan"


def test_assessment_records_carry_the_unit_verdicts(client, admin):
    client.force_login(admin)
    rekaman = RekamanAsesmen.objects.filter(status="diajukan").prefetch_related("penilaian_unit__unit").first()
    rows = _csv(_post(client, "rekaman", q=f"APL-{rekaman.peserta.permohonan_id:06d}"))
    assert len(rows) == 2
    units = rekaman.penilaian_unit.all()
    assert int(rows[1][10]) == sum(u.hasil == "K" for u in units)
    assert int(rows[1][11]) == sum(u.hasil == "BK" for u in units)
    for u in units:
        assert f"{u.unit.kode}: {u.hasil}" in rows[1][12]


def test_certificates_xlsx_built_in_the_background(client, admin, django_capture_on_commit_callbacks):
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=False):
        response = _post(client, "sertifikat", format="xlsx", status="aktif")
    ekspor = Ekspor.objects.get(jenis="daftar.sertifikat")
    assert response.status_code == 302 and response["Location"] == ekspor.get_absolute_url()
    assert ekspor.params["filters"] == {"status": "aktif"} and ekspor.params["pribadi"] is False
    ekspor_build(ekspor_id=ekspor.pk)
    ekspor.refresh_from_db()
    assert ekspor.status == Ekspor.Status.SELESAI
    rows = list(load_workbook(ekspor.berkas.open("rb")).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Nomor sertifikat", "Nomor registrasi BNSP", "Nama pemegang", "NIK")
    aktif = [s for s in Sertifikat.objects.select_related("asesi") if s.status_on(ekspor.created_at.date()) == "aktif"]
    assert sorted(r[0] for r in rows[1:]) == sorted(s.nomor for s in aktif)
    assert all(r[3] == mask_nik(s.asesi.nik) for r in rows[1:] for s in aktif if s.nomor == r[0])


def test_only_admin_lsp_post_only_and_unknown_lists(client, admin, make_user):
    client.force_login(admin)
    assert client.post("/lsp/ekspor/daftar/tidak-ada/", {"format": "csv"}).status_code == 404
    assert client.get("/lsp/ekspor/daftar/asesi/").status_code == 405
    client.force_login(make_user("asesor"))
    assert _post(client, "asesi").status_code == 403


def test_list_pages_offer_the_export_with_their_filters(client, admin):
    client.force_login(admin)
    html = client.get("/sertifikat/?status=aktif&page=2").content.decode()
    assert 'action="/lsp/ekspor/daftar/sertifikat/"' in html
    assert '<input type="hidden" name="status" value="aktif">' in html and 'name="page"' not in html.split(
        'data-ekspor="sertifikat"')[1].split("</form>")[0]
    for url, key in (("/asesi/daftar-asesi/", "asesi"), ("/asesi/verifikasi/", "permohonan"),
                     ("/asesmen/rekaman/", "rekaman")):
        assert f'data-ekspor="{key}"' in client.get(url).content.decode(), url
