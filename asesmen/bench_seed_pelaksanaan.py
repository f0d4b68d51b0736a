"""Volume data of the assessment stage for ``seed_bench`` (called at the end of ``asesmen.bench_seed``):
an item bank per unit; for every asesi of a finished batch a submitted FR.AK.02 with a result for every
KUK of the planned units (~1 in 100 BK), the unit verdicts and the recommendation derived from them, the
asesor's signature, FR.AK.03 and an audit row; for running batches a draft with half the KUK recorded;
a sample of IA.05 tests with answers; FR.AK.06 per asesor of a finished batch. The KUK and unit verdicts
are written by INSERT … SELECT in the database (millions of rows at 100,000 asesi), not row by row."""

import base64
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction

from lsp.bench_seed import audit_rows, bulk, timestamps_as_given
from lsp.models import KUK, AuditLog, Elemen, UnitKompetensi

from .domain import StatusJadwal as S
from .domain_pelaksanaan import TINJAUAN, UMPAN_BALIK, AuditAction, StatusRekaman
from .models import (
    BuktiKerja,
    ButirInstrumen,
    JawabanButir,
    MapaUnit,
    PenilaianKUK,
    PenilaianUnit,
    PenugasanAsesor,
    PesertaJadwal,
    RekamanAsesmen,
    TandaTangan,
    TinjauanAsesmen,
    UjianTertulis,
    UmpanBalik,
)

# A 1×1 transparent PNG: the drawn signature every bench row points to (stored once).
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
SAMPLE = 2000  # IA.05 tests with answers


