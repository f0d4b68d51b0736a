"""Services: each write checks its rule (coded errors), writes an audit row, and emails go out only
after commit. Dates are passed in (``today=``) — no wall clock."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from asesor import selectors, services
from asesor.models import AsesorProfile, RiwayatAsesmen, SertifikatAsesor
from lsp.models import AuditLog, Notification
from tests.factories import SkemaFactory, UserFactory

from .factories import (
    AsesorFactory,
    DiklatFactory,
    KompetensiFactory,
    KonflikFactory,
    PesertaFactory,
    RiwayatFactory,
    SertifikatAsesorFactory,
    asesor_with_certificate,
)

pytestmark = pytest.mark.django_db
D = timedelta(days=1)
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def pdf(name="bukti.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def code_of(excinfo):
    """The code of a ValidationError, whether it is a single error or a dict of field errors."""
    exc = excinfo.value
    if hasattr(exc, "error_dict"):
        return [e.code for errors in exc.error_dict.values() for e in errors]
    return [e.code for e in exc.error_list]


def audits(action):
    return list(AuditLog.objects.filter(action=action))


# --- profile ------------------------------------------------------------------------------------


def test_register_existing_user_normalises_number_adds_role_and_audits(admin_lsp):
    user = UserFactory(username="calon")
    profile = services.asesor_register(user=user, nomor_registrasi="met.000.001234.2024", by=admin_lsp)
    assert profile.nomor_registrasi == "MET.000.001234 2024"
    user.refresh_from_db()
    assert user.groups.filter(name="asesor").exists()
    [row] = audits("asesor.register")
    assert row.actor == admin_lsp and row.object_id == str(profile.pk)


def test_same_number_typed_the_other_way_is_a_duplicate(admin_lsp):
    services.asesor_register(user=UserFactory(), nomor_registrasi="MET.000.001234 2024", by=admin_lsp)
    with pytest.raises(ValidationError) as exc:
        services.asesor_register(user=UserFactory(), nomor_registrasi="MET.000.001234.2024", by=admin_lsp)
    assert code_of(exc) == ["nomor_registrasi_dipakai"]


@pytest.mark.parametrize("nomor", ["MET.000.1234 2024", "ABC", "", "MET.000.001234/2024"])
def test_invalid_number_refused(admin_lsp, nomor):
    with pytest.raises(ValidationError) as exc:
        services.asesor_register(user=UserFactory(), nomor_registrasi=nomor, by=admin_lsp)
    assert code_of(exc) == ["nomor_registrasi"]


def test_user_cannot_get_two_profiles(admin_lsp):
    asesor = AsesorFactory()
    with pytest.raises(ValidationError) as exc:
        services.asesor_register(user=asesor.user, nomor_registrasi="MET.000.009999 2024", by=admin_lsp)
    assert code_of(exc) == ["sudah_asesor"]


def test_register_with_new_account(admin_lsp):
    profile = services.asesor_register(
        username="baru", nama_lengkap="Asesor Baru", email="baru@example.test",
        nomor_registrasi="MET.000.000777 2023", by=admin_lsp,
    )
    assert profile.user.username == "baru" and not profile.user.has_usable_password()
    with pytest.raises(ValidationError) as exc:
        services.asesor_register(username="BARU", nomor_registrasi="MET.000.000778 2023", by=admin_lsp)
    assert code_of(exc) == ["username_dipakai"]
    with pytest.raises(ValidationError) as exc:
        services.asesor_register(nomor_registrasi="MET.000.000778 2023", by=admin_lsp)
    assert code_of(exc) == ["pengguna_wajib"]


def test_database_keeps_numbers_canonical_and_unique():
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AsesorProfile.objects.create(user=user, nomor_registrasi="MET.000.001234.2024")
    AsesorProfile.objects.create(user=user, nomor_registrasi="MET.000.001234 2024")
    with pytest.raises(IntegrityError), transaction.atomic():
        AsesorProfile.objects.create(user=UserFactory(), nomor_registrasi="MET.000.001234 2024")


def test_update_profile(admin_lsp):
    a, other = AsesorFactory(), AsesorFactory()
    services.asesor_update(asesor=a, nomor_registrasi="MET.000.004321.2020", is_master=True, by=admin_lsp)
    a.refresh_from_db()
    assert a.nomor_registrasi == "MET.000.004321 2020" and a.is_master
    assert audits("asesor.update")[0].data["sesudah"]["is_master"] is True
    with pytest.raises(ValidationError) as exc:
        services.asesor_update(asesor=a, nomor_registrasi=other.nomor_registrasi, by=admin_lsp)
    assert code_of(exc) == ["nomor_registrasi_dipakai"]


# --- certificates -------------------------------------------------------------------------------

TODAY = date(2025, 6, 1)


def test_first_certificate_stores_computed_validity(admin_lsp):
    a = AsesorFactory()
    cert = services.sertifikat_asesor_record(
        asesor=a, nomor="ASK-1", issued_on=date(2024, 2, 29), by=admin_lsp, dokumen=pdf("../../scan.pdf"), today=TODAY
    )
    assert cert.valid_until == date(2027, 2, 27) and cert.jenis == "awal" and cert.created_by == admin_lsp
    assert cert.dokumen_nama == "scan.pdf"
    assert audits("asesor.sertifikat_record")[0].to_state == "awal"


@pytest.mark.parametrize(
    "setup, kwargs, code",
    [
        ("one", {"jenis": "awal", "issued_on": date(2025, 5, 1)}, "sertifikat_awal_sudah_ada"),
        ("none", {"jenis": "ulang", "issued_on": date(2025, 5, 1)}, "sertifikat_ulang_tanpa_riwayat"),
        ("one", {"jenis": "ulang", "issued_on": date(2027, 1, 9)}, "sertifikat_tumpang_tindih"),
        ("none", {"jenis": "awal", "issued_on": TODAY + D}, "tanggal_masa_depan"),
        ("none", {"jenis": "rekognisi", "issued_on": date(2025, 5, 1)}, "gunakan_rekognisi"),
        ("one", {"jenis": "ulang", "issued_on": date(2027, 1, 10), "nomor": "ASK-DUP"}, "nomor_sertifikat_dipakai"),
    ],
)
def test_certificate_rules(admin_lsp, setup, kwargs, code):
    a = AsesorFactory()
    if setup == "one":
        SertifikatAsesorFactory(asesor=a, nomor="ASK-DUP", issued_on=date(2024, 1, 10))  # through 9 Jan 2027
    kwargs.setdefault("nomor", "ASK-NEW")
    today = TODAY if code == "tanggal_masa_depan" else date(2030, 1, 1)
    with pytest.raises(ValidationError) as exc:
        services.sertifikat_asesor_record(asesor=a, by=admin_lsp, today=today, **kwargs)
    assert code_of(exc) == [code]


def test_ulang_the_day_after_the_old_one_ends(admin_lsp):
    a = asesor_with_certificate(date(2024, 1, 10))
    cert = services.sertifikat_asesor_record(
        asesor=a, nomor="ASK-ULANG", jenis="ulang", issued_on=date(2027, 1, 10), by=admin_lsp, today=date(2027, 2, 1)
    )
    assert cert.jenis == "ulang"


def test_certificate_document_must_be_a_real_document(admin_lsp):
    a = AsesorFactory()
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    with pytest.raises(ValidationError) as exc:
        services.sertifikat_asesor_record(asesor=a, nomor="X", issued_on=TODAY, by=admin_lsp, dokumen=fake, today=TODAY)
    assert code_of(exc) == ["file_type"]
    assert not SertifikatAsesor.objects.exists()


def test_database_refuses_validity_not_after_issue():
    a = AsesorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SertifikatAsesor.objects.create(asesor=a, nomor="X", jenis="awal", issued_on=TODAY, valid_until=TODAY)


# --- recognition --------------------------------------------------------------------------------


def log(asesor, *dates, status="diterima"):
    for d in dates:
        RiwayatFactory(asesor=asesor, tanggal=d, status=status)


def test_recognition_refused_with_five_and_the_count(admin_lsp):
    a = asesor_with_certificate(date(2024, 1, 10))
    log(a, *[date(2024, 2, 1) + i * D for i in range(5)])
    with pytest.raises(ValidationError) as exc:
        services.asesor_recognize(asesor=a, nomor="RCC-1", by=admin_lsp, today=date(2026, 12, 1))
    assert exc.value.code == "rekognisi_kurang_asesmen"
    assert exc.value.params == {"jumlah": 5, "minimum": 6}
    assert "5 dari 6" in exc.value.messages[0]
    assert SertifikatAsesor.objects.filter(asesor=a).count() == 1
    assert not audits("asesor.rekognisi")


def test_recognition_with_six_starts_the_day_after(admin_lsp):
    a = asesor_with_certificate(date(2024, 2, 29))  # through 27 Feb 2027
    log(a, *[date(2024, 3, 1) + i * D for i in range(6)])
    cert = services.asesor_recognize(asesor=a, nomor="RCC-1", by=admin_lsp, today=date(2027, 1, 15))
    assert cert.jenis == "rekognisi"
    assert cert.issued_on == date(2027, 2, 28) and cert.valid_until == date(2030, 2, 27)
    [row] = audits("asesor.rekognisi")
    assert row.from_state == "layak_rekognisi" and row.data["jumlah_asesmen"] == 6
    with pytest.raises(ValidationError) as exc:
        services.asesor_recognize(asesor=a, nomor="RCC-2", by=admin_lsp, today=date(2027, 1, 16))
    assert exc.value.code == "rekognisi_sudah_dicatat"
    # the asesor is continuously valid: no "segera kedaluwarsa" while the next certificate waits
    assert selectors.asesor_status_on(asesor=a, on_date=date(2027, 2, 1)).status == "aktif"
    assert selectors.asesor_status_on(asesor=a, on_date=date(2027, 2, 28)).sertifikat == cert


def test_expired_and_short_must_repeat(admin_lsp):
    a = asesor_with_certificate(date(2021, 1, 10))  # through 9 Jan 2024
    log(a, *[date(2022, 1, 1)] * 5)
    with pytest.raises(ValidationError) as exc:
        services.asesor_recognize(asesor=a, nomor="RCC-1", by=admin_lsp, today=date(2024, 1, 10))
    assert exc.value.code == "wajib_mengulang" and exc.value.params["jumlah"] == 5


def test_no_certificate_no_recognition(admin_lsp):
    with pytest.raises(ValidationError) as exc:
        services.asesor_recognize(asesor=AsesorFactory(), nomor="RCC-1", by=admin_lsp, today=TODAY)
    assert exc.value.code == "tidak_ada_sertifikat"


def test_assessment_on_last_valid_day_counts_the_day_after_not(admin_lsp):
    a = asesor_with_certificate(date(2024, 1, 10))  # through 9 Jan 2027
    log(a, *[date(2024, 2, 1)] * 5)
    log(a, date(2027, 1, 10))  # the day after: does not count
    after = date(2027, 2, 1)
    assert selectors.asesor_status_on(asesor=a, on_date=after).rekognisi == "wajib_mengulang"
    log(a, date(2027, 1, 9))  # the last valid day: counts
    st = selectors.asesor_status_on(asesor=a, on_date=after)
    assert st.jumlah_asesmen == 6 and st.rekognisi == "layak_rekognisi"
    services.asesor_recognize(asesor=a, nomor="RCC-LATE", by=admin_lsp, today=after)


def test_assessment_before_issue_does_not_count():
    a = asesor_with_certificate(date(2024, 1, 10))
    log(a, date(2024, 1, 9), date(2024, 1, 10))
    assert selectors.asesor_status_on(asesor=a, on_date=date(2024, 6, 1)).jumlah_asesmen == 1


# --- the assessment log -------------------------------------------------------------------------


def test_internal_log_is_idempotent_on_its_reference():
    a = asesor_with_certificate()
    skema = SkemaFactory()
    first = services.asesmen_log_record(
        asesor=a, tanggal=date(2024, 5, 1), skema=skema, jumlah_asesi=4, sumber_ref="jadwal:1:asesor:1"
    )
    again = services.asesmen_log_record(
        asesor=a.user, tanggal=date(2024, 5, 2), skema=skema, jumlah_asesi=9, sumber_ref="jadwal:1:asesor:1"
    )
    assert again.pk == first.pk and again.jumlah_asesi == 4
    assert RiwayatAsesmen.objects.count() == 1
    assert len(audits("asesor.riwayat_internal")) == 1
    assert first.status == "diterima" and first.sumber == "internal"
    assert selectors.asesor_status_on(asesor=a, on_date=date(2024, 6, 1)).jumlah_asesmen == 1


def test_internal_log_rules():
    a, b = AsesorFactory(), AsesorFactory()
    skema = SkemaFactory()
    services.asesmen_log_record(asesor=a, tanggal=TODAY, skema=skema, jumlah_asesi=1, sumber_ref="r1")
    cases = [
        ({"asesor": b, "sumber_ref": "r1"}, "sumber_ref_bentrok"),
        ({"asesor": UserFactory(), "sumber_ref": "r2"}, "bukan_asesor"),
        ({"asesor": a, "sumber_ref": "  "}, "sumber_ref_wajib"),
        ({"asesor": a, "sumber_ref": "r3", "jumlah_asesi": 0}, "jumlah_asesi"),
    ]
    for kwargs, code in cases:
        kwargs.setdefault("jumlah_asesi", 1)
        with pytest.raises(ValidationError) as exc:
            services.asesmen_log_record(tanggal=TODAY, skema=skema, **kwargs)
        assert exc.value.code == code


def test_external_entry_counts_only_once_accepted(admin_lsp):
    a = asesor_with_certificate(date(2024, 1, 10))
    entry = services.riwayat_eksternal_add(
        asesor=a, tanggal=date(2024, 8, 1), nama_lsp="LSP Lain", skema_nama="Barista", jumlah_asesi=5,
        dokumen=pdf(), by=admin_lsp, today=TODAY,
    )
    assert entry.status == "menunggu"
    on = date(2025, 1, 1)
    assert selectors.asesor_status_on(asesor=a, on_date=on).jumlah_asesmen == 0
    services.riwayat_verify(riwayat=entry, terima=True, by=admin_lsp)
    assert selectors.asesor_status_on(asesor=a, on_date=on).jumlah_asesmen == 1
    [row] = audits("asesor.riwayat_verify")
    assert (row.from_state, row.to_state) == ("menunggu", "diterima")
    with pytest.raises(ValidationError) as exc:
        services.riwayat_verify(riwayat=entry, terima=False, catatan="x", by=admin_lsp)
    assert exc.value.code == "transisi_tidak_sah"


def test_rejected_external_entry_needs_a_reason_and_never_counts(admin_lsp):
    a = asesor_with_certificate(date(2024, 1, 10))
    entry = services.riwayat_eksternal_add(
        asesor=a, tanggal=date(2024, 8, 1), nama_lsp="LSP Lain", skema_nama="Barista", jumlah_asesi=5,
        dokumen=pdf(), by=admin_lsp, today=TODAY,
    )
    with pytest.raises(ValidationError) as exc:
        services.riwayat_verify(riwayat=entry, terima=False, catatan=" ", by=admin_lsp)
    assert code_of(exc) == ["alasan_wajib"]
    services.riwayat_verify(riwayat=entry, terima=False, catatan="Surat tugas tidak sah", by=admin_lsp)
    assert selectors.asesor_status_on(asesor=a, on_date=date(2025, 1, 1)).jumlah_asesmen == 0


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"dokumen": None}, "dokumen_wajib"),
        ({"tanggal": TODAY + D}, "tanggal_masa_depan"),
        ({"nama_lsp": " "}, "required"),
        ({"skema_nama": ""}, "skema_atau_nama"),
        ({"jumlah_asesi": 0}, "jumlah_asesi"),
    ],
)
def test_external_entry_rules(admin_lsp, kwargs, code):
    data = {
        "asesor": AsesorFactory(), "tanggal": TODAY, "nama_lsp": "LSP Lain", "skema_nama": "Barista",
        "jumlah_asesi": 2, "dokumen": pdf(), "by": admin_lsp, "today": TODAY, **kwargs,
    }
    with pytest.raises(ValidationError) as exc:
        services.riwayat_eksternal_add(**data)
    assert code_of(exc) == [code]


# --- competence, conflicts, the scheduling guard ------------------------------------------------


def test_competence_add_and_update(admin_lsp):
    a = AsesorFactory()
    k = services.kompetensi_add(
        asesor=a, bidang=" TIK ", nomor_sertifikat="T-1", penerbit="LSP TIK", issued_on=date(2020, 1, 1), by=admin_lsp
    )
    assert k.bidang == "TIK" and k.skema is None
    skema = SkemaFactory()
    services.kompetensi_update(
        kompetensi=k, skema=skema, bidang="ignored", nomor_sertifikat="T-2", penerbit="LSP TIK",
        issued_on=date(2020, 1, 1), valid_until=date(2023, 1, 1), by=admin_lsp,
    )
    k.refresh_from_db()
    assert (k.skema, k.bidang, k.valid_until) == (skema, "", date(2023, 1, 1))
    assert len(audits("asesor.kompetensi_add")) == 1 and len(audits("asesor.kompetensi_update")) == 1
    with pytest.raises(ValidationError) as exc:
        services.kompetensi_add(asesor=a, nomor_sertifikat="T", penerbit="P", issued_on=TODAY, by=admin_lsp)
    assert code_of(exc) == ["skema_atau_bidang"]
    with pytest.raises(ValidationError) as exc:
        services.kompetensi_add(
            asesor=a, skema=skema, nomor_sertifikat="T", penerbit="P", issued_on=TODAY, valid_until=TODAY - D,
            by=admin_lsp,
        )
    assert code_of(exc) == ["tanggal_terbalik"]


def test_conflict_rules(admin_lsp):
    a = AsesorFactory()
    asesi = UserFactory()
    services.konflik_declare(asesor=a, pihak=asesi, alasan="Saudara kandung", by=admin_lsp)
    assert audits("asesor.konflik_declare")[0].data["pihak"] == asesi.pk
    with pytest.raises(ValidationError) as exc:
        services.konflik_declare(asesor=a, pihak=asesi, alasan="lagi", by=admin_lsp)
    assert code_of(exc) == ["konflik_sudah_ada"]
    with pytest.raises(ValidationError) as exc:
        services.konflik_declare(asesor=a, pihak=a.user, alasan="x", by=admin_lsp)
    assert code_of(exc) == ["diri_sendiri"]


class TestCanAssess:
    ON = date(2025, 1, 1)

    @pytest.fixture
    def setup(self):
        skema = SkemaFactory(bidang="TIK")
        a = asesor_with_certificate(date(2024, 1, 10))
        KompetensiFactory(asesor=a, skema=skema)
        return a, skema, UserFactory(roles=["asesi"])

    def test_ok(self, setup):
        a, skema, asesi = setup
        e = selectors.asesor_can_assess(asesor=a, skema=skema, on_date=self.ON, asesi_user=asesi)
        assert e.ok and e.reasons == []
        assert selectors.asesor_can_assess(asesor=a.user, skema=skema, on_date=self.ON).ok

    def test_certificate_expired_on_that_date(self, setup):
        a, skema, asesi = setup
        assert selectors.asesor_can_assess(asesor=a, skema=skema, on_date=date(2027, 1, 9)).ok
        e = selectors.asesor_can_assess(asesor=a, skema=skema, on_date=date(2027, 1, 10))
        assert e.codes == ["sertifikat_kedaluwarsa"]

    def test_before_first_certificate(self, setup):
        a, skema, asesi = setup
        e = selectors.asesor_can_assess(asesor=a, skema=skema, on_date=date(2024, 1, 9))
        assert e.codes == ["tidak_ada_sertifikat"]

    def test_no_competence_for_skema(self, setup):
        a, _skema, asesi = setup
        e = selectors.asesor_can_assess(asesor=a, skema=SkemaFactory(bidang="Pariwisata"), on_date=self.ON)
        assert e.codes == ["tanpa_kompetensi_teknis"]

    def test_competence_by_bidang(self, setup):
        a, _skema, asesi = setup
        other = SkemaFactory(bidang="Pariwisata")
        KompetensiFactory(asesor=a, skema=None, bidang="pariwisata")
        assert selectors.asesor_can_assess(asesor=a, skema=other, on_date=self.ON).ok

    def test_technical_certificate_ended(self, setup):
        a, skema, asesi = setup
        a.kompetensi.update(valid_until=date(2024, 12, 31))
        e = selectors.asesor_can_assess(asesor=a, skema=skema, on_date=self.ON)
        assert e.codes == ["kompetensi_teknis_tidak_berlaku"]
        assert selectors.asesor_can_assess(asesor=a, skema=skema, on_date=date(2024, 12, 31)).ok

    def test_own_assessment(self, setup):
        a, skema, asesi = setup
        e = selectors.asesor_can_assess(asesor=a, skema=skema, on_date=self.ON, asesi_user=a.user)
        assert e.codes == ["asesmen_diri_sendiri"]

    def test_conflict_of_interest(self, setup):
        a, skema, asesi = setup
        KonflikFactory(asesor=a, pihak=asesi)
        e = selectors.asesor_can_assess(asesor=a, skema=skema, on_date=self.ON, asesi_user=asesi)
        assert e.codes == ["konflik_kepentingan"]
        assert selectors.asesor_can_assess(asesor=a, skema=skema, on_date=self.ON, asesi_user=UserFactory()).ok

    def test_not_an_asesor(self, setup):
        _a, skema, asesi = setup
        e = selectors.asesor_can_assess(asesor=asesi, skema=skema, on_date=self.ON)
        assert e.codes == ["bukan_asesor", "tanpa_kompetensi_teknis"]


# --- diklat -------------------------------------------------------------------------------------


def master(**kwargs):
    return asesor_with_certificate(date(2024, 1, 10), is_master=True, **kwargs)


def diklat_kwargs(**kwargs):
    return {
        "nama": "Diklat Asesor Angkatan 1", "skema": SkemaFactory(), "tanggal_mulai": date(2025, 3, 3),
        "tanggal_selesai": date(2025, 3, 7), "tempat": "Hotel Sofia, Sidoarjo", **kwargs,
    }


def test_diklat_create(admin_lsp):
    d = services.diklat_create(master_asesor=master(), by=admin_lsp, **diklat_kwargs())
    assert audits("asesor.diklat_create")[0].object_id == str(d.pk)


@pytest.mark.parametrize(
    "case, code",
    [
        ("not_master", "bukan_master_asesor"),
        ("master_expired", "master_asesor_tidak_berlaku"),
        ("reversed", "tanggal_terbalik"),
        ("no_place", "tuk_atau_tempat"),
    ],
)
def test_diklat_rules(admin_lsp, case, code):
    kwargs = diklat_kwargs(master_asesor=master())
    if case == "not_master":
        kwargs["master_asesor"] = asesor_with_certificate()
    elif case == "master_expired":
        kwargs["master_asesor"] = asesor_with_certificate(date(2020, 1, 1), is_master=True)
    elif case == "reversed":
        kwargs["tanggal_selesai"] = kwargs["tanggal_mulai"] - D
    else:
        kwargs["tempat"] = " "
    with pytest.raises(ValidationError) as exc:
        services.diklat_create(by=admin_lsp, **kwargs)
    assert code_of(exc) == [code]


def test_one_day_diklat_is_fine(admin_lsp):
    kwargs = diklat_kwargs(master_asesor=master())
    kwargs["tanggal_selesai"] = kwargs["tanggal_mulai"]
    diklat = services.diklat_create(by=admin_lsp, **kwargs)
    saved = type(diklat).objects.get(pk=diklat.pk)
    assert saved.tanggal_mulai == saved.tanggal_selesai == kwargs["tanggal_mulai"]
    assert AuditLog.objects.filter(object_id=str(diklat.pk), action__endswith="diklat_create").count() == 1


def test_participants_unique_and_master_not_a_participant(admin_lsp):
    d = DiklatFactory(master_asesor=master())
    user = UserFactory()
    services.diklat_peserta_add(diklat=d, user=user, by=admin_lsp)
    with pytest.raises(ValidationError) as exc:
        services.diklat_peserta_add(diklat=d, user=user, by=admin_lsp)
    assert code_of(exc) == ["peserta_sudah_terdaftar"]
    with pytest.raises(ValidationError) as exc:
        services.diklat_peserta_add(diklat=d, user=d.master_asesor.user, by=admin_lsp)
    assert code_of(exc) == ["master_sebagai_peserta"]


def test_declare_kompeten_makes_an_asesor_and_emails_after_commit(admin_lsp, django_capture_on_commit_callbacks):
    p = PesertaFactory(diklat=DiklatFactory(master_asesor=master()))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        profile = services.diklat_peserta_declare_kompeten(
            peserta=p, nomor_registrasi="MET.000.005555.2025", nomor_sertifikat="ASK-2025-1",
            issued_on=date(2025, 3, 8), by=admin_lsp, today=date(2025, 3, 10),
        )
        assert mail.outbox == []  # nothing leaves before commit
    assert profile.nomor_registrasi == "MET.000.005555 2025"
    assert p.user.groups.filter(name="asesor").exists()
    [cert] = profile.sertifikat.all()
    assert (cert.jenis, cert.valid_until) == ("awal", date(2028, 3, 7))
    p.refresh_from_db()
    assert (p.hasil, p.asesor, p.decided_by) == ("kompeten", profile, admin_lsp)
    [row] = audits("asesor.diklat_peserta_kompeten")
    assert (row.from_state, row.to_state) == ("terdaftar", "kompeten")
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [[p.user.email]]
    with pytest.raises(ValidationError) as exc:
        services.diklat_peserta_declare_kompeten(
            peserta=p, nomor_registrasi="", nomor_sertifikat="ASK-2025-2", issued_on=date(2025, 3, 8), by=admin_lsp,
        )
    assert exc.value.code == "transisi_tidak_sah"


def test_declare_kompeten_refuses_without_number_and_rolls_back(admin_lsp):
    p = PesertaFactory(diklat=DiklatFactory(master_asesor=master()))
    with pytest.raises(ValidationError) as exc:
        services.diklat_peserta_declare_kompeten(
            peserta=p, nomor_registrasi="", nomor_sertifikat="ASK-1", issued_on=date(2025, 3, 8), by=admin_lsp,
            today=date(2025, 3, 10),
        )
    assert code_of(exc) == ["nomor_registrasi"]
    p.refresh_from_db()
    assert p.hasil == "terdaftar" and not AsesorProfile.objects.filter(user=p.user).exists()
    assert not Notification.objects.exists()


def test_repeating_asesor_keeps_number_and_gets_ulang(admin_lsp):
    old = asesor_with_certificate(date(2021, 1, 10))  # expired 9 Jan 2024, wajib mengulang
    d = DiklatFactory(master_asesor=master(), tanggal_mulai=date(2025, 3, 3), tanggal_selesai=date(2025, 3, 7))
    p = PesertaFactory(diklat=d, user=old.user)
    with pytest.raises(ValidationError) as exc:
        services.diklat_peserta_declare_kompeten(
            peserta=p, nomor_registrasi="MET.000.999999 2025", nomor_sertifikat="ASK-U", issued_on=date(2025, 3, 8),
            by=admin_lsp, today=date(2025, 3, 10),
        )
    assert code_of(exc) == ["nomor_registrasi_berbeda"]
    profile = services.diklat_peserta_declare_kompeten(
        peserta=p, nomor_registrasi="", nomor_sertifikat="ASK-U", issued_on=date(2025, 3, 8), by=admin_lsp,
        today=date(2025, 3, 10),
    )
    assert profile == old
    assert profile.sertifikat.get(nomor="ASK-U").jenis == "ulang"
    assert selectors.asesor_status_on(asesor=profile, on_date=date(2025, 3, 10)).status == "aktif"


def test_set_hasil_and_its_transitions(admin_lsp):
    p = PesertaFactory(diklat=DiklatFactory(master_asesor=master()))
    services.diklat_peserta_set_hasil(peserta=p, hasil="belum_kompeten", catatan="Belum cukup bukti", by=admin_lsp)
    p.refresh_from_db()
    assert p.hasil == "belum_kompeten"
    # BK may be assessed again and become kompeten
    services.diklat_peserta_declare_kompeten(
        peserta=p, nomor_registrasi="MET.000.005556 2025", nomor_sertifikat="ASK-BK", issued_on=date(2025, 4, 1),
        by=admin_lsp, today=date(2025, 4, 2),
    )
    q = PesertaFactory(diklat=p.diklat)
    services.diklat_peserta_set_hasil(peserta=q, hasil="mengundurkan_diri", by=admin_lsp)
    with pytest.raises(ValidationError) as exc:
        services.diklat_peserta_set_hasil(peserta=q, hasil="belum_kompeten", by=admin_lsp)
    assert exc.value.code == "transisi_tidak_sah"
    with pytest.raises(ValidationError) as exc:
        services.diklat_peserta_set_hasil(peserta=q, hasil="kompeten", by=admin_lsp)
    assert exc.value.code == "gunakan_declare_kompeten"


def test_open_participation_lookup_for_the_asesmen_app():
    p = PesertaFactory()
    assert selectors.peserta_diklat_open_for(user=p.user) == p
    assert selectors.peserta_diklat_open_for(user=p.user, skema=p.diklat.skema) == p
    assert selectors.peserta_diklat_open_for(user=p.user, skema=SkemaFactory()) is None
    p.hasil = "kompeten"
    p.save()
    assert selectors.peserta_diklat_open_for(user=p.user) is None


def test_role_group_is_created_when_missing(admin_lsp):
    Group.objects.filter(name="asesor").delete()
    profile = services.asesor_register(user=UserFactory(), nomor_registrasi="MET.000.000001 2020", by=admin_lsp)
    assert profile.user.groups.filter(name="asesor").exists()


# --- the service is the single validator: every refusal at once, coded, by field ---------------------


def errors_by_field(excinfo):
    return {field: [e.code for e in errors] for field, errors in excinfo.value.error_dict.items()}


def test_new_account_without_name_or_email_is_refused_and_nothing_is_created(admin_lsp):
    with pytest.raises(ValidationError) as exc:
        services.asesor_register(username="baru", nomor_registrasi="MET.000.000779 2023", by=admin_lsp)
    assert errors_by_field(exc) == {"nama_lengkap": ["required"], "email": ["required"]}
    assert not get_user_model().objects.filter(username="baru").exists()
    assert not AuditLog.objects.filter(action="user.create").exists()


def test_diklat_refusal_names_every_reason_at_once(admin_lsp):
    kwargs = diklat_kwargs(master_asesor=asesor_with_certificate(), tempat=" ")
    kwargs["tanggal_selesai"] = kwargs["tanggal_mulai"] - D
    with pytest.raises(ValidationError) as exc:
        services.diklat_create(by=admin_lsp, **kwargs)
    assert errors_by_field(exc) == {
        "tanggal_selesai": ["tanggal_terbalik"],
        "__all__": ["tuk_atau_tempat"],
        "master_asesor": ["bukan_master_asesor"],
    }


def test_kompetensi_refusal_names_every_reason_at_once(admin_lsp):
    with pytest.raises(ValidationError) as exc:
        services.kompetensi_add(
            asesor=AsesorFactory(), nomor_sertifikat="T", penerbit="P", issued_on=TODAY, valid_until=TODAY - D,
            by=admin_lsp,
        )
    assert errors_by_field(exc) == {"__all__": ["skema_atau_bidang"], "valid_until": ["tanggal_terbalik"]}


def test_external_entry_refusal_names_every_reason_at_once(admin_lsp):
    with pytest.raises(ValidationError) as exc:
        services.riwayat_eksternal_add(
            asesor=AsesorFactory(), tanggal=TODAY + D, nama_lsp="", skema_nama="", jumlah_asesi=0, dokumen=None,
            by=admin_lsp, today=TODAY,
        )
    assert errors_by_field(exc) == {
        "tanggal": ["tanggal_masa_depan"], "nama_lsp": ["required"], "__all__": ["skema_atau_nama"],
        "dokumen": ["dokumen_wajib"], "jumlah_asesi": ["jumlah_asesi"],
    }
    assert not RiwayatAsesmen.objects.exists()
