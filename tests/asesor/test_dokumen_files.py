"""Asesor documents (certificate scans, competence certificates, assessment-log evidence): stored with the
type their bytes were checked to be, served with that type only (issue 7)."""

import importlib
import mimetypes
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from asesor import services
from asesor.models import KompetensiTeknis, RiwayatAsesmen, SertifikatAsesor
from tests.lsp.test_uploads import CONTENT, DANGEROUS, HTML, MIME

from .factories import AsesorFactory, KompetensiFactory, SertifikatAsesorFactory

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 1)
REAL_EXTENSION = {"pdf": ".pdf", "jpeg": ".jpeg", "png": ".png"}


def _at_the_cut(ext, kind):
    hidden = "a" * (200 - len(ext) - 1) + "." + ext
    assert len(hidden) == 200
    return hidden + REAL_EXTENSION[kind]


def _record(kind_of_row, asesor, berkas, by):
    if kind_of_row == "sertifikat":
        return services.sertifikat_asesor_record(
            asesor=asesor, nomor="ASK-9", issued_on=date(2025, 1, 2), dokumen=berkas, by=by, today=TODAY
        )
    if kind_of_row == "kompetensi":
        return services.kompetensi_add(
            asesor=asesor, nomor_sertifikat="T-1", penerbit="LSP Lain", issued_on=date(2020, 1, 1), bidang="TIK",
            dokumen=berkas, by=by,
        )
    return services.riwayat_eksternal_add(
        asesor=asesor, tanggal=date(2025, 1, 5), nama_lsp="LSP Lain", skema_nama="Barista", jumlah_asesi=2,
        dokumen=berkas, by=by, today=TODAY,
    )


@pytest.mark.parametrize("row_kind", ["sertifikat", "kompetensi", "riwayat"])
@pytest.mark.parametrize("kind", list(CONTENT))
def test_each_document_is_stored_with_its_checked_type_and_served_with_it(client, admin_lsp, row_kind, kind):
    asesor = AsesorFactory()
    row = _record(row_kind, asesor, SimpleUploadedFile(_at_the_cut("svg", kind), CONTENT[kind]), admin_lsp)
    assert row.dokumen_mime == MIME[kind]
    client.force_login(admin_lsp)
    response = client.get(reverse("asesor:dokumen-download", args=[row_kind, row.pk]))
    assert response["Content-Type"] == MIME[kind]
    assert response["Content-Security-Policy"] == "sandbox" and response["X-Content-Type-Options"] == "nosniff"
    filename = response["Content-Disposition"].split('filename="')[1].rstrip('"')
    # images are shown in the tab; a PDF is downloaded (Chrome blocks its viewer under CSP sandbox)
    expected = "inline;" if MIME[kind] in ("image/jpeg", "image/png") else "attachment;"
    assert response["Content-Disposition"].startswith(expected) and mimetypes.guess_type(filename)[0] == MIME[kind]


@pytest.mark.parametrize("ext", DANGEROUS)
def test_evidence_uploaded_through_the_form_with_a_dangerous_name_at_the_cut_is_served_as_pdf(client, admin_lsp, ext):
    asesor = AsesorFactory()
    SertifikatAsesorFactory(asesor=asesor, issued_on=date(2024, 1, 10))
    client.force_login(admin_lsp)
    response = client.post(
        reverse("asesor:riwayat-create", args=[asesor.pk]),
        {"tanggal": "2025-01-05", "nama_lsp": "LSP Pariwisata", "skema_nama": "Barista", "jumlah_asesi": 4,
         "dokumen": SimpleUploadedFile(_at_the_cut(ext, "pdf"), CONTENT["pdf"])},
    )
    assert response.status_code == 302
    entry = RiwayatAsesmen.objects.get(asesor=asesor)
    served = client.get(reverse("asesor:dokumen-download", args=["riwayat", entry.pk]))
    assert served["Content-Type"] == "application/pdf" and served["Content-Security-Policy"] == "sandbox"
    assert served["Content-Disposition"].endswith('.pdf"')


def test_a_row_without_a_served_type_is_a_download(client, admin_lsp):
    k = KompetensiFactory(dokumen_nama="x.html")
    k.dokumen.save("x.pdf", ContentFile(HTML), save=True)  # written around the service: no checked type
    client.force_login(admin_lsp)
    response = client.get(reverse("asesor:dokumen-download", args=["kompetensi", k.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="x.bin"'


def test_data_migration_fills_the_type_from_the_stored_bytes():
    from django.apps import apps

    migration = importlib.import_module("asesor.migrations.0002_dokumen_mime")
    with_pdf, with_html, missing, without = (KompetensiFactory() for _ in range(4))
    with_pdf.dokumen.save("a.pdf", ContentFile(CONTENT["pdf"]), save=True)
    with_html.dokumen.save("b.pdf", ContentFile(HTML), save=True)
    missing.dokumen.save("c.pdf", ContentFile(CONTENT["pdf"]), save=True)
    missing.dokumen.storage.delete(missing.dokumen.name)
    cert = SertifikatAsesorFactory()
    cert.dokumen.save("d.png", ContentFile(CONTENT["png"]), save=True)
    migration.fill_dokumen_mime(apps, None)
    mimes = dict(KompetensiTeknis.objects.values_list("pk", "dokumen_mime"))
    assert mimes[with_pdf.pk] == "application/pdf"
    assert mimes[with_html.pk] == mimes[missing.pk] == "application/octet-stream"
    assert mimes[without.pk] == ""  # no document, nothing to serve
    assert SertifikatAsesor.objects.get(pk=cert.pk).dokumen_mime == "image/png"
