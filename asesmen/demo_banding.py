"""Demo FR.AK.04 banding (idempotent: skipped when an appeal exists): asesi1 was assessed today on the
PUM skema by asesor2, K on the first unit and BK on the others; the komite decided BK and asesi1 appealed,
so the komite's "Banding" queue has one appeal waiting and asesi1 sees it on their page."""



from asesi.domain import Keputusan, Status
from asesor.models import AsesorProfile
from lsp.models import KUK, TUK, Skema, User

from . import services
from .domain import BuktiAK01, Instrumen, JenisBukti, Konteks, Metode, Pendekatan
from .models import Banding

PUM = "SKM-KOP-PUM-2024"


def seed_banding(stdout):
    from asesi import services as asesi_services
    from asesi.models import AsesiProfile

    from .demo import demo_signature, started_today
    from .services.banding import banding_ajukan

    if Banding.objects.exists():
        stdout.write("asesmen: data demo banding sudah ada.")
        return
    users = {u.username: u for u in User.objects.filter(username__in=["admin", "komite"])}
    skema = Skema.objects.filter(kode=PUM).first()
    tuk = TUK.objects.filter(aktif=True).order_by("kode").last()
    asesor = AsesorProfile.objects.filter(user__username="asesor2").select_related("user").first()
    profil = AsesiProfile.objects.filter(user__username="asesi1").select_related("user").first()
    if not (len(users) == 2 and skema and tuk and asesor and profil):
        stdout.write("asesmen: data demo banding dilewati (data dasar belum lengkap).")
        return
    admin, komite, user = users["admin"], users["komite"], profil.user
    asesor_user, ip = asesor.user, "127.0.0.1"
    p, jadwal, peserta, _mulai = started_today(
        profil=profil, skema=skema, tuk=tuk, asesor=asesor, admin=admin, jam=6, sudah_jam=3,
        catatan="Uji kompetensi PUM (demo banding).",
        mapa={"pendekatan": Pendekatan.PEKERJA_BERPENGALAMAN, "konteks": Konteks.TEMPAT_KERJA,
              "metode": [Metode.OBSERVASI, Metode.PORTOFOLIO], "jenis_bukti": [JenisBukti.L, JenisBukti.TL],
              "instrumen": [Instrumen.IA01, Instrumen.IA08]},
        bukti_ak01=[BuktiAK01.OBSERVASI, BuktiAK01.PORTOFOLIO],
    )
    first = skema.units.order_by("urutan").first()
    for kuk in KUK.objects.filter(elemen__unit__skema=skema).select_related("elemen"):
        hasil = "K" if kuk.elemen.unit_id == first.pk else "BK"
        services.kuk_save(peserta=peserta, kuk=kuk, hasil=hasil, bukti="Observasi di tempat kerja", by=asesor_user)
    services.rekaman_submit(peserta=peserta, ttd=demo_signature(), by=asesor_user, ip=ip,
                            tindak_lanjut="Tunjukkan bukti pendampingan UMKM untuk unit yang belum kompeten.")
    p.refresh_from_db()
    asesi_services.permohonan_transition(permohonan=p, to=Status.DIPUTUSKAN, by=komite, keputusan=Keputusan.BK,
                                         note="Pleno demo")
    banding = banding_ajukan(
        permohonan=p, by=user, jawaban={"dijelaskan": True, "didiskusikan": True, "melibatkan": False},
        alasan="Portofolio pendampingan koperasi yang saya bawa belum diperiksa untuk unit kedua.",
    )
    stdout.write(f"asesmen: asesi1 diputuskan BK ({skema.kode}) dan mengajukan banding {banding.kode}.")
