"""Helpers for the execution tests: a batch running with an asesi whose assessment may start, made
through the services (same rows, history and audit as real ones)."""

import base64
from io import BytesIO

from django.utils import timezone
from PIL import Image

from asesmen import services
from asesmen.domain import BuktiAK01, Rekomendasi, StatusJadwal
from asesmen.models import ButirInstrumen
from lsp.models import KUK
from tests.asesi.factories import admin_user
from tests.factories import skema_with_units

from .factories import asesor_for, jadwal_planned, permohonan_diterima

ALL_INSTRUMENTS = ["IA.01", "IA.02", "IA.05", "IA.07", "IA.08"]


def signature_png(color=(0, 0, 0)) -> str:
    """A drawn signature as the canvas sends it (a PNG data URL)."""
    buf = BytesIO()
    image = Image.new("RGBA", (60, 20), (255, 255, 255, 0))
    for x in range(5, 55):
        image.putpixel((x, 10), (*color, 255))
    image.save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def started(*, n_units=2, n_elemen=2, n_kuk=2, instrumen=None, n_asesi=1, admin=None, skema=None, start=True):
    """A batch (planned for every unit with ``instrumen``) with ``n_asesi`` asesi paired with one asesor,
    every preparation done, and (``start``) the batch running. Returns a dict of the pieces."""
    admin = admin or admin_user(username="admin_exec")
    skema = skema or skema_with_units(n_units=n_units, n_elemen=n_elemen, n_kuk=n_kuk)
    jadwal = jadwal_planned(skema=skema, admin=admin)
    asesor = asesor_for(skema)
    for unit in skema.units.all():
        services.mapa_save(jadwal=jadwal, unit=unit, pendekatan="hasil_pelatihan", konteks="simulasi",
                           metode=["observasi"], jenis_bukti=["L"], instrumen=instrumen or ALL_INSTRUMENTS, by=admin)
    peserta = services.peserta_add(jadwal=jadwal, permohonan_list=[permohonan_diterima(skema, admin)
                                                                   for _ in range(n_asesi)], by=admin)
    penugasan = services.penugasan_add(jadwal=jadwal, asesor=asesor, by=admin)
    services.verifikasi_tuk_save(jadwal=jadwal, tempat=True, peralatan=True, bahan=True, k3=True,
                                 tanggal=timezone.localdate(), by=admin)
    services.pernyataan_sign(penugasan=penugasan, by=asesor.user, ip="10.0.0.1")
    for p in peserta:
        services.peserta_assign_asesor(peserta=p, asesor=asesor, by=admin)
        services.rekomendasi_save(peserta=p, rekomendasi=Rekomendasi.LANJUT, by=asesor.user)
        services.konsultasi_save(peserta=p, proses=True, bukti=True, hak=True, kerahasiaan=True, by=asesor.user)
        services.ak01_save(peserta=p, bukti=[BuktiAK01.OBSERVASI], tempat="Lab", waktu=jadwal.mulai, by=asesor.user)
        services.ak01_confirm(peserta=p, by=asesor.user, ip="10.0.0.1")
        asesi_user = p.permohonan.asesi.user
        services.konsultasi_confirm(peserta=p, by=asesi_user, ip="10.0.0.2")
        services.ak01_confirm(peserta=p, by=asesi_user, ip="10.0.0.2")
    if start:
        services.jadwal_transition(jadwal=jadwal, to=StatusJadwal.BERJALAN, by=admin)
    for p in peserta:
        p.refresh_from_db()
    return {"admin": admin, "skema": skema, "jadwal": jadwal, "asesor": asesor, "penugasan": penugasan,
            "peserta": peserta, "p": peserta[0]}


def kuk_of(skema):
    return list(KUK.objects.filter(elemen__unit__skema=skema).select_related("elemen").order_by(
        "elemen__unit__urutan", "elemen__urutan", "urutan"))


def assess_all(p, by, hasil="K"):
    """Record ``hasil`` for every KUK of the skema."""
    for kuk in kuk_of(p.jadwal.skema):
        services.kuk_save(peserta=p, kuk=kuk, hasil=hasil, by=by)


def butir(unit, instrumen="IA.07", **kwargs) -> ButirInstrumen:
    from asesmen.domain_pelaksanaan import JENIS_BUTIR

    values = {"pertanyaan": f"Pertanyaan {instrumen}", "urutan": 1, **kwargs}
    return ButirInstrumen.objects.create(unit=unit, instrumen=instrumen, jenis=JENIS_BUTIR[instrumen], **values)
