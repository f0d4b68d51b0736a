"""Demo asesors, relative to the day the demo is seeded (idempotent: an existing profile is left alone).

* asesor1 Siti Rahmawati — aktif, about 4 months left, 7 assessments: *layak rekognisi* ("sudah memenuhi"), and
  has asked for recognition (RCC) with two documents; the request waits for the admin.
* asesor2 Agus Wijaya — *segera kedaluwarsa* (about 45 days left), "4 dari 6 asesmen", one external
  assessment still waiting for verification.
* asesor3 Dewi Lestari — Master Asesor since 2012, recognised every 3 years; leads the diklat.
* A diklat starting in a month at TUK Sewaktu Hotel Sofia Sidoarjo with asesi4 and asesi5 as candidates.
"""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from lsp.models import TUK, Skema, User
from lsp.roles import Role

from . import domain
from .models import (
    AsesorProfile,
    BuktiRekognisi,
    Diklat,
    KompetensiTeknis,
    KonflikKepentingan,
    PengajuanRekognisi,
    PesertaDiklat,
    RiwayatAsesmen,
)
from .models import SertifikatAsesor as Sertifikat

D = timedelta(days=1)
DEMO_PDF = b"%PDF-1.4\n% surat tugas asesor (demo)\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
JWD, ASKOM, PUM = "SKM-TIK-JWD-2024", "SKM-MET-ASKOM-2023", "SKM-KOP-PUM-2024"


def _cert_chain(asesor, first_issued_on, prefix, today):
    """The first certificate, then a recognition the day after each one ends, up to today."""
    issued_on, jenis, n = first_issued_on, domain.JenisSertifikat.AWAL, 1
    while issued_on <= today:
        cert = Sertifikat.objects.create(
            asesor=asesor, nomor=f"{prefix}-{n:02d}", jenis=jenis, issued_on=issued_on,
            valid_until=domain.sertifikat_valid_until(issued_on),
        )
        issued_on, jenis, n = domain.recognition_starts_on(cert.valid_until), domain.JenisSertifikat.REKOGNISI, n + 1


def _internal(asesor, dates, skema, tag):
    for i, tanggal in enumerate(dates, 1):
        RiwayatAsesmen.objects.create(
            asesor=asesor, sumber=RiwayatAsesmen.Sumber.INTERNAL, tanggal=tanggal, skema=skema,
            jumlah_asesi=3 + i % 4, sumber_ref=f"demo:{tag}:{i}", status=domain.StatusVerifikasi.DITERIMA,
            verified_at=timezone.now(),
        )


def _external(asesor, tanggal, status, nama_lsp, skema_nama, admin):
    entry = RiwayatAsesmen(
        asesor=asesor, sumber=RiwayatAsesmen.Sumber.EKSTERNAL, tanggal=tanggal, skema_nama=skema_nama,
        nama_lsp=nama_lsp, jumlah_asesi=5, status=status, created_by=admin, dokumen_nama="surat-tugas.pdf",
        dokumen_mime="application/pdf",
        catatan="Surat tugas dan berita acara asesmen.",
    )
    if status != domain.StatusVerifikasi.MENUNGGU:
        entry.verified_by, entry.verified_at = admin, timezone.now()
    entry.dokumen.save("surat-tugas.pdf", ContentFile(DEMO_PDF), save=False)
    entry.save()


def _kompetensi(asesor, skema, nomor, penerbit, issued_on):
    if skema is not None:
        KompetensiTeknis.objects.create(
            asesor=asesor, skema=skema, nomor_sertifikat=nomor, penerbit=penerbit, issued_on=issued_on
        )


