"""Volume data for ``manage.py seed_bench``: ~1,000 asesors (one per 100 asesi) with certificates in every
state of validity, technical competences, an assessment log (internal and external entries, some waiting
for verification), declared conflicts, recognition requests with evidence, diklat batches with participants,
and their audit rows."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max

from lsp.bench_seed import audit_rows, bulk, timestamps_as_given, users
from lsp.models import AuditLog
from lsp.roles import Role

from .domain import (
    AuditAction,
    HasilPeserta,
    JenisSertifikat,
    StatusPengajuan,
    StatusVerifikasi,
    sertifikat_valid_until,
)
from .models import (
    AsesorProfile,
    BuktiRekognisi,
    Diklat,
    KompetensiTeknis,
    KonflikKepentingan,
    PengajuanRekognisi,
    PesertaDiklat,
    RiwayatAsesmen,
    SertifikatAsesor,
)

PESERTA_PER_DIKLAT = 20


def seed(ctx):
    n = max(4, min(1000, ctx.n_asesi // 100))
    n_diklat = max(2, n // 20)
    offset = AsesorProfile.objects.aggregate(m=Max("pk"))["m"] or 0
    today = ctx.now.date()
    skemas, tuks = ctx.skemas, ctx.tuks
    with ctx.step(f"{n} asesors with certificates, competences, log, conflicts"), transaction.atomic():
        accounts = users(ctx, prefix="asesor", n=n, role=Role.ASESOR)
        created = AsesorProfile._meta.get_field("created_at"), AsesorProfile._meta.get_field("updated_at")
        with timestamps_as_given(*created):
            asesors = bulk(AsesorProfile, (
                AsesorProfile(
                    user=u, nomor_registrasi=f"MET.000.{(offset + i + 1) % 1_000_000:06d} {2015 + i % 10}",
                    telepon=f"0813{i:08d}", alamat=f"Jl. Asesor {i}", is_master=i % 25 == 0,
                    created_at=u.date_joined, updated_at=u.date_joined,
                )
                for i, u in enumerate(accounts)
            ))
        # Issue dates spread over six years: some certificates expired, some expiring soon, most valid.
        certs = []
        for i, a in enumerate(asesors):
            issued = today - timedelta(days=(i * 37) % (6 * 365))
            certs.append(SertifikatAsesor(
                asesor=a, nomor=f"CERT-{ctx.tag}-{i}", jenis=JenisSertifikat.AWAL, issued_on=issued,
                valid_until=sertifikat_valid_until(issued), created_by=ctx.admins[0],
            ))
            if i % 4 == 0:
                renewed = issued - timedelta(days=3 * 365)
                certs.append(SertifikatAsesor(
                    asesor=a, nomor=f"CERT-{ctx.tag}-{i}-lama", jenis=JenisSertifikat.AWAL, issued_on=renewed,
                    valid_until=sertifikat_valid_until(renewed), created_by=ctx.admins[0],
                ))
        certs = bulk(SertifikatAsesor, certs)
        bulk(KompetensiTeknis, (
            KompetensiTeknis(
                asesor=a, skema=skemas[(i + k) % len(skemas)] if k == 0 else None,
                bidang="" if k == 0 else skemas[(i + k) % len(skemas)].bidang,
                nomor_sertifikat=f"TEK-{ctx.tag}-{i}-{k}", penerbit="LSP Teknis",
                issued_on=today - timedelta(days=400 + i % 300),
                valid_until=today + timedelta(days=(i % 5) * 200 - 100) if k == 0 else None,
            )
            for i, a in enumerate(asesors) for k in range(2)
        ))
        riwayat = []
        for i, a in enumerate(asesors):
            for k in range(i % 12):
                external = k % 4 == 3
                riwayat.append(RiwayatAsesmen(
                    asesor=a, tanggal=today - timedelta(days=20 + k * 41 + i % 17),
                    sumber=RiwayatAsesmen.Sumber.EKSTERNAL if external else RiwayatAsesmen.Sumber.INTERNAL,
                    skema=skemas[(i + k) % len(skemas)], jumlah_asesi=5 + k % 10,
                    sumber_ref=None if external else f"bench-{ctx.tag}-{i}-{k}",
                    nama_lsp="LSP Lain" if external else "", dokumen=ctx.pdf_name if external else "",
                    dokumen_nama="bukti.pdf" if external else "", dokumen_mime="application/pdf" if external else "",
                    status=(StatusVerifikasi.MENUNGGU if k % 8 == 3 else StatusVerifikasi.DITERIMA)
                    if external else StatusVerifikasi.DITERIMA,
                ))
        riwayat = bulk(RiwayatAsesmen, riwayat)
        bulk(KonflikKepentingan, (
            KonflikKepentingan(asesor=a, pihak=accounts[(i + 1) % n], alasan="Rekan kerja satu kantor.",
                               declared_by=ctx.admins[0])
            for i, a in enumerate(asesors) if i % 10 == 0
        ))
    with ctx.step("recognition requests (one asesor in ten) with evidence"), transaction.atomic():
        current = {}
        for c in certs:  # the newest certificate of each asesor is the one asked about
            if c.asesor_id not in current or c.issued_on > current[c.asesor_id].issued_on:
                current[c.asesor_id] = c
        states = StatusPengajuan.values
        pengajuan = bulk(PengajuanRekognisi, (
            PengajuanRekognisi(
                asesor=a, sertifikat=current[a.pk], status=states[i % len(states)], jumlah_asesmen=6 + i % 4,
                catatan="Mohon rekognisi.", diputuskan_oleh=None if i % len(states) == 0 else ctx.admins[0],
                diputuskan_pada=None if i % len(states) == 0 else ctx.now,
                sertifikat_baru=current[a.pk] if states[i % len(states)] == StatusPengajuan.DISETUJUI else None,
                catatan_keputusan="Bukti tidak lengkap." if states[i % len(states)] == StatusPengajuan.DITOLAK else "",
            )
            for i, a in enumerate(asesors) if i % 10 == 0
        ))
        bulk(BuktiRekognisi, (
            BuktiRekognisi(pengajuan=p, dokumen=ctx.pdf_name, dokumen_nama=f"bukti-{k + 1}.pdf",
                           dokumen_mime="application/pdf")
            for p in pengajuan for k in range(2)
        ))
    masters = [a for a in asesors if a.is_master] or asesors[:1]
    with ctx.step(f"{n_diklat} diklat with {PESERTA_PER_DIKLAT} participants each"), transaction.atomic():
        diklat = bulk(Diklat, (
            Diklat(
                nama=f"Diklat Asesor Angkatan {d + 1}", skema=skemas[d % len(skemas)],
                tanggal_mulai=today - timedelta(days=30 * d), tanggal_selesai=today - timedelta(days=30 * d - 4),
                tuk=tuks[d % len(tuks)] if d % 3 else None, tempat="" if d % 3 else "Hotel Bench",
                master_asesor=masters[d % len(masters)],
            )
            for d in range(n_diklat)
        ))
        calon = users(ctx, prefix="calon", n=n_diklat * PESERTA_PER_DIKLAT, role=Role.ASESI)
        hasil = HasilPeserta.values
        bulk(PesertaDiklat, (
            PesertaDiklat(
                diklat=dk, user=calon[d * PESERTA_PER_DIKLAT + p], hasil=hasil[p % len(hasil)],
                decided_by=ctx.admins[0] if hasil[p % len(hasil)] != HasilPeserta.TERDAFTAR else None,
                decided_at=ctx.now if hasil[p % len(hasil)] != HasilPeserta.TERDAFTAR else None,
            )
            for d, dk in enumerate(diklat) for p in range(PESERTA_PER_DIKLAT)
        ))
    with ctx.step("asesor audit rows"):
        ct = ContentType.objects.get_for_model(AsesorProfile)
        repr_of = {a.pk: f"{a.user} ({a.nomor_registrasi})" for a in asesors}

        def rows():
            for a in asesors:
                yield AuditLog(
                    created_at=a.created_at, actor_id=ctx.admins[0].pk, action=AuditAction.ASESOR_REGISTER.value,
                    content_type_id=ct.pk, object_id=str(a.pk), object_repr=repr_of[a.pk],
                )
            for r in riwayat:
                internal = r.sumber == RiwayatAsesmen.Sumber.INTERNAL
                yield AuditLog(
                    created_at=ctx.now - timedelta(days=(ctx.now.date() - r.tanggal).days),
                    actor_id=ctx.admins[r.pk % len(ctx.admins)].pk,
                    action=(AuditAction.ASESOR_RIWAYAT_INTERNAL if internal
                            else AuditAction.ASESOR_RIWAYAT_EKSTERNAL).value,
                    content_type_id=ct.pk, object_id=str(r.asesor_id), object_repr=repr_of[r.asesor_id],
                    data={"riwayat": r.pk},
                )

        made = audit_rows(ctx, rows())
    ctx.stdout.write(f"    {len(asesors)} asesors, {len(riwayat)} log entries, {made} audit rows")
