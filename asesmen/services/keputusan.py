"""After the assessment: the asesor's FR.AK.05 report per batch (signed, then final); the komite's pleno
decision on each asesi (never by the asesor who assessed them); the SK hasil uji kompetensi per batch,
submitted by the komite and approved or refused by the director. Approving moves every application to
*diputuskan* with its outcome through ``asesi.services.permohonan_transition`` (the asesi is told then),
and turns a kompeten diklat participant into an asesor with a first certificate (``asesor.services``).
Issuing competency certificates is the ``sertifikat`` app's step, reading approved SKs."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from asesi.domain import Status as PermohonanStatus
from asesi.services import permohonan_transition
from asesor.models import AsesorProfile
from asesor.selectors import peserta_diklat_open_for
from asesor.services import diklat_peserta_declare_kompeten
from lsp.audit import audit_log
from lsp.models import LspProfile
from lsp.roles import Role
from lsp.selectors import libur_antara

from .. import domain_keputusan as rules
from ..domain_keputusan import AuditAction, StatusLaporan, StatusSK, error
from ..domain_pelaksanaan import StatusRekaman
from ..models import (
    Jadwal,
    KeputusanPeserta,
    KeputusanSK,
    LaporanAsesmen,
    NomorUrutKeputusan,
    PenugasanAsesor,
    PesertaJadwal,
    RekamanAsesmen,
)
from .pelaksanaan import decode_signature

# --- FR.AK.05 -------------------------------------------------------------------------------------


def _lock_laporan(penugasan: PenugasanAsesor, by) -> LaporanAsesmen:
    if penugasan.asesor.user_id != by.pk:
        raise error("laporan_bukan_asesor")
    PenugasanAsesor.objects.select_for_update().filter(pk=penugasan.pk).first()
    laporan, _created = LaporanAsesmen.objects.get_or_create(penugasan=penugasan)
    if laporan.status != StatusLaporan.DRAF:
        raise error("laporan_sudah")
    return laporan


@transaction.atomic
def laporan_save(*, penugasan: PenugasanAsesor, catatan: str = "", rekomendasi: str = "", tindak_lanjut: str = "",
                 by) -> LaporanAsesmen:
    """The assigned asesor writes the notes, recommendations and follow-ups of FR.AK.05 (a draft)."""
    laporan = _lock_laporan(penugasan, by)
    laporan.catatan, laporan.rekomendasi = (catatan or "").strip(), (rekomendasi or "").strip()
    laporan.tindak_lanjut = (tindak_lanjut or "").strip()
    laporan.save()
    audit_log(actor=by, action=AuditAction.LAPORAN_SAVE, obj=penugasan.jadwal, data={"penugasan": penugasan.pk})
    return laporan


@transaction.atomic
def laporan_sign(*, penugasan: PenugasanAsesor, ttd: str, by, ip: str | None) -> LaporanAsesmen:
    """The asesor signs FR.AK.05 once every one of their asesi in the batch has a submitted FR.AK.02."""
    laporan = _lock_laporan(penugasan, by)
    mine = PesertaJadwal.objects.filter(jadwal_id=penugasan.jadwal_id, asesor_id=penugasan.asesor_id, aktif=True)
    codes = rules.laporan_errors(
        jumlah=mine.count(), belum_diajukan=mine.exclude(rekaman__status=StatusRekaman.DIAJUKAN).count())
    if codes:
        raise ValidationError([error(c) for c in codes])
    upload = decode_signature(ttd)
    laporan.ttd.save("ttd.png", upload, save=False)
    laporan.status, laporan.ttd_pada, laporan.ttd_oleh, laporan.ttd_ip = (
        StatusLaporan.DITANDATANGANI, timezone.now(), by, ip)
    laporan.save()
    audit_log(actor=by, action=AuditAction.LAPORAN_SIGN, obj=penugasan.jadwal, from_state=StatusLaporan.DRAF,
              to_state=StatusLaporan.DITANDATANGANI, data={"penugasan": penugasan.pk, "ip": ip})
    return laporan


# --- pleno ----------------------------------------------------------------------------------------


def _lock_sk(jadwal_id: int) -> KeputusanSK:
    """The batch's SK (created as a draft on the first decision), locked for the transaction. The batch
    row is locked first, so two komite members deciding the first asesi at once make one SK."""
    Jadwal.objects.select_for_update().filter(pk=jadwal_id).first()
    KeputusanSK.objects.get_or_create(jadwal_id=jadwal_id)
    return KeputusanSK.objects.select_for_update(of=("self",)).select_related("jadwal__skema").get(jadwal_id=jadwal_id)


def _calon_asesor(peserta: PesertaJadwal):
    """The open diklat participation of this asesi on the batch's skema, or None."""
    return peserta_diklat_open_for(user=peserta.permohonan.asesi.user, skema=peserta.jadwal.skema)


