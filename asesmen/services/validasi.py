"""Validasi asesmen (FR.VA): the validator draws a reproducible sample of submitted records in a scope,
records findings per aspect, a conclusion per record and follow-ups with an owner and a due date, closes
follow-ups, and signs the report; the asesor owning a follow-up marks it done (``tindak_lanjut_selesai``,
R65) and is told when one is assigned to them. One transaction and one audit row per action; the rules are in
``asesmen.domain_validasi``. A validator never touches a record they assessed (checked here, at the draw
and on every finding or conclusion)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lsp.access import user_has_role
from lsp.audit import audit_log
from lsp.roles import Role

from .. import domain_validasi as rules
from ..domain_validasi import AuditAction, Kesimpulan, StatusSampel, StatusTindakLanjut, error
from ..models import SampelRekaman, SampelValidasi, TemuanValidasi, TindakLanjutValidasi
from .pelaksanaan import decode_signature


def _require_validator(by) -> None:
    if not user_has_role(by, Role.VALIDATOR):
        raise error("bukan_validator")


def _lock_sampel(sampel_id: int, by) -> SampelValidasi:
    """The sample row, locked; only its own validator may change it, and not once it is signed."""
    _require_validator(by)
    sampel = SampelValidasi.objects.select_for_update().get(pk=sampel_id)
    if sampel.validator_id != by.pk:
        raise error("bukan_validator")
    return sampel


def _require_open(sampel: SampelValidasi) -> None:
    if sampel.disahkan:
        raise error("sampel_disahkan")


def _require_impartial(item: SampelRekaman, by) -> None:
    rekaman = item.rekaman
    asesor_user = rekaman.peserta.asesor.user_id if rekaman.peserta.asesor_id else None
    if rules.validator_conflict(validator_id=by.pk, assessed_by=[asesor_user, rekaman.diajukan_oleh_id]):
        raise error("validator_menilai_sendiri")


def _item(item: SampelRekaman) -> SampelRekaman:
    return SampelRekaman.objects.select_related("rekaman__peserta__asesor", "asesor__user").get(pk=item.pk)


@transaction.atomic
def sampel_draw(*, by, dari, sampai, persen: int = rules.PERSEN_BAWAAN, seed: str = "", skema=None,
                asesor=None) -> SampelValidasi:
    """Draw and record a sample: the submitted records of the scope the validator did not assess
    (``selectors_validasi.kandidat_validasi``), chosen by ``domain_validasi.draw_sample`` with ``seed``
    (a new one when blank). Refuses an empty scope, a reversed period, a share outside 1–100."""
    from ..selectors_validasi import kandidat_validasi

    _require_validator(by)
    if rules.period_errors(dari, sampai):
        raise ValidationError({"sampai": error("periode_terbalik")})
    seed = (seed or "").strip() or rules.new_seed()
    candidates = list(kandidat_validasi(validator=by, dari=dari, sampai=sampai, skema=skema, asesor=asesor)
                      .values_list("pk", "peserta__asesor_id"))
    try:
        chosen = rules.draw_sample([(pk, a or 0) for pk, a in candidates], persen=persen, seed=seed)
    except ValidationError as exc:
        field = {"persen_rentang": "persen", "seed_invalid": "seed"}.get(exc.code)
        raise ValidationError({field: exc}) if field else exc from None
    asesor_of = dict(candidates)
    sampel = SampelValidasi.objects.create(validator=by, skema=skema, asesor=asesor, dari=dari, sampai=sampai,
                                           persen=persen, seed=seed, jumlah_kandidat=len(candidates))
    SampelRekaman.objects.bulk_create(
        [SampelRekaman(sampel=sampel, rekaman_id=pk, asesor_id=asesor_of[pk]) for pk in chosen])
    audit_log(actor=by, action=AuditAction.SAMPEL_DRAW, obj=sampel, to_state=StatusSampel.DIVALIDASI, data={
        "skema": skema.pk if skema else None, "asesor": asesor.pk if asesor else None, "dari": dari.isoformat(),
        "sampai": sampai.isoformat(), "persen": persen, "seed": seed, "kandidat": len(candidates),
        "rekaman": chosen,
    })
    return sampel


@transaction.atomic
def temuan_add(*, item: SampelRekaman, aspek: str, memenuhi: bool, uraian: str, by) -> TemuanValidasi:
    """A finding on one sampled record against one FR.VA aspect."""
    sampel = _lock_sampel(item.sampel_id, by)
    _require_open(sampel)
    item = _item(item)
    _require_impartial(item, by)
    if aspek not in rules.Aspek.values:
        raise ValidationError({"aspek": error("uraian_wajib")})
    if not (uraian or "").strip():
        raise ValidationError({"uraian": error("uraian_wajib")})
    temuan = TemuanValidasi.objects.create(item=item, aspek=aspek, memenuhi=memenuhi, uraian=uraian.strip(),
                                           dibuat_oleh=by)
    audit_log(actor=by, action=AuditAction.TEMUAN_ADD, obj=item, to_state=aspek,
              data={"temuan": temuan.pk, "memenuhi": memenuhi, "rekaman": item.rekaman_id})
    return temuan


@transaction.atomic
def kesimpulan_save(*, item: SampelRekaman, kesimpulan: str, catatan: str = "", by) -> SampelRekaman:
    """The validator's conclusion on one sampled record (may be changed until the report is signed)."""
    sampel = _lock_sampel(item.sampel_id, by)
    _require_open(sampel)
    item = _item(item)
    _require_impartial(item, by)
    if kesimpulan not in Kesimpulan.values:
        raise ValidationError({"kesimpulan": error("uraian_wajib")})
    if kesimpulan != Kesimpulan.SESUAI and not (catatan or "").strip():
        raise ValidationError({"catatan": error("uraian_wajib")})
    before = item.kesimpulan
    item.kesimpulan, item.catatan, item.disimpulkan_pada = kesimpulan, (catatan or "").strip(), timezone.now()
    item.save(update_fields=["kesimpulan", "catatan", "disimpulkan_pada"])
    audit_log(actor=by, action=AuditAction.KESIMPULAN_SAVE, obj=item, from_state=before, to_state=kesimpulan,
              note=item.catatan, data={"rekaman": item.rekaman_id})
    return item


