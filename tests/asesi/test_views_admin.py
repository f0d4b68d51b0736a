"""Admin LSP pages: verification queue and decision, asesi list/detail (personal data), registration on
someone's behalf, import; role checks and query bounds."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from asesi import services
from asesi.domain import PROFILE_VIEW_WINDOW, Status
from asesi.models import AsesiProfile, Permohonan
from lsp.models import AuditLog
from tests.factories import UserFactory, skema_with_units

from .factories import AsesiProfileFactory, admin_user, apl02_fill, pdf, permohonan_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    user = admin_user()
    client.force_login(user)
    client.user = user
    return client


def submitted(**kwargs):
    p = permohonan_draft(**kwargs)
    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    return p


ADMIN_PAGES = [
    ("asesi:verifikasi-list", False),
    ("asesi:verifikasi-detail", True),
    ("asesi:asesi-list", False),
    ("asesi:asesi-detail", "profil"),
    ("asesi:asesi-update", "profil"),
    ("asesi:asesi-create", False),
    ("asesi:asesi-import", False),
    ("asesi:asesi-import-template", False),
]


@pytest.mark.parametrize("name, arg", ADMIN_PAGES)
@pytest.mark.parametrize("role", ["asesi", "asesor", "komite", "validator"])
def test_admin_pages_refuse_other_roles(client, name, arg, role):
    p = submitted()
    args = [p.pk] if arg is True else [p.asesi.pk] if arg == "profil" else []
    client.force_login(UserFactory(roles=(role,)))
    assert client.get(reverse(name, args=args)).status_code == 403
    client.logout()
    assert client.get(reverse(name, args=args))["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name, arg", ADMIN_PAGES)
def test_admin_pages_open_for_admin(admin, name, arg):
    p = submitted()
    args = [p.pk] if arg is True else [p.asesi.pk] if arg == "profil" else []
    assert admin.get(reverse(name, args=args)).status_code == 200


def test_drafts_are_not_in_the_queue_and_unknown_ids_are_404(admin):
    draft = permohonan_draft()
    assert admin.get(reverse("asesi:verifikasi-detail", args=[draft.pk])).status_code == 404
    assert admin.get(reverse("asesi:verifikasi-detail", args=[999999])).status_code == 404
    assert admin.get(reverse("asesi:asesi-detail", args=[999999])).status_code == 404


# --- queue --------------------------------------------------------------------------------------------


def test_queue_defaults_to_waiting_and_filters(admin):
    skema_a, skema_b = skema_with_units(), skema_with_units()
    a = submitted(skema=skema_a)
    b = submitted(skema=skema_b)
    returned = submitted(skema=skema_a)
    services.permohonan_verify(
        permohonan=returned, hasil={}, keputusan=Status.DIKEMBALIKAN, catatan="Perbaiki", by=admin.user
    )
    Permohonan.objects.filter(pk=b.pk).update(diajukan_pada=timezone.now() - datetime.timedelta(days=10))

    def listed(query=""):
        response = admin.get(reverse("asesi:verifikasi-list") + query)
        assert response.status_code == 200
        return {p.pk for p in response.context["permohonan_list"]}

    assert listed() == {a.pk, b.pk}
    assert listed("?status=") == {a.pk, b.pk, returned.pk}
    assert listed(f"?skema={skema_a.pk}&status=") == {a.pk, returned.pk}
    assert listed("?status=dikembalikan") == {returned.pk}
    today = timezone.localdate().isoformat()
    assert listed(f"?status=&dari={today}") == {a.pk, returned.pk}
    old = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    assert listed(f"?status=&sampai={old}") == {b.pk}


@pytest.mark.parametrize(
    "query", ["?dari=bukan-tanggal", "?skema=abc", "?status=<script>", "?page=999", "?page=x", "?skema=999999",
              "?urut=x", "?sebelum=WyJ4IiwxXQ", "?q=" + "x" * 200, "?q=APL-", "?q=APL-9999999999999",
              "?urut=nama&sesudah=e30"]
)
def test_queue_weird_filters_never_500(admin, query):
    submitted()
    assert admin.get(reverse("asesi:verifikasi-list") + query).status_code == 200


def test_queue_masks_nik_and_paginates(admin):
    p = submitted()
    html = admin.get(reverse("asesi:verifikasi-list")).content.decode()
    assert p.asesi.nik not in html and f"{p.asesi.nik[:4]}********{p.asesi.nik[-4:]}" in html
    for _ in range(25):
        submitted()
    page1 = admin.get(reverse("asesi:verifikasi-list"))
    assert len(page1.context["permohonan_list"]) == 25 and page1.context["is_paginated"]
    older = page1.context["page_obj"].older
    assert f"sebelum={older}" in page1.content.decode()
    page2 = admin.get(reverse("asesi:verifikasi-list"), {"status": "diajukan", "sebelum": older})
    assert len(page2.context["permohonan_list"]) == 1 and page2.context["page_obj"].older is None


def test_queue_query_count_does_not_grow_with_rows(admin, django_assert_max_num_queries):
    for _ in range(3):
        submitted()
    with django_assert_max_num_queries(12) as few:
        admin.get(reverse("asesi:verifikasi-list"))
    for _ in range(12):
        submitted()
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin.get(reverse("asesi:verifikasi-list"))


def test_asesi_list_query_count_and_masking(admin, django_assert_max_num_queries):
    profiles = [AsesiProfileFactory() for _ in range(3)]
    with django_assert_max_num_queries(10) as few:
        html = admin.get(reverse("asesi:asesi-list")).content.decode()
    assert profiles[0].nik not in html and profiles[0].nik[-4:] in html
    for _ in range(10):
        AsesiProfileFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin.get(reverse("asesi:asesi-list"))


def test_asesi_search(admin):
    a = AsesiProfileFactory(user__nama_lengkap="Siti Nurhaliza")
    b = AsesiProfileFactory(user__nama_lengkap="Bambang")
    found = lambda q: {x.pk for x in admin.get(reverse("asesi:asesi-list"), {"q": q}).context["asesi_list"]}  # noqa: E731
    assert found("siti") == {a.pk}
    assert found(b.nik) == {b.pk}
    assert found(b.nik[:8]) == set()  # NIK only by the full number, never by guessing a prefix
    assert found("x" * 500) == {a.pk, b.pk}  # too long: the form is invalid, the search is not applied


def test_a_full_nik_is_looked_up_exactly_not_scanned():
    from asesi.models import AsesiProfile
    from asesi.selectors import asesi_search

    profil = AsesiProfileFactory()
    by_nik = asesi_search(AsesiProfile.objects.all(), f" {profil.nik} ")
    assert list(by_nik) == [profil]

    def where(qs):
        return str(qs.order_by().query).upper().split(" WHERE ", 1)[1]

    assert "LIKE" not in where(by_nik) and "NAMA_LENGKAP" not in where(by_nik)  # unique indexes, no scan
    assert "LIKE" in where(asesi_search(AsesiProfile.objects.all(), "siti"))


# --- personal data: full only for admin, and logged ---------------------------------------------------


def test_full_profile_view_is_logged(admin, monkeypatch):
    p = submitted()
    html = admin.get(reverse("asesi:asesi-detail", args=[p.asesi.pk])).content.decode()
    assert p.asesi.nik in html and p.asesi.alamat in html
    entry = AuditLog.objects.get(action="asesi.profile_view")
    assert (entry.actor, entry.object_id, entry.data) == (admin.user, str(p.asesi.pk), {"via": "daftar-asesi"})
    html = admin.get(reverse("asesi:verifikasi-detail", args=[p.pk])).content.decode()
    assert p.asesi.nik in html
    assert AuditLog.objects.filter(action="asesi.profile_view").count() == 1  # the same review
    later = timezone.now() + PROFILE_VIEW_WINDOW
    monkeypatch.setattr("asesi.services.registration.timezone.now", lambda: later)
    admin.get(reverse("asesi:verifikasi-detail", args=[p.pk]))
    assert AuditLog.objects.filter(action="asesi.profile_view", data__via="verifikasi").count() == 1


def test_django_admin_masks_in_list_and_logs_the_full_view(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    profil = AsesiProfileFactory()
    listing = client.get("/django-admin/asesi/asesiprofile/").content.decode()
    assert profil.nik not in listing and profil.nik[-4:] in listing
    assert client.get(f"/django-admin/asesi/asesiprofile/{profil.pk}/change/").status_code == 200
    assert AuditLog.objects.filter(action="asesi.profile_view", data__via="django-admin").count() == 1
    p = submitted()
    assert client.get(f"/django-admin/asesi/permohonan/{p.pk}/change/").status_code == 200
    assert client.get("/django-admin/asesi/dokumen/").status_code == 200


# --- verification -------------------------------------------------------------------------------------


def decision(p, keputusan, catatan="", hasil="ada_memenuhi"):
    data = {"keputusan": keputusan, "catatan": catatan}
    for item in p.persyaratan.all():
        data[f"hasil_{item.pk}"] = hasil
        data[f"catatan_{item.pk}"] = ""
    return data


def test_accept_from_the_page(admin, django_capture_on_commit_callbacks):
    p = submitted()
    apl02_fill(p)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("asesi:verifikasi-detail", args=[p.pk]), decision(p, "diterima"))
    assert response["Location"] == reverse("asesi:verifikasi-list")
    p.refresh_from_db()
    assert p.status == Status.DITERIMA
    assert "Diterima" in mail.outbox[-1].subject and mail.outbox[-1].to == [p.asesi.email]


def test_return_needs_reason_then_asesi_fixes_and_resubmits(admin, client, django_capture_on_commit_callbacks):
    p = submitted()
    url = reverse("asesi:verifikasi-detail", args=[p.pk])
    response = admin.post(url, decision(p, "dikembalikan", hasil="ada_tidak_memenuhi"))
    assert response.status_code == 400 and "Tuliskan alasan" in response.content.decode()
    assert Permohonan.objects.get(pk=p.pk).status == Status.DIAJUKAN
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(url, decision(p, "dikembalikan", "Ijazah tidak terbaca", hasil="ada_tidak_memenuhi"))
    p.refresh_from_db()
    assert p.status == Status.DIKEMBALIKAN and "Ijazah tidak terbaca" in mail.outbox[-1].body

    client.force_login(p.asesi.user)
    page = client.get(p.get_absolute_url()).content.decode()
    assert "Ijazah tidak terbaca" in page and 'data-testid="ajukan"' in page
    item = p.persyaratan.first()
    client.post(reverse("asesi:dokumen-upload", args=[p.pk]), {"berkas": pdf("baru.pdf"), "persyaratan": item.pk})
    client.post(reverse("asesi:permohonan-submit", args=[p.pk]))
    p.refresh_from_db()
    assert p.status == Status.DIAJUKAN and item.dokumen.count() == 2


def test_accept_refused_when_a_requirement_is_not_met(admin):
    p = submitted()
    response = admin.post(reverse("asesi:verifikasi-detail", args=[p.pk]), decision(p, "diterima", hasil="tidak_ada"))
    assert response.status_code == 400 and "semua persyaratan wajib" in response.content.decode()
    assert Permohonan.objects.get(pk=p.pk).status == Status.DIAJUKAN
    assert not p.persyaratan.exclude(hasil="").exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"keputusan": "bersertifikat"},
        {"keputusan": "diterima", "hasil_1": "hebat"},
        {"keputusan": ["diterima", "ditolak"], "catatan": "x" * 5000},
    ],
)
def test_verification_weird_input_never_500(admin, data):
    p = submitted()
    response = admin.post(reverse("asesi:verifikasi-detail", args=[p.pk]), data)
    assert response.status_code == 400
    assert Permohonan.objects.get(pk=p.pk).status == Status.DIAJUKAN


def test_no_decision_form_once_decided(admin):
    p = submitted()
    services.permohonan_verify(permohonan=p, hasil={}, keputusan=Status.DITOLAK, catatan="Palsu", by=admin.user)
    url = reverse("asesi:verifikasi-detail", args=[p.pk])
    assert admin.get(url).context["form"] is None
    admin.post(url, decision(p, "diterima"))
    assert Permohonan.objects.get(pk=p.pk).status == Status.DITOLAK


def test_admin_cannot_verify_own_application(client):
    profil = AsesiProfileFactory()
    profil.user.groups.add(*admin_user().groups.all())
    p = submitted(profil=profil)
    client.force_login(profil.user)
    response = client.post(reverse("asesi:verifikasi-detail", args=[p.pk]), decision(p, "diterima"))
    assert response.status_code == 400 and "sendiri" in response.content.decode()


def test_admin_home_panel_counts_waiting_and_menu(admin):
    submitted()
    submitted()
    html = admin.get("/").content.decode()
    assert re.search(r'data-testid="verifikasi-menunggu".*?data-count>2<', html, re.S)
    for name in ("asesi:verifikasi-list", "asesi:asesi-list", "asesi:asesi-import"):
        assert reverse(name) in html


# --- registration on behalf, profile correction ---------------------------------------------------------


def test_admin_registers_someone(admin, django_capture_on_commit_callbacks):
    data = {
        "username": "wati", "nama_lengkap": "Wati", "nik": "3201234567890055", "tempat_lahir": "Bogor",
        "tanggal_lahir": "1992-02-02", "jenis_kelamin": "P", "kebangsaan": "Indonesia", "pendidikan_terakhir": "d3",
        "alamat": "Jl. B", "kode_pos": "16111", "telepon": "081234567890", "email": "wati@example.test",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("asesi:asesi-create"), data)
    profil = AsesiProfile.objects.get(nik="3201234567890055")
    assert response["Location"] == profil.get_absolute_url()
    assert profil.dibuat_oleh == admin.user and "/asesi/aktivasi/" in mail.outbox[0].body
    bad = admin.post(reverse("asesi:asesi-create"), {**data, "username": "lain"})
    assert "NIK ini sudah terdaftar." in bad.context["form"].errors["nik"]
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(reverse("asesi:asesi-activation-resend", args=[profil.pk]))
    assert len(mail.outbox) == 2


def test_admin_corrects_a_profile_and_nik_locks_after_submission(admin):
    p = submitted()
    url = reverse("asesi:asesi-update", args=[p.asesi.pk])
    form = admin.get(url).context["form"]
    assert form.fields["nik"].disabled
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"nik": "3201990000000000", "alamat": "Alamat baru", "tanggal_lahir": "1995-05-17"})
    response = admin.post(url, data)
    assert response.status_code == 302
    p.asesi.refresh_from_db()
    assert p.asesi.alamat == "Alamat baru" and p.asesi.nik != "3201990000000000"
    assert AuditLog.objects.get(action="asesi.profile_update").actor == admin.user


def test_one_review_writes_one_view_row_per_person(admin, client):
    p = submitted()
    admin.get(reverse("asesi:verifikasi-detail", args=[p.pk]))
    admin.post(reverse("asesi:verifikasi-detail", args=[p.pk]), {})  # invalid: the page is shown again
    for dokumen in p.dokumen.all():
        admin.get(dokumen.get_absolute_url())
    admin.get(reverse("asesi:asesi-update", args=[p.asesi.pk]))
    admin.get(reverse("asesi:asesi-detail", args=[p.asesi.pk]))
    rows = AuditLog.objects.filter(action="asesi.profile_view")
    assert list(rows.values_list("actor", "data__via")) == [(admin.user.pk, "verifikasi")]
    other = admin_user()
    client.force_login(other)
    client.get(reverse("asesi:asesi-detail", args=[p.asesi.pk]))
    assert rows.count() == 2 and rows.filter(actor=other).count() == 1  # another person: their own row


def test_django_admin_masks_for_staff_without_admin_lsp_role(client):
    profil = AsesiProfileFactory()
    komite = UserFactory(roles=("komite",), is_staff=True)
    from django.contrib.auth.models import Permission

    komite.user_permissions.add(Permission.objects.get(codename="view_asesiprofile"))
    client.force_login(komite)
    html = client.get(f"/django-admin/asesi/asesiprofile/{profil.pk}/change/").content.decode()
    assert profil.nik not in html and profil.alamat not in html and "********" in html
    assert not AuditLog.objects.filter(action="asesi.profile_view").exists()


def test_asesi_status_page_query_count(client, django_assert_max_num_queries):
    profil = AsesiProfileFactory()
    for _ in range(2):
        permohonan_draft(profil, with_documents=False)
    client.force_login(profil.user)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("asesi:permohonan-list"))
    for _ in range(6):
        permohonan_draft(profil, with_documents=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("asesi:permohonan-list"))


def _queue(admin, **params):
    return [p.pk for p in admin.get(reverse("asesi:verifikasi-list"), params).context["permohonan_list"]]


def test_queue_search_by_name_full_nik_and_apl_number(admin):
    a = submitted()
    a.asesi.user.nama_lengkap = "Zulkarnaen Wibisono"
    a.asesi.user.save()
    b = submitted()
    assert _queue(admin, q="zulkarnaen wib") == [a.pk]
    assert _queue(admin, q=b.asesi.nik) == [b.pk]
    assert _queue(admin, q=b.asesi.nik[:15]) == []  # a partial NIK finds nothing (no scan of every NIK)
    assert _queue(admin, q=b.nomor) == [b.pk] and _queue(admin, q=b.nomor.lower().replace("-", "")) == [b.pk]
    assert _queue(admin, q=str(b.pk)) == [b.pk]


def test_queue_orders_and_days_waiting(admin, monkeypatch):
    first, second, third = submitted(), submitted(), submitted()
    for p, name, days in ((first, "Citra", 10), (second, "Andi", 3), (third, "Budi", 0)):
        p.asesi.user.nama_lengkap = name
        p.asesi.user.save()
        Permohonan.objects.filter(pk=p.pk).update(diajukan_pada=timezone.now() - datetime.timedelta(days=days))
    assert _queue(admin) == [first.pk, second.pk, third.pk]  # longest waiting first
    assert _queue(admin, urut="terbaru") == [third.pk, second.pk, first.pk]
    assert _queue(admin, urut="nama") == [second.pk, third.pk, first.pk]
    waiting = admin.get(reverse("asesi:verifikasi-list")).context["permohonan_list"]
    assert [p.hari_menunggu for p in waiting] == [10, 3, 0]
    assert 'data-hari-menunggu="10"' in admin.get(reverse("asesi:verifikasi-list")).content.decode()
    # sorting keeps the queue (only submitted ones); ``?status=`` shows every status past draft
    assert _queue(admin, urut="skema", status="ditolak") == []


def test_queue_cursor_pages_cost_the_same_in_every_order(admin, django_assert_max_num_queries):
    for _ in range(30):
        submitted()
    for urut in ("menunggu", "terbaru", "nama", "skema"):
        page1 = admin.get(reverse("asesi:verifikasi-list"), {"urut": urut})
        seen = [p.pk for p in page1.context["permohonan_list"]]
        with django_assert_max_num_queries(12):
            older = page1.context["page_obj"].older
            page2 = admin.get(reverse("asesi:verifikasi-list"), {"urut": urut, "sebelum": older})
        seen += [p.pk for p in page2.context["permohonan_list"]]
        assert len(seen) == len(set(seen)) == 30, urut


def test_asesi_list_pages_by_cursor_through_equal_names(admin, django_assert_max_num_queries):
    for _ in range(30):
        AsesiProfileFactory(user__nama_lengkap="Sama Namanya")
    page1 = admin.get(reverse("asesi:asesi-list"))
    with django_assert_max_num_queries(8):
        page2 = admin.get(reverse("asesi:asesi-list"), {"sebelum": page1.context["page_obj"].older})
    seen = [p.pk for p in page1.context["asesi_list"]] + [p.pk for p in page2.context["asesi_list"]]
    assert len(seen) == len(set(seen)) == 30
    back = admin.get(reverse("asesi:asesi-list"), {"sesudah": page2.context["page_obj"].newer})
    assert [p.pk for p in back.context["asesi_list"]] == seen[:25]
