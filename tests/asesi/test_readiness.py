"""The application page tells the asesi why they cannot submit yet (issue 10, item 1): the readiness
checklist, *Ajukan* enabled only when ready, *Langkah berikutnya* from what is missing, the verifier's
note at the top while it applies; the upload form starts on the requirement sent back; FR.APL.02 goes
back to the application page."""

import re

import pytest
from django.urls import reverse

from asesi.domain import HasilVerifikasi, Status
from asesi.models import AsesmenMandiri
from lsp.models import LspProfile
from tests.asesi.factories import AsesiProfileFactory, admin_user, pdf, permohonan_draft
from tests.factories import PersyaratanFactory, skema_with_units

pytestmark = pytest.mark.django_db


def page(client, p):
    client.force_login(p.asesi.user)
    response = client.get(p.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def cek(html, name):
    """data-ok of a checklist row ("1" / "0")."""
    return re.search(rf'data-cek="{name}"[^>]*data-ok="(\d)"', html).group(1)


def ajukan_disabled(html):
    button = re.search(r'<button[^>]*data-testid="ajukan"[^>]*>', html).group(0)
    return " disabled" in button


def langkah_codes(html):
    return re.findall(r'data-langkah="([^"]+)"', html)


def test_unconfirmed_email_is_explained_with_resend_and_change_right_there(client, settings):
    settings.PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
    LspProfile.objects.update_or_create(pk=1, defaults={"nama": "LSP Uji", "email": "sekretariat@lsp-uji.example",
                                                        "telepon": "0215550000"})
    p = permohonan_draft(AsesiProfileFactory(email_dikonfirmasi_pada=None))
    html = page(client, p)
    assert cek(html, "email") == "0"
    assert ajukan_disabled(html)
    assert langkah_codes(html)[0] == "email_konfirmasi"
    assert f'action="{reverse("asesi:email-resend")}"' in html
    assert f'name="next" value="{p.get_absolute_url()}"' in html
    assert f'href="{reverse("asesi:profil")}#id_email" data-testid="ubah-email"' in html
    assert "folder spam" in html and "berlaku 3 hari" in html and "Perbaiki di Profil" in html
    assert "sekretariat@lsp-uji.example" in html and "0215550000" in html


def test_a_ready_application_can_be_submitted(client):
    p = permohonan_draft()
    html = page(client, p)
    assert cek(html, "email") == "1" and cek(html, "unit") == "1"
    assert set(re.findall(r'data-cek="persyaratan"[^>]*data-ok="(\d)"', html)) == {"1"}
    assert not ajukan_disabled(html)
    assert langkah_codes(html) == ["apl02_isi", "ajukan"]  # FR.APL.02 may follow the submission
    assert cek(html, "apl02") == "0" and "0/4 elemen dijawab" in html


def test_each_requirement_has_its_mark_and_its_own_upload(client):
    skema = skema_with_units()
    PersyaratanFactory(skema=skema, urutan=2, deskripsi="Pas foto 3x4", wajib=False)
    p = permohonan_draft(skema=skema, with_documents=False)
    wajib, opsional = p.persyaratan.order_by("urutan")
    html = page(client, p)
    assert re.search(rf'data-persyaratan-cek="{wajib.pk}" data-ok="0"', html)
    assert ajukan_disabled(html)
    assert "persyaratan_unggah" in langkah_codes(html)
    # the small form beside the requirement sends it with its own id
    assert f'id="id_p{wajib.pk}_berkas"' in html and f'id="id_p{opsional.pk}_berkas"' in html
    response = client.post(
        reverse("asesi:dokumen-upload", args=[p.pk]), {"berkas": pdf("ijazah.pdf"), "persyaratan": wajib.pk}
    )
    assert response.status_code == 302
    html = page(client, p)
    assert re.search(rf'data-persyaratan-cek="{wajib.pk}" data-ok="1"', html)
    assert not ajukan_disabled(html)  # the optional one does not block


def test_the_ajukan_button_disabled_is_only_a_hint_the_service_still_decides(client):
    p = permohonan_draft(with_documents=False)
    client.force_login(p.asesi.user)
    client.post(reverse("asesi:permohonan-submit", args=[p.pk]))
    p.refresh_from_db()
    assert p.status == Status.DRAFT


@pytest.fixture
def returned(db):
    skema = skema_with_units()
    PersyaratanFactory(skema=skema, urutan=2, deskripsi="Pas foto 3x4")
    p = permohonan_draft(skema=skema)
    from asesi import services

    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    first, foto = p.persyaratan.order_by("urutan")
    services.permohonan_verify(
        permohonan=p,
        hasil={first.pk: (HasilVerifikasi.ADA_MEMENUHI, ""), foto.pk: (HasilVerifikasi.ADA_TIDAK_MEMENUHI, "Buram")},
        keputusan=Status.DIKEMBALIKAN,
        catatan="Mohon ganti pas foto dengan yang jelas.",
        by=admin_user(),
    )
    return p, foto


def test_the_verifiers_note_is_at_the_top_while_returned(client, returned):
    p, foto = returned
    html = page(client, p)
    note = html.index('data-testid="catatan-verifikator"')
    assert "Mohon ganti pas foto dengan yang jelas." in html[note:note + 600]
    assert note < html.index('data-testid="langkah"') < html.index('data-testid="kesiapan"')
    assert langkah_codes(html)[:2] == ["catatan_baca", "persyaratan_perbaiki"]
    assert re.search(rf'data-persyaratan-cek="{foto.pk}" data-ok="0"', html)


def test_the_note_is_gone_once_resubmitted(client, returned):
    p, _foto = returned
    from asesi import services

    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    assert 'data-testid="catatan-verifikator"' not in page(client, p)


def test_the_upload_form_starts_on_the_requirement_sent_back(client, returned):
    p, foto = returned
    page(client, p)
    response = client.get(p.get_absolute_url())
    assert response.context["upload_form"].initial["persyaratan"] == str(foto.pk)
    client.post(reverse("asesi:dokumen-upload", args=[p.pk]), {"berkas": pdf("foto-baru.pdf"), "persyaratan": foto.pk})
    response = client.get(p.get_absolute_url())
    assert response.context["upload_form"].initial["persyaratan"] != str(foto.pk)


def test_resend_goes_back_to_the_page_it_was_pressed_on(client):
    p = permohonan_draft(AsesiProfileFactory(email_dikonfirmasi_pada=None))
    client.force_login(p.asesi.user)
    url = reverse("asesi:email-resend")
    assert client.post(url, {"next": p.get_absolute_url()})["Location"] == p.get_absolute_url()
    assert client.post(url, {"next": "https://evil.example/"})["Location"] == reverse("asesi:permohonan-list")
    assert client.post(url)["Location"] == reverse("asesi:permohonan-list")


def test_saving_apl02_goes_back_to_the_application_with_a_message(client):
    p = permohonan_draft()
    client.force_login(p.asesi.user)
    rows = list(AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p))
    data = {f"jawaban_{r.pk}": "BK" for r in rows}
    response = client.post(reverse("asesi:asesmen-mandiri", args=[p.pk]), data, follow=True)
    assert response.redirect_chain[-1][0] == p.get_absolute_url()
    assert f"Asesmen mandiri tersimpan: {len(rows)} dari {len(rows)} elemen dijawab." in [
        str(m) for m in response.context["messages"]
    ]


