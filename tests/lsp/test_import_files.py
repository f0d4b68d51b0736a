"""Reading import files (lsp.importers.read_table): encodings, delimiters, XLSX, and refused files."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from lsp import domain, importers

GOOD_ROWS = [
    ["J.620100.004.02", "Menggunakan Struktur Data", "Mengidentifikasi konsep data", "Konsep data diidentifikasi."],
    ["J.620100.004.02", "Menggunakan Struktur Data", "Mengidentifikasi konsep data", "Alternatif dibandingkan."],
    ["J.620100.016.01", "Menulis Kode", "Menerapkan coding-guidelines", "Kode sumber ditulis rapi; “jelas”."],
]


def csv_bytes(rows, *, delimiter=",", bom=False, encoding="utf-8", header=("kode_unit", "judul_unit", "elemen", "kuk")):
    lines = [delimiter.join(header)] + [delimiter.join(f'"{c}"' if delimiter in c else c for c in r) for r in rows]
    text = "\r\n".join(lines) + "\r\n"
    return (("\ufeff" if bom else "") + text).encode(encoding)


def xlsx_bytes(rows, header=("Kode Unit", "Judul Unit", "Elemen", "KUK"), title_rows=()):
    workbook = Workbook()
    sheet = workbook.active
    for row in title_rows:
        sheet.append(row)
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read(name, content, **kwargs):
    return importers.read_table(SimpleUploadedFile(name, content), **kwargs)


def refused(name, content, **kwargs):
    with pytest.raises(ValidationError) as exc:
        read(name, content, **kwargs)
    return exc.value


@pytest.mark.parametrize(
    ("delimiter", "bom"), [(",", False), (",", True), (";", True), (";", False), ("\t", False)]
)
def test_csv_delimiters_and_bom(delimiter, bom):
    table = read("unit.csv", csv_bytes(GOOD_ROWS, delimiter=delimiter, bom=bom))
    assert table.header == ["kode_unit", "judul_unit", "elemen", "kuk"]
    assert [n for n, _cells in table.rows] == [2, 3, 4]
    assert table.rows[2][1][3] == "Kode sumber ditulis rapi; “jelas”."
    assert domain.validate_import(table.rows, header=table.header).ok


def test_semicolon_csv_whose_cells_contain_commas():
    rows = [["J.620100.004.02", "Judul, dengan koma", "Elemen, juga", "KUK, ya"]]
    table = read("unit.csv", csv_bytes(rows, delimiter=";", bom=True))
    assert table.rows[0][1] == rows[0]


def test_excel_sep_line_is_honoured():
    content = b"sep=;\r\n" + csv_bytes(GOOD_ROWS, delimiter=";")
    table = read("unit.csv", content)
    assert table.header[0] == "kode_unit" and len(table.rows) == 3


def test_xlsx_with_spaced_header_and_numeric_cells():
    table = read("unit.xlsx", xlsx_bytes(GOOD_ROWS + [["J.1.2", "Judul", 3.0, 42]]))
    assert table.header == ["Kode Unit", "Judul Unit", "Elemen", "KUK"]
    assert table.rows[-1] == (5, ["J.1.2", "Judul", "3", "42"])
    assert domain.validate_import(table.rows, header=table.header).ok


def test_xlsx_header_below_blank_rows_keeps_sheet_row_numbers():
    table = read("unit.xlsx", xlsx_bytes(GOOD_ROWS, title_rows=[[], []]))
    assert table.header_row == 3
    assert table.rows[0][0] == 4


def test_xlsx_content_with_csv_name_is_read_as_xlsx():
    table = read("unit.csv", xlsx_bytes(GOOD_ROWS))
    assert len(table.rows) == 3


def test_templates_round_trip():
    for name, content in (("t.csv", importers.template_csv()), ("t.xlsx", importers.template_xlsx())):
        table = read(name, content)
        result = domain.validate_import(table.rows, header=table.header)
        assert result.ok, (name, result.issues)
        assert result.kuk_count == len(importers.TEMPLATE_ROWS)


def test_template_csv_is_semicolon_with_bom():
    content = importers.template_csv()
    assert content.startswith(b"\xef\xbb\xbf") and content.splitlines()[0].endswith(b"kode_unit;judul_unit;elemen;kuk")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("unit.csv", b"", "file_empty"),
        ("unit.csv", b"\xef\xbb\xbf\r\n \r\n", "file_empty"),
        ("unit.xlsx", b"", "file_empty"),
        ("unit.xlsx", bytes(range(256)) * 4, "file_corrupt"),
        ("unit.xlsx", b"PK\x03\x04" + b"\x00" * 200, "file_corrupt"),
        ("unit.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "file_type"),
        ("unit.pdf", b"%PDF-1.4 something", "file_type"),
        ("unit", b"kode_unit,judul_unit,elemen,kuk\n", "file_type"),
        ("unit.csv", "kode_unit,judul_unit,elemen,kuk\nJ.1.2,Judul,Elemen,KUK\n".encode("utf-16"), "file_encoding"),
        ("unit.csv", "kode_unit,judul_unit,elemen,kuk\n".encode("utf-16-le"), "file_encoding"),
        ("unit.csv", "kode_unit;judul_unit;elemen;kuk\nJ.1.2;Caf\u00e9;Elemen;KUK \u2013 satu\n".encode("cp1252"),
         "file_encoding"),
    ],
)
def test_unreadable_files_are_refused_with_a_code(name, content, code):
    error = refused(name, content)
    assert error.code == code
    assert error.messages[0]  # an Indonesian sentence for the admin


def test_cp1252_error_names_the_line():
    content = "kode_unit;judul_unit;elemen;kuk\nJ.1.2;Judul;Elemen;KUK\nJ.1.2;Caf\u00e9;E;K\n".encode("cp1252")
    error = refused("unit.csv", content)
    assert "baris 3" in error.messages[0]


def test_size_limit_boundary(settings):
    content = csv_bytes(GOOD_ROWS)
    settings.LSP_IMPORT_MAX_BYTES = len(content)
    assert len(read("unit.csv", content).rows) == 3
    settings.LSP_IMPORT_MAX_BYTES = len(content) - 1
    assert refused("unit.csv", content).code == "file_too_large"


def test_row_limit_boundary():
    rows = [["J.620100.004.02", "Judul", "Elemen", f"KUK {i}"] for i in range(10)]
    assert len(read("unit.csv", csv_bytes(rows), limit_rows=10).rows) == 10
    assert refused("unit.csv", csv_bytes(rows), limit_rows=9).code == "too_many_rows"
    assert refused("unit.xlsx", xlsx_bytes(rows), limit_rows=9).code == "too_many_rows"


def test_row_limit_default_is_a_setting(settings):
    settings.LSP_IMPORT_MAX_ROWS = 2
    assert refused("unit.csv", csv_bytes(GOOD_ROWS)).code == "too_many_rows"


def test_default_row_limit_is_5000():
    assert importers.DEFAULT_MAX_ROWS == 5000


def test_broken_csv_quoting_is_refused_not_crashing():
    content = b"kode_unit,judul_unit,elemen,kuk\nJ.1.2,\"Judul,E,K\n" + b"x" * 200_000 + b"\n"
    error = refused("unit.csv", content)
    assert error.code == "file_corrupt"


def test_xlsx_that_unpacks_too_large_is_refused(settings):
    import zipfile

    buffer = io.BytesIO(xlsx_bytes(GOOD_ROWS))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"\x00" * 2_000_000)  # compresses to a few KB
    content = buffer.getvalue()
    settings.LSP_IMPORT_MAX_BYTES = max(len(content), 50_000)  # the upload itself is within the limit
    error = refused("unit.xlsx", content)
    assert error.code == "file_too_large" and "setelah dibuka" in error.messages[0]
    settings.LSP_IMPORT_MAX_BYTES = 200_000  # 20 × 200 KB = 4 MB unpacked is fine
    assert len(read("unit.xlsx", content).rows) == 3
