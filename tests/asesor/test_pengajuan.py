"""Issue 10 item 7: the asesor's self-service — the plain recognition statement ("kurang N asesmen untuk
rekognisi" / "sudah memenuhi (6 dari 6 asesmen)", never "7 dari 6"), a request for recognition (RCC) with
evidence that admin LSP decides, and an external assessment the asesor records for the admin to verify."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from asesor import domain, selectors, services
from asesor.models import BuktiRekognisi, PengajuanRekognisi, RiwayatAsesmen
from lsp.models import AuditLog

from .factories import AsesorFactory, RiwayatFactory, SertifikatAsesorFactory, asesor_with_certificate

D = timedelta(days=1)
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
ISSUED = date(2024, 1, 10)  # valid through 9 Jan 2027
TODAY = date(2026, 12, 1)


def pdf(name="surat-tugas.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def codes(excinfo):
    exc = excinfo.value
    if hasattr(exc, "error_dict"):
        return sorted(e.code for errors in exc.error_dict.values() for e in errors)
    return [e.code for e in exc.error_list]


def status_with(n, *, minimum=6, issued=ISSUED, on=TODAY):
    cert = domain.Periode(issued, domain.sertifikat_valid_until(issued))
    return domain.asesor_status(
        sertifikat=[cert], tanggal_asesmen=[issued + 30 * D] * n, on_date=on, warn_days=90, minimum=minimum
    )


# --- the plain statement (domain, at its boundary) -----------------------------------------------------


def test_five_of_six_says_how_many_are_missing():
    st = status_with(5)
    assert st.hitungan == "5 dari 6 asesmen"
    assert st.ringkasan_rekognisi == "kurang 1 asesmen untuk rekognisi"
    assert not st.memenuhi


def test_six_of_six_says_it_is_met():
    st = status_with(6)
    assert st.memenuhi and st.ringkasan_rekognisi == "sudah memenuhi (6 dari 6 asesmen)"


def test_seven_never_reads_seven_of_six():
    st = status_with(7)
    assert st.jumlah_asesmen == 7
    assert st.hitungan == "6 dari 6 asesmen"
    assert st.ringkasan_rekognisi == "sudah memenuhi (6 dari 6 asesmen)"
    assert "7 dari 6" not in st.hitungan + st.ringkasan_rekognisi


def test_expired_and_short_is_not_told_it_can_still_catch_up():
    st = status_with(4, on=date(2027, 1, 10))  # the day after the last valid day
    assert st.rekognisi == domain.StatusRekognisi.WAJIB_MENGULANG
    assert st.ringkasan_rekognisi == "tidak memenuhi (4 dari 6 asesmen)"


def test_no_certificate_no_statement():
    st = domain.asesor_status(sertifikat=[], tanggal_asesmen=[], on_date=TODAY, warn_days=90, minimum=6)
    assert st.ringkasan_rekognisi == ""


def test_request_rules_share_the_recognition_rule():
    def issues(n, bukti=1, terbuka=False):
        found = domain.pengajuan_issues(status=status_with(n), jumlah_bukti=bukti, ada_pengajuan_terbuka=terbuka)
        return [i.code for i in found]

    assert issues(5) == ["rekognisi_kurang_asesmen"]
    assert issues(6) == []
    assert issues(6, bukti=0, terbuka=True) == ["pengajuan_terbuka", "bukti_wajib"]
    assert issues(6, bukti=domain.PENGAJUAN_BUKTI_MAKSIMUM) == []
    assert issues(6, bukti=domain.PENGAJUAN_BUKTI_MAKSIMUM + 1) == ["bukti_terlalu_banyak"]


@pytest.mark.parametrize(
    "source, target, is_admin, is_owner, code",
    [
        ("diajukan", "disetujui", True, False, None),
        ("diajukan", "ditolak", True, False, None),
        ("diajukan", "disetujui", False, True, "bukan_admin"),
        ("diajukan", "disetujui", True, True, "keputusan_diri_sendiri"),
        ("diajukan", "dibatalkan", False, True, None),
        ("diajukan", "dibatalkan", True, False, "bukan_pemilik"),
        ("disetujui", "ditolak", True, False, "transisi_tidak_sah"),
        ("ditolak", "diajukan", False, True, "transisi_tidak_sah"),
        ("dibatalkan", "disetujui", True, False, "transisi_tidak_sah"),
    ],
)
def test_request_state_machine(source, target, is_admin, is_owner, code):
    assert domain.pengajuan_transition_error(source=source, target=target, is_admin=is_admin, is_owner=is_owner) == code


# --- services ------------------------------------------------------------------------------------


def layak(n=6):
    a = asesor_with_certificate(ISSUED)
    for i in range(n):
        RiwayatFactory(asesor=a, tanggal=ISSUED + (10 + i) * D)
    return a


@pytest.mark.django_db
def test_asesor_asks_with_evidence_and_the_admins_are_told_after_commit(admin_lsp, django_capture_on_commit_callbacks):
    a = layak()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pengajuan = services.pengajuan_rekognisi_submit(
            asesor=a, bukti=[pdf("surat-tugas.pdf"), pdf("berita-acara.pdf")], catatan="Mohon rekognisi",
            by=a.user, today=TODAY,
        )
    assert callbacks  # the email task is enqueued only once the transaction committed
    assert pengajuan.status == "diajukan" and pengajuan.jumlah_asesmen == 6
    assert pengajuan.sertifikat == a.sertifikat.get()
    assert sorted(b.dokumen_nama for b in pengajuan.bukti.all()) == ["berita-acara.pdf", "surat-tugas.pdf"]
    assert {b.dokumen_mime for b in pengajuan.bukti.all()} == {"application/pdf"}
    [row] = AuditLog.objects.filter(action="asesor.rekognisi_ajukan")
    assert row.actor == a.user and row.to_state == "diajukan"
    assert [m.to for m in mail.outbox] == [[admin_lsp.email]]


@pytest.mark.django_db
def test_five_assessments_cannot_ask_and_nothing_is_written(admin_lsp):
    a = layak(5)
    with pytest.raises(ValidationError) as exc:
        services.pengajuan_rekognisi_submit(asesor=a, bukti=[pdf()], by=a.user, today=TODAY)
    assert codes(exc) == ["rekognisi_kurang_asesmen"]
    assert not PengajuanRekognisi.objects.exists() and not BuktiRekognisi.objects.exists()


@pytest.mark.django_db
def test_request_needs_evidence_checked_by_its_bytes_and_only_one_open(admin_lsp):
    a = layak()
    with pytest.raises(ValidationError) as exc:
        services.pengajuan_rekognisi_submit(asesor=a, bukti=[], by=a.user, today=TODAY)
    assert codes(exc) == ["bukti_wajib"]
    fake = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.pengajuan_rekognisi_submit(asesor=a, bukti=[fake], by=a.user, today=TODAY)
    assert codes(exc) == ["file_type"]
    services.pengajuan_rekognisi_submit(asesor=a, bukti=[pdf()], by=a.user, today=TODAY)
    with pytest.raises(ValidationError) as exc:
        services.pengajuan_rekognisi_submit(asesor=a, bukti=[pdf()], by=a.user, today=TODAY)
    assert codes(exc) == ["pengajuan_terbuka"]


@pytest.mark.django_db
def test_only_the_asesor_asks_for_themself(admin_lsp):
    a = layak()
    with pytest.raises(ValidationError) as exc:
        services.pengajuan_rekognisi_submit(asesor=a, bukti=[pdf()], by=AsesorFactory().user, today=TODAY)
    assert codes(exc) == ["bukan_pemilik"]


@pytest.mark.django_db
def test_admin_approves_recording_the_recognition_certificate(admin_lsp, django_capture_on_commit_callbacks):
    a = layak()
    pengajuan = services.pengajuan_rekognisi_submit(asesor=a, bukti=[pdf()], by=a.user, today=TODAY)
    mail.outbox.clear()
    with pytest.raises(ValidationError) as exc:
        services.pengajuan_rekognisi_decide(pengajuan=pengajuan, setujui=True, nomor=" ", by=admin_lsp, today=TODAY)
    assert codes(exc) == ["required"]
    with django_capture_on_commit_callbacks(execute=True):
        done = services.pengajuan_rekognisi_decide(
            pengajuan=pengajuan, setujui=True, nomor="RCC-2027-1", by=admin_lsp, today=TODAY
        )
    assert done.status == "disetujui" and done.diputuskan_oleh == admin_lsp
    cert = done.sertifikat_baru
    assert cert.jenis == "rekognisi" and cert.issued_on == date(2027, 1, 10)
    [row] = AuditLog.objects.filter(action="asesor.rekognisi_putus")
    assert (row.from_state, row.to_state) == ("diajukan", "disetujui")
    assert AuditLog.objects.filter(action="asesor.rekognisi").count() == 1  # the certificate's own audit row
    assert [m.to for m in mail.outbox] == [[a.user.email]] and "disetujui" in mail.outbox[0].subject
    with pytest.raises(ValidationError) as exc:
        services.pengajuan_rekognisi_decide(pengajuan=done, setujui=False, catatan="x", by=admin_lsp, today=TODAY)
    assert codes(exc) == ["transisi_tidak_sah"]


@pytest.mark.django_db
def test_refusal_needs_a_reason_the_asesor_reads(admin_lsp, django_capture_on_commit_callbacks):
    a = layak()
    pengajuan = services.pengajuan_rekognisi_submit(asesor=a, bukti=[pdf()], by=a.user, today=TODAY)
    mail.outbox.clear()
    with pytest.raises(ValidationError) as exc:
        services.pengajuan_rekognisi_decide(pengajuan=pengajuan, setujui=False, catatan=" ", by=admin_lsp)
    assert codes(exc) == ["alasan_wajib"]
    with django_capture_on_commit_callbacks(execute=True):
        done = services.pengajuan_rekognisi_decide(
            pengajuan=pengajuan, setujui=False, catatan="Surat tugas tidak terbaca", by=admin_lsp
        )
    assert done.status == "ditolak" and done.sertifikat_baru is None
    assert "Surat tugas tidak terbaca" in mail.outbox[0].body
    # refused: the asesor may ask again
    again = services.pengajuan_rekognisi_submit(asesor=a, bukti=[pdf()], by=a.user, today=TODAY)
    assert again.status == "diajukan"


@pytest.mark.django_db
def test_the_asesor_may_not_decide_and_the_admin_may_not_withdraw(admin_lsp):
    a = layak()
    pengajuan = services.pengajuan_rekognisi_submit(asesor=a, bukti=[pdf()], by=a.user, today=TODAY)
    with pytest.raises(ValidationError) as exc:
        services.pengajuan_rekognisi_decide(pengajuan=pengajuan, setujui=True, nomor="X", by=a.user, today=TODAY)
    assert codes(exc) == ["bukan_admin"]
    with pytest.raises(ValidationError) as exc:
        services.pengajuan_rekognisi_withdraw(pengajuan=pengajuan, by=admin_lsp)
    assert codes(exc) == ["bukan_pemilik"]
    withdrawn = services.pengajuan_rekognisi_withdraw(pengajuan=pengajuan, by=a.user)
    assert withdrawn.status == "dibatalkan"
    assert AuditLog.objects.filter(action="asesor.rekognisi_putus", to_state="dibatalkan").count() == 1


@pytest.mark.django_db
def test_asesor_records_an_external_assessment_that_waits_for_the_admin(admin_lsp, django_capture_on_commit_callbacks):
    a = asesor_with_certificate(ISSUED)
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.riwayat_eksternal_add(
            asesor=a, tanggal=date(2025, 5, 1), nama_lsp="LSP Pariwisata", skema_nama="Barista", jumlah_asesi=4,
            dokumen=pdf(), by=a.user, today=TODAY,
        )
    assert entry.status == "menunggu" and entry.created_by == a.user
    assert selectors.asesor_status_on(asesor=a, on_date=TODAY).jumlah_asesmen == 0
    assert [m.to for m in mail.outbox] == [[admin_lsp.email]]
    with pytest.raises(ValidationError) as exc:  # nobody verifies their own assessment
        services.riwayat_verify(riwayat=entry, terima=True, by=a.user)
    assert codes(exc) == ["verifikasi_diri_sendiri"]
    services.riwayat_verify(riwayat=entry, terima=True, by=admin_lsp)
    assert selectors.asesor_status_on(asesor=a, on_date=TODAY).jumlah_asesmen == 1


@pytest.mark.django_db
def test_another_asesor_cannot_record_for_someone_else(admin_lsp):
    a = asesor_with_certificate(ISSUED)
    with pytest.raises(ValidationError) as exc:
        services.riwayat_eksternal_add(
            asesor=a, tanggal=date(2025, 5, 1), nama_lsp="LSP", skema_nama="Barista", jumlah_asesi=1,
            dokumen=pdf(), by=AsesorFactory().user, today=TODAY,
        )
    assert codes(exc) == ["bukan_pemilik"]
    assert not RiwayatAsesmen.objects.exists()


# --- pages -------------------------------------------------------------------------------------------


def layak_today(n=7):
    """An asesor whose certificate is in force today, with ``n`` counted assessments."""
    today = timezone.localdate()
    issued = today - 400 * D
    a = AsesorFactory()
    SertifikatAsesorFactory(asesor=a, issued_on=issued)
    for i in range(n):
        RiwayatFactory(asesor=a, tanggal=issued + (5 + i) * D)
    return a


@pytest.mark.django_db
def test_own_page_states_it_is_met_without_seven_of_six(client):
    a = layak_today(7)
    client.force_login(a.user)
    html = client.get(reverse("asesor:asesor-saya")).content.decode()
    assert "Sudah memenuhi (6 dari 6 asesmen)" in html
    assert "7 dari 6" not in html
    assert reverse("asesor:rekognisi-ajukan") in html and reverse("asesor:riwayat-saya-create") in html
    home = client.get("/").content.decode()
    assert "Sudah memenuhi (6 dari 6 asesmen)" in home and "7 dari 6" not in home


@pytest.mark.django_db
def test_own_page_says_how_many_are_missing_and_offers_no_request(client):
    a = layak_today(4)
    client.force_login(a.user)
    html = client.get(reverse("asesor:asesor-saya")).content.decode()
    assert "kurang 2 asesmen untuk rekognisi" in html
    assert reverse("asesor:rekognisi-ajukan") not in html


@pytest.mark.django_db
def test_request_page_walk_from_asesor_to_admin_decision(client, admin_lsp):
    a = layak_today(6)
    client.force_login(a.user)
    response = client.post(
        reverse("asesor:rekognisi-ajukan"), {"bukti": [pdf("a.pdf"), pdf("b.pdf")], "catatan": "Mohon"}
    )
    assert response.status_code == 302 and response.url == reverse("asesor:asesor-saya")
    pengajuan = PengajuanRekognisi.objects.get()
    assert pengajuan.bukti.count() == 2
    # the asesor reads the evidence they sent, but not the admin's pages
    bukti = pengajuan.bukti.first()
    assert client.get(reverse("asesor:dokumen-download", args=["rekognisi", bukti.pk])).status_code == 200
    assert client.get(reverse("asesor:antrean")).status_code == 403
    assert client.get(reverse("asesor:pengajuan-detail", args=[pengajuan.pk])).status_code == 403

    other = AsesorFactory()
    client.force_login(other.user)
    assert client.get(reverse("asesor:dokumen-download", args=["rekognisi", bukti.pk])).status_code == 404
    assert client.post(reverse("asesor:pengajuan-withdraw", args=[pengajuan.pk])).status_code == 404

    client.force_login(admin_lsp)
    queue = client.get(reverse("asesor:antrean")).content.decode()
    assert f'data-pengajuan="{pengajuan.pk}"' in queue
    url = reverse("asesor:pengajuan-detail", args=[pengajuan.pk])
    assert "a.pdf" in client.get(url).content.decode()
    response = client.post(url, {"keputusan": "tolak", "catatan": ""})
    assert response.status_code == 200 and "Tuliskan alasan penolakan." in response.content.decode()
    response = client.post(url, {"keputusan": "setujui", "nomor": "RCC-9"})
    assert response.status_code == 302
    pengajuan.refresh_from_db()
    assert pengajuan.status == "disetujui" and pengajuan.sertifikat_baru.nomor == "RCC-9"


@pytest.mark.django_db
def test_asesor_records_external_assessment_from_their_page(client, admin_lsp):
    a = layak_today(1)
    client.force_login(a.user)
    response = client.post(reverse("asesor:riwayat-saya-create"), {
        "tanggal": (timezone.localdate() - 10 * D).isoformat(), "nama_lsp": "LSP Ekonomi Kreatif",
        "skema_nama": "Barista", "jumlah_asesi": 3, "dokumen": pdf(),
    })
    assert response.status_code == 302
    entry = RiwayatAsesmen.objects.get(sumber="eksternal")
    assert entry.asesor == a and entry.status == "menunggu"
    client.force_login(admin_lsp)
    queue = client.get(reverse("asesor:antrean")).content.decode()
    assert f'data-riwayat="{entry.pk}"' in queue and reverse("asesor:riwayat-verify", args=[entry.pk]) in queue


@pytest.mark.django_db
def test_user_without_asesor_profile_gets_404_on_self_service(client, make_user):
    user = make_user("asesor", username="tanpa_profil")
    client.force_login(user)
    assert client.get(reverse("asesor:rekognisi-ajukan")).status_code == 404
    assert client.get(reverse("asesor:riwayat-saya-create")).status_code == 404


@pytest.mark.django_db
def test_queue_queries_do_not_grow_with_rows(client, admin_lsp, django_assert_max_num_queries):
    for _ in range(8):
        a = layak_today(6)
        services.pengajuan_rekognisi_submit(asesor=a, bukti=[pdf(), pdf()], by=a.user)
        services.riwayat_eksternal_add(
            asesor=a, tanggal=timezone.localdate() - D, nama_lsp="LSP", skema_nama="Barista", jumlah_asesi=1,
            dokumen=pdf(), by=a.user,
        )
    client.force_login(admin_lsp)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("asesor:antrean"))
    assert response.content.decode().count("data-pengajuan=") == 8


@pytest.mark.django_db
def test_django_admin_shows_requests_read_only(client, django_user_model):
    a = layak_today(6)
    pengajuan = services.pengajuan_rekognisi_submit(asesor=a, bukti=[pdf()], by=a.user)
    root = django_user_model.objects.create_superuser("root", "root@example.test", "x-Long-Pass-123")
    client.force_login(root)
    assert client.get(reverse("admin:asesor_pengajuanrekognisi_changelist")).status_code == 200
    change = client.get(reverse("admin:asesor_pengajuanrekognisi_change", args=[pengajuan.pk]))
    assert change.status_code == 200 and "surat-tugas.pdf" in change.content.decode()
    assert client.get(reverse("admin:asesor_pengajuanrekognisi_add")).status_code == 403


def test_request_is_offered_only_when_the_rule_holds_and_none_is_open():
    assert domain.rekognisi_dapat_diajukan(status_with(6), ada_pengajuan_terbuka=False)
    assert not domain.rekognisi_dapat_diajukan(status_with(5), ada_pengajuan_terbuka=False)
    assert not domain.rekognisi_dapat_diajukan(status_with(6), ada_pengajuan_terbuka=True)


@pytest.mark.django_db
def test_request_page_shows_no_form_while_the_rule_does_not_hold(client):
    a = layak_today(5)
    client.force_login(a.user)
    html = client.get(reverse("asesor:rekognisi-ajukan")).content.decode()
    assert "kurang 1 asesmen untuk rekognisi" in html
    assert 'name="bukti"' not in html
    # a request sent anyway is refused by the service, with the reason on the page
    response = client.post(reverse("asesor:rekognisi-ajukan"), {"bukti": [pdf()]})
    assert response.status_code == 200 and "baru 5 dari 6 asesmen" in response.content.decode()
    assert not PengajuanRekognisi.objects.exists()


@pytest.mark.django_db
def test_verifying_from_the_queue_returns_to_the_queue(client, admin_lsp):
    a = layak_today(1)
    entry = services.riwayat_eksternal_add(
        asesor=a, tanggal=timezone.localdate() - D, nama_lsp="LSP", skema_nama="Barista", jumlah_asesi=1,
        dokumen=pdf(), by=a.user,
    )
    client.force_login(admin_lsp)
    url = reverse("asesor:riwayat-verify", args=[entry.pk])
    assert f"{url}?dari=antrean" in client.get(reverse("asesor:antrean")).content.decode()
    response = client.post(f"{url}?dari=antrean", {"keputusan": "terima"})
    assert response.status_code == 302 and response.url == reverse("asesor:antrean")
    entry.refresh_from_db()
    assert entry.status == "diterima"
