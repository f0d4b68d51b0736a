"""Issue 16 item 1: the whole certification flow in a real browser, as ONE story, on Postgres with a real
Celery worker on Redis (never eager): the same new asesi goes from registration to a verified certificate.

One test with named steps (a)–(e), each a function below, so a failure names the step:

(a) a new asesi registers, confirms the email from the link in the mail, applies with documents,
    self-assesses (FR.APL.02) and submits — all in the browser;
(b) the admin verifies the application, plans a batch, assigns asesor1 and pairs the asesi — in the browser.
    A second asesi (the one who will be BK) is prepared through the services up to *diterima*
    (registration is step (a) already) and placed in the same batch in the browser;
(c) the day's preparation (FR.MAPA.02 plan, TUK check, impartiality declaration, APL.02 recommendation,
    pre-assessment consultation) runs through the services (covered in the browser by test_jadwal_flow.py);
    asesor1 and the new asesi agree FR.AK.01 in the browser (the second asesi agrees through the service),
    the admin starts the batch, and asesor1 records every unit K for the new asesi and one unit BK for the
    second, each FR.AK.02 signed and submitted in the workspace;
(d) the komite decides both in the pleno page and submits the SK, the direktur approves it, the admin issues
    the certificate; the Celery worker makes the PDF; the QR read from the PDF (pdfium renders, zxing-cpp
    decodes) opens the public verification page showing *Aktif (berlaku)*; the admin revokes it and the page
    shows *Dicabut* at once;
(e) the BK asesi appeals (FR.AK.04), a komite member not involved grants it, the application is scheduled
    again with another asesor (planning through the services, as in test_banding_flow.py), and that asesor
    re-assesses only the BK unit.

Takes about a minute and a half on the 2-core machine."""

import time
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import draw_signature, field, link_path, login, mail_to, nav, submit, track_server_errors
from tests.factories import PASSWORD as FACTORY_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.celery_worker]

JWD = "SKM-TIK-JWD-2024"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
ASESI = {
    "Nama pengguna": "rina.kusuma",
    "Nama lengkap (sesuai KTP)": "Rina Kusumawardani",
    "Tempat lahir": "Malang",
    "Tanggal lahir": "1998-03-14",
    "Kebangsaan": "Indonesia",
    "Alamat rumah": "Jl. Ijen No. 12, Malang",
    "Kode pos": "65119",
    "Telepon/HP": "081255566677",
    "Email": "rina.kusuma@example.com",
    "Nama institusi/perusahaan": "PT Web Malang",
}
PASSWORD = "Sertifikasi#2026"
NIK = "3573015403980004"


