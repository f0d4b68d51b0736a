"""Volume data of complaints for ``seed_bench``: one complaint per 20 asesi (at least 50) over three
years, in every status, each with a random tracking code and its audit row."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from lsp.bench_seed import audit_rows, bulk, timestamps_as_given
from lsp.models import AuditLog

from .domain import AuditAction, JenisPengaduan, StatusPengaduan
from .models import Pengaduan
from .services import kode_baru

STATUS = [StatusPengaduan.DITUTUP, StatusPengaduan.DITUTUP, StatusPengaduan.DIINVESTIGASI, StatusPengaduan.DITERIMA]


def seed(ctx):
    n = max(50, ctx.n_asesi // 20)
    jenis = JenisPengaduan.values
    with ctx.step(f"{n} pengaduan"), transaction.atomic(), timestamps_as_given(
        Pengaduan._meta.get_field("created_at")
    ):
        made = bulk(Pengaduan, (
            Pengaduan(
                kode=kode_baru(), jenis=jenis[i % len(jenis)], tentang=f"Perkara {i}", isi="Isi pengaduan bench.",
                kontak=f"pelapor{i}@bench.example", status=STATUS[i % 4], created_at=(at := ctx.ago(i)),
                diinvestigasi_pada=at if STATUS[i % 4] != StatusPengaduan.DITERIMA else None,
                ditutup_pada=at if STATUS[i % 4] == StatusPengaduan.DITUTUP else None,
                tindakan="Ditindaklanjuti." if STATUS[i % 4] == StatusPengaduan.DITUTUP else "",
                hasil_publik="Pengaduan terbukti; tindakan sudah diambil." if STATUS[i % 4] == StatusPengaduan.DITUTUP
                else "",
                ditangani_oleh=ctx.admins[0] if STATUS[i % 4] != StatusPengaduan.DITERIMA else None,
            )
            for i in range(n)
        ))
    with ctx.step("pengaduan audit rows"):
        ct = ContentType.objects.get_for_model(Pengaduan)
        rows = audit_rows(ctx, (
            AuditLog(created_at=p.created_at, action=AuditAction.PENGADUAN_AJUKAN.value, content_type_id=ct.pk,
                     object_id=str(p.pk), object_repr=p.kode, to_state=StatusPengaduan.DITERIMA)
            for p in made
        ))
    ctx.stdout.write(f"    {len(made)} pengaduan, {rows} audit rows")
