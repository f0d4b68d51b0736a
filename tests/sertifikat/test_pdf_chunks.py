"""The PDFs of one transaction go to the workers as chunk tasks; a chunk keeps per-certificate
idempotency and hands a failed certificate to the single task (retries, then *gagal*)."""

from unittest import mock

import pytest
from django.db import transaction

from sertifikat import services, tasks
from sertifikat.domain import StatusPdf
from sertifikat.models import Sertifikat

from .factories import admin_user, issued, lsp_profile, permohonan_decided, skema_with_units

pytestmark = pytest.mark.django_db


def _decided(n):
    skema = skema_with_units(n_units=2)
    return [permohonan_decided(nama=f"Peserta Chunk {i}", skema=skema).pk for i in range(n)]


def test_one_transaction_sends_its_ids_in_chunks_after_commit(django_capture_on_commit_callbacks, monkeypatch):
    lsp_profile()
    monkeypatch.setattr(tasks, "PDF_CHUNK", 2)
    ids = _decided(5)
    with mock.patch.object(tasks.sertifikat_pdf_generate_many, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            certs = services.sertifikat_issue_many(permohonan_ids=ids, by=admin_user())
        assert not delay.called  # nothing before the commit
        for callback in callbacks:
            callback()
    pks = [c.pk for c in certs]
    assert [call.args[0] for call in delay.call_args_list] == [pks[0:2], pks[2:4], pks[4:5]]


def test_a_rolled_back_issue_sends_nothing(monkeypatch):
    lsp_profile()
    ids = _decided(2)
    sent = []
    monkeypatch.setattr(tasks, "_send_chunks", sent.append)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.sertifikat_issue_many(permohonan_ids=ids, by=admin_user())
        raise RuntimeError("batal")
    with transaction.atomic():  # the next transaction starts with an empty buffer
        tasks.pdf_enqueue_on_commit(12345)
    assert tasks._pending.buffer["ids"] == [12345]
    assert sent == []  # (the test's own transaction never commits)


def test_chunk_makes_every_pdf_and_a_failure_goes_to_the_single_task(django_capture_on_commit_callbacks,
                                                                      monkeypatch):
    lsp_profile()
    certs = [issued(nama=f"Pemegang {i}") for i in range(3)]  # no commit here: no PDF yet
    assert all(c.pdf_status == StatusPdf.SEDANG_DIBUAT for c in certs)
    broken = certs[1].pk
    write = services._pdf_write

    def flaky(cert, lsp):
        if cert.pk == broken:
            raise OSError("disk penuh")
        return write(cert, lsp)

    monkeypatch.setattr(services, "_pdf_write", flaky)
    result = tasks.sertifikat_pdf_generate_many.apply(args=[[c.pk for c in certs] + [999999]]).get()
    assert result == {"siap": 2, "diulang": 1, "hilang": 1}
    status = dict(Sertifikat.objects.values_list("pk", "pdf_status"))
    # the failed one went to sertifikat_pdf_generate (in-process here: recorded gagal at once)
    assert status == {certs[0].pk: StatusPdf.SIAP, broken: StatusPdf.GAGAL, certs[2].pk: StatusPdf.SIAP}
    assert "disk penuh" in Sertifikat.objects.get(pk=broken).pdf_error
    first = Sertifikat.objects.get(pk=certs[0].pk)
    assert first.pdf.name == f"sertifikat/pdf/{first.token}.pdf" and first.pdf.read(5) == b"%PDF-"
    # run again (a redelivered chunk): the made ones are left alone, the failed one is tried again
    monkeypatch.setattr(services, "_pdf_write", write)
    Sertifikat.objects.filter(pk=broken).update(pdf_status=StatusPdf.SEDANG_DIBUAT, pdf_error="")
    with mock.patch.object(services, "_pdf_write", wraps=write) as spy:
        assert tasks.sertifikat_pdf_generate_many.apply(args=[[c.pk for c in certs]]).get() == {"siap": 3}
    assert [call.args[0].pk for call in spy.call_args_list] == [broken]


def test_chunk_of_a_bulk_issue_checks_the_zip_once(django_capture_on_commit_callbacks, django_assert_max_num_queries):
    lsp_profile()
    ids = _decided(6)
    with mock.patch.object(tasks, "_send_chunks"):
        certs = services.sertifikat_issue_many(permohonan_ids=ids, by=admin_user(), massal=True)
    massal = certs[0].massal
    # one locking read, LSP profile, per PDF only its storage, one UPDATE, then the bulk issue's progress
    with django_assert_max_num_queries(8), django_capture_on_commit_callbacks(execute=False):
        tasks.sertifikat_pdf_generate_many.apply(args=[[c.pk for c in certs]]).get()
    assert services.massal_progress(massal) == {"siap": 6, "gagal": 0, "total": 6, "selesai": True}
