"""Issue 13 items 4 and 6, issue 14 item 2 in a real browser.

1. The demo's submitted SK: the director refuses it with a reason, the komite revises (decides again)
   and resubmits, the director approves — the asesi's application is *diputuskan* — and the admin issues
   the certificates of that SK at once (the bulk page).
2. A diklat participant assessed by a Master Asesor: the komite decides K in the pleno page, sets the
   pleno date and submits; the director approves; the participant is now an asesor with a first
   certificate valid 3 years and sees it on their own asesor page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import field, login, submit, track_server_errors

pytestmark = [pytest.mark.browser]


def _accept_dialogs(page):
    page.on("dialog", lambda dialog: dialog.accept())


def test_demo_sk_refused_revised_approved_then_certificates_issued(new_page, demo_data):
    from asesi.models import Permohonan
    from asesmen.models import KeputusanSK
    from sertifikat.models import Sertifikat

    sk = KeputusanSK.objects.get(status="diajukan")
    before = Sertifikat.objects.count()

    direktur = new_page()
    errors = track_server_errors(direktur)
    _accept_dialogs(direktur)
    login(direktur, "direktur")
    direktur.goto("/asesmen/sk/?status=diajukan")
    submit(direktur, direktur.locator(f'tr[data-sk="{sk.pk}"] a'))
    submit(direktur, direktur.get_by_role("link", name="Tolak SK"))
    submit(direktur, direktur.get_by_role("button", name="Simpan"))  # no reason: the form says so
    expect(direktur.locator("[data-form-errors]")).to_be_visible()
    field(direktur, "Alasan penolakan").fill("Periksa kembali bukti unit pertama.")
    submit(direktur, direktur.get_by_role("button", name="Simpan"))
    expect(direktur.get_by_test_id("sk-status")).to_have_text("Ditolak, direvisi komite")

    komite = new_page()
    _accept_dialogs(komite)
    errors += track_server_errors(komite)
    login(komite, "komite")
    komite.goto(f"/asesmen/pleno/{sk.jadwal_id}/")
    expect(komite.get_by_text("Periksa kembali bukti unit pertama.")).to_be_visible()
    submit(komite, komite.get_by_role("link", name="Putuskan").first)
    komite.get_by_role("radio", name="Kompeten (K)").check()
    field(komite, "Catatan").fill("Bukti diperiksa ulang: lengkap.")
    submit(komite, komite.get_by_role("button", name="Simpan keputusan"))
    komite.goto(f"/asesmen/sk/{sk.pk}/")
    submit(komite, komite.get_by_role("button", name="Ajukan ke direktur"))
    expect(komite.get_by_test_id("sk-status")).to_have_text("Diajukan ke direktur")

    direktur.goto(f"/asesmen/sk/{sk.pk}/")
    submit(direktur, direktur.get_by_role("button", name="Setujui SK"))
    expect(direktur.get_by_test_id("sk-status")).to_have_text("Disetujui")
    sk.refresh_from_db()
    assert sk.nomor and direktur.get_by_test_id("sk-nomor").inner_text() == sk.nomor
    permohonan = Permohonan.objects.get(penjadwalan__keputusan_pleno__sk=sk)
    assert (permohonan.status, permohonan.keputusan) == ("diputuskan", "K")

    admin = new_page()
    errors += track_server_errors(admin)
    login(admin, "admin")
    admin.goto(f"/asesmen/sk/{sk.pk}/")
    submit(admin, admin.get_by_role("link", name="Terbitkan sertifikat"))
    expect(admin.locator(f'tr[data-permohonan="{permohonan.pk}"]')).to_be_visible()
    submit(admin, admin.get_by_role("button", name="Terbitkan semua"))
    assert Sertifikat.objects.count() == before + 1
    assert Sertifikat.objects.filter(permohonan=permohonan).exists()
    assert errors == []


def test_diklat_participant_assessed_by_master_becomes_asesor(new_page, transactional_db):
    from asesmen import services
    from asesor.models import AsesorProfile
    from tests.asesmen.pelaksanaan_factories import assess_all, signature_png, started
    from tests.asesor.factories import DiklatFactory, PesertaFactory
    from tests.factories import PASSWORD, UserFactory
    from tests.sertifikat.factories import lsp_profile

    lsp_profile()
    s = started()
    s["asesor"].is_master = True
    s["asesor"].save(update_fields=["is_master"])
    p = s["p"]
    calon = p.permohonan.asesi.user
    PesertaFactory(diklat=DiklatFactory(skema=s["skema"], tanggal_mulai=timezone.localdate() - timedelta(days=10),
                                         tanggal_selesai=timezone.localdate() - timedelta(days=6)), user=calon)
    assess_all(p, s["asesor"].user)
    services.rekaman_submit(peserta=p, ttd=signature_png(), by=s["asesor"].user, ip=None)
    UserFactory(username="komite_b", roles=("komite",))
    UserFactory(username="direktur_b", roles=("direktur",))

    komite = new_page()
    errors = track_server_errors(komite)
    login(komite, "komite_b", PASSWORD)
    komite.goto("/asesmen/pleno/")
    submit(komite, komite.locator(f'tr[data-jadwal="{s["jadwal"].pk}"] a').first)
    expect(komite.locator(f'tr[data-peserta="{p.pk}"]')).to_contain_text("Master")
    submit(komite, komite.get_by_role("link", name="Putuskan"))
    expect(komite.get_by_test_id("rekomendasi")).to_have_text("K")
    komite.get_by_role("radio", name="Kompeten (K)").check()
    submit(komite, komite.get_by_role("button", name="Simpan keputusan"))
    submit(komite, komite.get_by_role("link", name="Buka SK"))
    submit(komite, komite.get_by_role("link", name="Ubah tanggal pleno"))
    field(komite, "Tanggal pleno").fill(timezone.localdate().isoformat())
    submit(komite, komite.get_by_role("button", name="Simpan"))
    submit(komite, komite.get_by_role("button", name="Ajukan ke direktur"))
    expect(komite.get_by_test_id("sk-status")).to_have_text("Diajukan ke direktur")

    direktur = new_page()
    _accept_dialogs(direktur)
    errors += track_server_errors(direktur)
    login(direktur, "direktur_b", PASSWORD)
    direktur.goto("/asesmen/sk/?status=diajukan")
    submit(direktur, direktur.locator("tr[data-sk] a").first)
    submit(direktur, direktur.get_by_role("button", name="Setujui SK"))
    expect(direktur.get_by_test_id("sk-status")).to_have_text("Disetujui")

    profile = AsesorProfile.objects.get(user=calon)
    cert = profile.sertifikat.get()
    today = timezone.localdate()
    assert cert.issued_on == today and cert.valid_until.year == today.year + 3
    baru = new_page()
    errors += track_server_errors(baru)
    login(baru, calon.username, PASSWORD)
    baru.goto("/asesor/saya/")
    expect(baru.get_by_text(profile.nomor_registrasi).first).to_be_visible()
    assert errors == []
