"""Expiry reminders of competency certificates: 90/30/7 days with catch-up, each once."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail

from sertifikat.models import PengingatTerkirim
from sertifikat.services import sertifikat_reminders_send, sertifikat_suspend
from sertifikat.tasks import sertifikat_reminders_daily

from .factories import admin_user, issued, lsp_profile

pytestmark = pytest.mark.django_db
D = timedelta(days=1)


@pytest.fixture
def cert():
    lsp_profile()
    return issued(nama="Pemegang Pengingat", tanggal_terbit=date(2026, 1, 10))  # valid through 9 Jan 2029


def run(day, capture):
    with capture(execute=True):
        return sertifikat_reminders_send(today=day)


@pytest.mark.parametrize("days_left, threshold", [(91, None), (90, 90), (31, 90), (30, 30), (8, 30), (7, 7),
                                                  (0, 7), (-1, None)])
def test_due_from_each_threshold(cert, django_capture_on_commit_callbacks, days_left, threshold):
    sent = run(cert.berlaku_sampai - days_left * D, django_capture_on_commit_callbacks)
    assert sent == (threshold is not None)
    assert list(PengingatTerkirim.objects.values_list("hari", flat=True)) == ([threshold] if threshold else [])
    if threshold:
        assert mail.outbox[-1].to == [cert.asesi.user.email]
        assert f"{days_left} hari" in mail.outbox[-1].subject


def test_missed_days_are_made_up_once_then_the_next_threshold(cert, django_capture_on_commit_callbacks):
    last = cert.berlaku_sampai
    assert run(last - 85 * D, django_capture_on_commit_callbacks) == 1  # day 90 was missed
    assert run(last - 84 * D, django_capture_on_commit_callbacks) == 0
    assert run(last - 85 * D, django_capture_on_commit_callbacks) == 0  # a repeated run
    assert run(last - 20 * D, django_capture_on_commit_callbacks) == 1  # 30 missed too: made up
    assert run(last - 3 * D, django_capture_on_commit_callbacks) == 1
    assert sorted(PengingatTerkirim.objects.values_list("hari", flat=True)) == [7, 30, 90]


def test_no_reminder_for_a_suspended_certificate(cert, django_capture_on_commit_callbacks):
    sertifikat_suspend(sertifikat=cert, alasan="Diperiksa", by=admin_user())
    assert run(cert.berlaku_sampai - 30 * D, django_capture_on_commit_callbacks) == 0


def test_beat_task_is_scheduled_daily(cert, django_capture_on_commit_callbacks):
    entry = settings.CELERY_BEAT_SCHEDULE["sertifikat-reminders-daily"]
    assert entry["task"] == sertifikat_reminders_daily.name
    with django_capture_on_commit_callbacks(execute=True):
        assert sertifikat_reminders_daily((cert.berlaku_sampai - 7 * D).isoformat()) == 1
