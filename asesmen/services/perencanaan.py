"""Planning a batch: the jadwal and its states, the asesi placed in it, the asesors assigned to it and to
each asesi. Every function: keyword-only, one transaction, an audit row, emails after commit.

The guards on an asesor (R6 from ``asesor.selectors.asesor_can_assess``; no overlapping batches, R22; at
most ``LSP_ASESI_PER_ASESOR_PER_HARI`` asesi a day, R23) are decided while the asesor's profile row is
locked (``select_for_update``), so two admins assigning the same asesor at once are served one after the
other and the second sees the first's booking."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from asesi.domain import Status as PermohonanStatus
from asesi.services import permohonan_transition
from asesor.models import AsesorProfile
from asesor.selectors import asesor_can_assess
from lsp.audit import audit_log

from .. import domain, emails
from ..domain import JADWAL_OPEN, AuditAction, StatusJadwal, error
from ..models import Jadwal, PenugasanAsesor, PersetujuanAsesmen, PesertaJadwal, VerifikasiTUK
from ._common import local_day, lock_jadwal, require_admin, require_editable

# --- the batch ------------------------------------------------------------------------------------


def _check_waktu(*, mulai, selesai, kapasitas, terisi=0):
    errors = [error(code) for code in domain.jadwal_waktu_errors(mulai=mulai, selesai=selesai, now=timezone.now())]
    if not 1 <= kapasitas <= domain.KAPASITAS_MAKSIMAL:
        errors.append(error("kapasitas_invalid", max=domain.KAPASITAS_MAKSIMAL))
    elif kapasitas < terisi:
        errors.append(error("kapasitas_kurang", n=terisi))
    if errors:
        raise ValidationError(errors)


def _check_master(*, skema=None, tuk=None):
    errors = {}
    if skema is not None and not skema.aktif:
        errors["skema"] = error("skema_tidak_aktif")
    if tuk is not None and not tuk.aktif:
        errors["tuk"] = error("tuk_tidak_aktif")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def jadwal_create(*, skema, tuk, mulai, selesai, kapasitas: int, catatan: str = "", by) -> Jadwal:
    """Plan a batch of ``skema`` at ``tuk`` from ``mulai`` to ``selesai`` (in the future, end after start)."""
    require_admin(by)
    _check_master(skema=skema, tuk=tuk)
    _check_waktu(mulai=mulai, selesai=selesai, kapasitas=kapasitas)
    jadwal = Jadwal.objects.create(
        skema=skema, tuk=tuk, mulai=mulai, selesai=selesai, kapasitas=kapasitas, catatan=(catatan or "").strip(),
        dibuat_oleh=by,
    )
    audit_log(actor=by, action=AuditAction.JADWAL_CREATE, obj=jadwal, to_state=jadwal.status)
    return jadwal


@transaction.atomic
def jadwal_update(*, jadwal: Jadwal, tuk, mulai, selesai, kapasitas: int, catatan: str = "", by) -> Jadwal:
    """Change a planned batch's place, times, capacity or note. New times are checked again against every
    assigned asesor's other batches and daily load; the asesi and asesors are told of a new time or place."""
    require_admin(by)
    locked = lock_jadwal(jadwal)
    require_editable(locked)
    if tuk.pk != locked.tuk_id:
        _check_master(tuk=tuk)
    terisi = locked.peserta.filter(aktif=True).count()
    if mulai != locked.mulai:
        _check_waktu(mulai=mulai, selesai=selesai, kapasitas=kapasitas, terisi=terisi)
    else:  # an unchanged start may already be past (a batch planned for today)
        errors = [error("selesai_sebelum_mulai")] if selesai <= mulai else []
        if not 1 <= kapasitas <= domain.KAPASITAS_MAKSIMAL:
            errors.append(error("kapasitas_invalid", max=domain.KAPASITAS_MAKSIMAL))
        elif kapasitas < terisi:
            errors.append(error("kapasitas_kurang", n=terisi))
        if errors:
            raise ValidationError(errors)
    changed = {
        f: (str(getattr(locked, f)), str(v))
        for f, v in (("tuk", tuk), ("mulai", mulai), ("selesai", selesai), ("kapasitas", kapasitas))
        if getattr(locked, f) != v
    }
    locked.tuk, locked.mulai, locked.selesai, locked.kapasitas = tuk, mulai, selesai, kapasitas
    locked.catatan = (catatan or "").strip()
    if {"mulai", "selesai"} & changed.keys():
        for penugasan in locked.penugasan.select_related("asesor__user"):
            asesor = _lock_asesor(penugasan.asesor)
            _check_booking(asesor=asesor, jadwal=locked, adding=_paired(locked, asesor))
    locked.save()
    audit_log(actor=by, action=AuditAction.JADWAL_UPDATE, obj=locked, data={"changed": changed})
    if {"tuk", "mulai", "selesai"} & changed.keys():
        emails.jadwal_changed_send(jadwal=locked, jenis=emails.DIUBAH)
    for field in ("tuk", "mulai", "selesai", "kapasitas", "catatan", "updated_at"):
        setattr(jadwal, field, getattr(locked, field))
    return locked


