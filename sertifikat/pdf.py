"""The certificate PDF with reportlab: A4 landscape, page 1 the certificate, page 2 its units.

Fast by design (bench/bench_sertifikat.py measures it against WeasyPrint): the fonts are registered
once per process, the LSP logo is read once per file, and the QR code is drawn from its module matrix
as **one path** of rectangles (one per run of dark modules in a row) instead of reportlab's QR widget.
The embedded font subsets are the costliest part of a small PDF (subsetting the TrueType file, then
deflating it): a subset is a function of the characters used, in the order first used, and on a
certificate that is nearly always the same (ASCII plus the fixed "·" and "—"), so each distinct subset
is built and compressed once per process and its bytes reused (``_cache_subsets``). reportlab's C
accelerator (``rl_accel``, in requirements.txt) formats the numbers of the page streams.
Indonesian with the English line beneath, as on real certificates; DejaVu Sans (Debian's
``fonts-dejavu-core``, free licence) is embedded so names with any Latin diacritics render.
"""

import io
import zlib
from datetime import date
from functools import lru_cache
from pathlib import Path

import qrcode
from django.conf import settings
from qrcode.constants import ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError
from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path(settings.BASE_DIR) / "lsp" / "fonts"]
FONT, FONT_BOLD, FONT_ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
PAGE = landscape(A4)
rl_config.useA85 = 0  # binary (compressed) streams: ASCII85 only makes the file bigger and slower
NAVY = HexColor("#1b3a5c")
GOLD = HexColor("#b08d3c")
GREY = HexColor("#555555")

BULAN_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
            "November", "Desember"]
BULAN_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December"]


def tanggal_id(d: date) -> str:
    return f"{d.day} {BULAN_ID[d.month - 1]} {d.year}"


def tanggal_en(d: date) -> str:
    return f"{d.day} {BULAN_EN[d.month - 1]} {d.year}"


SUBSETS_MAX = 64  # distinct subsets kept per font (a few KB each, compressed)
# deflated font programs by their raw bytes (filled by the cached ``makeSubset``, read by ``_CachedFlate``)
_deflated: dict[bytes, bytes] = {}


class _CachedFlate:
    """reportlab's FlateDecode stream filter, answering from ``_deflated`` when the stream is a cached
    font subset (the very bytes object returned before): no second compression of the same program."""

    pdfname = "FlateDecode"

    def encode(self, content):
        hit = _deflated.get(content) if isinstance(content, bytes) else None
        return hit if hit is not None else pdfdoc.PDFZCompress.encode(content)

    def decode(self, encoded):
        return zlib.decompress(encoded)


_CACHED_FLATE = _CachedFlate()


class _Formatted(pdfdoc.PDFObject):
    """A PDF value formatted once (a font subset's ``Widths`` array), its bytes reused by every document."""

    def __init__(self, data: bytes):
        self.data = data

    def format(self, document):
        return self.data


