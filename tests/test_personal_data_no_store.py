"""Every page that shows a full NIK, address or birth date (and the exports of people's contact data)
answers ``Cache-Control: private, no-store``, so no browser or proxy cache keeps it (UU PDP)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views import View

from asesi import services as asesi_services
from lsp.privacy import personal_data
from tests.asesi.factories import AsesiProfileFactory, admin_user, permohonan_draft
from tests.asesor.factories import AsesorFactory
from tests.factories import UserFactory


def directives(response) -> set:
    return {d.strip().lower() for d in response.get("Cache-Control", "").split(",") if d.strip()}


def assert_no_store(response, label):
    assert {"private", "no-store"} <= directives(response), (label, response.get("Cache-Control"))


@pytest.fixture
def people(db):
    profil = AsesiProfileFactory(alamat="Jl. Rahasia No. 7, Bandung")
    p = permohonan_draft(profil)
    asesi_services.permohonan_submit(permohonan=p, by=profil.user)
    asesor = AsesorFactory(alamat="Jl. Asesor No. 3, Depok")
    return {"profil": profil, "permohonan": p, "asesor": asesor}


def test_asesi_own_pages(client, people):
    profil, p = people["profil"], people["permohonan"]
    client.force_login(profil.user)
    profile_page = client.get(reverse("asesi:profil"))
    assert profile_page.status_code == 200 and profil.nik in profile_page.content.decode()
    assert_no_store(profile_page, "asesi:profil")
    detail = client.get(reverse("asesi:permohonan-detail", args=[p.pk]))
    assert detail.status_code == 200
    assert_no_store(detail, "asesi:permohonan-detail")


def test_admin_lsp_pages(client, people):
    profil, p = people["profil"], people["permohonan"]
    client.force_login(admin_user())
    pages = {
        "asesi:verifikasi-detail": reverse("asesi:verifikasi-detail", args=[p.pk]),
        "asesi:asesi-detail": reverse("asesi:asesi-detail", args=[profil.pk]),
        "asesi:asesi-update": reverse("asesi:asesi-update", args=[profil.pk]),
        # a search by NIK echoes the full NIK in the search box
        "asesi:asesi-list": reverse("asesi:asesi-list") + f"?q={profil.nik}",
    }
    for label, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, label
        assert profil.nik in response.content.decode(), label
        assert_no_store(response, label)
    # a refused registration form shows back what was typed
    create = client.post(reverse("asesi:asesi-create"), {"nik": "3201999999999999", "alamat": "Jl. Ketik 1"})
    assert create.status_code == 200 and "3201999999999999" in create.content.decode()
    assert_no_store(create, "asesi:asesi-create")


def test_asesor_pages_and_exports(client, people, django_capture_on_commit_callbacks):
    asesor = people["asesor"]
    client.force_login(asesor.user)
    own = client.get(reverse("asesor:asesor-saya"))
    assert own.status_code == 200 and "Jl. Asesor No. 3" in own.content.decode()
    assert_no_store(own, "asesor:asesor-saya")

    client.force_login(admin_user())
    for label, url in {
        "asesor:asesor-detail": reverse("asesor:asesor-detail", args=[asesor.pk]),
        "asesor:asesor-update": reverse("asesor:asesor-update", args=[asesor.pk]),
    }.items():
        response = client.get(url)
        assert response.status_code == 200 and "Jl. Asesor No. 3" in response.content.decode(), label
        assert_no_store(response, label)
    create = client.post(reverse("asesor:asesor-create"), {"alamat": "Jl. Ketik 2"})
    assert create.status_code == 200 and "Jl. Ketik 2" in create.content.decode()
    assert_no_store(create, "asesor:asesor-create")
    response = client.get(reverse("asesor:asesor-export-csv"))
    assert response.status_code == 200
    assert_no_store(response, "asesor:asesor-export-csv")
    assert_no_store(client.get(reverse("asesor:asesor-export-xlsx")), "asesor:asesor-export-xlsx")  # → the list
    with django_capture_on_commit_callbacks(execute=True):  # built in-process (eager) in tests
        ekspor = client.post(reverse("asesor:asesor-export-xlsx"))
    download = client.get(reverse("lsp:ekspor-download", args=[ekspor.url.split("/")[-2]]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert_no_store(download, "lsp:ekspor-download")
    audit = client.get(reverse("lsp:audit-export-csv"))
    assert audit.status_code == 200
    assert_no_store(audit, "lsp:audit-export-csv")
    daftar = client.post(reverse("lsp:daftar-ekspor", args=["asesi"]), {"format": "csv", "pribadi": "on"})
    assert daftar.status_code == 200
    assert_no_store(daftar, "lsp:daftar-ekspor")
    laporan = client.post(reverse("sertifikat:laporan-bnsp"), {"dari": "2026-01-01", "sampai": "2026-12-31",
                                                               "format": "csv", "tampilkan_pribadi": "on"})
    assert laporan.status_code == 200
    assert_no_store(laporan, "sertifikat:laporan-bnsp")


def test_django_admin_pages_for_personal_records(client, people):
    profil, p, asesor = people["profil"], people["permohonan"], people["asesor"]
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    pages = [
        reverse("admin:asesi_asesiprofile_changelist"),
        reverse("admin:asesi_asesiprofile_change", args=[profil.pk]),
        reverse("admin:asesi_permohonan_change", args=[p.pk]),
        reverse("admin:asesor_asesorprofile_changelist"),
        reverse("admin:asesor_asesorprofile_change", args=[asesor.pk]),
        reverse("admin:lsp_user_change", args=[profil.user.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_store(response, url)
    assert profil.nik in client.get(pages[1]).content.decode()


def test_pages_without_personal_data_stay_cacheable_as_before(client, people):
    client.force_login(admin_user())
    response = client.get(reverse("lsp:skema-list"))
    assert response.status_code == 200
    assert "no-store" not in directives(response)


def test_public_registration_form_shows_back_what_was_typed_and_is_not_stored(client, db):
    response = client.post(reverse("asesi:daftar"), {"nik": "3201888888888888", "alamat": "Jl. Daftar 9"})
    assert response.status_code == 200 and "3201888888888888" in response.content.decode()
    assert_no_store(response, "asesi:daftar")


def test_asesmen_pages(client, db):
    from asesmen import services as asesmen_services
    from tests.asesmen.factories import asesor_for, jadwal_planned, permohonan_diterima
    from tests.factories import skema_with_units

    admin = admin_user()
    skema = skema_with_units()
    jadwal = jadwal_planned(skema=skema, admin=admin)
    asesor = asesor_for(skema)
    [peserta] = asesmen_services.peserta_add(
        jadwal=jadwal, permohonan_list=[permohonan_diterima(skema, admin)], by=admin
    )
    asesmen_services.penugasan_add(jadwal=jadwal, asesor=asesor, by=admin)
    asesmen_services.peserta_assign_asesor(peserta=peserta, asesor=asesor, by=admin)
    client.force_login(admin)
    for label, url in {
        "asesmen:jadwal-detail": reverse("asesmen:jadwal-detail", args=[jadwal.pk]),
        "asesmen:peserta-pilih": reverse("asesmen:peserta-pilih", args=[jadwal.pk]),
    }.items():
        response = client.get(url)
        assert response.status_code == 200
        assert_no_store(response, label)
    client.force_login(asesor.user)
    page = client.get(reverse("asesmen:asesor-peserta", args=[peserta.pk]))
    assert page.status_code == 200 and peserta.permohonan.asesi.nik in page.content.decode()
    assert_no_store(page, "asesmen:asesor-peserta")


WALKED = {
    "asesi:daftar", "asesi:profil", "asesi:permohonan-detail", "asesi:verifikasi-detail", "asesi:asesi-detail",
    "asesi:asesi-update", "asesi:asesi-list", "asesi:asesi-create",
    "asesor:asesor-saya", "asesor:asesor-detail", "asesor:asesor-update", "asesor:asesor-create",
    "asesor:asesor-export-csv", "asesor:asesor-export-xlsx", "lsp:ekspor-download", "lsp:audit-export-csv",
    "lsp:daftar-ekspor", "sertifikat:laporan-bnsp",
    "asesmen:jadwal-detail", "asesmen:peserta-pilih", "asesmen:asesor-peserta",
}


def _marked(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _marked(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern):
            view = getattr(entry.callback, "view_class", entry.callback)
            if getattr(view, "personal_data", False):
                yield f"{namespace}{entry.name}"


def test_the_walk_above_covers_every_page_marked_personal_data():
    assert set(_marked(get_resolver().url_patterns)) == WALKED


# --- the decorator itself ---------------------------------------------------------------------------------


def test_decorator_on_a_function_view_keeps_other_directives_and_drops_public():
    @personal_data
    def view(request):
        response = HttpResponse("NIK 3201...")
        response["Cache-Control"] = "public, max-age=60"
        return response

    response = view(RequestFactory().get("/"))
    assert directives(response) == {"private", "no-store", "max-age=60"}
    assert view.personal_data is True and view.__name__ == "view"


def test_decorator_on_a_class_based_view():
    @personal_data
    class Page(View):
        def get(self, request):
            return HttpResponse("alamat")

    response = Page.as_view()(RequestFactory().get("/"))
    assert response["Cache-Control"] == "private, no-store"
    assert Page.personal_data is True
