"""Staff roles on the app's own "Pengguna & peran" page: komite and validator by an admin LSP, admin LSP
only by a superuser, nobody on their own account, each change audited (issue 7 item 2)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lsp import domain, services
from lsp.models import AuditLog
from tests.factories import UserFactory

# Written out here, independently of lsp.domain: (actor, target, role) → refusal code or None.
# actor/target kinds: "admin" (admin LSP), "super" (superuser), "komite", "self" (the actor's own account),
# "staf" (a plain account).
SPEC = [
    ("admin", "staf", "komite", None),
    ("admin", "staf", "validator", None),
    ("admin", "staf", "admin_lsp", "role_superuser_only"),
    ("admin", "staf", "asesor", "role_not_managed"),
    ("admin", "staf", "asesi", "role_not_managed"),
    ("admin", "super", "komite", "role_target_superuser"),
    ("admin", "self", "komite", "role_self"),
    ("admin", "self", "admin_lsp", "role_self"),
    ("super", "staf", "admin_lsp", None),
    ("super", "staf", "komite", None),
    ("super", "super", "validator", None),
    ("super", "self", "komite", "role_self"),
    ("super", "staf", "asesor", "role_not_managed"),
    ("komite", "staf", "validator", "role_forbidden"),
    ("komite", "self", "validator", "role_forbidden"),
]


@pytest.mark.parametrize("actor, target, role, code", SPEC)
def test_rule_table(actor, target, role, code):
    got = domain.role_change_error(
        role=role,
        actor_is_admin=actor == "admin",
        actor_is_superuser=actor == "super",
        target_is_actor=target == "self",
        target_is_superuser=target == "super",
    )
    assert got == code


def _people(actor_kind, target_kind):
    actor = {
        "admin": lambda: UserFactory(roles=("admin_lsp",)),
        "super": lambda: UserFactory(is_superuser=True, is_staff=True),
        "komite": lambda: UserFactory(roles=("komite",)),
    }[actor_kind]()
    target = {
        "self": lambda: actor,
        "super": lambda: UserFactory(is_superuser=True, is_staff=True),
        "staf": lambda: UserFactory(),
    }[target_kind]()
    return actor, target


@pytest.mark.django_db
@pytest.mark.parametrize("actor_kind, target_kind, role, code", SPEC)
def test_service_applies_the_table_and_audits(actor_kind, target_kind, role, code):
    actor, target = _people(actor_kind, target_kind)
    if code:
        held = set(target.groups.values_list("name", flat=True))
        with pytest.raises(ValidationError) as exc:
            services.user_role_set(user=target, role=role, granted=role not in held, by=actor)
        assert exc.value.code == code
        assert set(target.groups.values_list("name", flat=True)) == held
        assert not AuditLog.objects.filter(action__startswith="user.role").exists()
        return
    assert services.user_role_set(user=target, role=role, granted=True, by=actor) is True
    assert target.groups.filter(name=role).exists()
    entry = AuditLog.objects.get(action="user.role_grant")
    assert (entry.actor, entry.target, entry.to_state, entry.data["role"]) == (actor, target, role, role)
    # the same again changes nothing and writes nothing
    assert services.user_role_set(user=target, role=role, granted=True, by=actor) is False
    assert AuditLog.objects.filter(action="user.role_grant").count() == 1
    services.user_role_set(user=target, role=role, granted=False, by=actor)
    assert not target.groups.filter(name=role).exists()
    assert AuditLog.objects.get(action="user.role_revoke").from_state == role


@pytest.mark.django_db
def test_several_changes_are_all_or_nothing(admin_lsp):
    target = UserFactory()
    with pytest.raises(ValidationError) as exc:
        services.user_roles_update(user=target, roles={"komite": True, "admin_lsp": True}, by=admin_lsp)
    assert exc.value.code == "role_superuser_only"
    assert not target.groups.exists() and not AuditLog.objects.exists()


@pytest.mark.django_db
def test_anonymous_and_inactive_admins_are_refused():
    target = UserFactory()
    with pytest.raises(PermissionDenied):
        services.user_role_set(user=target, role="komite", granted=True, by=None)
    inactive = UserFactory(roles=("admin_lsp",), is_active=False)
    with pytest.raises(ValidationError) as exc:
        services.user_role_set(user=target, role="komite", granted=True, by=inactive)
    assert exc.value.code == "role_forbidden"


# --- pages ---------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, admin_lsp):
    client.force_login(admin_lsp)
    return client


def usernames(response):
    return [u.username for u in response.context["object_list"]]


@pytest.mark.django_db
def test_list_shows_staff_by_default_and_everyone_on_request(admin_client, admin_lsp, django_assert_max_num_queries):
    # Names no generated name can contain, so a search finds only the user it means.
    komite = UserFactory(username="ratnaxq", nama_lengkap="Ratnaxq Komite", roles=("komite",))
    asesi = UserFactory(username="budixq", nama_lengkap="Budixq Asesi", roles=("asesi",))
    for i in range(30):
        UserFactory(username=f"val{i:02d}", roles=("validator",))
    url = reverse("lsp:user-list")
    with django_assert_max_num_queries(10):
        response = admin_client.get(url)
    assert response.status_code == 200
    page = usernames(response)
    assert "budixq" not in page and len(page) == 25
    assert usernames(admin_client.get(url, {"q": "ratnaxq"})) == [komite.username]
    assert usernames(admin_client.get(url, {"q": "budixq"})) == []
    assert usernames(admin_client.get(url, {"q": "budixq", "peran": "semua"})) == [asesi.username]
    assert usernames(admin_client.get(url, {"peran": "komite"})) == ["ratnaxq"]
    assert admin_client.get(url, {"peran": "root", "page": "x"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["komite", "validator", "asesor", "asesi"])
def test_pages_are_for_admin_lsp_only(client, role):
    target = UserFactory()
    client.force_login(UserFactory(roles=(role,)))
    assert client.get(reverse("lsp:user-list")).status_code == 403
    assert client.post(reverse("lsp:user-roles", args=[target.pk]), {"komite": "on"}).status_code == 403
    assert not target.groups.exists()


@pytest.mark.django_db
def test_admin_gives_komite_and_cannot_give_admin_lsp(admin_client):
    target = UserFactory()
    url = reverse("lsp:user-roles", args=[target.pk])
    form = admin_client.get(url).context["form"]
    assert form.fields["admin_lsp"].disabled and not form.fields["komite"].disabled
    response = admin_client.post(url, {"komite": "on", "admin_lsp": "on"})
    assert response.status_code == 302
    assert set(target.groups.values_list("name", flat=True)) == {"komite"}  # the disabled box is ignored
    page = admin_client.get(url)
    assert "Peran diberikan kepada pengguna" in page.content.decode()  # the history shows the audit row
    assert admin_client.get(reverse("lsp:user-roles", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_superuser_gives_admin_lsp(client):
    boss = UserFactory(is_superuser=True, is_staff=True)
    target = UserFactory()
    client.force_login(boss)
    response = client.post(reverse("lsp:user-roles", args=[target.pk]), {"admin_lsp": "on"})
    assert response.status_code == 302
    assert target.groups.filter(name="admin_lsp").exists()
    assert AuditLog.objects.get(action="user.role_grant").actor == boss


@pytest.mark.django_db
def test_own_roles_are_read_only(admin_client, admin_lsp):
    url = reverse("lsp:user-roles", args=[admin_lsp.pk])
    form = admin_client.get(url).context["form"]
    assert all(field.disabled for field in form.fields.values())
    admin_client.post(url, {"komite": "on", "validator": "on"})
    assert set(admin_lsp.groups.values_list("name", flat=True)) == {"admin_lsp"}
