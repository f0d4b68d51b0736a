"""Helpers every lsp service module shares: apply changes with a diff, validate and save (a lost race
on a unique field becomes a form error), delete with PROTECT turned into a message, reorder siblings."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from .. import domain


def _apply(obj, changes: dict, allowed: tuple) -> dict:
    """Set the allowed fields on ``obj``; returns {field: [old, new]} of what really changed."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    diff = {}
    for name, value in changes.items():
        old = getattr(obj, name)
        if old != value:
            diff[name] = [_plain(old), _plain(value)]
            setattr(obj, name, value)
    return diff


def _plain(value):
    return value if value is None or isinstance(value, bool | int | float) else str(value)


def _clean_and_save(obj, *, update_fields=None, exclude=None):
    obj.full_clean(exclude=exclude)
    try:
        with transaction.atomic():  # a savepoint: a lost race on a unique field becomes a form error
            obj.save(update_fields=update_fields)
    except IntegrityError as exc:
        raise ValidationError(
            _("Data ini bentrok dengan data lain yang baru saja disimpan (kode sudah dipakai). Coba lagi."),
            code="conflict",
        ) from exc
    return obj


def _delete(obj, *, label: str):
    """Delete ``obj`` (and its cascade) or refuse with code ``protected`` when later records use it."""
    try:
        obj.delete()
    except (ProtectedError, RestrictedError) as exc:
        blocking = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None) or []
        users = sorted({str(o._meta.verbose_name) for o in blocking})
        raise ValidationError(
            _("%(label)s tidak dapat dihapus karena sudah dipakai oleh data lain%(users)s. "
              "Nonaktifkan skemanya bila tidak dipakai lagi.")
            % {"label": label, "users": f" ({', '.join(users)})" if users else ""},
            code="protected",
        ) from exc


def _renumber(model, ordered_pks: list) -> None:
    """Give ``urutan`` 1..n in the order of ``ordered_pks`` without breaking unique (parent, urutan)."""
    current = dict(model.objects.filter(pk__in=ordered_pks).values_list("pk", "urutan"))
    changes = [(pk, n) for n, pk in enumerate(ordered_pks, 1) if current.get(pk) != n]
    if not changes:
        return
    top = max(current.values(), default=0) + 1
    for offset, (pk, _n) in enumerate(changes):  # first out of the way, then into place
        model.objects.filter(pk=pk).update(urutan=top + offset)
    for pk, n in changes:
        model.objects.filter(pk=pk).update(urutan=n)


def _siblings_in_order(queryset) -> list:
    return list(queryset.order_by("urutan", "pk").values_list("pk", flat=True))


def _move(obj, siblings, direction: str) -> bool:
    ordered = _siblings_in_order(siblings)
    target = domain.move_position(ordered, obj.pk, direction)
    if target is None:
        return False
    index = ordered.index(obj.pk)
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(type(obj), ordered)
    return True


def _next_urutan(queryset) -> int:
    return (queryset.aggregate(top=Max("urutan"))["top"] or 0) + 1


def _lock(model, pk):
    return model.objects.select_for_update().get(pk=pk)
