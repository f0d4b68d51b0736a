"""In-app notifications (issue 10): the same events as the emails, written in the same transaction as
the outbox row, read only by their recipient; the bell counts the unread ones."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.urls import reverse

from asesi.domain import Status
from asesor.services.pengingat import asesor_reminders_send
from lsp.models import Notification, Pemberitahuan
from lsp.notifications import notification_send
from tests.asesi.factories import admin_user, force_status, permohonan_draft, verify
from tests.asesor.factories import RiwayatFactory, asesor_with_certificate

pytestmark = pytest.mark.django_db


def returned_application():
    """A submitted application the admin sends back: the asesi's email and notification."""
    p = force_status(permohonan_draft(), Status.DIAJUKAN)
    verify(p, admin_user(), keputusan=Status.DIKEMBALIKAN, catatan="Ijazah belum dilegalisir")
    return p


def test_a_status_email_comes_with_a_notification_for_the_asesi(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        p = returned_application()
    email = Notification.objects.get(key__startswith="asesi.permohonan-riwayat.", recipient=p.asesi.user.email)
    item = Pemberitahuan.objects.get(notifikasi=email)
    assert item.penerima == p.asesi.user
    assert item.judul == email.subject and p.nomor in item.judul
    assert item.url == reverse("asesi:permohonan-detail", args=[p.pk])
    assert item.dibaca_pada is None


def test_nothing_is_left_when_the_change_rolls_back(make_user):
    user = make_user("asesi", username="batal")

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        notification_send(to=user.email, subject="Status berubah", body="isi", user=user, url="/asesi/permohonan/")
        raise Boom
    assert not Notification.objects.exists()
    assert not Pemberitahuan.objects.exists()


def test_the_same_key_gives_one_email_and_one_notification(make_user):
    user = make_user("asesi", username="sekali")
    for _ in range(2):
        notification_send(to=user.email, subject="Sekali", body="isi", key="k-1", user=user, url="/")
    assert Notification.objects.count() == 1
    assert Pemberitahuan.objects.count() == 1


def test_credential_emails_make_no_notification(make_user):
    user = make_user("asesi", username="rahasia")
    notification_send(to=user.email, subject="Konfirmasi", body="tautan", secret=True)
    assert Notification.objects.count() == 1
    assert not Pemberitahuan.objects.exists()


def test_reminders_notify_the_asesor_on_their_page_and_the_admin_on_the_registry(admin_lsp):
    asesor = asesor_with_certificate(date(2024, 1, 10))
    for i in range(6):
        RiwayatFactory(asesor=asesor, tanggal=date(2024, 3, 1) + timedelta(days=i))
    last_day = asesor.sertifikat.get().valid_until
    assert asesor_reminders_send(today=last_day - timedelta(days=30)) == 2
    by_user = {p.penerima_id: p.url for p in Pemberitahuan.objects.all()}
    assert by_user == {
        asesor.user_id: reverse("asesor:asesor-saya"),
        admin_lsp.pk: reverse("asesor:asesor-detail", args=[asesor.pk]),
    }


# --- pages ------------------------------------------------------------------------------------------------


def notify(user, n=1, **kwargs):
    return [
        Pemberitahuan.objects.create(penerima=user, judul=f"Pemberitahuan {i}", url=kwargs.get("url", "/"))
        for i in range(n)
    ]


def test_list_shows_only_my_notifications_and_the_bell_counts_unread(client, make_user):
    me, other = make_user("asesi", username="aku"), make_user("asesi", username="kamu")
    mine = notify(me, 2)
    notify(other, 3)
    mine[0].dibaca_pada = mine[0].dibuat_pada
    mine[0].save()
    client.force_login(me)
    response = client.get(reverse("lsp:pemberitahuan-list"))
    assert [i.pk for i in response.context["items"]] == sorted((m.pk for m in mine), reverse=True)
    html = response.content.decode()
    assert 'data-testid="bell-count">1<' in html


def test_opening_one_marks_it_read_and_goes_to_its_page(client, make_user):
    me = make_user("asesi", username="baca")
    [item] = notify(me, url="/asesi/permohonan/")
    client.force_login(me)
    response = client.post(reverse("lsp:pemberitahuan-read", args=[item.pk]))
    assert response.status_code == 302 and response["Location"] == "/asesi/permohonan/"
    item.refresh_from_db()
    first = item.dibaca_pada
    assert first is not None
    client.post(reverse("lsp:pemberitahuan-read", args=[item.pk]))
    item.refresh_from_db()
    assert item.dibaca_pada == first  # the first reading time is kept
    assert 'data-testid="bell-count"' not in client.get("/").content.decode()


def test_someone_elses_notification_is_a_404_and_stays_unread(client, make_user):
    me, other = make_user("asesi", username="saya2"), make_user("asesi", username="dia2")
    [theirs] = notify(other)
    client.force_login(me)
    assert client.post(reverse("lsp:pemberitahuan-read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.dibaca_pada is None


def test_mark_all_read_touches_only_mine(client, make_user):
    me, other = make_user("asesor", username="semua1"), make_user("asesor", username="semua2")
    notify(me, 3)
    notify(other, 2)
    client.force_login(me)
    assert client.post(reverse("lsp:pemberitahuan-read-all")).status_code == 302
    assert not Pemberitahuan.objects.filter(penerima=me, dibaca_pada__isnull=True).exists()
    assert Pemberitahuan.objects.filter(penerima=other, dibaca_pada__isnull=True).count() == 2


def test_mark_read_is_post_only_and_needs_login(client, make_user):
    me = make_user("asesi", username="getter")
    [item] = notify(me)
    url = reverse("lsp:pemberitahuan-read", args=[item.pk])
    assert client.post(url).status_code == 302 and "/akun/masuk/" in client.post(url)["Location"]
    client.force_login(me)
    assert client.get(url).status_code == 405
    assert client.get(reverse("lsp:pemberitahuan-read-all")).status_code == 405


def test_list_queries_do_not_grow_with_rows(client, make_user, django_assert_max_num_queries):
    me = make_user("asesi", username="banyak")
    notify(me, 40)
    client.force_login(me)
    older = client.get(reverse("lsp:pemberitahuan-list")).context["page_obj"].older
    # session, user, roles, menu + bell counts, LSP profile, the page's rows (a cursor: no COUNT, no OFFSET)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("lsp:pemberitahuan-list"), {"sebelum": older})
    assert len(response.context["items"]) == 15
