"""The assessment itself: the asesor records KUK results and instrument answers as they are given (one
small write each, so nothing typed is lost), submits FR.AK.02 signed, which moves the application to
*diases* and, with the asesor's last asesi of the batch, writes the asesor's assessment log. After that
the record is final: only an admin correction with a reason changes it (old and new values in the audit
trail). The asesi takes the IA.05 test online, sends FR.AK.03 and signs; the asesor reviews the process
(FR.AK.06). Admin LSP keeps the bank of instrument items."""

import base64
import binascii

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from asesi.domain import Status as PermohonanStatus
from asesi.services import permohonan_transition
from asesor.services import asesmen_log_record
from lsp.audit import audit_log
from lsp.uploads import safe_original_name, validate_document

from .. import domain_pelaksanaan as rules
from ..domain import MESSAGES as PLAN_MESSAGES
from ..domain import StatusJadwal, assessment_can_start
from ..domain_banding import error as banding_error
from ..domain_banding import overall_verdict_ulang
from ..domain_pelaksanaan import (
    JENIS_BUTIR,
    PENANDATANGAN,
    AuditAction,
    Dokumen,
    HasilKUK,
    JenisButir,
    Pihak,
    StatusRekaman,
    error,
)
from ..models import (
    BuktiKerja,
    ButirInstrumen,
    JawabanButir,
    MapaUnit,
    PenilaianKUK,
    PenilaianUnit,
    PenugasanAsesor,
    PesertaJadwal,
    RekamanAsesmen,
    TandaTangan,
    TinjauanAsesmen,
    UjianTertulis,
    UmpanBalik,
)
from ..selectors import persiapan_of
from ..selectors_banding import units_dibawa_of
from ._common import require_admin
from .persiapan import _open_peserta


def rencana_of(peserta: PesertaJadwal) -> tuple[dict, int]:
    """The plan of one asesi: {unit id: its MapaUnit} for the units applied for that the batch planned,
    and how many units applied for have no plan. In a re-assessment the units an earlier record found K
    are carried over (``selectors_banding.units_dibawa_of``, R47): they are neither planned nor missing."""
    dibawa = set(units_dibawa_of(peserta))
    applied = set(peserta.permohonan.units.exclude(unit=None).values_list("unit_id", flat=True))
    mapa = {
        m.unit_id: m for m in MapaUnit.objects.filter(jadwal_id=peserta.jadwal_id).select_related("unit")
        if m.unit_id not in dibawa
    }
    if not applied:  # an application made before units were copied: every planned unit of the skema
        return mapa, 0
    applied -= dibawa
    return {u: m for u, m in mapa.items() if u in applied}, len(applied - set(mapa))


def _refuse_dibawa(peserta: PesertaJadwal, unit_id: int) -> None:
    """A unit already K in an earlier record is not assessed again (R47): a clear error, not "not planned"."""
    if rekaman_id := units_dibawa_of(peserta).get(unit_id):
        raise banding_error("unit_sudah_kompeten", rekaman=rekaman_id)


def _require_can_start(peserta: PesertaJadwal) -> None:
    """R24: everything planning requires is recorded (``domain.assessment_can_start``)."""
    missing = assessment_can_start(persiapan_of(peserta))
    if missing:
        raise error("belum_dapat_dimulai", alasan=" ".join(str(PLAN_MESSAGES[c]) for c in missing))


def _lock_for_asesor(peserta: PesertaJadwal, by) -> tuple[PesertaJadwal, RekamanAsesmen]:
    """The placement (locked, open, paired with ``by``, ready to start) and its draft record (created on
    the first answer, locked)."""
    locked = _open_peserta(peserta)
    if locked.asesor is None or locked.asesor.user_id != by.pk:
        raise error("bukan_asesor_penugasan")
    _require_can_start(locked)
    RekamanAsesmen.objects.get_or_create(peserta=locked)
    rekaman = RekamanAsesmen.objects.select_for_update().get(peserta=locked)
    if rekaman.final:
        raise error("rekaman_final")
    return locked, rekaman


# --- recording ------------------------------------------------------------------------------------


