"""Cells holding an Excel error value (#N/A from a failed VLOOKUP, #REF! …): calamine reads them
as empty, so they used to become blanks without a word (a level of #N/A was stored as 普通). The
reader now hands them over as ``ExcelErrorValue`` and normalisation says what it did with them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from siyu_desktop.excel import reader
from siyu_desktop.excel.mapping import auto_map
from siyu_desktop.excel.normalize import RosterRow, cell_text, normalise_rows
from siyu_desktop.excel.reader import ExcelErrorValue, SheetRow

CODES = ["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"]
HEADER = ["客户名称", "手机号", "会员等级", "渠道", "喜好"]


def make_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def normalised(path: Path) -> tuple[list[SheetRow], object]:
    rows = list(reader.iter_rows(path))
    return rows, normalise_rows(rows[1:], auto_map(rows[0].cells))


def test_openpyxl_writes_the_codes_as_error_cells(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "e.xlsx", [CODES])
    assert [c.data_type for c in openpyxl.load_workbook(path).active[1]] == ["e"] * len(CODES)


def test_every_error_code_comes_out_as_an_error_value(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "e.xlsx", [["a"] * len(CODES), CODES])
    rows = list(reader.iter_rows(path))
    assert rows[1] == SheetRow(2, [ExcelErrorValue(c) for c in CODES])
    assert all(cell_text(v) == "" for v in rows[1].cells)
    assert str(rows[1].cells[0]) == "#N/A"


def test_error_cells_keep_their_place(tmp_path: Path) -> None:
    """Right of the last value (calamine pads the row), a row of nothing but errors, and a
    sheet not starting at A1."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["C3"], sheet["D3"], sheet["F3"] = "客户名称", "x", "#N/A"
    sheet["E5"] = "#REF!"
    book.save(tmp_path / "off.xlsx")
    assert list(reader.iter_rows(tmp_path / "off.xlsx")) == [
        SheetRow(3, ["", "", "客户名称", "x", "", ExcelErrorValue("#N/A")]),
        SheetRow(5, ["", "", "", "", ExcelErrorValue("#REF!")]),
    ]


def test_level_error_is_the_default_level_with_a_warning(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "lookup.xlsx", [
        HEADER,
        ["张三", "13812345678", "#N/A", "#REF!", "#DIV/0!"],
        ["李四", "13912345678", "金卡", "门店", "猫粮"],
    ])
    _, roster = normalised(path)
    first, second = roster.rows
    assert first == RosterRow(name="张三", phone="13812345678", source_rows=(2,))
    assert second.level == 2 and second.channel == "门店"
    assert roster.notes == [
        "第 2 行：会员等级是 Excel 错误值 #N/A，已按 普通 处理（已有客户的等级不变）；"
        "「渠道」是 Excel 错误值 #REF!，按空白处理；「喜好」是 Excel 错误值 #DIV/0!，按空白处理"
    ]


def test_key_field_error_is_missing_and_said(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "keys.xlsx", [
        ["客户名称", "手机号", "客户ID"],
        ["张三", "#N/A", "#N/A"],
        ["", "#N/A", "#VALUE!"],
    ])
    _, roster = normalised(path)
    assert [(r.name, r.phone, r.external_userid) for r in roster.rows] == [("张三", None, None)]
    assert roster.notes == ["第 2 行：「手机号」是 Excel 错误值 #N/A，按空白处理；"
                            "「客户ID」是 Excel 错误值 #N/A，按空白处理"]
    (row, problems), = roster.rejected
    assert row.number == 3
    assert "无法知道是谁" in problems[0].reason and "「客户ID」是 Excel 错误值 #VALUE!" in problems[0].reason


def test_a_normal_file_says_nothing_about_errors(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "ok.xlsx", [HEADER, ["张三", "13812345678", "金卡", "门店", ""],
                                            ["#1 号店", "13912345678", "", "#", "#tag"]])
    _, roster = normalised(path)
    assert roster.notes == [] and len(roster.rows) == 2
    assert roster.rows[1].name == "#1 号店" and roster.rows[1].channel == "#"


def test_csv_text_error_code_is_treated_the_same(tmp_path: Path) -> None:
    """Excel saving as CSV writes an error as its code: the same blank, the same warning."""
    path = tmp_path / "lookup.csv"
    path.write_text("客户名称,手机号,会员等级,渠道\n张三,13812345678,#N/A,#NAME?\n"
                    "李四,13912345678,#N/A 以后再填,门店\n", encoding="utf-8")
    rows, roster = normalised(path)
    assert rows[1].cells[2:] == [ExcelErrorValue("#N/A"), ExcelErrorValue("#NAME?")]
    assert roster.rows[0].level is None and roster.rows[0].channel == ""
    assert roster.notes == ["第 2 行：会员等级是 Excel 错误值 #N/A，已按 普通 处理（已有客户的等级不变）；"
                            "「渠道」是 Excel 错误值 #NAME?，按空白处理"]
    # text that only starts like a code is ordinary text (and here an unknown level)
    assert [p.field for _, ps in roster.rejected for p in ps] == ["level"]


def test_error_cell_split_across_read_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sheet XML is streamed in chunks; a cell cut in two by a chunk end is still found."""
    monkeypatch.setattr("siyu_desktop.excel.xlsx_guard._CHUNK", 7)
    path = make_xlsx(tmp_path / "e.xlsx", [["客户名称", "会员等级"]] + [["甲", "#N/A"]] * 30)
    rows = list(reader.iter_rows(path))
    assert len(rows) == 31 and all(r.cells[1] == ExcelErrorValue("#N/A") for r in rows[1:])


def test_error_cell_with_a_formula_and_a_namespace_prefix(tmp_path: Path) -> None:
    src = make_xlsx(tmp_path / "src.xlsx", [["客户名称", "会员等级"], ["甲", "x"]])
    dst = tmp_path / "prefixed.xlsx"
    sheet = (b'<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is>'
             b'<x:t>name</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2" s="0" t=\'e\'><x:f>'
             b'VLOOKUP(B2,Sheet2!A:B,2,0)</x:f><x:v>#N/A</x:v></x:c><x:c r="B2" t="e"/></x:row>'
             b'</x:sheetData></x:worksheet>')
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = sheet if item.filename == "xl/worksheets/sheet1.xml" else zin.read(item)
            zout.writestr(item, data)
    assert list(reader.iter_rows(dst))[1] == SheetRow(2, [ExcelErrorValue("#N/A")])


def test_child_reader_carries_error_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_xlsx(tmp_path / "e.xlsx", [HEADER, ["张三", "13812345678", "#N/A"]])
    monkeypatch.setattr(reader, "CHILD_READ_BYTES", 0)
    assert list(reader.iter_rows(path))[1].cells[2] == ExcelErrorValue("#N/A")
