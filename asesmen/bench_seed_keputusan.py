"""Volume data of the decision stage for ``seed_bench`` (called after ``bench_seed_pelaksanaan``): per
finished batch an SK (9 in 10 approved with a number, the rest submitted or draft), a komite decision
for every submitted record (its recommendation), and a signed FR.AK.05 per assignment — written by
INSERT … SELECT in the database."""

from django.db import connection, transaction

from .domain import StatusJadwal as S
from .domain_keputusan import StatusLaporan, StatusSK
from .models import KeputusanSK, LaporanAsesmen, NomorUrutKeputusan


def seed(ctx):
    by = ctx.admins[0].pk
    with ctx.step("SK per finished batch, pleno decisions, FR.AK.05"), transaction.atomic():
        with connection.cursor() as cur:
            cur.execute(f"""
                INSERT INTO {KeputusanSK._meta.db_table}
                    (jadwal_id, status, nomor, tanggal_pleno, catatan, alasan_tolak, diajukan_pada, diajukan_oleh_id,
                     diputuskan_pada, diputuskan_oleh_id, created_at, updated_at)
                SELECT j.id,
                       CASE WHEN mod(j.id, 10) = 0 THEN %s WHEN mod(j.id, 10) = 1 THEN %s ELSE %s END,
                       CASE WHEN mod(j.id, 10) > 1 THEN 'BENCH/SK/' || j.id END,
                       (j.selesai + interval '2 days')::date, '', '',
                       CASE WHEN mod(j.id, 10) <> 0 THEN j.selesai + interval '2 days' END,
                       CASE WHEN mod(j.id, 10) <> 0 THEN %s END,
                       CASE WHEN mod(j.id, 10) > 1 THEN j.selesai + interval '3 days' END,
                       CASE WHEN mod(j.id, 10) > 1 THEN %s END,
                       j.selesai, j.selesai + interval '3 days'
                FROM {connection.ops.quote_name('asesmen_jadwal')} j
                WHERE j.status = %s
                  AND NOT EXISTS (SELECT 1 FROM {KeputusanSK._meta.db_table} s WHERE s.jadwal_id = j.id)
            """, [StatusSK.DRAF, StatusSK.DIAJUKAN, StatusSK.DISETUJUI, by, by, S.SELESAI])
            cur.execute("""
                INSERT INTO asesmen_keputusanpeserta (sk_id, peserta_id, keputusan, catatan, terlambat, oleh_id, pada)
                SELECT s.id, p.id, r.rekomendasi, '', false, %s, r.diajukan_pada + interval '1 day'
                FROM asesmen_rekamanasesmen r
                JOIN asesmen_pesertajadwal p ON p.id = r.peserta_id
                JOIN asesmen_keputusansk s ON s.jadwal_id = p.jadwal_id
                WHERE r.status = 'diajukan' AND p.aktif
                  AND NOT EXISTS (SELECT 1 FROM asesmen_keputusanpeserta k WHERE k.peserta_id = p.id)
            """, [by])
            n_keputusan = cur.rowcount
            cur.execute(f"""
                INSERT INTO {LaporanAsesmen._meta.db_table}
                    (penugasan_id, status, catatan, rekomendasi, tindak_lanjut, ttd, ttd_pada, ttd_ip, ttd_oleh_id,
                     updated_at)
                SELECT g.id, %s, 'Asesmen lancar.', '', '', 'ttd/bench.png', j.selesai, NULL, a.user_id, j.selesai
                FROM asesmen_penugasanasesor g
                JOIN asesmen_jadwal j ON j.id = g.jadwal_id
                JOIN asesor_asesorprofile a ON a.id = g.asesor_id
                WHERE j.status = %s
                  AND NOT EXISTS (SELECT 1 FROM {LaporanAsesmen._meta.db_table} l WHERE l.penugasan_id = g.id)
            """, [StatusLaporan.DITANDATANGANI, S.SELESAI])
        NomorUrutKeputusan.objects.get_or_create(jenis="sk", tahun=ctx.now.year)
    ctx.stdout.write(f"    {KeputusanSK.objects.count()} SK, {n_keputusan} pleno decisions")
