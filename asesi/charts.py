"""The admin home's chart of applications (``lsp.charts``): one aggregate query."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from lsp.charts import ChartData, Row

from .domain import Status
from .models import Permohonan


def permohonan_status_chart(today) -> ChartData:
    """Applications per status (drafts left out: nobody has sent them yet), each bar the verification
    list filtered to that status."""
    counts = dict(
        Permohonan.objects.exclude(status=Status.DRAFT).order_by().values_list("status").annotate(n=Count("pk"))
    )
    url = reverse("asesi:verifikasi-list")
    rows = [
        Row(str(label), (counts.get(value, 0),), f"{url}?status={value}")
        for value, label in Status.choices
        if value != Status.DRAFT
    ]
    return ChartData(rows, note=_("Semua permohonan yang pernah diajukan, menurut status saat ini."))
