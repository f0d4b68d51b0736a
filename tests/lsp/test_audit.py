"""The audit trail's vocabulary and its append-only table."""

import pytest
from django.apps import apps
from django.db import DatabaseError, transaction
from django.urls import reverse

from asesi.domain import AuditAction as AsesiAction
from asesor.domain import AuditAction as AsesorAction
from lsp import audit
from lsp.audit import ACTION_PATTERN, AuditAction, action_choices, action_label, audit_log, register_actions
from lsp.models import AuditLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_lsp):
    client.force_login(admin_lsp)
    return client


def test_every_app_registers_its_actions_and_all_follow_one_naming_scheme():
    values = {value for value, _ in action_choices()}
    for choices in (AuditAction, AsesiAction, AsesorAction):
        assert set(choices.values) <= values
    assert all(ACTION_PATTERN.match(v) for v in values), sorted(v for v in values if not ACTION_PATTERN.match(v))
    assert "asesi.profile_update" in values and "asesi_profile_update" not in values


@pytest.mark.parametrize("bad", ["asesi_profile_update", "Skema.Create", "admin.tuk.change", "skema.", ".create"])
def test_naming_scheme_refuses_other_spellings(bad):
    assert not ACTION_PATTERN.match(bad)


def test_an_unregistered_action_is_refused_and_nothing_is_written(admin_lsp):
    with pytest.raises(ValueError, match="Unknown audit action"):
        audit_log(actor=admin_lsp, action="skema.hapus_semua")
    assert not AuditLog.objects.exists()
    entry = audit_log(actor=admin_lsp, action=AuditAction.TUK_CREATE)
    assert entry.action == "tuk.create" and entry.action_label == "TUK dibuat"


def test_an_app_cannot_take_over_another_apps_action():
    from django.db.models import TextChoices

    class Thief(TextChoices):
        STEAL = "permohonan.status", "x"

    with pytest.raises(ValueError, match="registered twice"):
        register_actions(Thief)
    assert audit._actions["permohonan.status"] is AsesiAction
    assert apps.get_app_config("asesi")  # the real owner is still the asesi app


def test_unknown_old_value_shows_as_itself():
    assert action_label("hapus.lama") == "hapus.lama"


def test_audit_page_shows_labels_and_filters_by_any_registered_action(admin_client, admin_lsp):
    audit_log(actor=admin_lsp, action=AuditAction.TUK_CREATE)
    response = admin_client.get(reverse("lsp:audit-list"))
    html = response.content.decode()
    assert "TUK dibuat" in html
    # the filter offers every registered action by its label, even one that has no row yet
    choices = dict(response.context["filter"].form.fields["action"].choices)
    assert choices["permohonan.status"] == "Status permohonan diubah"
    assert choices["asesor.diklat_create"] == "Diklat asesor dibuat"
    filtered = admin_client.get(reverse("lsp:audit-list"), {"action": "permohonan.status"})
    assert list(filtered.context["object_list"]) == []


@pytest.mark.postgres
def test_the_audit_table_refuses_update_and_delete_on_postgres(admin_lsp):
    entry = audit_log(actor=admin_lsp, action=AuditAction.TUK_CREATE, note="asli")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditLog.objects.filter(pk=entry.pk).update(note="dipalsukan")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditLog.objects.filter(pk=entry.pk).delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        entry.note = "lewat save()"
        entry.save()
    assert AuditLog.objects.get(pk=entry.pk).note == "asli"
    # a new row can still be written
    audit_log(actor=admin_lsp, action=AuditAction.TUK_UPDATE)
    assert AuditLog.objects.count() == 2
