"""The surat tugas (assignment letter) of one asesor for one batch, drawn with reportlab in the request
(one page, a few milliseconds)."""

from io import BytesIO

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from lsp.models import LspProfile


def _wrap(c, text, x, y, width, font="Helvetica", size=10, leading=14):
    from reportlab.lib.utils import simpleSplit

    for line in simpleSplit(str(text), font, size, width):
        c.setFont(font, size)
        c.drawString(x, y, line)
        y -= leading
    return y


def surat_tugas_pdf(penugasan) -> bytes:
    jadwal, asesor = penugasan.jadwal, penugasan.asesor
    lsp = LspProfile.get()
    buf = BytesIO()
    width, height = A4
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    with translation.override("id"):
        c.setTitle(_("Surat tugas %(nomor)s") % {"nomor": penugasan.nomor_surat})
        c.setAuthor(lsp.nama)
        left, right = 25 * mm, width - 25 * mm
        y = height - 25 * mm
        c.setFont("Helvetica-Bold", 14)
        c.drawCentredString(width / 2, y, lsp.nama.upper())
        y -= 6 * mm
        c.setFont("Helvetica", 9)
        c.drawCentredString(width / 2, y, f"{lsp.nomor_lisensi} · {lsp.alamat.splitlines()[0] if lsp.alamat else ''}")
        y -= 4 * mm
        c.line(left, y, right, y)
        y -= 12 * mm
        c.setFont("Helvetica-Bold", 13)
        c.drawCentredString(width / 2, y, _("SURAT TUGAS"))
        y -= 6 * mm
        c.setFont("Helvetica", 10)
        c.drawCentredString(width / 2, y, _("Nomor: %(nomor)s") % {"nomor": penugasan.nomor_surat})
        y -= 14 * mm
        y = _wrap(c, _("Ketua %(lsp)s menugaskan:") % {"lsp": lsp.nama}, left, y, right - left)
        y -= 4 * mm
        mulai, selesai = timezone.localtime(jadwal.mulai), timezone.localtime(jadwal.selesai)
        rows = [
            (_("Nama"), str(asesor.user)),
            (_("No. registrasi asesor"), asesor.nomor_registrasi),
            (_("Sebagai"), _("Asesor kompetensi")),
            (_("Jadwal"), jadwal.kode),
            (_("Skema"), f"{jadwal.skema.kode} — {jadwal.skema.nama}"),
            (_("Waktu"), f"{date_format(mulai, 'l, j F Y H:i')} – {date_format(selesai, 'j F Y H:i')}"),
            (_("Tempat (TUK)"), f"{jadwal.tuk.nama}, {jadwal.tuk.alamat}"),
        ]
        for label, value in rows:
            c.setFont("Helvetica", 10)
            c.drawString(left, y, label)
            c.drawString(left + 45 * mm, y, ":")
            y = _wrap(c, value, left + 48 * mm, y, right - left - 48 * mm)
            y -= 1 * mm
        y -= 6 * mm
        y = _wrap(c, _(
            "untuk melaksanakan asesmen kompetensi sesuai rencana asesmen (FR.MAPA.01/02), menjaga "
            "ketidakberpihakan dan kerahasiaan, serta menyerahkan rekaman asesmen kepada LSP. Surat tugas ini "
            "berlaku untuk jadwal tersebut di atas."
        ), left, y, right - left)
        y -= 16 * mm
        issued = timezone.localtime(penugasan.created_at)
        c.drawString(right - 70 * mm, y, date_format(issued, "j F Y"))
        y -= 6 * mm
        c.drawString(right - 70 * mm, y, lsp.penandatangan_jabatan)
        y -= 22 * mm
        c.setFont("Helvetica-Bold", 10)
        c.drawString(right - 70 * mm, y, lsp.penandatangan_nama)
    c.showPage()
    c.save()
    return buf.getvalue()
