"""Global search (issue 10): name, NIK (exact), APL number, asesor (name, MET number), skema code —
each role finds only what it may see, at a bounded number of queries."""

import pytest
from django.urls import reverse

from asesi.domain import Status
from lsp.search import normalise_query, search_all
from tests.asesi.factories import AsesiProfileFactory, force_status, permohonan_draft
from tests.asesor.factories import AsesorFactory
from tests.factories import UserFactory, skema_with_units

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    """Two asesi (one with a submitted application, one with a draft), two asesors, a skema."""
    skema = skema_with_units(kode="SKM-CARI-01", nama="Skema Pencarian")
    wati = AsesiProfileFactory(user=UserFactory(username="wati", nama_lengkap="Wati Kusumawardani", roles=["asesi"]),
                               nik="3201990000000777")
    budi = AsesiProfileFactory(user=UserFactory(username="budi", nama_lengkap="Budi Wirokusumo", roles=["asesi"]),
                               nik="3201990000000888")  # outside the factory sequence (3201 + n)
    diajukan = force_status(permohonan_draft(profil=wati, skema=skema, with_documents=False), Status.DIAJUKAN)
    draft = permohonan_draft(profil=budi, skema=skema, with_documents=False)
    joko = AsesorFactory(user=UserFactory(username="joko", nama_lengkap="Joko Kusumaputra", roles=["asesor"]),
                         nomor_registrasi="MET.000.004242 2022")
    rina = AsesorFactory(user=UserFactory(username="rina", nama_lengkap="Rina Kusumastuti", roles=["asesor"]),
                         nomor_registrasi="MET.000.005353 2023")
    return {
        "skema": skema, "wati": wati, "budi": budi, "diajukan": diajukan, "draft": draft, "joko": joko, "rina": rina,
        "admin": make_user("admin_lsp", username="admin_cari"), "komite": make_user("komite", username="komite_cari"),
    }


def titles(user, q):
    return {g["key"]: [h["title"] for h in g["hits"]] for g in search_all(user, q)}


def urls(user, q):
    return [h["url"] for g in search_all(user, q) for h in g["hits"]]


def test_admin_finds_asesi_by_name_and_by_exact_nik(world):
    admin = world["admin"]
    assert titles(admin, "kusumawardani")["asesi"] == ["Wati Kusumawardani"]
    assert titles(admin, "3201990000000888")["asesi"] == ["Budi Wirokusumo"]
    # a NIK is looked up whole: a part of one finds nobody by NIK
    assert "asesi" not in titles(admin, "320100000000088")


def test_admin_finds_submitted_applications_by_number_but_not_drafts(world):
    admin, diajukan, draft = world["admin"], world["diajukan"], world["draft"]
    assert titles(admin, diajukan.nomor)["permohonan"] == [f"{diajukan.nomor} · SKM-CARI-01"]
    assert titles(admin, str(diajukan.pk))["permohonan"] == [f"{diajukan.nomor} · SKM-CARI-01"]
    assert "permohonan" not in titles(admin, draft.nomor)
    assert reverse("asesi:verifikasi-detail", args=[diajukan.pk]) in urls(admin, diajukan.nomor)


def test_an_application_number_finds_that_application_and_nobody_by_name(world):
    admin, diajukan = world["admin"], world["diajukan"]
    assert titles(admin, diajukan.nomor.lower().replace("-", " ")) == {
        "permohonan": [f"{diajukan.nomor} · SKM-CARI-01"]
    }


def test_admin_finds_asesors_by_name_and_met_number_and_skema_by_code(world):
    admin = world["admin"]
    assert titles(admin, "MET.000.004242")["asesor"] == ["Joko Kusumaputra"]
    assert sorted(titles(admin, "kusuma")["asesor"]) == ["Joko Kusumaputra", "Rina Kusumastuti"]
    assert titles(admin, "skm-cari")["skema"] == ["SKM-CARI-01 · Skema Pencarian"]


def test_asesi_finds_only_their_own_applications(world):
    wati, budi = world["wati"].user, world["budi"].user
    diajukan, draft = world["diajukan"], world["draft"]
    assert titles(wati, diajukan.nomor) == {"permohonan": [f"{diajukan.nomor} · SKM-CARI-01"]}
    assert urls(wati, diajukan.nomor) == [reverse("asesi:permohonan-detail", args=[diajukan.pk])]
    assert titles(budi, diajukan.nomor) == {}  # someone else's application
    assert titles(budi, "SKM-CARI") == {"permohonan": [f"{draft.nomor} · SKM-CARI-01"]}  # their own draft only
    # nobody else's name or NIK, no asesor, no master data
    for q in ("Budi", "Wati", "3201990000000777", "MET.000.004242", "Joko", "Skema Pencarian"):
        assert "asesi" not in titles(wati, q) and "asesor" not in titles(wati, q) and "skema" not in titles(wati, q)


def test_asesor_finds_only_their_own_profile(world):
    joko = world["joko"].user
    assert titles(joko, "kusuma") == {"asesor": ["Joko Kusumaputra"]}
    assert urls(joko, "kusuma") == [reverse("asesor:asesor-saya")]
    for q in ("MET.000.005353", "Rina", "Wati", "3201990000000777", world["diajukan"].nomor, "SKM-CARI"):
        assert titles(joko, q) == {}


def test_komite_finds_nothing_they_may_not_open(world):
    for q in ("Wati", "3201990000000777", world["diajukan"].nomor, "Joko", "MET.000", "SKM-CARI"):
        assert titles(world["komite"], q) == {}


def test_a_role_with_nothing_to_search_costs_no_query(world, django_assert_num_queries):
    komite = world["komite"]
    _ = komite.role_names
    with django_assert_num_queries(0):
        assert search_all(komite, "Wati") == []


def test_search_page_answers_each_role_with_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for i in range(15):  # more matches than a group shows
        AsesiProfileFactory(user=UserFactory(username=f"kusuma{i}", nama_lengkap=f"Kusuma {i}", roles=["asesi"]))
    client.force_login(world["admin"])
    # session + user + roles + menu counts + one per search group (asesi, permohonan, asesor, skema)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("lsp:search"), {"q": "kusuma"})
    assert response.status_code == 200
    groups = {g["key"]: g for g in response.context["groups"]}
    assert len(groups["asesi"]["hits"]) == 10


def test_search_page_needs_login_and_survives_odd_input(client, world):
    url = reverse("lsp:search")
    assert client.get(url, {"q": "Wati"}).status_code == 302
    client.force_login(world["admin"])
    for q in ("", "   ", "%", "'; DROP TABLE x; --", "A" * 5000, "APL-", "APL-99999999999999", "\x00"):
        assert client.get(url, {"q": q}).status_code == 200
    page = client.get(url, {"q": "Wati"}).content.decode()
    assert "Wati Kusumawardani" in page and "3201********0777" in page and "3201990000000777" not in page


def test_query_is_trimmed_and_bounded():
    assert normalise_query("  Wati   Kusuma \n") == "Wati Kusuma"
    assert len(normalise_query("x" * 500)) == 100
    assert normalise_query(None) == ""
    assert normalise_query("Wati\x00Kusuma\x07") == "Wati Kusuma"
