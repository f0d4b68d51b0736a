"""Issue 15 item 4: through the API every role sees exactly what its web pages show it — checked per
endpoint and role against an independent ORM formulation of the rule, with the detail of every object
in the database (so foreign and unassigned ids are tried too: 404, never a leak)."""

import pytest
from django.test import Client

from asesi.domain import Status
from asesi.models import AsesiProfile, Permohonan
from asesmen.models import Jadwal, RekamanAsesmen
from asesor.models import AsesorProfile
from lsp.models import Skema, User
from sertifikat.models import Sertifikat

pytestmark = pytest.mark.postgres

ROLES = [None, "admin", "komite", "validator", "asesor1", "asesor3", "asesi1", "asesi2"]


def expected(endpoint: str, user) -> set[int] | None:
    """The ids ``user`` may read, by the web pages' rule written again here; None: the role may not (403)."""
    def has(role):
        return user is not None and user.has_role(role)

    admin = has("admin_lsp")
    if endpoint == "skema":
        return set(Skema.objects.values_list("pk", flat=True) if admin
                   else Skema.objects.filter(aktif=True).values_list("pk", flat=True))
    if user is None:
        return None
    if endpoint == "asesi":
        if admin:
            return set(AsesiProfile.objects.values_list("pk", flat=True))
        return set(AsesiProfile.objects.filter(user=user).values_list("pk", flat=True)) if has("asesi") else None
    if endpoint == "permohonan":
        if admin:
            return set(Permohonan.objects.exclude(status=Status.DRAFT).values_list("pk", flat=True))
        return set(Permohonan.objects.filter(asesi__user=user).values_list("pk", flat=True)) if has("asesi") else None
    if endpoint == "jadwal":
        if admin:
            return set(Jadwal.objects.values_list("pk", flat=True))
        if has("asesor"):
            return set(Jadwal.objects.filter(penugasan__asesor__user=user).values_list("pk", flat=True))
        if has("asesi"):
            return set(Jadwal.objects.filter(peserta__aktif=True, peserta__permohonan__asesi__user=user)
                       .values_list("pk", flat=True))
        return None
    if endpoint == "rekaman":
        if admin:
            return set(RekamanAsesmen.objects.values_list("pk", flat=True))
        if has("asesor"):
            return set(RekamanAsesmen.objects.filter(peserta__asesor__user=user).values_list("pk", flat=True))
        return None
    if endpoint == "sertifikat":
        if admin:
            return set(Sertifikat.objects.values_list("pk", flat=True))
        return set(Sertifikat.objects.filter(asesi__user=user).values_list("pk", flat=True)) if has("asesi") else None
    if endpoint == "asesor":
        if admin:
            return set(AsesorProfile.objects.values_list("pk", flat=True))
        return set(AsesorProfile.objects.filter(user=user).values_list("pk", flat=True)) if has("asesor") else None
    raise AssertionError(endpoint)


MODELS = {"skema": Skema, "asesi": AsesiProfile, "permohonan": Permohonan, "jadwal": Jadwal,
          "rekaman": RekamanAsesmen, "sertifikat": Sertifikat, "asesor": AsesorProfile}


def _all_ids(client, url):
    ids, seen_pages = [], 0
    while url:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code, r.content[:200])
        body = r.json()
        ids += [row["id"] for row in body["results"]]
        url, seen_pages = body["next"], seen_pages + 1
        assert seen_pages < 50
    return ids


@pytest.mark.parametrize("username", ROLES)
def test_each_role_reads_exactly_what_its_pages_show(demo, username):
    user = User.objects.get(username=username) if username else None
    client = Client()
    if user:
        client.force_login(user)
    for endpoint, model in MODELS.items():
        allowed = expected(endpoint, user)
        list_url = f"/api/v1/{endpoint}/?page_size=2"  # small pages: the cursor is followed too
        if allowed is None:
            r = client.get(list_url)
            assert r.status_code == (401 if user is None else 403), (endpoint, r.status_code)
            for pk in model.objects.values_list("pk", flat=True)[:3]:
                assert client.get(f"/api/v1/{endpoint}/{pk}/").status_code in (401, 403)
            continue
        ids = _all_ids(client, list_url)
        assert len(ids) == len(set(ids)), endpoint  # no row twice across pages
        assert set(ids) == allowed, endpoint
        for pk in model.objects.values_list("pk", flat=True):
            status = client.get(f"/api/v1/{endpoint}/{pk}/").status_code
            assert status == (200 if pk in allowed else 404), (endpoint, pk, status)