@transaction.atomic
def kuk_save(*, peserta: PesertaJadwal, kuk, hasil: str, catatan: str = "", bukti: str = "", by) -> PenilaianKUK:
    """The asesor's result for one KUK of a planned unit (K, BK or *penilaian lanjut*), saved as given."""
    locked, rekaman = _lock_for_asesor(peserta, by)
    unit_id = kuk.elemen.unit_id
    _refuse_dibawa(locked, unit_id)
    rencana, _kurang = rencana_of(locked)
    if unit_id not in rencana:
        raise error("unit_bukan_rencana")
    if hasil not in HasilKUK.values:
        raise ValidationError({"hasil": error("hasil_kuk_invalid")})
    row = PenilaianKUK.objects.filter(rekaman=rekaman, kuk=kuk).first()
    before = row.hasil if row else ""
    values = {"hasil": hasil, "catatan": (catatan or "").strip(), "bukti": (bukti or "").strip()[:255]}
    if row is None:
        row = PenilaianKUK.objects.create(rekaman=rekaman, unit_id=unit_id, kuk=kuk, **values)
    elif (row.hasil, row.catatan, row.bukti) != tuple(values.values()):
        for field, value in values.items():
            setattr(row, field, value)
        row.save(update_fields=[*values, "updated_at"])
    else:
        return row
    audit_log(actor=by, action=AuditAction.KUK_SAVE, obj=rekaman, from_state=before, to_state=hasil,
              data={"kuk": kuk.pk, "unit": unit_id})
    return row


@transaction.atomic
def jawaban_save(*, peserta: PesertaJadwal, butir: ButirInstrumen, jawaban: str = "", penilaian: str = "",
                 catatan: str = "", vatm=None, by) -> JawabanButir:
    """The answer noted and the asesor's judgement of one item, for an instrument the plan chose for the
    item's unit (FR.MAPA.02)."""
    locked, rekaman = _lock_for_asesor(peserta, by)
    _refuse_dibawa(locked, butir.unit_id)
    rencana, _kurang = rencana_of(locked)
    mapa = rencana.get(butir.unit_id)
    if mapa is None:
        raise error("unit_bukan_rencana")
    if butir.instrumen not in mapa.instrumen or not butir.aktif:
        raise error("instrumen_bukan_rencana")
    vatm = {key: bool((vatm or {}).get(key)) for key, _label in rules.VATM} if butir.jenis == JenisButir.VATM else {}
    codes = rules.jawaban_errors(jenis=butir.jenis, penilaian=penilaian or "", vatm=vatm)
    if codes:
        raise ValidationError({"penilaian": error(codes[0])})
    row, _created = JawabanButir.objects.update_or_create(
        rekaman=rekaman, butir=butir,
        defaults={"penilaian": penilaian or "", "catatan": (catatan or "").strip(), "vatm": vatm,
                  **({} if butir.jenis == JenisButir.PILIHAN_GANDA else {"jawaban": (jawaban or "").strip()})},
    )
    audit_log(actor=by, action=AuditAction.JAWABAN_SAVE, obj=rekaman, to_state=row.penilaian,
              data={"butir": butir.pk, "instrumen": butir.instrumen})
    return row


def _units_results(rekaman: RekamanAsesmen, rencana: dict) -> dict:
    from lsp.models import KUK

    results = {unit_id: {} for unit_id in rencana}
    for kuk_id, unit_id in KUK.objects.filter(elemen__unit__in=list(rencana)).values_list("pk", "elemen__unit_id"):
        results[unit_id][kuk_id] = None
    for row in PenilaianKUK.objects.filter(rekaman=rekaman).values("kuk_id", "unit_id", "hasil"):
        if row["unit_id"] in results:
            results[row["unit_id"]][row["kuk_id"]] = row["hasil"]
    return {unit_id: list(by_kuk.values()) for unit_id, by_kuk in results.items()}


