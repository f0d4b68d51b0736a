"""From decided applications to downloadable, verifiable PDFs through a real Celery worker on Redis."""

import pytest

from sertifikat.domain import StatusPdf
from sertifikat.models import Sertifikat
from sertifikat.services import sertifikat_issue_many
from sertifikat.tasks import sertifikat_pdf_generate

from .factories import admin_user, lsp_profile, permohonan_decided, skema_with_units


@pytest.mark.redis
@pytest.mark.celery_worker
@pytest.mark.postgres
def test_issue_many_then_the_worker_makes_every_pdf(celery_worker_on_redis, client):
    lsp_profile()
    skema = skema_with_units(n_units=2)
    applications = [permohonan_decided(nama=f"Peserta Worker {i}", skema=skema) for i in range(3)]
    admin = admin_user()
    certs = sertifikat_issue_many(permohonan_ids=[p.pk for p in applications], by=admin)  # commits
    # The commit enqueued one PDF task per certificate on Redis. The solo worker runs tasks in order,
    # so once a second run for the last one has a result, all ran; being idempotent it makes no new file.
    assert sertifikat_pdf_generate.delay(certs[-1].pk).get(timeout=60) == StatusPdf.SIAP
    for cert in Sertifikat.objects.filter(pk__in=[c.pk for c in certs]):
        assert cert.pdf_status == StatusPdf.SIAP, cert.pdf_error
        assert cert.pdf.name == f"sertifikat/pdf/{cert.token}.pdf"
    client.force_login(applications[0].asesi.user)
    response = client.get(f"/sertifikat/{certs[0].pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(f"/verifikasi/{certs[0].token}/").status_code == 200
