"""Demo of the decision stage: a pending SK (submitted, waiting for the director) from the demo's assessed
batch, and ``approved_sk_for`` which the certificate demo uses so every demo certificate comes from an
approved SK."""

from datetime import timedelta

from django.utils import timezone

from lsp.models import TUK, LspProfile, User

from . import services
from .domain import StatusJadwal
from .domain_keputusan import StatusSK
from .models import Jadwal, KeputusanPeserta, KeputusanSK, PenugasanAsesor, PesertaJadwal, RekamanAsesmen
from .services.keputusan import _nomor_next, sk_nomor


def seed_sk_pending(stdout):
    komite = User.objects.filter(username="komite").first()
    rekaman = (RekamanAsesmen.objects.filter(status="diajukan", peserta__aktif=True, peserta__keputusan_pleno=None)
               .select_related("peserta__jadwal", "peserta__asesor__user").first())
    if komite is None or rekaman is None or KeputusanSK.objects.filter(jadwal=rekaman.peserta.jadwal).exists():
        return
    peserta = rekaman.peserta
    penugasan = PenugasanAsesor.objects.filter(jadwal=peserta.jadwal, asesor=peserta.asesor).first()
    from .demo import demo_signature

    asesor_user = peserta.asesor.user
    services.laporan_save(penugasan=penugasan, catatan="Asesmen berjalan lancar; asesi siap dan bukti lengkap.",
                          rekomendasi="Tambahkan contoh kasus terbaru pada IA.07.",
                          tindak_lanjut="Tidak ada unit yang perlu diulang.", by=asesor_user)
    services.laporan_sign(penugasan=penugasan, ttd=demo_signature(), by=asesor_user, ip="127.0.0.1")
    services.keputusan_save(peserta=peserta, keputusan="K", catatan="Sesuai rekaman asesmen.", by=komite)
    sk = KeputusanSK.objects.get(jadwal=peserta.jadwal)
    services.sk_save(sk=sk, tanggal_pleno=timezone.localdate(), catatan="Pleno komite teknis (demo).", by=komite)
    services.sk_transition(sk=sk, to=StatusSK.DIAJUKAN, by=komite)
    stdout.write(f"asesmen: FR.AK.05 ditandatangani; SK {peserta.jadwal.kode} diajukan, menunggu direktur.")


def approved_sk_for(permohonan, *, admin, komite, direktur, asesor=None):
    """Demo shortcut for applications the demo certifies without running a whole assessment: a finished
    batch with the application placed, decided K by the komite in an SK the director approved, and the
    application moved to *diputuskan* by the director (as ``services.sk_transition`` does)."""
    from asesi.domain import Keputusan, Status
    from asesi.services import permohonan_transition

    now = timezone.now()
    mulai = now - timedelta(days=2)
    jadwal = Jadwal.objects.create(skema=permohonan.skema, tuk=TUK.objects.filter(aktif=True).order_by("kode").first(),
                                   mulai=mulai, selesai=mulai + timedelta(hours=8), kapasitas=10,
                                   status=StatusJadwal.SELESAI, catatan="Jadwal demo (sudah diputuskan).",
                                   dibuat_oleh=admin)
    peserta = PesertaJadwal.objects.create(jadwal=jadwal, permohonan=permohonan, asesor=asesor, aktif=False,
                                           keluar_pada=now)
    year = timezone.localdate().year
    nomor = sk_nomor(urut=_nomor_next("sk", year), tahun=year, kode_lsp=LspProfile.get().kode_lsp)
    sk = KeputusanSK.objects.create(jadwal=jadwal, status=StatusSK.DISETUJUI, nomor=nomor,
                                    tanggal_pleno=timezone.localdate(), catatan="Pleno demo", diajukan_pada=now,
                                    diajukan_oleh=komite, diputuskan_pada=now, diputuskan_oleh=direktur)
    KeputusanPeserta.objects.create(sk=sk, peserta=peserta, keputusan=Keputusan.K, oleh=komite, pada=now)
    permohonan_transition(permohonan=permohonan, to=Status.DIPUTUSKAN, by=direktur, keputusan=Keputusan.K,
                          note=f"SK {nomor}")
    return sk
