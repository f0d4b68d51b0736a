"""``seed_demo`` issues a certificate with its PDF and a revoked one, printing their verification links."""

from io import StringIO

import pytest
from django.core.management import call_command

from asesi.models import Permohonan
from sertifikat.models import Sertifikat


@pytest.mark.django_db
def test_seed_demo_issues_one_valid_and_one_revoked(client):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    certs = list(Sertifikat.objects.filter(sumber="terbit").order_by("pk"))
    assert [(c.status, c.pdf_status) for c in certs] == [("aktif", "siap"), ("dicabut", "siap")]
    # and certificates issued before the system, spread over the last year, for the home charts
    legacy = Sertifikat.objects.filter(sumber="impor")
    assert legacy.count() == 7 and {c.pdf_status for c in legacy} == {"siap"}
    assert len({c.tanggal_terbit.replace(day=1) for c in legacy}) == 7
    assert all(Permohonan.objects.get(pk=c.permohonan_id).status == "bersertifikat" for c in certs)
    text = out.getvalue()
    for cert in certs:
        assert f"/verifikasi/{cert.token}/" in text and cert.nomor in text
    assert b'data-status="aktif"' in client.get(f"/verifikasi/{certs[0].token}/").content
    assert b'data-status="dicabut"' in client.get(f"/verifikasi/{certs[1].nomor}/").content
    call_command("seed_demo", stdout=StringIO())
    assert Sertifikat.objects.count() == 2 + 7
