"""An asesor's certificates (the first one, a repeat, a recognition) and technical competence."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lsp.audit import audit_log

from .. import domain, selectors
from ..domain import AuditAction
from ..models import AsesorProfile, KompetensiTeknis, SertifikatAsesor
from ._common import _attach, _field_error, _refuse, _today


def _check_nomor_sertifikat_free(nomor: str):
    if SertifikatAsesor.objects.filter(nomor__iexact=nomor).exists():
        raise _field_error("nomor", _("Nomor sertifikat ini sudah tercatat."), "nomor_sertifikat_dipakai")


def _create_sertifikat(*, asesor, nomor, jenis, issued_on, dokumen, by) -> SertifikatAsesor:
    nomor = (nomor or "").strip()
    if not nomor:
        raise _field_error("nomor", _("Nomor sertifikat wajib diisi."), "required")
    _check_nomor_sertifikat_free(nomor)
    cert = SertifikatAsesor(
        asesor=asesor,
        nomor=nomor,
        jenis=jenis,
        issued_on=issued_on,
        valid_until=domain.sertifikat_valid_until(issued_on),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _attach(cert, dokumen)
    try:
        with transaction.atomic():
            cert.save()
    except IntegrityError:
        _check_nomor_sertifikat_free(nomor)
        raise
    return cert


@transaction.atomic
def sertifikat_asesor_record(
    *, asesor: AsesorProfile, nomor: str, issued_on: date, by, jenis=domain.JenisSertifikat.AWAL, dokumen=None,
    today: date | None = None,
) -> SertifikatAsesor:
    """Record an asesor certificate obtained through diklat + uji kompetensi: the first one (``awal``), or
    after having repeated the whole process (``ulang``). Recognition goes through ``asesor_recognize``.

    A certificate may not start while an earlier one is still valid (they never overlap), nor in the
    future. ``valid_until`` is computed here, once (``domain.sertifikat_valid_until``)."""
    asesor = AsesorProfile.objects.select_for_update().get(pk=asesor.pk)
    today = today or _today()
    existing = list(asesor.sertifikat.all())
    if jenis == domain.JenisSertifikat.REKOGNISI:
        raise ValidationError(_("Catat rekognisi melalui tombol Rekognisi."), code="gunakan_rekognisi")
    if jenis not in domain.JenisSertifikat.values:
        raise ValidationError(_("Jenis sertifikat tidak dikenal."), code="jenis_tidak_sah")
    if issued_on > today:
        raise _field_error("issued_on", _("Tanggal terbit tidak boleh di masa depan."), "tanggal_masa_depan")
    if jenis == domain.JenisSertifikat.AWAL and existing:
        raise ValidationError(
            _("Asesor ini sudah memiliki sertifikat; sertifikat setelah mengulang proses berjenis 'ulang'."),
            code="sertifikat_awal_sudah_ada",
        )
    if jenis == domain.JenisSertifikat.ULANG and not existing:
        raise ValidationError(
            _("Sertifikat pertama seorang asesor berjenis 'awal'."), code="sertifikat_ulang_tanpa_riwayat"
        )
    if domain.sertifikat_overlap(existing, issued_on):
        raise _field_error(
            "issued_on",
            _("Masih ada sertifikat asesor yang berlaku pada tanggal itu; sertifikat tidak boleh tumpang tindih."),
            "sertifikat_tumpang_tindih",
        )
    cert = _create_sertifikat(asesor=asesor, nomor=nomor, jenis=jenis, issued_on=issued_on, dokumen=dokumen, by=by)
    audit_log(
        actor=by, action=AuditAction.ASESOR_SERTIFIKAT_RECORD, obj=asesor, to_state=jenis,
        note=str(cert), data={"sertifikat": cert.pk, "valid_until": cert.valid_until.isoformat()},
    )
    return cert


@transaction.atomic
def asesor_recognize(
    *, asesor: AsesorProfile, nomor: str, by, dokumen=None, today: date | None = None
) -> SertifikatAsesor:
    """Record a recognition (RCC): a new certificate starting the day after the current one ends — only
    when ``asesor_status`` says ``layak_rekognisi``. Otherwise refused with the reason and the count:
    ``tidak_ada_sertifikat``, ``rekognisi_sudah_dicatat``, ``rekognisi_kurang_asesmen`` (still valid,
    short), ``wajib_mengulang`` (expired and short)."""
    asesor = AsesorProfile.objects.select_for_update().get(pk=asesor.pk)
    today = today or _today()
    status = selectors.asesor_status_on(asesor=asesor, on_date=today)
    for issue in domain.rekognisi_issues(status):
        raise ValidationError(issue.message, code=issue.code, params=issue.params)
    issued_on = domain.recognition_starts_on(status.sertifikat.valid_until)
    cert = _create_sertifikat(
        asesor=asesor, nomor=nomor, jenis=domain.JenisSertifikat.REKOGNISI, issued_on=issued_on, dokumen=dokumen, by=by
    )
    audit_log(
        actor=by, action=AuditAction.ASESOR_REKOGNISI, obj=asesor, from_state=status.rekognisi,
        to_state=domain.JenisSertifikat.REKOGNISI, note=status.hitungan,
        data={"sertifikat": cert.pk, "sebelumnya": status.sertifikat.pk, "jumlah_asesmen": status.jumlah_asesmen},
    )
    return cert


# --- technical competence -----------------------------------------------------------------------


def _check_kompetensi(*, skema, bidang, issued_on, valid_until):
    issues = domain.kompetensi_issues(
        has_skema=skema is not None, bidang=bidang, issued_on=issued_on, valid_until=valid_until
    )
    _refuse(issues)


@transaction.atomic
def kompetensi_add(
    *, asesor: AsesorProfile, nomor_sertifikat: str, penerbit: str, issued_on: date, by, skema=None, bidang: str = "",
    valid_until: date | None = None, dokumen=None,
) -> KompetensiTeknis:
    _check_kompetensi(skema=skema, bidang=bidang, issued_on=issued_on, valid_until=valid_until)
    k = KompetensiTeknis(
        asesor=asesor, skema=skema, bidang="" if skema else bidang.strip(), nomor_sertifikat=nomor_sertifikat.strip(),
        penerbit=penerbit.strip(), issued_on=issued_on, valid_until=valid_until,
    )
    _attach(k, dokumen)
    k.save()
    audit_log(actor=by, action=AuditAction.ASESOR_KOMPETENSI_ADD, obj=asesor, note=str(k), data={"kompetensi": k.pk})
    return k


@transaction.atomic
def kompetensi_update(
    *, kompetensi: KompetensiTeknis, nomor_sertifikat: str, penerbit: str, issued_on: date, by, skema=None,
    bidang: str = "", valid_until: date | None = None, dokumen=None,
) -> KompetensiTeknis:
    _check_kompetensi(skema=skema, bidang=bidang, issued_on=issued_on, valid_until=valid_until)
    before = str(kompetensi)
    kompetensi.skema, kompetensi.bidang = skema, "" if skema else bidang.strip()
    kompetensi.nomor_sertifikat, kompetensi.penerbit = nomor_sertifikat.strip(), penerbit.strip()
    kompetensi.issued_on, kompetensi.valid_until = issued_on, valid_until
    _attach(kompetensi, dokumen)
    kompetensi.save()
    audit_log(
        actor=by, action=AuditAction.ASESOR_KOMPETENSI_UPDATE, obj=kompetensi.asesor, note=f"{before} → {kompetensi}",
        data={"kompetensi": kompetensi.pk},
    )
    return kompetensi
