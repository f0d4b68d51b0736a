"""Background exports: queued after commit, built once (idempotent), a failure visible and retryable, only
the person who asked sees or downloads it. And the LSP profile cache forgets a saved profile at once."""

import pytest
from django.urls import reverse

from lsp.audit import AuditAction
from lsp.ekspor import register_ekspor
from lsp.models import AuditLog, Ekspor, LspProfile
from lsp.services import ekspor as services
from lsp.tasks import ekspor_build
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CALLS = []


def _build_ok(ekspor, path, on_progress):
    CALLS.append(ekspor.pk)
    on_progress(2, 2)
    with open(path, "wb") as handle:
        handle.write(b"PK-uji")
    return "uji.xlsx"


def _build_fails(ekspor, path, on_progress):
    CALLS.append(ekspor.pk)
    if ekspor.percobaan < 2:
        raise RuntimeError("Basis data sibuk")
    return _build_ok(ekspor, path, on_progress)


@pytest.fixture(autouse=True)
def builders():
    CALLS.clear()
    register_ekspor("uji.ok", label="Uji", build=_build_ok)
    register_ekspor("uji.gagal", label="Uji gagal", build=_build_fails)


def test_request_queues_after_commit_and_the_task_builds_once(admin_lsp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ekspor = services.ekspor_request(jenis="uji.ok", params={"q": "a"}, by=admin_lsp)
    assert len(callbacks) == 1 and CALLS == []  # nothing is built before the transaction commits
    assert AuditLog.objects.filter(action=AuditAction.EKSPOR_REQUEST, object_id=str(ekspor.pk)).exists()
    assert ekspor_build(ekspor.pk) == "selesai"
    assert ekspor_build(ekspor.pk) is None  # delivered twice: built once
    ekspor.refresh_from_db()
    assert (ekspor.status, ekspor.baris_total, ekspor.nama_berkas, CALLS) == ("selesai", 2, "uji.xlsx", [ekspor.pk])
    assert ekspor.berkas.read() == b"PK-uji"


def test_failure_is_shown_and_retried(client, admin_lsp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ekspor = services.ekspor_request(jenis="uji.gagal", params={}, by=admin_lsp)
    ekspor.refresh_from_db()
    assert ekspor.status == "gagal" and "Basis data sibuk" in ekspor.galat
    client.force_login(admin_lsp)
    page = client.get(ekspor.get_absolute_url()).content.decode()
    assert "Basis data sibuk" in page and reverse("lsp:ekspor-retry", args=[ekspor.pk]) in page
    assert client.get(reverse("lsp:ekspor-download", args=[ekspor.pk])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("lsp:ekspor-retry", args=[ekspor.pk])).status_code == 302
    ekspor.refresh_from_db()
    assert (ekspor.status, ekspor.percobaan, ekspor.galat) == ("selesai", 2, "")
    download = client.get(reverse("lsp:ekspor-download", args=[ekspor.pk]))
    assert b"".join(download.streaming_content) == b"PK-uji"
    assert client.post(reverse("lsp:ekspor-retry", args=[ekspor.pk])).status_code == 302  # refused: not failed
    assert Ekspor.objects.get(pk=ekspor.pk).percobaan == 2


def test_only_the_person_who_asked_sees_it(client, admin_lsp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ekspor = services.ekspor_request(jenis="uji.ok", params={}, by=admin_lsp)
    other = UserFactory(roles=["admin_lsp"])
    client.force_login(other)
    for name in ("lsp:ekspor-detail", "lsp:ekspor-download"):
        assert client.get(reverse(name, args=[ekspor.pk])).status_code == 404
    assert client.post(reverse("lsp:ekspor-retry", args=[ekspor.pk])).status_code == 404
    client.force_login(UserFactory(roles=["asesor"]))
    assert client.get(reverse("lsp:ekspor-detail", args=[ekspor.pk])).status_code == 403


def test_progress_page_polls_while_building(client, admin_lsp):
    ekspor = Ekspor.objects.create(jenis="uji.ok", created_by=admin_lsp, baris_total=10, baris_selesai=4,
                                   status="proses")
    client.force_login(admin_lsp)
    html = client.get(ekspor.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in html and 'value="40"' in html
    partial = client.get(ekspor.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith("<div id=\"ekspor-status\"")


def test_unknown_kind_is_refused(admin_lsp):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.ekspor_request(jenis="tidak.ada", params={}, by=admin_lsp)
    assert exc.value.code == "jenis"


def test_lsp_profile_is_cached_and_forgotten_when_saved(django_assert_num_queries):
    LspProfile(nama="LSP Lama", nomor_lisensi="BNSP-LSP-1565-ID", alamat="Jl. 1", penandatangan_nama="K").save()
    assert LspProfile.get().nama == "LSP Lama"
    with django_assert_num_queries(0):
        assert LspProfile.get().nama == "LSP Lama"
    profile = LspProfile.objects.get()
    profile.nama = "LSP Baru"
    profile.save()
    assert LspProfile.get().nama == "LSP Baru"
