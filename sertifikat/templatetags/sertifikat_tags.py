"""Status badges of certificates (a tag, not an include per row: the lists render 25–100 of them)."""

from django import template
from django.utils.html import format_html

from ..domain import Status, StatusPdf

register = template.Library()

STATUS_CLASS = {
    Status.AKTIF: "text-bg-success",
    Status.KEDALUWARSA: "text-bg-secondary",
    Status.DIBEKUKAN: "text-bg-warning",
    Status.DICABUT: "text-bg-danger",
}
PDF_CLASS = {StatusPdf.SIAP: "text-bg-light border", StatusPdf.SEDANG_DIBUAT: "text-bg-info",
             StatusPdf.GAGAL: "text-bg-danger"}


@register.simple_tag
def status_badge(status):
    """``{% status_badge status %}``: the day's status (``domain.status_on``) as a coloured badge."""
    if status not in STATUS_CLASS:
        return ""
    return format_html('<span class="badge {}" data-status="{}">{}</span>', STATUS_CLASS[status], status,
                       dict(Status.choices)[status])


@register.simple_tag
def sertifikat_status(sertifikat, today):
    """The badge of ``sertifikat`` on ``today``."""
    return status_badge(sertifikat.status_on(today))


@register.simple_tag
def pdf_badge(pdf_status):
    if pdf_status not in PDF_CLASS:
        return ""
    return format_html('<span class="badge {}" data-pdf="{}">PDF: {}</span>', PDF_CLASS[pdf_status], pdf_status,
                       dict(StatusPdf.choices)[pdf_status])
