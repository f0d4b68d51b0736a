"""Master-data services: each write is one transaction with an audit row; rules refuse with codes."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError

from lsp import services
from lsp.domain import ElemenData, UnitData
from lsp.models import KUK, TUK, AuditLog, Elemen, LspProfile, PersyaratanDasar, Skema, UnitKompetensi
from lsp.services import skema as skema_services
from tests.factories import ElemenFactory, KUKFactory, PersyaratanFactory, SkemaFactory, TUKFactory, UnitFactory

pytestmark = pytest.mark.django_db


def last_audit():
    return AuditLog.objects.order_by("-pk").first()


def order(queryset):
    return list(queryset.order_by("urutan").values_list("pk", "urutan"))


# --- skema ---------------------------------------------------------------------------------------
def test_skema_create_writes_audit(admin_lsp):
    skema = services.skema_create(by=admin_lsp, kode=" SKM-01 ", nama="Skema Satu", jenis=Skema.Jenis.OKUPASI)
    assert skema.kode == "SKM-01" and skema.aktif
    entry = last_audit()
    assert (entry.action, entry.actor, entry.target, entry.to_state) == ("skema.create", admin_lsp, skema, "aktif")


def test_skema_kkni_needs_level(admin_lsp):
    with pytest.raises(ValidationError) as exc:
        services.skema_create(by=admin_lsp, kode="SKM-K", nama="K", jenis=Skema.Jenis.KKNI)
    assert exc.value.error_dict["level_kkni"][0].code == "level_kkni_required"
    assert not Skema.objects.exists() and not AuditLog.objects.exists()


@pytest.mark.parametrize(("level", "ok"), [(0, False), (1, True), (9, True), (10, False)])
def test_skema_level_boundaries(admin_lsp, level, ok):
    call = lambda: services.skema_create(  # noqa: E731
        by=admin_lsp, kode=f"SKM-L{level}", nama="K", jenis=Skema.Jenis.KKNI, level_kkni=level
    )
    if ok:
        assert call().level_kkni == level
    else:
        with pytest.raises(ValidationError):
            call()


def test_skema_kode_unique_ignoring_case(admin_lsp):
    SkemaFactory(kode="SKM-TIK-01")
    with pytest.raises(ValidationError) as exc:
        services.skema_create(by=admin_lsp, kode="skm-tik-01", nama="X", jenis=Skema.Jenis.OKUPASI)
    assert exc.value.error_dict["kode"][0].code == "kode_exists"


def test_skema_update_records_changes_and_skips_noop(admin_lsp):
    skema = SkemaFactory(nama="Lama")
    services.skema_update(skema=skema, by=admin_lsp, nama="Baru", bidang="TIK")
    entry = last_audit()
    assert entry.action == "skema.update"
    assert entry.data["changes"] == {"nama": ["Lama", "Baru"], "bidang": ["", "TIK"]}
    count = AuditLog.objects.count()
    services.skema_update(skema=skema, by=admin_lsp, nama="Baru")
    assert AuditLog.objects.count() == count


def test_skema_update_uses_database_values_not_a_mutated_instance(admin_lsp):
    skema = SkemaFactory(nama="Asli")
    skema.nama = "Diubah di memori"  # what a ModelForm does to its instance while validating
    services.skema_update(skema=skema, by=admin_lsp, nama="Diubah di memori")
    assert last_audit().data["changes"]["nama"] == ["Asli", "Diubah di memori"]


def test_skema_activation_states(admin_lsp):
    skema = SkemaFactory()
    services.skema_set_aktif(skema=skema, aktif=False, by=admin_lsp)
    skema.refresh_from_db()
    entry = last_audit()
    assert not skema.aktif
    assert (entry.action, entry.from_state, entry.to_state) == ("skema.deactivate", "aktif", "nonaktif")
    services.skema_set_aktif(skema=skema, aktif=False, by=admin_lsp)  # already: nothing happens
    assert last_audit() == entry
    services.skema_set_aktif(skema=skema, aktif=True, by=admin_lsp)
    assert last_audit().action == "skema.activate"


# --- units, elemen, KUK, persyaratan ---------------------------------------------------------------
def test_unit_create_normalises_code_numbers_and_audits(admin_lsp):
    skema = SkemaFactory()
    first = services.unit_create(skema=skema, kode="j.620100.004.02", judul="Satu", by=admin_lsp)
    second = services.unit_create(skema=skema, kode="J.620100.005.02", judul="Dua", by=admin_lsp)
    assert (first.kode, first.urutan, second.urutan) == ("J.620100.004.02", 1, 2)
    assert last_audit().action == "unit.create" and last_audit().data["skema_id"] == skema.pk


def test_unit_code_unique_per_skema(admin_lsp):
    unit = UnitFactory(kode="J.620100.004.02")
    with pytest.raises(ValidationError) as exc:
        services.unit_create(skema=unit.skema, kode="J.620100.004.02", judul="Lagi", by=admin_lsp)
    assert exc.value.error_dict["kode"][0].code == "unit_exists"
    # another skema may use the same unit
    services.unit_create(skema=SkemaFactory(), kode="J.620100.004.02", judul="Lagi", by=admin_lsp)


def test_unit_bad_code(admin_lsp):
    with pytest.raises(ValidationError) as exc:
        services.unit_create(skema=SkemaFactory(), kode="J620100", judul="X", by=admin_lsp)
    assert exc.value.error_dict["kode"][0].code == "kode_unit"


def test_unit_update(admin_lsp):
    unit = UnitFactory(kode="J.620100.004.02", judul="Lama")
    UnitFactory(skema=unit.skema, kode="J.620100.009.02")
    with pytest.raises(ValidationError):
        services.unit_update(unit=unit, by=admin_lsp, kode="J.620100.009.02", judul="Lama")
    services.unit_update(unit=unit, by=admin_lsp, kode="J.620100.004.02", judul="Baru")
    assert last_audit().data["changes"] == {"judul": ["Lama", "Baru"]}


def test_elemen_and_kuk_numbering_follows_creation(admin_lsp):
    unit = UnitFactory()
    e1 = services.elemen_create(unit=unit, nama="Satu", by=admin_lsp)
    e2 = services.elemen_create(unit=unit, nama="Dua", by=admin_lsp)
    k1 = services.kuk_create(elemen=e2, deskripsi="K1", by=admin_lsp)
    k2 = services.kuk_create(elemen=e2, deskripsi="K2", by=admin_lsp)
    assert (e1.urutan, e2.urutan, k1.urutan, k2.urutan) == (1, 2, 1, 2)
    assert last_audit().action == "kuk.create" and last_audit().data["skema_id"] == unit.skema_id


def test_move_swaps_neighbours_and_stops_at_edges(admin_lsp):
    unit = UnitFactory()
    a, b, c = (ElemenFactory(unit=unit, urutan=n) for n in (1, 2, 3))
    assert services.elemen_move(elemen=c, direction="up", by=admin_lsp) is True
    assert order(unit.elemen.all()) == [(a.pk, 1), (c.pk, 2), (b.pk, 3)]
    assert last_audit().action == "elemen.move"
    count = AuditLog.objects.count()
    assert services.elemen_move(elemen=a, direction="up", by=admin_lsp) is False
    assert services.elemen_move(elemen=b, direction="down", by=admin_lsp) is False
    assert AuditLog.objects.count() == count


def test_move_kuk_units_and_persyaratan(admin_lsp):
    elemen = ElemenFactory()
    k1, k2 = KUKFactory(elemen=elemen, urutan=1), KUKFactory(elemen=elemen, urutan=2)
    services.kuk_move(kuk=k1, direction="down", by=admin_lsp)
    assert order(elemen.kuk.all()) == [(k2.pk, 1), (k1.pk, 2)]
    skema = SkemaFactory()
    u1, u2 = UnitFactory(skema=skema, urutan=1), UnitFactory(skema=skema, urutan=2)
    services.unit_move(unit=u2, direction="up", by=admin_lsp)
    assert order(skema.units.all()) == [(u2.pk, 1), (u1.pk, 2)]
    p1, p2 = PersyaratanFactory(skema=skema, urutan=1), PersyaratanFactory(skema=skema, urutan=2)
    services.persyaratan_move(persyaratan=p2, direction="up", by=admin_lsp)
    assert order(skema.persyaratan.all()) == [(p2.pk, 1), (p1.pk, 2)]


def test_move_repairs_gaps_and_zero(admin_lsp):
    unit = UnitFactory()
    a, b, c = ElemenFactory(unit=unit, urutan=0), ElemenFactory(unit=unit, urutan=5), ElemenFactory(unit=unit, urutan=9)
    services.elemen_move(elemen=c, direction="up", by=admin_lsp)
    assert order(unit.elemen.all()) == [(a.pk, 1), (c.pk, 2), (b.pk, 3)]


def test_delete_cascades_renumbers_and_audits(admin_lsp):
    unit = UnitFactory()
    e1, e2, e3 = (ElemenFactory(unit=unit, urutan=n) for n in (1, 2, 3))
    KUKFactory(elemen=e1, urutan=1)
    services.elemen_delete(elemen=e1, by=admin_lsp)
    assert order(unit.elemen.all()) == [(e2.pk, 1), (e3.pk, 2)]
    assert not KUK.objects.filter(elemen_id=e1.pk).exists()
    entry = last_audit()
    assert entry.action == "elemen.delete" and entry.object_id == str(e1.pk) and entry.object_repr


def test_unit_kuk_persyaratan_delete(admin_lsp):
    skema = SkemaFactory()
    u1, u2 = UnitFactory(skema=skema, urutan=1), UnitFactory(skema=skema, urutan=2)
    kuk = KUKFactory(elemen=ElemenFactory(unit=u2), urutan=1)
    KUKFactory(elemen=kuk.elemen, urutan=2)
    services.kuk_delete(kuk=kuk, by=admin_lsp)
    assert list(kuk.elemen.kuk.values_list("urutan", flat=True)) == [1]
    services.unit_delete(unit=u1, by=admin_lsp)
    assert order(skema.units.all()) == [(u2.pk, 1)]
    p = PersyaratanFactory(skema=skema, urutan=1)
    services.persyaratan_delete(persyaratan=p, by=admin_lsp)
    assert not PersyaratanDasar.objects.exists()
    assert [a.action for a in AuditLog.objects.order_by("pk")] == ["kuk.delete", "unit.delete", "persyaratan.delete"]


def test_delete_refused_when_protected(admin_lsp, monkeypatch):
    unit = UnitFactory()
    ElemenFactory(unit=unit, urutan=1)

    def protected(self, *args, **kwargs):
        raise ProtectedError("dipakai", {unit})

    monkeypatch.setattr(UnitKompetensi, "delete", protected)
    with pytest.raises(ValidationError) as exc:
        services.unit_delete(unit=unit, by=admin_lsp)
    assert exc.value.code == "protected"
    assert "unit kompetensi" in exc.value.messages[0]
    assert UnitKompetensi.objects.filter(pk=unit.pk).exists()
    assert not AuditLog.objects.exists()  # the audit row rolled back with the refusal


def test_persyaratan_create_update(admin_lsp):
    skema = SkemaFactory()
    item = services.persyaratan_create(skema=skema, deskripsi=" Ijazah SMK ", wajib=True, by=admin_lsp)
    assert (item.deskripsi, item.urutan) == ("Ijazah SMK", 1)
    services.persyaratan_update(persyaratan=item, by=admin_lsp, deskripsi="Ijazah SMK", wajib=False)
    assert last_audit().data["changes"] == {"wajib": [True, False]}


# --- import --------------------------------------------------------------------------------------
def tree():
    return [
        UnitData("J.620100.004.02", "Satu", 2, [ElemenData("E1", ["K1", "K2"]), ElemenData("E2", ["K3"])]),
        UnitData("J.620100.005.02", "Dua", 5, [ElemenData("E1", ["K1"])]),
    ]


def test_import_writes_tree_after_existing_units_and_one_audit_row(admin_lsp):
    skema = SkemaFactory()
    UnitFactory(skema=skema, urutan=1, kode="J.1.1")
    counts = services.skema_import_units(skema=skema, units=tree(), by=admin_lsp, filename="C:\\x\\unit.csv")
    assert counts == {"unit": 2, "elemen": 3, "kuk": 4}
    units = list(skema.units.order_by("urutan"))
    assert [(u.kode, u.urutan) for u in units] == [("J.1.1", 1), ("J.620100.004.02", 2), ("J.620100.005.02", 3)]
    first = units[1]
    assert [(e.urutan, e.nama) for e in first.elemen.order_by("urutan")] == [(1, "E1"), (2, "E2")]
    assert list(first.elemen.get(urutan=1).kuk.order_by("urutan").values_list("urutan", "deskripsi")) == [
        (1, "K1"), (2, "K2")
    ]
    entry = last_audit()
    assert (entry.action, entry.target, entry.data["kuk"]) == ("skema.import", skema, 4)
    assert AuditLog.objects.count() == 1


def test_import_refuses_units_added_meanwhile_and_writes_nothing(admin_lsp):
    skema = SkemaFactory()
    UnitFactory(skema=skema, kode="J.620100.005.02")
    with pytest.raises(ValidationError) as exc:
        services.skema_import_units(skema=skema, units=tree(), by=admin_lsp)
    assert exc.value.code == "unit_exists"
    assert skema.units.count() == 1 and not Elemen.objects.exclude(unit__skema=skema).exists()
    assert not AuditLog.objects.exists()


def test_import_nothing(admin_lsp):
    with pytest.raises(ValidationError) as exc:
        services.skema_import_units(skema=SkemaFactory(), units=[], by=admin_lsp)
    assert exc.value.code == "no_rows"


# --- TUK and profile -----------------------------------------------------------------------------
def test_tuk_create_update_status(admin_lsp):
    tuk = services.tuk_create(by=admin_lsp, kode="TUK-01", nama="Lab", jenis=TUK.Jenis.MANDIRI, alamat="Jl. A")
    assert last_audit().action == "tuk.create"
    with pytest.raises(ValidationError) as exc:
        services.tuk_create(by=admin_lsp, kode="tuk-01", nama="Lain", jenis=TUK.Jenis.SEWAKTU, alamat="Jl. B")
    assert exc.value.error_dict["kode"][0].code == "kode_exists"
    services.tuk_update(tuk=tuk, by=admin_lsp, kota="Surabaya")
    assert last_audit().data["changes"] == {"kota": ["", "Surabaya"]}
    services.tuk_set_aktif(tuk=tuk, aktif=False, by=admin_lsp)
    assert (last_audit().action, last_audit().to_state) == ("tuk.deactivate", "nonaktif")


def test_tuk_unknown_field_is_a_programming_error(admin_lsp):
    with pytest.raises(TypeError):
        services.tuk_update(tuk=TUKFactory(), by=admin_lsp, aktif=False)


PROFILE = dict(
    nama="LSP Uji", nomor_lisensi="BNSP-LSP-1565-ID", kode_lsp="", alamat="Jl. Uji 1", telepon="", email="",
    website="", penandatangan_nama="Ir. Ketua", penandatangan_jabatan="Ketua LSP",
)
PNG_1PX = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_profile_created_then_updated_with_kode_from_lisensi(admin_lsp):
    profile = services.lsp_profile_update(by=admin_lsp, **PROFILE)
    assert profile.pk == 1 and profile.kode_lsp == "1565"
    assert last_audit().action == "lsp_profile.create"
    services.lsp_profile_update(by=admin_lsp, **{**PROFILE, "nama": "LSP Baru"})
    assert LspProfile.objects.get().nama == "LSP Baru"
    assert last_audit().action == "lsp_profile.update"


def test_profile_bad_lisensi(admin_lsp):
    with pytest.raises(ValidationError) as exc:
        services.lsp_profile_update(by=admin_lsp, **{**PROFILE, "nomor_lisensi": "LSP-1565"})
    assert exc.value.error_dict["nomor_lisensi"][0].code == "nomor_lisensi"
    assert not LspProfile.objects.exists()


def test_profile_logo_gets_an_unguessable_name(admin_lsp):
    logo = SimpleUploadedFile("../../logo saya.png", PNG_1PX, content_type="image/png")
    profile = services.lsp_profile_update(by=admin_lsp, logo=logo, **PROFILE)
    assert profile.logo.name.startswith("lsp/logo/logo-") and profile.logo.name.endswith(".png")
    assert "saya" not in profile.logo.name
    services.lsp_profile_update(by=admin_lsp, hapus_logo=True, **PROFILE)
    assert not LspProfile.objects.get().logo


def test_lost_race_on_unique_kode_is_a_validation_error(admin_lsp, monkeypatch):
    SkemaFactory(kode="SKM-RACE")
    # the checks did not see the other row (it was committed in between): the database refuses it
    monkeypatch.setattr(skema_services, "_check_skema", lambda skema: None)
    monkeypatch.setattr(Skema, "validate_unique", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as exc:
        services.skema_create(by=admin_lsp, kode="SKM-RACE", nama="X", jenis=Skema.Jenis.OKUPASI)
    assert exc.value.code == "conflict"
    assert Skema.objects.count() == 1 and not AuditLog.objects.exists()


# --- the service is the validator: what a form would check, the service refuses by itself -------
@pytest.mark.parametrize(("masa", "ok"), [(0, False), (1, True), (10, True), (11, False)])
def test_skema_validity_years_boundaries_in_the_service(admin_lsp, masa, ok):
    call = lambda: services.skema_create(  # noqa: E731
        by=admin_lsp, kode=f"SKM-M{masa}", nama="M", jenis=Skema.Jenis.OKUPASI, masa_berlaku_tahun=masa
    )
    if ok:
        assert call().masa_berlaku_tahun == masa
    else:
        with pytest.raises(ValidationError) as exc:
            call()
        assert "masa_berlaku_tahun" in exc.value.error_dict
        assert not Skema.objects.exists()


@pytest.mark.parametrize("level", [0, 10])
def test_skema_level_refusal_is_a_field_error_in_indonesian(admin_lsp, level):
    with pytest.raises(ValidationError) as exc:
        services.skema_create(by=admin_lsp, kode="SKM-L", nama="K", jenis=Skema.Jenis.KKNI, level_kkni=level)
    assert exc.value.message_dict["level_kkni"] == ["Jenjang KKNI antara 1 dan 9."]


def test_profile_kode_lsp_digits_only_and_lisensi_in_capitals_in_the_service(admin_lsp):
    with pytest.raises(ValidationError) as exc:
        services.lsp_profile_update(by=admin_lsp, **{**PROFILE, "kode_lsp": "15A"})
    assert exc.value.error_dict["kode_lsp"][0].code == "kode_lsp"
    assert not LspProfile.objects.exists()
    profile = services.lsp_profile_update(by=admin_lsp, **{**PROFILE, "nomor_lisensi": " bnsp-lsp-1565-id "})
    assert profile.nomor_lisensi == "BNSP-LSP-1565-ID"