@transaction.atomic
def rekaman_submit(*, peserta: PesertaJadwal, tindak_lanjut: str = "", catatan: str = "", ttd: str, by,
                   ip: str | None) -> RekamanAsesmen:
    """Submit FR.AK.02 signed by the asesor: every planned unit decided from its KUK (none open), a
    follow-up for BK. Writes the unit verdicts and the recommendation, moves the application to *diases*,
    and when this was the asesor's last open asesi of the batch, logs the assessment for the asesor
    (once: the log is keyed by batch and asesor). A second submit (another tab) is refused."""
    locked, rekaman = _lock_for_asesor(peserta, by)
    # The asesor's assignment row orders two submits of the same asesor's asesi, so the last one sees the
    # other committed and writes the log (R28).
    PenugasanAsesor.objects.select_for_update().filter(jadwal_id=locked.jadwal_id, asesor_id=locked.asesor_id).first()
    rencana, kurang = rencana_of(locked)
    units = _units_results(rekaman, rencana)
    tindak_lanjut = (tindak_lanjut or "").strip()
    codes = rules.submit_errors(units=units, rencana_kurang=kurang, tindak_lanjut=tindak_lanjut)
    if codes:
        raise ValidationError([error(c) for c in codes])
    verdicts = {unit_id: rules.unit_verdict(results) for unit_id, results in units.items()}
    dibawa = units_dibawa_of(locked)  # a re-assessment: the units already K, carried over (R47)
    PenilaianUnit.objects.bulk_create(
        [PenilaianUnit(rekaman=rekaman, unit_id=unit_id, hasil=v) for unit_id, v in verdicts.items()]
        + [PenilaianUnit(rekaman=rekaman, unit_id=unit_id, hasil=rules.Verdict.K, dibawa_dari_id=dari)
           for unit_id, dari in dibawa.items()]
    )
    rekaman.rekomendasi = overall_verdict_ulang(dinilai=verdicts.values(),
                                                dibawa=[rules.Verdict.K] * len(dibawa))
    rekaman.tindak_lanjut = tindak_lanjut if rekaman.rekomendasi == rules.Verdict.BK else ""
    rekaman.catatan = (catatan or "").strip()
    rekaman.status, rekaman.diajukan_pada, rekaman.diajukan_oleh = StatusRekaman.DIAJUKAN, timezone.now(), by
    rekaman.save()
    _store_signature(peserta=locked, dokumen=Dokumen.AK02, pihak=Pihak.ASESOR, data_url=ttd, by=by, ip=ip)
    data = {"unit": {str(u): v for u, v in verdicts.items()}, "ip": ip}
    if dibawa:
        data["dibawa"] = {str(u): r for u, r in dibawa.items()}
    audit_log(actor=by, action=AuditAction.REKAMAN_SUBMIT, obj=rekaman, from_state=StatusRekaman.DRAF,
              to_state=rekaman.rekomendasi, data=data)
    permohonan_transition(permohonan=locked.permohonan, to=PermohonanStatus.DIASES, by=by,
                          note=f"FR.AK.02: {rekaman.rekomendasi}")
    _log_if_last(locked, by)
    return rekaman


def _log_if_last(peserta: PesertaJadwal, by) -> None:
    jadwal, asesor = peserta.jadwal, peserta.asesor
    mine = PesertaJadwal.objects.filter(jadwal=jadwal, asesor=asesor, aktif=True)
    if mine.exclude(rekaman__status=StatusRekaman.DIAJUKAN).exists():
        return
    asesmen_log_record(
        asesor=asesor, tanggal=timezone.localtime(jadwal.mulai).date(), skema=jadwal.skema,
        jumlah_asesi=mine.count(), sumber_ref=f"asesmen.jadwal:{jadwal.pk}:asesor:{asesor.pk}", by=by,
    )


