import io

import pytest

from asesi import demo
from asesi.domain import Status, mask_nik, nik_error
from asesi.models import AsesiProfile, Permohonan
from lsp import demo as lsp_demo

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_covers_several_states():
    out = io.StringIO()
    lsp_demo.seed(stdout=out)
    demo.seed(stdout=out)
    demo.seed(stdout=out)
    profiles = AsesiProfile.objects.select_related("user")
    assert sorted(p.user.username for p in profiles) == ["asesi1", "asesi2", "asesi3", "asesi4", "asesi5"]
    assert all(nik_error(p.nik) is None and p.email_dikonfirmasi for p in profiles)
    statuses = dict(Permohonan.objects.values_list("asesi__user__username", "status"))
    assert statuses == {
        "asesi1": Status.DRAFT,
        "asesi2": Status.DIAJUKAN,
        "asesi3": Status.DIKEMBALIKAN,
        "asesi4": Status.DITERIMA,
    }
    assert all(d.berkas.read(4) == b"%PDF" for p in Permohonan.objects.all() for d in p.dokumen.all())


def test_demo_niks_are_unique_and_mask_well():
    niks = [p["nik"] for p in demo.PROFILES.values()]
    assert len(set(niks)) == len(niks)
    assert mask_nik(niks[0]) == "3578********0001"


def test_demo_pdf_is_accepted_as_a_document():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lsp.uploads import validate_document

    validate_document(SimpleUploadedFile("x.pdf", demo.demo_pdf("Ijazah")))