@transaction.atomic
def keputusan_save(*, peserta: PesertaJadwal, keputusan: str, catatan: str = "", by,
                   today: date | None = None) -> KeputusanPeserta:
    """A komite member decides *kompeten* / *belum kompeten* on one asesi from their submitted record.
    Refused for the asesor who assessed the asesi (ISO/IEC 17024 §4.3), the asesi themself, the Master
    Asesor who trained a diklat participant, a record not submitted or an SK already submitted. A
    decision after 5 working days is kept with ``terlambat`` (a warning, not a block); the LSP's holiday
    calendar (libur nasional, cuti bersama: R64) does not count as working days."""
    today = today or timezone.localdate()
    sk = _lock_sk(peserta.jadwal_id)
    locked = PesertaJadwal.objects.select_related("permohonan__asesi__user", "asesor", "jadwal__skema").get(
        pk=peserta.pk)
    rekaman = RekamanAsesmen.objects.filter(peserta=locked).first()
    diklat = _calon_asesor(locked)
    code = rules.keputusan_error(
        keputusan=keputusan,
        is_komite=Role.KOMITE.value in by.role_names,
        is_asesor_asesi=locked.asesor is not None and locked.asesor.user_id == by.pk,
        is_pemilik=locked.permohonan.asesi.user_id == by.pk,
        is_pelatih=diklat is not None and diklat.diklat.master_asesor.user_id == by.pk,
        rekaman_final=bool(rekaman and rekaman.final and locked.aktif),
        sk_editable=sk.status in rules.SK_EDITABLE,
        calon_asesor=diklat is not None,
        asesor_master=bool(locked.asesor and locked.asesor.is_master),
    )
    if code:
        raise error(code)
    diases = timezone.localtime(rekaman.diajukan_pada).date()
    terlambat = rules.keputusan_terlambat(diases=diases, diputuskan=today, libur=libur_antara(diases, today))
    before = KeputusanPeserta.objects.filter(peserta=locked).values_list("keputusan", flat=True).first()
    row, _created = KeputusanPeserta.objects.update_or_create(
        peserta=locked,
        defaults={"sk": sk, "keputusan": keputusan, "catatan": (catatan or "").strip(), "terlambat": terlambat,
                  "oleh": by, "pada": timezone.now()},
    )
    audit_log(actor=by, action=AuditAction.KEPUTUSAN_SAVE, obj=locked.permohonan, from_state=before or "",
              to_state=keputusan, data={"sk": sk.pk, "rekomendasi": rekaman.rekomendasi, "terlambat": terlambat})
    return row


@transaction.atomic
def sk_save(*, sk: KeputusanSK, tanggal_pleno: date | None, catatan: str = "", by) -> KeputusanSK:
    """The komite sets the pleno date and notes of a draft (or refused) SK."""
    if Role.KOMITE.value not in by.role_names:
        raise PermissionDenied
    locked = _lock_sk(sk.jadwal_id)
    if locked.status not in rules.SK_EDITABLE:
        raise error("sk_terkunci")
    locked.tanggal_pleno, locked.catatan = tanggal_pleno, (catatan or "").strip()
    locked.save(update_fields=["tanggal_pleno", "catatan", "updated_at"])
    audit_log(actor=by, action=AuditAction.SK_SAVE, obj=locked,
              data={"tanggal_pleno": tanggal_pleno.isoformat() if tanggal_pleno else None})
    return locked


def sk_peserta(sk: KeputusanSK):
    """The asesi an SK decides: the batch's open placements with a FR.AK.02 record."""
    return PesertaJadwal.objects.filter(jadwal_id=sk.jadwal_id, aktif=True, rekaman__isnull=False)


def _nomor_next(jenis: str, tahun: int) -> int:
    NomorUrutKeputusan.objects.get_or_create(jenis=jenis, tahun=tahun)
    row = NomorUrutKeputusan.objects.select_for_update().get(jenis=jenis, tahun=tahun)
    row.terakhir += 1
    row.save(update_fields=["terakhir"])
    return row.terakhir


def sk_nomor(*, urut: int, tahun: int, kode_lsp: str) -> str:
    return f"{urut:04d}/SK-HUK/LSP-{kode_lsp or '000'}/{tahun}"


