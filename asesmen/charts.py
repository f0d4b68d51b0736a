"""The admin home's charts of assessments (``lsp.charts``): each one aggregate query on indexed columns.

- assessments per month: final FR.AK.02 records by the month they were submitted, K and BK stacked;
- K and BK per skema: the ten skema with the most final records;
- asesor load: the ten asesors with the most asesi in open batches (planned or running)."""

from datetime import datetime, time

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lsp.charts import ChartData, Row
from lsp.charts_common import month_label, months_back

from .domain import JADWAL_OPEN, Verdict
from .domain_pelaksanaan import StatusRekaman
from .models import PesertaJadwal, RekamanAsesmen

TOP = 10


def _verdict_counts():
    return {"k": Count("pk", filter=Q(rekomendasi=Verdict.K)), "bk": Count("pk", filter=Q(rekomendasi=Verdict.BK))}


def asesmen_per_bulan_chart(today) -> ChartData:
    months = months_back(today, 12)
    since = timezone.make_aware(datetime.combine(months[0], time.min))
    rows = (
        RekamanAsesmen.objects.filter(status=StatusRekaman.DIAJUKAN, diajukan_pada__gte=since)
        .annotate(bulan=TruncMonth("diajukan_pada"))
        .order_by()
        .values("bulan")
        .annotate(**_verdict_counts())
    )
    by_month = {r["bulan"].date() if hasattr(r["bulan"], "date") else r["bulan"]: (r["k"], r["bk"]) for r in rows}
    return ChartData(
        [Row(month_label(m), by_month.get(m, (0, 0))) for m in months],
        series=(_("Kompeten (K)"), _("Belum kompeten (BK)")),
        note=_("Rekaman asesmen (FR.AK.02) final per bulan diajukan, 12 bulan terakhir."),
    )


def k_bk_per_skema_chart(today) -> ChartData:
    rows = (
        RekamanAsesmen.objects.filter(status=StatusRekaman.DIAJUKAN)
        .order_by()
        .values("peserta__jadwal__skema_id", "peserta__jadwal__skema__kode")
        .annotate(**_verdict_counts(), n=Count("pk"))
        .order_by("-n", "peserta__jadwal__skema__kode")[:TOP]
    )
    url = reverse("asesmen:rekaman-list")
    return ChartData(
        [
            Row(r["peserta__jadwal__skema__kode"], (r["k"], r["bk"]),
                f"{url}?status={StatusRekaman.DIAJUKAN}&skema={r['peserta__jadwal__skema_id']}")
            for r in rows
        ],
        series=(_("Kompeten (K)"), _("Belum kompeten (BK)")),
        note=_("Rekomendasi rekaman asesmen final, %(n)s skema terbanyak.") % {"n": TOP},
    )


def asesor_beban_chart(today) -> ChartData:
    rows = (
        PesertaJadwal.objects.filter(aktif=True, asesor__isnull=False, jadwal__status__in=JADWAL_OPEN)
        .order_by()
        .values("asesor_id", "asesor__user__nama_lengkap", "asesor__user__username")
        .annotate(n=Count("pk"))
        .order_by("-n", "asesor_id")[:TOP]
    )
    return ChartData(
        [
            Row(r["asesor__user__nama_lengkap"] or r["asesor__user__username"], (r["n"],),
                reverse("asesor:asesor-detail", args=[r["asesor_id"]]))
            for r in rows
        ],
        note=_("Asesi pada jadwal yang direncanakan atau berjalan, %(n)s asesor terbanyak.") % {"n": TOP},
    )