def _tuk_siap(jadwal: Jadwal) -> bool:
    verifikasi = VerifikasiTUK.objects.filter(jadwal=jadwal).first()
    return bool(verifikasi and verifikasi.siap)


@transaction.atomic
def jadwal_transition(*, jadwal: Jadwal, to: str, by, note: str = "") -> Jadwal:
    """Move a batch: start it (TUK verified, asesi placed, each with an asesor), finish it, or cancel a
    planned one (a reason is required; every asesi goes back to *diterima* and is told, and so are the
    asesors)."""
    require_admin(by)
    locked = lock_jadwal(jadwal)
    source = locked.status
    peserta = locked.peserta.filter(aktif=True)
    code = domain.jadwal_transition_error(
        source=source, target=to, tuk_siap=_tuk_siap(locked), jumlah_peserta=peserta.count(),
        peserta_tanpa_asesor=peserta.filter(asesor__isnull=True).count(),
    )
    labels = dict(StatusJadwal.choices)
    if code:
        raise error(code, dari=labels.get(source, source), ke=labels.get(to, to))
    note = (note or "").strip()
    if to == StatusJadwal.DIBATALKAN:
        if not note:
            raise error("catatan_wajib")
        for p in peserta.select_related("permohonan__asesi__user", "permohonan__skema"):
            _release(p, by=by, note=note)
        emails.jadwal_changed_send(jadwal=locked, jenis=emails.DIBATALKAN, asesi=False)
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    audit_log(actor=by, action=AuditAction.JADWAL_STATUS, obj=locked, from_state=source, to_state=to, note=note)
    jadwal.status = to
    return locked


# --- asesi in a batch -----------------------------------------------------------------------------


def _release(peserta: PesertaJadwal, *, by, note: str) -> None:
    """Close a placement and give the application back to *diterima* (it can be scheduled again)."""
    peserta.aktif = False
    peserta.keluar_pada = timezone.now()
    peserta.save(update_fields=["aktif", "keluar_pada"])
    permohonan_transition(permohonan=peserta.permohonan, to=PermohonanStatus.DITERIMA, by=by, note=note)
    emails.peserta_send(peserta=peserta, jenis=emails.DIBATALKAN, catatan=note)


def _placement_errors(jadwal: Jadwal, permohonan_list) -> list[ValidationError]:
    errors = []
    taken = {
        p.permohonan.asesi_id: p.jadwal
        for p in PesertaJadwal.objects.filter(
            aktif=True, jadwal__status__in=JADWAL_OPEN, jadwal__skema=jadwal.skema,
            permohonan__asesi__in=[p.asesi_id for p in permohonan_list],
        ).select_related("jadwal", "permohonan")
    }
    labels = dict(PermohonanStatus.choices)
    for p in permohonan_list:
        if p.skema_id != jadwal.skema_id:
            errors.append(error("skema_tidak_sama", nomor=p.nomor))
        elif p.asesi_id in taken:
            errors.append(error("sudah_dijadwalkan", nama=p.asesi.nama_lengkap, kode=taken[p.asesi_id].kode))
        elif p.status != PermohonanStatus.DITERIMA:
            errors.append(error("permohonan_bukan_diterima", nomor=p.nomor, status=labels.get(p.status, p.status)))
    return errors


@transaction.atomic
def peserta_add(*, jadwal: Jadwal, permohonan_list, by) -> list[PesertaJadwal]:
    """Place accepted applications in a planned batch: all or none. Each must be *diterima*, of the batch's
    skema, its asesi not already in another open batch of that skema, and the batch must have room. Each
    application moves to *dijadwalkan* through ``asesi.services.permohonan_transition``."""
    require_admin(by)
    locked = lock_jadwal(jadwal)
    require_editable(locked)
    permohonan_list = list(permohonan_list)
    errors = _placement_errors(locked, permohonan_list)
    terisi = locked.peserta.filter(aktif=True).count()
    if domain.kapasitas_error(kapasitas=locked.kapasitas, terisi=terisi, tambahan=len(permohonan_list)):
        errors.append(error("kapasitas_penuh", kapasitas=locked.kapasitas))
    if errors:
        raise ValidationError(errors)
    made = []
    for p in permohonan_list:
        try:
            with transaction.atomic():
                peserta = PesertaJadwal.objects.create(jadwal=locked, permohonan=p)
        except IntegrityError:  # placed elsewhere at the same moment
            raise error("sudah_dijadwalkan", nama=p.asesi.nama_lengkap, kode="?") from None
        try:
            permohonan_transition(permohonan=p, to=PermohonanStatus.DIJADWALKAN, by=by, note=locked.kode)
        except ValidationError as exc:
            raise ValidationError([f"{p.nomor}: {m}" for m in exc.messages]) from None
        audit_log(
            actor=by, action=AuditAction.PESERTA_ADD, obj=locked, data={"permohonan": p.pk, "peserta": peserta.pk}
        )
        emails.peserta_send(peserta=peserta, jenis=emails.DIJADWALKAN)
        made.append(peserta)
    return made


