"""Demo planning data (idempotent: skipped when a batch exists): a planned batch of the JWD skema in two
weeks at the first demo TUK, with asesor1 and asesor3 assigned, asesi4 placed and paired with asesor1,
the plan (FR.MAPA.01/02) for every unit, the consultation recorded by the asesor and FR.AK.01 drafted —
so the admin, both asesors and asesi4 each have something to see and to confirm."""

from datetime import timedelta

from django.utils import timezone

from asesi.domain import Status
from asesi.models import Permohonan
from asesor.models import AsesorProfile
from lsp.models import TUK, Skema, User

from . import services
from .domain import BuktiAK01, Instrumen, JenisBukti, Konteks, Metode, Pendekatan
from .models import Jadwal

JWD = "SKM-TIK-JWD-2024"


def seed(stdout):
    if Jadwal.objects.exists():
        stdout.write("asesmen: data demo sudah ada.")
        return
    admin = User.objects.filter(username="admin").first()
    skema = Skema.objects.filter(kode=JWD).first()
    tuk = TUK.objects.filter(aktif=True).order_by("kode").first()
    asesors = {a.user.username: a for a in AsesorProfile.objects.filter(
        user__username__in=["asesor1", "asesor3"]).select_related("user")}
    permohonan = Permohonan.objects.filter(asesi__user__username="asesi4", skema=skema, status=Status.DITERIMA).first()
    if not (admin and skema and tuk and "asesor1" in asesors and permohonan):
        stdout.write("asesmen: data demo asesi/asesor belum lengkap, dilewati.")
        return
    mulai = (timezone.localtime() + timedelta(days=14)).replace(hour=8, minute=0, second=0, microsecond=0)
    jadwal = services.jadwal_create(
        skema=skema, tuk=tuk, mulai=mulai, selesai=mulai + timedelta(hours=8), kapasitas=10,
        catatan="Uji kompetensi Junior Web Developer, gelombang demo.", by=admin,
    )
    for username in ("asesor1", "asesor3"):
        if username in asesors:
            services.penugasan_add(jadwal=jadwal, asesor=asesors[username], by=admin)
    [peserta] = services.peserta_add(jadwal=jadwal, permohonan_list=[permohonan], by=admin)
    services.peserta_assign_asesor(peserta=peserta, asesor=asesors["asesor1"], by=admin)
    for unit in skema.units.all():
        services.mapa_save(
            jadwal=jadwal, unit=unit, pendekatan=Pendekatan.PEKERJA_BERPENGALAMAN, konteks=Konteks.SIMULASI,
            konfirmasi_bukti="Supervisor", metode=[Metode.OBSERVASI, Metode.TANYA_JAWAB, Metode.PORTOFOLIO],
            jenis_bukti=[JenisBukti.L, JenisBukti.TL], instrumen=[Instrumen.IA01, Instrumen.IA03, Instrumen.IA08],
            by=admin,
        )
    asesor_user = asesors["asesor1"].user
    services.konsultasi_save(peserta=peserta, proses=True, bukti=True, hak=True, kerahasiaan=True,
                             catatan="Konsultasi lewat telepon.", by=asesor_user)
    services.ak01_save(peserta=peserta, bukti=[BuktiAK01.PORTOFOLIO, BuktiAK01.OBSERVASI, BuktiAK01.TANYA_JAWAB],
                       tempat=tuk.nama, waktu=mulai + timedelta(hours=1), by=asesor_user)
    stdout.write(f"asesmen: jadwal {jadwal.kode} ({skema.kode}) dengan asesor1, asesor3 dan asesi4.")
