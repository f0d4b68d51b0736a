"""Demo FR.AK.04 banding (idempotent: skipped when an appeal exists): asesi1 was assessed today on the
PUM skema by asesor2, K on the first unit and BK on the others; the komite decided BK and asesi1 appealed,
so the komite's "Banding" queue has one appeal waiting and asesi1 sees it on their page."""

from datetime import timedelta

from django.utils import timezone

from asesi.domain import Keputusan, Status
from asesor.models import AsesorProfile
from lsp.models import KUK, TUK, Skema, User

from . import services
from .domain import BuktiAK01, Instrumen, JenisBukti, Konteks, Metode, Pendekatan, Rekomendasi, StatusJadwal
from .models import Banding, Jadwal

PUM = "SKM-KOP-PUM-2024"


def seed_banding(stdout):
    from asesi import services as asesi_services
    from asesi.demo import _apl02, _upload_all
    from asesi.domain import HasilVerifikasi, Tujuan
    from asesi.models import AsesiProfile

    from .demo import demo_signature
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
    p = asesi_services.permohonan_create(asesi=profil, skema=skema, tujuan=Tujuan.SERTIFIKASI, by=user)
    _apl02(p, user, _upload_all(p, user))
    asesi_services.permohonan_submit(permohonan=p, by=user)
    asesi_services.permohonan_verify(
        permohonan=p, hasil={i.pk: (HasilVerifikasi.ADA_MEMENUHI, "") for i in p.persyaratan.all()},
        keputusan=Status.DITERIMA, by=admin)
    now = timezone.now()
    mulai = now + timedelta(minutes=5)
    jadwal = services.jadwal_create(skema=skema, tuk=tuk, mulai=mulai, selesai=mulai + timedelta(hours=6),
                                    kapasitas=5, catatan="Uji kompetensi PUM (demo banding).", by=admin)
    penugasan = services.penugasan_add(jadwal=jadwal, asesor=asesor, by=admin)
    [peserta] = services.peserta_add(jadwal=jadwal, permohonan_list=[p], by=admin)
    services.peserta_assign_asesor(peserta=peserta, asesor=asesor, by=admin)
    for unit in skema.units.all():
        services.mapa_save(jadwal=jadwal, unit=unit, pendekatan=Pendekatan.PEKERJA_BERPENGALAMAN,
                           konteks=Konteks.TEMPAT_KERJA,
                           metode=[Metode.OBSERVASI, Metode.PORTOFOLIO], jenis_bukti=[JenisBukti.L, JenisBukti.TL],
                           instrumen=[Instrumen.IA01, Instrumen.IA08], by=admin)
    services.verifikasi_tuk_save(jadwal=jadwal, tempat=True, peralatan=True, bahan=True, k3=True,
                                 tanggal=timezone.localdate(), by=admin)
    asesor_user, ip = asesor.user, "127.0.0.1"
    services.pernyataan_sign(penugasan=penugasan, by=asesor_user, ip=ip)
    services.rekomendasi_save(peserta=peserta, rekomendasi=Rekomendasi.LANJUT, by=asesor_user)
    services.konsultasi_save(peserta=peserta, proses=True, bukti=True, hak=True, kerahasiaan=True, by=asesor_user)
    services.konsultasi_confirm(peserta=peserta, by=user, ip=ip)
    services.ak01_save(peserta=peserta, bukti=[BuktiAK01.OBSERVASI, BuktiAK01.PORTOFOLIO], tempat=tuk.nama,
                       waktu=mulai, by=asesor_user)
    services.ak01_confirm(peserta=peserta, by=asesor_user, ip=ip)
    services.ak01_confirm(peserta=peserta, by=user, ip=ip)
    services.jadwal_transition(jadwal=jadwal, to=StatusJadwal.BERJALAN, by=admin)
    Jadwal.objects.filter(pk=jadwal.pk).update(mulai=now - timedelta(hours=3), selesai=now + timedelta(hours=3))
    peserta.refresh_from_db()
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
