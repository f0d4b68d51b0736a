"""Numbering under real concurrency on Postgres: one locked counter row per kind and year."""

from datetime import date

import pytest
from django.db import connection

from sertifikat.models import Sertifikat
from sertifikat.services import sertifikat_issue
from tests.concurrency import run_at_once

from .factories import admin_user, lsp_profile, permohonan_decided, skema_with_units

N = 50


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_issues_get_fifty_consecutive_numbers():
    lsp_profile()
    skema = skema_with_units(n_units=1, n_elemen=1, n_kuk=1, bidang="TIK")
    admin = admin_user()
    applications = [permohonan_decided(nama=f"Peserta {i:02d}", skema=skema) for i in range(N)]
    connection.close()  # each thread opens its own connection

    def issue(p):
        return lambda: sertifikat_issue(permohonan=p, by=admin, tanggal_terbit=date(2026, 6, 1)).nomor

    outcomes = run_at_once(*[issue(p) for p in applications], timeout=120)
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert not errors, errors[:3]
    expected = {f"LSP-1565/2026/{i:06d}" for i in range(1, N + 1)}
    assert set(outcomes) == expected
    assert set(Sertifikat.objects.values_list("nomor", flat=True)) == expected
    registrasi = sorted(Sertifikat.objects.values_list("nomor_registrasi", flat=True))
    assert registrasi == [f"TIK 1565 {i:05d} 2026" for i in range(1, N + 1)]
