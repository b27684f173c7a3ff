"""Reading spreadsheets: formats, encodings, progress/cancel, and hostile or broken files."""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from siyu_desktop.errors import Cancelled, ImportFormatError
from siyu_desktop.excel import reader
from siyu_desktop.excel.reader import FileKind, ReadLimits, SheetRow

DATA = Path(__file__).resolve().parent.parent / "data" / "excel"


def rows_of(path: Path, sheet: str | int | None = None, **kw: object) -> list[SheetRow]:
    return list(reader.iter_rows(path, sheet, **kw))  # type: ignore[arg-type]


def make_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("名单")
    fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, value, fmt)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    return path


def patch_sheet_xml(src: Path, dst: Path, sheet_xml: bytes) -> Path:
    """A copy of ``src`` whose first worksheet XML is replaced (for hand-built hostile sheets)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = sheet_xml if info.filename == "xl/worksheets/sheet1.xml" else zin.read(info)
            zout.writestr(info.filename, data)
    return dst


SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
              b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"


def inline(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


# --- formats -------------------------------------------------------------------------------------

def test_xlsx_with_title_rows_merged_cells_and_hidden_sheet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户"
    ws["A1"] = "2024 年会员名单"
    ws.merge_cells("A1:D1")
    ws.append([])
    ws.append(["客户名称", "手机号", "生日", "积分"])
    ws.append(["张三", "13812345678", dt.date(1990, 5, 1), 12])
    ws["C4"].number_format = "yyyy-mm-dd"
    hidden = wb.create_sheet("备份")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "x"
    path = tmp_path / "title.xlsx"
    wb.save(path)

    sheets = reader.list_sheets(path)
    assert [(s.name, s.hidden) for s in sheets] == [("客户", False), ("备份", True)]
    assert reader.default_sheet(sheets).name == "客户"
    rows = rows_of(path)
    assert [r.number for r in rows] == [1, 3, 4]  # the blank row 2 is skipped, numbers kept
    assert rows[0].cells == ["2024 年会员名单"]  # merged cells: value in the first, rest trimmed
    assert rows[2].cells == ["张三", "13812345678", dt.date(1990, 5, 1), 12]
    assert rows_of(path, "备份")[0].cells == ["x"]
    assert rows_of(path, 1)[0].cells == ["x"]


def test_data_not_starting_at_a1_keeps_excel_positions(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(str(tmp_path / "off.xlsx"))
    sheet = book.add_worksheet()
    sheet.write(2, 2, "客户名称")
    sheet.write(3, 3, 5)
    book.close()
    rows = rows_of(tmp_path / "off.xlsx")
    assert rows == [SheetRow(3, ["", "", "客户名称"]), SheetRow(4, ["", "", "", 5.0])]


@pytest.mark.parametrize("name", ["roster.xls", "roster.ods"])
def test_xls_and_ods_made_by_libreoffice(name: str) -> None:
    path = DATA / name
    assert reader.detect_kind(path) is (FileKind.XLS if name.endswith("xls") else FileKind.ODS)
    assert [(s.name, s.hidden) for s in reader.list_sheets(path)] == [("名单", False), ("隐藏", True)]
    rows = rows_of(path)
    assert rows[0].cells == ["客户名称", "手机号", "生日", "积分", "标签"]
    assert rows[1].cells[:3] == ["张三", "13812345678", dt.date(1990, 5, 1)]
    assert rows[1].cells[3] == 120


MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
    '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type='
    '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
    'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def test_ods_built_by_hand(tmp_path: Path) -> None:
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="S"><table:table-row>'
        + cell.format("客户名称") + cell.format("手机号") + "</table:table-row><table:table-row>"
        + cell.format("王五") + '<table:table-cell office:value-type="float" office:value='
        '"13812345678"><text:p>13812345678</text:p></table:table-cell></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    path = tmp_path / "hand.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    assert rows_of(path)[1].cells == ["王五", 13812345678.0]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk", "gb18030", "utf-16"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    text = "客户名称,手机号,标签\r\n张三,13812345678,\"兴趣:猫粮,新客\"\r\n李四,139 8765 4321,\r\n"
    path = tmp_path / "r.csv"
    path.write_bytes(text.encode(encoding))
    rows = rows_of(path)
    assert rows[0].cells == ["客户名称", "手机号", "标签"]
    assert rows[1].cells == ["张三", "13812345678", "兴趣:猫粮,新客"]
    assert rows[2].cells == ["李四", "139 8765 4321"]


def test_gbk_with_ascii_start_is_not_taken_for_utf8(tmp_path: Path) -> None:
    lines = ["name,phone"] + [f"user{i},1381234{i:04d}" for i in range(5000)] + ["张三,13812345678"]
    path = tmp_path / "late.csv"
    path.write_bytes("\n".join(lines).encode("gbk"))
    assert reader.sniff_csv(path).encoding == "gb18030"
    assert rows_of(path)[-1].cells == ["张三", "13812345678"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "d.csv"
    path.write_text("\n".join(delimiter.join(r) for r in [["客户名称", "手机号", "备注"],
                                                          ["张三", "13812345678", "a, b"]]),
                    encoding="utf-8")
    if delimiter == ",":
        path.write_text('客户名称,手机号,备注\n张三,13812345678,"a, b"\n', encoding="utf-8")
    assert reader.sniff_csv(path).delimiter == delimiter
    assert rows_of(path)[1].cells == ["张三", "13812345678", "a, b"]


def test_csv_broken_quote_and_too_many_columns(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n" + "x,\"" + "y" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="引号"):
        rows_of(path)
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(300)) + "\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="300 列"):
        rows_of(wide)


def test_overlong_cells_are_cut_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("客户名称,备注\n张三," + "长" * 100 + "\n", encoding="utf-8")
    rows = rows_of(path, limits=ReadLimits(max_cell_chars=50))
    assert len(rows[1].cells[1]) == 51  # still visibly too long for the normaliser to refuse


def test_progress_and_cancel(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("客户名称\n" + "\n".join(f"客户{i}" for i in range(5500)), encoding="utf-8")
    seen: list[int] = []
    assert len(rows_of(path, progress=seen.append)) == 5501
    assert seen == [1000, 2000, 3000, 4000, 5000, 5501]

    def cancel() -> None:
        if len(got) >= 2500:
            raise Cancelled

    got: list[SheetRow] = []
    with pytest.raises(Cancelled):
        for row in reader.iter_rows(path, cancel=cancel):
            got.append(row)
    assert len(got) < 5501


# --- broken and hostile files -------------------------------------------------------------------

def test_text_renamed_xlsx_empty_file_and_html(tmp_path: Path) -> None:
    renamed = tmp_path / "名单.xlsx"
    renamed.write_text("客户名称,手机号\n张三,13812345678\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="不是真正的 Excel") as err:
        reader.list_sheets(renamed)
    assert ".csv" in err.value.hint
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(ImportFormatError, match="空的"):
        reader.list_sheets(empty)
    html = tmp_path / "export.xls"
    html.write_text("<html><body><table><tr><td>客户</td></tr></table></body></html>")
    with pytest.raises(ImportFormatError, match="网页"):
        reader.list_sheets(html)
    with pytest.raises(ImportFormatError, match="找不到"):
        reader.list_sheets(tmp_path / "missing.xlsx")


def test_corrupt_and_foreign_zips(tmp_path: Path) -> None:
    good = make_xlsx(tmp_path / "good.xlsx", [["客户名称"], ["张三"]])
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(ImportFormatError, match="损坏"):
        rows_of(truncated)
    docx = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(ImportFormatError, match="不是 Excel"):
        rows_of(docx)
    xlsb = tmp_path / "binary.xlsb"
    with zipfile.ZipFile(xlsb, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\0")
    with pytest.raises(ImportFormatError, match="xlsb"):
        rows_of(xlsb)


def test_password_protected_xlsx() -> None:
    with pytest.raises(ImportFormatError, match="密码") as err:
        reader.list_sheets(DATA / "encrypted_password_secret.xlsx")
    assert "另存" in err.value.hint


def test_encrypted_container_detected_from_ole_directory(tmp_path: Path) -> None:
    # Just enough of an OLE file: the magic, then a directory entry naming EncryptionInfo.
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
                     + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100)
    with pytest.raises(ImportFormatError, match="密码"):
        reader.detect_kind(fake)


def test_zip_bomb_refused_by_ratio_before_parsing(tmp_path: Path) -> None:
    base = make_xlsx(tmp_path / "base.xlsx", [["客户名称"], ["张三"]])
    filler = b"<!--" + b" " * (64 * 1024 * 1024) + b"-->"  # 64 MB that deflates to ~64 KB
    bomb = patch_sheet_xml(base, tmp_path / "bomb.xlsx", SHEET_HEAD + filler + SHEET_TAIL)
    assert bomb.stat().st_size < 1024 * 1024
    start = time.perf_counter()
    with pytest.raises(ImportFormatError, match="解压后异常巨大"):
        reader.list_sheets(bomb)
    assert time.perf_counter() - start < 1.0  # judged on the zip directory, nothing inflated


def test_inflated_size_is_capped_even_when_ratio_passes(tmp_path: Path) -> None:
    base = make_xlsx(tmp_path / "base.xlsx", [["客户名称"], ["张三"]])
    rows = b"".join(b'<row r="%d">' % r + inline(f"A{r}", "客户" * 20) + b"</row>" for r in range(1, 20000))
    big = patch_sheet_xml(base, tmp_path / "big.xlsx", SHEET_HEAD + rows + SHEET_TAIL)
    limits = ReadLimits(max_decompressed_bytes=1024 * 1024, max_compression_ratio=10**6)
    with pytest.raises(ImportFormatError, match="解压后异常巨大"):
        rows_of(big, limits=limits)


def test_far_away_cell_is_refused_instead_of_crashing(tmp_path: Path) -> None:
    # Unguarded, calamine asks for 512 GB for this 5 KB file and aborts the whole process.
    base = make_xlsx(tmp_path / "base.xlsx", [["客户名称"], ["张三"]])
    xml = (SHEET_HEAD + b'<row r="1">' + inline("A1", "客户名称") + b'</row><row r="1048576">'
           + inline("XFD1048576", "x") + b"</row>" + SHEET_TAIL)
    far = patch_sheet_xml(base, tmp_path / "far.xlsx", xml)
    with pytest.raises(ImportFormatError, match="16384 列"):
        rows_of(far)
    deep = patch_sheet_xml(base, tmp_path / "deep.xlsx", xml.replace(b"XFD1048576", b"B1048576"))
    with pytest.raises(ImportFormatError, match="范围过大|行"):
        rows_of(deep, limits=ReadLimits(max_sheet_cells=1_000_000))


def test_cells_without_r_attribute_are_bounded_too(tmp_path: Path) -> None:
    base = make_xlsx(tmp_path / "base.xlsx", [["客户名称"], ["张三"]])
    cells = b"".join(b'<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(300))
    wide = patch_sheet_xml(base, tmp_path / "wide.xlsx", SHEET_HEAD + b"<row>" + cells + b"</row>" + SHEET_TAIL)
    with pytest.raises(ImportFormatError, match="列"):
        rows_of(wide)


def test_millions_of_empty_styled_cells_and_lying_dimension(tmp_path: Path) -> None:
    base = make_xlsx(tmp_path / "base.xlsx", [["客户名称"], ["张三"]])
    styled = b"".join(
        b'<row r="%d">' % r + b"".join(b'<c r="%s%d" s="0"/>' % (c, r) for c in (b"A", b"B", b"C", b"D"))
        + b"</row>" for r in range(3, 250_003)
    )  # a million formatted, empty cells below the data
    xml = (SHEET_HEAD.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>')
           + b'<row r="1">' + inline("A1", "客户名称") + b'</row><row r="2">' + inline("A2", "张三")
           + b"</row>" + styled + SHEET_TAIL)
    path = patch_sheet_xml(base, tmp_path / "styled.xlsx", xml)
    start = time.perf_counter()
    assert rows_of(path) == [SheetRow(1, ["客户名称"]), SheetRow(2, ["张三"])]
    assert time.perf_counter() - start < 10


def test_empty_string_cells_are_trimmed(tmp_path: Path) -> None:
    base = make_xlsx(tmp_path / "base.xlsx", [["客户名称"], ["张三"]])
    blanks = b"".join(b'<row r="%d">' % r + inline(f"A{r}", "") + inline(f"B{r}", " ") + b"</row>"
                      for r in range(3, 3000))
    xml = SHEET_HEAD + b'<row r="1">' + inline("A1", "客户名称") + inline("B1", "") + b"</row>" + blanks + SHEET_TAIL
    assert rows_of(patch_sheet_xml(base, tmp_path / "b.xlsx", xml)) == [SheetRow(1, ["客户名称"])]


def test_limits_on_file_size_and_rows(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("客户名称\n" + "\n".join("张三" for _ in range(20)), encoding="utf-8")
    with pytest.raises(ImportFormatError, match="太大"):
        reader.list_sheets(path, ReadLimits(max_file_bytes=10))
    with pytest.raises(ImportFormatError, match="超过 10 行"):
        rows_of(path, limits=ReadLimits(max_rows=10))
    xlsx = make_xlsx(tmp_path / "r.xlsx", [["客户名称"]] + [["张三"]] * 20)
    with pytest.raises(ImportFormatError, match="超过上限 10 行"):
        rows_of(xlsx, limits=ReadLimits(max_rows=10))


def test_unknown_sheet_name(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "r.xlsx", [["客户名称"]])
    with pytest.raises(ImportFormatError, match="找不到工作表"):
        rows_of(path, "没有")


# --- big workbooks: loaded by a child process, streamed from a spill file ----------------------

def _spills() -> set[Path]:
    import tempfile
    return set(Path(tempfile.gettempdir()).glob("siyu-sheet-*.rows"))


def test_child_reader_gives_the_same_rows_errors_and_cancel(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workbooks past CHILD_READ_BYTES are loaded by a spawned child: the same rows (typed cells,
    Excel row numbers, sheets by name), the same operator errors (a guard refusal, an unknown
    sheet), a cancel that stops the child, and no spill file left behind in any case."""
    import multiprocessing
    import os
    import tempfile

    stale = Path(tempfile.gettempdir()) / f"{reader.SPILL_PREFIX}left-by-a-killed-app.rows"
    stale.write_bytes(b"x")
    os.utime(stale, (time.time() - reader.SPILL_STALE_SECONDS - 60,) * 2)
    fresh = Path(tempfile.gettempdir()) / f"{reader.SPILL_PREFIX}another-app-reading-now.rows"
    fresh.write_bytes(b"x")
    before = _spills() - {stale}
    rows = [["客户名称", "生日", "积分", "是否"], [], ["张三", dt.date(1990, 5, 1), 12.5, True]]
    rows += [[f"客户{i}", dt.date(2000, 1, 1 + i % 28), i, i % 2 == 0] for i in range(5000)]
    path = make_xlsx(tmp_path / "big.xlsx", rows)
    here = rows_of(path)
    monkeypatch.setattr(reader, "CHILD_READ_BYTES", 0)
    assert rows_of(path) == here and len(here) == 5002 and here[1].number == 3
    assert rows_of(path, "名单") == here
    half = reader.iter_rows(path)  # an abandoned stream removes its spill file too
    assert next(half).number == 1
    half.close()

    with pytest.raises(ImportFormatError, match="找不到工作表"):
        rows_of(path, "没有")
    base = make_xlsx(tmp_path / "base.xlsx", [["客户名称"], ["张三"]])
    far = patch_sheet_xml(base, tmp_path / "far.xlsx", SHEET_HEAD + b'<row r="1">'
                          + inline("A1", "客户名称") + b'</row><row r="1048576">'
                          + inline("XFD1048576", "x") + b"</row>" + SHEET_TAIL)
    with pytest.raises(ImportFormatError, match="16384 列"):
        rows_of(far)

    calls = 0

    def cancel() -> None:  # the first check passes; the next, while the child loads, cancels
        nonlocal calls
        calls += 1
        if calls > 1:
            raise Cancelled

    with pytest.raises(Cancelled):
        rows_of(path, cancel=cancel)
    deadline = time.monotonic() + 10
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not multiprocessing.active_children()  # the child was stopped, not left reading
    assert _spills() == before  # a day-old leftover went; one being read now stays
    fresh.unlink()


def _abort_like_calamine(send: object, *args: object) -> None:
    """Stands in for the child's reader: dies the way a native abort does, without a word."""
    import os

    os._exit(134)


def test_child_that_dies_is_an_unreadable_file(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """If the child dies mid-read (calamine aborting on a file the guards did not catch, or the
    OS killing it), the app gets an operator's error instead of dying with it."""
    before = _spills()
    path = make_xlsx(tmp_path / "r.xlsx", [["客户名称"], ["张三"]])
    monkeypatch.setattr(reader, "CHILD_READ_BYTES", 0)
    # The spawned child imports this module to find its target: it runs the stand-in above.
    monkeypatch.setattr(reader, "_read_in_child", _abort_like_calamine)
    with pytest.raises(ImportFormatError, match="意外退出"):
        rows_of(path)
    assert _spills() == before