@transaction.atomic
def rekaman_correct(*, rekaman: RekamanAsesmen, kuk, hasil: str, alasan: str, tindak_lanjut: str = "",
                    by) -> RekamanAsesmen:
    """Admin LSP corrects one KUK result of a submitted record, with a reason. The unit verdicts and the
    recommendation are derived again; the old and new values go to the audit trail (the record's history)."""
    require_admin(by)
    locked = RekamanAsesmen.objects.select_for_update().select_related("peserta__jadwal").get(pk=rekaman.pk)
    alasan = (alasan or "").strip()
    if not locked.final:
        raise error("koreksi_bukan_final")
    if not alasan:
        raise ValidationError({"alasan": error("koreksi_alasan")})
    if hasil not in (HasilKUK.K, HasilKUK.BK):
        raise ValidationError({"hasil": error("hasil_kuk_invalid")})
    rencana, _kurang = rencana_of(locked.peserta)
    unit_id = kuk.elemen.unit_id
    if unit_id not in rencana:
        raise ValidationError({"kuk": error("unit_bukan_rencana")})
    row = PenilaianKUK.objects.filter(rekaman=locked, kuk=kuk).first()
    if row is not None and row.hasil == hasil:
        raise ValidationError({"hasil": error("koreksi_tanpa_perubahan")})
    lama = {"kuk": row.hasil if row else None, "rekomendasi": locked.rekomendasi, "tindak_lanjut": locked.tindak_lanjut,
            "unit": dict(PenilaianUnit.objects.filter(rekaman=locked).values_list("unit_id", "hasil"))}
    if row is None:
        PenilaianKUK.objects.create(rekaman=locked, unit_id=unit_id, kuk=kuk, hasil=hasil)
    else:
        row.hasil = hasil
        row.save(update_fields=["hasil", "updated_at"])
    verdicts = {u: rules.unit_verdict(r) for u, r in _units_results(locked, rencana).items()}
    rekomendasi = rules.overall_verdict(verdicts.values())
    tindak_lanjut = (tindak_lanjut or "").strip() or (locked.tindak_lanjut if rekomendasi == rules.Verdict.BK else "")
    if rekomendasi == rules.Verdict.BK and not tindak_lanjut:
        raise ValidationError({"tindak_lanjut": error("tindak_lanjut_wajib")})
    for u, v in verdicts.items():
        PenilaianUnit.objects.update_or_create(rekaman=locked, unit_id=u, defaults={"hasil": v})
    locked.rekomendasi, locked.tindak_lanjut = rekomendasi, tindak_lanjut if rekomendasi == rules.Verdict.BK else ""
    locked.save(update_fields=["rekomendasi", "tindak_lanjut", "updated_at"])
    baru = {"kuk": hasil, "rekomendasi": rekomendasi, "tindak_lanjut": locked.tindak_lanjut,
            "unit": {u: v for u, v in verdicts.items()}}
    audit_log(actor=by, action=AuditAction.REKAMAN_CORRECT, obj=locked, from_state=lama["rekomendasi"],
              to_state=rekomendasi, note=alasan,
              data={"kuk_id": kuk.pk, "kuk": str(kuk), "lama": _jsonable(lama), "baru": _jsonable(baru)})
    return locked


def _jsonable(values: dict) -> dict:
    return {k: ({str(u): h for u, h in v.items()} if isinstance(v, dict) else v) for k, v in values.items()}


# --- signatures -----------------------------------------------------------------------------------


