"""factory-boy factories for ``lsp`` records. App-specific factories live in tests/<app>/factories.py."""

import factory
from django.contrib.auth.models import Group

from lsp.models import KUK, TUK, Elemen, PersyaratanDasar, Skema, UnitKompetensi, User

PASSWORD = "Rahasia-Uji-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    nama_lengkap = factory.Faker("name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for role in extracted:
                group, _ = Group.objects.get_or_create(name=str(role))
                self.groups.add(group)
        self.save()


class SkemaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skema

    kode = factory.Sequence(lambda n: f"SKM-UJI-{n:03d}")
    nama = factory.Sequence(lambda n: f"Skema Uji {n}")
    jenis = Skema.Jenis.OKUPASI


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKompetensi

    skema = factory.SubFactory(SkemaFactory)
    kode = factory.Sequence(lambda n: f"J.620100.{n:03d}.01")
    judul = factory.Sequence(lambda n: f"Unit Uji {n}")
    urutan = factory.Sequence(lambda n: n + 1)


class ElemenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Elemen

    unit = factory.SubFactory(UnitFactory)
    urutan = factory.Sequence(lambda n: n + 1)
    nama = factory.Sequence(lambda n: f"Elemen {n}")


class KUKFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KUK

    elemen = factory.SubFactory(ElemenFactory)
    urutan = factory.Sequence(lambda n: n + 1)
    deskripsi = factory.Sequence(lambda n: f"Kriteria unjuk kerja {n}")


class PersyaratanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersyaratanDasar

    skema = factory.SubFactory(SkemaFactory)
    urutan = factory.Sequence(lambda n: n + 1)
    deskripsi = factory.Sequence(lambda n: f"Persyaratan {n}")


class TUKFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TUK

    kode = factory.Sequence(lambda n: f"TUK-{n:03d}")
    nama = factory.Sequence(lambda n: f"TUK Uji {n}")
    jenis = TUK.Jenis.SEWAKTU
    alamat = "Jl. Uji No. 1"


def skema_with_units(n_units=2, n_elemen=2, n_kuk=2, **kwargs) -> Skema:
    """A skema with a full unit → elemen → KUK tree and one persyaratan dasar."""
    skema = SkemaFactory(**kwargs)
    PersyaratanFactory(skema=skema, urutan=1)
    for u in range(1, n_units + 1):
        unit = UnitFactory(skema=skema, urutan=u)
        for e in range(1, n_elemen + 1):
            elemen = ElemenFactory(unit=unit, urutan=e)
            for k in range(1, n_kuk + 1):
                KUKFactory(elemen=elemen, urutan=k)
    return skema
