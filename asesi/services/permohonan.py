"""The application (FR.APL.01) with its units and documents, the self-assessment (FR.APL.02) and the
state machine: ``permohonan_transition`` is the only function that changes ``Permohonan.status``."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from lsp.access import is_admin_lsp
from lsp.audit import audit_log
from lsp.models import Elemen
from lsp.uploads import safe_original_name, validate_document

from .. import domain, emails
from ..domain import APL01_EDITABLE, APL02_EDITABLE, OPEN_STATUSES, AuditAction, Status, Tujuan, error
from ..models import (
    AsesiProfile,
    AsesmenMandiri,
    Dokumen,
    Permohonan,
    PermohonanPersyaratan,
    PermohonanRiwayat,
    PermohonanUnit,
)
from ._common import lock, require_owner_or_admin

# --- permohonan (FR.APL.01) ---------------------------------------------------------------------------


def _units_set(permohonan: Permohonan, unit_ids=None) -> None:
    """Keep the chosen units of the skema on the application (all units by default), each with one
    FR.APL.02 row per element. Units kept keep their answers."""
    units = list(
        permohonan.skema.units.prefetch_related(Prefetch("elemen", queryset=Elemen.objects.order_by("urutan")))
    )
    if unit_ids is not None:
        wanted = {int(i) for i in unit_ids}
        units = [u for u in units if u.pk in wanted]
    if not units:
        raise error("unit_missing")
    chosen_kode = {u.kode for u in units}
    permohonan.units.exclude(kode__in=chosen_kode).delete()
    have = set(permohonan.units.values_list("kode", flat=True))
    for unit in units:
        if unit.kode in have:
            continue
        pu = PermohonanUnit.objects.create(
            permohonan=permohonan, unit=unit, urutan=unit.urutan, kode=unit.kode, judul=unit.judul
        )
        AsesmenMandiri.objects.bulk_create(
            AsesmenMandiri(permohonan_unit=pu, elemen=e, urutan=e.urutan, elemen_nama=e.nama[:500])
            for e in unit.elemen.all()
        )


def _tujuan_check(tujuan: str, tujuan_lainnya: str) -> None:
    if tujuan not in Tujuan.values:
        raise ValidationError({"tujuan": [ValidationError(_("Pilih tujuan asesmen."), code="invalid_choice")]})
    if tujuan == Tujuan.LAINNYA and not (tujuan_lainnya or "").strip():
        raise ValidationError({"tujuan_lainnya": [error("tujuan_lainnya_required")]})


@transaction.atomic
def permohonan_create(*, asesi: AsesiProfile, skema, tujuan: str, tujuan_lainnya: str = "", unit_ids=None, by):
    """Start a draft application for an active skema, copying its units and requirements."""
    if by.pk != asesi.user_id and not is_admin_lsp(by):
        raise PermissionDenied
    if not skema.aktif:
        raise error("skema_inactive")
    _tujuan_check(tujuan, tujuan_lainnya)
    if Permohonan.objects.filter(asesi=asesi, skema=skema, status__in=OPEN_STATUSES).exists():
        raise error("permohonan_duplicate")
    try:
        with transaction.atomic():
            permohonan = Permohonan.objects.create(
                asesi=asesi,
                skema=skema,
                tujuan=tujuan,
                tujuan_lainnya=(tujuan_lainnya or "").strip() if tujuan == Tujuan.LAINNYA else "",
            )
    except IntegrityError as exc:  # a double click raced past the check above
        raise error("permohonan_duplicate") from exc
    PermohonanPersyaratan.objects.bulk_create(
        PermohonanPersyaratan(
            permohonan=permohonan, persyaratan=p, urutan=p.urutan, deskripsi=p.deskripsi, wajib=p.wajib
        )
        for p in skema.persyaratan.all()
    )
    _units_set(permohonan, unit_ids)
    PermohonanRiwayat.objects.create(permohonan=permohonan, dari="", ke=Status.DRAFT, oleh=by)
    audit_log(actor=by, action=AuditAction.PERMOHONAN_CREATE, obj=permohonan, to_state=Status.DRAFT)
    return permohonan


def _require_apl01_editable(permohonan: Permohonan) -> None:
    if permohonan.status not in APL01_EDITABLE:
        raise error("permohonan_locked")


@transaction.atomic
def permohonan_update(*, permohonan: Permohonan, tujuan: str, tujuan_lainnya: str = "", unit_ids=None, by):
    """Change the purpose and the units of a draft or returned application."""
    locked = lock(permohonan)
    require_owner_or_admin(locked, by)
    _require_apl01_editable(locked)
    _tujuan_check(tujuan, tujuan_lainnya)
    locked.tujuan = tujuan
    locked.tujuan_lainnya = (tujuan_lainnya or "").strip() if tujuan == Tujuan.LAINNYA else ""
    locked.save(update_fields=["tujuan", "tujuan_lainnya", "updated_at"])
    _units_set(locked, unit_ids)
    units = sorted(locked.units.values_list("kode", flat=True))
    audit_log(actor=by, action=AuditAction.PERMOHONAN_UPDATE, obj=locked, data={"units": units})
    return locked


@transaction.atomic
def permohonan_delete(*, permohonan: Permohonan, by) -> None:
    """Delete a draft that was never submitted (and its files)."""
    locked = lock(permohonan)
    require_owner_or_admin(locked, by)
    if locked.status != Status.DRAFT or locked.diajukan_pada is not None:
        raise error("delete_not_draft")
    names = [d.berkas.name for d in locked.dokumen.all()]
    audit_log(actor=by, action=AuditAction.PERMOHONAN_DELETE, obj=locked, from_state=locked.status)
    locked.delete()
    _delete_files_on_commit(names)


def _delete_files_on_commit(names) -> None:
    from django.core.files.storage import default_storage

    def delete():
        for name in names:
            if name:
                default_storage.delete(name)

    transaction.on_commit(delete)


# --- documents ----------------------------------------------------------------------------------------


@transaction.atomic
def dokumen_upload(*, permohonan: Permohonan, berkas, persyaratan=None, keterangan: str = "", by) -> Dokumen:
    """Store one document for a requirement (or as portfolio evidence when ``persyaratan`` is None).

    The content is checked (PDF/JPG/PNG, size limit); the user's file name is kept for display only."""
    locked = lock(permohonan)
    require_owner_or_admin(locked, by)
    _require_apl01_editable(locked)
    if persyaratan is not None and persyaratan.permohonan_id != locked.pk:
        raise ValidationError(_("Persyaratan tidak termasuk permohonan ini."), code="persyaratan_invalid")
    limit = domain.MAX_DOKUMEN_PER_PERMOHONAN
    if locked.dokumen.count() >= limit:
        raise ValidationError(_("Maksimal %(n)s dokumen per permohonan.") % {"n": limit}, code="dokumen_too_many")
    mime = validate_document(berkas)
    dokumen = Dokumen(
        permohonan=locked,
        persyaratan=persyaratan,
        nama_asli=safe_original_name(berkas.name),
        ukuran=berkas.size or 0,
        mime=mime,
        keterangan=(keterangan or "").strip()[:255],
        diunggah_oleh=by,
    )
    dokumen.berkas.save(dokumen.nama_asli, berkas, save=False)
    try:
        with transaction.atomic():
            dokumen.save()
    except Exception:
        dokumen.berkas.delete(save=False)
        raise
    audit_log(
        actor=by,
        action=AuditAction.DOKUMEN_UPLOAD,
        obj=locked,
        data={"dokumen": dokumen.pk, "nama": dokumen.nama_asli, "persyaratan": persyaratan.pk if persyaratan else None},
    )
    return dokumen


