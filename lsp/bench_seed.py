"""Volume data for ``manage.py seed_bench``: the lsp part (users' roles, ~200 skema with units → elemen →
KUK and persyaratan, ~100 TUK, the holiday calendar, the LSP profile, admin accounts, notifications in every
status, the admins' in-app notifications), plus the helpers every app's ``bench_seed.py`` uses.

Each app may have a ``bench_seed.py`` with ``seed(ctx)``; they run in INSTALLED_APPS order, so the lsp
master data exists before the apps that build on it. Rows are written with ``bulk_create`` in large
batches, with one precomputed password hash and no services: this is volume, not behaviour. Every run
tags its unique keys (usernames, emails, codes) with ``ctx.tag``, so running it again adds a second
population instead of colliding with the first."""

import secrets
import time
from contextlib import contextmanager
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from .demo_libur import seed_libur
from .models import (
    KUK,
    TUK,
    AuditLog,
    Ekspor,
    Elemen,
    LspProfile,
    Notification,
    Pemberitahuan,
    PersyaratanDasar,
    Skema,
    UnitKompetensi,
    User,
)
from .roles import Role

BATCH = 5000
PASSWORD = "Bench12345!"
# A minimal valid one-page PDF: every seeded document points at this one file.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
FIRST_NAMES = ["Andi", "Budi", "Citra", "Dewi", "Eka", "Fajar", "Gita", "Hadi", "Intan", "Joko", "Kartika", "Lestari",
               "Made", "Nur", "Oki", "Putri", "Rahmat", "Sari", "Teguh", "Utami", "Wahyu", "Yanti", "Zainal"]
LAST_NAMES = ["Pratama", "Saputra", "Wijaya", "Lestari", "Nugroho", "Hidayat", "Santoso", "Kurniawan", "Rahmawati",
              "Siregar", "Nasution", "Simanjuntak", "Harahap", "Setiawan", "Susanto", "Purnomo", "Maharani"]
KOTA = ["Jakarta Selatan", "Bandung", "Surabaya", "Medan", "Makassar", "Semarang", "Yogyakarta", "Denpasar", "Padang"]
BIDANG = ["TIK", "Pariwisata", "Konstruksi", "Keuangan", "Manufaktur", "Logistik", "Kesehatan", "Pertanian"]
N_SKEMA = 200
N_TUK = 100
N_ADMIN = 5
N_NOTIFICATION = 20_000


class BenchContext:
    """What the apps' seeders share: the scale, the run's tag, the clock, one password hash, the PDF, the
    admin accounts, and ``step(label)`` that prints how long each step took."""

    def __init__(self, *, n_asesi, stdout, now=None):
        self.n_asesi = n_asesi
        self.stdout = stdout
        self.tag = secrets.token_hex(3)
        self.now = now or timezone.now()
        self.password = make_password(PASSWORD)
        self.pdf_name = ""
        self.admins = []
        self.counts = {}

    @contextmanager
    def step(self, label):
        start = time.perf_counter()
        yield
        self.stdout.write(f"  {label:<58} {time.perf_counter() - start:8.1f} s")

    def ago(self, i, span_days=3 * 365):
        """A timestamp spread over the last ``span_days`` days, deterministic in ``i``."""
        return self.now - timedelta(days=(i * 7919) % span_days, seconds=(i * 104_729) % 86_400)


