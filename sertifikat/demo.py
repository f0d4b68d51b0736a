"""Demo certificates (idempotent): asesi5 certified on Asesor Kompetensi (aktif, PDF made) and on
Pendamping UMKM, then revoked (asesi5's Junior Web Developer application is the demo's assessed record) — both through the real flow (application, verification, scheduling,
assessment, the komite's K decision in an SK the director approved, issuing), so the public verification page can be tried at once
with the numbers printed here."""

from django.conf import settings
from django.db import transaction

from asesi import services as asesi_services
from asesi.demo import _apl02, _upload_all
from asesi.domain import HasilVerifikasi, Status, Tujuan
from asesi.models import AsesiProfile
from asesmen.demo_keputusan import approved_sk_for
from lsp.models import Skema, User

from . import services
from .models import Sertifikat
from .pengaduan import demo as pengaduan_demo

DEMO = [("asesi5", "SKM-MET-ASKOM-2023", False), ("asesi5", "SKM-KOP-PUM-2024", True)]


def _decided(profil, skema, admin, komite, direktur):
    user = profil.user
    p = asesi_services.permohonan_create(asesi=profil, skema=skema, tujuan=Tujuan.SERTIFIKASI, by=user)
    docs = _upload_all(p, user)
    _apl02(p, user, docs)
    asesi_services.permohonan_submit(permohonan=p, by=user)
    hasil = {i.pk: (HasilVerifikasi.ADA_MEMENUHI, "") for i in p.persyaratan.all()}
    asesi_services.permohonan_verify(permohonan=p, hasil=hasil, keputusan=Status.DITERIMA, by=admin)
    asesi_services.permohonan_transition(permohonan=p, to=Status.DIJADWALKAN, by=admin, note="Jadwal demo")
    asesi_services.permohonan_transition(permohonan=p, to=Status.DIASES, by=admin, note="Asesmen demo selesai")
    approved_sk_for(p, admin=admin, komite=komite, direktur=direktur)  # every demo certificate has its SK
    return p


def seed(stdout):
    admin = User.objects.filter(username="admin").first()
    komite = User.objects.filter(username="komite").first()
    direktur = User.objects.filter(username="direktur").first()
    if admin is None or komite is None or direktur is None:
        return
    for username, kode, revoke in DEMO:
        profil = AsesiProfile.objects.filter(user__username=username).first()
        skema = Skema.objects.filter(kode=kode).first()
        if profil is None or skema is None or Sertifikat.objects.filter(asesi=profil, skema=skema).exists():
            continue
        with transaction.atomic():
            cert = services.sertifikat_issue(permohonan=_decided(profil, skema, admin, komite, direktur), by=admin)
            if revoke:
                services.sertifikat_revoke(
                    sertifikat=cert, alasan="Contoh pencabutan: dokumen persyaratan terbukti tidak sah.", by=admin
                )
        services.sertifikat_pdf_render(sertifikat_id=cert.pk)  # made now, whether or not a worker runs
    pengaduan_demo.seed(stdout)
    _legacy(admin, stdout)
    base = settings.LSP_SITE_URL.rstrip("/")
    for cert in Sertifikat.objects.filter(asesi__user__username__in=[d[0] for d in DEMO]).order_by("pk"):
        stdout.write(
            f"Sertifikat demo {cert.nomor} ({cert.get_status_display()}): {base}/verifikasi/{cert.token}/"
        )


# Certificates issued before the system, imported through the real import (``sertifikat_import``), spread
# over the last year so the admin home's "issued per month" chart shows real months, and one whose
# validity ends within 90 days ("what needs action today"). (asesi, skema, months ago | None = expiring)
LEGACY = [
    ("asesi1", "SKM-KOP-PUM-2024", 1), ("asesi2", "SKM-KOP-PUM-2024", 2), ("asesi3", "SKM-KOP-PUM-2024", 4),
    ("asesi4", "SKM-KOP-PUM-2024", 6), ("asesi1", "SKM-MET-ASKOM-2023", 9), ("asesi2", "SKM-MET-ASKOM-2023", 11),
    ("asesi3", "SKM-MET-ASKOM-2023", None),
]


def _legacy(admin, stdout):
    from datetime import timedelta

    from django.utils import timezone

    from lsp.charts_common import months_back
    from lsp.domain import add_years
    from lsp.importers import Table

    if Sertifikat.objects.filter(sumber="impor", nomor__startswith="DEMO-LAMA-").exists():
        return
    today = timezone.localdate()
    rows = []
    for n, (username, kode, months) in enumerate(LEGACY, start=1):
        profil = AsesiProfile.objects.filter(user__username=username).first()
        skema = Skema.objects.filter(kode=kode).first()
        if profil is None or skema is None:
            continue
        if months is None:  # its validity ends 45 days from today
            terbit = add_years(today, -skema.masa_berlaku_tahun) + timedelta(days=46)
        else:  # the 15th of the month ``months`` ago
            terbit = months_back(today, months + 1)[0] + timedelta(days=14)
        rows.append((n + 1, [f"DEMO-LAMA-{n:04d}", f"REG-DEMO-{n:04d}", profil.nik, kode, terbit.isoformat()]))
    if not rows:
        return
    table = Table(header=["nomor", "nomor_registrasi", "nik", "skema", "tanggal_terbit"], header_row=1, rows=rows)
    done = services.sertifikat_import(table=table, by=admin)
    for cert in done:
        services.sertifikat_pdf_render(sertifikat_id=cert.pk)  # made now, whether or not a worker runs
    stdout.write(f"Sertifikat lama diimpor untuk grafik beranda: {len(done)}")
