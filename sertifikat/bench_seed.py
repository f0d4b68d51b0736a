"""Volume data for ``manage.py seed_bench``: three certificates per asesi of this run (300k at 100k asesi),
issued over the last six years (so some have expired), in every status (a few suspended or revoked with
their history), every PDF state (most pointing at the one seeded PDF), the bersertifikat applications
linked to theirs, the yearly number counters, reminders sent, and the issue audit rows."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from asesi.domain import Status as StatusPermohonan
from asesi.models import AsesiProfile, Permohonan
from lsp.bench_seed import audit_rows, bulk, timestamps_as_given
from lsp.domain import valid_until
from lsp.models import AuditLog, Skema

from .domain import AuditAction, JenisNomor, StatusPdf, StatusTersimpan, Sumber
from .models import NomorUrut, PenerbitanMassal, PengingatTerkirim, Sertifikat, SertifikatRiwayat, Surveilans
from .pengaduan.bench_seed import seed as seed_pengaduan

PER_ASESI = 3
CHUNK = 10_000


def _status(i: int) -> str:
    if i % 97 == 0:
        return StatusTersimpan.DICABUT
    if i % 53 == 0:
        return StatusTersimpan.DIBEKUKAN
    return StatusTersimpan.AKTIF


def _pdf(i: int) -> str:
    return StatusPdf.GAGAL if i % 499 == 0 else StatusPdf.SEDANG_DIBUAT if i % 211 == 0 else StatusPdf.SIAP


def seed(ctx):
    n_asesi = ctx.n_asesi
    profiles = list(
        AsesiProfile.objects.order_by("-pk").values_list("pk", "user__nama_lengkap")[:n_asesi]
    )[::-1]
    skemas = list(Skema.objects.order_by("pk").values_list("pk", "kode", "nama", "masa_berlaku_tahun"))
    certified = list(
        Permohonan.objects.filter(status=StatusPermohonan.BERSERTIFIKAT, asesi_id__in=[p for p, _n in profiles])
        .values_list("asesi_id", "pk", "skema_id")
    )
    linked = {}  # asesi → (permohonan, skema) of one certified application
    for asesi_id, pk, skema_id in certified:
        linked.setdefault(asesi_id, (pk, skema_id))
    skema_by_pk = {s[0]: s for s in skemas}
    units = [{"kode": "J.620100.004.02", "judul": "Menggunakan struktur data"},
             {"kode": "J.620100.009.01", "judul": "Menggunakan spesifikasi program"}]
    ct = ContentType.objects.get_for_model(Sertifikat)
    today = ctx.now.date()
    per_year = {}
    total = 0
    fields = [Sertifikat._meta.get_field("created_at"), SertifikatRiwayat._meta.get_field("created_at")]
    with ctx.step(f"{len(profiles) * PER_ASESI} sertifikat with history, reminders, audit"), \
            timestamps_as_given(*fields):
        for start in range(0, len(profiles), CHUNK // PER_ASESI):
            chunk = profiles[start:start + CHUNK // PER_ASESI]
            with transaction.atomic():
                rows = []
                for k, (asesi_id, nama) in enumerate(chunk):
                    for j in range(PER_ASESI):
                        i = (start + k) * PER_ASESI + j
                        link = linked.get(asesi_id) if j == 0 else None
                        skema = skema_by_pk[link[1]] if link else skemas[(i * 13) % len(skemas)]
                        terbit = today - timedelta(days=(i * 7919) % (6 * 365))
                        status, pdf = _status(i), _pdf(i)
                        per_year[terbit.year] = per_year.get(terbit.year, 0) + 1
                        rows.append(Sertifikat(
                            asesi_id=asesi_id, permohonan_id=link[0] if link else None, skema_id=skema[0],
                            nama_pemegang=nama or f"Asesi {asesi_id}", skema_kode=skema[1], skema_nama=skema[2],
                            units=units, nomor=f"BENCH-{ctx.tag}/{terbit.year}/{i:07d}",
                            nomor_registrasi=f"B{ctx.tag} {i:07d} {terbit.year}", token=f"b{ctx.tag}{i:09d}",
                            tanggal_terbit=terbit, berlaku_sampai=valid_until(terbit, skema[3]),
                            sumber=Sumber.TERBIT if link else Sumber.IMPOR, status=status,
                            status_alasan="" if status == StatusTersimpan.AKTIF else "Hasil pemeriksaan pengaduan",
                            status_oleh=None if status == StatusTersimpan.AKTIF else ctx.admins[0],
                            status_pada=None if status == StatusTersimpan.AKTIF else ctx.now,
                            pdf=ctx.pdf_name if pdf == StatusPdf.SIAP else "", pdf_status=pdf,
                            pdf_error="OSError: penyimpanan tidak tersedia" if pdf == StatusPdf.GAGAL else "",
                            pdf_dibuat_pada=ctx.now if pdf == StatusPdf.SIAP else None,
                            diterbitkan_oleh=ctx.admins[i % len(ctx.admins)], created_at=ctx.ago(i),
                        ))
                certs = bulk(Sertifikat, rows)
                bulk(SertifikatRiwayat, (
                    SertifikatRiwayat(sertifikat=c, dari=StatusTersimpan.AKTIF, ke=c.status, alasan=c.status_alasan,
                                      oleh=ctx.admins[0], created_at=ctx.now)
                    for c in certs if c.status != StatusTersimpan.AKTIF
                ))
                bulk(PengingatTerkirim, (
                    PengingatTerkirim(sertifikat=c, hari=90) for idx, c in enumerate(certs)
                    if idx % 20 == 0 or 0 <= (c.berlaku_sampai - today).days <= 90
                ))
                # surveillance of the certificates past 12 months: most accepted, some waiting or uploaded
                bulk(Surveilans, (
                    Surveilans(
                        sertifikat=c, jatuh_tempo=c.tanggal_terbit + timedelta(days=365),
                        status=("menunggu", "diunggah", "diterima", "diterima")[idx % 4],
                        logbook="" if idx % 4 == 0 else ctx.pdf_name, logbook_nama="logbook.pdf",
                        logbook_mime="application/pdf",
                    )
                    for idx, c in enumerate(certs)
                    if c.status == StatusTersimpan.AKTIF and (today - c.tanggal_terbit).days >= 365
                ))
                audit_rows(ctx, (
                    AuditLog(actor=c.diterbitkan_oleh, action=str(AuditAction.SERTIFIKAT_ISSUE), content_type=ct,
                             object_id=str(c.pk), to_state=StatusTersimpan.AKTIF, created_at=c.created_at,
                             data={"nomor": c.nomor})
                    for c in certs[::10]
                ))
                total += len(certs)
    # one bulk issue per run: its first (up to) 100 certificates, the ZIP not yet made
    first = list(Sertifikat.objects.filter(nomor__startswith=f"BENCH-{ctx.tag}/").order_by("pk")
                 .values_list("pk", flat=True)[:100])
    if first:
        job = PenerbitanMassal.objects.create(dibuat_oleh=ctx.admins[0], jumlah=len(first))
        Sertifikat.objects.filter(pk__in=first).update(massal=job)
    NomorUrut.objects.bulk_create(
        [NomorUrut(jenis=jenis, tahun=year, terakhir=n) for year, n in per_year.items() for jenis in JenisNomor.values],
        ignore_conflicts=True,
    )
    ctx.stdout.write(f"    {total} sertifikat")
    seed_pengaduan(ctx)
