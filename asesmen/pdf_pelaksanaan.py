"""The forms of one asesi as one PDF (FR.APL.02, FR.AK.01, FR.AK.02, FR.AK.03, each on its own page with
the drawn signatures, who and when) — the LSP's file for BNSP surveillance audits — and the berita acara
of a batch day. Drawn with reportlab in the request."""

from io import BytesIO

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen import canvas

from asesi.selectors import asesmen_mandiri_rows
from lsp.models import LspProfile

from . import domain_pelaksanaan as rules
from .domain import BuktiAK01
from .models import PenilaianKUK, PenilaianUnit, PersetujuanAsesmen, PesertaJadwal, RekamanAsesmen, UmpanBalik
from .selectors_pelaksanaan import tanda_tangan_of

WIDTH, HEIGHT = A4
LEFT, RIGHT = 20 * mm, WIDTH - 20 * mm
BOTTOM = 25 * mm


class Page:
    """A cursor on a canvas that starts a new page (with the form's header) when it runs out of room."""

    def __init__(self, c, lsp, title, subtitle):
        self.c, self.lsp, self.title, self.subtitle = c, lsp, title, subtitle
        self.header()

    def header(self):
        c = self.c
        self.y = HEIGHT - 18 * mm
        c.setFont("Helvetica-Bold", 11)
        c.drawString(LEFT, self.y, self.lsp.nama.upper())
        c.setFont("Helvetica", 8)
        c.drawRightString(RIGHT, self.y, self.lsp.nomor_lisensi)
        self.y -= 4 * mm
        c.line(LEFT, self.y, RIGHT, self.y)
        self.y -= 8 * mm
        c.setFont("Helvetica-Bold", 12)
        c.drawCentredString(WIDTH / 2, self.y, self.title)
        self.y -= 5 * mm
        c.setFont("Helvetica", 9)
        c.drawCentredString(WIDTH / 2, self.y, self.subtitle)
        self.y -= 8 * mm

    def need(self, height):
        if self.y - height < BOTTOM:
            self.c.showPage()
            self.header()

    def text(self, value, *, x=LEFT, width=None, font="Helvetica", size=9, leading=12):
        width = width or RIGHT - x
        for line in simpleSplit(str(value), font, size, width) or [""]:
            self.need(leading)
            self.c.setFont(font, size)
            self.c.drawString(x, self.y, line)
            self.y -= leading

    def row(self, label, value):
        self.need(12)
        self.c.setFont("Helvetica", 9)
        self.c.drawString(LEFT, self.y, str(label))
        self.c.drawString(LEFT + 42 * mm, self.y, ":")
        self.text(value, x=LEFT + 45 * mm)

    def gap(self, h=4 * mm):
        self.y -= h

    def signatures(self, boxes):
        """``boxes``: (role label, name, TandaTangan or None) side by side."""
        self.need(40 * mm)
        width = (RIGHT - LEFT) / max(len(boxes), 1)
        top = self.y
        for i, (label, name, ttd) in enumerate(boxes):
            x = LEFT + i * width
            self.c.setFont("Helvetica", 9)
            self.c.drawString(x, top, str(label))
            if ttd is not None:
                try:
                    with ttd.gambar.open("rb") as handle:
                        image = ImageReader(BytesIO(handle.read()))
                    self.c.drawImage(image, x, top - 24 * mm, width=45 * mm, height=20 * mm,
                                     preserveAspectRatio=True, mask="auto")
                except OSError:
                    pass
                when = date_format(timezone.localtime(ttd.pada), "j M Y H:i")
                self.c.setFont("Helvetica", 7)
                self.c.drawString(x, top - 30 * mm, _("Ditandatangani %(t)s dari %(ip)s") % {
                    "t": when, "ip": ttd.ip or "-"})
            else:
                self.c.setFont("Helvetica-Oblique", 8)
                self.c.drawString(x, top - 14 * mm, _("(belum ditandatangani)"))
            self.c.setFont("Helvetica-Bold", 9)
            self.c.drawString(x, top - 35 * mm, str(name))
        self.y = top - 40 * mm

    def end(self):
        self.c.showPage()


def _identity(page, p):
    jadwal = p.jadwal
    page.row(_("Nama asesi"), p.permohonan.asesi.nama_lengkap)
    page.row(_("Nomor permohonan"), p.permohonan.nomor)
    page.row(_("Skema"), f"{jadwal.skema.kode} — {jadwal.skema.nama}")
    page.row(_("TUK"), jadwal.tuk.nama)
    page.row(_("Asesor"), str(p.asesor.user) if p.asesor_id else "-")
    page.row(_("Tanggal"), date_format(timezone.localtime(jadwal.mulai), "j F Y"))
    page.gap()


