import datetime

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone

from asesi import domain, services
from asesi.domain import HasilVerifikasi, Jawaban, Status, Tujuan
from asesi.models import AsesiProfile, AsesmenMandiri, Dokumen, Permohonan
from lsp.models import AuditLog, User
from tests.factories import UnitFactory, UserFactory, skema_with_units

from .factories import (
    EXE,
    PNG,
    AsesiProfileFactory,
    admin_user,
    apl02_fill,
    pdf,
    permohonan_draft,
    verify,
)

pytestmark = pytest.mark.django_db

PROFILE = {
    "nik": "3201234567890001",
    "tempat_lahir": "Bandung",
    "tanggal_lahir": datetime.date(1995, 5, 17),
    "jenis_kelamin": "P",
    "kebangsaan": "Indonesia",
    "alamat": "Jl. Merdeka No. 10",
    "kode_pos": "40115",
    "telepon": "081234567890",
    "pendidikan_terakhir": "s1",
    "institusi": "",
    "jabatan": "",
    "alamat_kantor": "",
}


def register(**overrides):
    kwargs = {
        "username": "rina",
        "email": "Rina@Example.test",
        "nama_lengkap": "Rina Oktaviani",
        "password": "Kuat-Sekali-2025",
        "profile": dict(PROFILE),
    }
    kwargs.update(overrides)
    return services.asesi_register(**kwargs)


def field_codes(exc) -> dict:
    return {field: {e.code for e in errors} for field, errors in exc.value.error_dict.items()}


# --- registration -------------------------------------------------------------------------------------


