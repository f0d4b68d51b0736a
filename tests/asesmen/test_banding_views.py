"""The banding pages: the asesi appeals from their page, the komite decides from the queue; who sees
what (a foreign appeal is a 404), the refusals shown plainly, the queue's query count."""

import pytest
from django.urls import reverse

from asesmen.domain_banding import StatusBanding
from asesmen.models import Banding
from asesmen.services.banding import banding_ajukan
from tests.factories import UserFactory

from .banding_factories import JAWABAN, bk_result, komite_user, reassessment_batch

pytestmark = pytest.mark.django_db

FORM = {"dijelaskan": "ya", "didiskusikan": "tidak", "melibatkan": "tidak", "alasan": "Portofolio tidak diperiksa"}


@pytest.fixture
def bk():
    return bk_result()


def test_the_asesi_sees_the_bk_result_and_appeals_it(client, bk):
    p = bk["permohonan"]
    client.force_login(p.asesi.user)
    assert "banding-link" in client.get(p.get_absolute_url()).content.decode()
    page = client.get(reverse("asesmen:banding-saya")).content.decode()
    assert reverse("asesmen:banding-ajukan", args=[p.pk]) in page
    response = client.post(reverse("asesmen:banding-ajukan", args=[p.pk]), FORM)
    banding = Banding.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("asesmen:banding-saya-detail",
                                                                              args=[banding.pk])
    assert banding.jawaban == {"dijelaskan": True, "didiskusikan": False, "melibatkan": False}
    detail = client.get(response["Location"]).content.decode()
    assert "Portofolio tidak diperiksa" in detail and "Menunggu keputusan" in detail
    # a second appeal: the reason is shown, not a form
    again = client.get(reverse("asesmen:banding-ajukan", args=[p.pk])).content.decode()
    assert "sudah pernah diajukan" in again and 'name="alasan"' not in again
    assert client.post(reverse("asesmen:banding-ajukan", args=[p.pk]), FORM).status_code == 200
    assert Banding.objects.count() == 1


def test_an_empty_appeal_shows_the_form_errors(client, bk):
    client.force_login(bk["permohonan"].asesi.user)
    page = client.post(reverse("asesmen:banding-ajukan", args=[bk["permohonan"].pk]), {"alasan": ""})
    assert page.status_code == 200 and "form-errors" in page.content.decode()


def test_others_get_404_or_403(client, bk):
    banding = banding_ajukan(permohonan=bk["permohonan"], jawaban=JAWABAN, alasan="x", by=bk["permohonan"].asesi.user)
    other = bk_result()
    client.force_login(other["permohonan"].asesi.user)
    assert client.get(reverse("asesmen:banding-ajukan", args=[bk["permohonan"].pk])).status_code == 404
    assert client.get(reverse("asesmen:banding-saya-detail", args=[banding.pk])).status_code == 404
    assert client.get(reverse("asesmen:banding-list")).status_code == 403
    client.force_login(bk["asesor"].user)
    assert client.get(reverse("asesmen:banding-detail", args=[banding.pk])).status_code == 403
    client.force_login(komite_user())
    assert client.get(reverse("asesmen:banding-detail", args=[banding.pk + 999])).status_code == 404


def test_the_komite_grants_from_the_queue(client, bk, django_capture_on_commit_callbacks):
    banding = banding_ajukan(permohonan=bk["permohonan"], jawaban=JAWABAN, alasan="x", by=bk["permohonan"].asesi.user)
    komite = komite_user()
    client.force_login(komite)
    queue = client.get(reverse("asesmen:banding-list")).content.decode()
    assert banding.kode in queue
    url = reverse("asesmen:banding-detail", args=[banding.pk])
    invalid = client.post(url, {"keputusan": "", "alasan": ""})
    assert invalid.status_code == 200 and "form-errors" in invalid.content.decode()
    with django_capture_on_commit_callbacks():
        assert client.post(url, {"keputusan": "diterima", "alasan": "Ases ulang unit 2"}).status_code == 302
    banding.refresh_from_db()
    assert banding.status == StatusBanding.DITERIMA
    assert banding.kode not in client.get(reverse("asesmen:banding-list")).content.decode()
    assert banding.kode in client.get(reverse("asesmen:banding-list") + "?status=diterima").content.decode()
    client.force_login(bk["permohonan"].asesi.user)
    page = client.get(reverse("asesmen:banding-saya-detail", args=[banding.pk])).content.decode()
    assert "Ases ulang unit 2" in page and "Diterima" in page
    timeline = client.get(bk["permohonan"].get_absolute_url()).content.decode()
    assert "banding diterima" in timeline


def test_the_admin_reads_but_does_not_decide(client, bk):
    banding = banding_ajukan(permohonan=bk["permohonan"], jawaban=JAWABAN, alasan="x", by=bk["permohonan"].asesi.user)
    client.force_login(bk["admin"])
    url = reverse("asesmen:banding-detail", args=[banding.pk])
    page = client.get(url).content.decode()
    assert 'name="keputusan"' not in page
    assert client.post(url, {"keputusan": "ditolak", "alasan": "x"}).status_code == 404


def test_the_workspace_of_a_reassessment_shows_the_carried_units(client, bk):
    from asesmen.services.banding import banding_putuskan

    banding = banding_ajukan(permohonan=bk["permohonan"], jawaban=JAWABAN, alasan="x", by=bk["permohonan"].asesi.user)
    banding_putuskan(banding=banding, keputusan="diterima", alasan="ok", by=komite_user())
    p = bk["permohonan"]
    p.refresh_from_db()
    ulang = reassessment_batch(skema=bk["skema"], permohonan=p, admin=bk["admin"])
    client.force_login(ulang["asesor"].user)
    page = client.get(reverse("asesmen:ruang-kerja", args=[ulang["peserta"].pk])).content.decode()
    assert f"K (dibawa dari rekaman #{bk['rekaman'].pk})" in page
    assert f'id="unit-{bk["unit_k"]}"' not in page


def test_the_queue_costs_the_same_for_many_appeals(client, django_assert_max_num_queries):
    for _ in range(3):
        b = bk_result()
        banding_ajukan(permohonan=b["permohonan"], jawaban=JAWABAN, alasan="x", by=b["permohonan"].asesi.user)
    client.force_login(komite_user())
    with django_assert_max_num_queries(9):
        page = client.get(reverse("asesmen:banding-list"))
    assert page.content.decode().count("data-banding=") == 3


def test_a_komite_nav_entry_with_a_badge(client, bk):
    banding_ajukan(permohonan=bk["permohonan"], jawaban=JAWABAN, alasan="x", by=bk["permohonan"].asesi.user)
    client.force_login(komite_user())
    page = client.get(reverse("lsp:role-home", args=["komite"])).content.decode()
    assert reverse("asesmen:banding-list") in page


def test_a_plain_user_gets_403(client):
    client.force_login(UserFactory())
    assert client.get(reverse("asesmen:banding-saya")).status_code == 403
