"""FR.AK.05 laporan asesmen (per asesor and batch) and the SK hasil uji kompetensi (per batch) as PDF,
drawn with reportlab in the request with the page cursor of ``pdf_pelaksanaan``."""

from io import BytesIO
from types import SimpleNamespace

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.pdfgen import canvas

from lsp.models import LspProfile

from .domain_keputusan import StatusSK
from .pdf_pelaksanaan import A4, LEFT, Page


def _verdicts(units) -> str:
    return ", ".join(f"{u.unit.kode}: {u.hasil}" for u in units) or "-"


def laporan_pdf(penugasan, rows, laporan) -> bytes:
    jadwal = penugasan.jadwal
    lsp = LspProfile.get()
    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    with translation.override("id"):
        c.setTitle(_("FR.AK.05 Laporan asesmen %(kode)s") % {"kode": jadwal.kode})
        page = Page(c, lsp, _("FR.AK.05 LAPORAN ASESMEN"), f"{jadwal.kode} · {jadwal.skema.kode} {jadwal.skema.nama}")
        page.row(_("Asesor"), f"{penugasan.asesor.user} ({penugasan.asesor.nomor_registrasi})")
        page.row(_("TUK"), jadwal.tuk.nama)
        page.row(_("Tanggal"), date_format(timezone.localtime(jadwal.mulai), "j F Y"))
        page.gap()
        page.text(_("Hasil asesmen per asesi dan unit"), font="Helvetica-Bold", size=10)
        for i, r in enumerate(rows, 1):
            rekaman = r["rekaman"]
            hasil = rekaman.get_rekomendasi_display() if rekaman and rekaman.rekomendasi else _("belum diajukan")
            page.text(f"{i}. {r['peserta'].permohonan.asesi.nama_lengkap} — {hasil}", font="Helvetica-Bold")
            page.text(_verdicts(r["units"]), x=LEFT + 6)
            if rekaman and rekaman.tindak_lanjut:
                page.text(_("Tindak lanjut: %(t)s") % {"t": rekaman.tindak_lanjut}, x=LEFT + 6)
        page.gap()
        for label, value in ((_("Catatan"), laporan.catatan if laporan else ""),
                             (_("Rekomendasi perbaikan"), laporan.rekomendasi if laporan else ""),
                             (_("Tindak lanjut"), laporan.tindak_lanjut if laporan else "")):
            page.text(label, font="Helvetica-Bold")
            page.text(value or "-")
            page.gap(2)
        ttd = None
        if laporan and laporan.ttd_pada:
            ttd = SimpleNamespace(gambar=laporan.ttd, pada=laporan.ttd_pada, ip=laporan.ttd_ip)
        page.signatures([(_("Asesor"), str(penugasan.asesor.user), ttd)])
        page.end()
    c.save()
    return buf.getvalue()


def sk_pdf(sk, rows) -> bytes:
    jadwal = sk.jadwal
    lsp = LspProfile.get()
    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    with translation.override("id"):
        nomor = sk.nomor or _("(draf — nomor diberikan saat disetujui)")
        c.setTitle(_("SK hasil uji kompetensi %(nomor)s") % {"nomor": nomor})
        page = Page(c, lsp, _("SURAT KEPUTUSAN HASIL UJI KOMPETENSI"), _("Nomor: %(nomor)s") % {"nomor": nomor})
        page.row(_("Jadwal"), jadwal.kode)
        page.row(_("Skema"), f"{jadwal.skema.kode} — {jadwal.skema.nama}")
        page.row(_("TUK"), jadwal.tuk.nama)
        page.row(_("Tanggal asesmen"), date_format(timezone.localtime(jadwal.mulai), "j F Y"))
        page.row(_("Tanggal pleno"), date_format(sk.tanggal_pleno, "j F Y") if sk.tanggal_pleno else "-")
        page.row(_("Status"), sk.get_status_display())
        page.gap()
        page.text(_("Memutuskan, berdasarkan rekaman asesmen dan rapat pleno komite, asesi berikut:"))
        page.gap(2)
        for i, r in enumerate(rows, 1):
            k = r["keputusan"]
            hasil = k.get_keputusan_display() if k else _("belum diputuskan")
            page.text(f"{i}. {r['peserta'].permohonan.asesi.nama_lengkap} ({r['peserta'].permohonan.nomor}) — {hasil}")
        page.gap()
        if sk.status == StatusSK.DISETUJUI:
            page.text(_("Ditetapkan %(t)s oleh %(nama)s") % {
                "t": date_format(timezone.localtime(sk.diputuskan_pada), "j F Y"), "nama": sk.diputuskan_oleh})
        page.gap(10)
        page.text(lsp.penandatangan_jabatan or _("Direktur / ketua LSP"))
        page.gap(14)
        page.text(str(sk.diputuskan_oleh) if sk.disetujui else (lsp.penandatangan_nama or ""), font="Helvetica-Bold")
        page.end()
    c.save()
    return buf.getvalue()