def test_self_registration_creates_account_profile_group_and_sends_confirmation(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        profil = register()
    user = profil.user
    assert user.email == "rina@example.test" and user.check_password("Kuat-Sekali-2025")
    assert user.has_role("asesi") and not profil.email_dikonfirmasi
    assert AuditLog.objects.get(action="asesi.register").actor == user
    assert len(mail.outbox) == 1 and "/asesi/konfirmasi-email/" in mail.outbox[0].body


def test_confirmation_link_confirms_once_and_is_idempotent(django_capture_on_commit_callbacks):
    profil = register()
    token = services.email_confirmation_token(profil)
    services.asesi_email_confirm(token=token)
    confirmed_at = AsesiProfile.objects.get(pk=profil.pk).email_dikonfirmasi_pada
    assert confirmed_at is not None
    services.asesi_email_confirm(token=token)
    assert AsesiProfile.objects.get(pk=profil.pk).email_dikonfirmasi_pada == confirmed_at
    assert AuditLog.objects.filter(action="asesi.email_confirm").count() == 1


def test_confirmation_token_tampered_expired_or_for_an_old_address(settings):
    profil = register()
    token = services.email_confirmation_token(profil)
    with pytest.raises(ValidationError) as exc:
        services.asesi_email_confirm(token=token[:-2] + "xx")
    assert exc.value.code == "token_invalid"
    with pytest.raises(ValidationError) as exc:
        services.asesi_email_confirm(token="bukan-token")
    assert exc.value.code == "token_invalid"
    # a token for the previous address does not confirm a new one
    profil.user.email = "baru@example.test"
    profil.user.save()
    with pytest.raises(ValidationError) as exc:
        services.asesi_email_confirm(token=token)
    assert exc.value.code == "token_invalid"
    settings.PASSWORD_RESET_TIMEOUT = -1
    with pytest.raises(ValidationError) as exc:
        services.asesi_email_confirm(token=services.email_confirmation_token(AsesiProfile.objects.get(pk=profil.pk)))
    assert exc.value.code == "token_expired"


def test_confirmation_token_with_foreign_payload_is_invalid():
    token = signing.dumps(["not", "a", "dict"], salt=services.EMAIL_CONFIRM_SALT)
    with pytest.raises(ValidationError) as exc:
        services.asesi_email_confirm(token=token)
    assert exc.value.code == "token_invalid"


@pytest.mark.parametrize(
    "field, value, code",
    [
        ("nik", "320123456789000", "nik_format"),
        ("nik", "32012345678900011", "nik_format"),
        ("nik", "32012345678900AB", "nik_format"),
        ("kode_pos", "401", "kode_pos_format"),
        ("telepon", "telp", "telepon_format"),
        ("tanggal_lahir", datetime.date(2999, 1, 1), "birth_date_future"),
        ("tanggal_lahir", None, "required"),
    ],
)
def test_registration_refuses_bad_personal_data_and_saves_nothing(field, value, code):
    profile = {**PROFILE, field: value}
    with pytest.raises(ValidationError) as exc:
        register(profile=profile)
    assert code in field_codes(exc)[field]
    assert not User.objects.filter(username="rina").exists()
    assert not AsesiProfile.objects.exists()


def test_registration_refuses_duplicates():
    AsesiProfileFactory(nik=PROFILE["nik"], user=UserFactory(username="lama", email="RINA@example.test"))
    with pytest.raises(ValidationError) as exc:
        register(username="LAMA")
    assert field_codes(exc) == {
        "nik": {"nik_duplicate"},
        "email": {"email_duplicate"},
        "username": {"username_duplicate"},
    }


def test_registration_applies_password_validators():
    with pytest.raises(ValidationError) as exc:
        register(password="12345678")
    assert "password" in exc.value.error_dict


def test_registration_normalises_nik_with_spaces():
    profil = register(profile={**PROFILE, "nik": "3201 2345 6789 0001"})
    assert profil.nik == "3201234567890001"


def test_admin_registers_on_behalf_with_activation_link(django_capture_on_commit_callbacks):
    admin = admin_user()
    with django_capture_on_commit_callbacks(execute=True):
        profil = register(password=None, by=admin)
    assert not profil.user.has_usable_password()
    assert profil.dibuat_oleh == admin
    assert AuditLog.objects.get(action="asesi.register").actor == admin
    assert "/asesi/aktivasi/" in mail.outbox[0].body and "rina" in mail.outbox[0].body
    # the outbox keeps no usable copy of the activation link once it is sent
    from lsp.models import Notification

    assert "/asesi/aktivasi/" not in Notification.objects.get(recipient=profil.user.email).body

    services.asesi_activate(user=profil.user, password="Kata-Sandi-Baru-9")
    profil.refresh_from_db()
    assert profil.user.check_password("Kata-Sandi-Baru-9") and profil.email_dikonfirmasi


def test_activation_token_is_single_use():
    profil = register(password=None, by=admin_user())
    token = default_token_generator.make_token(profil.user)
    services.asesi_activate(user=profil.user, password="Kata-Sandi-Baru-9")
    assert not default_token_generator.check_token(User.objects.get(pk=profil.user_id), token)


def test_profile_update_changes_email_and_asks_for_confirmation(django_capture_on_commit_callbacks):
    profil = AsesiProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.asesi_profile_save(
            user=profil.user, nama_lengkap="Nama Baru", email="baru@example.test",
            profile={**PROFILE, "nik": profil.nik}, by=profil.user,
        )
    profil.refresh_from_db()
    assert profil.user.email == "baru@example.test" and profil.email_dikonfirmasi_pada is None
    assert len(mail.outbox) == 1
    audit = AuditLog.objects.get(action="asesi.profile_update")
    assert "email" in audit.data["fields"] and PROFILE["alamat"] not in str(audit.data)  # names, not values


def test_profile_update_by_another_user_is_refused():
    profil = AsesiProfileFactory()
    with pytest.raises(PermissionDenied):
        services.asesi_profile_save(
            user=profil.user, nama_lengkap="x", email="x@example.test", profile=PROFILE,
            by=AsesiProfileFactory().user,
        )


def test_nik_is_locked_after_the_first_submission():
    p = permohonan_draft()
    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    profil = p.asesi
    with pytest.raises(ValidationError) as exc:
        services.asesi_profile_save(
            user=profil.user, nama_lengkap="A", email=profil.email,
            profile={**PROFILE, "nik": "3201999999990001"}, by=profil.user,
        )
    assert field_codes(exc) == {"nik": {"nik_locked"}}


def test_profile_created_for_an_existing_asesi_account():
    user = UserFactory(roles=("asesi",))
    profil = services.asesi_profile_save(
        user=user, nama_lengkap="Budi", email=user.email, profile=PROFILE, by=user
    )
    assert profil.user == user and AuditLog.objects.get(action="asesi.profile_create").actor == user


def test_pii_view_is_recorded():
    profil, admin = AsesiProfileFactory(), admin_user()
    services.asesi_profile_view_record(profile=profil, by=admin, via="uji")
    entry = AuditLog.objects.get(action="asesi.profile_view")
    assert (entry.actor, entry.object_id, entry.data) == (admin, str(profil.pk), {"via": "uji"})


# --- permohonan ---------------------------------------------------------------------------------------


def test_create_copies_units_persyaratan_and_elements():
    skema = skema_with_units(n_units=2, n_elemen=3)
    p = permohonan_draft(skema=skema, with_documents=False)
    assert p.status == Status.DRAFT
    assert [u.kode for u in p.units.all()] == [u.kode for u in skema.units.all()]
    assert p.persyaratan.count() == skema.persyaratan.count()
    assert AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p).count() == 6
    assert p.riwayat.get().ke == Status.DRAFT
    assert AuditLog.objects.filter(action="permohonan.create", object_id=str(p.pk)).exists()


