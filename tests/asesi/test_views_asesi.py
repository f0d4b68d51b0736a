"""The asesi's pages: own data only, uploads, APL.02, submit, status page."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from asesi.domain import Status
from asesi.models import AsesmenMandiri, Dokumen, Permohonan
from lsp.models import AuditLog
from tests.factories import UserFactory, skema_with_units

from .factories import EXE, PDF, PNG, AsesiProfileFactory, admin_user, force_status, pdf, permohonan_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    return permohonan_draft()


@pytest.fixture
def owner(client, p):
    client.force_login(p.asesi.user)
    return client


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- access --------------------------------------------------------------------------------------------

OWN_GET = ["asesi:permohonan-detail", "asesi:permohonan-update", "asesi:asesmen-mandiri"]
OWN_POST = ["asesi:permohonan-submit", "asesi:permohonan-delete", "asesi:dokumen-upload", "asesi:asesmen-mandiri"]


@pytest.mark.parametrize("name", OWN_GET + OWN_POST)
def test_another_asesi_gets_404_and_changes_nothing(client, p, name):
    client.force_login(AsesiProfileFactory().user)
    url = reverse(name, args=[p.pk])
    response = client.post(url, {"berkas": pdf()}) if name in OWN_POST else client.get(url)
    assert response.status_code == 404
    p.refresh_from_db()
    assert p.status == Status.DRAFT and p.dokumen.count() == p.persyaratan.count()


@pytest.mark.parametrize("name", OWN_GET)
def test_anonymous_is_sent_to_login_and_staff_without_asesi_role_gets_403(client, p, name):
    url = reverse(name, args=[p.pk])
    assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(admin_user())
    assert client.get(url).status_code == 403


def test_document_download_rules(client, p):
    doc = p.dokumen.first()
    url = reverse("asesi:dokumen-download", args=[doc.pk])
    assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(p.asesi.user)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
    assert not AuditLog.objects.filter(action="asesi.profile_view").exists()  # the owner is not logged
    for other in (AsesiProfileFactory().user, UserFactory(roles=("asesor",)), UserFactory(roles=("komite",))):
        client.force_login(other)
        assert client.get(url).status_code == 404
    admin = admin_user()
    client.force_login(admin)
    assert client.get(url).status_code == 404  # a draft is the asesi's own, like on the verification pages
    force_status(p, Status.DIAJUKAN)
    assert client.get(url).status_code == 200
    entry = AuditLog.objects.get(action="asesi.profile_view")
    assert (entry.actor, entry.object_id, entry.data["via"]) == (admin, str(p.asesi.pk), "dokumen")


def test_missing_file_on_disk_is_a_404_not_a_500(client, p):
    doc = p.dokumen.first()
    doc.berkas.storage.delete(doc.berkas.name)
    client.force_login(p.asesi.user)
    assert client.get(reverse("asesi:dokumen-download", args=[doc.pk])).status_code == 404


def test_other_asesi_cannot_delete_a_document(client, p):
    doc = p.dokumen.first()
    client.force_login(AsesiProfileFactory().user)
    assert client.post(reverse("asesi:dokumen-delete", args=[doc.pk])).status_code == 404
    assert Dokumen.objects.filter(pk=doc.pk).exists()


# --- status page and detail ----------------------------------------------------------------------------


def test_status_page_lists_own_applications_with_timeline_and_next_step(owner, p):
    other = permohonan_draft()
    page = owner.get(reverse("asesi:permohonan-list"))
    html = page.content.decode()
    assert f'data-permohonan="{p.pk}"' in html and f'data-permohonan="{other.pk}"' not in html
    assert 'data-posisi="sekarang"' in html and "Langkah berikutnya" in html


def test_detail_shows_units_requirements_documents_and_history(owner, p):
    html = owner.get(p.get_absolute_url()).content.decode()
    for unit in p.units.all():
        assert unit.kode in html
    for item in p.persyaratan.all():
        assert item.deskripsi in html
    assert p.dokumen.first().nama_asli in html
    assert 'data-testid="ajukan"' in html


def test_home_panel_and_menu_for_asesi(owner, p):
    html = owner.get("/").content.decode()
    assert 'data-role-panel="asesi"' in html and f'data-permohonan="{p.pk}"' in html
    assert reverse("asesi:permohonan-list") in html and reverse("asesi:profil") in html
    assert "3201" not in html  # no NIK on the home page


def test_user_without_profile_is_asked_to_complete_it(client):
    client.force_login(UserFactory(roles=("asesi",)))
    response = client.get(reverse("asesi:permohonan-create"))
    assert response["Location"] == reverse("asesi:profil")
    assert client.get("/").status_code == 200
    assert client.get(reverse("asesi:permohonan-list")).status_code == 200


def test_profile_page_creates_and_edits_own_profile(client, django_capture_on_commit_callbacks):
    user = UserFactory(roles=("asesi",))
    client.force_login(user)
    assert client.get(reverse("asesi:profil")).status_code == 200
    data = {
        "nama_lengkap": "Budi Santoso", "nik": "3201 2345 6789 0001", "tempat_lahir": "Bandung",
        "tanggal_lahir": "1990-01-01", "jenis_kelamin": "L", "kebangsaan": "Indonesia", "pendidikan_terakhir": "sma",
        "alamat": "Jl. A", "kode_pos": "40115", "telepon": "081234567890", "email": user.email,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("asesi:profil"), data)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.asesi_profile.nik == "3201234567890001" and user.nama_lengkap == "Budi Santoso"
    # the owner sees their own data in full
    assert "3201234567890001" in client.get(reverse("asesi:profil")).content.decode()


# --- create, update, submit ----------------------------------------------------------------------------


def test_create_application_from_the_page(client):
    profil = AsesiProfileFactory()
    skema = skema_with_units()
    inactive = skema_with_units(aktif=False)
    client.force_login(profil.user)
    page = client.get(reverse("asesi:permohonan-create")).content.decode()
    assert skema.kode in page and inactive.kode not in page
    for unit in skema.units.all():
        assert unit.kode in page  # the asesi sees the skema's units before choosing
    response = client.post(reverse("asesi:permohonan-create"), {"skema": inactive.pk, "tujuan": "sertifikasi"})
    assert response.status_code == 200 and "skema" in response.context["form"].errors
    response = client.post(reverse("asesi:permohonan-create"), {"skema": skema.pk, "tujuan": "rcc"})
    created = Permohonan.objects.get(asesi=profil)
    assert response["Location"] == created.get_absolute_url() and created.tujuan == "rcc"
    again = client.post(reverse("asesi:permohonan-create"), {"skema": skema.pk, "tujuan": "rcc"})
    assert "Anda masih memiliki permohonan yang berjalan" in again.content.decode()


def test_update_units_and_bad_unit_ids(owner, p):
    url = reverse("asesi:permohonan-update", args=[p.pk])
    first = p.skema.units.first()
    response = owner.post(url, {"tujuan": "lainnya", "tujuan_lainnya": "Kenaikan jabatan", "units": [first.pk]})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.tujuan_tampil.endswith("Kenaikan jabatan") and p.units.count() == 1
    for bad in ({"tujuan": "hack", "units": ["abc"]}, {"tujuan": "rpl", "units": []}, {"tujuan": "lainnya"}):
        assert owner.post(url, bad).status_code == 200
    assert p.units.count() == 1


def test_submit_then_double_submit_is_refused_cleanly(owner, p, django_capture_on_commit_callbacks):
    url = reverse("asesi:permohonan-submit", args=[p.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = owner.post(url, follow=True)
    assert "Permohonan diajukan" in " ".join(messages_of(first))
    second = owner.post(url, follow=True)
    assert "sudah diajukan" in " ".join(messages_of(second))
    assert p.riwayat.filter(ke=Status.DIAJUKAN).count() == 1
    assert len(mail.outbox) == 1
    assert owner.get(url).status_code == 405


def test_submit_refused_with_reasons_when_documents_missing(client):
    p = permohonan_draft(with_documents=False)
    client.force_login(p.asesi.user)
    response = client.post(reverse("asesi:permohonan-submit", args=[p.pk]), follow=True)
    assert "Unggah dokumen untuk setiap persyaratan wajib" in " ".join(messages_of(response))
    assert Permohonan.objects.get(pk=p.pk).status == Status.DRAFT


def test_unconfirmed_email_cannot_submit(client):
    p = permohonan_draft(AsesiProfileFactory(email_dikonfirmasi_pada=None))
    client.force_login(p.asesi.user)
    response = client.post(reverse("asesi:permohonan-submit", args=[p.pk]), follow=True)
    assert "Konfirmasi alamat email" in " ".join(messages_of(response))
    assert Permohonan.objects.get(pk=p.pk).status == Status.DRAFT


def test_submitted_application_is_read_only_for_the_asesi(owner, p):
    force_status(p, Status.DIAJUKAN)
    html = owner.get(p.get_absolute_url()).content.decode()
    assert 'data-testid="ajukan"' not in html and reverse("asesi:dokumen-upload", args=[p.pk]) not in html
    response = owner.get(reverse("asesi:permohonan-update", args=[p.pk]))
    assert response.status_code == 302
    owner.post(reverse("asesi:permohonan-update", args=[p.pk]), {"tujuan": "rpl", "units": []})
    owner.post(reverse("asesi:dokumen-upload", args=[p.pk]), {"berkas": pdf()})
    owner.post(reverse("asesi:dokumen-delete", args=[p.dokumen.first().pk]))
    owner.post(reverse("asesi:permohonan-delete", args=[p.pk]))
    p.refresh_from_db()
    assert p.tujuan == "sertifikasi" and p.dokumen.count() == p.persyaratan.count()


def test_delete_draft_from_the_page(owner, p):
    response = owner.post(reverse("asesi:permohonan-delete", args=[p.pk]))
    assert response["Location"] == reverse("asesi:permohonan-list")
    assert not Permohonan.objects.filter(pk=p.pk).exists()


# --- uploads -------------------------------------------------------------------------------------------


def upload(client, p, berkas, **extra):
    return client.post(reverse("asesi:dokumen-upload", args=[p.pk]), {"berkas": berkas, **extra}, follow=True)


def test_upload_for_a_requirement_and_as_portfolio(owner, p):
    item = p.persyaratan.first()
    response = upload(owner, p, pdf("sertifikat.pdf"), persyaratan=item.pk)
    assert "diunggah" in " ".join(messages_of(response))
    assert item.dokumen.filter(nama_asli="sertifikat.pdf").exists()
    upload(owner, p, pdf("foto-proyek.png", PNG), keterangan="Foto proyek")
    doc = Dokumen.objects.get(nama_asli="foto-proyek.png")
    assert doc.is_portofolio and doc.mime == "image/png" and doc.keterangan == "Foto proyek"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("ijazah.pdf", EXE, "Jenis berkas tidak diterima"),
        ("program.exe", EXE, "Jenis berkas tidak diterima"),
        ("foto.pdf", PNG, "tidak sesuai dengan isinya"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_bad_files_are_refused_with_indonesian_errors(owner, p, name, content, message):
    before = Dokumen.objects.count()
    response = upload(owner, p, pdf(name, content))
    # the application page again, the error beside the file field and in the summary above the form
    assert response.status_code == 400
    assert message.lower() in " ".join(response.context["upload_form"].errors["berkas"]).lower()
    assert 'data-error-for="id_berkas"' in response.content.decode()
    assert Dokumen.objects.count() == before


def test_too_large_file_is_refused(owner, p, settings):
    settings.LSP_UPLOAD_MAX_BYTES = 20
    before = Dokumen.objects.count()
    response = upload(owner, p, pdf())
    assert "melebihi batas" in " ".join(response.context["upload_form"].errors["berkas"])
    assert Dokumen.objects.count() == before


def test_declared_50_mb_request_is_refused_before_the_body_is_read(owner, p):
    """The test client's payload raises if read past its real length; declaring 50 MB and sending a few
    bytes shows the view refuses from the declared size without reading (or spooling) the body."""
    before = Dokumen.objects.count()
    response = owner.post(
        reverse("asesi:dokumen-upload", args=[p.pk]),
        data=b"--x\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 302 and "Connection" not in response  # a hop-by-hop header: WSGI refuses it
    assert Dokumen.objects.count() == before
    page = owner.get(p.get_absolute_url())
    assert "melebihi batas" in " ".join(messages_of(page))


def test_path_in_filename_is_ignored(owner, p):
    upload(owner, p, pdf("../../../etc/passwd.pdf"), persyaratan=p.persyaratan.first().pk)
    doc = Dokumen.objects.get(nama_asli="passwd.pdf")
    assert doc.berkas.name.startswith("asesi/dokumen/") and ".." not in doc.berkas.name
    assert "passwd" not in doc.berkas.name


def test_upload_needs_a_csrf_token(p):
    client = Client(enforce_csrf_checks=True)
    client.force_login(p.asesi.user)
    before = Dokumen.objects.count()
    assert client.post(reverse("asesi:dokumen-upload", args=[p.pk]), {"berkas": pdf()}).status_code == 403
    assert Dokumen.objects.count() == before


def test_upload_weird_input(owner, p):
    other = permohonan_draft()
    before = Dokumen.objects.count()
    for extra in ({"persyaratan": "abc"}, {"persyaratan": other.persyaratan.first().pk}, {"persyaratan": "-1"}):
        response = upload(owner, p, pdf(), **extra)
        assert response.status_code == 400
        assert response.context["upload_form"].has_error("persyaratan", "invalid_choice")
    response = owner.post(reverse("asesi:dokumen-upload", args=[p.pk]), {})  # no file
    assert response.status_code == 400 and response.context["upload_form"].has_error("berkas", "required")
    assert owner.get(reverse("asesi:dokumen-upload", args=[p.pk])).status_code == 405
    assert Dokumen.objects.count() == before


def test_delete_document(owner, p):
    doc = p.dokumen.first()
    response = owner.post(reverse("asesi:dokumen-delete", args=[doc.pk]))
    assert response["Location"] == p.get_absolute_url()
    assert not Dokumen.objects.filter(pk=doc.pk).exists()


# --- asesmen mandiri -----------------------------------------------------------------------------------


def test_apl02_page_saves_answers_with_evidence(owner, p):
    url = reverse("asesi:asesmen-mandiri", args=[p.pk])
    rows = list(AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p))
    page = owner.get(url).content.decode()
    assert all(r.elemen_nama in page for r in rows)
    doc = p.dokumen.first()
    data = {f"jawaban_{r.pk}": "BK" for r in rows}
    data[f"jawaban_{rows[0].pk}"] = "K"
    data[f"bukti_{rows[0].pk}"] = [doc.pk]
    response = owner.post(url, data)
    assert response.status_code == 302
    rows[0].refresh_from_db()
    assert rows[0].jawaban == "K" and list(rows[0].bukti.all()) == [doc]


def test_apl02_k_without_evidence_and_weird_values(owner, p):
    url = reverse("asesi:asesmen-mandiri", args=[p.pk])
    row = AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p).first()
    other_doc = permohonan_draft().dokumen.first()
    for data, message in (
        ({f"jawaban_{row.pk}": "K"}, "Sebutkan bukti"),
        ({f"jawaban_{row.pk}": "LULUS"}, "K atau BK"),
        ({f"jawaban_{row.pk}": "K", f"bukti_{row.pk}": [other_doc.pk]}, "bukan dokumen permohonan ini"),
        ({f"jawaban_{row.pk}": "K", f"bukti_{row.pk}": ["abc"]}, "bukan dokumen permohonan ini"),
    ):
        response = owner.post(url, data)
        assert response.status_code == 400 and message in response.content.decode()
    row.refresh_from_db()
    assert row.jawaban == ""


def test_apl02_read_only_after_scheduling(owner, p):
    force_status(p, Status.DIJADWALKAN)
    url = reverse("asesi:asesmen-mandiri", args=[p.pk])
    assert "tidak dapat diubah lagi" in owner.get(url).content.decode()
    row = AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p).first()
    owner.post(url, {f"jawaban_{row.pk}": "BK"})
    row.refresh_from_db()
    assert row.jawaban == ""


def test_apl02_after_submission_is_still_allowed(owner, p):
    force_status(p, Status.DIAJUKAN)
    row = AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p).first()
    assert owner.post(reverse("asesi:asesmen-mandiri", args=[p.pk]), {f"jawaban_{row.pk}": "BK"}).status_code == 302
    row.refresh_from_db()
    assert row.jawaban == "BK"


def test_verifier_note_shows_only_while_the_requirement_is_not_met(owner, p, django_capture_on_commit_callbacks):
    from asesi import services
    from asesi.domain import HasilVerifikasi
    from tests.asesi.factories import apl02_fill

    admin = admin_user()
    apl02_fill(p)
    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    item = p.persyaratan.first()
    hasil = {i.pk: (HasilVerifikasi.ADA_MEMENUHI, "") for i in p.persyaratan.all()}
    hasil[item.pk] = (HasilVerifikasi.ADA_TIDAK_MEMENUHI, "Pas foto buram")
    services.permohonan_verify(permohonan=p, hasil=hasil, keputusan=Status.DIKEMBALIKAN, catatan="Perbaiki", by=admin)
    url = reverse("asesi:permohonan-detail", args=[p.pk])
    assert "Pas foto buram" in owner.get(url).content.decode()

    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    hasil[item.pk] = (HasilVerifikasi.ADA_MEMENUHI, "Pas foto buram")  # the admin left the old note in place
    services.permohonan_verify(permohonan=p, hasil=hasil, keputusan=Status.DITERIMA, by=admin)
    assert "Pas foto buram" not in owner.get(url).content.decode()
    # the note is not lost: the audit trail keeps every round's notes
    rounds = AuditLog.objects.filter(action="permohonan.verify").order_by("pk")
    assert [r.data["catatan"].get(str(item.pk)) for r in rounds] == ["Pas foto buram", "Pas foto buram"]
