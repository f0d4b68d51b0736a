"""Before the assessment: the TUK readiness check, the plan (FR.MAPA.01/02, copied from an earlier batch
if wanted), the asesor's impartiality declaration, the APL.02 recommendation, the pre-assessment
consultation, FR.AK.07 needs and FR.AK.01 agreed by both sides (who, when, from which address)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from asesi.services import asesi_profile_view_record
from lsp.access import is_admin_lsp
from lsp.audit import audit_log

from .. import domain
from ..domain import JADWAL_OPEN, AuditAction, Rekomendasi, error
from ..models import (
    Jadwal,
    KonsultasiPraAsesmen,
    MapaElemen,
    MapaUnit,
    PenugasanAsesor,
    PersetujuanAsesmen,
    PesertaJadwal,
    VerifikasiTUK,
)
from ._common import lock_jadwal, require_admin, require_editable


def _is_assigned(jadwal: Jadwal, user) -> bool:
    return PenugasanAsesor.objects.filter(jadwal=jadwal, asesor__user=user).exists()


def _open_peserta(peserta: PesertaJadwal) -> PesertaJadwal:
    locked = (
        PesertaJadwal.objects.select_for_update(of=("self",))
        .select_related("jadwal", "asesor", "permohonan__asesi")
        .get(pk=peserta.pk)
    )
    if not locked.aktif or locked.jadwal.status not in JADWAL_OPEN:
        raise error("peserta_tidak_aktif")
    return locked


def _require_paired_asesor(peserta: PesertaJadwal, by) -> None:
    if peserta.asesor is None or peserta.asesor.user_id != by.pk:
        raise error("bukan_asesor_penugasan")


# --- TUK and plan ---------------------------------------------------------------------------------


@transaction.atomic
def verifikasi_tuk_save(*, jadwal: Jadwal, tempat: bool, peralatan: bool, bahan: bool, k3: bool, tanggal,
                        catatan: str = "", by) -> VerifikasiTUK:
    """Record the TUK readiness checklist of a planned batch (an asesor assigned to it, or admin LSP).
    The batch can start only when every item is met (``domain.jadwal_transition_error``)."""
    locked = lock_jadwal(jadwal)
    if not (is_admin_lsp(by) or _is_assigned(locked, by)):
        raise PermissionDenied
    require_editable(locked)
    if tanggal > timezone.localdate():
        raise ValidationError({"tanggal": error("tanggal_verifikasi")})
    verifikasi, _created = VerifikasiTUK.objects.update_or_create(
        jadwal=locked,
        defaults={"tempat": tempat, "peralatan": peralatan, "bahan": bahan, "k3": k3, "tanggal": tanggal,
                  "catatan": (catatan or "").strip(), "diverifikasi_oleh": by},
    )
    audit_log(actor=by, action=AuditAction.TUK_VERIFY, obj=locked, to_state="siap" if verifikasi.siap else "belum",
              data={"tempat": tempat, "peralatan": peralatan, "bahan": bahan, "k3": k3})
    return verifikasi


@transaction.atomic
def mapa_save(*, jadwal: Jadwal, unit, pendekatan: str, konteks: str, metode, jenis_bukti, instrumen,
              konfirmasi_bukti: str = "", elemen=None, by) -> MapaUnit:
    """FR.MAPA.01 (approach, context, methods, evidence kinds) and FR.MAPA.02 (instruments) for one unit,
    with the methods and evidence kinds of each of its elements: ``elemen`` maps an element's pk to
    ``(metode, jenis_bukti)``; an element not given takes the unit's."""
    require_admin(by)
    locked = lock_jadwal(jadwal)
    require_editable(locked)
    if unit.skema_id != locked.skema_id:
        raise error("mapa_unit")
    codes = domain.mapa_errors(metode=metode, jenis_bukti=jenis_bukti, instrumen=instrumen)
    if codes:
        fields = {"mapa_metode": "metode", "mapa_bukti": "jenis_bukti", "mapa_instrumen": "instrumen"}
        raise ValidationError({fields[c]: error(c) for c in codes})
    elemen = elemen or {}
    rows = []
    for el in unit.elemen.order_by("urutan", "pk"):
        el_metode, el_bukti = elemen.get(el.pk) or (metode, jenis_bukti)
        if domain.mapa_elemen_errors(metode=el_metode, jenis_bukti=el_bukti):
            raise error("mapa_elemen", nama=f"{el.urutan}. {el.nama[:60]}")
        rows.append((el, sorted(set(el_metode)), sorted(set(el_bukti))))
    mapa, _created = MapaUnit.objects.update_or_create(
        jadwal=locked, unit=unit,
        defaults={"pendekatan": pendekatan, "konteks": konteks, "konfirmasi_bukti": (konfirmasi_bukti or "").strip(),
                  "metode": sorted(set(metode)), "jenis_bukti": sorted(set(jenis_bukti)),
                  "instrumen": sorted(set(instrumen))},
    )
    mapa.elemen_rencana.all().delete()
    MapaElemen.objects.bulk_create(
        MapaElemen(mapa=mapa, elemen=el, metode=m, jenis_bukti=b) for el, m, b in rows
    )
    audit_log(actor=by, action=AuditAction.MAPA_SAVE, obj=locked, data={"unit": unit.kode, "instrumen": mapa.instrumen})
    return mapa