def _open_placement(peserta: PesertaJadwal) -> PesertaJadwal:
    locked = PesertaJadwal.objects.select_for_update().get(pk=peserta.pk)
    if not locked.aktif:
        raise error("peserta_tidak_aktif")
    return locked


@transaction.atomic
def peserta_remove(*, peserta: PesertaJadwal, by, note: str) -> PesertaJadwal:
    """Take an asesi out of a planned batch (a reason is required): the application is *diterima* again."""
    require_admin(by)
    jadwal = lock_jadwal(peserta.jadwal)
    require_editable(jadwal)
    locked = _open_placement(peserta)
    note = (note or "").strip()
    if not note:
        raise error("catatan_wajib")
    _release(locked, by=by, note=note)
    audit_log(actor=by, action=AuditAction.PESERTA_REMOVE, obj=jadwal, note=note, data={"peserta": locked.pk})
    return locked


@transaction.atomic
def peserta_move(*, peserta: PesertaJadwal, ke: Jadwal, by) -> PesertaJadwal:
    """Move an asesi to another planned batch of the same skema, keeping the placement and everything
    recorded on it (APL.02 recommendation, consultation, AK.07 needs). The asesor pairing is cleared (the
    new batch has its own asesors) and FR.AK.01 must be agreed again (its place and time were for the old
    batch). The application stays *dijadwalkan*."""
    require_admin(by)
    dari_id = peserta.jadwal_id
    if ke.pk == dari_id:
        raise error("pindah_jadwal_sama")
    first, second = sorted([dari_id, ke.pk])
    locks = {j.pk: j for j in (lock_jadwal(Jadwal(pk=first)), lock_jadwal(Jadwal(pk=second)))}
    dari, tujuan = locks[dari_id], locks[ke.pk]
    require_editable(dari)
    require_editable(tujuan)
    locked = _open_placement(peserta)
    if tujuan.skema_id != dari.skema_id:
        raise error("skema_tidak_sama", nomor=locked.permohonan.nomor)
    terisi = tujuan.peserta.filter(aktif=True).count()
    if domain.kapasitas_error(kapasitas=tujuan.kapasitas, terisi=terisi, tambahan=1):
        raise error("kapasitas_penuh", kapasitas=tujuan.kapasitas)
    locked.jadwal, locked.asesor = tujuan, None
    locked.save(update_fields=["jadwal", "asesor"])
    PersetujuanAsesmen.objects.filter(peserta=locked).update(
        asesor_setuju_pada=None, asesor_setuju_oleh=None, asesor_setuju_ip=None,
        asesi_setuju_pada=None, asesi_setuju_oleh=None, asesi_setuju_ip=None,
    )
    audit_log(
        actor=by, action=AuditAction.PESERTA_MOVE, obj=tujuan, from_state=dari.kode, to_state=tujuan.kode,
        data={"peserta": locked.pk, "permohonan": locked.permohonan_id},
    )
    emails.peserta_send(peserta=locked, jenis=emails.DIUBAH)
    peserta.jadwal, peserta.asesor = tujuan, None
    return locked


# --- asesors --------------------------------------------------------------------------------------


def _lock_asesor(asesor: AsesorProfile) -> AsesorProfile:
    """The asesor's profile row, locked: every booking decision about this asesor waits here in turn."""
    return AsesorProfile.objects.select_for_update(of=("self",)).select_related("user").get(pk=asesor.pk)


def _paired(jadwal: Jadwal, asesor: AsesorProfile) -> int:
    return jadwal.peserta.filter(aktif=True, asesor=asesor).count()


def _eligible(*, asesor: AsesorProfile, jadwal: Jadwal, asesi_user=None) -> None:
    """R6 on every day of the batch (its first and last day: certificates are valid over a range)."""
    reasons = []
    for day in sorted({local_day(jadwal.mulai), local_day(jadwal.selesai)}):
        result = asesor_can_assess(asesor=asesor, skema=jadwal.skema, on_date=day, asesi_user=asesi_user)
        reasons += [str(r.message) for r in result.reasons if str(r.message) not in reasons]
    if reasons:
        raise error("asesor_tidak_layak", asesor=str(asesor.user), alasan=" ".join(reasons))


