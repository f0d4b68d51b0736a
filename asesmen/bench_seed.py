"""Volume data for ``manage.py seed_bench``: jadwal uji kompetensi (~N/10 batches for N asesi: 10,000 at
100,000 asesi) over the past two years and the next months, in every status. The applications the asesi
seeder left *dijadwalkan* sit in planned or running batches of their skema, those further along in finished
ones; every batch has one or two asesors, a TUK check once it started, FR.MAPA per unit, and the asesi of
started batches their consultation and FR.AK.01 (then the assessment records: ``bench_seed_pelaksanaan``).
Bulk inserts, no services (volume, not behaviour)."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from asesi.domain import Status as PermohonanStatus
from asesi.models import Permohonan
from asesor.models import AsesorProfile
from lsp.bench_seed import audit_rows, bulk, timestamps_as_given
from lsp.models import AuditLog, Elemen, UnitKompetensi

from .bench_seed_banding import seed as seed_banding
from .bench_seed_keputusan import seed as seed_keputusan
from .bench_seed_pelaksanaan import seed as seed_pelaksanaan
from .domain import AuditAction, BuktiAK01, Instrumen, JenisBukti, Konteks, Metode, Pendekatan, Rekomendasi
from .domain import StatusJadwal as S
from .models import (
    Jadwal,
    KonsultasiPraAsesmen,
    MapaElemen,
    MapaUnit,
    PenugasanAsesor,
    PersetujuanAsesmen,
    PesertaJadwal,
    VerifikasiTUK,
)

PER_JADWAL = 10
OPEN = {PermohonanStatus.DIJADWALKAN}
DONE = {PermohonanStatus.DIASES, PermohonanStatus.DIPUTUSKAN, PermohonanStatus.BERSERTIFIKAT}


def _batches(ctx, rows, status_of, start_of):
    """Group (permohonan id, skema id) rows into batches of ``PER_JADWAL`` per skema."""
    by_skema = {}
    for pk, skema_id in rows:
        by_skema.setdefault(skema_id, []).append(pk)
    out = []
    for skema_id, ids in by_skema.items():
        for k in range(0, len(ids), PER_JADWAL):
            out.append((skema_id, ids[k:k + PER_JADWAL]))
    return [(skema_id, ids, status_of(i), start_of(i)) for i, (skema_id, ids) in enumerate(out)]


def seed(ctx):
    now = ctx.now
    skema_ids = [s.pk for s in ctx.skemas]
    tuks = ctx.tuks
    asesors = list(AsesorProfile.objects.filter(user__username__startswith=f"asesor-{ctx.tag}-").order_by("pk"))
    target = max(8, ctx.n_asesi // 10)
    permohonan = Permohonan.objects.filter(asesi__user__username__startswith=f"asesi-{ctx.tag}-")
    open_rows = list(permohonan.filter(status__in=OPEN).order_by("pk").values_list("pk", "skema_id"))
    done_rows = list(permohonan.filter(status__in=DONE).order_by("pk").values_list("pk", "skema_id"))
    hour = timedelta(hours=1)
    batches = _batches(
        ctx, open_rows, lambda i: S.BERJALAN if i % 10 == 0 else S.DIRENCANAKAN,
        lambda i: now + timedelta(days=1 + i % 120, hours=i % 5) if i % 10 else now - 2 * hour,
    ) + _batches(ctx, done_rows, lambda i: S.SELESAI, lambda i: now - timedelta(days=3 + i % 700, hours=i % 5))
    # Empty batches up to the target: future plans and cancelled ones.
    for i in range(max(0, target - len(batches))):
        status = S.DIBATALKAN if i % 4 == 0 else S.DIRENCANAKAN
        batches.append((skema_ids[i % len(skema_ids)], [], status, now + timedelta(days=2 + i % 300, hours=i % 6)))
    fields = [Jadwal._meta.get_field("created_at"), Jadwal._meta.get_field("updated_at")]
    with ctx.step(f"{len(batches)} jadwal with asesors, asesi, TUK check, MAPA, AK.01"), transaction.atomic():
        with timestamps_as_given(*fields):
            jadwal = bulk(Jadwal, (
                Jadwal(
                    skema_id=skema_id, tuk=tuks[i % len(tuks)], mulai=start, selesai=start + 8 * hour,
                    kapasitas=PER_JADWAL + i % 10, status=status, dibuat_oleh=ctx.admins[i % len(ctx.admins)],
                    catatan="", created_at=start - timedelta(days=20), updated_at=start - timedelta(days=20),
                )
                for i, (skema_id, _ids, status, start) in enumerate(batches)
            ))
        penugasan = bulk(PenugasanAsesor, (
            PenugasanAsesor(
                jadwal=j, asesor=asesors[(i * 2 + k) % len(asesors)], dibuat_oleh=ctx.admins[0],
                pernyataan_pada=j.mulai - timedelta(days=1) if j.status in (S.BERJALAN, S.SELESAI) else None,
            )
            for i, j in enumerate(jadwal) for k in range(1 + i % 2)
        ))
        asesor_of = {}
        for p in penugasan:
            asesor_of.setdefault(p.jadwal_id, []).append(p.asesor_id)
        started = {S.BERJALAN, S.SELESAI}
        peserta = bulk(PesertaJadwal, (
            PesertaJadwal(
                jadwal=j, permohonan_id=pid, asesor_id=asesor_of[j.pk][k % len(asesor_of[j.pk])],
                rekomendasi=Rekomendasi.LANJUT if j.status in started else "",
                rekomendasi_pada=j.mulai - timedelta(days=1) if j.status in started else None,
            )
            for j, (_s, ids, _st, _m) in zip(jadwal, batches, strict=True) for k, pid in enumerate(ids)
        ))
        bulk(VerifikasiTUK, (
            VerifikasiTUK(jadwal=j, tempat=True, peralatan=True, bahan=True, k3=True, tanggal=(j.mulai - hour).date(),
                          diverifikasi_oleh=ctx.admins[0])
            for j in jadwal if j.status in started
        ))
        units = {}
        for u in UnitKompetensi.objects.filter(skema_id__in=skema_ids).only("pk", "skema_id"):
            units.setdefault(u.skema_id, []).append(u.pk)
        mapa = bulk(MapaUnit, (
            MapaUnit(
                jadwal=j, unit_id=uid, pendekatan=Pendekatan.values[i % len(Pendekatan.values)],
                konteks=Konteks.values[i % 2], metode=[Metode.OBSERVASI, Metode.TANYA_JAWAB],
                jenis_bukti=[JenisBukti.L, JenisBukti.T], instrumen=[Instrumen.IA01, Instrumen.IA03],
            )
            for i, j in enumerate(jadwal) if j.status != S.DIBATALKAN and i % 3 != 1
            for uid in units.get(j.skema_id, [])
        ))
        elemen = {}
        for e in Elemen.objects.filter(unit__skema_id__in=skema_ids).only("pk", "unit_id"):
            elemen.setdefault(e.unit_id, []).append(e.pk)
        bulk(MapaElemen, (
            MapaElemen(mapa=m, elemen_id=eid, metode=m.metode, jenis_bukti=m.jenis_bukti)
            for m in mapa for eid in elemen.get(m.unit_id, [])
        ))
        status_of = {j.pk: j for j in jadwal}
        ready = [p for p in peserta if status_of[p.jadwal_id].status in started]
        bulk(KonsultasiPraAsesmen, (
            KonsultasiPraAsesmen(
                peserta=p, proses=True, bukti=True, hak=True, kerahasiaan=True,
                asesor_konfirmasi_pada=status_of[p.jadwal_id].mulai - timedelta(days=2),
                asesi_konfirmasi_pada=status_of[p.jadwal_id].mulai - timedelta(days=2),
            )
            for p in ready
        ))
        bulk(PersetujuanAsesmen, (
            PersetujuanAsesmen(
                peserta=p, bukti=[BuktiAK01.OBSERVASI, BuktiAK01.TANYA_JAWAB], tempat="Ruang uji 1",
                waktu=status_of[p.jadwal_id].mulai, asesor_setuju_pada=status_of[p.jadwal_id].mulai - hour,
                asesi_setuju_pada=status_of[p.jadwal_id].mulai - hour,
            )
            for p in ready
        ))
    with ctx.step("jadwal audit rows"):
        ct = ContentType.objects.get_for_model(Jadwal)
        made = audit_rows(ctx, (
            AuditLog(
                created_at=j.created_at, actor_id=j.dibuat_oleh_id, action=AuditAction.JADWAL_CREATE.value,
                content_type_id=ct.pk, object_id=str(j.pk), object_repr=j.kode, to_state=S.DIRENCANAKAN,
            )
            for j in jadwal
        ))
    ctx.stdout.write(f"    {len(jadwal)} jadwal, {len(peserta)} asesi placed, {made} audit rows")
    seed_pelaksanaan(ctx)
    seed_keputusan(ctx)
    seed_banding(ctx)
    from .bench_seed_validasi import seed as seed_validasi

    seed_validasi(ctx)