def test_apl02_answers_are_one_click_toggle_buttons(client):
    p = permohonan_draft()
    client.force_login(p.asesi.user)
    html = client.get(reverse("asesi:asesmen-mandiri", args=[p.pk])).content.decode()
    row = AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p).first()
    assert re.search(rf'<input type="radio" class="btn-check" name="jawaban_{row.pk}" id="id_jawaban_{row.pk}_0"', html)
    assert f'<label class="btn btn-outline-success" for="id_jawaban_{row.pk}_0">' in html


def test_the_application_page_queries_do_not_grow_with_requirements(client, django_assert_max_num_queries):
    skema = skema_with_units()
    for i in range(2, 8):
        PersyaratanFactory(skema=skema, urutan=i)
    p = permohonan_draft(skema=skema)
    client.force_login(p.asesi.user)
    with django_assert_max_num_queries(12):
        assert client.get(p.get_absolute_url()).status_code == 200


def test_the_status_page_shows_the_note_of_a_returned_application_in_constant_queries(
    client, returned, django_assert_max_num_queries
):
    p, _foto = returned
    for _ in range(3):  # more applications of the same asesi, other skema
        permohonan_draft(p.asesi)
    client.force_login(p.asesi.user)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("asesi:permohonan-list"))
    html = response.content.decode()
    assert html.count('data-testid="catatan-verifikator"') == 1
    assert "Mohon ganti pas foto dengan yang jelas." in html


def test_the_status_page_banner_explains_the_unconfirmed_email_too(client):
    p = permohonan_draft(AsesiProfileFactory(email_dikonfirmasi_pada=None))
    client.force_login(p.asesi.user)
    html = client.get(reverse("asesi:permohonan-list")).content.decode()
    banner = html[html.index('data-testid="email-unconfirmed"'):]
    assert "folder spam" in banner and "Hubungi admin LSP" in banner  # no contact in the LSP profile yet
    assert f'name="next" value="{reverse("asesi:permohonan-list")}"' in banner
    assert f'href="{reverse("asesi:profil")}#id_email"' in banner
