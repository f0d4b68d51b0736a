"""Architecture and concurrency guards."""

import ast
from datetime import date
from pathlib import Path

import pytest

import asesor
from tests.concurrency import run_at_once

FORBIDDEN = {"asesi", "asesmen", "sertifikat"}


def test_asesor_imports_only_lsp_among_our_apps():
    root = Path(asesor.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_domain_is_pure():
    source = (Path(asesor.__file__).parent / "domain.py").read_text()
    for forbidden in ("from .models", "objects.", "timezone", "date.today", "datetime.now"):
        assert forbidden not in source, forbidden


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_finished_assessment_logged_twice_at_once_is_one_entry():
    """Two workers finishing the same assessment at once (a retried task): one row, both get it."""
    from asesor import services
    from asesor.models import RiwayatAsesmen
    from tests.factories import SkemaFactory

    from .factories import AsesorFactory

    a, skema = AsesorFactory(), SkemaFactory()

    def record():
        return services.asesmen_log_record(
            asesor=a, tanggal=date(2025, 1, 1), skema=skema, jumlah_asesi=2, sumber_ref="jadwal:9:asesor:1"
        ).pk

    outcomes = run_at_once(record, record)
    errors = [o for o in outcomes if isinstance(o, Exception)]
    results = [o for o in outcomes if not isinstance(o, Exception)]
    assert errors == []
    assert len(results) == 2 and len(set(results)) == 1
    assert RiwayatAsesmen.objects.filter(sumber_ref="jadwal:9:asesor:1").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_recognition_requests_sent_at_once_make_one():
    """A double-click on "Ajukan rekognisi": one request, the other refused with its code."""
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from asesor import services
    from asesor.models import PengajuanRekognisi

    from .factories import RiwayatFactory, asesor_with_certificate

    a = asesor_with_certificate(date(2024, 1, 10))
    for day in range(6):
        RiwayatFactory(asesor=a, tanggal=date(2024, 2, 1 + day))
    pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"

    def ask():
        return services.pengajuan_rekognisi_submit(
            asesor=a, bukti=[SimpleUploadedFile("bukti.pdf", pdf)], by=a.user, today=date(2026, 12, 1)
        ).pk

    outcomes = run_at_once(ask, ask)
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1 and [e.code for e in refused[0].error_dict["__all__"]] == ["pengajuan_terbuka"]
    assert PengajuanRekognisi.objects.filter(asesor=a).count() == 1
