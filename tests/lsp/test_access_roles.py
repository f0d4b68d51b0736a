"""Who may open the master-data pages: admin LSP only. Other roles get 403, anonymous users the login page."""

import pytest
from django.urls import reverse

from lsp.models import AuditLog, Skema
from tests.factories import PASSWORD, TUKFactory, skema_with_units

pytestmark = pytest.mark.django_db

OTHER_ROLES = ["komite", "validator", "asesor", "asesi"]


@pytest.fixture
def objects():
    skema = skema_with_units(n_units=1, n_elemen=1, n_kuk=1)
    unit = skema.units.get()
    elemen = unit.elemen.get()
    return {
        "skema": skema, "unit": unit, "elemen": elemen, "kuk": elemen.kuk.get(),
        "persyaratan": skema.persyaratan.get(), "tuk": TUKFactory(),
    }


GET_PAGES = [
    ("lsp:skema-list", None),
    ("lsp:skema-create", None),
    ("lsp:skema-detail", "skema"),
    ("lsp:skema-update", "skema"),
    ("lsp:skema-import", "skema"),
    ("lsp:unit-create", "skema"),
    ("lsp:unit-update", "unit"),
    ("lsp:unit-delete", "unit"),
    ("lsp:elemen-create", "unit"),
    ("lsp:elemen-update", "elemen"),
    ("lsp:elemen-delete", "elemen"),
    ("lsp:kuk-create", "elemen"),
    ("lsp:kuk-update", "kuk"),
    ("lsp:kuk-delete", "kuk"),
    ("lsp:persyaratan-create", "skema"),
    ("lsp:persyaratan-update", "persyaratan"),
    ("lsp:persyaratan-delete", "persyaratan"),
    ("lsp:tuk-list", None),
    ("lsp:tuk-create", None),
    ("lsp:tuk-update", "tuk"),
    ("lsp:profil", None),
    ("lsp:audit-list", None),
]
POST_ACTIONS = [
    ("lsp:skema-status", "skema", {"aktif": "0"}),
    ("lsp:tuk-status", "tuk", {"aktif": "0"}),
    ("lsp:unit-move", "unit", {"arah": "turun"}),
    ("lsp:elemen-move", "elemen", {"arah": "turun"}),
    ("lsp:kuk-move", "kuk", {"arah": "turun"}),
    ("lsp:persyaratan-move", "persyaratan", {"arah": "turun"}),
    ("lsp:unit-delete", "unit", {}),
    ("lsp:kuk-delete", "kuk", {}),
]


def url_for(name, key, objects):
    if name == "lsp:skema-import-template":
        return reverse(name, args=[key])
    return reverse(name, args=[objects[key].pk]) if key else reverse(name)


def statuses(client, objects, pages):
    return {name: client.get(url_for(name, key, objects)).status_code for name, key in pages}


def test_admin_lsp_opens_every_master_page(client, admin_lsp, objects):
    client.force_login(admin_lsp)
    pages = GET_PAGES + [("lsp:skema-import-template", "csv"), ("lsp:skema-import-template", "xlsx")]
    got = {url_for(n, k, objects): client.get(url_for(n, k, objects)).status_code for n, k in pages}
    assert got == dict.fromkeys(got, 200)


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_are_forbidden(client, make_user, objects, role):
    client.force_login(make_user(role))
    got = statuses(client, objects, GET_PAGES + [("lsp:skema-import-template", "xlsx")])
    assert got == dict.fromkeys(got, 403)


def test_anonymous_is_sent_to_login(client, objects):
    for name, key in GET_PAGES:
        response = client.get(url_for(name, key, objects))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")) and "next=" in response["Location"], name


@pytest.mark.parametrize("role", OTHER_ROLES + [None])
def test_post_actions_refused_to_others_and_change_nothing(client, make_user, objects, role):
    if role:
        client.force_login(make_user(role))
    for name, key, data in POST_ACTIONS:
        response = client.post(url_for(name, key, objects), data)
        assert response.status_code == (403 if role else 302), name
    assert not AuditLog.objects.exists()
    assert Skema.objects.get().aktif and Skema.objects.get().units.count() == 1
    assert objects["tuk"].__class__.objects.get().aktif


def test_a_user_with_several_roles_including_admin_gets_in(client, make_user, objects):
    client.force_login(make_user("asesor", "admin_lsp"))
    assert client.get(reverse("lsp:skema-list")).status_code == 200


def test_superuser_gets_in(client, make_user):
    client.force_login(make_user(is_superuser=True))
    assert client.get(reverse("lsp:tuk-list")).status_code == 200


def test_login_with_password_then_page(client, admin_lsp):
    assert client.login(username=admin_lsp.username, password=PASSWORD)
    assert client.get(reverse("lsp:audit-list")).status_code == 200


def test_admin_menu_lists_master_pages(client, admin_lsp):
    client.force_login(admin_lsp)
    html = client.get(reverse("home")).content.decode()
    for name in ("lsp:skema-list", "lsp:tuk-list", "lsp:audit-list", "lsp:profil"):
        assert f'href="{reverse(name)}"' in html


def test_other_roles_do_not_see_the_master_menu(client, make_user):
    client.force_login(make_user("asesi"))
    html = client.get(reverse("home")).content.decode()
    assert reverse("lsp:audit-list") not in html and reverse("lsp:skema-list") not in html


@pytest.mark.parametrize(("name", "key"), [("lsp:skema-detail", "skema"), ("lsp:unit-update", "unit"),
                                            ("lsp:kuk-delete", "kuk"), ("lsp:tuk-update", "tuk")])
def test_guessed_id_is_404(client, admin_lsp, objects, name, key):
    client.force_login(admin_lsp)
    assert client.get(reverse(name, args=[objects[key].pk + 1000])).status_code == 404
