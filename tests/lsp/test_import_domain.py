"""The pure import rules (lsp.domain.validate_import): no database, rows in → units or row errors."""

import pytest

from lsp import domain

HEADER = ["kode_unit", "judul_unit", "elemen", "kuk"]


def rows(*data, start=2):
    return [(n, list(r)) for n, r in enumerate(data, start)]


def codes(result):
    return [(i.row, i.code) for i in result.issues]


@pytest.mark.parametrize(
    "kode, ok",
    [("J.620100.004.02", True), ("M.70TIK00.001.1", True), ("J.620100", False), ("j.620100.004.02", False),
     ("J.620100..02", False), ("J 620100.004.02", False), ("J.620100.004.02.", False)],
)
def test_the_models_validator_and_the_import_agree(kode, ok):
    from django.core.exceptions import ValidationError

    from lsp.models import kode_unit_validator

    assert domain.kode_unit_valid(kode) is ok
    if ok:
        kode_unit_validator(kode)
    else:
        with pytest.raises(ValidationError) as exc:
            kode_unit_validator(kode)
        assert exc.value.code == "kode_unit"


def test_good_rows_become_a_tree_in_file_order():
    result = domain.validate_import(
        rows(
            ["J.620100.004.02", "Menggunakan Struktur Data", "Elemen A", "KUK A1"],
            ["J.620100.004.02", "Menggunakan Struktur Data", "Elemen A", "KUK A2"],
            ["J.620100.004.02", "Menggunakan Struktur Data", "Elemen B", "KUK B1"],
            ["J.620100.016.01", "Menulis Kode", "Elemen C", "KUK C1"],
            ["J.620100.004.02", "Menggunakan Struktur Data", "Elemen A", "KUK A3"],  # back to A later on
        ),
        header=HEADER,
    )
    assert result.ok and result.issues == []
    assert [u.kode for u in result.units] == ["J.620100.004.02", "J.620100.016.01"]
    first = result.units[0]
    assert [e.nama for e in first.elemen] == ["Elemen A", "Elemen B"]
    assert first.elemen[0].kuk == ["KUK A1", "KUK A2", "KUK A3"]
    assert (result.elemen_count, result.kuk_count) == (3, 5)


@pytest.mark.parametrize(
    "header",
    [
        ["Kode Unit", "Judul Unit", "Elemen", "KUK"],
        ["  KODE_UNIT ", "judul-unit", "ELEMEN KOMPETENSI", "Kriteria Unjuk Kerja"],
        ["No", "kode unit", "judul unit", "elemen", "kuk"],  # an extra column is ignored
    ],
)
def test_header_spellings_are_accepted(header):
    offset = len(header) - 4
    cells = [""] * offset + ["J.620100.004.02", "Judul", "Elemen", "KUK"]
    if offset:
        cells[0] = "1"
    result = domain.validate_import(rows(cells), header=header)
    assert result.ok, result.issues
    assert result.units[0].elemen[0].kuk == ["KUK"]


def test_missing_column_is_reported_on_the_header_row():
    result = domain.validate_import(rows(["J.620100.004.02", "Judul", "Elemen"]), header=HEADER[:3], header_row=3)
    assert codes(result) == [(3, "missing_columns")]
    assert "kuk" in result.issues[0].message
    assert result.units == []


def test_wrong_columns_entirely():
    result = domain.validate_import(rows(["a", "b"]), header=["nama", "alamat"])
    assert codes(result) == [(1, "missing_columns")]


def test_repeated_column_is_reported():
    result = domain.validate_import(rows(["J.1.2", "x", "y", "z", "w"]), header=HEADER + ["KUK"])
    assert (1, "duplicate_column") in codes(result)


def test_every_empty_cell_is_reported_with_its_row():
    result = domain.validate_import(
        rows(
            ["J.620100.004.02", "Judul", "Elemen", "KUK 1"],
            ["J.620100.004.02", "", "Elemen", "KUK 2"],
            ["", "Judul", "", "KUK 3"],
        ),
        header=HEADER,
    )
    assert codes(result) == [(3, "empty_cell"), (4, "empty_cell"), (4, "empty_cell")]
    assert "judul_unit" in result.issues[0].message
    assert str(result.issues[0]).startswith("Baris 3: ")


def test_short_rows_count_as_empty_cells():
    result = domain.validate_import(rows(["J.620100.004.02", "Judul"]), header=HEADER)
    assert codes(result) == [(2, "empty_cell"), (2, "empty_cell")]


def test_blank_rows_are_skipped_and_keep_row_numbers():
    result = domain.validate_import(
        rows(["J.620100.004.02", "Judul", "Elemen", "KUK"], ["", " ", "", ""], ["BAD", "Judul", "E", "K"]),
        header=HEADER,
    )
    assert codes(result) == [(4, "kode_unit")]


