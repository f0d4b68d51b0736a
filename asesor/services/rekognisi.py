"""An asesor's own request for recognition (RCC) with evidence, and admin LSP's decision on it.

The rule itself (≥ 6 assessments inside the certificate's window) is ``domain.rekognisi_issues``, the same
one ``asesor_recognize`` applies when the admin records the new certificate; the moves and who may make
them are ``domain.PENGAJUAN_TRANSITIONS``."""

from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lsp.audit import audit_log
from lsp.roles import Role
from lsp.uploads import safe_original_name, validate_document

from .. import domain, emails, selectors
from ..domain import AuditAction, StatusPengajuan
from ..models import AsesorProfile, BuktiRekognisi, PengajuanRekognisi
from ._common import _admin_recipients, _field_error, _refuse, _today
from .sertifikat import asesor_recognize

TRANSITION_MESSAGES = {
    "transisi_tidak_sah": gettext_lazy("Pengajuan ini sudah diputuskan atau dibatalkan."),
    "bukan_admin": gettext_lazy("Hanya admin LSP yang memutuskan pengajuan rekognisi."),
    "keputusan_diri_sendiri": gettext_lazy("Anda tidak boleh memutuskan pengajuan rekognisi Anda sendiri."),
    "bukan_pemilik": gettext_lazy("Hanya asesor yang mengajukan yang dapat membatalkannya."),
}


def _check_bukti(bukti) -> list[tuple]:
    """Each file checked by its bytes (``lsp.uploads``): (file, display name, MIME type)."""
    checked, errors = [], []
    for berkas in bukti:
        try:
            checked.append((berkas, safe_original_name(getattr(berkas, "name", "")), validate_document(berkas)))
        except ValidationError as exc:
            errors += [
                ValidationError(
                    "%(nama)s: %(pesan)s", code=e.code,
                    params={"nama": safe_original_name(getattr(berkas, "name", "")), "pesan": e.message},
                )
                for e in exc.error_list
            ]
    if errors:
        raise ValidationError({"bukti": errors})
    return checked


@transaction.atomic
def pengajuan_rekognisi_submit(
    *, asesor: AsesorProfile, bukti: list, by, catatan: str = "", today: date | None = None
) -> PengajuanRekognisi:
    """The asesor asks for recognition of the certificate in force, attaching 1–5 evidence documents.

    Refused (every reason at once, with codes) unless ``by`` is that asesor, the recognition rule holds
    today (``domain.rekognisi_issues``) and no other request is open. The admins are emailed after commit."""
    if by is None or by.pk != asesor.user_id:
        raise ValidationError(_("Hanya asesor itu sendiri yang dapat mengajukan rekognisinya."), code="bukan_pemilik")
    asesor = AsesorProfile.objects.select_for_update().get(pk=asesor.pk)
    today = today or _today()
    bukti = [b for b in (bukti or []) if b]
    status = selectors.asesor_status_on(asesor=asesor, on_date=today)
    terbuka = PengajuanRekognisi.objects.filter(asesor=asesor, status=StatusPengajuan.DIAJUKAN).exists()
    _refuse(domain.pengajuan_issues(status=status, jumlah_bukti=len(bukti), ada_pengajuan_terbuka=terbuka))
    checked = _check_bukti(bukti)
    pengajuan = PengajuanRekognisi(
        asesor=asesor, sertifikat=status.sertifikat, jumlah_asesmen=status.jumlah_asesmen, catatan=catatan.strip()
    )
    try:
        with transaction.atomic():
            pengajuan.save()
    except IntegrityError:  # a second request raced in
        raise ValidationError(
            {NON_FIELD_ERRORS: ValidationError(_("Masih ada pengajuan rekognisi yang menunggu keputusan."),
                                               code="pengajuan_terbuka")}
        ) from None
    for berkas, nama, mime in checked:
        BuktiRekognisi.objects.create(pengajuan=pengajuan, dokumen=berkas, dokumen_nama=nama, dokumen_mime=mime)
    audit_log(
        actor=by, action=AuditAction.ASESOR_REKOGNISI_AJUKAN, obj=asesor, to_state=pengajuan.status,
        note=status.hitungan, data={"pengajuan": pengajuan.pk, "bukti": len(checked)},
    )
    for admin in _admin_recipients():
        if admin.pk != asesor.user_id:
            emails.pengajuan_rekognisi_diajukan_send(pengajuan=pengajuan, penerima=admin)
    return pengajuan


def _move(pengajuan, target, by) -> tuple[PengajuanRekognisi, str]:
    locked = PengajuanRekognisi.objects.select_for_update().select_related("asesor__user").get(pk=pengajuan.pk)
    code = domain.pengajuan_transition_error(
        source=locked.status, target=target, is_admin=bool(by and by.has_role(Role.ADMIN_LSP)),
        is_owner=bool(by and by.pk == locked.asesor.user_id),
    )
    if code:
        raise ValidationError(TRANSITION_MESSAGES[code], code=code)
    return locked, locked.status


@transaction.atomic
def pengajuan_rekognisi_decide(
    *, pengajuan: PengajuanRekognisi, setujui: bool, by, nomor: str = "", dokumen=None, catatan: str = "",
    today: date | None = None,
) -> PengajuanRekognisi:
    """Admin LSP decides a request after checking its evidence.

    Approve: records the recognition certificate (``asesor_recognize``: number required, the rule checked
    again today, starting the day after the current one ends). Refuse: a reason is required. Audited;
    the asesor is emailed after commit."""
    target = StatusPengajuan.DISETUJUI if setujui else StatusPengajuan.DITOLAK
    locked, before = _move(pengajuan, target, by)
    catatan = (catatan or "").strip()
    if setujui:
        if not (nomor or "").strip():
            raise _field_error("nomor", _("Nomor sertifikat baru wajib diisi."), "required")
        locked.sertifikat_baru = asesor_recognize(
            asesor=locked.asesor, nomor=nomor, dokumen=dokumen, by=by, today=today
        )
    elif not catatan:
        raise _field_error("catatan", _("Tuliskan alasan penolakan."), "alasan_wajib")
    locked.status, locked.catatan_keputusan = target, catatan
    locked.diputuskan_oleh, locked.diputuskan_pada = by, timezone.now()
    locked.save(update_fields=["status", "catatan_keputusan", "diputuskan_oleh", "diputuskan_pada", "sertifikat_baru"])
    audit_log(
        actor=by, action=AuditAction.ASESOR_REKOGNISI_PUTUS, obj=locked.asesor, from_state=before, to_state=target,
        note=catatan, data={"pengajuan": locked.pk, "sertifikat": locked.sertifikat_baru_id},
    )
    emails.pengajuan_rekognisi_diputuskan_send(pengajuan=locked)
    return locked


@transaction.atomic
def pengajuan_rekognisi_withdraw(*, pengajuan: PengajuanRekognisi, by) -> PengajuanRekognisi:
    """The asesor withdraws their own open request (e.g. to send other evidence)."""
    locked, before = _move(pengajuan, StatusPengajuan.DIBATALKAN, by)
    locked.status, locked.diputuskan_oleh, locked.diputuskan_pada = StatusPengajuan.DIBATALKAN, by, timezone.now()
    locked.save(update_fields=["status", "diputuskan_oleh", "diputuskan_pada"])
    audit_log(
        actor=by, action=AuditAction.ASESOR_REKOGNISI_PUTUS, obj=locked.asesor, from_state=before,
        to_state=locked.status, data={"pengajuan": locked.pk},
    )
    return locked