def test_later_skema_changes_do_not_rewrite_the_application():
    skema = skema_with_units(n_units=1)
    p = permohonan_draft(skema=skema, with_documents=False)
    unit = skema.units.get()
    unit.judul = "Judul diubah"
    unit.save()
    UnitFactory(skema=skema)
    skema.persyaratan.update(deskripsi="Diubah")
    assert [u.judul for u in p.units.all()] != ["Judul diubah"] and p.units.count() == 1
    assert "Diubah" not in [x.deskripsi for x in p.persyaratan.all()]
    unit.delete()  # even deleting the unit keeps what was applied for
    assert p.units.count() == 1 and p.units.get().unit is None


def test_only_active_skema_and_one_open_application_per_skema():
    profil = AsesiProfileFactory()
    skema = skema_with_units(aktif=False)
    with pytest.raises(ValidationError) as exc:
        services.permohonan_create(asesi=profil, skema=skema, tujuan=Tujuan.SERTIFIKASI, by=profil.user)
    assert exc.value.code == "skema_inactive"
    skema.aktif = True
    skema.save()
    services.permohonan_create(asesi=profil, skema=skema, tujuan=Tujuan.SERTIFIKASI, by=profil.user)
    with pytest.raises(ValidationError) as exc:
        services.permohonan_create(asesi=profil, skema=skema, tujuan=Tujuan.SERTIFIKASI, by=profil.user)
    assert exc.value.code == "permohonan_duplicate"
    assert Permohonan.objects.count() == 1


def test_refused_application_allows_a_new_one():
    p = permohonan_draft()
    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    verify(p, admin_user(), keputusan=Status.DITOLAK, catatan="Data palsu", hasil=HasilVerifikasi.TIDAK_ADA)
    again = services.permohonan_create(asesi=p.asesi, skema=p.skema, tujuan=Tujuan.SERTIFIKASI, by=p.asesi.user)
    assert again.pk != p.pk


def test_tujuan_lainnya_needs_text():
    profil = AsesiProfileFactory()
    with pytest.raises(ValidationError) as exc:
        services.permohonan_create(asesi=profil, skema=skema_with_units(), tujuan=Tujuan.LAINNYA, by=profil.user)
    assert "tujuan_lainnya" in exc.value.error_dict


def test_create_for_someone_else_is_refused():
    with pytest.raises(PermissionDenied):
        services.permohonan_create(
            asesi=AsesiProfileFactory(), skema=skema_with_units(), tujuan=Tujuan.SERTIFIKASI,
            by=AsesiProfileFactory().user,
        )


def test_update_units_keeps_answers_of_kept_units():
    skema = skema_with_units(n_units=2)
    p = permohonan_draft(skema=skema, with_documents=False)
    apl02_fill(p, Jawaban.BK)
    first, second = skema.units.all()
    services.permohonan_update(permohonan=p, tujuan=Tujuan.RPL, unit_ids=[first.pk], by=p.asesi.user)
    assert [u.kode for u in p.units.all()] == [first.kode]
    assert set(AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p).values_list("jawaban", flat=True)) == {"BK"}
    services.permohonan_update(permohonan=p, tujuan=Tujuan.RPL, unit_ids=[first.pk, second.pk], by=p.asesi.user)
    answers = list(AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p).values_list("jawaban", flat=True))
    assert sorted(answers) == ["", "", "BK", "BK"]
    with pytest.raises(ValidationError) as exc:
        services.permohonan_update(permohonan=p, tujuan=Tujuan.RPL, unit_ids=[], by=p.asesi.user)
    assert exc.value.code == "unit_missing"
    with pytest.raises(ValidationError) as exc:  # a unit of another skema is not a unit of this one
        services.permohonan_update(
            permohonan=p, tujuan=Tujuan.RPL, unit_ids=[UnitFactory().pk], by=p.asesi.user
        )
    assert exc.value.code == "unit_missing"


