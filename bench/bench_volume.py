"""Every page of every role at the volume of a large LSP: ``seed_bench`` with ``BENCH_ASESI`` asesi (default
100,000: ~120k permohonan, ~1M audit rows, ~1,000 asesors), then p50 / p95 / queries per page, and the
throughput of the public pages against a bare Django view under gunicorn (``bench/throughput.py``)."""

import os
from io import StringIO

from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import Count
from django.test import Client

from asesi.domain import Status
from asesi.models import AsesiProfile, Dokumen, Permohonan
from asesi.selectors import ASESI_KEYSET
from asesor.domain import StatusPengajuan
from asesor.models import AsesorProfile, PengajuanRekognisi
from bench import throughput
from bench.run import KEEPDB, Timer
from lsp.bench_seed import PDF_BYTES
from lsp.models import AuditLog, Skema, User
from lsp.pagination import keyset_cursor
from lsp.roles import Role

N_ASESI = int(os.environ.get("BENCH_ASESI", "100000"))


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _seed(bench):
    if KEEPDB and AsesiProfile.objects.count() >= N_ASESI:
        return
    out = StringIO()
    with Timer() as t:
        call_command("seed_bench", asesi=N_ASESI, stdout=out)
    if os.environ.get("BENCH_VERBOSE"):
        print(out.getvalue())
    bench.figure(f"seed_bench --asesi {N_ASESI}", t.ms / 1000, "s")