def seed(ctx):
    with ctx.step("instrument bank"), transaction.atomic():
        units = list(UnitKompetensi.objects.filter(skema__in=ctx.skemas).values_list("pk", flat=True))
        bulk(ButirInstrumen, (
            ButirInstrumen(unit_id=u, instrumen=instrumen, jenis=jenis, urutan=n, pertanyaan=f"Butir {instrumen} {n}",
                           pilihan=["a", "b", "c"] if jenis == "pilihan_ganda" else [],
                           kunci="B" if jenis == "pilihan_ganda" else "")
            for u in units
            for instrumen, jenis, n in (("IA.03", "memadai", 1), ("IA.05", "pilihan_ganda", 1),
                                        ("IA.05", "pilihan_ganda", 2), ("IA.07", "memadai", 1))
        ))
    peserta = list(
        PesertaJadwal.objects.filter(aktif=True, jadwal__status__in=[S.SELESAI, S.BERJALAN],
                                     permohonan__asesi__user__username__startswith=f"asesi-{ctx.tag}-")
        .values_list("pk", "jadwal__status", "jadwal__mulai", "asesor__user_id")
    )
    done = [p for p in peserta if p[1] == S.SELESAI]
    with ctx.step(f"{len(peserta)} assessment records"), transaction.atomic():
        fields = [RekamanAsesmen._meta.get_field("created_at"), RekamanAsesmen._meta.get_field("updated_at")]
        with timestamps_as_given(*fields):
            rekaman = bulk(RekamanAsesmen, (
                RekamanAsesmen(
                    peserta_id=pk, status=StatusRekaman.DIAJUKAN if status == S.SELESAI else StatusRekaman.DRAF,
                    rekomendasi="K" if status == S.SELESAI else "",
                    diajukan_pada=mulai + timedelta(hours=6) if status == S.SELESAI else None,
                    diajukan_oleh_id=user_id if status == S.SELESAI else None,
                    created_at=mulai, updated_at=mulai + timedelta(hours=6),
                )
                for pk, status, mulai, user_id in peserta
            ))
    ids = [r.pk for r in rekaman]
    if not ids:
        return
    t = {m.__name__: m._meta.db_table for m in (RekamanAsesmen, PesertaJadwal, MapaUnit, PenilaianKUK,
                                                 PenilaianUnit)}
    elemen, kuk = Elemen._meta.db_table, KUK._meta.db_table
    with ctx.step("KUK verdicts (INSERT … SELECT)"), transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"""
            INSERT INTO {t['PenilaianKUK']} (rekaman_id, unit_id, kuk_id, hasil, catatan, bukti, updated_at)
            SELECT r.id, e.unit_id, k.id,
                   CASE WHEN r.status = %s AND k.urutan > 1 THEN 'lanjut'
                        WHEN (r.id + k.id) %% 97 = 0 THEN 'BK' ELSE 'K' END,
                   '', '', r.updated_at
            FROM {t['RekamanAsesmen']} r
            JOIN {t['PesertaJadwal']} p ON p.id = r.peserta_id
            JOIN {t['MapaUnit']} m ON m.jadwal_id = p.jadwal_id
            JOIN {elemen} e ON e.unit_id = m.unit_id
            JOIN {kuk} k ON k.elemen_id = e.id
            WHERE r.id = ANY(%s)
        """, [StatusRekaman.DRAF, ids])
        kuk_rows = cur.rowcount
    with ctx.step("unit verdicts and recommendations"), transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"""
            INSERT INTO {t['PenilaianUnit']} (rekaman_id, unit_id, hasil)
            SELECT v.rekaman_id, v.unit_id, CASE WHEN bool_and(v.hasil = 'K') THEN 'K' ELSE 'BK' END
            FROM {t['PenilaianKUK']} v JOIN {t['RekamanAsesmen']} r ON r.id = v.rekaman_id
            WHERE r.status = %s AND r.id = ANY(%s)
            GROUP BY v.rekaman_id, v.unit_id
        """, [StatusRekaman.DIAJUKAN, ids])
        unit_rows = cur.rowcount
        cur.execute(f"""
            UPDATE {t['RekamanAsesmen']} r SET rekomendasi = 'BK', tindak_lanjut = 'Ulang unit yang BK.'
            WHERE r.id = ANY(%s) AND EXISTS (
                SELECT 1 FROM {t['PenilaianUnit']} u WHERE u.rekaman_id = r.id AND u.hasil = 'BK')
        """, [ids])
    final = [r for r in rekaman if r.status == StatusRekaman.DIAJUKAN]
    with ctx.step("signatures, FR.AK.03, IA.05 sample, FR.AK.06"), transaction.atomic():
        png = default_storage.save(f"bench/ttd-{ctx.tag}.png", ContentFile(PNG))
        user_of = {pk: user_id for pk, _s, _m, user_id in done}
        with timestamps_as_given(TandaTangan._meta.get_field("pada")):
            bulk(TandaTangan, (
                TandaTangan(peserta_id=r.peserta_id, dokumen="AK.02", pihak="asesor", gambar=png,
                            oleh_id=user_of[r.peserta_id], pada=r.diajukan_pada, ip="10.0.0.1")
                for r in final if user_of.get(r.peserta_id)
            ))
        with timestamps_as_given(UmpanBalik._meta.get_field("dikirim_pada")):
            bulk(UmpanBalik, (
                UmpanBalik(peserta_id=r.peserta_id, jawaban={k: True for k, _l in UMPAN_BALIK},
                           dikirim_pada=r.diajukan_pada + timedelta(hours=1))
                for i, r in enumerate(final) if i % 2 == 0
            ))
        sample = final[:SAMPLE]
        bulk(UjianTertulis, (
            UjianTertulis(rekaman=r, mulai_pada=r.created_at + timedelta(hours=1),
                          batas=r.created_at + timedelta(hours=2), selesai_pada=r.created_at + timedelta(hours=2),
                          benar=1, jumlah=2)
            for r in sample
        ))
        mapa_units = dict(MapaUnit.objects.filter(jadwal__peserta__rekaman__in=sample[:200]).values_list(
            "jadwal__peserta__rekaman", "unit"))
        items = {}
        for b in ButirInstrumen.objects.filter(unit__in=set(mapa_units.values()), instrumen="IA.05"):
            items.setdefault(b.unit_id, []).append(b.pk)
        bulk(JawabanButir, (
            JawabanButir(rekaman_id=rid, butir_id=bid, pilihan="B" if n == 0 else "A", penilaian="memadai")
            for rid, unit_id in mapa_units.items() for n, bid in enumerate(items.get(unit_id, []))
        ))
        ia02 = {}
        for b in bulk(ButirInstrumen, (
            ButirInstrumen(unit_id=u, instrumen="IA.02", jenis="memadai", urutan=1, pertanyaan="Tugas praktik")
            for u in set(mapa_units.values())
        )):
            ia02[b.unit_id] = b.pk
        asesi_of = dict(PesertaJadwal.objects.filter(rekaman__in=list(mapa_units)).values_list(
            "rekaman", "permohonan__asesi__user"))
        bulk(BuktiKerja, (
            BuktiKerja(rekaman_id=rid, butir_id=ia02[unit_id], berkas=ctx.pdf_name, nama_asli="hasil-kerja.pdf",
                       mime="application/pdf", diunggah_oleh_id=asesi_of[rid])
            for rid, unit_id in mapa_units.items()
        ))
        bulk(TinjauanAsesmen, (
            TinjauanAsesmen(penugasan=p, jawaban={k: True for k, _l in TINJAUAN})
            for p in PenugasanAsesor.objects.filter(jadwal__status=S.SELESAI, jadwal__skema__in=ctx.skemas)
        ))
    with ctx.step("assessment audit rows"):
        ct = ContentType.objects.get_for_model(RekamanAsesmen)
        made = audit_rows(ctx, (
            AuditLog(created_at=r.diajukan_pada, actor_id=r.diajukan_oleh_id,
                     action=AuditAction.REKAMAN_SUBMIT.value, content_type_id=ct.pk, object_id=str(r.pk),
                     object_repr=str(r), from_state=StatusRekaman.DRAF, to_state="K")
            for r in final
        ))
    ctx.stdout.write(f"    {len(rekaman)} records, {kuk_rows} KUK verdicts, {unit_rows} unit verdicts, "
                     f"{made} audit rows")