def decode_signature(data_url: str) -> ContentFile:
    """The PNG a canvas sent as a data URL, checked by its bytes (``lsp.uploads``) and size."""
    prefix = "data:image/png;base64,"
    if not data_url or not data_url.strip():
        raise ValidationError({"ttd": error("ttd_wajib")})
    if not data_url.startswith(prefix) or len(data_url) > rules.TTD_MAKS_BYTES * 4 // 3 + len(prefix) + 4:
        raise ValidationError({"ttd": error("ttd_invalid")})
    try:
        raw = base64.b64decode(data_url[len(prefix):], validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError({"ttd": error("ttd_invalid")}) from None
    upload = ContentFile(raw, name="ttd.png")
    try:
        mime = validate_document(upload)
    except ValidationError:
        raise ValidationError({"ttd": error("ttd_invalid")}) from None
    if mime != "image/png":
        raise ValidationError({"ttd": error("ttd_invalid")})
    return upload


def _side_of(peserta: PesertaJadwal, by) -> str:
    if peserta.permohonan.asesi.user_id == by.pk:
        return Pihak.ASESI
    if peserta.asesor is not None and peserta.asesor.user_id == by.pk:
        return Pihak.ASESOR
    raise error("ttd_bukan_pihak")


def _store_signature(*, peserta, dokumen, pihak, data_url, by, ip) -> TandaTangan:
    upload = decode_signature(data_url)
    if TandaTangan.objects.filter(peserta=peserta, dokumen=dokumen, pihak=pihak).exists():
        raise error("ttd_sudah")
    ttd = TandaTangan(peserta=peserta, dokumen=dokumen, pihak=pihak, oleh=by, ip=ip)
    ttd.gambar.save("ttd.png", upload, save=False)
    ttd.save()
    audit_log(actor=by, action=AuditAction.TTD_SIGN, obj=peserta.permohonan, to_state=f"{dokumen}:{pihak}",
              data={"ip": ip, "peserta": peserta.pk})
    return ttd


def _siap_ditandatangani(peserta: PesertaJadwal, dokumen: str, pihak: str) -> bool:
    if dokumen == Dokumen.AK01:
        ak01 = getattr(peserta, "ak01", None)
        return bool(ak01 and ak01.disetujui)
    if dokumen == Dokumen.AK02:  # the asesor signs when submitting; the asesi after that
        return pihak == Pihak.ASESI and RekamanAsesmen.objects.filter(
            peserta=peserta, status=StatusRekaman.DIAJUKAN).exists()
    if dokumen == Dokumen.AK03:
        return UmpanBalik.objects.filter(peserta=peserta).exists()
    return dokumen == Dokumen.APL02


@transaction.atomic
def tanda_tangan_sign(*, peserta: PesertaJadwal, dokumen: str, ttd: str, by, ip: str | None) -> TandaTangan:
    """The asesi or the paired asesor signs one form of this asesi (a drawn PNG, who, when, address).
    Someone else's form, a form not ready, or a second signature is refused."""
    locked = PesertaJadwal.objects.select_for_update(of=("self",)).select_related(
        "permohonan__asesi", "asesor", "jadwal").get(pk=peserta.pk)
    if dokumen not in Dokumen.values:
        raise error("ttd_belum_siap")
    pihak = _side_of(locked, by)
    if pihak not in PENANDATANGAN[dokumen] or not _siap_ditandatangani(locked, dokumen, pihak):
        raise error("ttd_belum_siap")
    return _store_signature(peserta=locked, dokumen=dokumen, pihak=pihak, data_url=ttd, by=by, ip=ip)


# --- IA.05 online test ----------------------------------------------------------------------------


def ujian_butir(peserta: PesertaJadwal) -> list[ButirInstrumen]:
    """The multiple-choice items of the units whose plan chose IA.05, in order."""
    rencana, _kurang = rencana_of(peserta)
    units = [u for u, m in rencana.items() if "IA.05" in m.instrumen]
    return list(ButirInstrumen.objects.filter(unit__in=units, instrumen="IA.05", aktif=True)
                .order_by("unit__urutan", "urutan", "pk"))


def _lock_for_asesi(peserta: PesertaJadwal, by) -> tuple[PesertaJadwal, RekamanAsesmen]:
    locked = _open_peserta(peserta)
    if locked.permohonan.asesi.user_id != by.pk:
        raise PermissionDenied
    RekamanAsesmen.objects.get_or_create(peserta=locked)
    return locked, RekamanAsesmen.objects.select_for_update().get(peserta=locked)


@transaction.atomic
def ujian_start(*, peserta: PesertaJadwal, by, durasi_menit: int = rules.DURASI_UJIAN_BAWAAN) -> UjianTertulis:
    """The asesi starts the IA.05 test during the running batch; starting again returns the same test."""
    locked, rekaman = _lock_for_asesi(peserta, by)
    existing = UjianTertulis.objects.filter(rekaman=rekaman).first()
    if existing:
        return existing
    now = timezone.now()
    jadwal = locked.jadwal
    if jadwal.status != StatusJadwal.BERJALAN or not jadwal.mulai <= now < jadwal.selesai:
        raise error("ujian_di_luar_jadwal")
    if rekaman.final:
        raise error("ujian_selesai")
    _require_can_start(locked)
    items = ujian_butir(locked)
    if not items:
        raise error("ujian_tidak_ada")
    ujian = UjianTertulis.objects.create(
        rekaman=rekaman, mulai_pada=now, jumlah=len(items),
        batas=rules.ujian_batas(mulai=now, durasi_menit=durasi_menit, jadwal_selesai=jadwal.selesai),
    )
    audit_log(actor=by, action=AuditAction.UJIAN_START, obj=rekaman, data={"batas": ujian.batas.isoformat()})
    return ujian


def _ujian_open(rekaman: RekamanAsesmen) -> UjianTertulis:
    ujian = UjianTertulis.objects.select_for_update().filter(rekaman=rekaman).first()
    if ujian is None:
        raise error("ujian_belum_dimulai")
    code = rules.ujian_answer_error(now=timezone.now(), batas=ujian.batas, selesai=ujian.selesai_pada is not None)
    if code:
        raise error(code)
    return ujian


@transaction.atomic
def ujian_answer(*, peserta: PesertaJadwal, butir: ButirInstrumen, pilihan: str, by) -> JawabanButir:
    """One answer of the IA.05 test, saved as it is chosen; refused after the deadline or hand-in."""
    _locked, rekaman = _lock_for_asesi(peserta, by)
    _ujian_open(rekaman)
    if butir.pk not in {b.pk for b in ujian_butir(_locked)}:
        raise error("pilihan_invalid")
    if pilihan not in list(rules.PILIHAN_HURUF[: len(butir.pilihan)]):
        raise ValidationError({"pilihan": error("pilihan_invalid")})
    row, _created = JawabanButir.objects.update_or_create(rekaman=rekaman, butir=butir, defaults={"pilihan": pilihan})
    return row


@transaction.atomic
def ujian_finish(*, peserta: PesertaJadwal, by) -> UjianTertulis:
    """The asesi hands the test in (also allowed after the deadline): the score against the key is stored."""
    _locked, rekaman = _lock_for_asesi(peserta, by)
    ujian = UjianTertulis.objects.select_for_update().filter(rekaman=rekaman).first()
    if ujian is None:
        raise error("ujian_belum_dimulai")
    if ujian.selesai_pada is not None:
        return ujian
    keys = {b.pk: b.kunci for b in ujian_butir(_locked)}
    answers = dict(
        JawabanButir.objects.filter(rekaman=rekaman, butir__in=list(keys)).values_list("butir_id", "pilihan")
    )
    skor = rules.ujian_skor(answers, keys)
    ujian.selesai_pada, ujian.benar, ujian.jumlah = min(timezone.now(), ujian.batas), skor.benar, skor.jumlah
    ujian.save(update_fields=["selesai_pada", "benar", "jumlah"])
    audit_log(actor=by, action=AuditAction.UJIAN_FINISH, obj=rekaman, data={"benar": skor.benar, "jumlah": skor.jumlah})
    return ujian


# --- FR.AK.03 / FR.AK.06 --------------------------------------------------------------------------


@transaction.atomic
def umpan_balik_submit(*, peserta: PesertaJadwal, jawaban: dict, ttd: str, catatan: str = "", by,
                       ip: str | None) -> UmpanBalik:
    """FR.AK.03: the asesi's feedback once their record is submitted; every question answered; once;
    signed by the asesi with the same drawn signature."""
    locked = PesertaJadwal.objects.select_for_update(of=("self",)).select_related("permohonan__asesi").get(
        pk=peserta.pk)
    if locked.permohonan.asesi.user_id != by.pk:
        raise PermissionDenied
    if not RekamanAsesmen.objects.filter(peserta=locked, status=StatusRekaman.DIAJUKAN).exists():
        raise error("umpan_balik_belum_waktunya")
    if UmpanBalik.objects.filter(peserta=locked).exists():
        raise error("umpan_balik_sudah")
    keys = [key for key, _label in rules.UMPAN_BALIK]
    if any(jawaban.get(key) not in (True, False) for key in keys):
        raise error("umpan_balik_lengkap")
    row = UmpanBalik.objects.create(peserta=locked, jawaban={k: jawaban[k] for k in keys},
                                    catatan=(catatan or "").strip(), ip=ip)
    audit_log(actor=by, action=AuditAction.UMPAN_BALIK_SAVE, obj=locked.permohonan, data={"ip": ip})
    _store_signature(peserta=locked, dokumen=Dokumen.AK03, pihak=Pihak.ASESI, data_url=ttd, by=by, ip=ip)
    return row


@transaction.atomic
def tinjauan_save(*, penugasan: PenugasanAsesor, jawaban: dict, rekomendasi_perbaikan: str = "",
                  by) -> TinjauanAsesmen:
    """FR.AK.06: the assigned asesor reviews the assessment process of the batch (may be revised)."""
    if penugasan.asesor.user_id != by.pk:
        raise error("bukan_asesor_penugasan")
    keys = [key for key, _label in rules.TINJAUAN]
    row, _created = TinjauanAsesmen.objects.update_or_create(
        penugasan=penugasan,
        defaults={"jawaban": {k: bool(jawaban.get(k)) for k in keys},
                  "rekomendasi_perbaikan": (rekomendasi_perbaikan or "").strip()},
    )
    audit_log(actor=by, action=AuditAction.TINJAUAN_SAVE, obj=penugasan.jadwal, data={"penugasan": penugasan.pk})
    return row


# --- the item bank --------------------------------------------------------------------------------


@transaction.atomic
def butir_save(*, unit, instrumen: str, pertanyaan: str, kuk=None, pilihan=None, kunci: str = "",
               acuan: str = "", urutan: int = 1, by, butir: ButirInstrumen | None = None) -> ButirInstrumen:
    """Admin LSP adds (or edits) one item of a unit's instrument bank."""
    require_admin(by)
    jenis = JENIS_BUTIR.get(instrumen, "")
    pilihan = [p.strip() for p in (pilihan or []) if p and p.strip()]
    kunci = (kunci or "").strip().upper()
    codes = rules.butir_errors(jenis=jenis, pertanyaan=pertanyaan or "", pilihan=pilihan, kunci=kunci)
    if kuk is not None and kuk.elemen.unit_id != unit.pk:
        codes.append("butir_kuk")
    if codes:
        field = {"butir_pilihan": "pilihan", "butir_kunci": "kunci", "butir_kuk": "kuk", "butir_jenis": "instrumen"}
        raise ValidationError({field.get(c, "pertanyaan"): error(c) for c in codes})
    is_pg = jenis == JenisButir.PILIHAN_GANDA
    values = {"unit": unit, "kuk": kuk, "instrumen": instrumen, "jenis": jenis, "pertanyaan": pertanyaan.strip(),
              "pilihan": pilihan if is_pg else [], "kunci": kunci if is_pg else "", "acuan": (acuan or "").strip(),
              "urutan": urutan}
    if butir is None:
        butir = ButirInstrumen.objects.create(**values)
    else:
        for field, value in values.items():
            setattr(butir, field, value)
        butir.save()
    audit_log(actor=by, action=AuditAction.BUTIR_SAVE, obj=butir, data={"unit": unit.kode, "instrumen": instrumen})
    return butir


@transaction.atomic
def butir_toggle(*, butir: ButirInstrumen, by) -> ButirInstrumen:
    """Admin LSP takes an item out of use (or back): answers already given keep pointing to it."""
    require_admin(by)
    butir.aktif = not butir.aktif
    butir.save(update_fields=["aktif"])
    audit_log(actor=by, action=AuditAction.BUTIR_SAVE, obj=butir, to_state="aktif" if butir.aktif else "nonaktif")
    return butir


@transaction.atomic
def butir_import(*, unit, uploaded, by) -> list[ButirInstrumen]:
    """Admin LSP imports a unit's items from CSV/XLSX (``domain_pelaksanaan.IMPOR_KOLOM``; "kuk" as
    "<elemen>.<kuk>", "pilihan" separated by "|"). All or nothing: any bad row refuses the whole file
    with every row's reason; items are added after those already in the bank."""
    from django.db.models import Max

    from lsp.importers import read_table
    from lsp.models import KUK

    require_admin(by)
    table = read_table(uploaded)
    kuk_by_nomor = {f"{e}.{k}": pk for pk, e, k in
                    KUK.objects.filter(elemen__unit=unit).values_list("pk", "elemen__urutan", "urutan")}
    items, errors = rules.butir_import_rows(table.header, table.rows, kuk_by_nomor)
    if errors:
        raise ValidationError([
            error("impor_kolom", kolom=col) if code == "impor_kolom" else
            error("impor_kosong") if code == "impor_kosong" else
            error("impor_baris", baris=number, pesan=str(rules.MESSAGES[code]))
            for number, code, col in errors
        ])
    start = dict(ButirInstrumen.objects.filter(unit=unit).values("instrumen").annotate(n=Max("urutan"))
                 .values_list("instrumen", "n"))
    made = ButirInstrumen.objects.bulk_create([
        ButirInstrumen(unit=unit, kuk_id=item["kuk_id"], instrumen=item["instrumen"],
                       jenis=JENIS_BUTIR[item["instrumen"]], urutan=start.get(item["instrumen"], 0) + item["urutan"],
                       pertanyaan=item["pertanyaan"],
                       pilihan=item["pilihan"] if JENIS_BUTIR[item["instrumen"]] == JenisButir.PILIHAN_GANDA else [],
                       kunci=item["kunci"] if JENIS_BUTIR[item["instrumen"]] == JenisButir.PILIHAN_GANDA else "",
                       acuan=item["acuan"])
        for item in items
    ])
    audit_log(actor=by, action=AuditAction.BUTIR_IMPORT, obj=unit, data={"butir": len(made)})
    return made


def unggah_butir(peserta: PesertaJadwal) -> list[ButirInstrumen]:
    """The IA.02 / IA.11 items the asesi may upload work products for (instruments the plan chose)."""
    rencana, _kurang = rencana_of(peserta)
    wanted = [(u, kode) for u, m in rencana.items() for kode in m.instrumen if kode in rules.INSTRUMEN_UNGGAH]
    items = ButirInstrumen.objects.filter(unit__in=[u for u, _k in wanted], instrumen__in=rules.INSTRUMEN_UNGGAH,
                                          aktif=True).order_by("unit__urutan", "instrumen", "urutan", "pk")
    return [b for b in items if (b.unit_id, b.instrumen) in set(wanted)]


@transaction.atomic
def bukti_kerja_upload(*, peserta: PesertaJadwal, butir: ButirInstrumen, berkas, by) -> BuktiKerja:
    """The asesi uploads a work product for an IA.02 / IA.11 item of their plan while the record is a draft."""
    locked, rekaman = _lock_for_asesi(peserta, by)
    if rekaman.final:
        raise error("rekaman_final")
    if butir.pk not in {b.pk for b in unggah_butir(locked)}:
        raise error("bukti_kerja_instrumen")
    if BuktiKerja.objects.filter(rekaman=rekaman, butir=butir).count() >= rules.MAKS_BUKTI_KERJA:
        raise error("bukti_kerja_maks", n=rules.MAKS_BUKTI_KERJA)
    try:
        mime = validate_document(berkas)
    except ValidationError as exc:
        raise ValidationError({"berkas": exc}) from None
    row = BuktiKerja(rekaman=rekaman, butir=butir, nama_asli=safe_original_name(berkas.name), mime=mime,
                     diunggah_oleh=by)
    row.berkas.save(row.nama_asli, berkas, save=False)
    try:
        with transaction.atomic():
            row.save()
    except Exception:
        row.berkas.delete(save=False)
        raise
    audit_log(actor=by, action=AuditAction.BUKTI_KERJA_UPLOAD, obj=rekaman, data={"butir": butir.pk,
                                                                                   "bukti_kerja": row.pk})
    return row


def bukti_kerja_view_record(*, bukti: BuktiKerja, by) -> None:
    """Someone other than the asesi opened a work product (accountability for personal documents)."""
    audit_log(actor=by, action=AuditAction.BUKTI_KERJA_VIEW, obj=bukti.rekaman, data={"bukti_kerja": bukti.pk})
