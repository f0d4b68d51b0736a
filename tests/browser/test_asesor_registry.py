"""Issue 4 in a real browser: admin LSP's asesor registry (status badges, the "segera kedaluwarsa"
filter, the recognition count, CSV export) and the asesor's own page.

The demo certificates are dated relative to the day the demo is seeded, so expected dates and day
counts are computed here from the stored records with the same selector the pages use; only the
counts the demo story fixes (asesor2: 4 counted assessments) are written out."""

import csv
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import field, login, nav, submit, track_server_errors

pytestmark = [pytest.mark.browser]


def demo_asesors():
    from asesor.models import AsesorProfile
    from asesor.selectors import asesor_status_on

    today = timezone.localdate()
    found = {}
    for asesor in AsesorProfile.objects.select_related("user").filter(user__username__startswith="asesor"):
        found[asesor.user.username] = (asesor, asesor_status_on(asesor=asesor, on_date=today))
    assert set(found) == {"asesor1", "asesor2", "asesor3"}
    return found


def test_admin_finds_expiring_asesor_and_exports(new_page, demo_data):
    asesors = demo_asesors()
    a2, st2 = asesors["asesor2"]
    assert st2.status == "segera_kedaluwarsa"
    assert st2.hitungan == "5 dari 6 asesmen"  # 3 internal + 1 verified external + the PUM one of the banding demo

    page = new_page()
    errors = track_server_errors(page)
    login(page, "admin")
    nav(page, "Asesor")
    expect(page.get_by_role("heading", name="Asesor kompetensi")).to_be_visible()

    # every asesor with the badge the rules give on today's records
    rows = page.locator("tr[data-asesor]")
    expect(rows).to_have_count(3)
    for asesor, st in asesors.values():
        row = page.locator(f"tr[data-asesor='{asesor.pk}']")
        expect(row).to_contain_text(asesor.nomor_registrasi)
        expect(row.locator("[data-status]")).to_have_attribute("data-status", str(st.status))
        expect(row.locator("[data-status]")).to_have_text(str(st.status_label))
        expect(row).to_contain_text(st.hitungan)
        expect(row.locator("[data-rekognisi]")).to_have_attribute("data-rekognisi", str(st.rekognisi))
    expect(page.locator(f"tr[data-asesor='{asesors['asesor3'][0].pk}']")).to_contain_text("Master")

    # the whole registry as CSV
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    download = info.value
    assert download.suggested_filename == f"asesor-{timezone.localdate():%Y%m%d}.csv"
    table = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8-sig").read())))
    header, body = table[0], table[1:]
    assert header[:3] == ["Nomor registrasi", "Nama", "Email"]
    col = {name: i for i, name in enumerate(header)}
    by_nomor = {r[col["Nomor registrasi"]]: r for r in body}
    assert set(by_nomor) == {a.nomor_registrasi for a, _st in asesors.values()}
    for asesor, st in asesors.values():
        row = by_nomor[asesor.nomor_registrasi]
        assert row[col["Nama"]] == asesor.user.nama_lengkap
        assert row[col["Status"]] == str(st.status_label)
        assert row[col["Berlaku sampai"]] == st.valid_until.isoformat()
        assert row[col["Sisa hari"]] == str(st.sisa_hari)
        assert row[col["Jumlah asesmen"]] == str(st.jumlah_asesmen)

    # filter: segera kedaluwarsa → only asesor2; the export follows the filter
    field(page, "Status").select_option(label="Segera kedaluwarsa")
    submit(page, page.get_by_role("button", name="Terapkan"))
    expect(rows).to_have_count(1)
    row = page.locator(f"tr[data-asesor='{a2.pk}']")
    expect(row).to_contain_text("Agus Wijaya")
    expect(row).to_contain_text(f"({st2.sisa_hari} hari lagi)")
    expect(field(page, "Status")).to_have_value("segera_kedaluwarsa")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    body = list(csv.reader(io.StringIO(open(info.value.path(), encoding="utf-8-sig").read())))[1:]
    assert [r[0] for r in body] == [a2.nomor_registrasi]

    # the detail page: the count toward recognition and what is still missing
    submit(page, row.get_by_role("link", name="Agus Wijaya"))
    expect(page.get_by_role("heading", name="Agus Wijaya", exact=True)).to_be_visible()
    expect(page.get_by_test_id("nomor-registrasi")).to_have_text(a2.nomor_registrasi)
    expect(page.get_by_test_id("hitungan")).to_have_text(st2.hitungan)
    expect(page.get_by_text(f"kurang {st2.kekurangan}")).to_be_visible()
    expect(page.get_by_text(f"Sertifikat {st2.sertifikat.nomor} berlaku sampai")).to_contain_text(
        f"{st2.sisa_hari} hari lagi"
    )
    expect(page.locator("[data-status]")).to_have_text("Segera kedaluwarsa")
    # the external assessment still waiting for verification is listed but not counted
    waiting = page.locator("tr[data-riwayat]", has_text="Menunggu verifikasi")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text("LSP Ekonomi Kreatif")
    expect(page.locator("tr[data-riwayat] .bi-check-lg")).to_have_count(st2.jumlah_asesmen)
    assert errors == []


def test_asesor_sees_only_own_page(new_page, demo_data):
    asesors = demo_asesors()
    a1, _st1 = asesors["asesor1"]
    a2, st2 = asesors["asesor2"]

    page = new_page()
    errors = track_server_errors(page)
    login(page, "asesor2")
    expect(page.get_by_test_id("hitungan")).to_have_text(st2.hitungan)  # the home panel
    nav(page, "Profil asesor saya")
    expect(page.get_by_role("heading", name="Profil asesor saya")).to_be_visible()
    expect(page.get_by_test_id("nomor-registrasi")).to_have_text(a2.nomor_registrasi)
    expect(page.get_by_test_id("hitungan")).to_have_text(st2.hitungan)
    expect(page.locator("[data-status]")).to_have_attribute("data-status", str(st2.status))
    # the admin's actions are not on the asesor's own page
    expect(page.get_by_role("link", name="Ubah profil")).to_have_count(0)
    expect(page.get_by_role("link", name="Verifikasi", exact=True)).to_have_count(0)

    for url in (f"/asesor/{a1.pk}/", f"/asesor/{a2.pk}/", "/asesor/", "/asesor/ekspor.csv"):
        response = page.goto(url)
        assert response.status == 403, url
        expect(page.get_by_text("Anda tidak memiliki akses ke halaman ini.")).to_be_visible()
        body = page.content()
        assert a1.nomor_registrasi not in body
        assert "Siti Rahmawati" not in body
    assert errors == []
