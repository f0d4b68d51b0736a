"""FR.AK.04 banding: the asesi appeals a BK result within the LSP's period; a komite member not involved
in the assessment decides it. Granted, the application goes back to *diterima* (through the one state
machine, ``asesi.services.permohonan_transition``) and its closed placement makes room for a new one:
the admin schedules a re-assessment of the BK units (the K units are carried over, R47). Each step: one
transaction, an audit row, the asesi's email and in-app notification after commit."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from asesi.domain import Status as PermohonanStatus
from asesi.models import Permohonan
from asesi.services import permohonan_transition
from lsp.access import user_has_role
from lsp.audit import audit_log
from lsp.roles import Role

from .. import domain_banding as rules
from .. import emails_banding as emails
from ..domain_banding import AuditAction, StatusBanding, error
from ..models import Banding, PesertaJadwal
from ..selectors_banding import banding_check, komite_terlibat, masa_banding, rekaman_of


@transaction.atomic
def banding_ajukan(*, permohonan: Permohonan, jawaban: dict, alasan: str, by, today=None) -> Banding:
    """The asesi's appeal of their BK result with the FR.AK.04 answers and the reasons. Refused (coded
    ``ValidationError``): not the owner, not decided, a K result, already appealed, after the period."""
    locked = Permohonan.objects.select_for_update().select_related("asesi", "skema").get(pk=permohonan.pk)
    if not by or locked.asesi.user_id != by.pk:
        raise PermissionDenied
    today = today or timezone.localdate()
    check = banding_check(locked, today=today)
    if check["code"]:
        batas = check["batas"].strftime("%d-%m-%Y") if check["batas"] else ""
        raise error(check["code"], batas=batas, hari=masa_banding())
    alasan = (alasan or "").strip()
    jawaban = {key: jawaban.get(key) for key, _label in rules.PERTANYAAN}
    codes = rules.jawaban_errors(jawaban, alasan)
    if codes:
        raise ValidationError({("alasan" if c == "alasan_wajib" else "__all__"): [error(c)] for c in codes})
    try:
        with transaction.atomic():
            banding = Banding.objects.create(
                permohonan=locked, hasil=check["hasil"], rekaman=rekaman_of(locked), jawaban=jawaban,
                alasan=alasan, diajukan_oleh=by,
            )
    except IntegrityError as exc:  # a second tab raced past the check
        raise error("sudah_banding") from exc
    audit_log(actor=by, action=AuditAction.BANDING_AJUKAN, obj=banding, to_state=StatusBanding.DIAJUKAN,
              data={"permohonan": locked.pk, "rekaman": banding.rekaman_id})
    emails.banding_send(banding=banding, jenis=emails.DITERIMA_LSP)
    return banding


@transaction.atomic
def banding_putuskan(*, banding: Banding, keputusan: str, alasan: str, by) -> Banding:
    """The komite's decision: *diterima* (the application goes back to be scheduled for a re-assessment,
    possibly by another asesor) or *ditolak*, with reasons. The decider holds the komite role and was not
    involved in the assessment (not its asesor, not whoever submitted the record, not the asesi)."""
    locked = Banding.objects.select_for_update(of=("self",)).select_related(
        "permohonan__asesi", "permohonan__skema", "rekaman__peserta__asesor"
    ).get(pk=banding.pk)
    if code := rules.pemutus_error(
        is_komite=user_has_role(by, Role.KOMITE), user_id=by.pk, terlibat=komite_terlibat(locked)
    ):
        raise error(code)
    alasan = (alasan or "").strip()
    codes = rules.keputusan_errors(status=locked.status, keputusan=keputusan, alasan=alasan)
    if codes:
        field = {"keputusan_invalid": "keputusan", "alasan_keputusan_wajib": "alasan"}
        raise ValidationError({field.get(c, "__all__"): [error(c)] for c in codes})
    locked.status, locked.alasan_keputusan = keputusan, alasan
    locked.diputuskan_oleh, locked.diputuskan_pada = by, timezone.now()
    locked.save(update_fields=["status", "alasan_keputusan", "diputuskan_oleh", "diputuskan_pada"])
    audit_log(actor=by, action=AuditAction.BANDING_PUTUSKAN, obj=locked, from_state=StatusBanding.DIAJUKAN,
              to_state=keputusan, note=alasan, data={"permohonan": locked.permohonan_id})
    if keputusan == StatusBanding.DITERIMA:
        now = timezone.now()
        PesertaJadwal.objects.filter(permohonan=locked.permohonan, aktif=True).update(aktif=False, keluar_pada=now)
        permohonan_transition(
            permohonan=locked.permohonan, to=PermohonanStatus.DITERIMA, by=by,
            note=f"{locked.kode}: banding diterima, asesmen ulang unit yang belum kompeten. {alasan}",
        )
    emails.banding_send(banding=locked, jenis=emails.DIPUTUSKAN)
    banding.status = locked.status
    return locked
