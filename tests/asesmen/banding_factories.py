"""Helpers for the banding tests: a decided BK result made through the services (a first unit K, the
others BK, FR.AK.02 submitted, the application decided BK the way the SK approval does), and a new batch
that re-assesses it."""

from datetime import timedelta

from django.utils import timezone

from asesi.domain import Keputusan
from asesi.domain import Status as PermohonanStatus
from asesi.services import permohonan_transition
from asesmen import services
from asesmen.domain import BuktiAK01, Rekomendasi, StatusJadwal
from tests.factories import UserFactory

from .factories import asesor_for, jadwal_planned
from .pelaksanaan_factories import kuk_of, signature_png, started


def komite_user(**kwargs):
    return UserFactory(roles=("komite",), **kwargs)


def bk_result(*, n_units=2, komite=None, **kwargs):
    """A running batch whose asesi was assessed K on the first unit and BK on the others, submitted and
    decided BK. Returns the pieces of ``started`` plus ``permohonan``, ``rekaman``, ``komite``."""
    s = started(n_units=n_units, n_elemen=1, n_kuk=1, instrumen=["IA.01"], **kwargs)
    p, asesor_user = s["p"], s["asesor"].user
    kuks = kuk_of(s["skema"])
    first = kuks[0].elemen.unit_id
    for kuk in kuks:
        services.kuk_save(peserta=p, kuk=kuk, hasil="K" if kuk.elemen.unit_id == first else "BK", by=asesor_user)
    rekaman = services.rekaman_submit(peserta=p, tindak_lanjut="Tunjukkan unit lain", ttd=signature_png(),
                                      by=asesor_user, ip="10.0.0.1")
    komite = komite or komite_user()
    permohonan = p.permohonan
    permohonan.refresh_from_db()
    permohonan_transition(permohonan=permohonan, to=PermohonanStatus.DIPUTUSKAN, by=komite, keputusan=Keputusan.BK)
    return {**s, "permohonan": permohonan, "rekaman": rekaman, "komite": komite, "unit_k": first}


def reassessment_batch(*, skema, permohonan, admin, asesor=None, start=True):
    """A new batch of ``skema`` with ``permohonan`` (accepted again) placed and every preparation done,
    paired with ``asesor`` (another eligible asesor by default)."""
    jadwal = jadwal_planned(skema=skema, admin=admin, start_in=timedelta(days=20))
    asesor = asesor or asesor_for(skema)
    for unit in skema.units.all():
        services.mapa_save(jadwal=jadwal, unit=unit, pendekatan="hasil_pelatihan", konteks="simulasi",
                           metode=["observasi"], jenis_bukti=["L"], instrumen=["IA.01"], by=admin)
    (peserta,) = services.peserta_add(jadwal=jadwal, permohonan_list=[permohonan], by=admin)
    penugasan = services.penugasan_add(jadwal=jadwal, asesor=asesor, by=admin)
    services.verifikasi_tuk_save(jadwal=jadwal, tempat=True, peralatan=True, bahan=True, k3=True,
                                 tanggal=timezone.localdate(), by=admin)
    services.pernyataan_sign(penugasan=penugasan, by=asesor.user, ip="10.0.0.1")
    services.peserta_assign_asesor(peserta=peserta, asesor=asesor, by=admin)
    services.rekomendasi_save(peserta=peserta, rekomendasi=Rekomendasi.LANJUT, by=asesor.user)
    services.konsultasi_save(peserta=peserta, proses=True, bukti=True, hak=True, kerahasiaan=True, by=asesor.user)
    services.ak01_save(peserta=peserta, bukti=[BuktiAK01.OBSERVASI], tempat="Lab", waktu=jadwal.mulai, by=asesor.user)
    services.ak01_confirm(peserta=peserta, by=asesor.user, ip="10.0.0.1")
    asesi_user = permohonan.asesi.user
    services.konsultasi_confirm(peserta=peserta, by=asesi_user, ip="10.0.0.2")
    services.ak01_confirm(peserta=peserta, by=asesi_user, ip="10.0.0.2")
    if start:
        services.jadwal_transition(jadwal=jadwal, to=StatusJadwal.BERJALAN, by=admin)
    peserta.refresh_from_db()
    return {"jadwal": jadwal, "asesor": asesor, "peserta": peserta}


JAWABAN = {"dijelaskan": True, "didiskusikan": True, "melibatkan": False}
