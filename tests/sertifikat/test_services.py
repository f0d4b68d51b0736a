"""Issuing, numbering, suspend/revoke/reinstate and the PDF's states, through the services."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from asesi.domain import Status as StatusPermohonan
from asesi.models import Permohonan
from lsp.models import AuditLog
from sertifikat import services
from sertifikat.domain import StatusPdf, StatusTersimpan
from sertifikat.models import NomorUrut, Sertifikat, SertifikatRiwayat
from sertifikat.selectors import permohonan_siap_terbit
from tests.factories import UserFactory

from .factories import admin_user, issued, lsp_profile, permohonan_decided, skema_with_units

pytestmark = pytest.mark.django_db


def codes(exc):
    return {e.code for e in exc.value.error_list}


def test_issue_numbers_snapshot_validity_audit_and_pdf_after_commit(django_capture_on_commit_callbacks):
    lsp_profile()
    skema = skema_with_units(n_units=3, bidang="TIK", masa_berlaku_tahun=3)
    p = permohonan_decided(nama="Ñoño Åsa Łukasz", skema=skema)
    admin = admin_user()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        cert = services.sertifikat_issue(permohonan=p, by=admin, tanggal_terbit=date(2026, 1, 10))
    assert cert.nomor == "LSP-1565/2026/000001"
    assert cert.nomor_registrasi == "TIK 1565 00001 2026"
    assert cert.berlaku_sampai == date(2029, 1, 9)  # issue + 3 years − 1 day (lsp.domain.valid_until)
    assert cert.nama_pemegang == "Ñoño Åsa Łukasz"
    assert [u["kode"] for u in cert.units] == list(p.units.order_by("urutan").values_list("kode", flat=True))
    assert len(cert.units) == 3
    assert Permohonan.objects.get(pk=p.pk).status == StatusPermohonan.BERSERTIFIKAT
    assert AuditLog.objects.filter(action="sertifikat.issue", object_id=str(cert.pk)).count() == 1
    assert AuditLog.objects.filter(action="permohonan.status", to_state="bersertifikat").count() == 1
    # nothing ran before the commit: the PDF (and the asesi's email) wait for it
    assert Sertifikat.objects.get(pk=cert.pk).pdf_status == StatusPdf.SEDANG_DIBUAT
    assert callbacks
    for cb in callbacks:
        cb()
    cert.refresh_from_db()
    assert cert.pdf_status == StatusPdf.SIAP
    assert cert.pdf.name == f"sertifikat/pdf/{cert.token}.pdf"
    assert cert.pdf.read(5) == b"%PDF-"


def test_units_stay_as_issued_when_the_skema_changes():
    cert = issued(skema=skema_with_units(n_units=2))
    before = list(cert.units)
    cert.skema.units.update(judul="Judul baru")
    cert.skema.nama = "Nama baru"
    cert.skema.save()
    cert.refresh_from_db()
    assert cert.units == before and cert.skema_nama != "Nama baru"


@pytest.mark.parametrize("status, keputusan", [
    (StatusPermohonan.DIPUTUSKAN, "BK"),
    (StatusPermohonan.DIASES, ""),
    (StatusPermohonan.DITERIMA, ""),
])
def test_never_for_an_undecided_or_bk_application(status, keputusan):
    p = permohonan_decided()
    Permohonan.objects.filter(pk=p.pk).update(status=status, keputusan=keputusan)
    with pytest.raises(ValidationError) as exc:
        services.sertifikat_issue(permohonan=p, by=admin_user())
    assert codes(exc) == {"not_siap_terbit"}
    assert not Sertifikat.objects.exists()
    assert not NomorUrut.objects.filter(terakhir__gt=0).exists()  # no number used up


def test_second_issue_for_the_same_application_is_refused():
    cert = issued()
    with pytest.raises(ValidationError) as exc:
        services.sertifikat_issue(permohonan=cert.permohonan, by=admin_user())
    assert codes(exc) == {"not_siap_terbit"}


def test_only_admin_lsp_issues():
    p = permohonan_decided()
    for user in (UserFactory(roles=("komite",)), p.asesi.user):
        with pytest.raises(PermissionDenied):
            services.sertifikat_issue(permohonan=p, by=user)


def test_issue_many_issues_only_the_ready_ones_consecutively():
    lsp_profile()
    skema = skema_with_units()
    ready = [permohonan_decided(nama=f"Peserta {i}", skema=skema) for i in range(3)]
    bk = permohonan_decided(keputusan="BK", nama="Belum Kompeten", skema=skema)
    certs = services.sertifikat_issue_many(
        permohonan_ids=[p.pk for p in ready] + [bk.pk], by=admin_user(), tanggal_terbit=date(2026, 3, 1)
    )
    assert [c.nomor for c in certs] == [f"LSP-1565/2026/00000{i}" for i in (1, 2, 3)]
    assert Permohonan.objects.get(pk=bk.pk).status == StatusPermohonan.DIPUTUSKAN
    assert not permohonan_siap_terbit().exists()
    with pytest.raises(ValidationError) as exc:
        services.sertifikat_issue_many(permohonan_ids=[bk.pk], by=admin_user())
    assert codes(exc) == {"none_selected"}


def test_a_rolled_back_issue_gives_its_number_back():
    lsp_profile()
    skema = skema_with_units()
    first, second = permohonan_decided(skema=skema, nama="Satu"), permohonan_decided(skema=skema, nama="Dua")
    with pytest.raises(RuntimeError), transaction.atomic():
        services.sertifikat_issue(permohonan=first, by=admin_user(), tanggal_terbit=date(2026, 5, 1))
        raise RuntimeError("rollback")
    cert = services.sertifikat_issue(permohonan=second, by=admin_user(), tanggal_terbit=date(2026, 5, 1))
    assert cert.nomor == "LSP-1565/2026/000001"


def test_serial_restarts_each_year():
    lsp_profile()
    skema = skema_with_units()
    a = services.sertifikat_issue(permohonan=permohonan_decided(skema=skema, nama="A"), by=admin_user(),
                                  tanggal_terbit=date(2026, 12, 31))
    b = services.sertifikat_issue(permohonan=permohonan_decided(skema=skema, nama="B"), by=admin_user(),
                                  tanggal_terbit=date(2027, 1, 1))
    assert (a.nomor, b.nomor) == ("LSP-1565/2026/000001", "LSP-1565/2027/000001")


def test_configured_bnsp_format(settings):
    settings.LSP_SERTIFIKAT_NOMOR_FORMAT = "63111 2511 {jenjang} {urut:07d} {tahun}"
    lsp_profile()
    skema = skema_with_units(jenis="kkni", level_kkni=5)
    cert = issued(skema=skema, tanggal_terbit=date(2026, 2, 2))
    assert cert.nomor == "63111 2511 5 0000001 2026"


def test_suspend_reinstate_revoke_with_reason_who_when():
    cert = issued()
    admin = admin_user()
    services.sertifikat_suspend(sertifikat=cert, alasan="Pengaduan sedang diperiksa", by=admin)
    assert (cert.status, cert.status_oleh, cert.status_alasan) == (
        StatusTersimpan.DIBEKUKAN, admin, "Pengaduan sedang diperiksa")
    services.sertifikat_reinstate(sertifikat=cert, alasan="Pengaduan tidak terbukti", by=admin)
    services.sertifikat_revoke(sertifikat=cert, alasan="Pemalsuan dokumen", by=admin)
    cert.refresh_from_db()
    assert cert.status == StatusTersimpan.DICABUT and cert.status_pada is not None
    assert list(SertifikatRiwayat.objects.filter(sertifikat=cert).values_list("ke", flat=True)) == [
        "dibekukan", "aktif", "dicabut"]
    assert list(
        AuditLog.objects.filter(object_id=str(cert.pk), action__startswith="sertifikat.").order_by("pk")
        .values_list("action", flat=True)
    ) == ["sertifikat.issue", "sertifikat.suspend", "sertifikat.reinstate", "sertifikat.revoke"]
    with pytest.raises(ValidationError) as exc:
        services.sertifikat_reinstate(sertifikat=cert, alasan="Coba lagi", by=admin)
    assert codes(exc) == {"status_not_allowed"}


def test_status_change_needs_a_reason():
    cert = issued()
    with pytest.raises(ValidationError) as exc:
        services.sertifikat_suspend(sertifikat=cert, alasan="  ", by=admin_user())
    assert codes(exc) == {"alasan_required"}
    assert Sertifikat.objects.get(pk=cert.pk).status == StatusTersimpan.AKTIF


@pytest.mark.postgres
def test_database_refuses_a_suspension_without_reason():
    cert = issued()
    with pytest.raises(IntegrityError), transaction.atomic():
        Sertifikat.objects.filter(pk=cert.pk).update(status="dibekukan")


def test_pdf_task_is_idempotent(django_capture_on_commit_callbacks):
    from sertifikat.tasks import sertifikat_pdf_generate

    with django_capture_on_commit_callbacks(execute=True):
        cert = issued()
    cert.refresh_from_db()
    assert cert.pdf_status == StatusPdf.SIAP
    first = cert.pdf.read()
    assert sertifikat_pdf_generate(cert.pk) == StatusPdf.SIAP
    cert.refresh_from_db()
    assert cert.pdf.name == f"sertifikat/pdf/{cert.token}.pdf"
    assert cert.pdf.read() == first  # untouched: the task found it done
    assert Sertifikat.objects.count() == 1


def test_failing_storage_ends_gagal_with_the_error_and_retry_works(monkeypatch, django_capture_on_commit_callbacks):
    from django.core.files.storage import FileSystemStorage

    from sertifikat.tasks import PDF_MAX_RETRIES, sertifikat_pdf_generate

    cert = issued()

    def broken(self, name, content, max_length=None):
        raise OSError("disk penuh")

    monkeypatch.setattr(FileSystemStorage, "save", broken)
    result = sertifikat_pdf_generate.apply(args=[cert.pk], retries=PDF_MAX_RETRIES)
    assert result.get() == "gagal"
    cert.refresh_from_db()
    assert cert.pdf_status == StatusPdf.GAGAL and "disk penuh" in cert.pdf_error
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.sertifikat_pdf_retry(sertifikat=cert, by=admin_user())
    cert.refresh_from_db()
    assert (cert.pdf_status, cert.pdf_error) == (StatusPdf.SIAP, "")
    assert AuditLog.objects.filter(action="sertifikat.pdf_retry", object_id=str(cert.pk)).exists()
    with pytest.raises(ValidationError) as exc:
        services.sertifikat_pdf_retry(sertifikat=cert, by=admin_user())
    assert codes(exc) == {"pdf_not_failed"}