@transaction.atomic
def tindak_lanjut_add(*, temuan: TemuanValidasi, uraian: str, penanggung_jawab, batas, by,
                      today=None) -> TindakLanjutValidasi:
    """A follow-up of a finding, owned by an admin LSP or the record's asesor, due on ``batas``."""
    from ..selectors_validasi import penanggung_jawab_choices

    sampel = _lock_sampel(temuan.item.sampel_id, by)
    _require_open(sampel)
    item = _item(temuan.item)
    _require_impartial(item, by)
    errors = {}
    if not (uraian or "").strip():
        errors["uraian"] = error("uraian_wajib")
    if batas < (today or timezone.localdate()):
        errors["batas"] = error("batas_lampau")
    if penanggung_jawab is None or not penanggung_jawab_choices(item).filter(pk=penanggung_jawab.pk).exists():
        errors["penanggung_jawab"] = error("penanggung_jawab")
    if errors:
        raise ValidationError(errors)
    tl = TindakLanjutValidasi.objects.create(temuan=temuan, uraian=uraian.strip(), penanggung_jawab=penanggung_jawab,
                                             batas=batas)
    audit_log(actor=by, action=AuditAction.TINDAK_LANJUT_ADD, obj=tl, to_state=StatusTindakLanjut.TERBUKA,
              data={"temuan": temuan.pk, "penanggung_jawab": penanggung_jawab.pk, "batas": batas.isoformat()})
    if item.asesor_id and item.asesor.user_id == penanggung_jawab.pk:
        # the record's asesor: an email and the bell, queued in this transaction, sent after commit
        from ..emails_validasi import tindak_lanjut_ditetapkan_send

        tindak_lanjut_ditetapkan_send(tindak_lanjut=tl)
    return tl


