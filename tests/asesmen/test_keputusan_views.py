"""Pleno pages: roles, the impartiality refusal shown (not a 500), the SK flow by POST, issuing from the SK."""

import pytest
from django.urls import reverse
from django.utils import timezone

from asesmen import services
from asesmen.models import KeputusanSK
from sertifikat.models import Sertifikat
from tests.sertifikat.factories import lsp_profile

from .pelaksanaan_factories import assess_all, signature_png, started


@pytest.fixture
def batch(db):
    lsp_profile()
    s = started(n_asesi=2)
    for p in s["peserta"]:
        assess_all(p, s["asesor"].user, hasil="K")
        services.rekaman_submit(peserta=p, ttd=signature_png(), by=s["asesor"].user, ip=None)
    return s


@pytest.mark.django_db
def test_queue_is_for_komite_and_counts_few_queries(client, make_user, batch, django_assert_max_num_queries):
    client.force_login(make_user("asesor", username="a_only"))
    assert client.get(reverse("asesmen:pleno")).status_code == 403
    client.force_login(make_user("komite", username="k1"))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("asesmen:pleno"))
    assert f'data-jadwal="{batch["jadwal"].pk}"' in response.content.decode()
    page = client.get(reverse("asesmen:pleno-jadwal", args=[batch["jadwal"].pk]))
    assert page.status_code == 200 and page.content.decode().count("data-peserta=") == 2


@pytest.mark.django_db
def test_asesor_who_is_komite_posting_a_decision_gets_the_refusal(client, batch):
    asesor_user = batch["asesor"].user
    from django.contrib.auth.models import Group

    asesor_user.groups.add(Group.objects.get_or_create(name="komite")[0])
    client.force_login(asesor_user)
    response = client.post(reverse("asesmen:keputusan", args=[batch["p"].pk]), {"keputusan": "K"})
    assert response.status_code == 200
    assert "mengases asesi ini" in response.content.decode()
    assert not KeputusanSK.objects.filter(keputusan__isnull=False).exists()


@pytest.mark.django_db
def test_sk_flow_by_post_then_admin_issues_all_from_the_sk(client, make_user, batch, admin_lsp):
    komite, direktur = make_user("komite", username="k2"), make_user("direktur", username="d2")
    client.force_login(komite)
    for p in batch["peserta"]:
        assert client.post(reverse("asesmen:keputusan", args=[p.pk]), {"keputusan": "K"}).status_code == 302
    sk = KeputusanSK.objects.get(jadwal=batch["jadwal"])
    client.post(reverse("asesmen:sk-ubah", args=[sk.pk]), {"tanggal_pleno": timezone.localdate().isoformat()})
    client.post(reverse("asesmen:sk-ajukan", args=[sk.pk]))
    assert client.post(reverse("asesmen:sk-setujui", args=[sk.pk])).status_code == 403  # komite cannot approve
    client.force_login(direktur)
    client.post(reverse("asesmen:sk-setujui", args=[sk.pk]))
    sk.refresh_from_db()
    assert sk.status == "disetujui" and sk.nomor
    assert client.get(reverse("asesmen:sk-pdf", args=[sk.pk]))["Content-Type"] == "application/pdf"
    client.force_login(admin_lsp)
    page = client.get(reverse("sertifikat:sk-terbit", args=[sk.pk]))
    assert page.content.decode().count("data-permohonan=") == 2
    response = client.post(reverse("sertifikat:sk-terbit", args=[sk.pk]), {"semua": "1"})
    assert response.status_code == 302
    assert Sertifikat.objects.count() == 2


@pytest.mark.django_db
def test_a_draft_sk_cannot_be_issued_from(client, batch, admin_lsp, make_user):
    services.keputusan_save(peserta=batch["p"], keputusan="K", by=make_user("komite", username="k3"))
    sk = KeputusanSK.objects.get(jadwal=batch["jadwal"])
    client.force_login(admin_lsp)
    assert client.get(reverse("sertifikat:sk-terbit", args=[sk.pk])).status_code == 404


@pytest.mark.django_db
def test_laporan_page_signs_and_prints(client, batch):
    client.force_login(batch["asesor"].user)
    url = reverse("asesmen:laporan", args=[batch["penugasan"].pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"catatan": "Baik", "aksi": "tandatangani", "ttd": ""})
    assert response.status_code == 200 and "data-form-errors" in response.content.decode()
    response = client.post(url, {"catatan": "Baik", "aksi": "tandatangani", "ttd": signature_png()})
    assert response.status_code == 302
    assert 'data-testid="laporan-ttd"' in client.get(url).content.decode()
    pdf = client.get(reverse("asesmen:laporan-pdf", args=[batch["penugasan"].pk]))
    assert pdf.content.startswith(b"%PDF")
