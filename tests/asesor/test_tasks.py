"""The daily reminder task: the body called directly at its boundaries, and once through a real worker."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail

from asesor import domain
from asesor.tasks import asesor_reminders_daily
from lsp.models import Notification

from .factories import RiwayatFactory, SertifikatAsesorFactory, asesor_with_certificate

D = timedelta(days=1)
ISSUED = date(2024, 1, 10)
LAST_DAY = domain.sertifikat_valid_until(ISSUED)  # 9 Jan 2027


@pytest.fixture
def asesor_with_six(db):
    """Enough assessments, so only the expiry reminders are in play."""
    a = asesor_with_certificate(ISSUED)
    for i in range(6):
        RiwayatFactory(asesor=a, tanggal=date(2024, 3, 1) + i * D)
    return a


def run(day, callbacks_fixture):
    with callbacks_fixture(execute=True):
        return asesor_reminders_daily(on_date=day.isoformat())


def test_beat_schedule_runs_this_task_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["asesor-reminders-daily"]
    assert entry["task"] == asesor_reminders_daily.name
    assert entry["schedule"].hour == {6} and entry["schedule"].minute == {0}


@pytest.mark.django_db
@pytest.mark.parametrize("days_left, sent", [(91, 0), (90, 2), (89, 2), (31, 2), (30, 2), (8, 2), (7, 2), (6, 2)])
def test_expiry_reminders_from_90_30_7_days_with_catch_up(asesor_with_six, admin_lsp,
                                                          django_capture_on_commit_callbacks, days_left, sent):
    assert run(LAST_DAY - days_left * D, django_capture_on_commit_callbacks) == sent
    assert len(mail.outbox) == sent
    if sent:
        assert sorted(m.to[0] for m in mail.outbox) == sorted([asesor_with_six.user.email, admin_lsp.email])
        assert f"{days_left} hari" in mail.outbox[0].subject


@pytest.mark.django_db
def test_a_missed_day_is_made_up_once_and_the_next_threshold_still_comes(
    asesor_with_six, admin_lsp, django_capture_on_commit_callbacks
):
    # the scheduler missed day 90: day 89 sends the 90-day reminder, day 88 nothing more, day 30 the next
    assert run(LAST_DAY - 89 * D, django_capture_on_commit_callbacks) == 2
    assert run(LAST_DAY - 88 * D, django_capture_on_commit_callbacks) == 0
    assert run(LAST_DAY - 29 * D, django_capture_on_commit_callbacks) == 2
    assert Notification.objects.filter(key__startswith="asesor-pengingat:").count() == 4


@pytest.mark.django_db
def test_running_twice_sends_once(asesor_with_six, admin_lsp, django_capture_on_commit_callbacks):
    day = LAST_DAY - 30 * D
    assert run(day, django_capture_on_commit_callbacks) == 2
    assert run(day, django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(key__startswith="asesor-pengingat:").count() == 2


@pytest.mark.django_db
def test_recognition_short_reminder_once_in_the_last_six_months(admin_lsp, django_capture_on_commit_callbacks):
    a = asesor_with_certificate(ISSUED)
    for i in range(4):
        RiwayatFactory(asesor=a, tanggal=date(2024, 3, 1) + i * D)
    assert run(date(2026, 7, 9), django_capture_on_commit_callbacks) == 0  # exactly 6 months left
    assert run(date(2026, 7, 10), django_capture_on_commit_callbacks) == 2
    assert "4 dari 6 asesmen" in mail.outbox[0].subject
    assert "kurang 2" in mail.outbox[0].body
    assert run(date(2026, 7, 11), django_capture_on_commit_callbacks) == 0
    # on the 90-day mark only the expiry reminder is new
    assert run(LAST_DAY - 90 * D, django_capture_on_commit_callbacks) == 2
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_no_reminder_once_the_next_certificate_is_recorded(asesor_with_six, admin_lsp,
                                                           django_capture_on_commit_callbacks):
    SertifikatAsesorFactory(asesor=asesor_with_six, issued_on=LAST_DAY + D, jenis="rekognisi")
    assert run(LAST_DAY - 30 * D, django_capture_on_commit_callbacks) == 0


@pytest.mark.django_db
def test_reminder_emails_go_out_only_after_commit(asesor_with_six, admin_lsp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        asesor_reminders_daily(on_date=(LAST_DAY - 7 * D).isoformat())
    assert mail.outbox == [] and len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 2


@pytest.mark.redis
@pytest.mark.celery_worker
@pytest.mark.postgres
def test_reminders_through_a_real_worker(celery_worker_on_redis, asesor_with_six, admin_lsp):
    day = (LAST_DAY - 90 * D).isoformat()
    assert asesor_reminders_daily.delay(day).get(timeout=30) == 2
    # The solo worker runs tasks in order: when the second run has answered, the deliveries queued by
    # the first one have run too. The second run sends nothing (send-once keys).
    assert asesor_reminders_daily.delay(day).get(timeout=30) == 0
    statuses = set(Notification.objects.filter(key__startswith="asesor-pengingat:").values_list("status", flat=True))
    assert statuses == {Notification.Status.TERKIRIM}
    assert len(mail.outbox) == 2
