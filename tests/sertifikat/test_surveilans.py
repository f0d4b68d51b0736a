"""Surveillance 12 months after issue: opened once by the daily task, the holder uploads a logbook, an admin
accepts or refuses it with a note."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sertifikat import services
from sertifikat.models import Surveilans
from sertifikat.tasks import surveilans_daily
from tests.asesi.factories import PDF, pdf

from .factories import admin_user, issued, lsp_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def cert():
    lsp_profile()
    return issued(nama="Pemegang Surveilans", tanggal_terbit=date(2026, 1, 31))


def codes(exc):
    return {e.code for e in exc.value.error_list}


def test_opened_on_the_due_day_once(cert, django_capture_on_commit_callbacks):
    assert services.surveilans_request_due(today=date(2027, 1, 30)) == 0  # one day early
    with django_capture_on_commit_callbacks(execute=True):
        assert surveilans_daily("2027-01-31") == 1
    assert services.surveilans_request_due(today=date(2027, 2, 5)) == 0  # once
    row = Surveilans.objects.get()
    assert (row.sertifikat_id, row.jatuh_tempo, row.status) == (cert.pk, date(2027, 1, 31), "menunggu")


def test_not_for_a_suspended_certificate(cert):
    services.sertifikat_suspend(sertifikat=cert, alasan="Diperiksa", by=admin_user())
    assert services.surveilans_request_due(today=date(2027, 3, 1)) == 0


def test_upload_then_refuse_with_note_then_accept(cert):
    services.surveilans_request_due(today=date(2027, 2, 1))
    row = Surveilans.objects.get()
    holder, admin = cert.asesi.user, admin_user()
    with pytest.raises(ValidationError) as exc:
        services.surveilans_review(surveilans=row, terima=True, by=admin)  # nothing uploaded yet
    assert codes(exc) == {"surveilans_not_allowed"}
    with pytest.raises(PermissionDenied):
        services.surveilans_upload(surveilans=row, berkas=pdf("logbook.pdf"), by=admin)
    row = services.surveilans_upload(surveilans=row, berkas=pdf("logbook-2026.pdf", PDF), by=holder)
    assert (row.status, row.logbook_mime, row.logbook_nama) == ("diunggah", "application/pdf", "logbook-2026.pdf")
    with pytest.raises(ValidationError) as exc:
        services.surveilans_review(surveilans=row, terima=False, catatan=" ", by=admin)
    assert codes(exc) == {"catatan_required"}
    row = services.surveilans_review(surveilans=row, terima=False, catatan="Tanda tangan atasan belum ada.", by=admin)
    assert row.status == "ditolak"
    row = services.surveilans_upload(surveilans=row, berkas=pdf("logbook-ttd.pdf"), by=holder)
    row = services.surveilans_review(surveilans=row, terima=True, by=admin)
    assert (row.status, row.diperiksa_oleh) == ("diterima", admin)


@pytest.mark.postgres
def test_database_refuses_a_refusal_without_note(cert):
    services.surveilans_request_due(today=date(2027, 2, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Surveilans.objects.update(status="ditolak", logbook="x.pdf", catatan="")


def test_holder_uploads_on_the_page_and_admin_reviews_in_the_queue(client, cert):
    services.surveilans_request_due(today=date(2027, 2, 1))
    row = Surveilans.objects.get()
    client.force_login(cert.asesi.user)
    assert "Unggah logbook" in client.get("/sertifikat/saya/").content.decode()
    response = client.post(f"/sertifikat/surveilans/{row.pk}/unggah/", {"berkas": pdf("lb.pdf")})
    assert response.status_code == 302
    bad = client.post(f"/sertifikat/surveilans/{row.pk}/unggah/", {"berkas": pdf("x.exe", b"MZ" + b"0" * 64)},
                      follow=True)
    assert bad.status_code == 200  # refused with a message, never a 500
    admin = admin_user()
    client.force_login(admin)
    queue = client.get("/sertifikat/surveilans/").content.decode()
    assert f'data-surveilans="{row.pk}"' in queue
    assert client.get(f"/sertifikat/surveilans/{row.pk}/logbook/").status_code == 200
    page = client.get(f"/sertifikat/surveilans/{row.pk}/periksa/").content.decode()
    assert f"/sertifikat/surveilans/{row.pk}/logbook/" in page and 'name="keputusan"' in page
    response = client.post(f"/sertifikat/surveilans/{row.pk}/periksa/", {"keputusan": "tolak", "catatan": ""})
    assert response.status_code == 400 and "Tuliskan catatan untuk penolakan logbook." in response.content.decode()
    assert Surveilans.objects.get().status == "diunggah"
    client.post(f"/sertifikat/surveilans/{row.pk}/periksa/", {"keputusan": "terima", "catatan": ""})
    assert Surveilans.objects.get().status == "diterima"