def _half(qs, keyset):
    """The cursor of the row half-way down ``qs`` in ``keyset`` order (what following "Berikutnya" leads to), or
    an empty string for an empty list (the first page)."""
    n = qs.count()
    return keyset_cursor(qs.order_by(*keyset)[n // 2], keyset) if n else ""


def _role_user(role):
    user = User.objects.filter(groups__name=role).order_by("pk").first()
    if user is None:
        user = User.objects.create_user(f"bench-{role}", f"{role}@bench.example", nama_lengkap=f"Bench {role}")
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def run(bench):
    _seed(bench)
    bench.figure("audit rows", AuditLog.objects.count(), "rows")

    admin = User.objects.filter(groups__name=Role.ADMIN_LSP).order_by("pk").first()
    client = _client(admin)
    n = AsesiProfile.objects.count()
    profile = AsesiProfile.objects.select_related("user").order_by("pk")[n // 2]
    queued = Permohonan.objects.filter(status=Status.DIAJUKAN).order_by("pk").first()
    skema = Skema.objects.annotate(n=Count("units")).order_by("-n", "pk").first()
    # An asesi with two applications, one of them submitted with documents: their own pages and a download.
    twice = AsesiProfile.objects.annotate(n=Count("permohonan")).filter(n__gt=1).values("pk")
    dokumen = (
        Dokumen.objects.filter(permohonan__asesi__in=twice).exclude(permohonan__status=Status.DRAFT)
        .select_related("permohonan__asesi__user").order_by("pk").first()
    )
    if not default_storage.exists(dokumen.berkas.name):  # BENCH_KEEPDB with a fresh media folder
        from django.core.files.base import ContentFile

        default_storage.save(dokumen.berkas.name, ContentFile(PDF_BYTES))
    own = dokumen.permohonan.asesi
    pengajuan = PengajuanRekognisi.objects.filter(status=StatusPengajuan.DIAJUKAN).select_related("asesor").first()
    asesor_sendiri = pengajuan.asesor
    day = AuditLog.objects.order_by("-created_at").values_list("created_at", flat=True).first().date()
    asesor = AsesorProfile.objects.select_related("user").order_by("pk").first()
    # Deep pages: the cursor of the row half-way down each list (what following "Berikutnya" leads to).
    half_audit = AuditLog.objects.order_by("-created_at", "-pk")[AuditLog.objects.count() // 2]
    deep_audit = keyset_cursor(half_audit, ("created_at", "pk"))
    half_asesi = AsesiProfile.objects.select_related("user").order_by(*ASESI_KEYSET)[n // 2]
    deep_asesi = keyset_cursor(half_asesi, ASESI_KEYSET)
    non_draft = Permohonan.objects.exclude(status=Status.DRAFT)
    half_p = non_draft.order_by("diajukan_pada", "pk")[non_draft.count() // 2]
    deep_p = keyset_cursor(half_p, ("diajukan_pada", "pk"))
    from lsp.models import Pemberitahuan
    from lsp.selectors import PEMBERITAHUAN_KEYSET, USER_KEYSET

    deep_notif = _half(Pemberitahuan.objects.filter(penerima=admin), PEMBERITAHUAN_KEYSET)
    deep_user = _half(User.objects.all(), USER_KEYSET)

    bench.section = "volume: admin LSP"
    pages = [
        ("home (admin)", "/"),
        ("verification queue (diajukan)", "/asesi/verifikasi/"),
        ("verification list, all non-draft", "/asesi/verifikasi/?status="),
        ("verification list, bersertifikat", f"/asesi/verifikasi/?status={Status.BERSERTIFIKAT}"),
        ("verification list, skema filter", f"/asesi/verifikasi/?status=&skema={queued.skema_id}"),
        ("verification list, all, half-way page", f"/asesi/verifikasi/?status=&sebelum={deep_p}"),
        ("verification queue, search name", "/asesi/verifikasi/?q=Rahmat+Siregar"),
        ("verification queue, search NIK", f"/asesi/verifikasi/?q={queued.asesi.nik}"),
        ("verification queue, search APL number", f"/asesi/verifikasi/?q={queued.nomor}"),
        ("verification queue, by name", "/asesi/verifikasi/?urut=nama"),
        ("verification queue, by skema", "/asesi/verifikasi/?urut=skema"),
        ("verification queue, newest first", "/asesi/verifikasi/?urut=terbaru"),
        ("verification list, all, by name", "/asesi/verifikasi/?status=&urut=nama"),
        ("verification detail", f"/asesi/verifikasi/{queued.pk}/"),
        ("asesi list page 1", "/asesi/daftar-asesi/"),
        ("asesi list, half-way page", f"/asesi/daftar-asesi/?sebelum={deep_asesi}"),
        ("asesi list NIK search (exact)", f"/asesi/daftar-asesi/?q={profile.nik}"),
        ("asesi list name search", "/asesi/daftar-asesi/?q=Rahmat+Siregar"),
        ("asesi detail (admin)", profile.get_absolute_url()),
        ("audit trail page 1", "/lsp/audit/"),
        ("audit trail, half-way page", f"/lsp/audit/?sebelum={deep_audit}"),
        ("audit trail by action", "/lsp/audit/?action=permohonan.verify"),
        ("audit trail by actor", f"/lsp/audit/?actor={admin.username}"),
        ("audit trail by date (one month)", f"/lsp/audit/?tanggal_dari={day.replace(day=1)}&tanggal_sampai={day}"),
        ("audit trail by app (asesi)", "/lsp/audit/?app=asesi"),
        ("audit trail by kind (sertifikat)", "/lsp/audit/?jenis=sertifikat.sertifikat"),
        ("audit trail by record name (APL number)", f"/lsp/audit/?objek={queued.nomor}"),
        ("audit trail by record (kind + id)", f"/lsp/audit/?jenis=asesi.permohonan&objek={queued.pk}"),
        ("BNSP report form", "/sertifikat/laporan-bnsp/"),
        ("asesor list", "/asesor/"),
        ("asesor list: segera kedaluwarsa", "/asesor/?status=segera_kedaluwarsa"),
        ("asesor list: kedaluwarsa", "/asesor/?status=kedaluwarsa"),
        ("asesor list: wajib mengulang", "/asesor/?rekognisi=wajib_mengulang"),
        ("asesor list: layak rekognisi", "/asesor/?rekognisi=layak_rekognisi"),
        ("asesor detail", asesor.get_absolute_url()),
        ("diklat list", "/asesor/diklat/"),
        ("skema list", "/lsp/skema/"),
        ("skema detail", skema.get_absolute_url()),
        ("TUK list", "/lsp/tuk/"),
        ("holiday calendar (2026)", "/lsp/libur/?tahun=2026"),
        ("users & roles", "/lsp/pengguna/"),
        ("users & roles: every account", "/lsp/pengguna/?peran=semua"),
        ("users & roles: every account, half-way page", f"/lsp/pengguna/?peran=semua&sebelum={deep_user}"),
        ("document download (admin)", dokumen.get_absolute_url()),
        ("asesor verification queue", "/asesor/verifikasi/"),
        ("recognition request (admin)", f"/asesor/rekognisi/{pengajuan.pk}/"),
        ("external assessments waiting", "/asesor/riwayat/?status=menunggu"),
        ("role home (admin)", "/lsp/beranda/admin_lsp/"),
        ("search: NIK (exact)", f"/lsp/cari/?q={profile.nik}"),
        ("search: name", "/lsp/cari/?q=Rahmat+Siregar"),
        ("search: APL number", f"/lsp/cari/?q={queued.nomor}"),
        ("notifications (admin)", "/lsp/pemberitahuan/"),
        ("notifications (admin), half-way page", f"/lsp/pemberitahuan/?sebelum={deep_notif}"),
    ]
    for label, url in pages:
        bench.page(label, client, url)

    bench.section = "volume: exports"
    bench.page("asesor CSV export (all)", client, "/asesor/ekspor.csv")
    _xlsx(bench, client, admin)
    _csv_memory(bench, client)
    bench.page("audit CSV export (one month)", client,
               f"/lsp/audit/ekspor.csv?tanggal_dari={day.replace(day=1)}&tanggal_sampai={day}")
    _list_exports(bench, client, admin, day)
    _dashboard_charts(bench)

    bench.section = "volume: other roles"
    asesi = _client(own.user)
    bench.page("home (asesi)", asesi, "/")
    bench.page("permohonan list (asesi)", asesi, "/asesi/permohonan/")
    bench.page("document download (owner)", asesi, dokumen.get_absolute_url())
    bench.page("home (asesor)", _client(asesor.user), "/")
    bench.page("asesor's own page", _client(asesor.user), "/asesor/saya/")
    bench.page("home (komite)", _client(_role_user(Role.KOMITE)), "/")
    bench.page("home (validator)", _client(_role_user(Role.VALIDATOR)), "/")
    bench.page("search: APL number (asesi)", asesi, f"/lsp/cari/?q={dokumen.permohonan.nomor}")
    pemohon = _client(asesor_sendiri.user)  # an asesor with an open recognition request
    bench.page("asesor own page (recognition requested)", pemohon, "/asesor/saya/")
    bench.page("asesor: ask for recognition", pemohon, "/asesor/saya/rekognisi/")
    bench.page("asesor: record an external assessment", pemohon, "/asesor/saya/riwayat/tambah/")

    bench.section = "volume: assessment planning (asesmen)"
    _asesmen_pages(bench, client)

    bench.section = "volume: pleno and SK (asesmen)"
    _pleno_pages(bench)

    bench.section = "volume: certificates (3 per asesi)"
    _sertifikat_pages(bench, client)

    bench.section = "volume: banding and complaints"
    _banding_pengaduan_pages(bench, client)

    bench.section = "volume: REST API (/api/v1/, cursor pages of 50)"
    _api_pages(bench, client, own)

    bench.section = "throughput (gunicorn, 2 sync workers, wrk on loopback)"
    throughput.run(bench)


def _pleno_pages(bench):
    from asesmen.models import KeputusanSK, PenugasanAsesor
    from asesmen.selectors_keputusan import PLENO_KEYSET, SK_KEYSET, pleno_queue

    komite_user = _role_user(Role.KOMITE)
    komite = _client(komite_user)
    direktur = _client(_role_user(Role.DIREKTUR))
    bench.note("pleno queue", f"{pleno_queue(komite_user).count():,} batches")
    bench.page("pleno queue (komite)", komite, "/asesmen/pleno/")
    bench.page("pleno queue, half-way page (komite)", komite,
               f"/asesmen/pleno/?sebelum={_half(pleno_queue(komite_user), PLENO_KEYSET)}")
    bench.page("pleno queue, old ?page=5 link (komite)", komite, "/asesmen/pleno/?page=5")
    bench.page("SK list (direktur)", direktur, "/asesmen/sk/")
    bench.page("SK list, half-way page (direktur)", direktur,
               f"/asesmen/sk/?sebelum={_half(KeputusanSK.objects.all(), SK_KEYSET)}")
    bench.page("SK list: diajukan (direktur)", direktur, "/asesmen/sk/?status=diajukan")
    bench.page("SK list: disetujui, half-way page (direktur)", direktur, "/asesmen/sk/?status=disetujui&sebelum="
               f"{_half(KeputusanSK.objects.filter(status='disetujui'), SK_KEYSET)}")
    sk = KeputusanSK.objects.filter(status="disetujui").order_by("-pk").first()
    if sk is not None:
        bench.page("SK detail (direktur)", direktur, f"/asesmen/sk/{sk.pk}/")
    draf = KeputusanSK.objects.exclude(status="disetujui").order_by("-pk").first()
    if draf is not None:
        bench.page("pleno batch page (komite)", komite, f"/asesmen/pleno/{draf.jadwal_id}/")
    penugasan = PenugasanAsesor.objects.filter(laporan__isnull=False).order_by("-pk").first()
    if penugasan is not None:
        bench.page("FR.AK.05 print page (komite)", komite, f"/asesmen/penugasan/{penugasan.pk}/laporan/")


def _api_cursor(pk: int) -> str:
    """A DRF cursor positioned at ``pk`` (what ``next`` links hold), to time a page half-way down a list."""
    import base64
    from urllib.parse import quote

    return quote(base64.b64encode(f"p={pk}".encode()).decode())


def _api_pages(bench, client, own):
    """The REST API's lists as integrations call them: first page, a filter, a page half-way down."""
    from django.test import override_settings
    from rest_framework.authtoken.models import Token

    from asesmen.models import Jadwal, RekamanAsesmen
    from sertifikat.models import Sertifikat

    def middle(model):
        n = model.objects.count()
        return model.objects.order_by("pk").values_list("pk", flat=True)[n // 2] if n else 0

    asesi_token = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=own.user)[0].key}")
    asesor = _client(RekamanAsesmen.objects.exclude(peserta__asesor=None).select_related("peserta__asesor__user")
                     .order_by("pk").first().peserta.asesor.user)
    cert = Sertifikat.objects.order_by("pk").values_list("nomor", flat=True).first()
    skema = Skema.objects.annotate(n=Count("units")).order_by("-n", "pk").values_list("pk", flat=True).first()
    with override_settings(LSP_API_ANON_PER_MINUTE=0):
        bench.page("API skema list (anonymous)", Client(), "/api/v1/skema/")
        bench.page("API skema detail with units, elemen, KUK (anonymous)", Client(), f"/api/v1/skema/{skema}/")
    for label, who, url in [
        ("API asesi list (admin)", client, "/api/v1/asesi/"),
        ("API asesi list, half-way page", client, f"/api/v1/asesi/?cursor={_api_cursor(middle(AsesiProfile))}"),
        ("API permohonan list (admin)", client, "/api/v1/permohonan/"),
        ("API permohonan list: diajukan", client, "/api/v1/permohonan/?status=diajukan"),
        ("API permohonan list, half-way page", client,
         f"/api/v1/permohonan/?cursor={_api_cursor(middle(Permohonan))}"),
        ("API permohonan list (asesi, token)", asesi_token, "/api/v1/permohonan/"),
        ("API jadwal list (admin)", client, "/api/v1/jadwal/"),
        ("API jadwal list, half-way page", client, f"/api/v1/jadwal/?cursor={_api_cursor(middle(Jadwal))}"),
        ("API jadwal list (asesor)", asesor, "/api/v1/jadwal/"),
        ("API rekaman list (admin)", client, "/api/v1/rekaman/"),
        ("API rekaman list: BK", client, "/api/v1/rekaman/?rekomendasi=BK"),
        ("API rekaman list (asesor)", asesor, "/api/v1/rekaman/"),
        ("API sertifikat list (admin)", client, "/api/v1/sertifikat/"),
        ("API sertifikat list, half-way page", client,
         f"/api/v1/sertifikat/?cursor={_api_cursor(middle(Sertifikat))}"),
        ("API sertifikat: number (exact)", client, f"/api/v1/sertifikat/?nomor={cert}"),
        ("API asesor list with status (admin)", client, "/api/v1/asesor/"),
        ("API asesor list: segera kedaluwarsa", client, "/api/v1/asesor/?status=segera_kedaluwarsa"),
    ]:
        bench.page(label, who, url)


def _asesmen_pages(bench, client):
    """Jadwal uji kompetensi (~N/10 batches): the admin's list, filters, calendar, a batch, the pick list;
    the asesor's and the asesi's schedules."""
    from django.utils import timezone

    from asesmen.domain import StatusJadwal
    from asesmen.models import Jadwal, PesertaJadwal
    from asesmen.selectors import JADWAL_KEYSET

    n = Jadwal.objects.count()
    bench.note("jadwal", f"{n:,} rows")
    busy = (
        Jadwal.objects.filter(status=StatusJadwal.DIRENCANAKAN)
        .annotate(n=Count("peserta")).filter(n__gt=0).order_by("-n", "pk").first()
    )
    month = timezone.localtime(busy.mulai)
    deep = _half(Jadwal.objects.all(), JADWAL_KEYSET)
    deep_selesai = _half(Jadwal.objects.filter(status=StatusJadwal.SELESAI), JADWAL_KEYSET)
    deep_skema = _half(Jadwal.objects.filter(skema_id=busy.skema_id), JADWAL_KEYSET)
    for label, url in [
        ("jadwal list page 1", "/asesmen/jadwal/"),
        (f"jadwal list, half-way page (~row {n // 2:,})", f"/asesmen/jadwal/?sebelum={deep}"),
        ("jadwal list: direncanakan", "/asesmen/jadwal/?status=direncanakan"),
        ("jadwal list: selesai, half-way page", f"/asesmen/jadwal/?status=selesai&sebelum={deep_selesai}"),
        ("jadwal list: one skema", f"/asesmen/jadwal/?skema={busy.skema_id}"),
        ("jadwal list: one skema, half-way page", f"/asesmen/jadwal/?skema={busy.skema_id}&sebelum={deep_skema}"),
        ("jadwal list: one TUK", f"/asesmen/jadwal/?tuk={busy.tuk_id}"),
        ("jadwal list: search by code", f"/asesmen/jadwal/?q={busy.kode}"),
        ("jadwal calendar (busiest month)", f"/asesmen/jadwal/kalender/?tahun={month.year}&bulan={month.month}"),
        ("jadwal detail (admin)", busy.get_absolute_url()),
        ("jadwal pick list", f"/asesmen/jadwal/{busy.pk}/asesi/"),
    ]:
        bench.page(label, client, url)
    peserta = (
        PesertaJadwal.objects.filter(jadwal=busy, aktif=True)
        .select_related("asesor__user", "permohonan__asesi__user").first()
    )
    asesor = _client(peserta.asesor.user)
    bench.page("jadwal saya (asesor)", asesor, "/asesmen/saya/")
    bench.page("asesi page (assigned asesor)", asesor, f"/asesmen/saya/asesi/{peserta.pk}/")
    bench.page("jadwal saya (asesi)", _client(peserta.permohonan.asesi.user), "/asesmen/jadwal-saya/")
    _pelaksanaan_pages(bench, client)
    _validasi_pages(bench)
    _validasi_admin_asesor_pages(bench, client)


def _validasi_pages(bench):
    """FR.VA at volume: the validator's samples, the largest report (first and last page, PDF), a sampled
    record, the draw form, and one draw over a whole year of every skema timed through the service."""
    from asesmen import services
    from asesmen.models import SampelRekaman, SampelValidasi

    bench.note("FR.VA sampled records", f"{SampelRekaman.objects.count():,} rows in "
               f"{SampelValidasi.objects.count():,} samples")
    besar = (SampelValidasi.objects.annotate(n=Count("rekaman")).select_related("validator")
             .order_by("-n", "pk").first())
    if besar is None:
        bench.note("FR.VA pages", "no sample seeded")
        return
    kecil = SampelValidasi.objects.exclude(validator=besar.validator).order_by("pk").first()
    v = _client(besar.validator)
    last_page = max(1, -(-besar.n // 50))
    bench.page("validation samples (validator)", v, "/asesmen/validasi/")
    bench.page("validation draw form", v, "/asesmen/validasi/tarik/")
    bench.page(f"validation report ({besar.n} records) page 1", v, besar.get_absolute_url())
    bench.page(f"validation report page {last_page}", v, f"{besar.get_absolute_url()}?page={last_page}")
    bench.page(f"validation report PDF ({besar.n} records)", v, f"{besar.get_absolute_url()}laporan.pdf", repeat=2)
    if kecil is not None:
        bench.page("validation report PDF (quarterly sample)", _client(kecil.validator),
                   f"{kecil.get_absolute_url()}laporan.pdf")
        bench.page("validation samples (validator, 180+ samples)", _client(kecil.validator), "/asesmen/validasi/")
    item = SampelRekaman.objects.filter(sampel=besar).order_by("pk").first()
    bench.page("validation of one sampled record", v, item.get_absolute_url())
    with Timer() as t:
        drawn = services.sampel_draw(by=besar.validator, dari=besar.dari, sampai=besar.sampai, persen=10,
                                     seed="bench-ulang")
    bench.figure(f"FR.VA draw over {drawn.jumlah_kandidat:,} records (service)", t.ms, "ms")


def _validasi_admin_asesor_pages(bench, client):
    """FR.VA for the admin LSP and the asesor (R64): every sample listed (first page, a cursor page, each
    filter), the largest report read by the admin, and the follow-up page of the asesor owning the most."""
    from asesmen.models import SampelRekaman, SampelValidasi, TindakLanjutValidasi
    from asesmen.selectors_validasi import SAMPEL_KEYSET

    besar = SampelValidasi.objects.annotate(n=Count("rekaman")).order_by("-n", "pk").first()
    if besar is None:
        bench.note("FR.VA admin/asesor pages", "no sample seeded")
        return
    url = "/asesmen/validasi/semua/"
    bench.page("validation samples (admin LSP) page 1", client, url)
    deep = SampelValidasi.objects.order_by(*SAMPEL_KEYSET)[25 * 5 - 1: 25 * 5].first()
    if deep is not None:
        cursor = keyset_cursor(deep, ["created_at", "pk"])
        bench.page("validation samples (admin LSP) page 6 by cursor", client, f"{url}?sebelum={cursor}")
    bench.page("validation samples (admin LSP): disahkan", client, f"{url}?status=disahkan")
    bench.page("validation samples (admin LSP): one validator", client, f"{url}?validator={besar.validator_id}")
    bench.page("validation samples (admin LSP): one quarter", client,
               f"{url}?dari={besar.sampai.isoformat()}&sampai={besar.sampai.isoformat()}")
    bench.page(f"validation report ({besar.n} records, admin LSP)", client, besar.get_absolute_url())
    item = SampelRekaman.objects.filter(sampel=besar).order_by("pk").first()
    bench.page("validation of one sampled record (admin LSP)", client, item.get_absolute_url())
    owner = (TindakLanjutValidasi.objects.filter(penanggung_jawab__groups__name=Role.ASESOR)
             .values("penanggung_jawab").annotate(n=Count("pk")).order_by("-n").first())
    if owner is None:
        bench.note("FR.VA follow-ups of an asesor", "none seeded")
        return
    asesor = _client(User.objects.get(pk=owner["penanggung_jawab"]))
    bench.note("FR.VA follow-ups of the busiest asesor", f"{owner['n']:,} rows")
    bench.page("follow-ups (asesor, open)", asesor, "/asesmen/saya/tindak-lanjut/")
    bench.page("follow-ups (asesor, done)", asesor, "/asesmen/saya/tindak-lanjut/?status=selesai")
    bench.page("asesor home (open follow-ups line)", asesor, "/")


def _pelaksanaan_pages(bench, client):
    """The assessment at volume (~10 KUK verdicts per asesi): the asesor's workspace for a draft and for a
    submitted record with the most KUK, the record's history, the asesi's page, a unit's item bank."""
    from asesmen.models import PenilaianKUK, PenilaianUnit, RekamanAsesmen

    def page(who, label, url):
        bench.page(label, who, url)

    bench.note("KUK verdicts", f"{PenilaianKUK.objects.count():,} rows")
    bench.note("unit verdicts", f"{PenilaianUnit.objects.count():,} rows")
    for label, status in (("draft", "draf"), ("submitted", "diajukan")):
        rekaman = (
            RekamanAsesmen.objects.filter(status=status).annotate(n=Count("penilaian_kuk"))
            .select_related("peserta__asesor__user", "peserta__permohonan__asesi__user").order_by("-n", "pk").first()
        )
        if rekaman is None:
            continue
        p = rekaman.peserta
        page(_client(p.asesor.user), f"assessment workspace ({label}, {rekaman.n} KUK)",
             f"/asesmen/saya/asesi/{p.pk}/asesmen/")
        page(client, f"record history ({label})", f"/asesmen/peserta/{p.pk}/rekaman/")
        page(_client(p.permohonan.asesi.user), f"asesi assessment page ({label})",
             f"/asesmen/jadwal-saya/{p.pk}/asesmen/")
    unit = RekamanAsesmen.objects.filter(status="diajukan").values_list("penilaian_unit__unit", flat=True).first()
    if unit:
        page(client, "item bank of a unit", f"/asesmen/bank/unit/{unit}/")
    page(client, "item bank (skema list)", "/asesmen/bank/")
    from asesmen.selectors_pelaksanaan import REKAMAN_KEYSET

    n = RekamanAsesmen.objects.count()
    one = RekamanAsesmen.objects.order_by("pk").values_list("peserta__permohonan_id", flat=True)[n // 2]
    deep = _half(RekamanAsesmen.objects.all(), REKAMAN_KEYSET)
    deep_diajukan = _half(RekamanAsesmen.objects.filter(status="diajukan"), REKAMAN_KEYSET)
    skema = RekamanAsesmen.objects.order_by("pk").values_list("peserta__jadwal__skema_id", flat=True)[n // 2]
    for label, url in [
        ("record list page 1", "/asesmen/rekaman/"),
        (f"record list, half-way page (~row {n // 2:,})", f"/asesmen/rekaman/?sebelum={deep}"),
        ("record list, old ?page= link", f"/asesmen/rekaman/?page={max(1, n // 25 // 2)}"),
        ("record list: BK", "/asesmen/rekaman/?rekomendasi=BK"),
        ("record list: drafts", "/asesmen/rekaman/?status=draf"),
        ("record list: submitted, half-way page", f"/asesmen/rekaman/?status=diajukan&sebelum={deep_diajukan}"),
        ("record list: one skema", f"/asesmen/rekaman/?skema={skema}"),
        ("record list: by application number", f"/asesmen/rekaman/?q=APL-{one:06d}"),
    ]:
        page(client, label, url)


def _sertifikat_pages(bench, client):
    """The admin's certificate lists, the holder's page and the public verification."""
    from django.test import override_settings

    from asesmen.models import KeputusanPeserta
    from sertifikat.models import Sertifikat
    from sertifikat.selectors import (
        PENERBITAN_KEYSET,
        SERTIFIKAT_KEYSET,
        SURVEILANS_KEYSET,
        permohonan_siap_terbit,
        surveilans_antrean,
    )

    n = Sertifikat.objects.count()
    cert = Sertifikat.objects.select_related("asesi__user").order_by("pk")[n // 2]
    massal = Sertifikat.objects.exclude(massal=None).values_list("massal", flat=True).first()
    half = Sertifikat.objects.order_by(*SERTIFIKAT_KEYSET)[n // 2]
    deep = keyset_cursor(half, [k.lstrip("-") for k in SERTIFIKAT_KEYSET])
    last = Sertifikat.objects.order_by(*SERTIFIKAT_KEYSET).last()
    end = keyset_cursor(last, [k.lstrip("-") for k in SERTIFIKAT_KEYSET])
    siap = permohonan_siap_terbit()
    n_siap = siap.values("pk")[:100_000].count()
    siap_half = keyset_cursor(siap[n_siap // 2], list(PENERBITAN_KEYSET)) if n_siap else ""
    sk = KeputusanPeserta.objects.filter(peserta__permohonan__in=siap.values("pk")).values_list("sk", flat=True).first()
    queue = surveilans_antrean(User.objects.filter(groups__name=Role.ADMIN_LSP).order_by("pk").first())
    bench.note("surveillance queue", f"{queue.count():,} rows")
    deep_surveilans = _half(queue, SURVEILANS_KEYSET)
    review = queue.filter(status="diunggah").values_list("pk", flat=True).first()
    for label, url in [
        ("certificate list page 1", "/sertifikat/"),
        (f"certificate list, half-way page (~row {n // 2:,})", f"/sertifikat/?sebelum={deep}"),
        ("certificate list, last page going back", f"/sertifikat/?sesudah={end}"),
        ("certificate list: aktif", "/sertifikat/?status=aktif"),
        ("certificate list: dibekukan", "/sertifikat/?status=dibekukan"),
        ("certificate list: dicabut", "/sertifikat/?status=dicabut"),
        ("certificate list: kedaluwarsa", "/sertifikat/?status=kedaluwarsa"),
        ("certificate list: kedaluwarsa, half-way page", f"/sertifikat/?status=kedaluwarsa&sebelum={deep}"),
        ("certificate list: skema code", f"/sertifikat/?skema={cert.skema_kode}"),
        ("certificate list: skema code, half-way page", f"/sertifikat/?skema={cert.skema_kode}&sebelum={deep}"),
        ("certificate list: year", f"/sertifikat/?tahun={cert.tanggal_terbit.year}"),
        ("certificate list: PDF gagal", "/sertifikat/?pdf_status=gagal"),
        ("certificate list: PDF sedang dibuat", "/sertifikat/?pdf_status=sedang_dibuat"),
        ("certificate list: dibekukan + skema", f"/sertifikat/?status=dibekukan&skema={cert.skema_kode}"),
        ("certificate list: number (exact)", f"/sertifikat/?nomor={cert.nomor}"),
        ("certificate detail (admin)", cert.get_absolute_url()),
        (f"certificate issuing queue ({n_siap:,} waiting)", "/sertifikat/penerbitan/"),
        ("certificate issuing queue, half-way page", f"/sertifikat/penerbitan/?sebelum={siap_half}"),
        ("certificate issuing page of one approved SK", f"/sertifikat/sk/{sk}/"),
        ("surveillance queue", "/sertifikat/surveilans/"),
        ("surveillance queue, half-way page", f"/sertifikat/surveilans/?sebelum={deep_surveilans}"),
        ("surveillance logbook review page", f"/sertifikat/surveilans/{review}/periksa/"),
        ("bulk issue progress (htmx fragment)", f"/sertifikat/massal/{massal}/?partial=1"),
    ]:
        bench.page(label, client, url)
    bench.page("certificate holder page", _client(cert.asesi.user), "/sertifikat/saya/")
    public = Client()
    with override_settings(LSP_VERIFIKASI_PER_MINUTE=10**9):  # counted as always, never refused here
        bench.page("verification page (QR token)", public, f"/verifikasi/{cert.token}/")
        bench.page("verification page (number)", public, f"/verifikasi/{cert.nomor}/")
        bench.page("verification JSON", public, f"/api/v1/verifikasi/{cert.nomor}/")
    _sweeps(bench)


def _sweeps(bench):
    """The beat sweeps (R60) run every 5 minutes over the whole table: they must stay cheap at volume."""
    from datetime import timedelta

    from django.utils import timezone

    from lsp.notifications import notification_requeue_due
    from lsp.services.ekspor import ekspor_due
    from sertifikat.services import pdf_due

    later = timezone.now() + timedelta(hours=1)
    for label, sweep in [("PDF sweep (pdf_due)", lambda: pdf_due(now=later)),
                         ("export sweep (ekspor_due)", lambda: ekspor_due(now=later)),
                         ("email sweep (notification_requeue_due)", lambda: notification_requeue_due(now=later))]:
        times = []
        for _ in range(5):
            with Timer() as t:
                found = sweep()
            times.append(t.ms)
        count = sum(len(part) for part in found) if isinstance(found, tuple) else len(found)
        bench.note(label, f"{sorted(times)[2]:,.1f} ms median, {count:,} waiting")


def _xlsx(bench, client, admin):
    """The XLSX: the request that queues it (the build runs in-process here: no broker in the bench), then the
    build itself timed as the worker would run it, and the status page."""
    from lsp.models import Ekspor
    from lsp.services.ekspor import ekspor_build

    with Timer() as t:
        response = client.post("/asesor/ekspor.xlsx")
    ekspor = Ekspor.objects.filter(created_by=admin).order_by("-pk").first()
    if response.status_code != 302 or ekspor is None:
        bench.note("asesor XLSX export", f"HTTP {response.status_code}")
        return
    if ekspor.status == Ekspor.Status.ANTRI:  # queued on a broker: build it here as the worker would
        with Timer() as t:
            ekspor_build(ekspor_id=ekspor.pk)
        ekspor.refresh_from_db()
    bench.note("asesor XLSX export: request + build (1 worker)", f"{t.ms:,.0f} ms, {ekspor.baris_total} rows, "
               f"{ekspor.status}")
    bench.page("asesor XLSX export: status page", client, ekspor.get_absolute_url())
    bench.page("asesor XLSX export: download", client, f"{ekspor.get_absolute_url()}unduh/")


def _post_export(bench, client, label, url, data):
    """One POST export timed to its last byte (a streamed CSV, or the XLSX request that queues a job)."""
    from bench.run import _consume

    with Timer() as t:
        response = client.post(url, data)
        size = _consume(response)
    bench.note(label, f"HTTP {response.status_code}, {t.ms:,.0f} ms, {size / 1024:,.0f} KiB")
    return response


def _list_exports(bench, client, admin, day):
    """The list exports (lsp.ekspor.DaftarEkspor) of every row, CSV streamed; one XLSX built as the worker
    would; the BNSP report of a year."""
    from lsp.models import Ekspor
    from lsp.services.ekspor import ekspor_build

    for key, data in (("asesi", {}), ("permohonan", {"status": ""}), ("rekaman", {}), ("sertifikat", {})):
        _post_export(bench, client, f"{key} CSV export (all rows, masked)", f"/lsp/ekspor/daftar/{key}/",
                     {"format": "csv", **data})
    _post_export(bench, client, "BNSP report CSV (one year)", "/sertifikat/laporan-bnsp/",
                 {"dari": day.replace(month=1, day=1), "sampai": day, "format": "csv"})
    response = _post_export(bench, client, "asesi XLSX export: request", "/lsp/ekspor/daftar/asesi/",
                            {"format": "xlsx"})
    ekspor = Ekspor.objects.filter(created_by=admin, jenis="daftar.asesi").order_by("-pk").first()
    if response.status_code != 302 or ekspor is None:
        return
    if ekspor.status == Ekspor.Status.ANTRI:
        with Timer() as t:
            ekspor_build(ekspor_id=ekspor.pk)
        ekspor.refresh_from_db()
        bench.note("asesi XLSX export: build (1 worker)", f"{t.ms:,.0f} ms, {ekspor.baris_total} rows, {ekspor.status}")


def _dashboard_charts(bench):
    """Each chart of the admin home computed cold (what one request pays every LSP_DASHBOARD_CACHE_SECONDS)."""
    from django.utils import timezone

    from lsp.charts import charts_for_role

    today = timezone.localdate()
    for chart in charts_for_role(Role.ADMIN_LSP):
        with Timer() as t:
            chart.build(today)
        bench.note(f"home chart '{chart.key}' (cold, SQL)", f"{t.ms:,.0f} ms")


def _rss_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def _csv_memory(bench, client):
    """A CSV of ~100,000 audit rows (all of them when fewer) streamed to the end: time, rows, and the
    process's resident memory sampled every 10,000 rows while it streams (flat when rows are read in chunks
    and written as they come)."""
    rows = min(100_000, AuditLog.objects.count())  # fewer in a quick run (BENCH_ASESI=2000)
    since = AuditLog.objects.order_by("-created_at").values_list("created_at", flat=True)[max(0, rows - 1)]
    url = f"/lsp/audit/ekspor.csv?tanggal_dari={since.date()}"
    rss, lines = [_rss_mb()], 0
    with Timer() as t:
        response = client.get(url)
        for chunk in response.streaming_content:
            lines += chunk.count(b"\n")
            if lines % 10_000 == 0:
                rss.append(_rss_mb())
    rss.append(_rss_mb())
    bench.note("audit CSV export, ~100k rows streamed", f"{t.ms:,.0f} ms, {lines - 1:,} rows, resident memory "
               f"{min(rss):.0f} → {max(rss):.0f} MB ({len(rss)} samples)")


def _banding_pengaduan_pages(bench, client):
    """The komite's appeal queue and an appeal, the asesi's appeal page, the complaint list, one complaint
    and the public tracking page."""
    from django.test import override_settings

    from asesmen.models import Banding
    from asesmen.selectors_banding import BANDING_KEYSET, BANDING_KEYSET_ANTRIAN
    from sertifikat.pengaduan.models import Pengaduan
    from sertifikat.pengaduan.selectors import PENGADUAN_KEYSET

    komite = _client(User.objects.filter(groups__name=Role.KOMITE, username__startswith="komite-")
                     .order_by("pk").first() or _role_user(Role.KOMITE))
    banding = Banding.objects.select_related("permohonan__asesi__user").order_by("pk").first()
    bench.page("banding queue (komite)", komite, "/asesmen/banding/")
    bench.page("banding queue, half-way page (komite)", komite,
               f"/asesmen/banding/?sebelum={_half(Banding.objects.filter(status='diajukan'), BANDING_KEYSET_ANTRIAN)}")
    bench.page("banding decided: diterima (komite)", komite, "/asesmen/banding/?status=diterima")
    bench.page("banding: every appeal, half-way page (komite)", komite,
               f"/asesmen/banding/?status=semua&sebelum={_half(Banding.objects.all(), BANDING_KEYSET)}")
    bench.page("banding detail (komite)", komite, banding.get_absolute_url())
    bench.page("banding page (asesi)", _client(banding.permohonan.asesi.user), "/asesmen/banding/saya/")
    n = Pengaduan.objects.count()
    pengaduan = Pengaduan.objects.order_by("pk")[n // 2]
    bench.page("complaint list", client, "/pengaduan/kelola/")
    bench.page("complaint list: new", client, "/pengaduan/kelola/?status=diterima")
    bench.page(f"complaint list, half-way page (~row {n // 2:,})", client,
               f"/pengaduan/kelola/?sebelum={_half(Pengaduan.objects.all(), PENGADUAN_KEYSET)}")
    bench.page("complaint list: ditutup, half-way page", client, "/pengaduan/kelola/?status=ditutup&sebelum="
               f"{_half(Pengaduan.objects.filter(status='ditutup'), PENGADUAN_KEYSET)}")
    bench.page("complaint detail (admin)", client, pengaduan.get_absolute_url())
    public = Client()
    with override_settings(LSP_VERIFIKASI_PER_MINUTE=10**9):
        bench.page("complaint tracking page (public)", public, pengaduan.get_public_url())
        bench.page("complaint form (public)", public, "/pengaduan/")