def _check_booking(*, asesor: AsesorProfile, jadwal: Jadwal, adding: int) -> None:
    """No other open batch of this asesor overlaps ``jadwal`` (R22), and with ``adding`` asesi of
    ``jadwal`` the asesor stays within the daily maximum (R23). Call with the asesor row locked."""
    others = (
        Jadwal.objects.filter(penugasan__asesor=asesor, status__in=JADWAL_OPEN)
        .exclude(pk=jadwal.pk)
        .filter(mulai__lt=jadwal.selesai, selesai__gt=jadwal.mulai)
        .order_by("mulai")
        .first()
    )
    if others is not None:
        raise error("asesor_bentrok", asesor=str(asesor.user), kode=others.kode)
    if not adding:
        return
    first, last = local_day(jadwal.mulai), local_day(jadwal.selesai)
    rows = (
        PesertaJadwal.objects.filter(aktif=True, asesor=asesor, jadwal__status__in=JADWAL_OPEN)
        .exclude(jadwal=jadwal)
        .values("jadwal__mulai", "jadwal__selesai")
        .annotate(n=Count("pk"))
    )
    existing = [(local_day(r["jadwal__mulai"]), local_day(r["jadwal__selesai"]), r["n"]) for r in rows]
    maximum = settings.LSP_ASESI_PER_ASESOR_PER_HARI
    day = domain.beban_error(existing=existing, first=first, last=last, adding=adding, maximum=maximum)
    if day is not None:
        raise error("asesor_penuh", asesor=str(asesor.user), max=maximum, tanggal=day.strftime("%d-%m-%Y"))


@transaction.atomic
def penugasan_add(*, jadwal: Jadwal, asesor: AsesorProfile, by) -> PenugasanAsesor:
    """Assign an asesor to a planned batch: eligible for the skema on the batch's days (R6) and not in
    another open batch at an overlapping time (R22)."""
    require_admin(by)
    locked = lock_jadwal(jadwal)
    require_editable(locked)
    asesor = _lock_asesor(asesor)
    if PenugasanAsesor.objects.filter(jadwal=locked, asesor=asesor).exists():
        raise error("asesor_sudah_ditugaskan")
    _eligible(asesor=asesor, jadwal=locked)
    _check_booking(asesor=asesor, jadwal=locked, adding=0)
    penugasan = PenugasanAsesor.objects.create(jadwal=locked, asesor=asesor, dibuat_oleh=by)
    audit_log(actor=by, action=AuditAction.PENUGASAN_ADD, obj=locked, data={"asesor": asesor.pk})
    emails.penugasan_send(penugasan=penugasan, jenis=emails.DIJADWALKAN)
    return penugasan


@transaction.atomic
def penugasan_remove(*, penugasan: PenugasanAsesor, by) -> None:
    """Withdraw an asesor from a planned batch; refused while they are paired with one of its asesi."""
    require_admin(by)
    locked = lock_jadwal(penugasan.jadwal)
    require_editable(locked)
    if _paired(locked, penugasan.asesor):
        raise error("penugasan_masih_dipakai")
    emails.penugasan_send(penugasan=penugasan, jenis=emails.DIBATALKAN)
    audit_log(actor=by, action=AuditAction.PENUGASAN_REMOVE, obj=locked, data={"asesor": penugasan.asesor_id})
    penugasan.delete()


@transaction.atomic
def peserta_assign_asesor(*, peserta: PesertaJadwal, asesor: AsesorProfile, by) -> PesertaJadwal:
    """Pair an asesi of a planned batch with one of the batch's asesors: eligible for this asesi (R6:
    not themselves, no conflict of interest) and within the daily maximum (R23)."""
    require_admin(by)
    jadwal = lock_jadwal(peserta.jadwal)
    require_editable(jadwal)
    locked = _open_placement(peserta)
    if not PenugasanAsesor.objects.filter(jadwal=jadwal, asesor=asesor).exists():
        raise error("asesor_bukan_penugasan")
    asesor = _lock_asesor(asesor)
    if locked.asesor_id == asesor.pk:
        return locked
    asesi_user = locked.permohonan.asesi.user
    _eligible(asesor=asesor, jadwal=jadwal, asesi_user=asesi_user)
    # this batch's own load counts too: the asesi already paired with the asesor here, plus this one
    _check_booking(asesor=asesor, jadwal=jadwal, adding=_paired(jadwal, asesor) + 1)
    locked.asesor = asesor
    locked.save(update_fields=["asesor"])
    audit_log(
        actor=by, action=AuditAction.PESERTA_ASESOR, obj=jadwal, data={"peserta": locked.pk, "asesor": asesor.pk}
    )
    emails.peserta_send(peserta=locked, jenis=emails.DIUBAH)
    peserta.asesor = asesor
    return locked
