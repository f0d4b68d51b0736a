"""The assessment log (internal entries from the asesmen app, external ones with their verification)
and conflicts of interest."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lsp.audit import audit_log
from lsp.roles import Role

from .. import domain, emails
from ..domain import AuditAction
from ..models import AsesorProfile, KonflikKepentingan, RiwayatAsesmen
from ._common import _admin_recipients, _attach, _field_error, _refuse, _today


@transaction.atomic
def asesmen_log_record(
    *, asesor, tanggal: date, skema, jumlah_asesi: int, sumber_ref: str, by=None
) -> RiwayatAsesmen:
    """The asesmen app calls this when an assessment carried out in this system is finished.

    ``asesor``: the ``AsesorProfile`` (or its user). ``sumber_ref``: a stable id of what was finished,
    e.g. ``"asesmen.jadwal:42:asesor:7"``; calling again with the same ref returns the first entry and
    writes nothing (safe to retry). Log one entry per assessment activity — one jadwal the asesor
    assessed, with its number of asesi: each entry counts once towards recognition."""
    if not isinstance(asesor, AsesorProfile):
        profile = AsesorProfile.objects.filter(user=asesor).first()
        if profile is None:
            raise ValidationError(_("Pengguna ini belum terdaftar sebagai asesor."), code="bukan_asesor")
        asesor = profile
    sumber_ref = (sumber_ref or "").strip()
    if not sumber_ref:
        raise ValidationError(_("Referensi sumber wajib diisi."), code="sumber_ref_wajib")
    if jumlah_asesi is None or jumlah_asesi < 1:
        raise ValidationError(_("Jumlah asesi minimal 1."), code="jumlah_asesi")
    existing = RiwayatAsesmen.objects.filter(sumber_ref=sumber_ref).first()
    if existing is None:
        entry = RiwayatAsesmen(
            asesor=asesor, sumber=RiwayatAsesmen.Sumber.INTERNAL, tanggal=tanggal, skema=skema,
            jumlah_asesi=jumlah_asesi, sumber_ref=sumber_ref, status=domain.StatusVerifikasi.DITERIMA,
            verified_at=timezone.now(), created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError:  # the same ref raced in from another worker
            existing = RiwayatAsesmen.objects.get(sumber_ref=sumber_ref)
        else:
            audit_log(
                actor=by, action=AuditAction.ASESOR_RIWAYAT_INTERNAL, obj=asesor, to_state=entry.status,
                note=str(entry), data={"riwayat": entry.pk, "sumber_ref": sumber_ref},
            )
            return entry
    if existing.asesor_id != asesor.pk:
        raise ValidationError(
            _("Referensi sumber ini sudah tercatat untuk asesor lain."), code="sumber_ref_bentrok"
        )
    return existing


@transaction.atomic
def riwayat_eksternal_add(
    *, asesor: AsesorProfile, tanggal: date, nama_lsp: str, jumlah_asesi: int, dokumen, by, skema=None,
    skema_nama: str = "", catatan: str = "", today: date | None = None,
) -> RiwayatAsesmen:
    """An admin — or the asesor themself, from their own page — enters an assessment the asesor did for
    another LSP, with its evidence. It waits for verification (``riwayat_verify``): only accepted entries
    count towards recognition, because an LSP must check the evidence (surat tugas, berita acara) before
    it relies on it. Admin LSP is emailed after commit when the asesor entered it."""
    sendiri = by is not None and by.pk == asesor.user_id
    if by is None or not (sendiri or by.has_role(Role.ADMIN_LSP)):
        raise ValidationError(
            _("Hanya admin LSP atau asesor itu sendiri yang dapat mencatat asesmen eksternal."), code="bukan_pemilik"
        )
    today = today or _today()
    _refuse(
        domain.riwayat_eksternal_issues(
            tanggal=tanggal, nama_lsp=nama_lsp, has_skema=skema is not None, skema_nama=skema_nama,
            has_dokumen=bool(dokumen), jumlah_asesi=jumlah_asesi, today=today,
        )
    )
    entry = RiwayatAsesmen(
        asesor=asesor, sumber=RiwayatAsesmen.Sumber.EKSTERNAL, tanggal=tanggal, skema=skema,
        skema_nama="" if skema else skema_nama.strip(), nama_lsp=nama_lsp.strip(), jumlah_asesi=jumlah_asesi,
        catatan=catatan, status=domain.StatusVerifikasi.MENUNGGU,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _attach(entry, dokumen)
    entry.save()
    audit_log(
        actor=by, action=AuditAction.ASESOR_RIWAYAT_EKSTERNAL, obj=asesor, to_state=entry.status, note=str(entry),
        data={"riwayat": entry.pk},
    )
    if sendiri:
        for admin in _admin_recipients():
            if admin.pk != asesor.user_id:
                emails.riwayat_eksternal_diajukan_send(riwayat=entry, penerima=admin)
    return entry


@transaction.atomic
def riwayat_verify(*, riwayat: RiwayatAsesmen, terima: bool, by, catatan: str = "") -> RiwayatAsesmen:
    """Accept or reject an external log entry after checking its evidence (rejecting needs a reason)."""
    riwayat = RiwayatAsesmen.objects.select_for_update().select_related("asesor").get(pk=riwayat.pk)
    target = domain.StatusVerifikasi.DITERIMA if terima else domain.StatusVerifikasi.DITOLAK
    if not domain.can_transition(domain.VERIFIKASI_TRANSITIONS, riwayat.status, target):
        raise ValidationError(_("Entri ini sudah diverifikasi."), code="transisi_tidak_sah")
    if by is not None and by.pk == riwayat.asesor.user_id:
        raise ValidationError(_("Anda tidak boleh memverifikasi asesmen Anda sendiri."), code="verifikasi_diri_sendiri")
    if not terima and not (catatan or "").strip():
        raise _field_error("catatan", _("Tuliskan alasan penolakan."), "alasan_wajib")
    before = riwayat.status
    riwayat.status, riwayat.catatan_verifikasi = target, catatan
    riwayat.verified_by = by if getattr(by, "is_authenticated", False) else None
    riwayat.verified_at = timezone.now()
    riwayat.save(update_fields=["status", "catatan_verifikasi", "verified_by", "verified_at"])
    audit_log(
        actor=by, action=AuditAction.ASESOR_RIWAYAT_VERIFY, obj=riwayat.asesor, from_state=before, to_state=target,
        note=catatan, data={"riwayat": riwayat.pk},
    )
    return riwayat


# --- conflicts of interest ----------------------------------------------------------------------


@transaction.atomic
def konflik_declare(*, asesor: AsesorProfile, pihak, alasan: str, by) -> KonflikKepentingan:
    if not (alasan or "").strip():
        raise _field_error("alasan", _("Alasan wajib diisi."), "required")
    if pihak.pk == asesor.user_id:
        raise _field_error("pihak", _("Asesor tidak perlu mencatat konflik dengan dirinya sendiri."), "diri_sendiri")
    if KonflikKepentingan.objects.filter(asesor=asesor, pihak=pihak).exists():
        raise _field_error("pihak", _("Konflik kepentingan dengan orang ini sudah tercatat."), "konflik_sudah_ada")
    konflik = KonflikKepentingan.objects.create(
        asesor=asesor, pihak=pihak, alasan=alasan.strip(),
        declared_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_log(actor=by, action=AuditAction.ASESOR_KONFLIK_DECLARE, obj=asesor, note=f"{pihak}: {konflik.alasan}",
              data={"konflik": konflik.pk, "pihak": pihak.pk})
    return konflik
