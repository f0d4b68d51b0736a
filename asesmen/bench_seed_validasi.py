"""Volume data of the validation (FR.VA) for ``seed_bench`` (called after the assessment records): two
validators; for each bench skema a quarterly sample (10 %) of the last year's submitted records drawn
through the real service (so the draw itself is timed at volume), and one sample of a whole year over
every skema; on every third sampled record a finding (one in four not met, each with a follow-up, half
of them closed; two in three owned by the record's asesor, the rest by an admin: the asesor's follow-up page
and badge, R65), conclusions on the quarterly samples, and the first sample of each skema signed."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from lsp.bench_seed import bulk, users
from lsp.roles import Role

from . import services
from .bench_seed_pelaksanaan import PNG
from .domain_pelaksanaan import StatusRekaman
from .domain_validasi import Aspek, Kesimpulan, StatusSampel, StatusTindakLanjut
from .models import RekamanAsesmen, SampelRekaman, SampelValidasi, TemuanValidasi, TindakLanjutValidasi


def seed(ctx):
    span = RekamanAsesmen.objects.filter(status=StatusRekaman.DIAJUKAN).aggregate(
        first=Min("diajukan_pada"), last=Max("diajukan_pada"))
    if span["last"] is None:
        return
    validators = users(ctx, prefix="validator", n=2, role=Role.VALIDATOR)
    v = validators[0]
    last = timezone.localdate(span["last"])
    samples = []
    with ctx.step(f"FR.VA: quarterly samples of {len(ctx.skemas)} skema (service draw)"):
        for skema in ctx.skemas:
            for q in range(4):
                sampai = last - timedelta(days=91 * q)
                try:
                    samples.append(services.sampel_draw(by=v, skema=skema, dari=sampai - timedelta(days=90),
                                                        sampai=sampai, persen=10, seed=f"bench-{skema.pk}-{q}"))
                except ValidationError:  # an empty quarter of a skema: nothing to sample there
                    continue
    with ctx.step("FR.VA: one sample of a whole year over every skema"):
        besar = services.sampel_draw(by=validators[1], dari=last - timedelta(days=365), sampai=last, persen=10,
                                     seed="bench-tahun")
    aspek = Aspek.values
    with ctx.step("FR.VA: findings, follow-ups, conclusions"), transaction.atomic():
        items = list(SampelRekaman.objects.filter(sampel__in=[*samples, besar])
                     .values_list("pk", "sampel__validator_id", "asesor__user_id"))
        asesor_of = {pk: asesor_user for pk, _vid, asesor_user in items}
        temuan = bulk(TemuanValidasi, (
            TemuanValidasi(item_id=pk, aspek=aspek[n % len(aspek)], memenuhi=n % 4 != 0, dibuat_oleh_id=vid,
                           uraian=f"Temuan bench {n}")
            for n, (pk, vid, _asesor_user) in enumerate(items) if n % 3 == 0
        ))
        now = timezone.now()

        def follow_up(n, t):
            asesor_user = asesor_of[t.item_id] if n % 3 != 2 else None  # closed by its owner when the asesor
            owner = asesor_user or ctx.admins[n % len(ctx.admins)].pk
            return TindakLanjutValidasi(
                temuan_id=t.pk, uraian="Tindak lanjut bench", penanggung_jawab_id=owner,
                batas=last + timedelta(days=30),
                status=StatusTindakLanjut.SELESAI if n % 2 else StatusTindakLanjut.TERBUKA,
                ditutup_pada=now if n % 2 else None,
                ditutup_oleh_id=(asesor_user or t.dibuat_oleh_id) if n % 2 else None,
                catatan_penutupan="Selesai" if n % 2 else "",
            )

        bulk(TindakLanjutValidasi, (follow_up(n, t) for n, t in enumerate(t for t in temuan if not t.memenuhi)))
        SampelRekaman.objects.filter(sampel__in=samples).update(kesimpulan=Kesimpulan.SESUAI, disimpulkan_pada=now)
        first_of_skema = {}
        for s in samples:
            first_of_skema.setdefault(s.skema_id, s.pk)
        png = default_storage.save(f"bench/ttd-validator-{ctx.tag}.png", ContentFile(PNG))
        SampelValidasi.objects.filter(pk__in=first_of_skema.values()).update(
            status=StatusSampel.DISAHKAN, disahkan_pada=now, ringkasan="Disahkan (bench).", ttd=png)
    ctx.stdout.write(f"    {len(samples) + 1} samples, {len(items)} sampled records, {len(temuan)} findings")