def seed(stdout):
    today = timezone.localdate()
    users = {u.username: u for u in User.objects.filter(username__in=["admin", "asesor1", "asesor2", "asesor3",
                                                                        "asesi1", "asesi4", "asesi5"])}
    if not {"asesor1", "asesor2", "asesor3"} <= users.keys():
        stdout.write("asesor: akun demo asesor1-3 tidak ada, dilewati.")
        return
    if AsesorProfile.objects.filter(user__username__in=["asesor1", "asesor2", "asesor3"]).exists():
        stdout.write("asesor: data demo sudah ada.")
        return
    skema = {s.kode: s for s in Skema.objects.filter(kode__in=[JWD, ASKOM, PUM])}
    admin = users.get("admin")
    group = Group.objects.get_or_create(name=Role.ASESOR.value)[0]

    # asesor3: Master Asesor since 2012, recognised every 3 years.
    a3 = AsesorProfile.objects.create(
        user=users["asesor3"], nomor_registrasi="MET.000.001668 2012", telepon="0812-3300-1668",
        alamat="Jl. Kertajaya No. 12, Surabaya", is_master=True,
    )
    first = domain.add_years(today - 400 * D, -12)
    _cert_chain(a3, first, "ASK.1668", today)
    _kompetensi(a3, skema.get(ASKOM), "74101 2311 6 0001668 2012", "BNSP", first)
    _kompetensi(a3, skema.get(JWD), "62010 2421 4 0031337 2019", "LSP Informatika", first + 7 * 365 * D)
    _kompetensi(a3, skema.get(PUM), "70209 3434 5 0004410 2016", "LSP Koperasi Nusantara", first + 4 * 365 * D)
    current3 = a3.sertifikat.order_by("-issued_on").first()
    _internal(a3, [current3.issued_on + (40 + 60 * i) * D for i in range(2)], skema.get(ASKOM), "asesor3")

    # asesor1: about 4 months left, 7 assessments — eligible for recognition.
    a1 = AsesorProfile.objects.create(
        user=users["asesor1"], nomor_registrasi="MET.000.004217 2022", telepon="0813-5521-4217",
        alamat="Jl. Raya Darmo No. 45, Surabaya",
    )
    issued1 = domain.add_years(today, -3) + 120 * D
    _cert_chain(a1, issued1, "ASK.4217", today)
    _kompetensi(a1, skema.get(JWD), "62010 2421 4 0007788 2020", "LSP Informatika", issued1 - 700 * D)
    _internal(a1, [issued1 + (30 + 120 * i) * D for i in range(7)], skema.get(JWD), "asesor1")
    # ...and has asked for recognition with two documents: it waits in the admin's "Verifikasi asesor".
    pengajuan = PengajuanRekognisi.objects.create(
        asesor=a1, sertifikat=a1.sertifikat.order_by("-issued_on").first(), jumlah_asesmen=7,
        catatan="Rekap 7 asesmen dan surat tugas terlampir.",
    )
    for nama in ("rekap-asesmen.pdf", "surat-tugas.pdf"):
        bukti = BuktiRekognisi(pengajuan=pengajuan, dokumen_nama=nama, dokumen_mime="application/pdf")
        bukti.dokumen.save(nama, ContentFile(DEMO_PDF), save=False)
        bukti.save()
    if "asesi1" in users:
        KonflikKepentingan.objects.create(
            asesor=a1, pihak=users["asesi1"], alasan="Rekan kerja satu kantor (PT Nusantara Digital).",
            declared_by=admin,
        )

    # asesor2: about 45 days left, 4 accepted assessments (3 here, 1 for another LSP) + 1 waiting.
    a2 = AsesorProfile.objects.create(
        user=users["asesor2"], nomor_registrasi="MET.000.003981 2022", telepon="0857-3390-3981",
        alamat="Jl. Pahlawan No. 7, Sidoarjo",
    )
    issued2 = domain.add_years(today, -3) + 45 * D
    _cert_chain(a2, issued2, "ASK.3981", today)
    _kompetensi(a2, skema.get(PUM), "70209 3434 5 0002291 2019", "LSP Koperasi Nusantara", issued2 - 900 * D)
    KompetensiTeknis.objects.create(
        asesor=a2, bidang="TIK", nomor_sertifikat="62010 2421 3 0005120 2021", penerbit="LSP Informatika",
        issued_on=issued2 - 300 * D, valid_until=domain.add_years(issued2 - 300 * D, 3) - D,
    )
    _internal(a2, [issued2 + (100 + 200 * i) * D for i in range(3)], skema.get(PUM), "asesor2")
    _external(a2, issued2 + 500 * D, domain.StatusVerifikasi.DITERIMA, "LSP Pariwisata Jawa Timur",
              "Pemandu Wisata", admin)
    _external(a2, today - 20 * D, domain.StatusVerifikasi.MENUNGGU, "LSP Ekonomi Kreatif", "Barista", admin)

    for user in (users["asesor1"], users["asesor2"], users["asesor3"]):
        user.groups.add(group)

    # A diklat for asesor candidates, starting in a month.
    if ASKOM in skema:
        mulai = today + 30 * D
        tuk = TUK.objects.filter(kode="TUK-SWK-001").first()
        diklat = Diklat.objects.create(
            nama="Diklat dan Sertifikasi Asesor Kompetensi Angkatan 1", skema=skema[ASKOM], tanggal_mulai=mulai,
            tanggal_selesai=mulai + 4 * D, tuk=tuk, tempat="" if tuk else "Hotel Sofia Front One, Sidoarjo",
            master_asesor=a3, keterangan="Diklat 5 hari diakhiri uji kompetensi pada asesi sebenarnya.",
        )
        for username in ("asesi4", "asesi5"):
            if username in users:
                PesertaDiklat.objects.create(diklat=diklat, user=users[username])
    stdout.write("asesor: 3 asesor (asesor3 Master Asesor), sertifikat, riwayat asesmen, 1 diklat.")