@pytest.mark.parametrize(
    "kode", ["J620100", "J.620100", "J-620.100.004", "J.620100.004.", "J.6201 00.004€", "X" * 39 + ".1.2"]
)
def test_bad_unit_codes(kode):
    result = domain.validate_import(rows([kode, "Judul", "Elemen", "KUK"]), header=HEADER)
    assert codes(result) == [(2, "kode_unit")]


def test_unit_code_is_normalised_to_upper_case_without_spaces():
    result = domain.validate_import(rows([" j.620100.004.02 ", "Judul", "Elemen", "KUK"]), header=HEADER)
    assert result.ok and result.units[0].kode == "J.620100.004.02"


def test_same_code_two_titles_is_refused_on_the_later_row():
    result = domain.validate_import(
        rows(
            ["J.620100.004.02", "Menggunakan Struktur Data", "E", "K1"],
            ["J.620100.004.02", "menggunakan  struktur data", "E", "K2"],  # same title, other case/spaces
            ["J.620100.004.02", "Menulis Kode", "E", "K3"],
        ),
        header=HEADER,
    )
    assert codes(result) == [(4, "judul_conflict")]
    assert "baris 2" in result.issues[0].message


def test_duplicate_kuk_rows_are_refused():
    result = domain.validate_import(
        rows(
            ["J.620100.004.02", "Judul", "Elemen", "KUK satu"],
            ["J.620100.004.02", "Judul", "Elemen", "KUK dua"],
            ["J.620100.004.02", "Judul", "elemen", "kuk  SATU"],
        ),
        header=HEADER,
    )
    assert codes(result) == [(4, "duplicate_kuk")]
    assert "baris 2" in result.issues[0].message


def test_same_kuk_text_under_another_element_is_fine():
    result = domain.validate_import(
        rows(["J.620100.004.02", "Judul", "Elemen 1", "Sama"], ["J.620100.004.02", "Judul", "Elemen 2", "Sama"]),
        header=HEADER,
    )
    assert result.ok


def test_unit_already_in_the_skema_is_refused_on_each_of_its_rows():
    result = domain.validate_import(
        rows(
            ["J.620100.004.02", "Judul", "E", "K1"],
            ["J.620100.004.02", "Judul", "E", "K2"],
            ["J.620100.016.01", "Lain", "E", "K1"],
        ),
        header=HEADER,
        existing_kode_unit={"J.620100.004.02"},
    )
    assert codes(result) == [(2, "unit_exists"), (3, "unit_exists")]


def test_too_long_cells():
    result = domain.validate_import(
        rows(["J.620100.004.02", "J" * (domain.MAX_JUDUL_UNIT + 1), "E" * domain.MAX_ELEMEN, "K"]), header=HEADER
    )
    assert codes(result) == [(2, "too_long")]


def test_header_only_means_no_rows():
    result = domain.validate_import([], header=HEADER)
    assert codes(result) == [(None, "no_rows")]
    assert not result.ok


def test_cells_are_cleaned_of_extra_whitespace():
    result = domain.validate_import(
        rows(["J.620100.004.02", " Judul\u00a0 unit ", "Elemen\nsatu", "  KUK  "]), header=HEADER
    )
    unit = result.units[0]
    assert (unit.judul, unit.elemen[0].nama, unit.elemen[0].kuk) == ("Judul unit", "Elemen satu", ["KUK"])


@pytest.mark.parametrize(
    ("lisensi", "kode"),
    [("BNSP-LSP-1565-ID", "1565"), ("BNSP-LSP-123-IDN", "123"), ("BNSP-LSP-12-ID", ""), ("", ""), ("x", "")],
)
def test_kode_lsp_from_lisensi(lisensi, kode):
    assert domain.kode_lsp_from_lisensi(lisensi) == kode


def test_skema_level_rule():
    assert domain.skema_level_issue("kkni", None)
    assert domain.skema_level_issue("kkni", 2) == ""
    assert domain.skema_level_issue("okupasi", None) == ""


@pytest.mark.parametrize(
    ("item", "direction", "expected"),
    [(1, "up", None), (1, "down", 1), (3, "down", None), (2, "up", 0), (9, "up", None), (2, "sideways", None)],
)
def test_move_position(item, direction, expected):
    assert domain.move_position([1, 2, 3], item, direction) == expected


def test_preview_payload_round_trips_the_validated_units():
    from lsp.domain import ElemenData, UnitData, units_from_payload, units_to_payload

    units = [UnitData("J.620100.004.02", "Struktur Data", 2, [ElemenData("Elemen 1", ["KUK a", "KUK b"])])]
    assert units_from_payload(units_to_payload(units)) == units
