"""Writes to the holiday calendar (R64): add, change, delete one day, or import a year from a checked file.
Admin LSP only; each call is one transaction with its audit row. Who added and who last changed a day is
kept on the row."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import is_admin_lsp
from ..audit import AuditAction, audit_log
from ..domain_libur import BarisLibur
from ..models import HariLibur
from ._common import _apply, _clean_and_save, _lock

LIBUR_FIELDS = ("tanggal", "nama", "jenis")


def _require_admin(by):
    if not is_admin_lsp(by):
        raise PermissionDenied


def _check_libur(libur: HariLibur):
    other = HariLibur.objects.filter(tanggal=libur.tanggal).exclude(pk=libur.pk).first()
    if other is not None:
        raise ValidationError({"tanggal": ValidationError(
            _("Tanggal ini sudah tercatat sebagai hari libur (%(nama)s).") % {"nama": other.nama},
            code="tanggal_exists")})


def _clean(fields: dict) -> dict:
    return {k: " ".join(v.split()) if isinstance(v, str) else v for k, v in fields.items()}


@transaction.atomic
def libur_create(*, by, **fields) -> HariLibur:
    _require_admin(by)
    libur = HariLibur(dibuat_oleh=by, diubah_oleh=by)
    _apply(libur, _clean(fields), LIBUR_FIELDS)
    if libur.tanggal is not None:
        _check_libur(libur)
    _clean_and_save(libur)
    audit_log(actor=by, action=AuditAction.HARI_LIBUR_CREATE, obj=libur,
              data={"tanggal": libur.tanggal.isoformat(), "jenis": libur.jenis})
    return libur


@transaction.atomic
def libur_update(*, libur: HariLibur, by, **changes) -> HariLibur:
    _require_admin(by)
    libur = _lock(HariLibur, libur.pk)
    diff = _apply(libur, _clean(changes), LIBUR_FIELDS)
    if diff:
        if libur.tanggal is not None:
            _check_libur(libur)
        libur.diubah_oleh = by
        _clean_and_save(libur)
        audit_log(actor=by, action=AuditAction.HARI_LIBUR_UPDATE, obj=libur, data={"changes": diff})
    return libur


@transaction.atomic
def libur_delete(*, libur: HariLibur, by) -> None:
    """Delete one day: from now on it counts as a working day again (decisions already saved keep their
    warning as it was computed)."""
    _require_admin(by)
    libur = _lock(HariLibur, libur.pk)
    audit_log(actor=by, action=AuditAction.HARI_LIBUR_DELETE, obj=libur,
              data={"tanggal": libur.tanggal.isoformat(), "nama": libur.nama, "jenis": libur.jenis})
    libur.delete()


@transaction.atomic
def libur_import(*, rows: list[BarisLibur], tahun: int, by) -> dict:
    """Write the checked rows of one year (``lsp.domain_libur.check_rows``): a new date is added, a date
    already in the calendar takes the file's name and kind; days of the year not in the file stay (delete
    them one by one). Returns the counts ``baru``, ``diubah``, ``sama``."""
    _require_admin(by)
    if not rows or any(r.tanggal.year != tahun for r in rows):
        raise ValidationError(_("Baris impor harus berisi tanggal di tahun %(tahun)s.") % {"tahun": tahun},
                              code="import_tahun")
    existing = {h.tanggal: h for h in HariLibur.objects.select_for_update().filter(tanggal__year=tahun)}
    now = timezone.now()
    baru, diubah, sama = [], [], 0
    perubahan = []
    for row in rows:
        libur = existing.get(row.tanggal)
        if libur is None:
            baru.append(HariLibur(tanggal=row.tanggal, nama=row.nama, jenis=row.jenis, dibuat_oleh=by, diubah_oleh=by))
        elif (libur.nama, libur.jenis) != (row.nama, row.jenis):
            perubahan.append({"tanggal": row.tanggal.isoformat(), "dari": [libur.nama, libur.jenis],
                              "ke": [row.nama, row.jenis]})
            libur.nama, libur.jenis, libur.diubah_oleh, libur.updated_at = row.nama, row.jenis, by, now
            diubah.append(libur)
        else:
            sama += 1
    try:
        with transaction.atomic():  # a date added meanwhile by someone else: refuse, nothing is saved
            HariLibur.objects.bulk_create(baru)
    except IntegrityError as exc:
        raise ValidationError(
            _("Hari libur tahun ini baru saja diubah orang lain; unggah berkasnya sekali lagi."), code="conflict"
        ) from exc
    HariLibur.objects.bulk_update(diubah, ["nama", "jenis", "diubah_oleh", "updated_at"])
    counts = {"baru": len(baru), "diubah": len(diubah), "sama": sama}
    audit_log(
        actor=by, action=AuditAction.HARI_LIBUR_IMPORT,
        note=_("Hari libur tahun %(tahun)s diimpor: %(baru)s baru, %(diubah)s diubah, %(sama)s tetap.")
        % {"tahun": tahun, **counts},
        data={"tahun": tahun, **counts, "tanggal_baru": [h.tanggal.isoformat() for h in baru],
              "perubahan": perubahan},
    )
    return counts