@transaction.atomic
def tindak_lanjut_close(*, tindak_lanjut: TindakLanjutValidasi, catatan: str, by) -> TindakLanjutValidasi:
    """Close a follow-up with a note of what was done (the validator of the sample; also after signing)."""
    _lock_sampel(tindak_lanjut.temuan.item.sampel_id, by)
    tl = TindakLanjutValidasi.objects.select_for_update().get(pk=tindak_lanjut.pk)
    if tl.status != StatusTindakLanjut.TERBUKA:
        raise error("tindak_lanjut_selesai")
    if not (catatan or "").strip():
        raise ValidationError({"catatan": error("uraian_wajib")})
    tl.status, tl.catatan_penutupan = StatusTindakLanjut.SELESAI, catatan.strip()
    tl.ditutup_pada, tl.ditutup_oleh = timezone.now(), by
    tl.save(update_fields=["status", "catatan_penutupan", "ditutup_pada", "ditutup_oleh"])
    audit_log(actor=by, action=AuditAction.TINDAK_LANJUT_CLOSE, obj=tl, from_state=StatusTindakLanjut.TERBUKA,
              to_state=StatusTindakLanjut.SELESAI, note=tl.catatan_penutupan)
    return tl


@transaction.atomic
def tindak_lanjut_selesai(*, tindak_lanjut: TindakLanjutValidasi, catatan: str, by) -> TindakLanjutValidasi:
    """The owner of a follow-up (the asesor it was assigned to) marks it done with a short note of what was
    done (R65): only the owner, only an open one (``domain_validasi.selesai_errors``); the validator sees
    it closed, by whom and the note, on the sample's report. The row is locked, so two clicks close it once."""
    tl = TindakLanjutValidasi.objects.select_for_update().get(pk=tindak_lanjut.pk)
    for code in rules.selesai_errors(status=tl.status, owner_id=tl.penanggung_jawab_id, by_id=by.pk):
        raise error(code)
    catatan = (catatan or "").strip()
    if not catatan:
        raise ValidationError({"catatan": error("uraian_wajib")})
    tl.status, tl.catatan_penutupan = StatusTindakLanjut.SELESAI, catatan[: rules.CATATAN_SELESAI_MAKS]
    tl.ditutup_pada, tl.ditutup_oleh = timezone.now(), by
    tl.save(update_fields=["status", "catatan_penutupan", "ditutup_pada", "ditutup_oleh"])
    audit_log(actor=by, action=AuditAction.TINDAK_LANJUT_DONE, obj=tl, from_state=StatusTindakLanjut.TERBUKA,
              to_state=StatusTindakLanjut.SELESAI, note=tl.catatan_penutupan)
    return tl


@transaction.atomic
def sampel_sign(*, sampel: SampelValidasi, ringkasan: str, ttd: str, by, ip: str | None) -> SampelValidasi:
    """The validator signs the report (a drawn PNG, when, from where) once every record has a conclusion;
    after that findings and conclusions are final (follow-ups are still closed as they are done)."""
    sampel = _lock_sampel(sampel.pk, by)
    _require_open(sampel)
    kesimpulan = list(SampelRekaman.objects.filter(sampel=sampel).values_list("kesimpulan", flat=True))
    for code in rules.sign_errors(kesimpulan=kesimpulan):
        raise error(code)
    if not (ringkasan or "").strip():
        raise ValidationError({"ringkasan": error("uraian_wajib")})
    upload = decode_signature(ttd)
    sampel.ttd.save("ttd.png", upload, save=False)
    sampel.ringkasan, sampel.status = ringkasan.strip(), StatusSampel.DISAHKAN
    sampel.disahkan_pada, sampel.ttd_ip = timezone.now(), ip
    sampel.save(update_fields=["ttd", "ringkasan", "status", "disahkan_pada", "ttd_ip"])
    audit_log(actor=by, action=AuditAction.SAMPEL_SIGN, obj=sampel, from_state=StatusSampel.DIVALIDASI,
              to_state=StatusSampel.DISAHKAN, data={"ip": ip})
    return sampel
