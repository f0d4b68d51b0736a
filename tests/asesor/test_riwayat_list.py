"""The admin's list of external assessments (the home number "Asesmen eksternal menunggu verifikasi"
and its menu badge open it): admin LSP only, filtered by status, bounded queries."""

import pytest
from django.urls import reverse

from asesor.domain import StatusVerifikasi

from .factories import AsesorFactory, RiwayatFactory

pytestmark = pytest.mark.django_db
URL = reverse("asesor:riwayat-list")


def external(asesor, status=StatusVerifikasi.MENUNGGU):
    return RiwayatFactory(
        asesor=asesor, sumber="eksternal", sumber_ref=None, nama_lsp="LSP Lain", dokumen="x.pdf", status=status
    )


def test_only_admin_lsp_opens_it(client, make_user):
    for role in ("asesor", "asesi", "komite", "validator"):
        client.force_login(make_user(role, username=f"bukan_{role}"))
        assert client.get(URL).status_code == 403


def test_waiting_filter_lists_only_external_entries_waiting(client, admin_lsp):
    asesor = AsesorFactory()
    waiting = [external(asesor), external(asesor)]
    external(asesor, StatusVerifikasi.DITERIMA)
    RiwayatFactory(asesor=asesor)  # internal: never in this list
    client.force_login(admin_lsp)
    response = client.get(URL, {"status": "menunggu"})
    assert [r.pk for r in response.context["object_list"]] == [r.pk for r in waiting]
    assert reverse("asesor:riwayat-verify", args=[waiting[0].pk]) in response.content.decode()
    assert response.context["paginator"].count == 2
    assert client.get(URL).context["paginator"].count == 3
    assert client.get(URL, {"status": "xyz"}).status_code == 200


def test_list_queries_do_not_grow_with_rows(client, admin_lsp, django_assert_max_num_queries):
    for _ in range(30):
        external(AsesorFactory())
    client.force_login(admin_lsp)
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"status": "menunggu"})
    assert len(response.context["object_list"]) == 25
