"""factory-boy factories for asesor records."""

from datetime import date

import factory

from asesor import domain
from asesor.models import (
    AsesorProfile,
    Diklat,
    KompetensiTeknis,
    KonflikKepentingan,
    PesertaDiklat,
    RiwayatAsesmen,
    SertifikatAsesor,
)
from tests.factories import SkemaFactory, UserFactory


class AsesorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AsesorProfile

    user = factory.SubFactory(UserFactory, roles=["asesor"])
    nomor_registrasi = factory.Sequence(lambda n: f"MET.000.{n + 100:06d} 2021")
    telepon = "081234567890"


class SertifikatAsesorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SertifikatAsesor

    asesor = factory.SubFactory(AsesorFactory)
    nomor = factory.Sequence(lambda n: f"ASK-{n:05d}")
    jenis = domain.JenisSertifikat.AWAL
    issued_on = date(2024, 1, 10)
    valid_until = factory.LazyAttribute(lambda o: domain.sertifikat_valid_until(o.issued_on))


class KompetensiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KompetensiTeknis

    asesor = factory.SubFactory(AsesorFactory)
    skema = factory.SubFactory(SkemaFactory)
    nomor_sertifikat = factory.Sequence(lambda n: f"TEK-{n:05d}")
    penerbit = "LSP Teknik Uji"
    issued_on = date(2020, 1, 1)
    valid_until = None


class RiwayatFactory(factory.django.DjangoModelFactory):
    """An internal assessment-log entry (accepted)."""

    class Meta:
        model = RiwayatAsesmen

    asesor = factory.SubFactory(AsesorFactory)
    sumber = RiwayatAsesmen.Sumber.INTERNAL
    tanggal = date(2024, 6, 1)
    skema = factory.SubFactory(SkemaFactory)
    jumlah_asesi = 3
    sumber_ref = factory.Sequence(lambda n: f"uji:{n}")
    status = domain.StatusVerifikasi.DITERIMA


class KonflikFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KonflikKepentingan

    asesor = factory.SubFactory(AsesorFactory)
    pihak = factory.SubFactory(UserFactory, roles=["asesi"])
    alasan = "Rekan kerja satu kantor"


class DiklatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Diklat

    nama = factory.Sequence(lambda n: f"Diklat Asesor Angkatan {n}")
    skema = factory.SubFactory(SkemaFactory)
    tanggal_mulai = date(2025, 3, 3)
    tanggal_selesai = date(2025, 3, 7)
    tempat = "Hotel Sofia, Sidoarjo"
    master_asesor = factory.SubFactory(AsesorFactory, is_master=True)


class PesertaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PesertaDiklat

    diklat = factory.SubFactory(DiklatFactory)
    user = factory.SubFactory(UserFactory, roles=["asesi"])


def asesor_with_certificate(issued_on=date(2024, 1, 10), **kwargs) -> AsesorProfile:
    asesor = AsesorFactory(**kwargs)
    SertifikatAsesorFactory(asesor=asesor, issued_on=issued_on)
    return asesor
