"""Django admin for the lsp records: pages render, AuditLog is read-only, failed emails can be retried,
and changes made in admin still leave an audit row."""

import pytest
from django.urls import reverse

from lsp.models import TUK, AuditLog, LspProfile, Notification
from tests.factories import TUKFactory, skema_with_units

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, make_user):
    client.force_login(make_user(is_superuser=True, is_staff=True, username="root"))
    return client


MODELS = ["user", "lspprofile", "skema", "unitkompetensi", "elemen", "kuk", "persyaratandasar", "tuk",
          "auditlog", "notification"]


def test_every_changelist_and_change_page_renders(superuser_client, django_assert_max_num_queries):
    skema = skema_with_units(n_units=2, n_elemen=2, n_kuk=2)
    unit = skema.units.first()
    elemen = unit.elemen.first()
    LspProfile.objects.create(nama="LSP", nomor_lisensi="BNSP-LSP-1565-ID", alamat="A", penandatangan_nama="K")
    Notification.objects.create(recipient="a@example.test", subject="S", body="B")
    AuditLog.objects.create(action="uji")
    for model in MODELS:
        assert superuser_client.get(reverse(f"admin:lsp_{model}_changelist")).status_code == 200, model
    for model, obj in (("skema", skema), ("unitkompetensi", unit), ("elemen", elemen), ("kuk", elemen.kuk.first())):
        response = superuser_client.get(reverse(f"admin:lsp_{model}_change", args=[obj.pk]))
        assert response.status_code == 200, model
    assert superuser_client.get(reverse("admin:lsp_user_add")).status_code == 200
    with django_assert_max_num_queries(12):
        superuser_client.get(reverse("admin:lsp_kuk_changelist"))


def test_audit_log_is_read_only(superuser_client):
    entry = AuditLog.objects.create(action="uji")
    assert superuser_client.get(reverse("admin:lsp_auditlog_add")).status_code == 403
    superuser_client.post(reverse("admin:lsp_auditlog_delete", args=[entry.pk]), {"post": "yes"})
    assert AuditLog.objects.filter(pk=entry.pk).exists()


def test_user_admin_shows_nama_lengkap(superuser_client, make_user):
    user = make_user("asesor", nama_lengkap="Siti Rahmawati")
    html = superuser_client.get(reverse("admin:lsp_user_changelist"), {"q": "Rahmawati"}).content.decode()
    assert "Siti Rahmawati" in html and "asesor" in html
    change = superuser_client.get(reverse("admin:lsp_user_change", args=[user.pk])).content.decode()
    assert 'name="nama_lengkap"' in change


def test_retry_action_requeues_failed_notifications(superuser_client, django_capture_on_commit_callbacks, mailoutbox):
    failed = Notification.objects.create(recipient="a@example.test", subject="S", body="B",
                                         status=Notification.Status.GAGAL, attempts=3)
    sent = Notification.objects.create(recipient="b@example.test", subject="S", body="B",
                                       status=Notification.Status.TERKIRIM)
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(
            reverse("admin:lsp_notification_changelist"),
            {"action": "retry", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )
    assert response.status_code == 200
    failed.refresh_from_db()
    assert failed.status == Notification.Status.TERKIRIM and failed.attempts == 4
    assert [m.to for m in mailoutbox] == [["a@example.test"]]
    messages = [str(m) for m in response.context["messages"]]
    assert "1 notifikasi masuk antrean lagi." in messages
    assert "1 notifikasi dilewati karena tidak berstatus gagal." in messages
    assert AuditLog.objects.get().action == "notification.retry"


def test_changes_in_admin_are_audited(superuser_client):
    tuk = TUKFactory(nama="Lama")
    data = {"kode": tuk.kode, "nama": "Baru", "jenis": tuk.jenis, "alamat": tuk.alamat, "aktif": "on"}
    response = superuser_client.post(reverse("admin:lsp_tuk_change", args=[tuk.pk]), data)
    assert response.status_code == 302
    entry = AuditLog.objects.get()
    assert (entry.action, entry.target, entry.note) == ("admin.change", tuk, "nama")
    superuser_client.post(reverse("admin:lsp_tuk_delete", args=[tuk.pk]), {"post": "yes"})
    assert not TUK.objects.exists()
    assert AuditLog.objects.order_by("-pk").first().action == "admin.delete"


def test_lsp_profile_singleton_in_admin(superuser_client):
    assert superuser_client.get(reverse("admin:lsp_lspprofile_add")).status_code == 200
    LspProfile.objects.create(nama="LSP", nomor_lisensi="BNSP-LSP-1565-ID", alamat="A", penandatangan_nama="K")
    assert superuser_client.get(reverse("admin:lsp_lspprofile_add")).status_code == 403


def test_skema_changelist_counts_units(superuser_client):
    skema_with_units(n_units=3, n_elemen=1, n_kuk=1)
    response = superuser_client.get(reverse("admin:lsp_skema_changelist"))
    assert '<td class="field-jumlah_unit">3</td>' in response.content.decode()