@transaction.atomic
def dokumen_delete(*, dokumen: Dokumen, by) -> None:
    locked = lock(dokumen.permohonan)
    require_owner_or_admin(locked, by)
    _require_apl01_editable(locked)
    name = dokumen.berkas.name
    audit_log(
        actor=by, action=AuditAction.DOKUMEN_DELETE, obj=locked, data={"dokumen": dokumen.pk, "nama": dokumen.nama_asli}
    )
    dokumen.delete()
    _delete_files_on_commit([name])


# --- asesmen mandiri (FR.APL.02) ------------------------------------------------------------------------


@transaction.atomic
def asesmen_mandiri_save(*, permohonan: Permohonan, answers: dict, by) -> int:
    """Save FR.APL.02 answers: ``{row_id: {"jawaban": "K"|"BK"|"", "bukti": [dokumen ids], "bukti_catatan": str}}``.

    Allowed until the asesi is scheduled. Returns how many elements are answered."""
    locked = lock(permohonan)
    require_owner_or_admin(locked, by)
    if locked.status not in APL02_EDITABLE:
        raise error("apl02_locked")
    rows = {r.pk: r for r in AsesmenMandiri.objects.filter(permohonan_unit__permohonan=locked)}
    dokumen_ids = set(locked.dokumen.values_list("pk", flat=True))
    errors = []
    for row_id, answer in answers.items():
        row = rows.get(int(row_id))
        if row is None:
            errors.append(error("bukti_invalid"))
            continue
        bukti = {int(i) for i in answer.get("bukti") or []}
        if not bukti <= dokumen_ids:
            errors.append(error("bukti_invalid"))
            continue
        jawaban = answer.get("jawaban") or ""
        catatan = (answer.get("bukti_catatan") or "").strip()
        if code := domain.jawaban_error(jawaban, ada_bukti=bool(bukti or catatan)):
            errors.append(error(code))
            continue
        row.jawaban = jawaban
        row.bukti_catatan = catatan
        row.save(update_fields=["jawaban", "bukti_catatan", "updated_at"])
        row.bukti.set(bukti)
    if errors:
        raise ValidationError(errors)
    dijawab = sum(1 for r in rows.values() if r.jawaban)
    audit_log(
        actor=by, action=AuditAction.ASESMEN_MANDIRI_SAVE, obj=locked, data={"dijawab": dijawab, "total": len(rows)}
    )
    return dijawab