def test_submitted_application_cannot_be_changed():
    p = permohonan_draft()
    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    doc = p.dokumen.first()
    with pytest.raises(ValidationError) as exc:
        services.permohonan_update(permohonan=p, tujuan=Tujuan.RPL, by=p.asesi.user)
    assert exc.value.code == "permohonan_locked"
    with pytest.raises(ValidationError) as exc:
        services.dokumen_upload(permohonan=p, berkas=pdf(), by=p.asesi.user)
    assert exc.value.code == "permohonan_locked"
    with pytest.raises(ValidationError) as exc:
        services.dokumen_delete(dokumen=doc, by=p.asesi.user)
    assert exc.value.code == "permohonan_locked"
    assert Permohonan.objects.get(pk=p.pk).tujuan == Tujuan.SERTIFIKASI
    assert Dokumen.objects.filter(pk=doc.pk).exists()


def test_delete_draft_removes_files_after_commit(django_capture_on_commit_callbacks):
    p = permohonan_draft()
    names = [d.berkas.name for d in p.dokumen.all()]
    assert all(default_storage.exists(n) for n in names)
    with django_capture_on_commit_callbacks(execute=True):
        services.permohonan_delete(permohonan=p, by=p.asesi.user)
    assert not Permohonan.objects.filter(pk=p.pk).exists()
    assert not any(default_storage.exists(n) for n in names)
    assert AuditLog.objects.filter(action="permohonan.delete").exists()


def test_submitted_or_returned_application_cannot_be_deleted():
    p = permohonan_draft()
    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    verify(p, admin_user(), keputusan=Status.DIKEMBALIKAN, catatan="Perbaiki")
    with pytest.raises(ValidationError) as exc:
        services.permohonan_delete(permohonan=p, by=p.asesi.user)
    assert exc.value.code == "delete_not_draft"


# --- documents ----------------------------------------------------------------------------------------


def test_upload_stores_under_an_unguessable_name_and_keeps_a_safe_display_name():
    p = permohonan_draft(with_documents=False)
    item = p.persyaratan.first()
    doc = services.dokumen_upload(
        permohonan=p, berkas=pdf("../../etc/ijazah saya.pdf"), persyaratan=item, by=p.asesi.user
    )
    assert doc.nama_asli == "ijazah_saya.pdf"
    assert doc.berkas.name.startswith("asesi/dokumen/") and ".." not in doc.berkas.name
    assert "ijazah" not in doc.berkas.name and doc.mime == "application/pdf"
    assert default_storage.exists(doc.berkas.name)
    assert AuditLog.objects.get(action="dokumen.upload").data["nama"] == "ijazah_saya.pdf"


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("ijazah.pdf", EXE, "file_type"),
        ("foto.pdf", PNG, "file_extension_mismatch"),
        ("kosong.pdf", b"", "file_empty"),
    ],
)
def test_upload_refuses_bad_content_and_saves_nothing(name, content, code):
    p = permohonan_draft(with_documents=False)
    with pytest.raises(ValidationError) as exc:
        services.dokumen_upload(permohonan=p, berkas=pdf(name, content), by=p.asesi.user)
    assert exc.value.code == code
    assert not Dokumen.objects.exists()


def test_upload_size_limit(settings):
    p = permohonan_draft(with_documents=False)
    settings.LSP_UPLOAD_MAX_BYTES = 20
    with pytest.raises(ValidationError) as exc:
        services.dokumen_upload(permohonan=p, berkas=pdf(), by=p.asesi.user)
    assert exc.value.code == "file_too_large"
    assert not Dokumen.objects.exists()


def test_declared_50_mb_upload_is_refused_without_reading_it():
    class Huge:
        name = "besar.pdf"
        size = 50 * 1024 * 1024

        def read(self, *args):
            raise AssertionError("the content must not be read")

        seek = tell = read

    p = permohonan_draft(with_documents=False)
    with pytest.raises(ValidationError) as exc:
        services.dokumen_upload(permohonan=p, berkas=Huge(), by=p.asesi.user)
    assert exc.value.code == "file_too_large"


def test_upload_for_persyaratan_of_another_application_is_refused():
    p, other = permohonan_draft(with_documents=False), permohonan_draft(with_documents=False)
    with pytest.raises(ValidationError) as exc:
        services.dokumen_upload(permohonan=p, berkas=pdf(), persyaratan=other.persyaratan.first(), by=p.asesi.user)
    assert exc.value.code == "persyaratan_invalid"


def test_upload_by_another_asesi_is_refused():
    p = permohonan_draft(with_documents=False)
    with pytest.raises(PermissionDenied):
        services.dokumen_upload(permohonan=p, berkas=pdf(), by=AsesiProfileFactory().user)


