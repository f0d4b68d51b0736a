"""The assessment services: recording, submit (with its effects), immutability and corrections, the IA.05
test, feedback and signatures — and every piece of bad input refused with nothing lost."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from asesi.domain import Status as PermohonanStatus
from asesmen import services
from asesmen.domain_pelaksanaan import Dokumen, Pihak, StatusRekaman, Verdict
from asesmen.models import (
    Jadwal,
    JawabanButir,
    PenilaianKUK,
    PenilaianUnit,
    RekamanAsesmen,
    TandaTangan,
    UjianTertulis,
    UmpanBalik,
)
from asesor.models import RiwayatAsesmen
from lsp.models import AuditLog
from tests.asesi.factories import admin_user
from tests.factories import skema_with_units

from .pelaksanaan_factories import assess_all, butir, kuk_of, signature_png, started
from .test_services import codes

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx():
    return started()


def _submit(p, by, **kwargs):
    return services.rekaman_submit(peserta=p, ttd=signature_png(), by=by, ip="10.0.0.9", **kwargs)


def test_results_are_saved_as_given_and_audited_on_the_record(ctx):
    p, asesor = ctx["p"], ctx["asesor"].user
    kuk = kuk_of(ctx["skema"])[0]
    services.kuk_save(peserta=p, kuk=kuk, hasil="lanjut", catatan="Perlu bukti lagi", by=asesor)
    services.kuk_save(peserta=p, kuk=kuk, hasil="K", bukti="Foto hasil kerja", by=asesor)
    row = PenilaianKUK.objects.get(rekaman__peserta=p, kuk=kuk)
    assert (row.hasil, row.bukti, row.unit_id) == ("K", "Foto hasil kerja", kuk.elemen.unit_id)
    trail = AuditLog.objects.filter(action="penilaian_kuk.save", object_id=str(row.rekaman_id)).order_by("pk")
    assert [(a.from_state, a.to_state) for a in trail] == [("", "lanjut"), ("lanjut", "K")]


def test_nothing_is_recorded_before_the_assessment_may_start():
    c = started(start=False)
    with pytest.raises(ValidationError) as exc:
        services.kuk_save(peserta=c["p"], kuk=kuk_of(c["skema"])[0], hasil="K", by=c["asesor"].user)
    assert codes(exc.value) == ["belum_dapat_dimulai"]
    assert not RekamanAsesmen.objects.exists()


def test_only_the_paired_asesor_records(ctx):
    other = started()
    with pytest.raises(ValidationError) as exc:
        services.kuk_save(peserta=ctx["p"], kuk=kuk_of(ctx["skema"])[0], hasil="K", by=other["asesor"].user)
    assert codes(exc.value) == ["bukan_asesor_penugasan"]


def test_a_kuk_of_a_unit_outside_the_plan_is_refused(ctx):
    foreign = kuk_of(skema_with_units(n_units=1, n_elemen=1, n_kuk=1))[0]
    with pytest.raises(ValidationError) as exc:
        services.kuk_save(peserta=ctx["p"], kuk=foreign, hasil="K", by=ctx["asesor"].user)
    assert codes(exc.value) == ["unit_bukan_rencana"]


def test_a_result_other_than_k_bk_or_lanjut_is_refused(ctx):
    with pytest.raises(ValidationError) as exc:
        services.kuk_save(peserta=ctx["p"], kuk=kuk_of(ctx["skema"])[0], hasil="lulus", by=ctx["asesor"].user)
    assert codes(exc.value) == ["hasil_kuk_invalid"]


def test_an_item_answer_is_judged_by_its_type_and_only_for_a_planned_instrument():
    c = started(instrumen=["IA.01", "IA.07", "IA.08"])
    p, asesor = c["p"], c["asesor"].user
    unit = c["skema"].units.first()
    lisan = butir(unit, "IA.07")
    services.jawaban_save(peserta=p, butir=lisan, jawaban="Menjelaskan langkah", penilaian="memadai", by=asesor)
    assert JawabanButir.objects.get(butir=lisan).jawaban == "Menjelaskan langkah"
    with pytest.raises(ValidationError) as exc:
        services.jawaban_save(peserta=p, butir=lisan, penilaian="K", by=asesor)
    assert codes(exc.value) == ["penilaian_tidak_sesuai"]
    porto = butir(unit, "IA.08")
    with pytest.raises(ValidationError) as exc:
        services.jawaban_save(peserta=p, butir=porto, penilaian="memadai", vatm={"valid": True}, by=asesor)
    assert codes(exc.value) == ["vatm_tidak_lengkap"]
    full = {"valid": True, "asli": True, "terkini": True, "memadai": True}
    assert services.jawaban_save(peserta=p, butir=porto, penilaian="memadai", vatm=full, by=asesor).vatm == full
    esai = butir(unit, "IA.06")
    with pytest.raises(ValidationError) as exc:
        services.jawaban_save(peserta=p, butir=esai, penilaian="memadai", by=asesor)
    assert codes(exc.value) == ["instrumen_bukan_rencana"]


def test_submit_with_a_kuk_open_is_refused_and_keeps_every_answer(ctx):
    p, asesor = ctx["p"], ctx["asesor"].user
    assess_all(p, asesor)
    last = kuk_of(ctx["skema"])[-1]
    services.kuk_save(peserta=p, kuk=last, hasil="lanjut", by=asesor)
    with pytest.raises(ValidationError) as exc:
        _submit(p, asesor)
    assert codes(exc.value) == ["kuk_terbuka"]
    assert PenilaianKUK.objects.filter(rekaman__peserta=p).count() == len(kuk_of(ctx["skema"]))
    assert RekamanAsesmen.objects.get(peserta=p).status == StatusRekaman.DRAF


def test_submit_all_k_makes_the_record_k_final_signed_and_the_application_diases(ctx):
    p, asesor = ctx["p"], ctx["asesor"].user
    assess_all(p, asesor)
    rekaman = _submit(p, asesor)
    assert (rekaman.status, rekaman.rekomendasi) == (StatusRekaman.DIAJUKAN, Verdict.K)
    assert set(PenilaianUnit.objects.filter(rekaman=rekaman).values_list("hasil", flat=True)) == {"K"}
    assert PenilaianUnit.objects.filter(rekaman=rekaman).count() == 2
    p.permohonan.refresh_from_db()
    assert p.permohonan.status == PermohonanStatus.DIASES
    ttd = TandaTangan.objects.get(peserta=p, dokumen=Dokumen.AK02, pihak=Pihak.ASESOR)
    assert (ttd.oleh, ttd.ip) == (asesor, "10.0.0.9")
    assert AuditLog.objects.filter(action="rekaman_asesmen.submit", to_state="K").count() == 1


def test_one_bk_kuk_makes_the_unit_and_the_record_bk_and_needs_a_follow_up(ctx):
    p, asesor = ctx["p"], ctx["asesor"].user
    assess_all(p, asesor)
    services.kuk_save(peserta=p, kuk=kuk_of(ctx["skema"])[-1], hasil="BK", by=asesor)
    with pytest.raises(ValidationError) as exc:
        _submit(p, asesor)
    assert codes(exc.value) == ["tindak_lanjut_wajib"]
    rekaman = _submit(p, asesor, tindak_lanjut="Ulang observasi unit 2")
    assert rekaman.rekomendasi == Verdict.BK
    assert sorted(PenilaianUnit.objects.filter(rekaman=rekaman).values_list("hasil", flat=True)) == ["BK", "K"]


def test_a_second_submit_and_any_later_change_by_the_asesor_are_refused(ctx):
    p, asesor = ctx["p"], ctx["asesor"].user
    assess_all(p, asesor)
    _submit(p, asesor)
    with pytest.raises(ValidationError) as exc:
        _submit(p, asesor)
    assert codes(exc.value) == ["rekaman_final"]
    with pytest.raises(ValidationError) as exc:
        services.kuk_save(peserta=p, kuk=kuk_of(ctx["skema"])[0], hasil="BK", by=asesor)
    assert codes(exc.value) == ["rekaman_final"]
    assert set(PenilaianKUK.objects.filter(rekaman__peserta=p).values_list("hasil", flat=True)) == {"K"}


def test_submit_without_a_drawn_signature_is_refused_and_nothing_changes(ctx):
    p, asesor = ctx["p"], ctx["asesor"].user
    assess_all(p, asesor)
    for bad in ("", "data:image/png;base64,AAAA", "data:image/png;base64,@@", "data:text/html;base64,PGI+"):
        with pytest.raises(ValidationError) as exc:
            services.rekaman_submit(peserta=p, ttd=bad, by=asesor, ip=None)
        assert codes(exc.value)[0] in {"ttd_wajib", "ttd_invalid"}
    assert RekamanAsesmen.objects.get(peserta=p).status == StatusRekaman.DRAF
    assert not TandaTangan.objects.exists()


def test_the_asesor_log_is_written_once_when_the_last_asesi_of_the_batch_is_finished():
    c = started(n_asesi=2)
    asesor = c["asesor"].user
    first, second = c["peserta"]
    assess_all(first, asesor)
    _submit(first, asesor)
    assert not RiwayatAsesmen.objects.exists()
    assess_all(second, asesor)
    _submit(second, asesor)
    entry = RiwayatAsesmen.objects.get()
    assert entry.sumber_ref == f"asesmen.jadwal:{c['jadwal'].pk}:asesor:{c['asesor'].pk}"
    assert entry.jumlah_asesi == 2
    assert entry.asesor == c["asesor"]


def test_an_admin_corrects_a_final_record_with_a_reason_and_the_old_values_stay_in_the_trail(ctx):
    p, asesor, admin = ctx["p"], ctx["asesor"].user, ctx["admin"]
    assess_all(p, asesor)
    rekaman = _submit(p, asesor)
    kuk = kuk_of(ctx["skema"])[0]
    with pytest.raises(PermissionDenied):
        services.rekaman_correct(rekaman=rekaman, kuk=kuk, hasil="BK", alasan="x", tindak_lanjut="y", by=asesor)
    with pytest.raises(ValidationError) as exc:
        services.rekaman_correct(rekaman=rekaman, kuk=kuk, hasil="BK", alasan=" ", tindak_lanjut="y", by=admin)
    assert codes(exc.value) == ["koreksi_alasan"]
    with pytest.raises(ValidationError) as exc:
        services.rekaman_correct(rekaman=rekaman, kuk=kuk, hasil="BK", alasan="Salah catat", by=admin)
    assert codes(exc.value) == ["tindak_lanjut_wajib"]
    with pytest.raises(ValidationError) as exc:
        services.rekaman_correct(rekaman=rekaman, kuk=kuk, hasil="K", alasan="Salah catat", by=admin)
    assert codes(exc.value) == ["koreksi_tanpa_perubahan"]
    services.rekaman_correct(rekaman=rekaman, kuk=kuk, hasil="BK", alasan="Salah catat", tindak_lanjut="Ulang",
                             by=admin)
    rekaman.refresh_from_db()
    assert (rekaman.rekomendasi, rekaman.tindak_lanjut) == (Verdict.BK, "Ulang")
    unit_id = kuk.elemen.unit_id
    assert PenilaianUnit.objects.get(rekaman=rekaman, unit_id=unit_id).hasil == "BK"
    entry = AuditLog.objects.get(action="rekaman_asesmen.correct")
    assert entry.note == "Salah catat" and entry.actor == admin
    assert entry.data["lama"]["kuk"] == "K" and entry.data["baru"]["kuk"] == "BK"
    assert entry.data["lama"]["rekomendasi"] == "K" and entry.data["lama"]["unit"][str(unit_id)] == "K"


def test_a_draft_is_not_corrected_by_an_admin(ctx):
    p = ctx["p"]
    services.kuk_save(peserta=p, kuk=kuk_of(ctx["skema"])[0], hasil="K", by=ctx["asesor"].user)
    with pytest.raises(ValidationError) as exc:
        services.rekaman_correct(rekaman=p.rekaman, kuk=kuk_of(ctx["skema"])[0], hasil="BK", alasan="x",
                                 by=ctx["admin"])
    assert codes(exc.value) == ["koreksi_bukan_final"]


# --- IA.05 ----------------------------------------------------------------------------------------


@pytest.fixture
def ujian_ctx():
    c = started(instrumen=["IA.01", "IA.05"])
    now = timezone.now()
    Jadwal.objects.filter(pk=c["jadwal"].pk).update(mulai=now - timedelta(hours=1), selesai=now + timedelta(hours=4))
    c["p"].jadwal.refresh_from_db()
    unit = c["skema"].units.order_by("urutan").first()
    c["soal"] = [butir(unit, "IA.05", urutan=i, pilihan=["a", "b", "c"], kunci=k) for i, k in ((1, "A"), (2, "C"))]
    return c


def test_the_asesi_takes_the_test_in_their_login_and_the_score_is_evidence(ujian_ctx):
    p = ujian_ctx["p"]
    asesi = p.permohonan.asesi.user
    ujian = services.ujian_start(peserta=p, by=asesi)
    assert services.ujian_start(peserta=p, by=asesi).pk == ujian.pk
    q1, q2 = ujian_ctx["soal"]
    services.ujian_answer(peserta=p, butir=q1, pilihan="B", by=asesi)
    services.ujian_answer(peserta=p, butir=q1, pilihan="A", by=asesi)
    services.ujian_answer(peserta=p, butir=q2, pilihan="B", by=asesi)
    done = services.ujian_finish(peserta=p, by=asesi)
    assert (done.benar, done.jumlah) == (1, 2)
    assert RekamanAsesmen.objects.get(peserta=p).rekomendasi == ""  # the score is not a verdict
    with pytest.raises(ValidationError) as exc:
        services.ujian_answer(peserta=p, butir=q2, pilihan="C", by=asesi)
    assert codes(exc.value) == ["ujian_selesai"]


def test_an_answer_after_the_time_is_up_is_refused_and_the_earlier_answers_stay(ujian_ctx):
    p = ujian_ctx["p"]
    asesi = p.permohonan.asesi.user
    q1, q2 = ujian_ctx["soal"]
    ujian = services.ujian_start(peserta=p, by=asesi)
    services.ujian_answer(peserta=p, butir=q1, pilihan="A", by=asesi)
    UjianTertulis.objects.filter(pk=ujian.pk).update(mulai_pada=timezone.now() - timedelta(hours=2),
                                                     batas=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError) as exc:
        services.ujian_answer(peserta=p, butir=q2, pilihan="C", by=asesi)
    assert codes(exc.value) == ["ujian_waktu_habis"]
    assert list(JawabanButir.objects.filter(rekaman__peserta=p).values_list("pilihan", flat=True)) == ["A"]
    assert services.ujian_finish(peserta=p, by=asesi).benar == 1


def test_someone_else_cannot_take_or_answer_the_test(ujian_ctx):
    p = ujian_ctx["p"]
    with pytest.raises(PermissionDenied):
        services.ujian_start(peserta=p, by=ujian_ctx["asesor"].user)
    with pytest.raises(ValidationError) as exc:
        services.ujian_answer(peserta=p, butir=ujian_ctx["soal"][0], pilihan="A", by=p.permohonan.asesi.user)
    assert codes(exc.value) == ["ujian_belum_dimulai"]
    services.ujian_start(peserta=p, by=p.permohonan.asesi.user)
    for bad in ("E", "", "AB"):
        with pytest.raises(ValidationError) as exc:
            services.ujian_answer(peserta=p, butir=ujian_ctx["soal"][0], pilihan=bad, by=p.permohonan.asesi.user)
        assert codes(exc.value) == ["pilihan_invalid"]


def test_the_test_is_not_open_outside_the_running_batch():
    c = started(instrumen=["IA.05"])
    unit = c["skema"].units.first()
    butir(unit, "IA.05", pilihan=["a", "b"], kunci="A")
    with pytest.raises(ValidationError) as exc:  # the batch runs, but starts in 10 days
        services.ujian_start(peserta=c["p"], by=c["p"].permohonan.asesi.user)
    assert codes(exc.value) == ["ujian_di_luar_jadwal"]


# --- FR.AK.03 and signatures ----------------------------------------------------------------------

FEEDBACK = {k: True for k in ("penjelasan", "kesempatan", "diskusi", "menggali", "bebas", "umpan", "rahasia")}


def test_feedback_after_the_record_is_submitted_complete_and_once(ctx):
    p, asesor = ctx["p"], ctx["asesor"].user
    asesi = p.permohonan.asesi.user
    with pytest.raises(ValidationError) as exc:
        services.umpan_balik_submit(peserta=p, jawaban=FEEDBACK, ttd=signature_png(), by=asesi, ip=None)
    assert codes(exc.value) == ["umpan_balik_belum_waktunya"]
    assess_all(p, asesor)
    _submit(p, asesor)
    with pytest.raises(ValidationError) as exc:
        services.umpan_balik_submit(peserta=p, jawaban={**FEEDBACK, "rahasia": None}, ttd=signature_png(), by=asesi,
                                    ip=None)
    assert codes(exc.value) == ["umpan_balik_lengkap"]
    with pytest.raises(PermissionDenied):
        services.umpan_balik_submit(peserta=p, jawaban=FEEDBACK, ttd=signature_png(), by=asesor, ip=None)
    services.umpan_balik_submit(peserta=p, jawaban=FEEDBACK, catatan="Baik", ttd=signature_png(), by=asesi,
                                ip="10.1.1.1")
    with pytest.raises(ValidationError) as exc:
        services.umpan_balik_submit(peserta=p, jawaban=FEEDBACK, ttd=signature_png(), by=asesi, ip=None)
    assert codes(exc.value) == ["umpan_balik_sudah"]
    assert UmpanBalik.objects.get(peserta=p).ip == "10.1.1.1"
    assert TandaTangan.objects.get(peserta=p, dokumen="AK.03").pihak == "asesi"


def test_feedback_without_a_signature_is_not_kept(ctx):
    p, asesor = ctx["p"], ctx["asesor"].user
    assess_all(p, asesor)
    _submit(p, asesor)
    with pytest.raises(ValidationError) as exc:
        services.umpan_balik_submit(peserta=p, jawaban=FEEDBACK, ttd="", by=p.permohonan.asesi.user, ip=None)
    assert codes(exc.value) == ["ttd_wajib"]
    assert not UmpanBalik.objects.exists()


def test_signatures_only_by_a_party_of_the_form_once_and_when_the_form_is_ready(ctx):
    p, asesor = ctx["p"], ctx["asesor"].user
    asesi = p.permohonan.asesi.user
    stranger = admin_user(username="someone_else")
    with pytest.raises(ValidationError) as exc:
        services.tanda_tangan_sign(peserta=p, dokumen="AK.01", ttd=signature_png(), by=stranger, ip=None)
    assert codes(exc.value) == ["ttd_bukan_pihak"]
    with pytest.raises(ValidationError) as exc:
        services.tanda_tangan_sign(peserta=p, dokumen="AK.02", ttd=signature_png(), by=asesi, ip=None)
    assert codes(exc.value) == ["ttd_belum_siap"]
    services.tanda_tangan_sign(peserta=p, dokumen="AK.01", ttd=signature_png(), by=asesi, ip="10.2.2.2")
    services.tanda_tangan_sign(peserta=p, dokumen="AK.01", ttd=signature_png(), by=asesor, ip="10.3.3.3")
    with pytest.raises(ValidationError) as exc:
        services.tanda_tangan_sign(peserta=p, dokumen="AK.01", ttd=signature_png(), by=asesi, ip=None)
    assert codes(exc.value) == ["ttd_sudah"]
    assert TandaTangan.objects.filter(peserta=p, dokumen="AK.01").count() == 2
    ttd = TandaTangan.objects.get(peserta=p, dokumen="AK.01", pihak="asesi")
    assert ttd.gambar.read()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_item_bank_checks_a_multiple_choice_key(ctx):
    unit = ctx["skema"].units.first()
    with pytest.raises(ValidationError) as exc:
        services.butir_save(unit=unit, instrumen="IA.05", pertanyaan="Q", pilihan=["a", "b"], kunci="D",
                            by=ctx["admin"])
    assert codes(exc.value) == ["butir_kunci"]
    item = services.butir_save(unit=unit, instrumen="IA.05", pertanyaan="Q", pilihan=["a", "b", ""], kunci="b",
                               by=ctx["admin"])
    assert (item.jenis, item.pilihan, item.kunci) == ("pilihan_ganda", ["a", "b"], "B")
    with pytest.raises(PermissionDenied):
        services.butir_save(unit=unit, instrumen="IA.07", pertanyaan="Q", by=ctx["asesor"].user)


def _csv(text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("bank.csv", text.encode(), content_type="text/csv")


def test_the_item_bank_imports_a_file_all_or_nothing_with_each_bad_row_named(ctx):
    from asesmen.models import ButirInstrumen

    unit = ctx["skema"].units.order_by("urutan").first()
    good = ("instrumen;kuk;pertanyaan;pilihan;kunci;acuan\n"
            "IA.05;1.2;Tag tautan?;<a>|<b>|<p>;A;\n"
            "FR.IA.07;;Jelaskan backup;;;Menyebut jadwal\n")
    bad = good + "IA.05;;Tanpa kunci;x|y;;\nIA.07;9.9;KUK asing;;;\n"
    with pytest.raises(ValidationError) as exc:
        services.butir_import(unit=unit, uploaded=_csv(bad), by=ctx["admin"])
    assert codes(exc.value) == ["impor_baris", "impor_baris"]
    assert "Baris 4" in exc.value.messages[0] and "Baris 5" in exc.value.messages[1]
    assert not ButirInstrumen.objects.exists()
    made = services.butir_import(unit=unit, uploaded=_csv(good), by=ctx["admin"])
    assert [(b.instrumen, b.jenis, b.kunci) for b in made] == [("IA.05", "pilihan_ganda", "A"),
                                                                ("IA.07", "memadai", "")]
    assert made[0].kuk.elemen.urutan == 1 and made[0].kuk.urutan == 2 and made[0].pilihan == ["<a>", "<b>", "<p>"]
    with pytest.raises(ValidationError) as exc:
        services.butir_import(unit=unit, uploaded=_csv("kuk;pilihan\n1.1;a\n"), by=ctx["admin"])
    assert codes(exc.value) == ["impor_kolom"]


def test_the_test_waits_for_everything_the_assessment_needs_before_it_starts(ujian_ctx):
    from asesmen.models import PersetujuanAsesmen

    p = ujian_ctx["p"]
    PersetujuanAsesmen.objects.filter(peserta=p).update(asesi_setuju_pada=None)
    with pytest.raises(ValidationError) as exc:
        services.ujian_start(peserta=p, by=p.permohonan.asesi.user)
    assert codes(exc.value) == ["belum_dapat_dimulai"]
    assert not UjianTertulis.objects.exists()
