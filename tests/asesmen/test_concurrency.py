"""Races only the database can settle, run for real on Postgres, and the import direction."""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

import asesi
import asesor
from asesmen import services
from asesmen.models import PenugasanAsesor, PesertaJadwal
from tests.asesi.factories import admin_user
from tests.concurrency import run_at_once
from tests.factories import skema_with_units

from .factories import asesor_for, at_local, jadwal_planned, permohonan_diterima


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_admins_assigning_one_asesor_to_overlapping_batches_at_once_book_it_once():
    skema = skema_with_units()
    admin1, admin2 = admin_user(username="admin_a"), admin_user(username="admin_b")
    asesor_ = asesor_for(skema)
    first = jadwal_planned(skema=skema, admin=admin1, start_in=timedelta(days=10), hours=4)
    second = jadwal_planned(skema=skema, admin=admin2, start_in=timedelta(days=10, hours=2), hours=4)

    outcomes = run_at_once(
        lambda: services.penugasan_add(jadwal=first, asesor=asesor_, by=admin1).pk,
        lambda: services.penugasan_add(jadwal=second, asesor=asesor_, by=admin2).pk,
    )
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1, outcomes
    assert isinstance(errors[0], ValidationError) and errors[0].error_list[0].code == "asesor_bentrok"
    assert PenugasanAsesor.objects.filter(asesor=asesor_).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_admins_filling_the_last_seat_at_once_place_one_asesi():
    skema = skema_with_units()
    admin1, admin2 = admin_user(username="admin_c"), admin_user(username="admin_d")
    jadwal = jadwal_planned(skema=skema, admin=admin1, kapasitas=1)
    a, b = permohonan_diterima(skema, admin1), permohonan_diterima(skema, admin1)

    outcomes = run_at_once(
        lambda: services.peserta_add(jadwal=jadwal, permohonan_list=[a], by=admin1),
        lambda: services.peserta_add(jadwal=jadwal, permohonan_list=[b], by=admin2),
    )
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1 and errors[0].error_list[0].code == "kapasitas_penuh", outcomes
    assert PesertaJadwal.objects.filter(jadwal=jadwal, aktif=True).count() == 1


def test_asesi_and_asesor_never_import_asesmen():
    offenders = []
    for package in (asesi, asesor):
        for path in Path(package.__file__).parent.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                offenders += [f"{path}: {n}" for n in names if n.split(".")[0] in {"asesmen", "sertifikat"}]
    assert offenders == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_admins_pairing_one_asesor_past_the_daily_maximum_at_once_pair_one(settings):
    settings.LSP_ASESI_PER_ASESOR_PER_HARI = 1
    skema = skema_with_units()
    admin1, admin2 = admin_user(username="admin_e"), admin_user(username="admin_f")
    asesor_ = asesor_for(skema)
    morning = jadwal_planned(skema=skema, admin=admin1, start=at_local(10, 8), hours=2)
    afternoon = jadwal_planned(skema=skema, admin=admin1, start=at_local(10, 13), hours=2)
    [pa] = services.peserta_add(jadwal=morning, permohonan_list=[permohonan_diterima(skema, admin1)], by=admin1)
    [pb] = services.peserta_add(jadwal=afternoon, permohonan_list=[permohonan_diterima(skema, admin1)], by=admin1)
    for j in (morning, afternoon):
        services.penugasan_add(jadwal=j, asesor=asesor_, by=admin1)

    outcomes = run_at_once(
        lambda: services.peserta_assign_asesor(peserta=pa, asesor=asesor_, by=admin1),
        lambda: services.peserta_assign_asesor(peserta=pb, asesor=asesor_, by=admin2),
    )
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1 and errors[0].error_list[0].code == "asesor_penuh", outcomes
    assert PesertaJadwal.objects.filter(asesor=asesor_, aktif=True).count() == 1
