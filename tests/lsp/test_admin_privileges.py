"""Django admin: only a superuser grants or removes privileges (superuser/staff status, groups = roles,
permissions), sets passwords or touches a privileged account; every privilege change is audited.

An admin LSP is staff with every ``lsp`` permission (so it may change users) but is no superuser."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from lsp.models import AuditLog, User
from lsp.roles import Role
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):
    return make_user(Role.ADMIN_LSP, username="staf", is_staff=True)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def root(make_user):
    return make_user(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def root_client(client, root):
    client.force_login(root)
    return client


def change_data(user, **overrides):
    """The change form as the browser posts it (superuser's form: privilege fields included)."""
    data = {
        "username": user.username,
        "nama_lengkap": user.nama_lengkap,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def change_url(user):
    return reverse("admin:lsp_user_change", args=[user.pk])


def password_url(user):
    return reverse("admin:auth_user_password_change", args=[user.pk])


# --- a non-superuser staff cannot grant privileges ------------------------------------------------------


def test_staff_cannot_make_anyone_superuser_staff_or_give_groups(staff_client, make_user):
    target = make_user(Role.ASESI, username="asesi_x")
    admin_group = Group.objects.get(name=Role.ADMIN_LSP)
    perm = Permission.objects.get(codename="change_group")
    response = staff_client.post(
        change_url(target),
        change_data(target, nama_lengkap="Nama Baru", is_superuser="on", is_staff="on",
                    groups=[admin_group.pk], user_permissions=[perm.pk]),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.nama_lengkap == "Nama Baru"  # the allowed change went through ...
    assert not target.is_superuser and not target.is_staff  # ... the privileges did not
    assert list(target.groups.values_list("name", flat=True)) == [Role.ASESI]
    assert not target.user_permissions.exists()
    assert not AuditLog.objects.filter(action="admin.user_privileges").exists()
    changed = AuditLog.objects.get(action="admin.change").note.split(", ")
    assert "nama_lengkap" in changed and "is_superuser" not in changed and "groups" not in changed


def test_staff_cannot_raise_own_privileges(staff_client, staff):
    response = staff_client.post(change_url(staff), change_data(staff, is_superuser="on", is_staff="on"))
    assert response.status_code == 302
    staff.refresh_from_db()
    assert not staff.is_superuser and staff.is_staff
    assert list(staff.groups.values_list("name", flat=True)) == [Role.ADMIN_LSP]  # not removed by omission


def test_staff_sees_privileges_read_only_and_no_password_link(staff_client, make_user):
    target = make_user(Role.ASESI)
    html = staff_client.get(change_url(target)).content.decode()
    assert 'name="nama_lengkap"' in html
    for field in ("is_superuser", "is_staff", "groups", "user_permissions"):
        assert f'name="{field}"' not in html, field
    assert "../password/" not in html


@pytest.mark.parametrize(
    "privileged",
    [
        {"is_superuser": True, "is_staff": True},
        {"is_staff": True},
        {"roles": (Role.KOMITE,)},
        {"roles": (Role.ASESOR,)},
        {"roles": (Role.ADMIN_LSP,)},
    ],
    ids=["superuser", "staff", "komite", "asesor", "admin_lsp"],
)
def test_staff_cannot_change_or_delete_a_privileged_account(staff_client, make_user, privileged):
    roles = privileged.pop("roles", ())
    target = make_user(*roles, username="target", email="target@example.test", **privileged)
    # changing the email would let the staff reset the password and log in as that person
    response = staff_client.post(change_url(target), change_data(target, email="staf@evil.test"))
    assert response.status_code == 403
    assert staff_client.post(password_url(target), {"password1": "Baru-12345!", "password2": "Baru-12345!",
                                                    "usable_password": "true"}).status_code == 403
    delete = staff_client.post(reverse("admin:lsp_user_delete", args=[target.pk]), {"post": "yes"})
    assert delete.status_code == 403
    bulk = staff_client.post(
        reverse("admin:lsp_user_changelist"),
        {"action": "delete_selected", "_selected_action": [target.pk], "post": "yes"},
    )
    assert bulk.status_code == 403
    target.refresh_from_db()
    assert target.email == "target@example.test" and target.check_password(PASSWORD)
    assert not AuditLog.objects.exists()


def test_staff_can_view_but_not_change_a_user_with_a_direct_permission(staff_client, make_user):
    target = make_user(Role.ASESI)
    target.user_permissions.add(Permission.objects.get(codename="view_skema"))
    response = staff_client.get(change_url(target))
    assert response.status_code == 200 and 'name="email"' not in response.content.decode()


def test_staff_may_still_correct_an_asesi_account_and_delete_it(staff_client, make_user):
    target = make_user(Role.ASESI, username="asesi_y")
    response = staff_client.post(change_url(target), change_data(target, email="baru@example.test"))
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.email == "baru@example.test"
    assert staff_client.post(reverse("admin:lsp_user_delete", args=[target.pk]), {"post": "yes"}).status_code == 302
    assert not User.objects.filter(pk=target.pk).exists()
    assert AuditLog.objects.filter(action="admin.delete", object_id=str(target.pk)).exists()


def test_staff_cannot_delete_own_account(staff_client, staff):
    assert staff_client.post(reverse("admin:lsp_user_delete", args=[staff.pk]), {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=staff.pk).exists()


def test_staff_cannot_set_any_password_in_admin(staff_client, staff, make_user):
    for target in (make_user(Role.ASESI, username="asesi_z"), staff):
        assert staff_client.get(password_url(target)).status_code == 403
        response = staff_client.post(
            password_url(target), {"password1": "Baru-12345!", "password2": "Baru-12345!", "usable_password": "true"}
        )
        assert response.status_code == 403
        target.refresh_from_db()
        assert target.check_password(PASSWORD)


def test_staff_cannot_edit_groups_or_their_permissions(staff_client, staff):
    # even a staff who was given the group permissions cannot change roles in the Django admin
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="auth", codename__endswith="group"))
    group = Group.objects.get(name=Role.KOMITE)
    before = set(group.permissions.values_list("pk", flat=True))
    every = list(Permission.objects.values_list("pk", flat=True))
    url = reverse("admin:auth_group_change", args=[group.pk])
    assert staff_client.post(url, {"name": group.name, "permissions": every}).status_code == 403
    assert staff_client.post(reverse("admin:auth_group_add"), {"name": "baru", "permissions": every}).status_code == 403
    delete = staff_client.post(reverse("admin:auth_group_delete", args=[group.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert set(group.permissions.values_list("pk", flat=True)) == before
    assert not Group.objects.filter(name="baru").exists()


# --- a superuser can, and each privilege change is in the app's audit trail -----------------------------


def test_superuser_grants_privileges_and_the_change_is_audited(root_client, root, make_user):
    target = make_user(Role.ASESI, username="calon")
    admin_group = Group.objects.get(name=Role.ADMIN_LSP)
    asesi_group = Group.objects.get(name=Role.ASESI)
    perm = Permission.objects.get(content_type__app_label="lsp", codename="view_skema")
    response = root_client.post(
        change_url(target),
        change_data(target, is_staff="on", groups=[admin_group.pk, asesi_group.pk], user_permissions=[perm.pk]),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.is_staff and target.has_role(Role.ADMIN_LSP)
    entry = AuditLog.objects.get(action="admin.user_privileges")
    assert (entry.actor, entry.object_id) == (root, str(target.pk))
    assert entry.note == "is_staff, groups, user_permissions"
    assert entry.data == {
        "sebelum": {"is_staff": False, "is_superuser": False, "groups": ["asesi"], "user_permissions": []},
        "sesudah": {"is_staff": True, "is_superuser": False, "groups": ["admin_lsp", "asesi"],
                    "user_permissions": ["lsp.view_skema"]},
    }


def test_superuser_removing_superuser_status_is_audited(root_client, make_user):
    other = make_user(username="root2", is_staff=True, is_superuser=True)
    assert root_client.post(change_url(other), change_data(other, is_staff="on")).status_code == 302
    entry = AuditLog.objects.get(action="admin.user_privileges")
    assert entry.note == "is_superuser"
    assert (entry.data["sebelum"]["is_superuser"], entry.data["sesudah"]["is_superuser"]) == (True, False)


def test_superuser_change_without_privilege_change_writes_no_privilege_row(root_client, make_user):
    target = make_user(Role.ASESI)
    asesi_group = Group.objects.get(name=Role.ASESI)
    response = root_client.post(change_url(target), change_data(target, nama_lengkap="X", groups=[asesi_group.pk]))
    assert response.status_code == 302
    assert not AuditLog.objects.filter(action="admin.user_privileges").exists()
    assert AuditLog.objects.filter(action="admin.change").count() == 1


def test_superuser_sets_a_password_and_it_is_audited(root_client, root, make_user):
    target = make_user(Role.ASESI)
    response = root_client.post(
        password_url(target), {"password1": "Baru-12345!x", "password2": "Baru-12345!x", "usable_password": "true"}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.check_password("Baru-12345!x")
    entry = AuditLog.objects.get(action="admin.user_password")
    assert (entry.actor, entry.object_id, entry.note) == (root, str(target.pk), "set")


def test_a_refused_password_form_writes_no_audit_row(root_client, make_user):
    target = make_user(Role.ASESI)
    response = root_client.post(
        password_url(target), {"password1": "Baru-12345!x", "password2": "lain", "usable_password": "true"}
    )
    assert response.status_code == 200
    assert not AuditLog.objects.filter(action="admin.user_password").exists()


def test_superuser_changes_group_permissions_and_it_is_audited(root_client, root):
    group = Group.objects.get(name=Role.VALIDATOR)
    before = sorted(f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all())
    extra = Permission.objects.get(content_type__app_label="lsp", codename="change_skema")
    pks = list(group.permissions.values_list("pk", flat=True)) + [extra.pk]
    response = root_client.post(reverse("admin:auth_group_change", args=[group.pk]),
                                {"name": group.name, "permissions": pks})
    assert response.status_code == 302
    assert group.permissions.filter(pk=extra.pk).exists()
    entry = AuditLog.objects.get(action="admin.group_permissions")
    assert entry.actor == root and entry.data["sebelum"] == before
    assert entry.data["sesudah"] == sorted([*before, "lsp.change_skema"])


def test_staff_adding_a_user_cannot_smuggle_in_privileges(staff_client):
    admin_group = Group.objects.get(name=Role.ADMIN_LSP)
    response = staff_client.post(
        reverse("admin:lsp_user_add"),
        {"username": "baru", "nama_lengkap": "Baru", "email": "baru@example.test", "usable_password": "true",
         "password1": "Baru-12345!x", "password2": "Baru-12345!x",
         "is_superuser": "on", "is_staff": "on", "groups": [admin_group.pk]},
    )
    assert response.status_code == 302
    user = User.objects.get(username="baru")
    assert not user.is_superuser and not user.is_staff and not user.groups.exists()
    assert AuditLog.objects.get(action="admin.add").object_id == str(user.pk)
    assert not AuditLog.objects.filter(action="admin.user_privileges").exists()
