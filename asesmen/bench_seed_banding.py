"""Volume data of FR.AK.04 banding for ``seed_bench`` (called at the end of ``asesmen.bench_seed``): one
appeal for about one in fifty applications decided *diputuskan* (at least 20), a third waiting, a third
granted, a third refused, each on its own decision row, with its audit row."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from asesi.domain import Status
from asesi.models import PermohonanRiwayat
from lsp.bench_seed import audit_rows, bulk, timestamps_as_given, users
from lsp.models import AuditLog
from lsp.roles import Role

from .domain_banding import PERTANYAAN, AuditAction, StatusBanding
from .models import Banding

CYCLE = [StatusBanding.DIAJUKAN, StatusBanding.DITERIMA, StatusBanding.DITOLAK]


def seed(ctx):
    target = max(20, ctx.n_asesi // 50)
    hasil = list(
        PermohonanRiwayat.objects.filter(ke=Status.DIPUTUSKAN,
                                         permohonan__asesi__user__username__startswith=f"asesi-{ctx.tag}-")
        .order_by("permohonan_id", "-created_at").distinct("permohonan_id")
        .values_list("pk", "permohonan_id", "permohonan__asesi__user_id", "created_at")[:target]
    )
    with ctx.step(f"{len(hasil)} banding (FR.AK.04)"), transaction.atomic():
        [komite] = users(ctx, prefix="komite", n=1, role=Role.KOMITE)
        field = Banding._meta.get_field("diajukan_pada")
        with timestamps_as_given(field):
            made = bulk(Banding, (
                Banding(
                    hasil_id=pk, permohonan_id=permohonan_id, diajukan_oleh_id=user_id,
                    jawaban={k: i % 2 == 0 for k, _label in PERTANYAAN}, alasan="Bukti portofolio belum diperiksa.",
                    diajukan_pada=at + timedelta(days=2), status=CYCLE[i % 3],
                    diputuskan_oleh_id=None if i % 3 == 0 else komite.pk,
                    diputuskan_pada=None if i % 3 == 0 else at + timedelta(days=6),
                    alasan_keputusan="" if i % 3 == 0 else "Diputuskan pleno banding.",
                )
                for i, (pk, permohonan_id, user_id, at) in enumerate(hasil)
            ))
    with ctx.step("banding audit rows"):
        ct = ContentType.objects.get_for_model(Banding)
        n = audit_rows(ctx, (
            AuditLog(created_at=b.diajukan_pada, actor_id=b.diajukan_oleh_id, action=AuditAction.BANDING_AJUKAN.value,
                     content_type_id=ct.pk, object_id=str(b.pk), object_repr=b.kode, to_state=StatusBanding.DIAJUKAN)
            for b in made
        ))
    ctx.stdout.write(f"    {len(made)} banding, {n} audit rows")
