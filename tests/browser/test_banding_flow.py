"""Issue 13 items 2 and 5 in a real browser: an asesi decided BK appeals (FR.AK.04) from their page, a
komite member not involved grants it from the queue, the application is scheduled again with another
asesor (planning through the services, covered by its own tests), and that asesor re-assesses only the
BK unit — the K unit shows as carried over — and submits FR.AK.02 with the overall verdict K."""


import pytest
from playwright.sync_api import expect

from tests.browser.conftest import draw_signature, login, submit, track_server_errors
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser]




def test_a_bk_asesi_appeals_the_komite_grants_and_another_asesor_reassesses_the_bk_unit(new_page, transactional_db):
    from asesmen.models import Banding, PenilaianUnit, RekamanAsesmen
    from lsp.models import KUK
    from tests.asesmen.banding_factories import bk_result, komite_user, reassessment_batch
    from tests.asesmen.factories import asesor_for

    bk = bk_result()
    p = bk["permohonan"]
    komite = komite_user()

    # the asesi appeals
    page = new_page()
    errors = track_server_errors(page)
    login(page, p.asesi.user.username, PASSWORD)
    page.goto(p.get_absolute_url())
    submit(page, page.get_by_test_id("banding-link"))
    submit(page, page.get_by_role("link", name="Ajukan banding"))
    for name, value in (("dijelaskan", "ya"), ("didiskusikan", "ya"), ("melibatkan", "tidak")):
        page.locator(f"input[name={name}][value={value}]").check()
    page.locator("textarea[name=alasan]").fill("Portofolio unit kedua tidak diperiksa asesor.")
    submit(page, page.get_by_role("button", name="Ajukan banding"))
    expect(page.locator("h1")).to_contain_text("Menunggu keputusan")
    banding = Banding.objects.get(permohonan=p)

    # a komite member not involved grants it from the queue
    komite_page = new_page()
    errors += track_server_errors(komite_page)
    login(komite_page, komite.username, PASSWORD)
    komite_page.goto("/asesmen/banding/")
    submit(komite_page, komite_page.get_by_role("link", name=banding.kode))
    expect(komite_page.get_by_test_id("alasan-banding")).to_contain_text("Portofolio unit kedua")
    komite_page.locator("input[name=keputusan][value=diterima]").check()
    komite_page.locator("textarea[name=alasan]").fill("Bukti portofolio belum dinilai: ases ulang unit kedua.")
    submit(komite_page, komite_page.get_by_role("button", name="Simpan keputusan"))
    expect(komite_page.get_by_test_id("keputusan-banding")).to_contain_text("Diterima")

    # the asesi sees the decision
    page.goto(f"/asesmen/banding/saya/{banding.pk}/")
    expect(page.get_by_test_id("keputusan-banding")).to_contain_text("ases ulang unit kedua")

    # scheduled again with another asesor; that asesor re-assesses only the BK unit
    p.refresh_from_db()
    other = asesor_for(bk["skema"])
    ulang = reassessment_batch(skema=bk["skema"], permohonan=p, admin=bk["admin"], asesor=other)
    peserta = ulang["peserta"]
    asesor_page = new_page()
    errors += track_server_errors(asesor_page)
    asesor_page.on("dialog", lambda dialog: dialog.accept())
    login(asesor_page, other.user.username, PASSWORD)
    asesor_page.goto(f"/asesmen/saya/asesi/{peserta.pk}/asesmen/")
    expect(asesor_page.get_by_test_id("unit-dibawa")).to_contain_text(
        f"K (dibawa dari rekaman #{bk['rekaman'].pk})")
    carried = KUK.objects.filter(elemen__unit_id=bk["unit_k"]).values_list("pk", flat=True)
    for pk in carried:
        expect(asesor_page.locator(f"#kuk-{pk}")).to_have_count(0)
    todo = KUK.objects.filter(elemen__unit__skema=bk["skema"]).exclude(elemen__unit_id=bk["unit_k"])
    for pk in todo.values_list("pk", flat=True):
        asesor_page.locator(f"label[for='kuk-{pk}-K']").click()
        expect(asesor_page.locator(f"#kuk-{pk} [role=status]")).to_contain_text("Tersimpan")
    form = asesor_page.locator("form", has=asesor_page.locator("button[value=ajukan]"))
    draw_signature(asesor_page, form)
    submit(asesor_page, asesor_page.get_by_role("button", name="Tandatangani dan ajukan"))
    expect(asesor_page.locator("[data-final]")).to_contain_text("Kompeten (K)")

    rekaman = RekamanAsesmen.objects.get(peserta=peserta)
    assert rekaman.rekomendasi == "K"
    assert PenilaianUnit.objects.get(rekaman=rekaman, unit_id=bk["unit_k"]).dibawa_dari_id == bk["rekaman"].pk
    assert errors == []