@transaction.atomic
def sk_transition(*, sk: KeputusanSK, to: str, by, alasan: str = "", today: date | None = None) -> KeputusanSK:
    """Move an SK: the komite submits (pleno date set, every asesi decided); the director approves or
    refuses with a reason. Approval gives the SK number, moves each application to *diputuskan* with
    its outcome, and makes kompeten diklat participants asesors."""
    today = today or timezone.localdate()
    locked = _lock_sk(sk.jadwal_id)
    source = locked.status
    code = rules.sk_transition_error(source=source, target=to, roles=by.role_names, alasan=alasan)
    if code:
        labels = dict(StatusSK.choices)
        raise error(code, dari=labels.get(source, source), ke=labels.get(to, to))
    now = timezone.now()
    if to == StatusSK.DIAJUKAN:
        peserta = list(sk_peserta(locked).select_related("permohonan__asesi").order_by("pk"))
        decided = set(KeputusanPeserta.objects.filter(sk=locked).values_list("peserta_id", flat=True))
        belum = [p for p in peserta if p.pk not in decided]
        codes = rules.sk_submit_errors(tanggal_pleno=locked.tanggal_pleno, belum_diputuskan=len(belum),
                                       jumlah=len(peserta), today=today)
        if codes:
            nama = ", ".join(p.permohonan.asesi.nama_lengkap for p in belum[:5])
            raise ValidationError([error(c, n=len(belum), nama=nama) if c == "sk_belum_diputuskan" else error(c)
                                   for c in codes])
        locked.diajukan_pada, locked.diajukan_oleh, locked.alasan_tolak = now, by, ""
    elif to == StatusSK.DITOLAK:
        locked.alasan_tolak = alasan.strip()
        locked.diputuskan_pada, locked.diputuskan_oleh = now, by
    elif to == StatusSK.DISETUJUI:
        lsp = LspProfile.get()
        locked.nomor = sk_nomor(urut=_nomor_next("sk", today.year), tahun=today.year, kode_lsp=lsp.kode_lsp)
        locked.diputuskan_pada, locked.diputuskan_oleh = now, by
    locked.status = to
    locked.save()
    audit_log(actor=by, action=AuditAction.SK_STATUS, obj=locked, from_state=source, to_state=to,
              note=locked.alasan_tolak if to == StatusSK.DITOLAK else "", data={"nomor": locked.nomor})
    if to == StatusSK.DISETUJUI:
        _apply(locked, by=by, today=today, kode_lsp=lsp.kode_lsp)
    return locked


def _apply(sk: KeputusanSK, *, by, today: date, kode_lsp: str) -> None:
    rows = (KeputusanPeserta.objects.filter(sk=sk)
            .select_related("peserta__permohonan__asesi__user", "peserta__asesor", "peserta__jadwal__skema")
            .order_by("peserta_id"))
    for row in rows:
        permohonan = row.peserta.permohonan
        if permohonan.status == PermohonanStatus.DIASES:
            permohonan_transition(permohonan=permohonan, to=PermohonanStatus.DIPUTUSKAN, by=by,
                                  keputusan=row.keputusan, note=f"SK {sk.nomor}")
        if row.keputusan == "K":
            _asesor_from_sk(row, sk=sk, by=by, today=today, kode_lsp=kode_lsp)


def asesor_nomor_registrasi(urut: int, tahun: int) -> str:
    return f"MET.000.{urut:06d} {tahun}"


def _asesor_from_sk(row: KeputusanPeserta, *, sk: KeputusanSK, by, today: date, kode_lsp: str) -> None:
    """A kompeten diklat participant becomes an asesor: registration number from the LSP's own MET series
    (skipping numbers already registered by hand), certificate number from the LSP's asesor-certificate
    series; valid 3 years from the approval day (``asesor.domain``)."""
    diklat = _calon_asesor(row.peserta)
    if diklat is None:
        return
    if not (row.peserta.asesor and row.peserta.asesor.is_master):
        raise error("calon_asesor_bukan_master")
    profile = AsesorProfile.objects.filter(user=row.peserta.permohonan.asesi.user).first()
    registrasi = profile.nomor_registrasi if profile else ""
    while not registrasi or (profile is None and AsesorProfile.objects.filter(nomor_registrasi=registrasi).exists()):
        registrasi = asesor_nomor_registrasi(_nomor_next("met", today.year), today.year)
    sertifikat = f"SA/{kode_lsp or '000'}/{today.year}/{_nomor_next('sertifikat_asesor', today.year):05d}"
    asesor = diklat_peserta_declare_kompeten(
        peserta=diklat, nomor_registrasi=registrasi, nomor_sertifikat=sertifikat, issued_on=today, by=by,
        catatan=f"SK {sk.nomor}", today=today)
    audit_log(actor=by, action=AuditAction.ASESOR_DARI_SK, obj=sk, to_state=asesor.nomor_registrasi,
              data={"peserta_diklat": diklat.pk, "sertifikat": sertifikat})
