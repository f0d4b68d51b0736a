"""FR.VA services on Postgres: the recorded, reproducible draw over a real scope, impartiality, findings,
conclusions, follow-ups and the signed report — each with its audit row, every refusal coded."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from asesmen import services
from asesmen.domain_validasi import AuditAction, StatusSampel, StatusTindakLanjut
from asesmen.models import RekamanAsesmen, SampelRekaman, SampelValidasi, TemuanValidasi
from lsp.models import AuditLog
from tests.asesi.factories import admin_user
from tests.factories import UserFactory

from .pelaksanaan_factories import signature_png
from .test_services import codes
from .validasi_factories import submitted, validator

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_asesors():
    admin = admin_user(username="admin_va")
    a = submitted(n_asesi=3, admin=admin)
    b = submitted(n_asesi=1, admin=admin)
    return {"admin": admin, "a": a, "b": b, "validator": validator(username="val")}


def _draw(by, **kwargs):
    today = timezone.localdate()
    return services.sampel_draw(by=by, **{"dari": today, "sampai": today, "persen": 10, **kwargs})


def test_draw_records_who_when_scope_share_seed_and_the_records(two_asesors):
    v = two_asesors["validator"]
    sampel = _draw(v, seed="demo-1")
    items = list(SampelRekaman.objects.filter(sampel=sampel).select_related("rekaman__peserta"))
    # 10 % of 4 is 1, but both asesors assessed: one record of each
    assert len(items) == 2 and sampel.jumlah_kandidat == 4
    assert {i.asesor_id for i in items} == {two_asesors["a"]["asesor"].pk, two_asesors["b"]["asesor"].pk}
    assert all(i.asesor_id == i.rekaman.peserta.asesor_id for i in items)
    assert (sampel.validator, sampel.persen, sampel.seed, sampel.status) == (v, 10, "demo-1", StatusSampel.DIVALIDASI)
    log = AuditLog.objects.get(action=AuditAction.SAMPEL_DRAW)
    assert log.actor == v and log.data["seed"] == "demo-1"
    assert sorted(log.data["rekaman"]) == sorted(i.rekaman_id for i in items)


def test_same_seed_and_scope_give_the_same_sample_a_blank_seed_gets_a_new_one(two_asesors):
    v = two_asesors["validator"]
    first = _draw(v, seed="ulang", persen=50)
    again = _draw(v, seed="ulang", persen=50)
    ids = lambda s: sorted(s.rekaman.values_list("rekaman_id", flat=True))  # noqa: E731
    assert ids(first) == ids(again) and len(ids(first)) == 2
    fresh = _draw(v, seed="")
    assert fresh.seed and fresh.seed != "ulang"


def test_scope_by_skema_asesor_and_period(two_asesors):
    v, a, b = two_asesors["validator"], two_asesors["a"], two_asesors["b"]
    by_skema = _draw(v, skema=b["skema"], persen=100)
    assert set(by_skema.rekaman.values_list("rekaman_id", flat=True)) == {r.pk for r in b["rekaman"]}
    by_asesor = _draw(v, asesor=a["asesor"], persen=100)
    assert set(by_asesor.rekaman.values_list("rekaman_id", flat=True)) == {r.pk for r in a["rekaman"]}
    # a record submitted yesterday is outside today's period; the last day of a period is included
    RekamanAsesmen.objects.filter(pk=b["rekaman"][0].pk).update(diajukan_pada=timezone.now() - timedelta(days=1))
    today = timezone.localdate()
    assert _draw(v, persen=100).jumlah_kandidat == 3
    assert _draw(v, persen=100, dari=today - timedelta(days=1), sampai=today - timedelta(days=1)).jumlah_kandidat == 1


def test_empty_scope_is_a_clear_error_and_records_nothing(two_asesors):
    v = two_asesors["validator"]
    long_ago = timezone.localdate() - timedelta(days=400)
    with pytest.raises(ValidationError) as exc:
        _draw(v, dari=long_ago, sampai=long_ago)
    assert codes(exc.value) == ["sampel_kosong"]
    assert not SampelValidasi.objects.exists() and not AuditLog.objects.filter(action=AuditAction.SAMPEL_DRAW).exists()


def test_reversed_period_and_bad_share_are_field_errors(two_asesors):
    v = two_asesors["validator"]
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        _draw(v, dari=today, sampai=today - timedelta(days=1))
    assert exc.value.error_dict.keys() == {"sampai"}
    with pytest.raises(ValidationError) as exc:
        _draw(v, persen=0)
    assert exc.value.error_dict.keys() == {"persen"}


def test_only_a_validator_draws(two_asesors):
    with pytest.raises(ValidationError) as exc:
        _draw(two_asesors["admin"])
    assert codes(exc.value) == ["bukan_validator"]


def test_a_validator_who_is_also_an_asesor_never_draws_or_validates_their_own_record(two_asesors):
    a = two_asesors["a"]
    asesor_user = a["asesor"].user
    asesor_user.groups.add(*UserFactory(roles=("validator",)).groups.all())
    asesor_user = type(asesor_user).objects.get(pk=asesor_user.pk)
    sampel = _draw(asesor_user, persen=100)
    assert set(sampel.rekaman.values_list("rekaman_id", flat=True)) == {r.pk for r in two_asesors["b"]["rekaman"]}
    # and if one of their records ends up in their sample anyway, the services refuse it
    own = SampelRekaman.objects.create(sampel=sampel, rekaman=a["rekaman"][0], asesor=a["asesor"])
    for call in (
        lambda: services.temuan_add(item=own, aspek="valid", memenuhi=True, uraian="x", by=asesor_user),
        lambda: services.kesimpulan_save(item=own, kesimpulan="sesuai", by=asesor_user),
    ):
        with pytest.raises(ValidationError) as exc:
            call()
        assert codes(exc.value) == ["validator_menilai_sendiri"]
    assert not TemuanValidasi.objects.exists()


@pytest.fixture
def drawn(two_asesors):
    v = two_asesors["validator"]
    sampel = _draw(v, seed="x")
    items = list(sampel.rekaman.order_by("pk"))
    return {**two_asesors, "sampel": sampel, "items": items, "item": items[0], "v": v}


def test_finding_conclusion_and_follow_up_are_audited(drawn):
    v, item, admin = drawn["v"], drawn["item"], drawn["admin"]
    temuan = services.temuan_add(item=item, aspek="bukti_terkini", memenuhi=False, uraian="Bukti 2019.", by=v)
    assert AuditLog.objects.filter(action=AuditAction.TEMUAN_ADD, object_id=str(item.pk)).exists()
    tl = services.tindak_lanjut_add(temuan=temuan, uraian="Minta bukti terbaru.", penanggung_jawab=admin,
                                    batas=timezone.localdate() + timedelta(days=14), by=v)
    assert tl.status == StatusTindakLanjut.TERBUKA
    services.kesimpulan_save(item=item, kesimpulan="catatan", catatan="Bukti perlu diperbarui.", by=v)
    item.refresh_from_db()
    assert item.kesimpulan == "catatan" and item.disimpulkan_pada
    services.tindak_lanjut_close(tindak_lanjut=tl, catatan="Bukti 2026 diterima.", by=v)
    tl.refresh_from_db()
    assert tl.status == StatusTindakLanjut.SELESAI and tl.ditutup_oleh == v and tl.ditutup_pada
    with pytest.raises(ValidationError) as exc:
        services.tindak_lanjut_close(tindak_lanjut=tl, catatan="lagi", by=v)
    assert codes(exc.value) == ["tindak_lanjut_selesai"]
    actions = set(AuditLog.objects.values_list("action", flat=True))
    assert {AuditAction.KESIMPULAN_SAVE, AuditAction.TINDAK_LANJUT_ADD, AuditAction.TINDAK_LANJUT_CLOSE} <= actions


def test_follow_up_owner_due_date_and_text_are_checked(drawn):
    v, item = drawn["v"], drawn["item"]
    temuan = services.temuan_add(item=item, aspek="adil", memenuhi=False, uraian="x", by=v)
    stranger = UserFactory(roles=("asesi",))
    with pytest.raises(ValidationError) as exc:
        services.tindak_lanjut_add(temuan=temuan, uraian=" ", penanggung_jawab=stranger,
                                   batas=timezone.localdate() - timedelta(days=1), by=v)
    assert exc.value.error_dict.keys() == {"uraian", "penanggung_jawab", "batas"}
    # the record's own asesor may own it; due today is allowed
    tl = services.tindak_lanjut_add(temuan=temuan, uraian="Perbaiki.", penanggung_jawab=item.asesor.user,
                                    batas=timezone.localdate(), by=v)
    assert tl.penanggung_jawab == item.asesor.user


def test_conclusion_other_than_sesuai_needs_a_note(drawn):
    with pytest.raises(ValidationError) as exc:
        services.kesimpulan_save(item=drawn["item"], kesimpulan="tidak_sesuai", catatan="", by=drawn["v"])
    assert exc.value.error_dict.keys() == {"catatan"}


def test_another_validator_cannot_touch_the_sample(drawn):
    other = validator(username="val2")
    with pytest.raises(ValidationError) as exc:
        services.temuan_add(item=drawn["item"], aspek="valid", memenuhi=True, uraian="x", by=other)
    assert codes(exc.value) == ["bukan_validator"]


def test_sign_needs_every_conclusion_then_locks_findings_but_not_follow_up_closing(drawn):
    v, sampel = drawn["v"], drawn["sampel"]
    temuan = services.temuan_add(item=drawn["item"], aspek="instrumen", memenuhi=False, uraian="IA.05 kurang.", by=v)
    tl = services.tindak_lanjut_add(temuan=temuan, uraian="Tambah soal.", penanggung_jawab=drawn["admin"],
                                    batas=timezone.localdate() + timedelta(days=7), by=v)
    services.kesimpulan_save(item=drawn["items"][0], kesimpulan="sesuai", by=v)
    with pytest.raises(ValidationError) as exc:
        services.sampel_sign(sampel=sampel, ringkasan="Baik.", ttd=signature_png(), by=v, ip="10.0.0.1")
    assert codes(exc.value) == ["kesimpulan_belum_lengkap"]
    for item in drawn["items"][1:]:
        services.kesimpulan_save(item=item, kesimpulan="sesuai", by=v)
    with pytest.raises(ValidationError) as exc:
        services.sampel_sign(sampel=sampel, ringkasan="Baik.", ttd="", by=v, ip="10.0.0.1")
    assert codes(exc.value) == ["ttd_wajib"]
    signed = services.sampel_sign(sampel=sampel, ringkasan="Proses asesmen valid.", ttd=signature_png(), by=v,
                                  ip="10.0.0.1")
    assert signed.status == StatusSampel.DISAHKAN and signed.disahkan_pada and signed.ttd.name
    assert AuditLog.objects.filter(action=AuditAction.SAMPEL_SIGN, object_id=str(sampel.pk)).exists()
    for call in (
        lambda: services.temuan_add(item=drawn["item"], aspek="valid", memenuhi=True, uraian="x", by=v),
        lambda: services.kesimpulan_save(item=drawn["item"], kesimpulan="sesuai", by=v),
        lambda: services.sampel_sign(sampel=sampel, ringkasan="x", ttd=signature_png(), by=v, ip=None),
    ):
        with pytest.raises(ValidationError) as exc:
            call()
        assert codes(exc.value) == ["sampel_disahkan"]
    services.tindak_lanjut_close(tindak_lanjut=tl, catatan="Soal ditambah.", by=v)
