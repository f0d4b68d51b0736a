"""Issue 11 in a real browser: admin LSP plans a batch end to end (create, assign an asesor, take an asesi
out of the demo batch and place them in the new one, pair them), the asesor signs the declaration and
agrees FR.AK.01, the asesi agrees too on a phone-width screen, and the batch starts once the TUK is checked."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import field, login, submit, track_server_errors

pytestmark = [pytest.mark.browser]


def test_admin_plans_a_batch_and_both_sides_agree_ak01(new_page, demo_data):
    from asesmen.models import Jadwal, PesertaJadwal
    from asesor.models import AsesorProfile
    from lsp.models import TUK, Skema

    skema = Skema.objects.get(kode="SKM-TIK-JWD-2024")
    tuk = TUK.objects.filter(aktif=True).order_by("kode").first()
    asesor1 = AsesorProfile.objects.select_related("user").get(user__username="asesor1")
    demo_batch = Jadwal.objects.get(peserta__permohonan__asesi__user__username="asesi4")
    existing = list(Jadwal.objects.values_list("pk", flat=True))  # the demo's batches
    start = timezone.localtime() + timedelta(days=20)

    page = new_page()
    errors = track_server_errors(page)
    login(page, "admin")
    page.goto("/asesmen/jadwal/")
    submit(page, page.get_by_role("link", name="Jadwal baru"))
    field(page, "Skema").select_option(str(skema.pk))
    field(page, "TUK").select_option(str(tuk.pk))
    field(page, "Mulai").fill(start.strftime("%Y-%m-%dT08:00"))
    field(page, "Selesai").fill(start.strftime("%Y-%m-%dT16:00"))
    field(page, "Kapasitas asesi").fill("5")
    submit(page, page.get_by_role("button", name="Simpan"))
    jadwal = Jadwal.objects.exclude(pk__in=existing).get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(jadwal.kode)

    field(page, "Asesor").select_option(str(asesor1.pk))
    submit(page, page.get_by_role("button", name="Tugaskan asesor"))
    expect(page.locator("[data-penugasan]")).to_contain_text(str(asesor1.user))

    # asesi4 is in the demo batch: take her out there (with a reason), then place her here
    peserta = PesertaJadwal.objects.get(jadwal=demo_batch, aktif=True)
    page.goto(demo_batch.get_absolute_url())
    submit(page, page.locator(f"tr[data-peserta='{peserta.pk}']").get_by_role("link", name="Keluarkan"))
    field(page, "Alasan").fill("Pindah ke gelombang berikutnya")
    submit(page, page.get_by_role("button", name="Simpan"))
    page.goto(f"/asesmen/jadwal/{jadwal.pk}/asesi/")
    page.locator(f"input[name=permohonan][value='{peserta.permohonan_id}']").check()
    submit(page, page.get_by_role("button", name="Jadwalkan yang dipilih"))
    placed = PesertaJadwal.objects.get(jadwal=jadwal, aktif=True)
    assert placed.permohonan_id == peserta.permohonan_id
    row = page.locator(f"tr[data-peserta='{placed.pk}']")
    submit(page, row.get_by_role("button", name=f"Pasangkan {asesor1.user}"))
    expect(page.locator(f"tr[data-peserta='{placed.pk}']")).to_contain_text(str(asesor1.user))

    # the asesor: declaration, then FR.AK.01
    asesor_page = new_page()
    login(asesor_page, "asesor1")
    asesor_page.goto(f"/asesmen/saya/jadwal/{jadwal.pk}/")
    submit(asesor_page, asesor_page.get_by_role("button", name="Tandatangani pernyataan ketidakberpihakan"))
    submit(asesor_page, asesor_page.locator(f"[data-peserta='{placed.pk}'] a"))
    asesor_page.get_by_label("L: Observasi langsung").check()
    asesor_page.locator("input[name='ak01-tempat']").fill("Lab Komputer 2")
    asesor_page.locator("input[name='ak01-waktu']").fill(start.strftime("%Y-%m-%dT09:00"))
    submit(asesor_page, asesor_page.get_by_role("button", name="Simpan rencana"))
    submit(asesor_page, asesor_page.get_by_role("button", name="Saya (asesor) menyetujui FR.AK.01"))

    # the asesi, on a phone
    asesi_page = new_page()
    asesi_page.set_viewport_size({"width": 390, "height": 844})
    login(asesi_page, "asesi4")
    asesi_page.goto("/asesmen/jadwal-saya/")
    card = asesi_page.locator(f"[data-peserta='{placed.pk}']")
    expect(card).to_contain_text("Lab Komputer 2")
    expect(card).to_contain_text(str(asesor1.user))
    assert asesi_page.evaluate("document.documentElement.scrollWidth") <= 390
    submit(asesi_page, card.get_by_role("button", name="Saya setuju"))
    placed.refresh_from_db()
    assert placed.ak01.disetujui

    # the admin: starting before the TUK check is refused with its reason; after the check it starts
    page.goto(jadwal.get_absolute_url())
    submit(page, page.get_by_role("button", name="Mulai jadwal"))
    expect(page.locator(".alert")).to_contain_text("Verifikasi kesiapan TUK belum lengkap.")
    submit(page, page.get_by_role("link", name="Verifikasi TUK"))
    for label in ("Tempat sesuai dan layak", "Peralatan yang dibutuhkan skema tersedia dan berfungsi",
                  "Bahan dan materi uji tersedia", "Keselamatan dan kesehatan kerja (K3) terpenuhi"):
        page.get_by_label(label).check()
    submit(page, page.get_by_role("button", name="Simpan"))
    submit(page, page.get_by_role("button", name="Mulai jadwal"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Berjalan")
    assert errors == []
