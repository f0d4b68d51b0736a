"""The audit trail for people: Indonesian labels of actions and states, local times, links to the objects,
pages by cursor (one query for any page), the same rows as a streamed CSV."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from asesi.domain import AuditAction as AsesiAction
from lsp.audit import AuditAction, audit_log
from lsp.bench_seed import timestamps_as_given
from lsp.models import AuditLog
from tests.asesi.factories import AsesiProfileFactory
from tests.factories import SkemaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_lsp):
    client.force_login(admin_lsp)
    return client


def _at(when, **fields):
    """An audit row written at ``when`` (the table is append-only: the time is given at insert)."""
    with timestamps_as_given(AuditLog._meta.get_field("created_at")):
        return AuditLog.objects.create(created_at=when, **fields)


def _rows(n, actor):
    """``n`` rows one minute apart, three sharing each timestamp (the cursor's tie-break on the id)."""
    start = datetime(2025, 6, 1, 0, 30, tzinfo=UTC)
    return [
        _at(start + timedelta(minutes=i // 3), actor=actor, action=AuditAction.TUK_CREATE, note=f"baris {i}").pk
        for i in range(n)
    ]


def test_labels_local_time_and_links(admin_client, admin_lsp):
    profil = AsesiProfileFactory()
    _at(datetime(2025, 6, 1, 17, 30, tzinfo=UTC), actor=admin_lsp,
        action=AsesiAction.PERMOHONAN_STATUS.value, content_type=ContentType.objects.get_for_model(profil),
        object_id=str(profil.pk), object_repr=str(profil), from_state="draft", to_state="diajukan")
    skema = SkemaFactory(kode="SKM-AUDIT")
    audit_log(actor=admin_lsp, action=AuditAction.SKEMA_DEACTIVATE, obj=skema, from_state="aktif", to_state="nonaktif")
    html = admin_client.get(reverse("lsp:audit-list")).content.decode()
    assert "Status permohonan diubah" in html and ">permohonan.status<" not in html  # no raw code shown
    assert "Draf → Diajukan" in html and "Aktif → Nonaktif" in html
    assert "2 Jun 2025 00:30:00" in html  # 17:30 UTC is the next day 00:30 in Jakarta
    assert f'href="{reverse("asesi:asesi-detail", args=[profil.pk])}"' in html
    assert f'href="{reverse("lsp:skema-detail", args=[skema.pk])}"' in html


def test_pages_follow_a_cursor_in_one_query_whatever_the_depth(admin_client, admin_lsp, django_assert_num_queries):
    ids = _rows(120, admin_lsp)
    newest_first = sorted(ids, reverse=True)  # same order as (-created_at, -pk) here: rows were made in order
    seen, url, counts = [], reverse("lsp:audit-list"), []
    response = admin_client.get(url)
    while True:
        page = [e.pk for e in response.context["object_list"]]
        seen += page
        older = response.context["page_obj"].older
        if not older:
            break
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            response = admin_client.get(url, {"sebelum": older})
        counts.append(len(ctx.captured_queries))
    assert seen == newest_first
    assert len(set(counts)) == 1  # the last page costs what the second one does
    # and back: the previous page of the last one is the one before it
    newer = response.context["page_obj"].newer
    back = admin_client.get(url, {"sesudah": newer})
    assert [e.pk for e in back.context["object_list"]] == newest_first[50:100]


@pytest.mark.parametrize("cursor", ["", "abc", "W10", "WyJ4Il0", "eyJhIjoxfQ", "x" * 600, "WyJ4IiwgMV0"])
def test_a_cursor_that_does_not_parse_shows_the_first_page(admin_client, admin_lsp, cursor):
    _rows(3, admin_lsp)
    response = admin_client.get(reverse("lsp:audit-list"), {"sebelum": cursor, "sesudah": cursor})
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 3


def test_csv_export_streams_the_filtered_rows_with_labels(admin_client, admin_lsp):
    _rows(3, admin_lsp)
    audit_log(actor=admin_lsp, action=AuditAction.SKEMA_CREATE, obj=SkemaFactory(kode="SKM-X"), to_state="aktif")
    response = admin_client.get(reverse("lsp:audit-export-csv"), {"action": "tuk.create"})
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Waktu", "Oleh", "Aksi"]
    assert len(rows) == 4 and {r[2] for r in rows[1:]} == {"TUK dibuat"}
    assert rows[1][0] == "2025-06-01 07:30:00"  # local time (UTC+7), newest first


@pytest.mark.parametrize("limit", [200, 1])  # ids looked up first, or (many people match) a subquery
def test_filter_by_person_name_username_or_email(admin_client, admin_lsp, monkeypatch, limit):
    from lsp import filters
    from tests.factories import UserFactory

    monkeypatch.setattr(filters, "ACTOR_IDS_MAX", limit)
    # names no generated name or username can contain
    sari = UserFactory(nama_lengkap="Qzx Sari Wulandarqz", roles=["admin_lsp"])
    sarah = UserFactory(nama_lengkap="Qzx Sarah Putriqz", roles=["admin_lsp"])
    for who in (sari, sarah, admin_lsp):
        audit_log(actor=who, action=AuditAction.TUK_CREATE, note=who.username)
    actors = lambda q: {e.actor_id for e in admin_client.get(reverse("lsp:audit-list"), {"actor": q})  # noqa: E731
                        .context["object_list"]}
    assert actors("wulandarqz") == {sari.pk}
    assert actors("qzx sar") == {sari.pk, sarah.pk}
    assert actors(sarah.username) == {sarah.pk}


def test_filter_by_app_kind_and_object(admin_client, admin_lsp):
    """Every state change across apps, narrowed to one app, one kind of record, one record (by id or by
    the name the trail wrote), and the CSV takes the same filters."""
    profil = AsesiProfileFactory()
    asesi_type = ContentType.objects.get_for_model(profil)
    _at(datetime(2025, 6, 1, 1, 0, tzinfo=UTC), actor=admin_lsp, action=AsesiAction.PERMOHONAN_STATUS.value,
        content_type=asesi_type, object_id=str(profil.pk), object_repr="APL-000777", to_state="diajukan")
    skema = SkemaFactory(kode="SKM-AUDIT-OBJ")
    audit_log(actor=admin_lsp, action=AuditAction.SKEMA_CREATE, obj=skema, to_state="aktif")
    audit_log(actor=admin_lsp, action=AuditAction.TUK_CREATE, note="tanpa objek")
    url = reverse("lsp:audit-list")
    notes = lambda **q: {e.action for e in admin_client.get(url, q).context["object_list"]}  # noqa: E731
    assert notes(app="asesi") == {"permohonan.status"}
    assert notes(app="lsp") == {"skema.create"}
    assert notes(jenis="lsp.skema") == {"skema.create"}
    assert notes(jenis="asesi.asesiprofile", objek=str(profil.pk)) == {"permohonan.status"}
    assert notes(objek="apl-000777") == {"permohonan.status"}  # by name, any case
    assert notes(objek="SKM-AUDIT-OBJ") == {"skema.create"}
    assert notes(objek="99999999") == set()
    assert notes(app="asesi", jenis="lsp.skema") == set()
    # a value that is not a choice is a form error, the page still answers
    response = admin_client.get(url, {"app": "tidak-ada", "jenis": "x.y"})
    assert response.status_code == 200 and response.context["filter"].errors
    rows = list(csv.reader(io.StringIO(b"".join(
        admin_client.get(reverse("lsp:audit-export-csv"), {"app": "asesi"}).streaming_content
    ).decode("utf-8-sig"))))
    assert [r[3] for r in rows[1:]] == ["permohonan.status"]


@pytest.mark.parametrize("query", [{"app": "asesi"}, {"jenis": "lsp.skema", "objek": "5"}, {"objek": "APL-0001"}])
def test_filtered_pages_cost_a_fixed_number_of_queries(admin_client, admin_lsp, django_assert_max_num_queries, query):
    _rows(60, admin_lsp)
    admin_client.get(reverse("lsp:audit-list"), query)  # the content-type cache is warm in a running process
    with django_assert_max_num_queries(9):
        admin_client.get(reverse("lsp:audit-list"), query)
