"""Pages: roles and ownership, constant query counts on the lists, and what each side sees."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from asesi.domain import Status
from asesmen import services
from asesmen.domain import StatusJadwal
from asesmen.models import PesertaJadwal
from lsp.models import AuditLog
from tests.asesi.factories import admin_user
from tests.factories import skema_with_units

from .factories import asesor_for, jadwal_planned, permohonan_diterima

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return admin_user(username="admin_view")


@pytest.fixture
def planned(admin):
    """A batch with one asesi paired with one asesor."""
    skema = skema_with_units(kode="SKM-VIEW")
    jadwal = jadwal_planned(skema=skema, admin=admin)
    asesor = asesor_for(skema)
    p = permohonan_diterima(skema, admin)
    [peserta] = services.peserta_add(jadwal=jadwal, permohonan_list=[p], by=admin)
    penugasan = services.penugasan_add(jadwal=jadwal, asesor=asesor, by=admin)
    services.peserta_assign_asesor(peserta=peserta, asesor=asesor, by=admin)
    return {"jadwal": jadwal, "asesor": asesor, "peserta": peserta, "penugasan": penugasan, "skema": skema}


def test_admin_pages_are_for_admin_lsp_only(client, make_user, planned):
    urls = [reverse("asesmen:jadwal-list"), reverse("asesmen:jadwal-create"), reverse("asesmen:kalender"),
            planned["jadwal"].get_absolute_url(), reverse("asesmen:peserta-pilih", args=[planned["jadwal"].pk]),
            reverse("asesmen:mapa", args=[planned["jadwal"].pk])]
    for user in (make_user("asesi"), planned["asesor"].user):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, url
    client.logout()
    assert client.get(urls[0]).status_code == 302


def test_batch_list_keeps_a_constant_query_count(client, admin, django_assert_max_num_queries):
    client.force_login(admin)
    skema = skema_with_units(n_units=1)
    for i in range(3):
        jadwal_planned(skema=skema, admin=admin, start_in=timedelta(days=10 + i))
    with django_assert_max_num_queries(10):
        first = client.get(reverse("asesmen:jadwal-list"))
    for i in range(12):
        jadwal_planned(skema=skema, admin=admin, start_in=timedelta(days=20 + i))
    services.peserta_add(jadwal=jadwal_planned(skema=skema, admin=admin, kapasitas=7),
                         permohonan_list=[permohonan_diterima(skema, admin)], by=admin)
    with django_assert_max_num_queries(10):
        many = client.get(reverse("asesmen:jadwal-list") + "?status=direncanakan&q=SKM")
    assert first.status_code == many.status_code == 200
    assert many.content.count(b"data-jadwal=") == 16
    assert b"1 / 7" in many.content


def test_calendar_keeps_a_constant_query_count_and_shows_tuk_and_asesor_load(
    client, admin, planned, django_assert_max_num_queries
):
    client.force_login(admin)
    mulai = timezone.localtime(planned["jadwal"].mulai)
    url = reverse("asesmen:kalender") + f"?tahun={mulai.year}&bulan={mulai.month}"
    with django_assert_max_num_queries(11):  # 10 of the page + 1 for the menu badges and the bell
        response = client.get(url)
    body = response.content.decode()
    assert planned["jadwal"].kode in body and planned["jadwal"].tuk.nama in body
    assert f"{planned['asesor'].user}: 1 asesi" in body
    for _ in range(5):  # at the same moment as the first (each with its own asesor): in the same month
        extra = jadwal_planned(skema=planned["skema"], admin=admin, start=planned["jadwal"].mulai)
        services.penugasan_add(jadwal=extra, asesor=asesor_for(planned["skema"]), by=admin)
    with django_assert_max_num_queries(11):
        again = client.get(url)
    assert again.status_code == 200
    assert again.content.decode().count("data-jadwal=") == 6
    # five batches on one day: the cell names three and counts the rest
    day = timezone.localtime() + timedelta(days=45)
    first = day.replace(hour=8, minute=0, second=0, microsecond=0)
    for i in range(5):
        services.jadwal_create(skema=planned["skema"], tuk=planned["jadwal"].tuk, mulai=first + timedelta(hours=i),
                               selesai=first + timedelta(hours=i, minutes=30), kapasitas=5, by=admin)
    body = client.get(reverse("asesmen:kalender") + f"?tahun={first.year}&bulan={first.month}").content.decode()
    assert "+2 lainnya" in body
    assert client.get(reverse("asesmen:kalender") + "?tahun=abc&bulan=99").status_code == 200


def test_detail_shows_each_pair_with_its_eligibility_reasons(client, admin, planned):
    other = asesor_for(skema_with_units())  # no competence for this skema
    from asesmen.models import PenugasanAsesor

    PenugasanAsesor.objects.create(jadwal=planned["jadwal"], asesor=other)  # bypassing the guard on purpose
    client.force_login(admin)
    body = client.get(planned["jadwal"].get_absolute_url()).content.decode()
    assert "Asesor tidak memiliki kompetensi teknis untuk skema ini." in body
    assert planned["peserta"].permohonan.asesi.nama_lengkap in body


def test_pick_list_searches_and_places_the_chosen_applications(client, admin, planned):
    a = permohonan_diterima(planned["skema"], admin, user__nama_lengkap="Kartika Pilihan")
    b = permohonan_diterima(planned["skema"], admin, user__nama_lengkap="Joko Lainnya")
    client.force_login(admin)
    url = reverse("asesmen:peserta-pilih", args=[planned["jadwal"].pk])
    body = client.get(url + "?q=kartika").content.decode()
    assert "Kartika Pilihan" in body and "Joko Lainnya" not in body
    response = client.post(url, {"permohonan": [a.pk, b.pk]})
    assert response.status_code == 302
    assert PesertaJadwal.objects.filter(jadwal=planned["jadwal"], aktif=True).count() == 3
    a.refresh_from_db()
    assert a.status == Status.DIJADWALKAN


def test_a_refused_action_shows_its_reason_and_never_500(client, admin, planned):
    client.force_login(admin)
    url = reverse("asesmen:jadwal-transition", args=[planned["jadwal"].pk])
    response = client.post(url, {"to": "berjalan"}, follow=True)
    assert "Verifikasi kesiapan TUK belum lengkap." in response.content.decode()
    assert client.post(url, {"to": "nonsense"}).status_code == 302
    create = client.post(reverse("asesmen:jadwal-create"), {
        "skema": planned["skema"].pk, "tuk": planned["jadwal"].tuk.pk, "mulai": "2001-01-01T08:00",
        "selesai": "2000-01-01T08:00", "kapasitas": 5,
    })
    assert create.status_code == 200
    assert "Waktu mulai tidak boleh di masa lalu." in create.content.decode()


def test_surat_tugas_is_a_pdf_for_admin_and_that_asesor_only(client, admin, make_user, planned):
    url = reverse("asesmen:surat-tugas", args=[planned["penugasan"].pk])
    client.force_login(admin)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.force_login(planned["asesor"].user)
    assert client.get(url).status_code == 200
    client.force_login(asesor_for(planned["skema"]).user)
    assert client.get(url).status_code == 404


def test_the_assigned_asesor_sees_full_data_and_documents_only_while_assigned_each_view_audited(
    client, admin, planned
):
    peserta, asesor = planned["peserta"], planned["asesor"]
    profil = peserta.permohonan.asesi
    dokumen = peserta.permohonan.dokumen.first()
    client.force_login(asesor.user)
    page = client.get(reverse("asesmen:asesor-peserta", args=[peserta.pk]))
    assert page.status_code == 200 and profil.nik in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    download = client.get(reverse("asesmen:asesor-dokumen", args=[dokumen.pk]))
    assert download.status_code == 200
    assert AuditLog.objects.filter(action="peserta_jadwal.view", actor=asesor.user).count() == 2
    # the asesi app writes one "personal data seen" row per person and review (issue 10: one row per review)
    assert AuditLog.objects.filter(action="asesi.profile_view", actor=asesor.user).count() == 1
    # another asesor: nothing
    client.force_login(asesor_for(planned["skema"]).user)
    assert client.get(reverse("asesmen:asesor-peserta", args=[peserta.pk])).status_code == 404
    assert client.get(reverse("asesmen:asesor-dokumen", args=[dokumen.pk])).status_code == 404
    # once taken out of the batch, the asesor loses access
    services.peserta_remove(peserta=peserta, by=admin, note="Pindah jadwal")
    client.force_login(asesor.user)
    assert client.get(reverse("asesmen:asesor-peserta", args=[peserta.pk])).status_code == 404
    assert client.get(reverse("asesmen:asesor-dokumen", args=[dokumen.pk])).status_code == 404


def test_asesor_and_asesi_both_confirm_ak01_online_recording_who_when_and_address(client, planned):
    peserta, asesor = planned["peserta"], planned["asesor"]
    asesi_user = peserta.permohonan.asesi.user
    client.force_login(asesor.user)
    url = reverse("asesmen:asesor-peserta", args=[peserta.pk])
    waktu = timezone.localtime(planned["jadwal"].mulai + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"aksi": "ak01", "ak01-bukti": ["observasi", "portofolio"], "ak01-tempat": "Lab 2",
                                 "ak01-waktu": waktu})
    assert response.status_code == 302
    client.post(url, {"aksi": "ak01_setuju"}, REMOTE_ADDR="10.0.0.7")
    client.force_login(asesi_user)
    page = client.get(reverse("asesmen:asesi-jadwal")).content.decode()
    assert "Lab 2" in page and str(asesor.user) in page
    client.post(reverse("asesmen:asesi-konfirmasi", args=[peserta.pk]), {"aksi": "ak01"}, REMOTE_ADDR="10.0.0.8")
    ak01 = PesertaJadwal.objects.get(pk=peserta.pk).ak01
    assert ak01.disetujui
    assert (ak01.asesor_setuju_oleh, ak01.asesi_setuju_oleh) == (asesor.user, asesi_user)
    assert ak01.asesor_setuju_ip == "10.0.0.7" and ak01.asesi_setuju_ip == "10.0.0.8"


def test_ak01_time_outside_the_batch_is_refused_on_the_form(client, planned):
    client.force_login(planned["asesor"].user)
    url = reverse("asesmen:asesor-peserta", args=[planned["peserta"].pk])
    late = timezone.localtime(planned["jadwal"].selesai + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"aksi": "ak01", "ak01-bukti": ["observasi"], "ak01-tempat": "Lab", "ak01-waktu": late})
    assert response.status_code == 200
    assert "Waktu asesmen harus dalam rentang jadwal." in response.content.decode()


def test_asesi_schedule_page_and_ics_are_their_own(client, make_user, planned):
    peserta = planned["peserta"]
    client.force_login(peserta.permohonan.asesi.user)
    page = client.get(reverse("asesmen:asesi-jadwal")).content.decode()
    assert planned["jadwal"].tuk.nama in page and "KTP asli" in page
    ics = client.get(reverse("asesmen:asesi-ics", args=[peserta.pk]))
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
    client.force_login(make_user("asesi"))
    assert client.get(reverse("asesmen:asesi-ics", args=[peserta.pk])).status_code == 404


def test_asesor_jadwal_saya_lists_upcoming_and_signs_the_declaration(client, planned):
    client.force_login(planned["asesor"].user)
    body = client.get(reverse("asesmen:asesor-jadwal-list")).content.decode()
    assert planned["jadwal"].kode in body
    batch = client.get(reverse("asesmen:asesor-jadwal-detail", args=[planned["jadwal"].pk])).content.decode()
    assert planned["peserta"].permohonan.asesi.nama_lengkap in batch and "Belum direncanakan." in batch
    client.post(reverse("asesmen:pernyataan", args=[planned["penugasan"].pk]), REMOTE_ADDR="10.1.1.1")
    planned["penugasan"].refresh_from_db()
    assert planned["penugasan"].pernyataan_pada is not None and planned["penugasan"].pernyataan_ip == "10.1.1.1"


def test_mapa_saved_per_unit_and_copied_to_a_later_batch(client, admin, planned):
    unit = planned["skema"].units.order_by("urutan").first()
    client.force_login(admin)
    url = reverse("asesmen:mapa", args=[planned["jadwal"].pk])
    p = f"u{unit.pk}-"
    bad = client.post(url, {"unit": unit.pk, p + "pendekatan": "rpl", p + "konteks": "simulasi"})
    assert bad.status_code == 200 and "Pilih minimal satu metode asesmen." in bad.content.decode()
    first_el, second_el = unit.elemen.order_by("urutan")[:2]
    e = f"u{unit.pk}-e{first_el.pk}-"
    half = client.post(url, {"unit": unit.pk, p + "pendekatan": "rpl", p + "konteks": "simulasi",
                             p + "metode": ["observasi"], p + "jenis_bukti": ["L"], p + "instrumen": ["IA.01"],
                             e + "metode": ["wawancara"]})  # an element with a method but no evidence kind
    assert half.status_code == 200 and "pilih minimal satu metode dan satu jenis bukti" in half.content.decode()
    ok = client.post(url, {"unit": unit.pk, p + "pendekatan": "rpl", p + "konteks": "simulasi",
                           p + "metode": ["observasi"], p + "jenis_bukti": ["L", "T"], p + "instrumen": ["IA.01"],
                           e + "metode": ["portofolio", "wawancara"], e + "jenis_bukti": ["TL"]})
    assert ok.status_code == 302
    rencana = {r.elemen_id: (r.metode, r.jenis_bukti) for r in planned["jadwal"].mapa.get().elemen_rencana.all()}
    assert rencana[first_el.pk] == (["portofolio", "wawancara"], ["TL"])
    assert rencana[second_el.pk] == (["observasi"], ["L", "T"])  # the unit's
    later = jadwal_planned(skema=planned["skema"], admin=admin, start_in=timedelta(days=40))
    client.post(reverse("asesmen:mapa", args=[later.pk]), {"salin": "1", "sumber": planned["jadwal"].pk})
    copied = later.mapa.get()
    assert (copied.unit, copied.instrumen, copied.jenis_bukti) == (unit, ["IA.01"], ["L", "T"])
    assert {r.elemen_id: (r.metode, r.jenis_bukti) for r in copied.elemen_rencana.all()} == rencana
    body = client.get(reverse("asesmen:mapa", args=[later.pk])).content.decode()
    assert body.count('type="checkbox"') > 10


def test_tuk_check_by_the_assigned_asesor_then_the_batch_starts(client, admin, planned):
    client.force_login(planned["asesor"].user)
    url = reverse("asesmen:verifikasi-tuk", args=[planned["jadwal"].pk])
    today = timezone.localdate().isoformat()
    assert client.post(url, {"tempat": "on", "peralatan": "on", "bahan": "on", "k3": "on", "tanggal": today}
                       ).status_code == 302
    client.force_login(admin)
    client.post(reverse("asesmen:jadwal-transition", args=[planned["jadwal"].pk]), {"to": "berjalan"})
    planned["jadwal"].refresh_from_db()
    assert planned["jadwal"].status == StatusJadwal.BERJALAN


def test_batch_page_query_count_does_not_grow_with_its_asesi(client, admin, planned, django_assert_max_num_queries):
    client.force_login(admin)
    url = planned["jadwal"].get_absolute_url()
    with django_assert_max_num_queries(15):
        client.get(url)
    more = [permohonan_diterima(planned["skema"], admin) for _ in range(4)]
    services.peserta_add(jadwal=planned["jadwal"], permohonan_list=more, by=admin)
    with django_assert_max_num_queries(15):
        body = client.get(url).content.decode()
    assert body.count("data-peserta=") == 5


def test_pair_eligibility_says_what_asesor_can_assess_says_for_every_pair(admin, planned):
    from asesmen import selectors
    from asesor.selectors import asesor_can_assess
    from tests.asesor.factories import KonflikFactory

    jadwal = planned["jadwal"]
    second = permohonan_diterima(planned["skema"], admin)
    services.peserta_add(jadwal=jadwal, permohonan_list=[second], by=admin)
    KonflikFactory(asesor=planned["asesor"], pihak=second.asesi.user)
    peserta = list(jadwal.peserta.filter(aktif=True).select_related("permohonan__asesi__user"))
    penugasan = list(jadwal.penugasan.select_related("asesor__user"))
    pairs = selectors.pair_eligibility(jadwal, peserta, penugasan)
    day = timezone.localtime(jadwal.mulai).date()
    for p in peserta:
        expected = asesor_can_assess(asesor=planned["asesor"], skema=jadwal.skema, on_date=day,
                                     asesi_user=p.permohonan.asesi.user)
        got = pairs[(p.pk, planned["asesor"].pk)]
        assert (got.ok, [r.code for r in got.reasons]) == (expected.ok, [r.code for r in expected.reasons])
    assert [pairs[(p.pk, planned["asesor"].pk)].ok for p in peserta].count(False) == 1


def test_home_panels_show_each_role_its_schedule(client, admin, planned):
    client.force_login(planned["asesor"].user)
    assert planned["jadwal"].kode in client.get("/").content.decode()
    client.force_login(planned["peserta"].permohonan.asesi.user)
    assert planned["jadwal"].tuk.nama in client.get("/").content.decode()
    client.force_login(admin)
    assert 'data-testid="jadwal-direncanakan">1<' in client.get("/").content.decode()


def _pdf_text(data: bytes) -> str:
    """The page content streams of a reportlab PDF, inflated (ASCII85 and/or Flate)."""
    import base64
    import re
    import zlib

    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        chunk = raw.strip()
        if chunk.endswith(b"~>"):
            chunk = base64.a85decode(chunk, adobe=True)
        try:
            chunk = zlib.decompress(chunk)
        except zlib.error:
            pass
        out.append(chunk.decode("latin-1"))
    return "\n".join(out)


def test_surat_tugas_names_the_asesor_the_batch_and_the_place(client, admin, planned):
    client.force_login(admin)
    response = client.get(reverse("asesmen:surat-tugas", args=[planned["penugasan"].pk]))
    text = _pdf_text(response.content)
    for expected in ("SURAT TUGAS", planned["penugasan"].nomor_surat, planned["asesor"].nomor_registrasi,
                     planned["jadwal"].kode, planned["jadwal"].tuk.nama):
        assert expected in text, expected
    assert response["Content-Disposition"].startswith("attachment;")


def test_schedules_and_pick_list_keep_a_constant_query_count(client, admin, planned, django_assert_max_num_queries):
    asesor, skema = planned["asesor"], planned["skema"]
    pages = {
        asesor.user: reverse("asesmen:asesor-jadwal-list"),
        planned["peserta"].permohonan.asesi.user: reverse("asesmen:asesi-jadwal"),
        admin: reverse("asesmen:peserta-pilih", args=[planned["jadwal"].pk]),
    }
    for user, url in pages.items():
        client.force_login(user)
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200
    for i in range(4):
        j = jadwal_planned(skema=skema, admin=admin, start_in=timedelta(days=30 + i))
        services.penugasan_add(jadwal=j, asesor=asesor, by=admin)
        permohonan_diterima(skema, admin)
    for user, url in pages.items():
        client.force_login(user)
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200


def test_batch_list_filters_by_code_skema_and_tuk_ids_and_text(client, admin, planned):
    other = jadwal_planned(admin=admin)
    client.force_login(admin)
    url = reverse("asesmen:jadwal-list")
    for query, shown in [(f"q={other.kode}", other), (f"skema={planned['skema'].pk}", planned["jadwal"]),
                         (f"tuk={other.tuk.pk}", other), (f"q={planned['skema'].kode}", planned["jadwal"])]:
        body = client.get(f"{url}?{query}").content.decode()
        assert body.count("data-jadwal=") == 1 and f'data-jadwal="{shown.pk}"' in body, query


def test_editing_the_time_tells_asesi_and_asesor_the_new_time_and_place(
    client, admin, planned, django_capture_on_commit_callbacks
):
    from django.core import mail

    jadwal = planned["jadwal"]
    new_start = timezone.localtime(jadwal.mulai + timedelta(days=1))
    client.force_login(admin)
    url = reverse("asesmen:jadwal-update", args=[jadwal.pk])
    assert client.get(url).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {
            "tuk": jadwal.tuk.pk, "mulai": new_start.strftime("%Y-%m-%dT%H:%M"),
            "selesai": (new_start + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"), "kapasitas": 10, "catatan": "",
        })
    assert response.status_code == 302
    jadwal.refresh_from_db()
    assert timezone.localtime(jadwal.mulai).strftime("%Y-%m-%dT%H:%M") == new_start.strftime("%Y-%m-%dT%H:%M")
    changed = [m for m in mail.outbox if "berubah" in m.subject]
    asesi_mail = next(m for m in changed if planned["peserta"].permohonan.asesi.email in m.to)
    assert jadwal.tuk.nama in asesi_mail.body and str(planned["asesor"].user) in asesi_mail.body
    assert any(planned["asesor"].user.email in m.to for m in changed)
    assert AuditLog.objects.filter(action="jadwal.update", object_id=str(jadwal.pk)).exists()


def test_asesor_records_recommendation_consultation_and_adjustments_and_the_asesi_confirms(client, planned):
    peserta = planned["peserta"]
    client.force_login(planned["asesor"].user)
    url = reverse("asesmen:asesor-peserta", args=[peserta.pk])
    refused = client.post(url, {"aksi": "rekomendasi", "rekomendasi-rekomendasi": "tidak_lanjut"})
    assert refused.status_code == 200 and "Tuliskan alasannya." in refused.content.decode()
    assert client.post(url, {"aksi": "rekomendasi", "rekomendasi-rekomendasi": "lanjut"}).status_code == 302
    partial = client.post(url, {"aksi": "konsultasi", "konsultasi-proses": "on"})
    assert "Semua butir konsultasi pra-asesmen harus sudah dijelaskan." in partial.content.decode()
    full = {f"konsultasi-{f}": "on" for f in ("proses", "bukti", "hak", "kerahasiaan")}
    assert client.post(url, {"aksi": "konsultasi", **full}).status_code == 302
    assert client.post(url, {"aksi": "penyesuaian", "penyesuaian-penyesuaian": "Huruf besar"}).status_code == 302
    assert client.post(url, {"aksi": "tidak-ada"}).status_code == 404
    client.force_login(peserta.permohonan.asesi.user)
    client.post(reverse("asesmen:asesi-konfirmasi", args=[peserta.pk]), {"aksi": "konsultasi"})
    peserta.refresh_from_db()
    assert peserta.rekomendasi == "lanjut" and peserta.penyesuaian == "Huruf besar"
    assert peserta.konsultasi.lengkap
