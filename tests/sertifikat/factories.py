"""Helpers for sertifikat tests: decided applications, the LSP profile, issued certificates."""

from asesi.domain import Status
from asesi.models import Permohonan
from lsp.models import LspProfile
from tests.asesi.factories import AsesiProfileFactory, admin_user, permohonan_draft
from tests.factories import UserFactory, skema_with_units


def lsp_profile(**kwargs) -> LspProfile:
    defaults = dict(
        nama="LSP Teknologi Digital", nomor_lisensi="BNSP-LSP-1565-ID", kode_lsp="1565", alamat="Jl. Uji 1",
        penandatangan_nama="Dr. Siti Rahmawati", penandatangan_jabatan="Ketua LSP",
    )
    defaults.update(kwargs)
    return LspProfile.objects.create(**defaults)


def permohonan_decided(*, keputusan="K", nama="Budi Santoso", skema=None, sk=True) -> Permohonan:
    """An application in *diputuskan* with ``keputusan``, for a holder named ``nama``, decided in an
    approved SK (``sk=False``: without one — never issuable; ``sk=<KeputusanSK>``: in that SK)."""
    from tests.asesmen.keputusan_factories import in_approved_sk

    user = UserFactory(roles=("asesi",), nama_lengkap=nama)
    p = permohonan_draft(profil=AsesiProfileFactory(user=user), skema=skema)
    Permohonan.objects.filter(pk=p.pk).update(status=Status.DIPUTUSKAN, keputusan=keputusan)
    p.refresh_from_db()
    if sk:
        in_approved_sk(p, keputusan=keputusan, sk=None if sk is True else sk)
    return p


def issued(*, nama="Budi Santoso", skema=None, by=None, **kwargs):
    from sertifikat.services import sertifikat_issue

    return sertifikat_issue(permohonan=permohonan_decided(nama=nama, skema=skema), by=by or admin_user(), **kwargs)


__all__ = ["admin_user", "issued", "lsp_profile", "permohonan_decided", "skema_with_units"]
