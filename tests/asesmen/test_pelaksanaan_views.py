"""The assessment pages: who sees what, htmx rows, submit from two tabs, the IA.05 and AK.03 pages of the
asesi, the history and correction, the item bank, the PDFs — and the workspace's constant query count."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from asesmen import services
from asesmen.domain_pelaksanaan import StatusRekaman
from asesmen.models import ButirInstrumen, Jadwal, PenilaianKUK, RekamanAsesmen, TandaTangan, UmpanBalik
from lsp.models import AuditLog
from tests.factories import skema_with_units

from .pelaksanaan_factories import assess_all, butir, kuk_of, signature_png, started

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def ctx():
    return started()


def _url(name, *args):
    return reverse(f"asesmen:{name}", args=args)


def test_only_the_paired_asesor_opens_the_workspace(client, ctx):
    p = ctx["p"]
    url = _url("ruang-kerja", p.pk)
    client.force_login(ctx["asesor"].user)
    page = client.get(url)
    assert page.status_code == 200
    assert kuk_of(ctx["skema"])[0].deskripsi in page.content.decode()
    other = started()
    client.force_login(other["asesor"].user)
    assert client.get(url).status_code == 404
    client.force_login(p.permohonan.asesi.user)
    assert client.get(url).status_code == 403


def test_the_workspace_shows_what_is_missing_before_the_start_and_offers_no_submit(client):
    c = started(start=False)
    client.force_login(c["asesor"].user)
    body = client.get(_url("ruang-kerja", c["p"].pk)).content.decode()
    assert "Jadwal belum dimulai." in body
    assert 'name="aksi" value="ajukan"' not in body


def test_a_kuk_result_posted_by_htmx_comes_back_as_its_saved_row(client, ctx):
    p, kuk = ctx["p"], kuk_of(ctx["skema"])[0]
    client.force_login(ctx["asesor"].user)
    row = client.post(_url("kuk-save", p.pk, kuk.pk), {"hasil": "BK", "bukti": "Foto 3"}, **HX)
    body = row.content.decode()
    assert row.status_code == 200 and "Tersimpan" in body and f'id="kuk-{kuk.pk}"' in body
    assert f'value="BK" id="kuk-{kuk.pk}-BK" autocomplete="off" checked' in body
    assert PenilaianKUK.objects.get(kuk=kuk).bukti == "Foto 3"
    # the unit's header is swapped in out of band: one KUK BK decides nothing yet (others are open)
    assert f'id="unit-status-{kuk.elemen.unit_id}" class="small" hx-swap-oob="true" data-unit-verdict=""' in body


def test_the_unit_header_turns_k_when_its_last_kuk_is_k(client, ctx):
    p = ctx["p"]
    kuks = [k for k in kuk_of(ctx["skema"]) if k.elemen.unit_id == kuk_of(ctx["skema"])[0].elemen.unit_id]
    for kuk in kuks[:-1]:
        services.kuk_save(peserta=p, kuk=kuk, hasil="K", by=ctx["asesor"].user)
    client.force_login(ctx["asesor"].user)
    body = client.post(_url("kuk-save", p.pk, kuks[-1].pk), {"hasil": "K"}, **HX).content.decode()
    assert 'hx-swap-oob="true" data-unit-verdict="K"' in body


def test_a_kuk_outside_the_plan_comes_back_with_the_error_and_what_was_typed(client, ctx):
    foreign = kuk_of(skema_with_units(n_units=1, n_elemen=1, n_kuk=1))[0]
    client.force_login(ctx["asesor"].user)
    row = client.post(_url("kuk-save", ctx["p"].pk, foreign.pk), {"hasil": "K", "catatan": "ketikan saya"}, **HX)
    body = row.content.decode()
    assert row.status_code == 200
    assert "tidak termasuk rencana asesmen" in body and "ketikan saya" in body
    assert not PenilaianKUK.objects.exists()


def test_without_htmx_a_saved_row_redirects_back_to_the_workspace(client, ctx):
    client.force_login(ctx["asesor"].user)
    kuk = kuk_of(ctx["skema"])[0]
    response = client.post(_url("kuk-save", ctx["p"].pk, kuk.pk), {"hasil": "K"})
    assert response.status_code == 302 and response["Location"] == _url("ruang-kerja", ctx["p"].pk)


def test_an_item_answer_is_saved_by_htmx(client):
    c = started(instrumen=["IA.01", "IA.07"])
    item = butir(c["skema"].units.first(), "IA.07", pertanyaan="Jelaskan langkah backup")
    client.force_login(c["asesor"].user)
    body = client.get(_url("ruang-kerja", c["p"].pk)).content.decode()
    assert "Jelaskan langkah backup" in body
    row = client.post(_url("jawaban-save", c["p"].pk, item.pk),
                      {"jawaban": "Salin ke disk lain", "penilaian": "memadai"}, **HX)
    assert "Tersimpan" in row.content.decode()
    bad = client.post(_url("jawaban-save", c["p"].pk, item.pk), {"jawaban": "x", "penilaian": "K"}, **HX)
    assert "tidak sesuai dengan jenis butir" in bad.content.decode()


def _post_submit(client, p, **data):
    return client.post(_url("ruang-kerja", p.pk), {"aksi": "ajukan", "ttd": signature_png(), **data})


def test_submit_from_two_tabs_the_second_is_refused_with_a_clear_message(client, ctx):
    p = ctx["p"]
    assess_all(p, ctx["asesor"].user)
    client.force_login(ctx["asesor"].user)
    first = _post_submit(client, p)
    assert first.status_code == 302
    second = _post_submit(client, p, catatan="dari tab lain")
    assert second.status_code == 200
    assert "sudah diajukan dan tidak dapat diubah" in second.content.decode()
    assert RekamanAsesmen.objects.get(peserta=p).catatan == ""
    assert AuditLog.objects.filter(action="rekaman_asesmen.submit").count() == 1


def test_submit_with_a_kuk_open_shows_the_reason_and_keeps_what_was_typed(client, ctx):
    p = ctx["p"]
    services.kuk_save(peserta=p, kuk=kuk_of(ctx["skema"])[0], hasil="K", by=ctx["asesor"].user)
    client.force_login(ctx["asesor"].user)
    page = _post_submit(client, p, tindak_lanjut="Catatan panjang saya")
    body = page.content.decode()
    assert page.status_code == 200 and "Masih ada KUK yang belum dinilai" in body
    assert "Catatan panjang saya" in body
    assert RekamanAsesmen.objects.get(peserta=p).status == StatusRekaman.DRAF


def test_the_workspace_keeps_its_query_count_as_units_kuk_and_items_grow(client, django_assert_max_num_queries):
    counts = []
    for n_units, n_elemen, n_kuk in ((1, 1, 1), (6, 3, 4)):
        c = started(n_units=n_units, n_elemen=n_elemen, n_kuk=n_kuk, instrumen=["IA.01", "IA.05", "IA.07", "IA.08"])
        for unit in c["skema"].units.all():
            for kode in ("IA.07", "IA.08"):
                butir(unit, kode)
            butir(unit, "IA.05", pilihan=["a", "b"], kunci="A")
        assess_all(c["p"], c["asesor"].user)
        client.force_login(c["asesor"].user)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url("ruang-kerja", c["p"].pk)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[1]):
        client.get(_url("ruang-kerja", c["p"].pk))


# --- the asesi ------------------------------------------------------------------------------------


def test_the_asesi_takes_the_test_on_their_own_page(client):
    c = started(instrumen=["IA.01", "IA.05"])
    now = timezone.now()
    Jadwal.objects.filter(pk=c["jadwal"].pk).update(mulai=now - timedelta(hours=1), selesai=now + timedelta(hours=3))
    q = butir(c["skema"].units.first(), "IA.05", pertanyaan="Perintah untuk menyalin?", pilihan=["cp", "mv"],
              kunci="A")
    p = c["p"]
    client.force_login(p.permohonan.asesi.user)
    assert "Mulai ujian" in client.get(_url("asesi-ujian", p.pk)).content.decode()
    client.post(_url("asesi-ujian", p.pk), {"aksi": "mulai"})
    page = client.get(_url("asesi-ujian", p.pk)).content.decode()
    assert "Perintah untuk menyalin?" in page and "data-countdown" in page
    row = client.post(_url("asesi-ujian-jawab", p.pk, q.pk), {"pilihan": "A", "nomor": "1"}, **HX)
    assert "Jawaban tersimpan" in row.content.decode()
    client.post(_url("asesi-ujian", p.pk), {"aksi": "selesai"})
    late = client.post(_url("asesi-ujian-jawab", p.pk, q.pk), {"pilihan": "B", "nomor": "1"}, **HX)
    assert "sudah diselesaikan" in late.content.decode()
    assert RekamanAsesmen.objects.get(peserta=p).ujian.benar == 1
    client.force_login(c["asesor"].user)
    assert "1 dari 1 benar" in client.get(_url("ruang-kerja", p.pk)).content.decode()


def test_the_asesi_sends_feedback_signed_and_signs_a_form(client, ctx):
    p = ctx["p"]
    assess_all(p, ctx["asesor"].user)
    services.rekaman_submit(peserta=p, ttd=signature_png(), by=ctx["asesor"].user, ip=None)
    client.force_login(p.permohonan.asesi.user)
    url = _url("asesi-asesmen", p.pk)
    assert "FR.AK.03" in client.get(url).content.decode()
    answers = {f"ak03-{k}": "ya" for k in ("penjelasan", "kesempatan", "diskusi", "menggali", "bebas", "umpan",
                                            "rahasia")}
    unsigned = client.post(url, {"aksi": "ak03", **answers, "ak03-ttd": ""})
    assert "Bubuhkan tanda tangan" in unsigned.content.decode()
    assert not UmpanBalik.objects.exists()
    # the canvas input is named "ttd" in the page; the form reads it with its prefix
    assert client.post(url, {"aksi": "ak03", **answers, "ak03-ttd": signature_png()}).status_code == 302
    assert UmpanBalik.objects.get(peserta=p).jawaban["rahasia"] is True
    assert client.post(url, {"aksi": "ttd", "dokumen": "AK.02", "ttd": signature_png()}).status_code == 302
    assert TandaTangan.objects.filter(peserta=p, pihak="asesi").count() == 2


def test_the_forms_pdf_opens_for_the_people_involved_and_carries_the_signatures(client, ctx):
    p = ctx["p"]
    assess_all(p, ctx["asesor"].user)
    services.rekaman_submit(peserta=p, ttd=signature_png(), by=ctx["asesor"].user, ip="10.0.0.1")
    for user in (ctx["asesor"].user, p.permohonan.asesi.user, ctx["admin"]):
        client.force_login(user)
        response = client.get(_url("formulir-pdf", p.pk))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF") and b"/Subtype /Image" in response.content
        assert response["Content-Security-Policy"] == "sandbox"
    client.force_login(started()["asesor"].user)
    assert client.get(_url("formulir-pdf", p.pk)).status_code == 404
    client.force_login(ctx["asesor"].user)
    berita = client.get(_url("berita-acara", ctx["jadwal"].pk, timezone.localdate().isoformat()))
    assert berita.status_code == 200 and berita.content.startswith(b"%PDF")
    assert client.get(_url("berita-acara", ctx["jadwal"].pk, "2026-02-31")).status_code == 404


# --- admin ----------------------------------------------------------------------------------------


def test_the_admin_corrects_a_record_and_the_history_page_shows_old_and_new(client, ctx):
    p = ctx["p"]
    assess_all(p, ctx["asesor"].user)
    services.rekaman_submit(peserta=p, ttd=signature_png(), by=ctx["asesor"].user, ip=None)
    kuk = kuk_of(ctx["skema"])[0]
    client.force_login(ctx["admin"])
    url = _url("rekaman-koreksi", p.pk)
    missing = client.post(url, {"kuk": kuk.pk, "hasil": "BK", "alasan": "", "tindak_lanjut": "Ulang"})
    assert missing.status_code == 200 and not AuditLog.objects.filter(action="rekaman_asesmen.correct").exists()
    done = client.post(url, {"kuk": kuk.pk, "hasil": "BK", "alasan": "Salah klik saat asesmen",
                             "tindak_lanjut": "Ulang"})
    assert done.status_code == 302
    history = client.get(_url("rekaman-riwayat", p.pk)).content.decode()
    assert "Salah klik saat asesmen" in history and 'data-action="rekaman_asesmen.correct"' in history
    client.force_login(ctx["asesor"].user)
    assert client.get(url).status_code == 403
    assert client.get(_url("rekaman-riwayat", p.pk)).status_code == 200


def test_the_item_bank_page_adds_an_item_and_shows_refusals_on_the_form(client, ctx):
    unit = ctx["skema"].units.first()
    client.force_login(ctx["admin"])
    url = _url("bank-unit", unit.pk)
    bad = client.post(url, {"instrumen": "IA.05", "urutan": 1, "pertanyaan": "Q", "pilihan": "a\nb", "kunci": "C"})
    assert bad.status_code == 200 and "Pilih kunci jawaban" in bad.content.decode()
    ok = client.post(url, {"instrumen": "IA.05", "urutan": 1, "pertanyaan": "Q", "pilihan": "a\nb", "kunci": "B"})
    assert ok.status_code == 302
    assert ButirInstrumen.objects.get(unit=unit).pilihan == ["a", "b"]
    assert client.get(_url("bank")).status_code == 200
    client.force_login(ctx["asesor"].user)
    assert client.get(url).status_code == 403


def test_the_asesor_reviews_the_process_fr_ak06(client, ctx):
    client.force_login(ctx["asesor"].user)
    url = _url("tinjauan", ctx["penugasan"].pk)
    assert client.get(url).status_code == 200
    assert client.post(url, {"prinsip": "on", "rekomendasi_perbaikan": "Tambah waktu"}).status_code == 302
    tinjauan = ctx["penugasan"].__class__.objects.get(pk=ctx["penugasan"].pk).tinjauan
    assert tinjauan.jawaban["prinsip"] is True and tinjauan.jawaban["keputusan"] is False
    client.force_login(started()["asesor"].user)
    assert client.get(url).status_code == 404


def test_the_asesor_signs_ak01_from_the_workspace_and_not_someone_elses(client, ctx):
    p = ctx["p"]
    client.force_login(ctx["asesor"].user)
    response = client.post(_url("asesor-ttd", p.pk), {"dokumen": "AK.01", "ttd": signature_png()})
    assert response.status_code == 302
    assert TandaTangan.objects.get(peserta=p, dokumen="AK.01").pihak == "asesor"
    again = client.post(_url("asesor-ttd", p.pk), {"dokumen": "AK.01", "ttd": signature_png()}, follow=True)
    assert "sudah Anda tandatangani" in again.content.decode()
    client.force_login(started()["asesor"].user)
    assert client.post(_url("asesor-ttd", p.pk), {"dokumen": "AK.01", "ttd": signature_png()}).status_code == 404


def test_the_item_bank_import_page_names_each_bad_row_and_imports_a_good_file(client, ctx):
    from django.core.files.uploadedfile import SimpleUploadedFile

    unit = ctx["skema"].units.first()
    client.force_login(ctx["admin"])
    url = _url("bank-import", unit.pk)
    bad = SimpleUploadedFile("b.csv", b"instrumen,pertanyaan\nIA.99,Soal\n", content_type="text/csv")
    page = client.post(url, {"berkas": bad}, follow=True).content.decode()
    assert "Baris 2" in page and not ButirInstrumen.objects.exists()
    good = SimpleUploadedFile("b.csv", b"instrumen,pertanyaan\nIA.07,Jelaskan\n", content_type="text/csv")
    assert "1 butir diimpor" in client.post(url, {"berkas": good}, follow=True).content.decode()
    assert ButirInstrumen.objects.get(unit=unit).pertanyaan == "Jelaskan"


def _pdf_upload(name="hasil.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from asesi.demo import demo_pdf

    return SimpleUploadedFile(name, demo_pdf("Hasil kerja"), content_type="application/pdf")


def test_the_asesi_uploads_a_work_product_the_asesor_opens_it_others_do_not(client):
    c = started(instrumen=["IA.01", "IA.02"])
    p = c["p"]
    task = butir(c["skema"].units.first(), "IA.02", pertanyaan="Buat halaman login")
    client.force_login(p.permohonan.asesi.user)
    url = _url("asesi-asesmen", p.pk)
    assert "Buat halaman login" in client.get(url).content.decode()
    fake = client.post(url, {"aksi": "kerja", "kerja-butir": task.pk, "kerja-berkas": _pdf_upload("x.png")})
    assert fake.status_code == 200 and "Ekstensi berkas" in fake.content.decode()
    assert client.post(url, {"aksi": "kerja", "kerja-butir": task.pk, "kerja-berkas": _pdf_upload()}).status_code == 302
    from asesmen.models import BuktiKerja

    bukti = BuktiKerja.objects.get()
    assert (bukti.mime, bukti.nama_asli, bukti.butir) == ("application/pdf", "hasil.pdf", task)
    client.force_login(c["asesor"].user)
    assert "hasil.pdf" in client.get(_url("ruang-kerja", p.pk)).content.decode()
    response = client.get(bukti.get_absolute_url())
    assert response.status_code == 200 and response["Content-Security-Policy"] == "sandbox"
    assert AuditLog.objects.filter(action="bukti_kerja.view").count() == 1
    client.force_login(started()["asesor"].user)
    assert client.get(bukti.get_absolute_url()).status_code == 404


def test_a_work_product_for_an_item_outside_ia02_ia11_is_refused(client):
    c = started(instrumen=["IA.01", "IA.07"])
    lisan = butir(c["skema"].units.first(), "IA.07")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.bukti_kerja_upload(peserta=c["p"], butir=lisan, berkas=_pdf_upload(), by=c["p"].permohonan.asesi.user)
    assert exc.value.error_list[0].code == "bukti_kerja_instrumen"


def test_the_record_list_filters_and_keeps_its_query_count(client, django_assert_max_num_queries):
    c = started(n_asesi=3)
    asesor = c["asesor"].user
    first, second, third = c["peserta"]
    assess_all(first, asesor)
    services.rekaman_submit(peserta=first, ttd=signature_png(), by=asesor, ip=None)
    assess_all(second, asesor, hasil="BK")
    services.rekaman_submit(peserta=second, ttd=signature_png(), tindak_lanjut="Ulang", by=asesor, ip=None)
    services.kuk_save(peserta=third, kuk=kuk_of(c["skema"])[0], hasil="K", by=asesor)
    client.force_login(c["admin"])
    url = _url("rekaman-list")

    def shown(query=""):
        body = client.get(url + query).content.decode()
        return {p.pk for p in c["peserta"] if f'rekaman/">{p.permohonan.nomor}<' in body}

    assert shown() == {first.pk, second.pk, third.pk}
    assert shown("?rekomendasi=BK") == {second.pk}
    assert shown("?status=draf") == {third.pk}
    assert shown(f"?q={first.permohonan.nomor}") == {first.pk}
    assert shown("?q=bukan-nomor") == set()
    with django_assert_max_num_queries(10):
        client.get(url)
    for _ in range(3):
        extra = started(admin=c["admin"])
        assess_all(extra["p"], extra["asesor"].user)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    client.force_login(asesor)
    assert client.get(url).status_code == 403
