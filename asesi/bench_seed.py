"""Volume data for ``manage.py seed_bench``: ``ctx.n_asesi`` asesi (accounts + profiles), ~1.2 permohonan
each spread over every status, with their units, persyaratan, riwayat, dokumen, APL.02 for a share of them,
and the audit rows all of that would have written. Bulk inserts per chunk of asesi; no services."""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max

from lsp.bench_seed import KOTA, audit_rows, bulk, timestamps_as_given, users
from lsp.models import AuditLog, Elemen, PersyaratanDasar, UnitKompetensi
from lsp.roles import Role

from .domain import AuditAction, HasilVerifikasi, Jawaban, JenisKelamin, Pendidikan, Status, Tujuan
from .models import (
    AsesiProfile,
    AsesmenMandiri,
    Dokumen,
    Permohonan,
    PermohonanPersyaratan,
    PermohonanRiwayat,
    PermohonanUnit,
)

CHUNK = 5000  # asesi per transaction
# The status of the j-th permohonan (every status; most applications are far along or done).
STATUS_CYCLE = (
    [Status.DRAFT] * 2 + [Status.DIAJUKAN] * 2 + [Status.DIKEMBALIKAN, Status.DITOLAK] + [Status.DITERIMA] * 3
    + [Status.DIJADWALKAN] * 2 + [Status.DIASES] * 2 + [Status.DIPUTUSKAN] * 2 + [Status.BERSERTIFIKAT] * 4
)
# The statuses a permohonan passed through to reach each status.
PATH = {
    Status.DRAFT: [Status.DRAFT],
    Status.DIAJUKAN: [Status.DRAFT, Status.DIAJUKAN],
    Status.DIKEMBALIKAN: [Status.DRAFT, Status.DIAJUKAN, Status.DIKEMBALIKAN],
    Status.DITOLAK: [Status.DRAFT, Status.DIAJUKAN, Status.DITOLAK],
    Status.DITERIMA: [Status.DRAFT, Status.DIAJUKAN, Status.DITERIMA],
}
for _prev, _next in [
    (Status.DITERIMA, Status.DIJADWALKAN), (Status.DIJADWALKAN, Status.DIASES),
    (Status.DIASES, Status.DIPUTUSKAN), (Status.DIPUTUSKAN, Status.BERSERTIFIKAT),
]:
    PATH[_next] = PATH[_prev] + [_next]
VERIFIED = {Status.DITOLAK, Status.DITERIMA, Status.DIJADWALKAN, Status.DIASES, Status.DIPUTUSKAN,
            Status.BERSERTIFIKAT}
APL02_EVERY = 5  # one permohonan in APL02_EVERY/2 has its APL.02 rows (see ``_chunk``)


def _skema_shapes(skemas):
    """For each skema: its units (with elemen) and persyaratan, loaded once."""
    ids = [s.pk for s in skemas]
    elemen = {}
    for e in Elemen.objects.filter(unit__skema_id__in=ids).order_by("unit_id", "urutan"):
        elemen.setdefault(e.unit_id, []).append(e)
    units, syarat = {}, {}
    for u in UnitKompetensi.objects.filter(skema_id__in=ids).order_by("skema_id", "urutan"):
        units.setdefault(u.skema_id, []).append((u, elemen.get(u.pk, [])))
    for p in PersyaratanDasar.objects.filter(skema_id__in=ids).order_by("skema_id", "urutan"):
        syarat.setdefault(p.skema_id, []).append(p)
    return [(s, units.get(s.pk, []), syarat.get(s.pk, [])) for s in skemas]


def seed(ctx):
    n = ctx.n_asesi
    offset = AsesiProfile.objects.aggregate(m=Max("pk"))["m"] or 0
    shapes = _skema_shapes(ctx.skemas)
    ct_permohonan = ContentType.objects.get_for_model(Permohonan)
    ct_profile = ContentType.objects.get_for_model(AsesiProfile)
    totals = {"permohonan": 0, "audit": 0}
    fields = [
        Permohonan._meta.get_field("created_at"), Permohonan._meta.get_field("updated_at"),
        PermohonanRiwayat._meta.get_field("created_at"), Dokumen._meta.get_field("created_at"),
        AsesiProfile._meta.get_field("created_at"), AsesiProfile._meta.get_field("updated_at"),
    ]
    with ctx.step(f"{n} asesi with permohonan, units, persyaratan, riwayat, dokumen, APL.02, audit"):
        with timestamps_as_given(*fields):
            for start in range(0, n, CHUNK):
                with transaction.atomic():
                    made = _chunk(ctx, start, min(CHUNK, n - start), offset, shapes, ct_permohonan, ct_profile)
                totals["permohonan"] += made[0]
                totals["audit"] += made[1]
    ctx.stdout.write(f"    {totals['permohonan']} permohonan, {totals['audit']} audit rows")


