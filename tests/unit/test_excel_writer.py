"""Writing: typed cells, formula safety, sheet split, rejects, template, and the round trip."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from siyu_desktop.errors import Cancelled
from siyu_desktop.excel import reader, writer
from siyu_desktop.excel.mapping import FIELD_ALIASES, auto_map, detect_header
from siyu_desktop.excel.normalize import RosterRow, normalise_rows
from siyu_desktop.excel.reader import SheetRow

TEMPLATE = Path(__file__).resolve().parents[2] / "resources" / "templates" / "roster_template.xlsx"
HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"点我\")"]


def import_file(path: Path) -> tuple[list[RosterRow], list[tuple[SheetRow, list[object]]]]:
    rows = list(reader.iter_rows(path))
    header = detect_header(rows)
    result = normalise_rows(rows[header.index + 1:], auto_map(header.cells))
    return result.rows, result.rejected  # type: ignore[return-value]


def test_typed_cells_frozen_header_filter_and_widths(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    rows = [["张三", "13812345678", dt.date(1990, 5, 1), dt.datetime(2023, 5, 1, 14, 3), 12, None,
             "一二三四五六七八九十一二三四五"]]
    assert writer.write_xlsx(path, ["客户名称", "手机号", "生日", "添加时间", "积分", "空", "备注"], rows) == 1
    ws = openpyxl.load_workbook(path).active
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:G2"
    assert ws["B2"].data_type == "s" and ws["B2"].value == "13812345678"
    assert ws["C2"].is_date and ws["C2"].number_format == "yyyy-mm-dd"
    assert ws["D2"].value == dt.datetime(2023, 5, 1, 14, 3)
    assert ws["E2"].value == 12 and ws["F2"].value is None
    assert ws.column_dimensions["G"].width >= 30  # 15 CJK characters count double
    assert ws.column_dimensions["E"].width < 12
    assert writer.display_width("张三ab") == 6


def test_formula_like_strings_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    writer.write_xlsx(path, ["客户名称", "备注"], [[h, h] for h in HOSTILE])
    ws = openpyxl.load_workbook(path).active
    for r, text in enumerate(HOSTILE, start=2):
        cell = ws.cell(r, 1)
        assert cell.data_type != "f"
        # openpyxl leaves XML's _x000D_ escape for \r undecoded; calamine (our reader) decodes it
        assert cell.value == text.replace("\r", "_x000D_")
    assert [r.cells[0] for r in reader.iter_rows(path)][1:] == HOSTILE


def test_formula_like_strings_get_the_quote_prefix_not_an_apostrophe(tmp_path: Path) -> None:
    """Editing such a cell in Excel must not make it a formula, and the stored text must stay
    exactly what was exported (the prefix is a style, not a character)."""
    path = tmp_path / "q.xlsx"
    texts = ["=1+1", "-5折", "@小王", "+SUM(A1)", "普通文字", "5-3"]
    writer.write_xlsx(path, ["客户名称"], [[t] for t in texts])
    ws = openpyxl.load_workbook(path).active
    assert [(c.value, c.quotePrefix) for (c,) in ws.iter_rows(min_row=2)] == [
        ("=1+1", True), ("-5折", True), ("@小王", True), ("+SUM(A1)", True),
        ("普通文字", False), ("5-3", False)]
    assert [r.cells[0] for r in reader.iter_rows(path)][1:] == texts


def test_csv_export_is_formula_safe_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    writer.write_csv(path, ["客户名称", "手机号", "生日"],
                     [[h, "13812345678", dt.date(1990, 5, 1)] for h in HOSTILE])
    with path.open(encoding="utf-8-sig", newline="") as f:
        first = [row[0] for row in csv.reader(f)][1:]
    assert first == ["'" + h for h in HOSTILE]
    rows = list(reader.iter_rows(path))
    assert [r.cells[0] for r in rows[1:]] == HOSTILE
    assert rows[1].cells[1:] == ["13812345678", "1990-05-01"]


def test_split_across_sheets_repeats_header(tmp_path: Path) -> None:
    path = tmp_path / "split.xlsx"
    writer.write_xlsx(path, ["客户名称", "积分"], ([f"客户{i}", i] for i in range(25)), max_rows_per_sheet=10)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["客户名单", "客户名单(2)", "客户名单(3)"]
    assert [ws.max_row for ws in book.worksheets] == [11, 11, 6]
    for ws in book.worksheets:
        assert [c.value for c in ws[1]] == ["客户名称", "积分"] and ws.freeze_panes == "A2"
    assert book.worksheets[2]["A6"].value == "客户24"
    assert [s.name for s in reader.list_sheets(path)] == book.sheetnames


def test_progress_and_cancel_leave_no_partial_file(tmp_path: Path) -> None:
    seen: list[int] = []
    writer.write_xlsx(tmp_path / "ok.xlsx", ["a"], ([i] for i in range(2500)), progress=seen.append)
    assert seen == [1000, 2000, 2500]

    def cancel() -> None:
        raise Cancelled

    target = tmp_path / "cancelled.xlsx"
    with pytest.raises(Cancelled):
        writer.write_xlsx(target, ["a"], ([i] for i in range(5000)), cancel=cancel)
    with pytest.raises(Cancelled):
        writer.write_csv(tmp_path / "c.csv", ["a"], ([i] for i in range(5000)), cancel=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.xlsx"]


def sample_rows() -> list[RosterRow]:
    return [
        RosterRow(name="张三", phone="13812345678", external_userid="wmAAA", unionid="oU1", level=2,
                  channel="包裹卡", birthday="1990-05-01", added_at=1682920980,
                  staff=("王小明", "李雷"), groups=("福利1群", "会员群"),
                  tags=(("兴趣", "猫粮"), (None, "新客")), points=1200, remark="=老客户", gender=2,
                  extras={"爱好": "跑步", "城市": "上海"}),
        RosterRow(name="Bob", phone="+12025550123", birthday="--02-29", points=0, gender=0),
        RosterRow(name="李四", external_userid="wmBBB", level=0, added_at=1700000000,
                  tags=(("渠道", "AI外呼"),), remark="-5 分", extras={"城市": "北京"}),
    ]


def test_round_trip_write_read_normalise(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    original = sample_rows()
    writer.write_roster(path, original, extras=["爱好", "城市"])
    again, rejected = import_file(path)
    assert rejected == []
    assert again == original
    assert [r.source_rows for r in again] == [(2,), (3,), (4,)]


def test_round_trip_across_split_sheets(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    original = [RosterRow(name=f"客户{i}", phone=f"1381234{i:04d}", points=i) for i in range(7)]
    writer.write_roster(path, original, max_rows_per_sheet=3)
    imported: list[RosterRow] = []
    for sheet in reader.list_sheets(path):
        rows = list(reader.iter_rows(path, sheet.name))
        imported += normalise_rows(rows[1:], auto_map(rows[0].cells)).rows
    assert imported == original


def test_rejects_file_reimports_once_fixed(tmp_path: Path) -> None:
    source = tmp_path / "in.xlsx"
    writer.write_xlsx(source, ["客户名称", "手机号", "生日"],
                      [["张三", "13812345678", dt.date(1990, 5, 1)], ["李四", "123", "2023-02-30"]])
    good, rejected = import_file(source)
    assert [r.name for r in good] == ["张三"]
    header = next(reader.iter_rows(source)).cells
    rejects = tmp_path / "rejects.xlsx"
    writer.write_rejects(rejects, header, [
        (row.cells, f"第 {row.number} 行：" + "；".join(p.describe() for p in problems))  # type: ignore[attr-defined]
        for row, problems in rejected])
    ws = openpyxl.load_workbook(rejects).active
    assert [c.value for c in ws[1]] == ["错误原因", "客户名称", "手机号", "生日"]
    assert "手机号「123」" in ws["A2"].value and "日期不存在" in ws["A2"].value
    ws["C2"] = "13987654321"
    ws["D2"] = "1985-12-31"
    ws.parent.save(rejects)
    fixed, still = import_file(rejects)
    assert still == []
    assert fixed == [RosterRow(name="李四", phone="13987654321", birthday="1985-12-31")]


def test_template_matches_checked_in_copy_and_maps_every_field(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    writer.write_template(path)
    book = openpyxl.load_workbook(path)
    committed = openpyxl.load_workbook(TEMPLATE)
    # Compared by content, not bytes, so an XlsxWriter upgrade alone does not fail the test.
    assert [[[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets] == [
        [[c.value for c in row] for row in ws.iter_rows()] for ws in committed.worksheets]
    assert book.sheetnames == ["客户名单", "填写说明"]
    header = [c.value for c in book["客户名单"][1]]
    assert set(auto_map(header).fields) == set(FIELD_ALIASES)
    assert book["客户名单"].max_row == 1
    notes = [row[0].value for row in book["填写说明"].iter_rows(min_row=2)]
    assert set(header) <= set(notes)
    sheets = reader.list_sheets(path)
    assert [s.name for s in sheets] == ["客户名单", "填写说明"]


def test_fast_cell_writers_write_what_the_public_ones_do(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Text and numbers go to XlsxWriter's typed writers directly; a file written through the
    public methods instead holds exactly the same cells, types and formats."""
    rows = [["张三", "13812345678", 12, 3.5, float("nan"), True, dt.date(1990, 5, 1)] + HOSTILE[:2],
            ["=1+1", "", None, -7, 0, False, dt.datetime(2023, 5, 1, 14, 3), "@cmd", "a"]]
    header = ["客户名称", "手机号", "积分", "小数", "非数", "布尔", "日期", "备注", "其他"]
    fast = tmp_path / "fast.xlsx"
    writer.write_xlsx(fast, header, rows)
    original = writer._SheetWriter._new_sheet

    def public_only(self: writer._SheetWriter) -> None:
        original(self)
        assert self.text != self.sheet.write_string  # the fast path really was in use
        self.text, self.number = self.sheet.write_string, self.sheet.write_number
    monkeypatch.setattr(writer._SheetWriter, "_new_sheet", public_only)
    public = tmp_path / "public.xlsx"
    writer.write_xlsx(public, header, rows)

    def cells(path: Path) -> list[list[object]]:
        ws = openpyxl.load_workbook(path).active
        return [[(c.value, c.data_type, c.number_format) for c in row] for row in ws.iter_rows()]
    assert cells(fast) == cells(public)
    assert cells(fast)[1][:4] == [("张三", "s", "General"), ("13812345678", "s", "General"),
                                  (12, "n", "General"), (3.5, "n", "General")]
    assert cells(fast)[2][0] == ("=1+1", "s", "General")
