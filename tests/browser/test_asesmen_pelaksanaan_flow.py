"""Issue 12 in a real browser: the demo batch of asesi4 is prepared and started (the planning steps run
through the services), then asesor1 assesses asesi4 fully in the workspace — every KUK by a click that
htmx saves, a portfolio item checked VATM — draws a signature and submits FR.AK.02; asesi4, on a phone,
sends FR.AK.03 with a drawn signature; the forms PDF opens with the signatures."""


import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import draw_signature, login, submit, track_server_errors

pytestmark = [pytest.mark.browser]


def _prepare_and_start(peserta):
    """What planning does before the day (covered by its own browser test)."""
    from asesmen import services
    from asesmen.domain import Rekomendasi, StatusJadwal
    from asesmen.models import PenugasanAsesor
    from lsp.models import User

    admin = User.objects.get(username="admin")
    asesor = peserta.asesor.user
    asesi = peserta.permohonan.asesi.user
    services.verifikasi_tuk_save(jadwal=peserta.jadwal, tempat=True, peralatan=True, bahan=True, k3=True,
                                 tanggal=timezone.localdate(), by=admin)
    services.pernyataan_sign(penugasan=PenugasanAsesor.objects.get(jadwal=peserta.jadwal, asesor=peserta.asesor),
                             by=asesor, ip="127.0.0.1")
    services.rekomendasi_save(peserta=peserta, rekomendasi=Rekomendasi.LANJUT, by=asesor)
    services.konsultasi_confirm(peserta=peserta, by=asesi, ip="127.0.0.1")
    services.ak01_confirm(peserta=peserta, by=asesor, ip="127.0.0.1")
    services.ak01_confirm(peserta=peserta, by=asesi, ip="127.0.0.1")
    services.jadwal_transition(jadwal=peserta.jadwal, to=StatusJadwal.BERJALAN, by=admin)




def test_asesor_assesses_a_demo_asesi_fully_and_the_asesi_gives_feedback(new_page, demo_data):
    from asesmen.models import ButirInstrumen, PesertaJadwal, RekamanAsesmen, TandaTangan
    from lsp.models import KUK

    peserta = PesertaJadwal.objects.select_related("jadwal", "asesor__user", "permohonan__asesi__user").get(
        permohonan__asesi__user__username="asesi4", aktif=True)
    _prepare_and_start(peserta)
    kuk_ids = list(KUK.objects.filter(elemen__unit__skema=peserta.jadwal.skema).values_list("pk", flat=True))
    porto = ButirInstrumen.objects.filter(unit__skema=peserta.jadwal.skema, instrumen="IA.08").order_by("pk").first()

    page = new_page()
    errors = track_server_errors(page)
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, "asesor1")
    page.goto(f"/asesmen/saya/jadwal/{peserta.jadwal_id}/")
    submit(page, page.locator(f"[data-peserta='{peserta.pk}'] [data-ruang-kerja]"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Asesmen")
    for pk in kuk_ids:
        page.locator(f"label[for='kuk-{pk}-K']").click()
        expect(page.locator(f"#kuk-{pk} [role=status]")).to_contain_text("Tersimpan")
    for key in ("valid", "asli", "terkini", "memadai"):
        page.locator(f"#butir-{porto.pk}-{key}").check()
        expect(page.locator(f"#butir-{porto.pk} [role=status]")).to_contain_text("Tersimpan")
    row = page.locator(f"#butir-{porto.pk}")
    row.locator("select[name=penilaian]").select_option("memadai")
    expect(page.locator(f"#butir-{porto.pk} [role=status]")).to_contain_text("Tersimpan")
    form = page.locator("form", has=page.locator("button[value=ajukan]"))
    draw_signature(page, form)
    submit(page, page.get_by_role("button", name="Tandatangani dan ajukan"))
    expect(page.locator("[data-final]")).to_contain_text("Kompeten (K)")
    rekaman = RekamanAsesmen.objects.get(peserta=peserta)
    assert (rekaman.status, rekaman.rekomendasi) == ("diajukan", "K")

    phone = new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    asesi_errors = track_server_errors(phone)
    login(phone, "asesi4")
    phone.goto("/asesmen/jadwal-saya/")
    submit(phone, phone.get_by_role("link", name="Asesmen saya"))
    feedback = phone.locator("#ak03 form")
    for radio in feedback.locator("input[type=radio][value=ya]").all():
        radio.check()
    draw_signature(phone, feedback)
    submit(phone, feedback.get_by_role("button", name="Kirim dan tandatangani"))
    expect(phone.locator("#ak03")).to_contain_text("Umpan balik terkirim")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert set(TandaTangan.objects.filter(peserta=peserta).values_list("dokumen", "pihak")) == {
        ("AK.02", "asesor"), ("AK.03", "asesi")}

    pdf = page.request.get(f"/asesmen/peserta/{peserta.pk}/formulir.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF") and b"/Subtype /Image" in pdf.body()
    assert errors == [] and asesi_errors == []