def formulir_pdf(peserta: PesertaJadwal) -> bytes:
    p = PesertaJadwal.objects.select_related(
        "jadwal__skema", "jadwal__tuk", "permohonan__asesi__user", "asesor__user").get(pk=peserta.pk)
    lsp = LspProfile.get()
    ttd = tanda_tangan_of(p)
    asesi_name, asesor_name = p.permohonan.asesi.nama_lengkap, str(p.asesor.user) if p.asesor_id else "-"

    def sig(dokumen):
        return [(_("Asesi"), asesi_name, ttd.get((dokumen, rules.Pihak.ASESI))),
                (_("Asesor"), asesor_name, ttd.get((dokumen, rules.Pihak.ASESOR)))]

    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    with translation.override("id"):
        c.setTitle(_("Formulir asesmen %(nomor)s") % {"nomor": p.permohonan.nomor})
        c.setAuthor(lsp.nama)
        # FR.APL.02
        page = Page(c, lsp, "FR.APL.02", _("ASESMEN MANDIRI"))
        _identity(page, p)
        for r in asesmen_mandiri_rows(p.permohonan):
            page.text(f"{r.permohonan_unit.kode} · {r.urutan}. {r.elemen_nama}: {r.jawaban or '-'}")
        page.gap()
        page.row(_("Rekomendasi asesor"), p.get_rekomendasi_display() or "-")
        page.gap()
        page.signatures(sig(rules.Dokumen.APL02))
        page.end()
        # FR.AK.01
        page = Page(c, lsp, "FR.AK.01", _("PERSETUJUAN ASESMEN DAN KERAHASIAAN"))
        _identity(page, p)
        ak01 = PersetujuanAsesmen.objects.filter(peserta=p).first()
        if ak01:
            labels = dict(BuktiAK01.choices)
            page.row(_("Bukti yang dikumpulkan"), ", ".join(str(labels.get(b, b)) for b in ak01.bukti))
            page.row(_("Tempat"), ak01.tempat)
            page.row(_("Waktu"), date_format(timezone.localtime(ak01.waktu), "j F Y H:i"))
            page.gap()
            page.text(_("Asesi: bahwa saya telah mendapatkan penjelasan terkait hak dan prosedur banding asesmen "
                        "dari asesor. Asesor: menjaga kerahasiaan hasil asesmen dan informasi asesi."))
        page.gap()
        page.signatures(sig(rules.Dokumen.AK01))
        page.end()
        # FR.AK.02
        page = Page(c, lsp, "FR.AK.02", _("REKAMAN ASESMEN KOMPETENSI"))
        _identity(page, p)
        rekaman = RekamanAsesmen.objects.filter(peserta=p).first()
        if rekaman is not None:
            units = {u.unit_id: u for u in PenilaianUnit.objects.filter(rekaman=rekaman).select_related("unit")}
            kuk = list(PenilaianKUK.objects.filter(rekaman=rekaman).select_related("kuk__elemen", "unit")
                       .order_by("unit__urutan", "kuk__elemen__urutan", "kuk__urutan"))
            current = None
            for row in kuk:
                if row.unit_id != current:
                    current = row.unit_id
                    verdict = units.get(row.unit_id)
                    page.gap(2 * mm)
                    page.text(f"{row.unit.kode} {row.unit.judul} — {verdict.hasil if verdict else '-'}",
                              font="Helvetica-Bold")
                page.text(f"{row.kuk.elemen.urutan}.{row.kuk.urutan} {row.kuk.deskripsi} : {row.hasil}"
                          + (f" ({row.bukti})" if row.bukti else ""), x=LEFT + 4 * mm, size=8, leading=10)
            page.gap()
            page.row(_("Rekomendasi"), rekaman.get_rekomendasi_display() or _("belum diajukan"))
            if rekaman.tindak_lanjut:
                page.row(_("Tindak lanjut"), rekaman.tindak_lanjut)
            if rekaman.catatan:
                page.row(_("Catatan asesor"), rekaman.catatan)
        page.gap()
        page.signatures(sig(rules.Dokumen.AK02))
        page.end()
        # FR.AK.03
        page = Page(c, lsp, "FR.AK.03", _("UMPAN BALIK DAN CATATAN ASESMEN"))
        _identity(page, p)
        umpan = UmpanBalik.objects.filter(peserta=p).first()
        for key, label in rules.UMPAN_BALIK:
            answer = "-" if umpan is None else (_("Ya") if umpan.jawaban.get(key) else _("Tidak"))
            page.text(f"{label}: {answer}")
        if umpan and umpan.catatan:
            page.gap()
            page.row(_("Catatan"), umpan.catatan)
        page.gap()
        page.signatures(sig(rules.Dokumen.AK03)[:1])
        page.end()
    c.save()
    return buf.getvalue()


def berita_acara_pdf(jadwal, day) -> bytes:
    """The minutes of one batch day: who was assessed by whom and the recommendations (K / BK)."""
    lsp = LspProfile.get()
    peserta = list(
        PesertaJadwal.objects.filter(jadwal=jadwal, aktif=True).select_related("permohonan__asesi", "asesor__user")
        .order_by("permohonan__asesi__user__nama_lengkap", "pk")
    )
    rekomendasi = dict(RekamanAsesmen.objects.filter(peserta__in=peserta).values_list("peserta_id", "rekomendasi"))
    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    with translation.override("id"):
        c.setTitle(_("Berita acara %(kode)s") % {"kode": jadwal.kode})
        page = Page(c, lsp, _("BERITA ACARA ASESMEN"), f"{jadwal.kode} · {date_format(day, 'l, j F Y')}")
        page.row(_("Skema"), f"{jadwal.skema.kode} — {jadwal.skema.nama}")
        page.row(_("TUK"), f"{jadwal.tuk.nama}, {jadwal.tuk.alamat}")
        page.gap()
        for n, p in enumerate(peserta, 1):
            page.text(f"{n}. {p.permohonan.asesi.nama_lengkap} ({p.permohonan.nomor}) — "
                      f"{_('asesor')}: {p.asesor.user if p.asesor_id else '-'} — "
                      f"{rekomendasi.get(p.pk) or _('belum diajukan')}")
        values = list(rekomendasi.values())
        page.gap()
        page.row(_("Jumlah asesi"), str(len(peserta)))
        page.row(_("Rekomendasi K / BK"), f"{values.count('K')} / {values.count('BK')}")
        page.gap(10 * mm)
        asesors = sorted({str(p.asesor.user) for p in peserta if p.asesor_id})
        page.signatures([(_("Asesor"), name, None) for name in asesors[:3]] or [(_("Asesor"), "-", None)])
        page.end()
    c.save()
    return buf.getvalue()