def test_document_count_is_limited(monkeypatch):
    monkeypatch.setattr(domain, "MAX_DOKUMEN_PER_PERMOHONAN", 1)  # the limit is a domain rule the service reads
    p = permohonan_draft(with_documents=False)
    services.dokumen_upload(permohonan=p, berkas=pdf(), by=p.asesi.user)
    with pytest.raises(ValidationError) as exc:
        services.dokumen_upload(permohonan=p, berkas=pdf(), by=p.asesi.user)
    assert exc.value.code == "dokumen_too_many"


# --- asesmen mandiri ----------------------------------------------------------------------------------


def test_apl02_answers_with_documents_and_notes():
    p = permohonan_draft()
    doc = p.dokumen.first()
    rows = list(AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p))
    answers = {rows[0].pk: {"jawaban": "K", "bukti": [doc.pk], "bukti_catatan": ""},
               rows[1].pk: {"jawaban": "BK", "bukti": [], "bukti_catatan": ""}}
    assert services.asesmen_mandiri_save(permohonan=p, answers=answers, by=p.asesi.user) == 2
    rows[0].refresh_from_db()
    assert rows[0].jawaban == "K" and list(rows[0].bukti.all()) == [doc]
    assert AuditLog.objects.get(action="asesmen_mandiri.save").data == {"dijawab": 2, "total": len(rows)}


@pytest.mark.parametrize(
    "answer, code",
    [
        ({"jawaban": "K", "bukti": [], "bukti_catatan": "  "}, "bukti_required"),
        ({"jawaban": "kompeten", "bukti": [], "bukti_catatan": "x"}, "jawaban_invalid"),
    ],
)
def test_apl02_bad_answers(answer, code):
    p = permohonan_draft()
    row = AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p).first()
    with pytest.raises(ValidationError) as exc:
        services.asesmen_mandiri_save(permohonan=p, answers={row.pk: answer}, by=p.asesi.user)
    assert {e.code for e in exc.value.error_list} == {code}
    row.refresh_from_db()
    assert row.jawaban == ""


def test_apl02_evidence_must_be_a_document_of_this_application():
    p, other = permohonan_draft(), permohonan_draft()
    row = AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p).first()
    foreign = other.dokumen.first()
    with pytest.raises(ValidationError) as exc:
        services.asesmen_mandiri_save(
            permohonan=p, answers={row.pk: {"jawaban": "K", "bukti": [foreign.pk]}}, by=p.asesi.user
        )
    assert {e.code for e in exc.value.error_list} == {"bukti_invalid"}
    other_row = AsesmenMandiri.objects.filter(permohonan_unit__permohonan=other).first()
    with pytest.raises(ValidationError):
        services.asesmen_mandiri_save(permohonan=p, answers={other_row.pk: {"jawaban": "BK"}}, by=p.asesi.user)
    other_row.refresh_from_db()
    assert other_row.jawaban == ""


@pytest.mark.parametrize(
    "status, editable",
    [(Status.DRAFT, True), (Status.DIAJUKAN, True), (Status.DIKEMBALIKAN, True), (Status.DITERIMA, True),
     (Status.DITOLAK, False), (Status.DIJADWALKAN, False), (Status.DIASES, False), (Status.BERSERTIFIKAT, False)],
)
def test_apl02_editable_until_scheduled(status, editable):
    from .factories import force_status

    p = force_status(permohonan_draft(), status)
    row = AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p).first()
    answers = {row.pk: {"jawaban": "BK"}}
    if editable:
        services.asesmen_mandiri_save(permohonan=p, answers=answers, by=p.asesi.user)
    else:
        with pytest.raises(ValidationError) as exc:
            services.asesmen_mandiri_save(permohonan=p, answers=answers, by=p.asesi.user)
        assert exc.value.code == "apl02_locked"


# --- verification -------------------------------------------------------------------------------------