def _subset_objects(font: TTFont):
    """``font.addObjects`` (reportlab's ``TTFont.addObjects``) with the per-subset constant parts — the
    widths array and the ToUnicode map, formatted and deflated — built once per process."""
    from reportlab.lib.rl_accel import fp_str
    from reportlab.pdfbase.ttfonts import SUBSETN, makeToUnicodeCMap

    face = font.face
    parts: dict[tuple, tuple] = {}

    def add_objects(doc):
        try:
            state = font.state[doc]
        except KeyError:
            state = font.state[doc] = TTFont.State(font._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = font.getSubsetInternalName(n, doc)[1:]
            base_name = b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            key = (base_name, tuple(subset))
            cached = parts.get(key)
            if cached is None:
                if len(parts) >= SUBSETS_MAX:
                    for _widths, old in parts.values():
                        _deflated.pop(old, None)
                    parts.clear()
                widths = " ".join(fp_str(face.getCharWidth(c)) for c in subset).encode()
                cmap = makeToUnicodeCMap(base_name, subset).encode("utf8")
                _deflated[cmap] = zlib.compress(cmap)
                cached = parts[key] = (_Formatted(b"[" + widths + b"]"), cmap)
            widths, cmap = cached
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {font.fontName} subset {n}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = widths
            cmap_stream = pdfdoc.PDFStream()
            cmap_stream.content = cmap
            if doc.compression:
                cmap_stream.filters = [_CACHED_FLATE]
            pdf_font.ToUnicode = doc.Reference(cmap_stream, "toUnicodeCMap:" + base_name)
            pdf_font.FontDescriptor = face.addSubsetObjects(doc, base_name, subset)
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del font.state[doc]

    return add_objects


def _cache_subsets(font: TTFont) -> None:
    """Build each distinct subset of ``font`` once per process: the subset's TrueType program (keyed by
    its characters in order) and its deflated bytes are kept and reused by every later document that
    uses the same characters. Output is byte-identical to reportlab's own."""
    face = font.face
    make, add = face.makeSubset, face.addSubsetObjects
    programs: dict[tuple, bytes] = {}

    def make_subset(subset):
        key = tuple(subset)
        program = programs.get(key)
        if program is None:
            if len(programs) >= SUBSETS_MAX:
                for old in programs.values():
                    _deflated.pop(old, None)
                programs.clear()
            program = programs[key] = make(subset)
            _deflated[program] = zlib.compress(program)
        return program

    def add_subset_objects(doc, fontname, subset):
        ref = add(doc, fontname, subset)
        stream = doc.idToObject.get(f"fontFile:{face.filename}({fontname})")
        if stream is not None and stream.filters:
            stream.filters = [_CACHED_FLATE]
        return ref

    face.makeSubset, face.addSubsetObjects = make_subset, add_subset_objects
    font.addObjects = _subset_objects(font)


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register DejaVu Sans (regular, bold, italic) once per process; returns the folder used."""
    for folder in FONT_DIRS:
        if (folder / "DejaVuSans.ttf").exists():
            for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf"),
                               (FONT_ITALIC, "DejaVuSans-Oblique.ttf")):
                font = TTFont(name, str(folder / file))
                _cache_subsets(font)
                pdfmetrics.registerFont(font)
            return str(folder)
    raise RuntimeError("DejaVu Sans not found: install fonts-dejavu-core or put the TTF files in lsp/fonts/")


@lru_cache(maxsize=4)
def _logo(name: str, size: int):
    from django.core.files.storage import default_storage

    with default_storage.open(name, "rb") as handle:
        return ImageReader(io.BytesIO(handle.read()))


def logo_reader(lsp):
    if not getattr(lsp, "logo", None):
        return None
    try:
        return _logo(lsp.logo.name, lsp.logo.size)
    except Exception:  # noqa: BLE001 - a missing logo file must not stop a certificate
        return None


_qr_versions: dict[int, int] = {}  # URL length → the QR version that fitted it (the URLs differ only in the token)


def qr_matrix(url: str) -> list[list[bool]]:
    """The QR's modules. A fixed mask pattern skips trying all eight (most of qrcode's time); any mask
    gives a valid code, scanners read it the same."""
    version = _qr_versions.get(len(url))
    qr = qrcode.QRCode(version=version, error_correction=ERROR_CORRECT_M, border=0, mask_pattern=2)
    qr.add_data(url)
    try:
        qr.make(fit=version is None)  # the version found for this length before: no search
    except DataOverflowError:  # another encoding mode needs more room: search
        qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=2)
        qr.add_data(url)
        qr.make(fit=True)
    if len(_qr_versions) < 64:
        _qr_versions.setdefault(len(url), qr.version)
    return qr.get_matrix()


def qr_runs(matrix) -> list[tuple[int, int, int]]:
    """(row, first column, length) of every horizontal run of dark modules."""
    runs = []
    for r, row in enumerate(matrix):
        start = None
        for col, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                runs.append((r, start, col - start))
                start = None
    return runs


def draw_qr(c: canvas.Canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR code of ``url`` with its lower-left corner at (x, y): a white quiet zone of 4 modules,
    then **one filled path** with one rectangle per horizontal run of dark modules, written in module
    units (integers) under one scaling transform — no per-module objects, no float formatting."""
    matrix = qr_matrix(url)
    n = len(matrix)
    total = n + 8
    c.setFillColorRGB(1, 1, 1)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.saveState()
    c.transform(size / total, 0, 0, size / total, x, y)  # 1 unit = 1 module, origin at the quiet zone
    c.setFillColorRGB(0, 0, 0)
    rects = " ".join(f"{col + 4} {total - 5 - r} {length} 1 re" for r, col, length in qr_runs(matrix))
    c.addLiteral(f"n {rects} f")
    c.restoreState()


def verification_url(token: str) -> str:
    from django.urls import reverse

    return settings.LSP_SITE_URL.rstrip("/") + reverse("verifikasi:detail", args=[token])


def _centre(c, text, y, font, size, colour=None):
    c.setFont(font, size)
    if colour is not None:
        c.setFillColor(colour)
    c.drawCentredString(PAGE[0] / 2, y, text)


def _pair(c, id_text, en_text, y, size=11, font=FONT):
    """An Indonesian line with its English translation beneath, centred."""
    _centre(c, id_text, y, font, size, NAVY)
    _centre(c, en_text, y - size - 2, FONT_ITALIC, size - 2, GREY)