@transaction.atomic
def mapa_copy(*, jadwal: Jadwal, sumber: Jadwal, by) -> int:
    """Copy the plan of an earlier batch of the same skema (replacing this batch's plan for those units)."""
    require_admin(by)
    locked = lock_jadwal(jadwal)
    require_editable(locked)
    if sumber.pk == locked.pk or sumber.skema_id != locked.skema_id:
        raise error("mapa_sumber")
    rows = list(MapaUnit.objects.filter(jadwal=sumber, unit__skema=locked.skema))
    if not rows:
        raise error("mapa_sumber_kosong")
    MapaUnit.objects.filter(jadwal=locked, unit__in=[r.unit_id for r in rows]).delete()
    copies = MapaUnit.objects.bulk_create(
        MapaUnit(jadwal=locked, unit_id=r.unit_id, pendekatan=r.pendekatan, konteks=r.konteks,
                 konfirmasi_bukti=r.konfirmasi_bukti, metode=r.metode, jenis_bukti=r.jenis_bukti, instrumen=r.instrumen)
        for r in rows
    )
    copy_of = {r.pk: c for r, c in zip(rows, copies, strict=True)}
    MapaElemen.objects.bulk_create(
        MapaElemen(mapa=copy_of[e.mapa_id], elemen_id=e.elemen_id, metode=e.metode, jenis_bukti=e.jenis_bukti)
        for e in MapaElemen.objects.filter(mapa__in=rows, elemen__unit__skema=locked.skema)
    )
    audit_log(actor=by, action=AuditAction.MAPA_COPY, obj=locked, data={"sumber": sumber.pk, "unit": len(rows)})
    return len(rows)


# --- the asesor -----------------------------------------------------------------------------------


@transaction.atomic
def pernyataan_sign(*, penugasan: PenugasanAsesor, by, ip: str | None) -> PenugasanAsesor:
    """The asesor's declaration of impartiality and confidentiality for the batch (once; again is a no-op)."""
    locked = PenugasanAsesor.objects.select_for_update(of=("self",)).select_related("asesor", "jadwal").get(
        pk=penugasan.pk
    )
    if locked.asesor.user_id != by.pk:
        raise error("pernyataan_belum_asesor")
    if locked.jadwal.status not in JADWAL_OPEN:
        raise error("jadwal_terkunci", kode=locked.jadwal.kode, status=locked.jadwal.get_status_display())
    if locked.pernyataan_pada is None:
        locked.pernyataan_pada, locked.pernyataan_ip = timezone.now(), ip
        locked.save(update_fields=["pernyataan_pada", "pernyataan_ip"])
        audit_log(actor=by, action=AuditAction.PERNYATAAN_SIGN, obj=locked.jadwal, data={"ip": ip})
    return locked


