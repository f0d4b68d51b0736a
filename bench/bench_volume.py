"""Every page at the volume of a large LSP: ``seed_bench`` with ``BENCH_ASESI`` asesi (default 100,000:
~120k permohonan, ~1M audit rows, ~1,000 asesors), then one line (ms per request, queries) per page."""

import os
from io import StringIO

from django.core.management import call_command
from django.db.models import Count
from django.test import Client

from asesi.domain import Status
from asesi.models import AsesiProfile, Dokumen, Permohonan
from bench.bench_pages import _measure
from bench.run import Timer
from lsp.models import AuditLog, Skema, User
from lsp.roles import Role

N_ASESI = int(os.environ.get("BENCH_ASESI", "100000"))


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def run(report):
    out = StringIO()
    with Timer() as t:
        call_command("seed_bench", asesi=N_ASESI, stdout=out)
    if os.environ.get("BENCH_VERBOSE"):
        print(out.getvalue())
    report(f"seed_bench --asesi {N_ASESI}", t.ms / 1000, "s")
    report("audit rows", AuditLog.objects.count(), "rows")

    admin = User.objects.filter(groups__name=Role.ADMIN_LSP).order_by("pk").first()
    client = _client(admin)
    n = AsesiProfile.objects.count()
    deep = max(1, n // 25 // 2)
    profile = AsesiProfile.objects.select_related("user").order_by("pk")[n // 2]
    queued = Permohonan.objects.filter(status=Status.DIAJUKAN).order_by("pk").first()
    skema = Skema.objects.annotate(n=Count("units")).order_by("-n", "pk").first()
    # An asesi with two applications, one of them submitted with documents: their own pages and a download.
    twice = AsesiProfile.objects.annotate(n=Count("permohonan")).filter(n__gt=1).values("pk")
    dokumen = (
        Dokumen.objects.filter(permohonan__asesi__in=twice).exclude(permohonan__status=Status.DRAFT)
        .select_related("permohonan__asesi__user").order_by("pk").first()
    )
    own = dokumen.permohonan.asesi
    day = AuditLog.objects.order_by("-created_at").values_list("created_at", flat=True).first().date()

    pages = [
        ("home (admin)", "/"),
        ("asesi list page 1", "/asesi/daftar-asesi/"),
        (f"asesi list page {deep}", f"/asesi/daftar-asesi/?page={deep}"),
        ("asesi list NIK search (exact)", f"/asesi/daftar-asesi/?q={profile.nik}"),
        ("asesi list name search", "/asesi/daftar-asesi/?q=Rahmat+Siregar"),
        ("asesi detail (admin)", profile.get_absolute_url()),
        ("verification queue", "/asesi/verifikasi/"),
        ("verification detail", f"/asesi/verifikasi/{queued.pk}/"),
        ("audit trail page 1", "/lsp/audit/"),
        ("audit trail by action", "/lsp/audit/?action=permohonan.verify"),
        ("audit trail by actor", f"/lsp/audit/?actor={admin.username}"),
        ("audit trail by date (one month)", f"/lsp/audit/?tanggal_dari={day.replace(day=1)}&tanggal_sampai={day}"),
        ("asesor list", "/asesor/"),
        ("asesor list: segera kedaluwarsa", "/asesor/?status=segera_kedaluwarsa"),
        ("skema list", "/lsp/skema/"),
        ("skema detail", skema.get_absolute_url()),
    ]
    for label, url in pages:
        _measure(report, client, label, url)
    _measure(report, client, "asesor CSV export", "/asesor/ekspor.csv", repeat=3)

    asesi = _client(own.user)
    _measure(report, asesi, "home (asesi)", "/")
    _measure(report, asesi, "permohonan list (asesi)", "/asesi/permohonan/")
    _measure(report, asesi, "document download (owner)", dokumen.get_absolute_url())
    _measure(report, client, "document download (admin)", dokumen.get_absolute_url())

    _asesmen_pages(report, client)


def _p95(report, client, label, url, repeat=20):
    """Like ``_measure`` (queries, mean) plus the 95th percentile of single requests (the issue's target)."""
    import time

    _measure(report, client, label, url, repeat=5)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    report(f"{label} p95", times[int(0.95 * (len(times) - 1))], "ms")


def _asesmen_pages(report, client):
    """Jadwal uji kompetensi (~N/10 batches): the admin's list, filters, calendar, a batch, the pick list;
    the asesor's and the asesi's schedules."""
    from django.utils import timezone

    from asesmen.domain import StatusJadwal
    from asesmen.models import Jadwal, PesertaJadwal

    report("jadwal", Jadwal.objects.count(), "rows")
    n = Jadwal.objects.count()
    busy = (
        Jadwal.objects.filter(status=StatusJadwal.DIRENCANAKAN)
        .annotate(n=Count("peserta")).filter(n__gt=0).order_by("-n", "pk").first()
    )
    month = timezone.localtime(busy.mulai)
    skema_id = busy.skema_id
    for label, url in [
        ("jadwal list page 1", "/asesmen/jadwal/"),
        (f"jadwal list page {max(1, n // 25 // 2)}", f"/asesmen/jadwal/?page={max(1, n // 25 // 2)}"),
        ("jadwal list: direncanakan", "/asesmen/jadwal/?status=direncanakan"),
        ("jadwal list: one skema", f"/asesmen/jadwal/?skema={skema_id}"),
        ("jadwal list: search by code", f"/asesmen/jadwal/?q={busy.kode}"),
        ("jadwal calendar (busiest month)", f"/asesmen/jadwal/kalender/?tahun={month.year}&bulan={month.month}"),
        ("jadwal detail (admin)", busy.get_absolute_url()),
        ("jadwal pick list", f"/asesmen/jadwal/{busy.pk}/asesi/"),
    ]:
        _p95(report, client, label, url)
    peserta = PesertaJadwal.objects.filter(jadwal=busy, aktif=True).select_related("asesor__user",
                                                                                  "permohonan__asesi__user").first()
    asesor = _client(peserta.asesor.user)
    _p95(report, asesor, "jadwal saya (asesor)", "/asesmen/saya/")
    _p95(report, asesor, "asesi page (assigned asesor)", f"/asesmen/saya/asesi/{peserta.pk}/")
    _p95(report, _client(peserta.permohonan.asesi.user), "jadwal saya (asesi)", "/asesmen/jadwal-saya/")
    _pelaksanaan_pages(report, client)


def _pelaksanaan_pages(report, client):
    """The assessment at volume (~10 KUK verdicts per asesi): the asesor's workspace for a draft and for a
    submitted record with the most KUK, the record's history, the asesi's page, a unit's item bank."""
    from asesmen.models import PenilaianKUK, PenilaianUnit, RekamanAsesmen

    report("KUK verdicts", PenilaianKUK.objects.count(), "rows")
    report("unit verdicts", PenilaianUnit.objects.count(), "rows")
    for label, status in (("draft", "draf"), ("submitted", "diajukan")):
        rekaman = (
            RekamanAsesmen.objects.filter(status=status).annotate(n=Count("penilaian_kuk"))
            .select_related("peserta__asesor__user", "peserta__permohonan__asesi__user").order_by("-n", "pk").first()
        )
        if rekaman is None:
            continue
        p = rekaman.peserta
        _p95(report, _client(p.asesor.user), f"assessment workspace ({label}, {rekaman.n} KUK)",
             f"/asesmen/saya/asesi/{p.pk}/asesmen/")
        _p95(report, client, f"record history ({label})", f"/asesmen/peserta/{p.pk}/rekaman/")
        _p95(report, _client(p.permohonan.asesi.user), f"asesi assessment page ({label})",
             f"/asesmen/jadwal-saya/{p.pk}/asesmen/")
    unit = RekamanAsesmen.objects.filter(status="diajukan").values_list("penilaian_unit__unit", flat=True).first()
    if unit:
        _p95(report, client, "item bank of a unit", f"/asesmen/bank/unit/{unit}/")
    _p95(report, client, "item bank (skema list)", "/asesmen/bank/")
    n = RekamanAsesmen.objects.count()
    one = RekamanAsesmen.objects.order_by("pk").values_list("peserta__permohonan_id", flat=True)[n // 2]
    for label, url in [
        ("record list page 1", "/asesmen/rekaman/"),
        (f"record list page {max(1, n // 25 // 2)}", f"/asesmen/rekaman/?page={max(1, n // 25 // 2)}"),
        ("record list: BK", "/asesmen/rekaman/?rekomendasi=BK"),
        ("record list: drafts", "/asesmen/rekaman/?status=draf"),
        ("record list: by application number", f"/asesmen/rekaman/?q=APL-{one:06d}"),
    ]:
        _p95(report, client, label, url)
