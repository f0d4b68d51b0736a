"""Every page at the volume of a large LSP: ``seed_bench`` with ``BENCH_ASESI`` asesi (default 100,000:
~120k permohonan, ~1M audit rows, ~1,000 asesors), then one line (ms per request, queries) per page."""

import os
from io import StringIO

from django.core.management import call_command
from django.db.models import Count
from django.test import Client

from asesi.domain import Status
from asesi.models import AsesiProfile, Dokumen, Permohonan
from asesor.domain import StatusPengajuan
from asesor.models import PengajuanRekognisi
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
    pengajuan = PengajuanRekognisi.objects.filter(status=StatusPengajuan.DIAJUKAN).select_related("asesor").first()
    asesor_sendiri = pengajuan.asesor
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
        ("asesor detail", f"/asesor/{asesor_sendiri.pk}/"),
        ("asesor verification queue", "/asesor/verifikasi/"),
        ("recognition request (admin)", f"/asesor/rekognisi/{pengajuan.pk}/"),
        ("diklat list", "/asesor/diklat/"),
        ("skema list", "/lsp/skema/"),
        ("skema detail", skema.get_absolute_url()),
        ("role home (admin)", "/lsp/beranda/admin_lsp/"),
        ("external assessments waiting", "/asesor/riwayat/?status=menunggu"),
        ("search: NIK (exact)", f"/lsp/cari/?q={profile.nik}"),
        ("search: name", "/lsp/cari/?q=Rahmat+Siregar"),
        ("search: APL number", f"/lsp/cari/?q={queued.nomor}"),
        ("notifications (admin)", "/lsp/pemberitahuan/"),
    ]
    for label, url in pages:
        _measure(report, client, label, url)
    _measure(report, client, "asesor CSV export", "/asesor/ekspor.csv", repeat=3)

    asesor = _client(asesor_sendiri.user)
    _measure(report, asesor, "asesor own page", "/asesor/saya/")
    _measure(report, asesor, "asesor: ask for recognition", "/asesor/saya/rekognisi/")
    _measure(report, asesor, "asesor: record an external assessment", "/asesor/saya/riwayat/tambah/")

    asesi = _client(own.user)
    _measure(report, asesi, "home (asesi)", "/")
    _measure(report, asesi, "permohonan list (asesi)", "/asesi/permohonan/")
    _measure(report, asesi, "search: APL number (asesi)", f"/lsp/cari/?q={dokumen.permohonan.nomor}")
    _measure(report, asesi, "document download (owner)", dokumen.get_absolute_url())
    _measure(report, client, "document download (admin)", dokumen.get_absolute_url())

    # certificates (sertifikat: 3 per asesi) — the admin's lists, the holder's page, the public verification
    from django.test import override_settings

    from sertifikat.models import Sertifikat

    cert = Sertifikat.objects.select_related("asesi__user").order_by("pk")[Sertifikat.objects.count() // 2]
    for label, url in [
        ("certificate list page 1", "/sertifikat/"),
        (f"certificate list page {deep}", f"/sertifikat/?page={deep}"),
        ("certificate list: dibekukan", "/sertifikat/?status=dibekukan"),
        ("certificate list: kedaluwarsa", "/sertifikat/?status=kedaluwarsa"),
        ("certificate list: number (exact)", f"/sertifikat/?nomor={cert.nomor}"),
        ("certificate detail (admin)", cert.get_absolute_url()),
        ("certificate issuing queue", "/sertifikat/penerbitan/"),
        ("bulk issue progress (htmx fragment)",
         f"/sertifikat/massal/{cert.__class__.objects.exclude(massal=None).values_list('massal', flat=True).first()}/"
         "?partial=1"),
    ]:
        _measure(report, client, label, url)
    _measure(report, _client(cert.asesi.user), "certificate holder page", "/sertifikat/saya/")
    public = Client()
    with override_settings(LSP_VERIFIKASI_PER_MINUTE=10**9):  # counted as always, never refused here
        _measure(report, public, "verification page (QR token)", f"/verifikasi/{cert.token}/")
        _measure(report, public, "verification page (number)", f"/verifikasi/{cert.nomor}/")
        _measure(report, public, "verification JSON", f"/api/v1/verifikasi/{cert.nomor}/")
