"""Demo planning data (idempotent: skipped when a batch exists): a planned batch of the JWD skema in two
weeks at the first demo TUK, with asesor1 and asesor3 assigned, asesi4 placed and paired with asesor1,
the plan (FR.MAPA.01/02) for every unit, the consultation recorded by the asesor and FR.AK.01 drafted —
so the admin, both asesors and asesi4 each have something to see and to confirm. Then (``seed_pelaksanaan``)
a batch running today with asesi5 fully assessed by asesor1, so every role can see a finished record;
(``demo_validasi``) the validator's sample of it with a finding."""

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


def seed_perencanaan(stdout):
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


# --- execution (issue 12) -------------------------------------------------------------------------

BANK = {  # per JWD unit: (instrument, question, options, key)
    "IA.03": [("Mengapa langkah ini dilakukan sebelum langkah berikutnya?", [], "")],
    "IA.05": [
        ("Tag HTML untuk tautan adalah …", ["<a>", "<link>", "<href>"], "A"),
        ("Perintah Git untuk menyimpan perubahan ke repositori lokal adalah …", ["git push", "git commit",
                                                                                 "git pull"], "B"),
    ],
    "IA.07": [("Jelaskan cara Anda memastikan kode yang ditulis mudah dirawat.", [], "")],
    "IA.08": [("Portofolio proyek aplikasi web", [], "")],
}


def seed(stdout):
    from .demo_banding import seed_banding
    from .demo_validasi import seed_validasi

    seed_perencanaan(stdout)
    seed_pelaksanaan(stdout)
    seed_keputusan(stdout)
    seed_banding(stdout)
    seed_validasi(stdout)


def seed_keputusan(stdout):
    """The demo's assessed batch (asesi5, JWD) goes to pleno: asesor1 signs FR.AK.05, the komite decides K
    and submits the SK, which waits for the director (log in as ``direktur`` to approve or refuse it).
    The approved SKs with certificates come from ``sertifikat.demo``. Idempotent."""
    from .demo_keputusan import seed_sk_pending

    seed_sk_pending(stdout)


def _bank(skema, admin):
    from .models import ButirInstrumen

    if ButirInstrumen.objects.filter(unit__skema=skema).exists():
        return
    for unit in skema.units.all():
        for instrumen, items in BANK.items():
            for n, (pertanyaan, pilihan, kunci) in enumerate(items, 1):
                services.butir_save(unit=unit, instrumen=instrumen, pertanyaan=pertanyaan, pilihan=pilihan,
                                    kunci=kunci, urutan=n, by=admin,
                                    acuan="Jawaban menyebut alasan dan contoh." if instrumen == "IA.07" else "")


def demo_signature() -> str:
    """A drawn-looking signature as a canvas sends it (PNG data URL)."""
    import base64
    import io
    import math

    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (300, 100), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    points = [(20 + x, 55 + 25 * math.sin(x / 18) * math.cos(x / 47)) for x in range(0, 260, 4)]
    draw.line(points, fill=(20, 20, 60, 255), width=3)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()



def started_today(*, profil, skema, tuk, asesor, admin, jam, sudah_jam, catatan, mapa, bukti_ak01):
    """The way every demo assessment begins, through the services: the asesi applies (APL.01/02) and is
    verified, a batch of ``jam`` hours is made at ``tuk`` with ``asesor`` assigned and paired, planned
    (``mapa``: FR.MAPA.01/02 per unit) and its TUK checked, the asesor signs the impartiality declaration,
    recommends, consults, and both agree FR.AK.01; the batch starts and is moved to have begun ``sudah_jam``
    hours ago (the planning rules refuse a start in the past). Returns (permohonan, jadwal, peserta, mulai)."""
    from asesi import services as asesi_services
    from asesi.demo import _apl02, _upload_all
    from asesi.domain import HasilVerifikasi, Tujuan

    from .domain import Rekomendasi, StatusJadwal

    user, asesor_user, ip = profil.user, asesor.user, "127.0.0.1"
    p = asesi_services.permohonan_create(asesi=profil, skema=skema, tujuan=Tujuan.SERTIFIKASI, by=user)
    _apl02(p, user, _upload_all(p, user))
    asesi_services.permohonan_submit(permohonan=p, by=user)
    asesi_services.permohonan_verify(
        permohonan=p, hasil={i.pk: (HasilVerifikasi.ADA_MEMENUHI, "") for i in p.persyaratan.all()},
        keputusan=Status.DITERIMA, by=admin)
    now = timezone.now()
    mulai = now + timedelta(minutes=5)
    jadwal = services.jadwal_create(skema=skema, tuk=tuk, mulai=mulai, selesai=mulai + timedelta(hours=jam),
                                    kapasitas=5, catatan=catatan, by=admin)
    penugasan = services.penugasan_add(jadwal=jadwal, asesor=asesor, by=admin)
    [peserta] = services.peserta_add(jadwal=jadwal, permohonan_list=[p], by=admin)
    services.peserta_assign_asesor(peserta=peserta, asesor=asesor, by=admin)
    for unit in skema.units.all():
        services.mapa_save(jadwal=jadwal, unit=unit, by=admin, **mapa)
    services.verifikasi_tuk_save(jadwal=jadwal, tempat=True, peralatan=True, bahan=True, k3=True,
                                 tanggal=timezone.localdate(), by=admin)
    services.pernyataan_sign(penugasan=penugasan, by=asesor_user, ip=ip)
    services.rekomendasi_save(peserta=peserta, rekomendasi=Rekomendasi.LANJUT, by=asesor_user)
    services.konsultasi_save(peserta=peserta, proses=True, bukti=True, hak=True, kerahasiaan=True, by=asesor_user)
    services.konsultasi_confirm(peserta=peserta, by=user, ip=ip)
    services.ak01_save(peserta=peserta, bukti=bukti_ak01, tempat=tuk.nama, waktu=mulai, by=asesor_user)
    services.ak01_confirm(peserta=peserta, by=asesor_user, ip=ip)
    services.ak01_confirm(peserta=peserta, by=user, ip=ip)
    services.jadwal_transition(jadwal=jadwal, to=StatusJadwal.BERJALAN, by=admin)
    Jadwal.objects.filter(pk=jadwal.pk).update(mulai=now - timedelta(hours=sudah_jam),
                                               selesai=now + timedelta(hours=jam - sudah_jam))
    peserta.refresh_from_db()
    return p, jadwal, peserta, mulai

