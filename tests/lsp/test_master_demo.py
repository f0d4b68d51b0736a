"""The demo master data (lsp/demo.py): idempotent, valid against the models, and browsable by admin."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from lsp import demo
from lsp.models import KUK, TUK, Elemen, LspProfile, Skema, UnitKompetensi, User

pytestmark = pytest.mark.django_db


def counts():
    return tuple(m.objects.count() for m in (Skema, UnitKompetensi, Elemen, KUK, TUK, User, LspProfile))


def test_seed_is_idempotent_and_valid():
    demo.seed(io.StringIO())
    first = counts()
    demo.seed(io.StringIO())
    assert counts() == first
    assert set(Skema.objects.values_list("kode", flat=True)) == {s[0] for s in demo.SKEMA}
    assert set(TUK.objects.values_list("jenis", flat=True)) == set(TUK.Jenis.values)
    for model in (Skema, UnitKompetensi, Elemen, KUK, TUK, LspProfile):
        for obj in model.objects.all():
            obj.full_clean()
    for elemen in Elemen.objects.all():  # KUK numbered 1..n in each element
        assert list(elemen.kuk.order_by("urutan").values_list("urutan", flat=True)) == list(
            range(1, elemen.kuk.count() + 1)
        )


def test_demo_admin_browses_the_seeded_skema(client):
    call_command("seed_demo", stdout=io.StringIO())
    assert client.login(username="admin", password=demo.DEMO_PASSWORD)
    for skema in Skema.objects.all():
        html = client.get(reverse("lsp:skema-detail", args=[skema.pk])).content.decode()
        for unit in skema.units.all():
            assert unit.kode in html
    assert client.get(reverse("lsp:tuk-list")).status_code == 200
    assert client.get(reverse("lsp:profil")).status_code == 200