@transaction.atomic
def rekomendasi_save(*, peserta: PesertaJadwal, rekomendasi: str, catatan: str = "", by) -> PesertaJadwal:
    """The paired asesor's recommendation on FR.APL.02: the assessment can go on, or not (with a reason)."""
    locked = _open_peserta(peserta)
    _require_paired_asesor(locked, by)
    catatan = (catatan or "").strip()
    if rekomendasi not in Rekomendasi.values:
        raise ValidationError({"rekomendasi": error("rekomendasi_invalid")})
    if rekomendasi == Rekomendasi.TIDAK_LANJUT and not catatan:
        raise ValidationError({"catatan": error("catatan_wajib")})
    locked.rekomendasi, locked.rekomendasi_catatan, locked.rekomendasi_pada = rekomendasi, catatan, timezone.now()
    locked.save(update_fields=["rekomendasi", "rekomendasi_catatan", "rekomendasi_pada"])
    audit_log(actor=by, action=AuditAction.REKOMENDASI_SAVE, obj=locked.permohonan, to_state=rekomendasi, note=catatan)
    peserta.rekomendasi, peserta.rekomendasi_catatan = locked.rekomendasi, locked.rekomendasi_catatan
    return locked


@transaction.atomic
def penyesuaian_save(*, peserta: PesertaJadwal, penyesuaian: str, by) -> PesertaJadwal:
    """FR.AK.07: the reasonable adjustments this asesi needs (the paired asesor or admin LSP)."""
    locked = _open_peserta(peserta)
    if not is_admin_lsp(by):
        _require_paired_asesor(locked, by)
    locked.penyesuaian = (penyesuaian or "").strip()
    locked.save(update_fields=["penyesuaian"])
    audit_log(actor=by, action=AuditAction.PENYESUAIAN_SAVE, obj=locked.permohonan, note=locked.penyesuaian)
    return locked


def peserta_view_record(*, peserta: PesertaJadwal, by, via: str) -> None:
    """The assigned asesor saw this asesi's full personal data or a document (UU PDP accountability)."""
    audit_log(actor=by, action=AuditAction.ASESI_VIEW, obj=peserta.permohonan, data={"via": via, "peserta": peserta.pk})
    asesi_profile_view_record(profile=peserta.permohonan.asesi, by=by, via=f"asesmen:{via}")


# --- konsultasi pra-asesmen -----------------------------------------------------------------------


@transaction.atomic
def konsultasi_save(*, peserta: PesertaJadwal, proses: bool, bukti: bool, hak: bool, kerahasiaan: bool,
                    catatan: str = "", by) -> KonsultasiPraAsesmen:
    """The paired asesor records the consultation; every checklist item must have been explained."""
    locked = _open_peserta(peserta)
    _require_paired_asesor(locked, by)
    if not (proses and bukti and hak and kerahasiaan):
        raise error("konsultasi_checklist")
    konsultasi, _created = KonsultasiPraAsesmen.objects.update_or_create(
        peserta=locked,
        defaults={"proses": proses, "bukti": bukti, "hak": hak, "kerahasiaan": kerahasiaan,
                  "catatan": (catatan or "").strip(), "asesor_konfirmasi_pada": timezone.now(),
                  "asesor_konfirmasi_oleh": by},
    )
    audit_log(actor=by, action=AuditAction.KONSULTASI_SAVE, obj=locked.permohonan)
    return konsultasi


