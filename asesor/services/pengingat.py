"""Reminders about expiring certificates and short recognition counts (sent once each)."""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from .. import domain, emails, selectors
from ..models import SertifikatAsesor
from ._common import _admin_recipients


@transaction.atomic
def asesor_reminders_send(*, today: date) -> int:
    """Queue the reminders due on ``today`` (``domain.reminders_due`` on each asesor's status): to the
    asesor and to every admin LSP, each one once — the notification key names the certificate, the
    reminder and the recipient, so running this twice on a day (or again later) sends nothing twice.
    Returns the number of emails queued."""
    reminder_days = list(settings.LSP_REMINDER_DAYS)
    horizon = max(today + timedelta(days=max(reminder_days, default=0)),
                  domain.add_months(today, domain.REKOGNISI_PENGINGAT_BULAN))
    candidates = SertifikatAsesor.objects.filter(
        Q(issued_on__lte=today) & Q(valid_until__gte=today) & Q(valid_until__lte=horizon)
    ).values("asesor_id")
    asesors = selectors.asesor_queryset().filter(pk__in=candidates)
    admins = None
    queued = 0
    for asesor in asesors:
        status = selectors.status_from_loaded(asesor, today)
        due = domain.reminders_due(status, reminder_days=reminder_days)
        if not due:
            continue
        if admins is None:
            admins = _admin_recipients()
        for pengingat in due:
            for recipient in [asesor.user, *[a for a in admins if a.pk != asesor.user_id]]:
                sent = emails.pengingat_send(asesor=asesor, status=status, pengingat=pengingat, penerima=recipient)
                queued += sent is not None
    return queued
