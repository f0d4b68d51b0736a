"""The validation report (FR.VA) of one sample as a PDF: scope, the records chosen, findings, follow-ups,
the validator's summary and drawn signature. Drawn with reportlab in the request, on the same page
layout as the assessment forms (``pdf_pelaksanaan.Page``)."""

from io import BytesIO
from types import SimpleNamespace

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from lsp.models import LspProfile

from . import domain_validasi as rules
from .pdf_pelaksanaan import LEFT, Page
from .selectors_validasi import sampel_items, sampel_temuan, sampel_tindak_lanjut


def laporan_validasi_pdf(sampel) -> bytes:
    lsp = LspProfile.get()
    items = list(sampel_items(sampel))
    temuan = sampel_temuan(sampel)
    tindak_lanjut = sampel_tindak_lanjut(sampel)
    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    with translation.override("id"):
        c.setTitle(_("Laporan validasi asesmen %(kode)s") % {"kode": sampel.kode})
        c.setAuthor(lsp.nama)
        page = Page(c, lsp, "FR.VA", _("LAPORAN VALIDASI ASESMEN"))
        page.row(_("Nomor"), sampel.kode)
        page.row(_("Skema"), f"{sampel.skema.kode} — {sampel.skema.nama}" if sampel.skema else _("Semua skema"))
        page.row(_("Asesor"), str(sampel.asesor.user) if sampel.asesor else _("Semua asesor"))
        page.row(_("Periode pengajuan FR.AK.02"),
                 f"{date_format(sampel.dari, 'j F Y')} – {date_format(sampel.sampai, 'j F Y')}")
        page.row(_("Persentase sampel"), _("%(p)s%% · %(n)s dari %(m)s rekaman (%(q)s%%)") % {
            "p": sampel.persen, "n": len(items), "m": sampel.jumlah_kandidat,
            "q": rules.share_percent(len(items), sampel.jumlah_kandidat)})
        page.row(_("Benih acak"), sampel.seed)
        page.row(_("Ditarik"), f"{sampel.validator} · "
                 f"{date_format(timezone.localtime(sampel.created_at), 'j F Y H:i')}")
        page.gap()
        page.text(_("Rekaman dalam sampel"), font="Helvetica-Bold")
        for n, i in enumerate(items, 1):
            p = i.rekaman.peserta
            page.text(f"{n}. {p.permohonan.nomor} · {p.permohonan.asesi.nama_lengkap} · {p.jadwal.skema.kode} · "
                      f"{_('asesor')}: {i.asesor.user if i.asesor_id else '-'} · {i.rekaman.rekomendasi} · "
                      f"{_('kesimpulan')}: {i.get_kesimpulan_display() or '-'}"
                      + (f" ({i.catatan})" if i.catatan else ""), x=LEFT + 2 * mm)
        page.gap()
        page.text(_("Temuan"), font="Helvetica-Bold")
        for t in temuan or []:
            hasil = _("memenuhi") if t.memenuhi else _("tidak memenuhi")
            page.text(f"{t.item.rekaman.peserta.permohonan.nomor} · {t.get_aspek_display()} ({hasil}): {t.uraian}",
                      x=LEFT + 2 * mm)
        if not temuan:
            page.text(_("Tidak ada temuan."), x=LEFT + 2 * mm)
        page.gap()
        page.text(_("Tindak lanjut"), font="Helvetica-Bold")
        for tl in tindak_lanjut:
            status = tl.get_status_display()
            if tl.ditutup_pada:
                status += f" {date_format(timezone.localtime(tl.ditutup_pada), 'j M Y')}: {tl.catatan_penutupan}"
            page.text(f"{tl.temuan.item.rekaman.peserta.permohonan.nomor} · {tl.uraian} · {tl.penanggung_jawab} · "
                      f"{_('batas')} {date_format(tl.batas, 'j M Y')} · {status}", x=LEFT + 2 * mm)
        if not tindak_lanjut:
            page.text(_("Tidak ada tindak lanjut."), x=LEFT + 2 * mm)
        page.gap()
        page.row(_("Ringkasan dan rekomendasi"), sampel.ringkasan or "-")
        page.gap()
        ttd = (SimpleNamespace(gambar=sampel.ttd, pada=sampel.disahkan_pada, ip=sampel.ttd_ip)
               if sampel.disahkan and sampel.ttd else None)
        page.signatures([(_("Validator"), str(sampel.validator), ttd)])
        page.end()
    c.save()
    return buf.getvalue()