def _chunk(ctx, start, size, offset, shapes, ct_permohonan, ct_profile):
    admins = ctx.admins
    accounts = users(ctx, prefix="asesi", n=size, role=Role.ASESI, offset=start)
    profiles = bulk(AsesiProfile, (
        AsesiProfile(
            user=u,
            nik=f"3199{offset + start + k:012d}",
            tempat_lahir=KOTA[(start + k) % len(KOTA)],
            tanggal_lahir=date(1970, 1, 1) + timedelta(days=(start + k) * 37 % 12_000),
            jenis_kelamin=JenisKelamin.values[(start + k) % 2],
            alamat=f"Jl. Melati No. {(start + k) % 300 + 1}, {KOTA[(start + k) % len(KOTA)]}",
            kode_pos=f"{10000 + (start + k) % 89_999:05d}",
            telepon=f"0812{(start + k) % 100_000_000:08d}",
            pendidikan_terakhir=Pendidikan.values[(start + k) % len(Pendidikan.values)],
            institusi=f"PT Contoh {(start + k) % 500}",
            jabatan="Staf",
            email_dikonfirmasi_pada=u.date_joined if (start + k) % 10 else None,
            dibuat_oleh=admins[0] if (start + k) % 10 == 0 else None,
            created_at=u.date_joined,
            updated_at=u.date_joined,
        )
        for k, u in enumerate(accounts)
    ))
    # ~1.2 permohonan per asesi: every fifth asesi applied for a second skema.
    plan = []  # (profile, skema shape, status, created_at)
    for k, prof in enumerate(profiles):
        i = start + k
        for second in (0, 1) if i % 5 == 0 else (0,):
            j = i * 2 + second
            shape = shapes[(i * 7 + second * 13) % len(shapes)]
            plan.append((prof, shape, STATUS_CYCLE[j % len(STATUS_CYCLE)], ctx.ago(j)))
    permohonan = bulk(Permohonan, (
        Permohonan(
            asesi=prof,
            skema=shape[0],
            tujuan=Tujuan.values[idx % 4],
            status=status,
            # decided: mostly K, every fourth decided-but-not-certified one BK
            keputusan=("BK" if status == Status.DIPUTUSKAN and idx % 4 == 0 else "K")
            if status in (Status.DIPUTUSKAN, Status.BERSERTIFIKAT) else "",
            data_pemohon={} if status == Status.DRAFT else prof.data_pribadi(),
            diajukan_pada=None if status == Status.DRAFT else created + timedelta(days=1),
            created_at=created,
            updated_at=created + timedelta(days=len(PATH[status])),
        )
        for idx, (prof, shape, status, created) in enumerate(plan)
    ))
    units = bulk(PermohonanUnit, (
        PermohonanUnit(permohonan=p, unit=u, urutan=u.urutan, kode=u.kode, judul=u.judul)
        for p, (_prof, shape, _s, _c) in zip(permohonan, plan, strict=True)
        for u, _el in shape[1]
    ))
    syarat = bulk(PermohonanPersyaratan, (
        PermohonanPersyaratan(
            permohonan=p, persyaratan=ps, urutan=ps.urutan, deskripsi=ps.deskripsi, wajib=ps.wajib,
            hasil=(HasilVerifikasi.ADA_MEMENUHI if status != Status.DITOLAK else HasilVerifikasi.TIDAK_ADA)
            if status in VERIFIED else "",
            diverifikasi_oleh=admins[idx % len(admins)] if status in VERIFIED else None,
            diverifikasi_pada=created + timedelta(days=2) if status in VERIFIED else None,
        )
        for idx, (p, (_prof, shape, status, created)) in enumerate(zip(permohonan, plan, strict=True))
        for ps in shape[2]
    ))
    first_syarat = {}
    for s in syarat:
        first_syarat.setdefault(s.permohonan_id, s)
    dokumen = bulk(Dokumen, (
        Dokumen(
            permohonan=p, persyaratan=first_syarat.get(p.pk) if portofolio == 0 else None,
            berkas=ctx.pdf_name, nama_asli="ijazah.pdf" if portofolio == 0 else "portofolio.pdf",
            ukuran=300, mime="application/pdf", diunggah_oleh_id=prof.user_id,
            created_at=created + timedelta(hours=1 + portofolio),
        )
        for p, (prof, _shape, _s, created) in zip(permohonan, plan, strict=True)
        for portofolio in (0, 1)
    ))
    riwayat = bulk(PermohonanRiwayat, (
        PermohonanRiwayat(
            permohonan=p, dari=path[step - 1] if step else "", ke=ke,
            oleh_id=prof.user_id if ke in (Status.DRAFT, Status.DIAJUKAN) else admins[step % len(admins)].pk,
            catatan="Mohon lengkapi ijazah." if ke == Status.DIKEMBALIKAN else "",
            created_at=created + timedelta(days=step),
        )
        for p, (prof, _shape, status, created) in zip(permohonan, plan, strict=True)
        for path in (PATH[status],)
        for step, ke in enumerate(path)
    ))
    _apl02(permohonan, plan, units, dokumen)
    n_audit = audit_rows(ctx, _audit(ctx, profiles, permohonan, plan, riwayat, dokumen, ct_permohonan, ct_profile))
    return len(permohonan), n_audit