def seed_pelaksanaan(stdout):
    """A batch in progress today (JWD, asesor1) with asesi5 fully assessed: every KUK K, the instruments
    answered, the IA.05 test taken, FR.AK.02 submitted and signed, FR.AK.03 sent — so every role sees a
    finished record. Idempotent: skipped when an assessment record exists."""
    from asesi.models import AsesiProfile
    from lsp.models import KUK

    from .domain_pelaksanaan import UMPAN_BALIK
    from .models import ButirInstrumen, RekamanAsesmen

    if RekamanAsesmen.objects.exists():
        stdout.write("asesmen: data demo pelaksanaan sudah ada.")
        return
    admin = User.objects.filter(username="admin").first()
    skema = Skema.objects.filter(kode=JWD).first()
    tuk = TUK.objects.filter(aktif=True).order_by("kode").first()
    asesor = AsesorProfile.objects.filter(user__username="asesor1").select_related("user").first()
    profil = AsesiProfile.objects.filter(user__username="asesi5").select_related("user").first()
    if not (admin and skema and tuk and asesor and profil):
        stdout.write("asesmen: data demo pelaksanaan dilewati (data dasar belum lengkap).")
        return
    _bank(skema, admin)
    user, asesor_user, ip = profil.user, asesor.user, "127.0.0.1"
    p, jadwal, peserta, mulai = started_today(
        profil=profil, skema=skema, tuk=tuk, asesor=asesor, admin=admin, jam=8, sudah_jam=2,
        catatan="Uji kompetensi hari ini (demo).",
        mapa={"pendekatan": Pendekatan.HASIL_PELATIHAN, "konteks": Konteks.SIMULASI,
              "metode": [Metode.OBSERVASI, Metode.TES_TERTULIS, Metode.TANYA_JAWAB, Metode.PORTOFOLIO],
              "jenis_bukti": [JenisBukti.L, JenisBukti.TL, JenisBukti.T],
              "instrumen": [Instrumen.IA01, Instrumen.IA05, Instrumen.IA07, Instrumen.IA08]},
        bukti_ak01=[BuktiAK01.OBSERVASI, BuktiAK01.TERTULIS, BuktiAK01.TANYA_JAWAB],
    )
    ttd = demo_signature()
    services.ujian_start(peserta=peserta, by=user)
    for butir in services.pelaksanaan.ujian_butir(peserta):
        services.ujian_answer(peserta=peserta, butir=butir, pilihan=butir.kunci, by=user)
    services.ujian_finish(peserta=peserta, by=user)
    for kuk in KUK.objects.filter(elemen__unit__skema=skema).select_related("elemen"):
        services.kuk_save(peserta=peserta, kuk=kuk, hasil="K", bukti="Observasi demonstrasi", by=asesor_user)
    vatm = {"valid": True, "asli": True, "terkini": True, "memadai": True}
    for butir in ButirInstrumen.objects.filter(unit__skema=skema, instrumen__in=["IA.05", "IA.07", "IA.08"]):
        services.jawaban_save(peserta=peserta, butir=butir, penilaian="memadai", vatm=vatm, by=asesor_user,
                              jawaban="Dijawab lengkap dengan contoh." if butir.instrumen == "IA.07" else "")
    services.rekaman_submit(peserta=peserta, ttd=ttd, catatan="Asesi kompeten pada semua unit.", by=asesor_user,
                            ip=ip)
    services.umpan_balik_submit(peserta=peserta, jawaban={k: True for k, _label in UMPAN_BALIK}, ttd=ttd, by=user,
                                ip=ip)
    services.tanda_tangan_sign(peserta=peserta, dokumen="AK.02", ttd=ttd, by=user, ip=ip)
    stdout.write(f"asesmen: jadwal {jadwal.kode} berjalan; asesi5 sudah diases (FR.AK.02 K, FR.AK.03).")