@transaction.atomic
def konsultasi_confirm(*, peserta: PesertaJadwal, by, ip: str | None) -> KonsultasiPraAsesmen:
    """The asesi confirms the consultation took place (after the asesor recorded it)."""
    locked = _open_peserta(peserta)
    if locked.permohonan.asesi.user_id != by.pk:
        raise error("bukan_asesi_pemilik")
    konsultasi = KonsultasiPraAsesmen.objects.select_for_update().filter(peserta=locked).first()
    if konsultasi is None or konsultasi.asesor_konfirmasi_pada is None:
        raise error("konsultasi_belum_asesor")
    if konsultasi.asesi_konfirmasi_pada is None:
        konsultasi.asesi_konfirmasi_pada, konsultasi.asesi_konfirmasi_ip = timezone.now(), ip
        konsultasi.save(update_fields=["asesi_konfirmasi_pada", "asesi_konfirmasi_ip"])
        audit_log(actor=by, action=AuditAction.KONSULTASI_CONFIRM, obj=locked.permohonan, data={"ip": ip})
    return konsultasi


# --- FR.AK.01 -------------------------------------------------------------------------------------

_CLEARED = {
    "asesor_setuju_pada": None, "asesor_setuju_oleh": None, "asesor_setuju_ip": None,
    "asesi_setuju_pada": None, "asesi_setuju_oleh": None, "asesi_setuju_ip": None,
}


@transaction.atomic
def ak01_save(*, peserta: PesertaJadwal, bukti, tempat: str, waktu, by) -> PersetujuanAsesmen:
    """The plan both sides agree on: evidence, place, a time within the batch. A change clears both
    confirmations (they agreed to something else)."""
    locked = _open_peserta(peserta)
    if not is_admin_lsp(by):
        _require_paired_asesor(locked, by)
    bukti = sorted(set(bukti or []))
    tempat = (tempat or "").strip()
    errors = {}
    if not bukti or not set(bukti) <= set(domain.BuktiAK01.values):
        errors["bukti"] = error("ak01_bukti")
    if not tempat:
        errors["tempat"] = error("ak01_tempat")
    if waktu is None or not locked.jadwal.mulai <= waktu <= locked.jadwal.selesai:
        errors["waktu"] = error("ak01_waktu")
    if errors:
        raise ValidationError(errors)
    current = PersetujuanAsesmen.objects.select_for_update().filter(peserta=locked).first()
    if current and (current.bukti, current.tempat, current.waktu) == (bukti, tempat, waktu):
        return current
    ak01, _created = PersetujuanAsesmen.objects.update_or_create(
        peserta=locked, defaults={"bukti": bukti, "tempat": tempat, "waktu": waktu, **_CLEARED}
    )
    audit_log(actor=by, action=AuditAction.AK01_SAVE, obj=locked.permohonan, data={"bukti": bukti, "tempat": tempat})
    return ak01


@transaction.atomic
def ak01_confirm(*, peserta: PesertaJadwal, by, ip: str | None) -> PersetujuanAsesmen:
    """The asesi (owner) or the paired asesor agrees to FR.AK.01: who, when and from which address."""
    locked = _open_peserta(peserta)
    ak01 = PersetujuanAsesmen.objects.select_for_update().filter(peserta=locked).first()
    if ak01 is None:
        raise error("ak01_belum_diisi")
    now = timezone.now()
    if locked.permohonan.asesi.user_id == by.pk:
        side = "asesi"
    elif locked.asesor is not None and locked.asesor.user_id == by.pk:
        side = "asesor"
    else:
        raise error("bukan_asesor_penugasan")
    if getattr(ak01, f"{side}_setuju_pada") is None:
        setattr(ak01, f"{side}_setuju_pada", now)
        setattr(ak01, f"{side}_setuju_oleh", by)
        setattr(ak01, f"{side}_setuju_ip", ip)
        ak01.save(update_fields=[f"{side}_setuju_pada", f"{side}_setuju_oleh", f"{side}_setuju_ip", "updated_at"])
        audit_log(actor=by, action=AuditAction.AK01_CONFIRM, obj=locked.permohonan, to_state=side, data={"ip": ip})
    return ak01