def test_return_fix_and_resubmit_keeps_everything(django_capture_on_commit_callbacks):
    admin = admin_user()
    p = permohonan_draft()
    apl02_fill(p)
    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    item = p.persyaratan.first()
    with django_capture_on_commit_callbacks(execute=True):
        services.permohonan_verify(
            permohonan=p, hasil={item.pk: (HasilVerifikasi.ADA_TIDAK_MEMENUHI, "Buram")},
            keputusan=Status.DIKEMBALIKAN, catatan="Unggah ulang ijazah", by=admin,
        )
    p.refresh_from_db()
    assert p.status == Status.DIKEMBALIKAN
    item.refresh_from_db()
    assert (item.hasil, item.catatan, item.diverifikasi_oleh) == ("ada_tidak_memenuhi", "Buram", admin)
    assert AuditLog.objects.get(action="permohonan.verify").data["hasil"][str(item.pk)] == "ada_tidak_memenuhi"
    docs_before = set(p.dokumen.values_list("pk", flat=True))
    rows = AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p)
    answers_before = list(rows.values_list("jawaban", flat=True))

    services.dokumen_upload(permohonan=p, berkas=pdf("ijazah-jelas.pdf"), persyaratan=item, by=p.asesi.user)
    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    p.refresh_from_db()
    assert p.status == Status.DIAJUKAN
    assert docs_before < set(p.dokumen.values_list("pk", flat=True))
    assert list(rows.values_list("jawaban", flat=True)) == answers_before
    verify(p, admin)
    p.refresh_from_db()
    assert p.status == Status.DITERIMA
    assert [r.ke for r in p.riwayat.all()] == ["draft", "diajukan", "dikembalikan", "diajukan", "diterima"]


def test_verification_is_all_or_nothing():
    admin = admin_user()
    p = permohonan_draft()
    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    item = p.persyaratan.first()
    with pytest.raises(ValidationError) as exc:  # accept while a requirement is not met
        services.permohonan_verify(
            permohonan=p, hasil={item.pk: (HasilVerifikasi.TIDAK_ADA, "Tidak ada")}, keputusan=Status.DITERIMA,
            by=admin,
        )
    assert exc.value.code == "persyaratan_not_met"
    item.refresh_from_db()
    assert item.hasil == "" and item.diverifikasi_oleh is None
    assert not AuditLog.objects.filter(action="permohonan.verify").exists()


@pytest.mark.parametrize("keputusan", ["draft", "bersertifikat", "apa saja"])
def test_verification_decision_must_be_one_of_three(keputusan):
    p = permohonan_draft()
    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    with pytest.raises(ValidationError) as exc:
        services.permohonan_verify(permohonan=p, hasil={}, keputusan=keputusan, catatan="x", by=admin_user())
    assert exc.value.code == "transition_not_allowed"


def test_verification_rejects_foreign_persyaratan_and_unknown_results():
    p, other = permohonan_draft(), permohonan_draft()
    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    with pytest.raises(ValidationError) as exc:
        services.permohonan_verify(
            permohonan=p, hasil={other.persyaratan.first().pk: ("ada_memenuhi", "")}, keputusan=Status.DIKEMBALIKAN,
            catatan="x", by=admin_user(),
        )
    assert exc.value.code == "persyaratan_invalid"
    with pytest.raises(ValidationError) as exc:
        services.permohonan_verify(
            permohonan=p, hasil={p.persyaratan.first().pk: ("lumayan", "")}, keputusan=Status.DIKEMBALIKAN,
            catatan="x", by=admin_user(),
        )
    assert exc.value.code == "hasil_invalid"


def test_verification_by_non_admin_is_refused():
    p = permohonan_draft()
    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    with pytest.raises(ValidationError) as exc:
        verify(p, UserFactory(roles=("komite",)))
    assert exc.value.code == "transition_role"


# --- import -------------------------------------------------------------------------------------------


def test_import_service_requires_admin():
    with pytest.raises(PermissionDenied):
        services.asesi_import(rows=[], by=AsesiProfileFactory().user)


def test_import_is_all_or_nothing_when_a_row_fails_at_write_time():
    from asesi.imports import ImportRow

    AsesiProfileFactory(nik="3201234567890009")
    rows = [
        ImportRow(2, "satu", {**PROFILE, "nik": "3201234567890008", "email": "satu@example.test",
                              "nama_lengkap": "Satu"}),
        ImportRow(3, "dua", {**PROFILE, "nik": "3201234567890009", "email": "dua@example.test",
                             "nama_lengkap": "Dua"}),
    ]
    with pytest.raises(ValidationError) as exc:
        services.asesi_import(rows=rows, by=admin_user())
    assert exc.value.code == "import_row" and "Baris 3" in exc.value.messages[0]
    assert not User.objects.filter(username__in=["satu", "dua"]).exists()


def test_email_confirmed_time_is_set_by_the_server():
    profil = register()
    before = timezone.now()
    services.asesi_email_confirm(token=services.email_confirmation_token(profil))
    profil.refresh_from_db()
    assert profil.email_dikonfirmasi_pada >= before
