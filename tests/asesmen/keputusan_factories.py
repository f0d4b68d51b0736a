"""An application decided in an approved SK (for the sertifikat tests, which start after the pleno)."""

from datetime import timedelta

from django.utils import timezone

from asesmen.domain import StatusJadwal
from asesmen.domain_keputusan import StatusSK
from asesmen.models import Jadwal, KeputusanPeserta, KeputusanSK, PesertaJadwal
from tests.factories import TUKFactory, UserFactory


def in_approved_sk(permohonan, keputusan="K", sk=None):
    """Place ``permohonan`` in a finished batch and decide it ``keputusan`` in an approved SK (a new one,
    or ``sk``'s batch). Rows only: the services are tested in test_keputusan_services."""
    now = timezone.now()
    if sk is None:
        jadwal = Jadwal.objects.create(skema=permohonan.skema, tuk=TUKFactory(), mulai=now - timedelta(days=3),
                                       selesai=now - timedelta(days=3, hours=-8), status=StatusJadwal.SELESAI)
        sk = KeputusanSK.objects.create(jadwal=jadwal, status=StatusSK.DISETUJUI, nomor=f"SK-TEST-{jadwal.pk}",
                                        tanggal_pleno=timezone.localdate(), diputuskan_pada=now)
    peserta = PesertaJadwal.objects.create(jadwal=sk.jadwal, permohonan=permohonan, aktif=False)
    KeputusanPeserta.objects.create(sk=sk, peserta=peserta, keputusan=keputusan,
                                    oleh=UserFactory(roles=("komite",)), pada=now)
    return sk