# --- the state machine --------------------------------------------------------------------------------


def _guard(permohonan: Permohonan, to: str, note: str) -> None:
    """Content rules of particular targets (the who-may-move rules are in ``domain.TRANSITIONS``)."""
    if to in domain.NOTE_REQUIRED and not note:
        raise error("note_required")
    if to == Status.DIAJUKAN:
        missing = _persyaratan_wajib_tanpa_dokumen(permohonan)
        codes = domain.submit_errors(
            email_confirmed=permohonan.asesi.email_dikonfirmasi,
            unit_count=permohonan.units.count(),
            wajib_tanpa_dokumen=missing,
        )
        if codes:
            raise ValidationError([error(c, daftar="; ".join(missing)) for c in codes])
    elif to == Status.DITERIMA:
        hasil = list(permohonan.persyaratan.values_list("wajib", "hasil"))
        if code := domain.acceptance_error(hasil):
            raise error(code)
    elif to == Status.DIJADWALKAN:
        answers = list(
            AsesmenMandiri.objects.filter(permohonan_unit__permohonan=permohonan).values_list("jawaban", flat=True)
        )
        if not domain.apl02_complete(answers):
            raise error("apl02_incomplete")


def _persyaratan_wajib_tanpa_dokumen(permohonan: Permohonan) -> list[str]:
    from ..selectors import persyaratan_wajib_tanpa_dokumen

    return persyaratan_wajib_tanpa_dokumen(permohonan)


@transaction.atomic
def permohonan_transition(
    *, permohonan: Permohonan, to: str, by, note: str = "", keputusan: str = ""
) -> Permohonan:
    """Move an application to status ``to`` — the only place a status changes.

    Checks (in order): the move is in ``domain.TRANSITIONS``; ``by`` holds a role allowed for it (the
    asesi role counts only for the owner; the owner may never verify/decide their own application);
    the content guards (documents before submitting, all requirements met before accepting, a note
    when returning or refusing, a complete APL.02 before scheduling, the outcome ``keputusan`` (K / BK)
    when deciding, a K outcome before certifying). Then writes the status, a
    ``PermohonanRiwayat`` row, an audit row and the email to the asesi (sent after commit).

    Raises ``ValidationError`` with a code from ``domain.MESSAGES``; nothing is written then. The
    caller's ``permohonan`` instance is updated too."""
    if not by or not by.is_authenticated:
        raise PermissionDenied
    locked = lock(permohonan)
    source = locked.status
    labels = dict(Status.choices)
    code = domain.transition_error(
        source=source, target=to, actor_roles=by.role_names, actor_is_owner=locked.asesi.user_id == by.pk
    )
    if code:
        raise error(code, dari=labels.get(source, source), ke=labels.get(to, to))
    note = (note or "").strip()
    _guard(locked, to, note)
    if code := domain.keputusan_error(target=to, keputusan=keputusan, current=locked.keputusan):
        raise error(code)

    locked.status = to
    fields = ["status", "updated_at"]
    if to == Status.DIPUTUSKAN:
        locked.keputusan = keputusan
        fields.append("keputusan")
    elif to not in domain.DECIDED_STATUSES and locked.keputusan:
        locked.keputusan = ""
        fields.append("keputusan")
    if to == Status.DIAJUKAN:
        locked.diajukan_pada = timezone.now()
        locked.data_pemohon = locked.asesi.data_pribadi()
        fields += ["diajukan_pada", "data_pemohon"]
    locked.save(update_fields=fields)
    riwayat = PermohonanRiwayat.objects.create(permohonan=locked, dari=source, ke=to, oleh=by, catatan=note)
    audit_log(
        actor=by, action=AuditAction.PERMOHONAN_STATUS, obj=locked, from_state=source, to_state=to, note=note,
        data={"keputusan": locked.keputusan} if to == Status.DIPUTUSKAN else None,
    )
    emails.permohonan_status_send(permohonan=locked, riwayat=riwayat)

    for field in ("status", "keputusan", "diajukan_pada", "data_pemohon", "updated_at"):
        setattr(permohonan, field, getattr(locked, field))
    return locked


def permohonan_submit(*, permohonan: Permohonan, by) -> Permohonan:
    """Submit a draft, or resubmit a returned application (FR.APL.01)."""
    return permohonan_transition(permohonan=permohonan, to=Status.DIAJUKAN, by=by)
