"""The admin home's chart of certificates (``lsp.charts``): issued per month (index on
``tanggal_terbit``), one aggregate query."""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from lsp.charts import ChartData, Row
from lsp.charts_common import month_label, months_back

from .models import Sertifikat


def terbit_per_bulan_chart(today) -> ChartData:
    months = months_back(today, 12)
    counts = dict(
        Sertifikat.objects.filter(tanggal_terbit__gte=months[0], tanggal_terbit__lte=today)
        .annotate(bulan=TruncMonth("tanggal_terbit"))
        .order_by()
        .values_list("bulan")
        .annotate(n=Count("pk"))
    )
    return ChartData(
        [Row(month_label(m), (counts.get(m, 0),)) for m in months],
        note=_("Sertifikat kompetensi yang diterbitkan per bulan, 12 bulan terakhir."),
    )
