"""The validator's pages: role and ownership (someone else's sample is a 404), the draw from the form,
the report page and its PDF, a record with its findings, signing, and bounded query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from asesmen import services
from asesmen.domain_validasi import StatusSampel
from asesmen.models import SampelValidasi
from tests.asesi.factories import admin_user

from .pelaksanaan_factories import signature_png
from .validasi_factories import submitted, validator

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx():
    admin = admin_user(username="admin_vv")
    data = submitted(n_asesi=2, admin=admin)
    v = validator(username="val_v")
    today = timezone.localdate()
    sampel = services.sampel_draw(by=v, dari=today, sampai=today, persen=100, seed="tetap")
    return {**data, "admin": admin, "v": v, "sampel": sampel, "item": sampel.rekaman.order_by("pk").first()}


def _url(name, *args):
    return reverse(f"asesmen:{name}", args=args)


def test_only_validators_get_in(client, ctx):
    for user in (ctx["admin"], ctx["asesor"].user, ctx["p"].permohonan.asesi.user):
        client.force_login(user)
        assert client.get(_url("validasi-list")).status_code == 403
        assert client.get(_url("validasi-create")).status_code == 403
    for user in (ctx["asesor"].user, ctx["p"].permohonan.asesi.user):  # the admin LSP reads it (R65)
        client.force_login(user)
        assert client.get(_url("validasi-detail", ctx["sampel"].pk)).status_code == 403
    client.logout()
    assert client.get(_url("validasi-list")).status_code == 302


def test_another_validators_sample_and_bad_ids_are_404(client, ctx):
    client.force_login(validator(username="val_lain"))
    for url in (_url("validasi-detail", ctx["sampel"].pk), _url("validasi-rekaman", ctx["item"].pk),
                _url("validasi-pdf", ctx["sampel"].pk), _url("validasi-temuan", ctx["item"].pk),
                _url("validasi-detail", 999999), _url("validasi-tutup", 999999)):
        assert client.get(url).status_code == 404, url


def test_drawing_from_the_form_records_the_sample_and_shows_its_seed(client, ctx):
    client.force_login(ctx["v"])
    today = timezone.localdate().isoformat()
    response = client.post(_url("validasi-create"), {"dari": today, "sampai": today, "persen": "10",
                                                     "seed": "abc123"})
    sampel = SampelValidasi.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == sampel.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="seed">abc123<' in page
    assert sampel.rekaman.count() == 1  # 10 % of 2 rounded up; one asesor


def test_an_empty_scope_says_so_on_the_form(client, ctx):
    client.force_login(ctx["v"])
    old = (timezone.localdate() - timedelta(days=300)).isoformat()
    response = client.post(_url("validasi-create"), {"dari": old, "sampai": old, "persen": "10"})
    assert response.status_code == 200
    assert "Tidak ada rekaman asesmen yang sudah diajukan" in response.content.decode()


def test_finding_conclusion_and_signing_through_the_pages(client, ctx):
    v, sampel = ctx["v"], ctx["sampel"]
    client.force_login(v)
    item = ctx["item"]
    r = client.post(_url("validasi-temuan", item.pk), {"aspek": "bukti_asli", "memenuhi": "0",
                                                        "uraian": "Tanda tangan tidak cocok."})
    assert r.status_code == 302
    temuan = item.temuan.get()
    r = client.post(_url("validasi-tindak-lanjut", temuan.pk), {
        "uraian": "Konfirmasi ke asesi.", "penanggung_jawab": ctx["asesor"].user.pk,
        "batas": (timezone.localdate() + timedelta(days=5)).isoformat()})
    assert r.status_code == 302
    page = client.get(_url("validasi-rekaman", item.pk)).content.decode()
    assert "Tanda tangan tidak cocok." in page and "Konfirmasi ke asesi." in page
    for i in sampel.rekaman.all():
        assert client.post(_url("validasi-kesimpulan", i.pk), {"kesimpulan": "sesuai"}).status_code == 302
    report = client.get(sampel.get_absolute_url()).content.decode()
    assert f'href="{_url("validasi-sahkan", sampel.pk)}"' in report
    r = client.post(_url("validasi-sahkan", sampel.pk), {"ringkasan": "Valid.", "ttd": signature_png()})
    assert r.status_code == 302
    sampel.refresh_from_db()
    assert sampel.status == StatusSampel.DISAHKAN
    pdf = client.get(_url("validasi-pdf", sampel.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Security-Policy"] == "sandbox"
    tl = temuan.tindak_lanjut.get()
    assert client.post(_url("validasi-tutup", tl.pk), {"catatan": "Sudah dikonfirmasi."}).status_code == 302


def test_the_sampled_records_forms_pdf_for_the_validator(client, ctx):
    client.force_login(ctx["v"])
    response = client.get(_url("validasi-formulir", ctx["item"].pk))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_menu_links_to_the_pages_and_the_home_shows_open_samples(client, ctx):
    client.force_login(ctx["v"])
    html = client.get("/").content.decode()
    assert _url("validasi-list") in html and 'data-testid="sampel-terbuka">1<' in html
    assert "data-placeholder" not in html[html.index('data-testid="sidebar"'):]


def test_list_and_report_keep_their_query_counts(client, ctx, django_assert_max_num_queries):
    v = ctx["v"]
    client.force_login(v)
    today = timezone.localdate()
    for seed in ("a", "b", "c"):
        services.sampel_draw(by=v, dari=today, sampai=today, persen=100, seed=seed)
    with django_assert_max_num_queries(12):
        assert client.get(_url("validasi-list")).status_code == 200
    item = ctx["item"]
    for n in range(3):
        t = services.temuan_add(item=item, aspek="valid", memenuhi=False, uraian=f"t{n}", by=v)
        services.tindak_lanjut_add(temuan=t, uraian="x", penanggung_jawab=ctx["admin"], batas=today, by=v)
    with django_assert_max_num_queries(14):
        assert client.get(ctx["sampel"].get_absolute_url()).status_code == 200
    # the report's query count does not grow with the records in the sample (1 record vs 2)
    one = services.sampel_draw(by=v, dari=today, sampai=today, persen=1, seed="satu")
    assert one.rekaman.count() == 1 and ctx["sampel"].rekaman.count() == 2
    counts = []
    for s in (one, ctx["sampel"]):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(s.get_absolute_url()).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(16):
        assert client.get(_url("validasi-rekaman", item.pk)).status_code == 200
