"""Template filters for personal data (masking rules live in ``asesi.domain``)."""

from django import template
from django.conf import settings

from asesi import domain

register = template.Library()


@register.filter
def mask_nik(value):
    return domain.mask_nik(value)


@register.filter
def mask_tanggal(value):
    return domain.mask_tanggal(value)


@register.filter
def mask_alamat(value):
    return domain.mask_alamat(value)


@register.filter
def status_badge(status):
    """Bootstrap colour of a permohonan status badge."""
    return {
        domain.Status.DRAFT: "secondary",
        domain.Status.DIAJUKAN: "info",
        domain.Status.DIKEMBALIKAN: "warning",
        domain.Status.DITOLAK: "danger",
        domain.Status.DITERIMA: "primary",
        domain.Status.DIJADWALKAN: "primary",
        domain.Status.DIASES: "primary",
        domain.Status.DIPUTUSKAN: "dark",
        domain.Status.BERSERTIFIKAT: "success",
    }.get(status, "secondary")


@register.simple_tag
def link_expiry_days() -> int:
    """How many days an email confirmation link stays valid (``PASSWORD_RESET_TIMEOUT``, whole days, ≥ 1)."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