def render_sertifikat(cert, lsp) -> bytes:
    """The two-page PDF of ``cert`` (a ``Sertifikat``) for the LSP ``lsp`` (``LspProfile``)."""
    register_fonts()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=PAGE, pageCompression=1)
    c.setTitle(f"Sertifikat {cert.nomor}")
    c.setAuthor(lsp.nama)
    w, h = PAGE

    # page 1 -----------------------------------------------------------------------------------------
    c.setStrokeColor(GOLD)
    c.setLineWidth(3)
    c.rect(20, 20, w - 40, h - 40)
    c.setLineWidth(1)
    c.rect(28, 28, w - 56, h - 56)
    logo = logo_reader(lsp)
    if logo is not None:
        c.drawImage(logo, 50, h - 120, width=70, height=70, preserveAspectRatio=True, mask="auto")
    _centre(c, lsp.nama, h - 70, FONT_BOLD, 14, NAVY)
    if lsp.nomor_lisensi:
        _centre(c, f"Lisensi BNSP / BNSP Licence: {lsp.nomor_lisensi}", h - 86, FONT, 9, GREY)
    _centre(c, "SERTIFIKAT KOMPETENSI", h - 130, FONT_BOLD, 28, NAVY)
    _centre(c, "CERTIFICATE OF COMPETENCE", h - 150, FONT_ITALIC, 14, GREY)
    _centre(c, f"No. {cert.nomor}", h - 175, FONT_BOLD, 12, NAVY)
    _pair(c, "Dengan ini menyatakan bahwa", "This is to certify that", h - 205)
    _centre(c, cert.nama_pemegang, h - 245, FONT_BOLD, 24, NAVY)
    _pair(c, "telah kompeten pada skema sertifikasi", "has been found competent in the certification scheme",
          h - 275)
    lines = simpleSplit(cert.skema_nama, FONT_BOLD, 16, w - 260) or [""]
    y = h - 310
    for line in lines[:2]:
        _centre(c, line, y, FONT_BOLD, 16, NAVY)
        y -= 20
    _centre(c, cert.skema_kode, y, FONT, 10, GREY)
    _pair(c, f"Diterbitkan tanggal {tanggal_id(cert.tanggal_terbit)} · berlaku sampai "
             f"{tanggal_id(cert.berlaku_sampai)}",
          f"Issued on {tanggal_en(cert.tanggal_terbit)} · valid until {tanggal_en(cert.berlaku_sampai)}", y - 28,
          size=10)

    # signatory (right), QR and registration number (left)
    c.setFillColor(NAVY)
    c.setFont(FONT, 10)
    c.drawCentredString(w - 170, 150, lsp.penandatangan_jabatan or "Ketua LSP")
    c.setStrokeColor(NAVY)
    c.line(w - 260, 85, w - 80, 85)
    c.setFont(FONT_BOLD, 11)
    c.drawCentredString(w - 170, 70, lsp.penandatangan_nama or "")
    draw_qr(c, verification_url(cert.token), 55, 50, 100)
    c.setFillColor(GREY)
    c.setFont(FONT, 8)
    c.drawString(165, 80, "Verifikasi / Verify:")
    c.drawString(165, 69, verification_url(cert.token)[:80])
    if cert.nomor_registrasi:
        c.setFont(FONT_BOLD, 9)
        c.setFillColor(NAVY)
        c.drawString(165, 56, f"No. Reg. {cert.nomor_registrasi}")
    c.showPage()

    # page 2: the units as they were on the issue day --------------------------------------------------
    _centre(c, "DAFTAR UNIT KOMPETENSI", h - 60, FONT_BOLD, 16, NAVY)
    _centre(c, "List of Competency Units", h - 78, FONT_ITALIC, 11, GREY)
    _centre(c, f"{cert.skema_kode} — {cert.nomor}", h - 96, FONT, 9, GREY)
    y = h - 130
    c.setFont(FONT_BOLD, 10)
    c.setFillColor(NAVY)
    c.drawString(60, y, "No.")
    c.drawString(95, y, "Kode Unit / Unit Code")
    c.drawString(260, y, "Judul Unit / Unit Title")
    c.setStrokeColor(GOLD)
    c.line(55, y - 5, w - 55, y - 5)
    y -= 22
    for i, unit in enumerate(cert.units, start=1):
        title_lines = simpleSplit(str(unit.get("judul", "")), FONT, 10, w - 330) or [""]
        needed = 14 * len(title_lines) + 6
        if y - needed < 50:
            c.showPage()
            y = h - 60
        c.setFont(FONT, 10)
        c.setFillColor(HexColor("#000000"))
        c.drawString(60, y, str(i))
        c.drawString(95, y, str(unit.get("kode", "")))
        for line in title_lines:
            c.drawString(260, y, line)
            y -= 14
        y -= 6
    c.showPage()
    c.save()
    return buffer.getvalue()
