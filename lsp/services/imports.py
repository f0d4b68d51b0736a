"""The skema import: check a file without writing, add its units to a skema, or create a skema from it."""

import os

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import domain, importers
from ..audit import AuditAction, audit_log
from ..models import KUK, Elemen, Skema, UnitKompetensi
from ._common import _lock, _next_urutan
from .skema import skema_create


def skema_import_check(*, skema, uploaded) -> domain.ImportResult:
    """Read and validate an import file against the skema, writing nothing. ``skema=None``: a skema
    not created yet (it has no units, so no unit code clashes).

    File-level problems (empty, too large, not CSV/XLSX, wrong encoding, too many rows) raise
    ``ValidationError``; row problems come back in ``result.issues``."""
    table = importers.read_table(uploaded)
    existing = set(skema.units.values_list("kode", flat=True)) if skema is not None else set()
    return domain.validate_import(
        table.rows, header=table.header, header_row=table.header_row, existing_kode_unit=existing
    )


@transaction.atomic
def skema_import_units(*, skema, units: list, by, filename: str = ""):
    """Add the units → elemen → KUK of a validated import (``ImportResult.units``) in one transaction."""
    if not units:
        raise ValidationError(_("Tidak ada unit untuk diimpor."), code="no_rows")
    skema = _lock(Skema, skema.pk)
    existing = set(skema.units.values_list("kode", flat=True))
    clash = sorted({u.kode for u in units} & existing)
    if clash:  # another admin added them since the check
        raise ValidationError(
            _("Unit berikut sudah ada di skema ini: %(kode)s.") % {"kode": ", ".join(clash)}, code="unit_exists"
        )
    start = _next_urutan(skema.units.all())
    unit_rows = []
    for offset, data in enumerate(units):
        unit = UnitKompetensi(skema=skema, kode=data.kode, judul=data.judul, urutan=start + offset)
        unit.full_clean(exclude=["skema"], validate_unique=False, validate_constraints=False)
        unit_rows.append(unit)
    unit_rows = UnitKompetensi.objects.bulk_create(unit_rows)
    elemen_rows, elemen_data = [], []
    for unit, data in zip(unit_rows, units, strict=True):
        for number, elemen in enumerate(data.elemen, 1):
            elemen_rows.append(Elemen(unit=unit, urutan=number, nama=elemen.nama))
            elemen_data.append(elemen)
    elemen_rows = Elemen.objects.bulk_create(elemen_rows)
    kuk_rows = [
        KUK(elemen=elemen, urutan=number, deskripsi=text)
        for elemen, data in zip(elemen_rows, elemen_data, strict=True)
        for number, text in enumerate(data.kuk, 1)
    ]
    KUK.objects.bulk_create(kuk_rows, batch_size=500)
    counts = {"unit": len(unit_rows), "elemen": len(elemen_rows), "kuk": len(kuk_rows)}
    audit_log(
        actor=by,
        action=AuditAction.SKEMA_IMPORT,
        obj=skema,
        note=os.path.basename(filename or "")[:200],
        data={"skema_id": skema.pk, **counts, "kode_unit": [u.kode for u in unit_rows]},
    )
    return counts


@transaction.atomic
def skema_create_from_file(*, data: dict, units: list, by, filename: str = ""):
    """Create a skema (``data``: the fields of ``skema_create``) together with the units → elemen → KUK
    of a validated import (``ImportResult.units``), in one transaction: when either step fails (a kode
    taken meanwhile, no units, a database error) nothing at all is written, audit rows included.

    Writes the audit rows of the two steps (``skema.create``, ``skema.import``). Returns (skema, counts)."""
    skema = skema_create(by=by, **data)
    counts = skema_import_units(skema=skema, units=units, by=by, filename=filename)
    return skema, counts
