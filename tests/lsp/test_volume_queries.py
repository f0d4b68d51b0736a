"""Query shapes that keep the busy pages fast at volume (figures in README "Benchmarks"): date filters compare
the indexed column with the day's bounds instead of casting every row to a date, and the verification queue
counts documents per row shown instead of grouping every application before the LIMIT."""

import datetime
import zoneinfo
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from asesi import services as asesi_services
from asesi.domain import Status
from asesi.filters import PermohonanFilter
from asesi.models import Dokumen
from asesi.selectors import permohonan_queue
from lsp import services
from lsp.filters import AuditLogFilter
from lsp.models import AuditLog
from tests.asesi.factories import admin_user, pdf, permohonan_draft

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
MOMENTS = {  # local (Jakarta) moments around 1 May 2024
    "before": datetime.datetime(2024, 4, 30, 23, 59, 59, 999999, tzinfo=JAKARTA),
    "first": datetime.datetime(2024, 5, 1, 0, 0, tzinfo=JAKARTA),
    "last": datetime.datetime(2024, 5, 1, 23, 59, 59, 999999, tzinfo=JAKARTA),
    "after": datetime.datetime(2024, 5, 2, 0, 0, tzinfo=JAKARTA),
}


@pytest.fixture
def rows():
    """One audit row written at each moment (the trail is append-only: written then, not moved there)."""
    admin = admin_user()
    made = {}
    for i, (name, moment) in enumerate(MOMENTS.items()):
        with mock.patch("django.utils.timezone.now", return_value=moment):
            tuk = services.tuk_create(by=admin, kode=f"TUK-{i}", nama=name, jenis="sewaktu", alamat="A")
        made[name] = str(tuk.pk)
    return made


def _audit(**data):
    return AuditLogFilter(data=data, queryset=AuditLog.objects.filter(action="tuk.create")).qs


def _names(qs, rows):
    found = set(qs.values_list("object_id", flat=True))
    return {name for name, pk in rows.items() if pk in found}


def test_a_day_is_from_its_first_to_its_last_local_microsecond(rows):
    assert _names(_audit(tanggal_dari="2024-05-01", tanggal_sampai="2024-05-01"), rows) == {"first", "last"}
    assert _names(_audit(tanggal_dari="2024-05-01"), rows) == {"first", "last", "after"}
    assert _names(_audit(tanggal_sampai="2024-05-01"), rows) == {"before", "first", "last"}
    assert _names(_audit(tanggal_sampai="2024-04-30"), rows) == {"before"}


def test_the_first_and_last_representable_days_still_filter(rows):
    assert _names(_audit(tanggal_dari="0001-01-01", tanggal_sampai="9999-12-31"), rows) == set(MOMENTS)
    assert _names(_audit(tanggal_dari="9999-12-31"), rows) == set()
    assert _names(_audit(tanggal_sampai="0001-01-01"), rows) == set()


@pytest.mark.parametrize("flt", ["audit", "permohonan"])
def test_date_filters_compare_the_column_itself_not_a_cast_of_every_row(flt):
    if flt == "audit":
        qs = _audit(tanggal_dari="2024-05-01", tanggal_sampai="2024-05-31")
    else:
        qs = PermohonanFilter(data={"dari": "2024-05-01", "sampai": "2024-05-31"}).qs
    sql = str(qs.query).lower()
    assert "at time zone" not in sql and "cast_date" not in sql, sql


def test_queue_counts_each_rows_documents_and_its_count_query_joins_none():
    admin = admin_user()
    with_documents = permohonan_draft()
    asesi_services.dokumen_upload(
        permohonan=with_documents, berkas=pdf("portofolio.pdf"), persyaratan=None, by=with_documents.asesi.user
    )
    asesi_services.permohonan_submit(permohonan=with_documents, by=with_documents.asesi.user)
    # one without documents cannot be submitted through the service: put it in the queue directly
    without = permohonan_draft(with_documents=False)
    type(without).objects.filter(pk=without.pk).update(status=Status.DIAJUKAN)
    queue = permohonan_queue(admin).filter(status=Status.DIAJUKAN)
    counted = {p.pk: p.jumlah_dokumen for p in queue}
    assert counted == {without.pk: 0, with_documents.pk: Dokumen.objects.filter(permohonan=with_documents).count()}
    assert counted[with_documents.pk] > 1
    with CaptureQueriesContext(connection) as ctx:
        assert permohonan_queue(admin).filter(status=Status.DIAJUKAN).count() == 2
    assert "asesi_dokumen" not in ctx.captured_queries[0]["sql"]  # the paginator's count: no join, no GROUP BY
