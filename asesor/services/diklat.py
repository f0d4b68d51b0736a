"""Diklat asesor: the training, its participants and their outcomes (*kompeten* makes an asesor)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lsp.audit import audit_log

from .. import domain, emails, selectors
from ..domain import AuditAction
from ..models import AsesorProfile, Diklat, PesertaDiklat
from ._common import _field_error, _normalize_nomor, _refuse
from .registry import asesor_register
from .sertifikat import sertifikat_asesor_record


def _check_diklat(*, master_asesor, tanggal_mulai, tanggal_selesai, tuk, tempat):
    berlaku = None
    if master_asesor.is_master:
        berlaku = selectors.asesor_status_on(asesor=master_asesor, on_date=tanggal_mulai).berlaku
    _refuse(
        domain.diklat_jadwal_issues(
            tanggal_mulai=tanggal_mulai, tanggal_selesai=tanggal_selesai, has_tuk=tuk is not None, tempat=tempat
        )
        + domain.diklat_master_issues(master_is_master=master_asesor.is_master, master_berlaku=berlaku)
    )


@transaction.atomic
def diklat_create(
    *, nama: str, skema, tanggal_mulai: date, tanggal_selesai: date, master_asesor: AsesorProfile, by, tuk=None,
    tempat: str = "", keterangan: str = "",
) -> Diklat:
    _check_diklat(
        master_asesor=master_asesor, tanggal_mulai=tanggal_mulai, tanggal_selesai=tanggal_selesai, tuk=tuk,
        tempat=tempat,
    )
    diklat = Diklat.objects.create(
        nama=nama.strip(), skema=skema, tanggal_mulai=tanggal_mulai, tanggal_selesai=tanggal_selesai,
        master_asesor=master_asesor, tuk=tuk, tempat="" if tuk else tempat.strip(), keterangan=keterangan,
    )
    audit_log(actor=by, action=AuditAction.ASESOR_DIKLAT_CREATE, obj=diklat, to_state="dibuat")
    return diklat


@transaction.atomic
def diklat_update(
    *, diklat: Diklat, nama: str, skema, tanggal_mulai: date, tanggal_selesai: date, master_asesor: AsesorProfile, by,
    tuk=None, tempat: str = "", keterangan: str = "",
) -> Diklat:
    _check_diklat(
        master_asesor=master_asesor, tanggal_mulai=tanggal_mulai, tanggal_selesai=tanggal_selesai, tuk=tuk,
        tempat=tempat,
    )
    diklat.nama, diklat.skema, diklat.master_asesor = nama.strip(), skema, master_asesor
    diklat.tanggal_mulai, diklat.tanggal_selesai = tanggal_mulai, tanggal_selesai
    diklat.tuk, diklat.tempat, diklat.keterangan = tuk, "" if tuk else tempat.strip(), keterangan
    diklat.save()
    audit_log(actor=by, action=AuditAction.ASESOR_DIKLAT_UPDATE, obj=diklat)
    return diklat


@transaction.atomic
def diklat_peserta_add(*, diklat: Diklat, user, by) -> PesertaDiklat:
    if diklat.master_asesor.user_id == user.pk:
        raise _field_error(
            "user", _("Master Asesor diklat ini tidak bisa menjadi pesertanya."), "master_sebagai_peserta"
        )
    duplicate = _field_error("user", _("Orang ini sudah menjadi peserta diklat ini."), "peserta_sudah_terdaftar")
    if PesertaDiklat.objects.filter(diklat=diklat, user=user).exists():
        raise duplicate
    try:
        with transaction.atomic():
            peserta = PesertaDiklat.objects.create(diklat=diklat, user=user)
    except IntegrityError:  # the same person added twice at once
        raise duplicate from None
    audit_log(
        actor=by, action=AuditAction.ASESOR_DIKLAT_PESERTA_ADD, obj=diklat, to_state=peserta.hasil, note=str(user),
        data={"peserta": peserta.pk},
    )
    return peserta


def _transition_peserta(peserta: PesertaDiklat, target: str):
    if not domain.can_transition(domain.PESERTA_TRANSITIONS, peserta.hasil, target):
        raise ValidationError(
            _("Hasil peserta tidak bisa diubah dari '%(dari)s' menjadi '%(ke)s'.")
            % {"dari": domain.HasilPeserta(peserta.hasil).label, "ke": domain.HasilPeserta(target).label},
            code="transisi_tidak_sah",
        )


@transaction.atomic
def diklat_peserta_set_hasil(*, peserta: PesertaDiklat, hasil: str, by, catatan: str = "") -> PesertaDiklat:
    """Record *belum kompeten* or a withdrawal (*kompeten* goes through ``diklat_peserta_declare_kompeten``)."""
    peserta = PesertaDiklat.objects.select_for_update().get(pk=peserta.pk)
    if hasil == domain.HasilPeserta.KOMPETEN:
        raise ValidationError(_("Gunakan formulir 'Nyatakan kompeten'."), code="gunakan_declare_kompeten")
    _transition_peserta(peserta, hasil)
    before = peserta.hasil
    peserta.hasil, peserta.catatan = hasil, catatan
    peserta.decided_at, peserta.decided_by = timezone.now(), by if getattr(by, "is_authenticated", False) else None
    peserta.save(update_fields=["hasil", "catatan", "decided_at", "decided_by"])
    audit_log(
        actor=by, action=AuditAction.ASESOR_DIKLAT_PESERTA_HASIL, obj=peserta.diklat, from_state=before,
        to_state=hasil, note=f"{peserta.user}: {catatan}", data={"peserta": peserta.pk},
    )
    return peserta


@transaction.atomic
def diklat_peserta_declare_kompeten(
    *, peserta: PesertaDiklat, nomor_registrasi: str, nomor_sertifikat: str, issued_on: date, by, dokumen=None,
    catatan: str = "", today: date | None = None,
) -> AsesorProfile:
    """The LSP decided *kompeten* on an asesor candidate: the person becomes an asesor.

    Creates the asesor profile (with ``nomor_registrasi``) and the asesor role, or — for an asesor who
    repeated the process after *wajib mengulang* — keeps their profile and number; then records the
    certificate (``awal`` for a new asesor, ``ulang`` for one who held a certificate before) and marks the
    participant kompeten. Today an admin records this from the diklat page; later the asesmen app calls
    it when the komite decides K on the Asesor Kompetensi skema."""
    peserta = PesertaDiklat.objects.select_for_update().select_related("diklat", "user").get(pk=peserta.pk)
    _transition_peserta(peserta, domain.HasilPeserta.KOMPETEN)
    if issued_on < peserta.diklat.tanggal_mulai:
        raise _field_error("issued_on", _("Tanggal terbit tidak boleh sebelum diklat dimulai."), "sebelum_diklat")
    profile = AsesorProfile.objects.filter(user=peserta.user).first()
    if profile is None:
        profile = asesor_register(user=peserta.user, nomor_registrasi=nomor_registrasi, by=by)
        jenis = domain.JenisSertifikat.AWAL
    else:
        nomor = _normalize_nomor(nomor_registrasi) if (nomor_registrasi or "").strip() else profile.nomor_registrasi
        if nomor != profile.nomor_registrasi:
            raise _field_error(
                "nomor_registrasi",
                _("Peserta ini sudah asesor dengan nomor %(nomor)s.") % {"nomor": profile.nomor_registrasi},
                "nomor_registrasi_berbeda",
            )
        jenis = domain.JenisSertifikat.ULANG if profile.sertifikat.exists() else domain.JenisSertifikat.AWAL
    cert = sertifikat_asesor_record(
        asesor=profile, nomor=nomor_sertifikat, issued_on=issued_on, jenis=jenis, dokumen=dokumen, by=by, today=today
    )
    before = peserta.hasil
    peserta.hasil, peserta.asesor, peserta.catatan = domain.HasilPeserta.KOMPETEN, profile, catatan
    peserta.decided_at, peserta.decided_by = timezone.now(), by if getattr(by, "is_authenticated", False) else None
    peserta.save(update_fields=["hasil", "asesor", "catatan", "decided_at", "decided_by"])
    audit_log(
        actor=by, action=AuditAction.ASESOR_DIKLAT_PESERTA_KOMPETEN, obj=peserta.diklat, from_state=before,
        to_state=peserta.hasil, note=str(peserta.user), data={"peserta": peserta.pk, "sertifikat": cert.pk},
    )
    emails.peserta_kompeten_send(peserta=peserta, asesor=profile, sertifikat=cert)
    return profile
