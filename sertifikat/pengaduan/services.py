"""Writes of complaints: filing one (anyone, signed in or not) and moving it to closure (admin LSP). One
transaction each, with an audit row; the complainant, when signed in, also gets an in-app notification
and an email at each step."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lsp.access import is_admin_lsp
from lsp.audit import audit_log
from lsp.notifications import notification_send

from . import domain
from .domain import KODE_ALPHABET, KODE_LENGTH, KODE_PREFIX, AuditAction, JenisPengaduan, StatusPengaduan, error
from .models import Pengaduan


def kode_baru() -> str:
    return KODE_PREFIX + "".join(secrets.choice(KODE_ALPHABET) for _i in range(KODE_LENGTH))


@transaction.atomic
def pengaduan_ajukan(
    *, jenis: str, isi: str, tentang: str = "", nama: str = "", kontak: str = "", by=None
) -> Pengaduan:
    """File a complaint; returns it with its tracking code. ``by``: the signed-in user, or None."""
    isi = (isi or "").strip()
    errors = {}
    if jenis not in JenisPengaduan.values:
        errors["jenis"] = [error("jenis_invalid")]
    if not isi:
        errors["isi"] = [error("isi_wajib")]
    if errors:
        raise ValidationError(errors)
    pelapor = by if getattr(by, "is_authenticated", False) else None
    for _attempt in range(5):
        try:
            with transaction.atomic():
                pengaduan = Pengaduan.objects.create(
                    kode=kode_baru(), jenis=jenis, isi=isi, tentang=(tentang or "").strip()[:200],
                    nama=(nama or "").strip()[:150], kontak=(kontak or "").strip()[:150], pelapor=pelapor,
                )
            break
        except IntegrityError:  # a code drawn twice (one in 32^10): draw again
            continue
    else:  # pragma: no cover
        raise RuntimeError("no free complaint code")
    audit_log(actor=pelapor, action=AuditAction.PENGADUAN_AJUKAN, obj=pengaduan, to_state=pengaduan.status,
              data={"jenis": jenis})
    _notify(pengaduan)
    return pengaduan


@transaction.atomic
def pengaduan_transition(*, pengaduan: Pengaduan, to: str, by, catatan: str = "", tindakan: str = "",
                         hasil_publik: str = "") -> Pengaduan:
    """Admin LSP moves a complaint: investigate (a note), close (the actions taken and the public outcome)."""
    if not is_admin_lsp(by):
        raise PermissionDenied
    locked = Pengaduan.objects.select_for_update().get(pk=pengaduan.pk)
    catatan, tindakan, hasil_publik = (catatan or "").strip(), (tindakan or "").strip(), (hasil_publik or "").strip()
    codes = domain.transition_errors(source=locked.status, target=to, catatan=catatan, tindakan=tindakan,
                                     hasil_publik=hasil_publik)
    if codes:
        labels = dict(StatusPengaduan.choices)
        field = {"catatan_wajib": "catatan", "tindakan_wajib": "tindakan", "hasil_wajib": "hasil_publik"}
        raise ValidationError({field.get(c, "__all__"): [error(c, dari=labels.get(locked.status, locked.status),
                                                               ke=labels.get(to, to))] for c in codes})
    source = locked.status
    now = timezone.now()
    locked.status, locked.ditangani_oleh = to, by
    fields = ["status", "ditangani_oleh"]
    if catatan:
        locked.catatan = f"{locked.catatan}\n{catatan}".strip()
        fields.append("catatan")
    if to == StatusPengaduan.DIINVESTIGASI:
        locked.diinvestigasi_pada = now
        fields.append("diinvestigasi_pada")
    if to == StatusPengaduan.DITUTUP:
        locked.tindakan, locked.hasil_publik, locked.ditutup_pada = tindakan, hasil_publik, now
        fields += ["tindakan", "hasil_publik", "ditutup_pada"]
    locked.save(update_fields=fields)
    audit_log(actor=by, action=AuditAction.PENGADUAN_STATUS, obj=locked, from_state=source, to_state=to,
              note=catatan or tindakan, data={"hasil_publik": hasil_publik} if hasil_publik else None)
    _notify(locked)
    pengaduan.status = to
    return locked


def _notify(pengaduan: Pengaduan) -> None:
    """The signed-in complainant hears of each step (email + bell); an anonymous one follows the code."""
    user = pengaduan.pelapor
    if user is None or not user.email:
        return
    with translation.override("id"):
        subject = _("Pengaduan %(kode)s: %(status)s") % {"kode": pengaduan.kode,
                                                          "status": pengaduan.get_status_display()}
        body = _("Status pengaduan Anda: %(status)s.\n\n%(hasil)s\n\nIkuti pengaduan Anda dengan kode %(kode)s.") % {
            "status": pengaduan.get_status_display(), "hasil": pengaduan.hasil_publik, "kode": pengaduan.kode}
    notification_send(to=user.email, subject=subject, body=body, user=user, url=pengaduan.get_public_url(),
                      key=f"pengaduan.{pengaduan.pk}.{pengaduan.status}")