def _apl02(permohonan, plan, units, dokumen):
    """APL.02 answers for the submitted permohonan of a realistic share (two in five), with the portfolio
    document as evidence of each unit's first element."""
    elemen_of = {u.pk: el for _p, shape, _s, _c in plan for u, el in shape[1]}
    portofolio = {d.permohonan_id: d for d in dokumen if d.persyaratan_id is None}
    with_apl02 = {p.pk for idx, (p, (_prof, _sh, status, _c)) in enumerate(zip(permohonan, plan, strict=True))
                  if status != Status.DRAFT and idx % APL02_EVERY in (0, 2)}
    rows = bulk(AsesmenMandiri, (
        AsesmenMandiri(
            permohonan_unit=pu, elemen=e, urutan=e.urutan, elemen_nama=e.nama,
            jawaban=Jawaban.K if (pu.pk + e.urutan) % 9 else Jawaban.BK,
            bukti_catatan="Lihat portofolio." if e.urutan == 1 else "",
        )
        for pu in units if pu.permohonan_id in with_apl02
        for e in elemen_of.get(pu.unit_id, [])
    ))
    through = AsesmenMandiri.bukti.through
    bulk(through, (
        through(asesmenmandiri_id=row.pk, dokumen_id=portofolio[row.permohonan_unit.permohonan_id].pk)
        for row in rows if row.urutan == 1
    ))


def _audit(ctx, profiles, permohonan, plan, riwayat, dokumen, ct_permohonan, ct_profile):
    """The rows the services would have written: registration, each status change, each upload, the
    verification, and staff views of personal data."""
    admins = ctx.admins
    for prof in profiles:
        yield AuditLog(
            created_at=prof.created_at, actor_id=prof.user_id, action=AuditAction.ASESI_REGISTER.value,
            content_type_id=ct_profile.pk, object_id=str(prof.pk), object_repr=prof.user.nama_lengkap,
        )
        if prof.pk % 3 == 0:
            yield AuditLog(
                created_at=prof.created_at + timedelta(days=3), actor_id=admins[prof.pk % len(admins)].pk,
                action=AuditAction.ASESI_PROFILE_VIEW.value, content_type_id=ct_profile.pk, object_id=str(prof.pk),
                object_repr=prof.user.nama_lengkap, data={"via": "daftar-asesi"},
            )
    repr_of = {p.pk: f"{p.nomor} {shape[0].kode}" for p, (_prof, shape, _s, _c) in zip(permohonan, plan, strict=True)}
    for r in riwayat:
        yield AuditLog(
            created_at=r.created_at, actor_id=r.oleh_id,
            action=(AuditAction.PERMOHONAN_CREATE if r.ke == Status.DRAFT else AuditAction.PERMOHONAN_STATUS).value,
            content_type_id=ct_permohonan.pk, object_id=str(r.permohonan_id), object_repr=repr_of[r.permohonan_id],
            from_state=r.dari, to_state=r.ke,
        )
        if r.ke in (Status.DITERIMA, Status.DITOLAK):
            yield AuditLog(
                created_at=r.created_at, actor_id=r.oleh_id, action=AuditAction.PERMOHONAN_VERIFY.value,
                content_type_id=ct_permohonan.pk, object_id=str(r.permohonan_id),
                object_repr=repr_of[r.permohonan_id],
            )
    for d in dokumen:
        yield AuditLog(
            created_at=d.created_at, actor_id=d.diunggah_oleh_id, action=AuditAction.DOKUMEN_UPLOAD.value,
            content_type_id=ct_permohonan.pk, object_id=str(d.permohonan_id), object_repr=repr_of[d.permohonan_id],
            data={"dokumen": d.pk, "nama": d.nama_asli, "persyaratan": d.persyaratan_id},
        )