def wait_for(predicate, what, timeout=60):
    """Poll ``predicate`` (work done by the Celery worker) until it is truthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")




def flash(page, kind):
    return page.locator(f"main > .alert-{kind}")


# --- (a) ----------------------------------------------------------------------------------------------


def step_a_register_confirm_apply_submit(new_page, story):
    from asesi.models import Permohonan

    page = new_page()
    story["errors"] += track_server_errors(page)
    page.goto("/")
    submit(page, page.get_by_role("link", name="Daftar sebagai asesi"))
    for label, value in ASESI.items():
        field(page, label).fill(value)
    field(page, "NIK").fill(NIK)
    field(page, "Jenis kelamin").select_option(label="Perempuan")
    field(page, "Pendidikan terakhir").select_option(label="SMK")
    field(page, "Kata sandi").fill(PASSWORD)
    field(page, "Ulangi kata sandi").fill(PASSWORD)
    submit(page, page.get_by_role("button", name="Daftar", exact=True))
    expect(flash(page, "success")).to_contain_text("Pendaftaran berhasil")
    expect(page.get_by_test_id("email-unconfirmed")).to_be_visible()

    # the confirmation mail (sent by the worker when it goes through Celery)
    (konfirmasi,) = wait_for(lambda: mail_to(ASESI["Email"]), "the confirmation email")
    page.goto(link_path(konfirmasi.body, "/konfirmasi-email/"))
    expect(page.get_by_test_id("email-confirmed")).to_contain_text(ASESI["Email"])
    submit(page, page.get_by_role("link", name="Ke permohonan saya"))

    submit(page, page.get_by_role("link", name="Ajukan permohonan baru"))
    field(page, "Skema sertifikasi").select_option(label=f"{JWD} — Junior Web Developer")
    page.get_by_label("Sertifikasi", exact=True).check()
    submit(page, page.get_by_role("button", name="Buat draf permohonan"))
    persyaratan = page.locator("li[data-persyaratan]")
    ids = [persyaratan.nth(i).get_attribute("data-persyaratan") for i in range(persyaratan.count())]
    assert ids
    for i, pk in enumerate(ids, 1):
        field(page, "Untuk persyaratan").select_option(pk)
        field(page, "Berkas (PDF, JPG atau PNG)").set_input_files(
            {"name": f"bukti-{i}.pdf", "mimeType": "application/pdf", "buffer": PDF})
        submit(page, page.get_by_role("button", name="Unggah", exact=True))
        expect(page.locator(f"li[data-persyaratan='{pk}'] [data-dokumen]")).to_contain_text(f"bukti-{i}.pdf")

    # FR.APL.02: K with evidence on every element
    submit(page, page.get_by_role("link", name="Isi asesmen mandiri"))
    rows = page.locator("li[data-elemen]")
    for i in range(rows.count()):
        row = rows.nth(i)
        row.get_by_text("K — kompeten", exact=True).click()
        row.get_by_label(f"bukti-{i % len(ids) + 1}.pdf").check()
        row.get_by_label("Keterangan bukti").fill("Portal berita kampus 2025")
    submit(page, page.get_by_role("button", name="Simpan asesmen mandiri"))
    expect(flash(page, "success")).to_contain_text("Asesmen mandiri tersimpan")
    submit(page, page.get_by_test_id("ajukan"))
    expect(page.locator(".badge-status")).to_have_text("Diajukan")

    permohonan = Permohonan.objects.get(asesi__user__username=ASESI["Nama pengguna"])
    assert permohonan.status == "diajukan"
    story.update(page=page, permohonan=permohonan)


# --- (b) ----------------------------------------------------------------------------------------------


def step_b_admin_verifies_plans_assigns(new_page, story):
    from asesmen.models import Jadwal, PesertaJadwal
    from asesor.models import AsesorProfile
    from lsp.models import TUK, Skema, User
    from tests.asesmen.factories import permohonan_diterima

    p = story["permohonan"]
    skema = Skema.objects.get(kode=JWD)
    admin_user = User.objects.get(username="admin")
    # the second asesi, who will be BK: accepted through the services (registration is step (a))
    kedua = permohonan_diterima(skema, admin_user)
    asesor1 = AsesorProfile.objects.select_related("user").get(user__username="asesor1")

    admin = new_page()
    story["errors"] += track_server_errors(admin)
    admin.on("dialog", lambda dialog: dialog.accept())
    login(admin, "admin")
    nav(admin, "Verifikasi permohonan")
    submit(admin, admin.locator(f"tr[data-permohonan='{p.pk}']").get_by_role("link", name=p.nomor))
    items = admin.locator("li[data-persyaratan]")
    for i in range(items.count()):
        items.nth(i).get_by_label("Ada, memenuhi syarat").check()
    admin.get_by_label("Diterima — lanjut ke penjadwalan").check()
    submit(admin, admin.get_by_role("button", name="Simpan keputusan"))
    expect(flash(admin, "success")).to_contain_text(f"Permohonan {p.nomor}: Diterima (terverifikasi).")

    existing = list(Jadwal.objects.values_list("pk", flat=True))
    tuk = TUK.objects.filter(aktif=True).order_by("kode").first()
    start = timezone.localtime() + timedelta(days=21)
    admin.goto("/asesmen/jadwal/")
    submit(admin, admin.get_by_role("link", name="Jadwal baru"))
    field(admin, "Skema").select_option(str(skema.pk))
    field(admin, "TUK").select_option(str(tuk.pk))
    field(admin, "Mulai").fill(start.strftime("%Y-%m-%dT08:00"))
    field(admin, "Selesai").fill(start.strftime("%Y-%m-%dT16:00"))
    field(admin, "Kapasitas asesi").fill("5")
    submit(admin, admin.get_by_role("button", name="Simpan"))
    jadwal = Jadwal.objects.exclude(pk__in=existing).get()
    field(admin, "Asesor").select_option(str(asesor1.pk))
    submit(admin, admin.get_by_role("button", name="Tugaskan asesor"))
    expect(admin.locator("[data-penugasan]")).to_contain_text(str(asesor1.user))

    admin.goto(f"/asesmen/jadwal/{jadwal.pk}/asesi/")
    for permohonan in (p, kedua):
        admin.locator(f"input[name=permohonan][value='{permohonan.pk}']").check()
    submit(admin, admin.get_by_role("button", name="Jadwalkan yang dipilih"))
    peserta = {x.permohonan_id: x for x in PesertaJadwal.objects.filter(jadwal=jadwal, aktif=True)}
    assert set(peserta) == {p.pk, kedua.pk}
    for x in peserta.values():
        pasangkan = admin.locator(f"tr[data-peserta='{x.pk}']").get_by_role("button", name=f"Pasangkan {asesor1.user}")
        submit(admin, pasangkan)
        expect(admin.locator(f"tr[data-peserta='{x.pk}']")).to_contain_text(str(asesor1.user))
    story.update(admin=admin, admin_user=admin_user, jadwal=jadwal, skema=skema, asesor1=asesor1, kedua=kedua,
                 peserta_k=peserta[p.pk], peserta_bk=peserta[kedua.pk])


# --- (c) ----------------------------------------------------------------------------------------------


def step_c_ak01_and_assessment(new_page, story):
    from asesmen import services
    from asesmen.domain import Rekomendasi
    from asesmen.models import PenugasanAsesor, RekamanAsesmen
    from lsp.models import KUK

    jadwal, admin_user, asesor1 = story["jadwal"], story["admin_user"], story["asesor1"]
    peserta_k, peserta_bk = story["peserta_k"], story["peserta_bk"]
    # the day's preparation through the services (test_jadwal_flow.py drives it in the browser)
    units = list(story["skema"].units.order_by("urutan", "pk"))
    for unit in units:
        services.mapa_save(jadwal=jadwal, unit=unit, pendekatan="hasil_pelatihan", konteks="simulasi",
                           metode=["observasi"], jenis_bukti=["L"], instrumen=["IA.01"], by=admin_user)
    services.verifikasi_tuk_save(jadwal=jadwal, tempat=True, peralatan=True, bahan=True, k3=True,
                                 tanggal=timezone.localdate(), by=admin_user)
    services.pernyataan_sign(penugasan=PenugasanAsesor.objects.get(jadwal=jadwal, asesor=asesor1),
                             by=asesor1.user, ip="127.0.0.1")
    for x in (peserta_k, peserta_bk):
        services.rekomendasi_save(peserta=x, rekomendasi=Rekomendasi.LANJUT, by=asesor1.user)
        services.konsultasi_save(peserta=x, proses=True, bukti=True, hak=True, kerahasiaan=True, by=asesor1.user)
        services.konsultasi_confirm(peserta=x, by=x.permohonan.asesi.user, ip="127.0.0.1")

    # FR.AK.01: the asesor plans and agrees for both, in the browser
    asesor = new_page()
    story["errors"] += track_server_errors(asesor)
    asesor.on("dialog", lambda dialog: dialog.accept())
    login(asesor, "asesor1")
    for x in (peserta_k, peserta_bk):
        asesor.goto(f"/asesmen/saya/jadwal/{jadwal.pk}/")
        submit(asesor, asesor.locator(f"[data-peserta='{x.pk}'] a").first)
        asesor.get_by_label("L: Observasi langsung").check()
        asesor.locator("input[name='ak01-tempat']").fill("Lab Web 1")
        asesor.locator("input[name='ak01-waktu']").fill(timezone.localtime(jadwal.mulai).strftime("%Y-%m-%dT%H:%M"))
        submit(asesor, asesor.get_by_role("button", name="Simpan rencana"))
        submit(asesor, asesor.get_by_role("button", name="Saya (asesor) menyetujui FR.AK.01"))
    # the new asesi agrees in the browser; the second through the service
    page = story["page"]
    page.goto("/asesmen/jadwal-saya/")
    card = page.locator(f"[data-peserta='{peserta_k.pk}']")
    expect(card).to_contain_text("Lab Web 1")
    submit(page, card.get_by_role("button", name="Saya setuju"))
    services.ak01_confirm(peserta=peserta_bk, by=peserta_bk.permohonan.asesi.user, ip="127.0.0.1")

    admin = story["admin"]
    admin.goto(jadwal.get_absolute_url())
    submit(admin, admin.get_by_role("button", name="Mulai jadwal"))
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Berjalan")

    # the workspace: every KUK K for the new asesi; the last unit BK for the second
    unit_bk = units[-1]
    for x, bk_unit in ((peserta_k, None), (peserta_bk, unit_bk)):
        asesor.goto(f"/asesmen/saya/asesi/{x.pk}/asesmen/")
        for kuk in KUK.objects.filter(elemen__unit__skema=story["skema"]).select_related("elemen"):
            hasil = "BK" if kuk.elemen.unit_id == getattr(bk_unit, "pk", None) else "K"
            asesor.locator(f"label[for='kuk-{kuk.pk}-{hasil}']").click()
            expect(asesor.locator(f"#kuk-{kuk.pk} [role=status]")).to_contain_text("Tersimpan")
        form = asesor.locator("form", has=asesor.locator("button[value=ajukan]"))
        if bk_unit:  # a BK needs the follow-up written down
            field(asesor, "Tindak lanjut (bila BK)").fill(f"Tunjukkan bukti unit {bk_unit.kode} pada asesmen ulang.")
        draw_signature(asesor, form)
        submit(asesor, asesor.get_by_role("button", name="Tandatangani dan ajukan"))
        expect(asesor.locator("[data-final]")).to_contain_text("Belum kompeten (BK)" if bk_unit else "Kompeten (K)")
    assert RekamanAsesmen.objects.get(peserta=peserta_k).rekomendasi == "K"
    assert RekamanAsesmen.objects.get(peserta=peserta_bk).rekomendasi == "BK"
    story.update(asesor=asesor, unit_bk=unit_bk, rekaman_bk=RekamanAsesmen.objects.get(peserta=peserta_bk))


# --- (d) ----------------------------------------------------------------------------------------------


def step_d_decide_approve_issue_verify_revoke(new_page, story):
    import pypdfium2
    import zxingcpp

    from asesmen.models import KeputusanSK
    from sertifikat.models import Sertifikat

    jadwal, peserta_k, peserta_bk = story["jadwal"], story["peserta_k"], story["peserta_bk"]
    komite = new_page()
    story["errors"] += track_server_errors(komite)
    komite.on("dialog", lambda dialog: dialog.accept())
    login(komite, "komite")
    for x, putusan in ((peserta_k, "Kompeten (K)"), (peserta_bk, "Belum kompeten (BK)")):
        komite.goto(f"/asesmen/pleno/{jadwal.pk}/")
        submit(komite, komite.locator(f"tr[data-peserta='{x.pk}']").get_by_role("link", name="Putuskan"))
        komite.get_by_role("radio", name=putusan).check()
        submit(komite, komite.get_by_role("button", name="Simpan keputusan"))
    sk = KeputusanSK.objects.get(jadwal=jadwal)
    komite.goto(f"/asesmen/sk/{sk.pk}/")
    submit(komite, komite.get_by_role("link", name="Ubah tanggal pleno"))
    field(komite, "Tanggal pleno").fill(timezone.localdate().isoformat())
    submit(komite, komite.get_by_role("button", name="Simpan"))
    submit(komite, komite.get_by_role("button", name="Ajukan ke direktur"))
    expect(komite.get_by_test_id("sk-status")).to_have_text("Diajukan ke direktur")

    direktur = new_page()
    story["errors"] += track_server_errors(direktur)
    direktur.on("dialog", lambda dialog: dialog.accept())
    login(direktur, "direktur")
    direktur.goto(f"/asesmen/sk/{sk.pk}/")
    submit(direktur, direktur.get_by_role("button", name="Setujui SK"))
    expect(direktur.get_by_test_id("sk-status")).to_have_text("Disetujui")
    for x, keputusan in ((peserta_k, "K"), (peserta_bk, "BK")):
        x.permohonan.refresh_from_db()
        assert (x.permohonan.status, x.permohonan.keputusan) == ("diputuskan", keputusan)

    admin = story["admin"]
    admin.goto(f"/asesmen/sk/{sk.pk}/")
    submit(admin, admin.get_by_role("link", name="Terbitkan sertifikat"))
    expect(admin.locator(f'tr[data-permohonan="{peserta_k.permohonan_id}"]')).to_be_visible()
    expect(admin.locator(f'tr[data-permohonan="{peserta_bk.permohonan_id}"]')).to_have_count(0)
    submit(admin, admin.get_by_role("button", name="Terbitkan semua"))
    cert = Sertifikat.objects.get(permohonan=peserta_k.permohonan)
    assert not Sertifikat.objects.filter(permohonan=peserta_bk.permohonan).exists()

    # the worker (a real one, on Redis) makes the PDF; the asesi downloads it from "Sertifikat saya"
    wait_for(lambda: Sertifikat.objects.filter(pk=cert.pk, pdf_status="siap").exists(), "the certificate PDF")
    page = story["page"]
    page.goto("/sertifikat/saya/")
    expect(page.get_by_text(cert.nomor)).to_be_visible()
    response = page.request.get(f"/sertifikat/{cert.pk}/pdf/")
    assert response.ok and response.body().startswith(b"%PDF")
    image = pypdfium2.PdfDocument(response.body())[0].render(scale=3).to_pil()
    (qr,) = zxingcpp.read_barcodes(image)
    path = urlparse(qr.text).path
    assert path.startswith("/verifikasi/")

    public = new_page()
    story["errors"] += track_server_errors(public)
    public.goto(path)
    expect(public.get_by_test_id("verifikasi-nama")).to_have_text(ASESI["Nama lengkap (sesuai KTP)"])
    expect(public.get_by_test_id("verifikasi-status")).to_have_text("Aktif (berlaku)")

    admin.goto(f"/sertifikat/{cert.pk}/")
    field(admin, "Ubah status menjadi").select_option("dicabut")
    field(admin, "Alasan").fill("Dokumen persyaratan terbukti dipalsukan.")
    submit(admin, admin.get_by_role("button", name="Simpan status"))
    public.reload()
    expect(public.get_by_test_id("verifikasi-status")).to_have_text("Dicabut")
    expect(public.get_by_text("Sertifikat ini telah dicabut oleh LSP dan tidak berlaku.")).to_be_visible()


# --- (e) ----------------------------------------------------------------------------------------------


def step_e_bk_asesi_appeals_and_is_reassessed(new_page, story):
    from asesmen.models import Banding, PenilaianUnit, RekamanAsesmen
    from lsp.models import KUK
    from tests.asesmen.banding_factories import komite_user, reassessment_batch
    from tests.asesmen.factories import asesor_for

    p = story["kedua"]
    p.refresh_from_db()
    page = new_page()
    story["errors"] += track_server_errors(page)
    login(page, p.asesi.user.username, FACTORY_PASSWORD)
    page.goto(p.get_absolute_url())
    submit(page, page.get_by_test_id("banding-link"))
    submit(page, page.get_by_role("link", name="Ajukan banding"))
    for name, value in (("dijelaskan", "ya"), ("didiskusikan", "ya"), ("melibatkan", "tidak")):
        page.locator(f"input[name={name}][value={value}]").check()
    page.locator("textarea[name=alasan]").fill("Bukti unit terakhir tidak diperiksa.")
    submit(page, page.get_by_role("button", name="Ajukan banding"))
    expect(page.locator("h1")).to_contain_text("Menunggu keputusan")
    banding = Banding.objects.get(permohonan=p)

    komite = komite_user(username="komite_banding")
    komite_page = new_page()
    story["errors"] += track_server_errors(komite_page)
    login(komite_page, komite.username, FACTORY_PASSWORD)
    komite_page.goto("/asesmen/banding/")
    submit(komite_page, komite_page.get_by_role("link", name=banding.kode))
    komite_page.locator("input[name=keputusan][value=diterima]").check()
    komite_page.locator("textarea[name=alasan]").fill("Ases ulang unit terakhir.")
    submit(komite_page, komite_page.get_by_role("button", name="Simpan keputusan"))
    expect(komite_page.get_by_test_id("keputusan-banding")).to_contain_text("Diterima")

    # scheduled again with another asesor (planning through the services); only the BK unit is assessed
    p.refresh_from_db()
    other = asesor_for(story["skema"])
    ulang = reassessment_batch(skema=story["skema"], permohonan=p, admin=story["admin_user"], asesor=other)
    peserta = ulang["peserta"]
    asesor = new_page()
    story["errors"] += track_server_errors(asesor)
    asesor.on("dialog", lambda dialog: dialog.accept())
    login(asesor, other.user.username, FACTORY_PASSWORD)
    asesor.goto(f"/asesmen/saya/asesi/{peserta.pk}/asesmen/")
    rekaman_bk, unit_bk = story["rekaman_bk"], story["unit_bk"]
    expect(asesor.get_by_test_id("unit-dibawa").first).to_contain_text(f"K (dibawa dari rekaman #{rekaman_bk.pk})")
    for kuk in KUK.objects.filter(elemen__unit__skema=story["skema"]).exclude(elemen__unit=unit_bk):
        expect(asesor.locator(f"#kuk-{kuk.pk}")).to_have_count(0)
    for pk in KUK.objects.filter(elemen__unit=unit_bk).values_list("pk", flat=True):
        asesor.locator(f"label[for='kuk-{pk}-K']").click()
        expect(asesor.locator(f"#kuk-{pk} [role=status]")).to_contain_text("Tersimpan")
    form = asesor.locator("form", has=asesor.locator("button[value=ajukan]"))
    draw_signature(asesor, form)
    submit(asesor, asesor.get_by_role("button", name="Tandatangani dan ajukan"))
    expect(asesor.locator("[data-final]")).to_contain_text("Kompeten (K)")
    rekaman = RekamanAsesmen.objects.get(peserta=peserta)
    assert rekaman.rekomendasi == "K"
    assert PenilaianUnit.objects.get(rekaman=rekaman, unit=unit_bk).dibawa_dari_id is None
    assert PenilaianUnit.objects.filter(rekaman=rekaman, dibawa_dari=rekaman_bk).count() == len(
        story["skema"].units.all()) - 1


def test_full_certification_flow(new_page, demo_data, celery_worker_on_redis):
    assert not celery_worker_on_redis.conf.task_always_eager  # the PDF and the mails go through Redis
    story = {"errors": []}
    step_a_register_confirm_apply_submit(new_page, story)
    step_b_admin_verifies_plans_assigns(new_page, story)
    step_c_ak01_and_assessment(new_page, story)
    step_d_decide_approve_issue_verify_revoke(new_page, story)
    step_e_bk_asesi_appeals_and_is_reassessed(new_page, story)
    assert story["errors"] == []
