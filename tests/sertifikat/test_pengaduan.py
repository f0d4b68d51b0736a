"""Complaints: anyone files one and follows it by code (public outcome only), admin LSP handles it to
closure with each step audited, the public pages are rate limited, the admin list's query count."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lsp.models import AuditLog, Pemberitahuan
from sertifikat.pengaduan import domain, services
from sertifikat.pengaduan.domain import StatusPengaduan
from sertifikat.pengaduan.models import Pengaduan
from tests.asesi.factories import admin_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def codes(exc):
    if hasattr(exc, "error_dict"):
        return sorted(e.code for errors in exc.error_dict.values() for e in errors)
    return sorted(e.code for e in exc.error_list)


def _ajukan(**kwargs):
    values = {"jenis": "asesor", "isi": "Asesor meminta imbalan", "tentang": "Asesor X", "kontak": "a@b.id",
              **kwargs}
    return services.pengaduan_ajukan(**values)


@pytest.mark.django_db(databases=[])
def test_codes_are_read_the_way_people_type_them():
    assert domain.kode_normalize(" adu-abcd 2345ef ") == "ADU-ABCD2345EF"
    assert domain.kode_normalize("abcd2345ef") == "ADU-ABCD2345EF"
    assert domain.kode_valid("ADU-ABCD2345EF")
    assert not domain.kode_valid("ADU-ABCD2345E0")  # no 0 in the alphabet
    assert not domain.kode_valid("ADU-ABC")


@pytest.mark.django_db(databases=[])
def test_the_steps_and_what_each_needs():
    ok = {"catatan": "n", "tindakan": "t", "hasil_publik": "h"}
    assert domain.transition_errors(source="diterima", target="diinvestigasi", **ok) == []
    assert domain.transition_errors(source="diterima", target="diinvestigasi", **{**ok, "catatan": " "}) == [
        "catatan_wajib"]
    assert domain.transition_errors(source="diinvestigasi", target="ditutup", catatan="", tindakan="",
                                    hasil_publik="") == ["tindakan_wajib", "hasil_wajib"]
    assert domain.transition_errors(source="ditutup", target="diinvestigasi", **ok) == ["transisi"]
    assert domain.transition_errors(source="diinvestigasi", target="diterima", **ok) == ["transisi"]


def test_anyone_files_a_complaint_with_a_code_and_an_audit_row():
    p = _ajukan()
    assert domain.kode_valid(p.kode) and p.pelapor is None and p.status == StatusPengaduan.DITERIMA
    assert AuditLog.objects.filter(action="pengaduan.ajukan", object_id=str(p.pk), actor=None).exists()
    with pytest.raises(ValidationError) as exc:
        _ajukan(isi="  ", jenis="x")
    assert codes(exc.value) == ["isi_wajib", "jenis_invalid"]


def test_admin_handles_it_to_closure_each_step_audited_and_the_signed_in_complainant_told():
    user = UserFactory()
    p = _ajukan(by=user)
    admin = admin_user()
    with pytest.raises(ValidationError) as exc:
        services.pengaduan_transition(pengaduan=p, to="ditutup", by=admin)
    assert codes(exc.value) == ["hasil_wajib", "tindakan_wajib"]
    with pytest.raises(PermissionDenied):
        services.pengaduan_transition(pengaduan=p, to="diinvestigasi", catatan="x", by=user)
    services.pengaduan_transition(pengaduan=p, to="diinvestigasi", catatan="Panggil asesor", by=admin)
    services.pengaduan_transition(pengaduan=p, to="ditutup", tindakan="Asesor dibekukan", hasil_publik="Ditindak",
                                  by=admin)
    p.refresh_from_db()
    assert p.status == "ditutup" and p.ditutup_pada and p.diinvestigasi_pada
    steps = list(AuditLog.objects.filter(object_id=str(p.pk), action="pengaduan.status").values_list(
        "from_state", "to_state"))
    assert sorted(steps) == [("diinvestigasi", "ditutup"), ("diterima", "diinvestigasi")]
    assert Pemberitahuan.objects.filter(penerima=user).count() == 3
    with pytest.raises(ValidationError):
        services.pengaduan_transition(pengaduan=p, to="diinvestigasi", catatan="x", by=admin)


def test_the_public_form_gives_the_code_and_the_tracking_page_shows_only_the_public_outcome(client):
    response = client.post(reverse("pengaduan:ajukan"), {"jenis": "pemegang", "isi": "Sertifikat dipinjamkan",
                                                         "kontak": "rahasia@contoh.id", "nama": "Budi"})
    assert response.status_code == 302
    p = Pengaduan.objects.get()
    assert p.kode in client.get(response["Location"]).content.decode()
    services.pengaduan_transition(pengaduan=p, to="ditutup", tindakan="Catatan internal XYZ",
                                  hasil_publik="Pemegang diberi peringatan", by=admin_user())
    page = client.get(reverse("pengaduan:lacak") + "?kode=" + p.kode.lower())
    assert page.status_code == 302
    body = client.get(page["Location"]).content.decode()
    assert "Pemegang diberi peringatan" in body and "Selesai" in body
    for private in ("Catatan internal XYZ", "rahasia@contoh.id", "Budi", "Sertifikat dipinjamkan"):
        assert private not in body


def test_unknown_or_malformed_codes_are_404(client):
    assert client.get(reverse("pengaduan:lacak-detail", args=["ADU-AAAAAAAAAA"])).status_code == 404
    assert client.get(reverse("pengaduan:lacak-detail", args=["'; drop"])).status_code == 404
    assert client.get(reverse("pengaduan:lacak") + "?kode=zzz").status_code == 404


def test_an_invalid_complaint_shows_the_form_errors(client):
    page = client.post(reverse("pengaduan:ajukan"), {"jenis": "", "isi": ""})
    assert page.status_code == 200 and "form-errors" in page.content.decode()
    assert not Pengaduan.objects.exists()


def test_filing_and_tracking_are_rate_limited(client, settings):
    settings.LSP_PENGADUAN_PER_JAM = 2
    settings.LSP_VERIFIKASI_PER_MINUTE = 3
    for _ in range(2):
        assert client.post(reverse("pengaduan:ajukan"), {"jenis": "asesmen", "isi": "x"}).status_code == 302
    assert client.post(reverse("pengaduan:ajukan"), {"jenis": "asesmen", "isi": "x"}).status_code == 429
    assert Pengaduan.objects.count() == 2
    url = reverse("pengaduan:lacak-detail", args=[Pengaduan.objects.first().kode])
    assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_only_admin_lsp_opens_the_handling_pages(client):
    p = _ajukan()
    client.force_login(UserFactory(roles=("komite",)))
    assert client.get(reverse("pengaduan:admin-list")).status_code == 403
    assert client.get(reverse("pengaduan:admin-detail", args=[p.pk])).status_code == 403
    client.force_login(admin_user())
    assert client.get(reverse("pengaduan:admin-detail", args=[p.pk + 99])).status_code == 404
    page = client.post(reverse("pengaduan:admin-detail", args=[p.pk]), {"ke": "ditutup"})
    assert page.status_code == 200 and "form-errors" in page.content.decode()


def test_the_admin_list_costs_the_same_for_many(client, django_assert_max_num_queries):
    for _ in range(30):
        _ajukan()
    client.force_login(admin_user())
    with django_assert_max_num_queries(8):
        page = client.get(reverse("pengaduan:admin-list") + "?status=diterima")
    assert page.content.decode().count("data-pengaduan=") == 25


def test_landing_and_verification_link_to_complaints(client):
    assert reverse("pengaduan:ajukan") in client.get("/").content.decode()
    assert reverse("pengaduan:ajukan") in client.get(reverse("verifikasi:cari")).content.decode()
