"""The admin home's chart of asesor statuses (``lsp.charts``): computed by the database in one
aggregate (``selectors.asesor_status_annotate``), whatever the number of asesors."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from lsp.charts import ChartData, Row

from .domain import StatusAsesor
from .models import AsesorProfile
from .selectors import asesor_status_annotate


def asesor_status_chart(today) -> ChartData:
    counts = asesor_status_annotate(AsesorProfile.objects.all(), on_date=today).aggregate(
        **{value: Count("pk", filter=Q(st_status=value)) for value in StatusAsesor.values}
    )
    url = reverse("asesor:asesor-list")
    rows = [Row(str(label), (counts[value],), f"{url}?status={value}") for value, label in StatusAsesor.choices]
    return ChartData(rows, note=_("Status sertifikat asesor (MET) hari ini."))