def person_name(i):
    return f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {LAST_NAMES[(i // 7) % len(LAST_NAMES)]}"


def bulk(model, objs, batch_size=BATCH):
    """``bulk_create`` in batches; returns the saved objects (with pks on Postgres and SQLite)."""
    return model.objects.bulk_create(objs, batch_size=batch_size)


@contextmanager
def timestamps_as_given(*fields):
    """Let ``bulk_create`` keep the given ``created_at``-style values (``auto_now_add``/``auto_now`` would
    stamp every row with now, and the date filters would have nothing to filter)."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f, _now, _add in saved:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, add in saved:
            f.auto_now, f.auto_now_add = now, add


def users(ctx, *, prefix, n, role, offset=0):
    """``n`` active users named ``<prefix>-<tag>-<i>`` (``i`` from ``offset``) holding ``role``, all with
    the one precomputed password hash."""
    made = bulk(
        User,
        (
            User(
                username=f"{prefix}-{ctx.tag}-{i}",
                email=f"{prefix}.{i}.{ctx.tag}@bench.example",
                nama_lengkap=person_name(i),
                password=ctx.password,
                is_active=True,
                date_joined=ctx.ago(i),
            )
            for i in range(offset, offset + n)
        ),
    )
    group = Group.objects.get_or_create(name=role.value)[0]
    through = User.groups.through
    bulk(through, (through(user_id=u.pk, group_id=group.pk) for u in made))
    return made


def audit_rows(ctx, rows):
    """Insert audit rows in batches (inserts only: on Postgres the table refuses UPDATE and DELETE).
    ``rows`` yields ``AuditLog`` objects with ``created_at`` set."""
    with timestamps_as_given(AuditLog._meta.get_field("created_at")):
        total = 0
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                AuditLog.objects.bulk_create(batch)
                total += len(batch)
                batch = []
        AuditLog.objects.bulk_create(batch)
        return total + len(batch)


def seed(ctx):
    with ctx.step("pdf"):
        ctx.pdf_name = default_storage.save(f"bench/{ctx.tag}.pdf", ContentFile(PDF_BYTES))
    with ctx.step(f"{N_ADMIN} admin LSP + LSP profile"), transaction.atomic():
        ctx.admins = users(ctx, prefix="admin", n=N_ADMIN, role=Role.ADMIN_LSP)
        if not LspProfile.objects.filter(pk=1).exists():
            LspProfile(
                nama="LSP Bench", nomor_lisensi="BNSP-LSP-1565-ID", kode_lsp="1565", alamat="Jl. Bench 1, Jakarta",
                penandatangan_nama="Ketua Bench",
            ).save()
    with ctx.step(f"{N_SKEMA} skema with units, elemen, KUK, persyaratan"), transaction.atomic():
        skemas = bulk(Skema, (
            Skema(
                kode=f"SKM-{ctx.tag}-{i:04d}", nama=f"Skema {BIDANG[i % len(BIDANG)]} {i}",
                jenis=Skema.Jenis.values[i % 3], level_kkni=(i % 9) + 1 if i % 3 == 0 else None,
                bidang=BIDANG[i % len(BIDANG)], aktif=i % 10 != 9, deskripsi=f"Skema sertifikasi bench nomor {i}.",
            )
            for i in range(N_SKEMA)
        ))
        units = bulk(UnitKompetensi, (
            UnitKompetensi(skema=s, kode=f"J.{620100 + i % 50:06d}.{u:03d}.01", judul=f"Unit kompetensi {u}", urutan=u)
            for i, s in enumerate(skemas)
            for u in range(1, 4 + i % 4)
        ))
        elemen = bulk(Elemen, (
            Elemen(unit=unit, urutan=e, nama=f"Elemen {e} dari {unit.kode}") for unit in units for e in range(1, 4)
        ))
        bulk(KUK, (
            KUK(elemen=el, urutan=k, deskripsi=f"Kriteria unjuk kerja {k} terpenuhi.") for el in elemen
            for k in range(1, 4)
        ))
        bulk(PersyaratanDasar, (
            PersyaratanDasar(skema=s, urutan=p, deskripsi=f"Persyaratan dasar {p}", wajib=p < 3)
            for s in skemas for p in range(1, 4)
        ))
    with ctx.step(f"{N_TUK} TUK"):
        bulk(TUK, (
            TUK(
                kode=f"TUK-{ctx.tag}-{i:03d}", nama=f"TUK {KOTA[i % len(KOTA)]} {i}", jenis=TUK.Jenis.values[i % 3],
                alamat=f"Jl. Uji {i}", kota=KOTA[i % len(KOTA)], kontak_nama=person_name(i), aktif=i % 7 != 0,
            )
            for i in range(N_TUK)
        ))
    with ctx.step("the holiday calendar of 2026 and 2027 (the demo's rows: one per date, so a second run adds none)"):
        seed_libur()
    n_notif = min(N_NOTIFICATION, max(len(Notification.Status.values), ctx.n_asesi // 5))
    with ctx.step(f"{n_notif} notifications in every status"), transaction.atomic():
        statuses = Notification.Status.values
        created = Notification._meta.get_field("created_at")
        with timestamps_as_given(created):
            bulk(Notification, (
                Notification(
                    key=f"bench-{ctx.tag}-{i}" if i % 2 else None,
                    recipient=f"n{i}.{ctx.tag}@bench.example",
                    subject=f"Notifikasi {i}",
                    body="Isi notifikasi bench.",
                    status=statuses[i % len(statuses)],
                    attempts=i % 3,
                    last_error="SMTP 451" if statuses[i % len(statuses)] == Notification.Status.GAGAL else "",
                    created_at=ctx.ago(i, 90),
                    claimed_at=ctx.ago(i, 90) if statuses[i % len(statuses)] != Notification.Status.ANTRI else None,
                    sent_at=ctx.ago(i, 90) if statuses[i % len(statuses)] == Notification.Status.TERKIRIM else None,
                )
                for i in range(n_notif)
            ))
    with ctx.step(f"{n_notif} in-app notifications of the admins, one in three unread"), transaction.atomic():
        with timestamps_as_given(Pemberitahuan._meta.get_field("dibuat_pada")):
            bulk(Pemberitahuan, (
                Pemberitahuan(
                    penerima_id=ctx.admins[i % len(ctx.admins)].pk,
                    judul=f"Sertifikat asesor bench {i} berakhir dalam 30 hari",
                    url="/asesor/",
                    dibuat_pada=ctx.ago(i, 90),
                    dibaca_pada=None if i % 3 == 0 else ctx.ago(i, 90),
                )
                for i in range(n_notif)
            ))
    with ctx.step("background exports in every status"), transaction.atomic():
        name = default_storage.save(f"ekspor/bench-{ctx.tag}.xlsx", ContentFile(b"PK"))
        created = Ekspor._meta.get_field("created_at")
        with timestamps_as_given(created):
            bulk(Ekspor, (
                Ekspor(
                    jenis="asesor.xlsx", params={}, status=status, created_by=ctx.admins[i % len(ctx.admins)],
                    created_at=ctx.ago(i, 30), baris_total=1000, baris_selesai=1000 if status == "selesai" else 400,
                    berkas=name if status == Ekspor.Status.SELESAI else "", nama_berkas="asesor.xlsx",
                    galat="Koneksi basis data terputus." if status == Ekspor.Status.GAGAL else "",
                )
                for i in range(200)
                for status in (Ekspor.Status.values[i % len(Ekspor.Status.values)],)
            ))
    # Shapes of the master data the apps need, without a second query each.
    ctx.skemas = list(Skema.objects.filter(kode__startswith=f"SKM-{ctx.tag}-").order_by("pk"))
    ctx.tuks = list(TUK.objects.filter(kode__startswith=f"TUK-{ctx.tag}-").order_by("pk"))
    n_audit = max(1, ctx.n_asesi // 2)
    with ctx.step(f"{n_audit} audit rows of master-data work"):
        admin_audit_rows(ctx, n_audit)


def admin_audit_rows(ctx, n):
    """Audit rows of the LSP's own master-data work (skema edits, logins), ``n`` of them."""
    from django.contrib.contenttypes.models import ContentType

    from .audit import AuditAction

    ct = ContentType.objects.get_for_model(Skema)
    skemas = ctx.skemas
    return audit_rows(ctx, (
        AuditLog(
            created_at=ctx.ago(i),
            actor_id=ctx.admins[i % len(ctx.admins)].pk,
            action=AuditAction.SKEMA_UPDATE.value,
            content_type_id=ct.pk,
            object_id=str(skemas[i % len(skemas)].pk),
            object_repr=str(skemas[i % len(skemas)].kode),
            data={"fields": ["nama"]},
        )
        for i in range(n)
    ))

