"""Database constraints: the last line of defence behind the services."""


import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from asesi import services
from asesi.domain import Status, Tujuan
from asesi.models import AsesiProfile, AsesmenMandiri, Permohonan, PermohonanRiwayat
from tests.concurrency import run_at_once
from tests.factories import UserFactory, skema_with_units

from .factories import AsesiProfileFactory, permohonan_draft

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("nik", ["320123456789000", "32012345678900011", "32012345678900AB", ""])
def test_db_refuses_a_nik_that_is_not_16_digits(nik):
    profil = AsesiProfileFactory.build(user=UserFactory(), nik=nik)
    # Postgres refuses 17 characters by the column length (DataError), the rest by the check constraint
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        profil.save()


def test_db_refuses_a_duplicate_nik():
    AsesiProfileFactory(nik="3201234567890001")
    with pytest.raises(IntegrityError), transaction.atomic():
        AsesiProfileFactory(nik="3201234567890001")


def test_db_refuses_bad_kode_pos_and_ancient_birth_dates():
    import datetime

    with pytest.raises(IntegrityError), transaction.atomic():
        AsesiProfileFactory(kode_pos="1234")
    with pytest.raises(IntegrityError), transaction.atomic():
        AsesiProfileFactory(tanggal_lahir=datetime.date(1899, 12, 31))


def test_db_allows_one_open_application_per_skema():
    p = permohonan_draft(with_documents=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Permohonan.objects.create(asesi=p.asesi, skema=p.skema)
    Permohonan.objects.filter(pk=p.pk).update(status=Status.DITOLAK)
    Permohonan.objects.create(asesi=p.asesi, skema=p.skema)  # a closed one does not count


def test_db_refuses_unknown_status_and_answers():
    p = permohonan_draft(with_documents=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Permohonan.objects.filter(pk=p.pk).update(status="lulus")
    with pytest.raises(IntegrityError), transaction.atomic():
        AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p).update(jawaban="L")
    with pytest.raises(IntegrityError), transaction.atomic():
        Permohonan.objects.filter(pk=p.pk).update(tujuan=Tujuan.LAINNYA, tujuan_lainnya="")


def test_model_validation_gives_coded_errors():
    profil = AsesiProfileFactory.build(user=UserFactory(), nik="123", kode_pos="12", telepon="x")
    with pytest.raises(ValidationError) as exc:
        profil.full_clean()
    codes = {f: {e.code for e in errs} for f, errs in exc.value.error_dict.items()}
    assert codes["nik"] >= {"nik_format"} and codes["kode_pos"] >= {"kode_pos_format"}
    assert codes["telepon"] == {"telepon_format"}


def test_str_and_urls():
    p = permohonan_draft(with_documents=False)
    assert p.nomor == f"APL-{p.pk:06d}" and p.skema.kode in str(p)
    assert p.get_absolute_url() == f"/asesi/permohonan/{p.pk}/"
    assert str(p.asesi) == p.asesi.user.nama_lengkap
    assert str(p.riwayat.first()).endswith("→ draft")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submit_writes_one_transition():
    """Two requests submitting the same draft at once: the row lock lets exactly one through."""
    p = permohonan_draft()
    user = p.asesi.user

    def submit():
        services.permohonan_submit(permohonan=Permohonan.objects.get(pk=p.pk), by=user)
        return "ok"

    results = [o.code if isinstance(o, ValidationError) else o for o in run_at_once(submit, submit)]
    assert sorted(results) == ["ok", "transition_not_allowed"]
    assert PermohonanRiwayat.objects.filter(permohonan=p, ke=Status.DIAJUKAN).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registration_with_the_same_nik_saves_one():
    import datetime

    skema_with_units()  # unrelated data present

    def register(n):
        services.asesi_register(
            username=f"kembar{n}", email=f"kembar{n}@example.test", nama_lengkap="Kembar",
            password="Kuat-Sekali-2025",
            profile={"nik": "3201234567890077", "tempat_lahir": "X", "tanggal_lahir": datetime.date(1990, 1, 1),
                     "jenis_kelamin": "L", "alamat": "Jl. X", "kode_pos": "40115", "telepon": "081234567890",
                     "pendidikan_terakhir": "s1"},
        )
        return "ok"

    outcomes = run_at_once(lambda: register(0), lambda: register(1))
    results = [sorted(o.error_dict) if isinstance(o, ValidationError) else o for o in outcomes]
    assert sorted(map(str, results)) == ["['nik']", "ok"]
    assert AsesiProfile.objects.filter(nik="3201234567890077").count() == 1