def test_the_demo_has_foreign_and_unassigned_rows_to_refuse(demo):
    """The matrix above is not vacuous: each limited role meets rows that are not theirs."""
    asesi1, asesor1 = User.objects.get(username="asesi1"), User.objects.get(username="asesor1")
    assert Permohonan.objects.exclude(asesi__user=asesi1).exists()
    assert AsesiProfile.objects.exclude(user=asesi1).exists()
    assert Sertifikat.objects.exclude(asesi__user=asesi1).exists()
    assert expected("rekaman", asesor1) and expected("jadwal", asesor1)  # assigned: asesor1 sees rows
    asesor3 = User.objects.get(username="asesor3")  # assigned to fewer batches, paired with no record
    assert expected("jadwal", asesor3) < set(Jadwal.objects.values_list("pk", flat=True))
    assert RekamanAsesmen.objects.exists() and expected("rekaman", asesor3) == set()
    assert AsesorProfile.objects.exclude(user=asesor1).exists()
    assert Permohonan.objects.filter(status=Status.DRAFT).exists()  # admin LSP must not see it


def test_anonymous_gets_401_with_the_token_scheme(demo):
    r = Client().get("/api/v1/permohonan/")
    assert r.status_code == 401
    assert r["WWW-Authenticate"].startswith("Token")


def test_token_authenticates_like_the_session(demo):
    from rest_framework.authtoken.models import Token

    user = User.objects.get(username="asesi1")
    key = Token.objects.create(user=user).key
    r = Client().get("/api/v1/permohonan/", HTTP_AUTHORIZATION=f"Token {key}")
    assert r.status_code == 200
    assert {row["id"] for row in r.json()["results"]} == expected("permohonan", user)
    assert Client().get("/api/v1/permohonan/", HTTP_AUTHORIZATION="Token salah").status_code == 401


def test_admin_reading_a_full_profile_is_audited_once_per_review(demo):
    from lsp.models import AuditLog

    admin = User.objects.get(username="admin")
    profil = AsesiProfile.objects.get(user__username="asesi2")
    client = Client()
    client.force_login(admin)
    before = AuditLog.objects.filter(action="asesi.profile_view", object_id=str(profil.pk)).count()
    body = client.get(f"/api/v1/asesi/{profil.pk}/").json()
    assert body["nik"] == profil.nik and body["alamat"] == profil.alamat
    client.get(f"/api/v1/asesi/{profil.pk}/")
    rows = AuditLog.objects.filter(action="asesi.profile_view", object_id=str(profil.pk))
    assert rows.count() == before + 1
    assert rows.order_by("-pk").first().data == {"via": "api"}
    # the list masks the NIK of others; the owner sees their own
    listed = {row["id"]: row["nik"] for row in _list(client, "/api/v1/asesi/?page_size=200")}
    assert listed[profil.pk] != profil.nik and listed[profil.pk].startswith(profil.nik[:4])
    owner = Client()
    owner.force_login(profil.user)
    assert _list(owner, "/api/v1/asesi/")[0]["nik"] == profil.nik


def _list(client, url):
    r = client.get(url)
    assert r.status_code == 200
    return r.json()["results"]


def test_filters_are_the_web_lists(demo):
    admin = User.objects.get(username="admin")
    client = Client()
    client.force_login(admin)
    diterima = set(Permohonan.objects.filter(status=Status.DITERIMA).values_list("pk", flat=True))
    assert {r["id"] for r in _list(client, "/api/v1/permohonan/?status=diterima&page_size=200")} == diterima
    assert client.get("/api/v1/permohonan/?status=tidak-ada").status_code == 400  # a bad filter is a 400
    assert client.get("/api/v1/sertifikat/?tahun=abc").status_code == 400
    kode = Sertifikat.objects.first().nomor
    assert [r["nomor"] for r in _list(client, f"/api/v1/sertifikat/?nomor={kode}")] == [kode]
    assert client.get("/api/v1/asesor/?status=aktif").status_code == 200
    assert client.get("/api/v1/jadwal/?q=JDW-000001").status_code == 200
    assert client.get("/api/v1/rekaman/?rekomendasi=K").status_code == 200
    assert client.get("/api/v1/permohonan/?cursor=rusak").status_code == 404  # DRF: an invalid cursor
