"""The BNSP report: certificates issued in a period, personal data masked unless asked (and then audited),
CSV streamed, XLSX built by the export machinery and opened here with openpyxl."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from asesi.domain import mask_nik
from lsp.models import AuditLog, Ekspor
from lsp.services.ekspor import ekspor_build
from sertifikat.ekspor import HEADER
from tests.sertifikat.factories import admin_user, issued, lsp_profile

pytestmark = pytest.mark.django_db

URL = "/sertifikat/laporan-bnsp/"


@pytest.fixture
def certs():
    lsp_profile()
    admin = admin_user()
    inside = [issued(nama="Ani Lestari", by=admin, tanggal_terbit=date(2026, 3, 1)),
              issued(nama="Budi Santoso", by=admin, tanggal_terbit=date(2026, 3, 31))]
    outside = issued(nama="Citra Dewi", by=admin, tanggal_terbit=date(2026, 4, 1))
    return admin, inside, outside


def _csv(response):
    assert response.streaming
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def _post(client, **data):
    return client.post(URL, {"dari": "2026-03-01", "sampai": "2026-03-31", "format": "csv", **data})


def test_csv_lists_the_period_with_nik_masked_and_no_audit(client, certs):
    admin, inside, _outside = certs
    client.force_login(admin)
    before = AuditLog.objects.filter(action="laporan_bnsp.personal_data").count()
    response = _post(client)
    assert response["Cache-Control"].count("no-store") == 1
    rows = _csv(response)
    assert rows[0] == [str(h) for h in HEADER]
    assert [r[1] for r in rows[1:]] == ["Ani Lestari", "Budi Santoso"]  # the 1 April one is outside
    nik = inside[0].asesi.nik
    assert rows[1][2] == mask_nik(nik) and nik not in "".join(rows[1])
    assert rows[1][3].startswith("**-**-")
    assert rows[1][6] == inside[0].nomor and rows[1][8] == "2026-03-01"
    assert AuditLog.objects.filter(action="laporan_bnsp.personal_data").count() == before


def test_personal_data_unmasked_only_when_ticked_and_audited(client, certs):
    admin, inside, _outside = certs
    client.force_login(admin)
    rows = _csv(_post(client, tampilkan_pribadi="on"))
    assert rows[1][2] == inside[0].asesi.nik
    entry = AuditLog.objects.get(action="laporan_bnsp.personal_data")
    assert entry.actor == admin and entry.data["format"] == "csv"


def test_xlsx_is_built_in_the_background_and_opens(client, certs, django_capture_on_commit_callbacks):
    admin, inside, _outside = certs
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=False):
        response = _post(client, format="xlsx")
    ekspor = Ekspor.objects.get(jenis="sertifikat.bnsp")
    assert response.status_code == 302 and response["Location"] == ekspor.get_absolute_url()
    ekspor_build(ekspor_id=ekspor.pk)
    ekspor.refresh_from_db()
    assert ekspor.status == Ekspor.Status.SELESAI and ekspor.baris_total == 2
    ws = load_workbook(ekspor.berkas.open("rb")).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == [str(h) for h in HEADER]
    assert rows[1][1] == "Ani Lestari" and rows[1][2] == mask_nik(inside[0].asesi.nik)
    assert rows[1][8].date() == date(2026, 3, 1)
    download = client.get(reverse("lsp:ekspor-download", args=[ekspor.pk]))
    assert download.status_code == 200


@pytest.mark.parametrize("data", [
    {"dari": "2026-04-01", "sampai": "2026-03-01"}, {"dari": "kemarin"}, {"format": "pdf"},
])
def test_bad_input_is_a_form_error(client, certs, data):
    client.force_login(certs[0])
    response = _post(client, **data)
    assert response.status_code == 200 and response.context["form"].errors


def test_only_admin_lsp(client, certs, make_user):
    client.force_login(make_user("asesor"))
    assert client.get(URL).status_code == 403
    assert _post(client).status_code == 403
