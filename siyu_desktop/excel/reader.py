"""Reading spreadsheets an operator hands us: .xlsx/.xlsm, .xls, .ods and .csv, as rows of values.

The binary formats go through python-calamine (Rust): on a 100,000 × 11 roster it reads in about
1.2 s where openpyxl's read-only mode needs about 19 s. Calamine loads a whole sheet into a dense
grid before we see the first row, so everything that could make that grid explode is checked
first, on the zip itself (see ``_check_xlsx``): a 5 KB file with one value in A1 and one in
XFD1048576 otherwise makes calamine ask for 512 GB and abort the whole process.

Rows come out as ``SheetRow(number, cells)``: ``number`` is the row number Excel shows, ``cells``
the values with trailing empties removed (an empty cell is ``""``). Blank rows are skipped, so
millions of formatted-but-empty rows at the bottom cost a loop, not a preview full of nothing.

A cell holding an Excel error (``#N/A`` from a failed VLOOKUP, ``#REF!`` …) comes out as an
``ExcelErrorValue``, never as a blank: calamine reads such cells as empty, so for .xlsx they are
picked out of the sheet XML during the extent scan that already streams it. Text that is exactly
an error code (what Excel writes for an error when saving as CSV) is marked the same way.
"""

from __future__ import annotations

import csv
import errno
import multiprocessing
import os
import pickle
import re
import sys
import tempfile
import time as wall_clock  # `time` here is datetime's cell type
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

import python_calamine as calamine

from siyu_desktop.errors import ImportFormatError
from siyu_desktop.excel import xlsx_guard


@dataclass(frozen=True, slots=True)
class ExcelErrorValue:
    """A cell holding one of Excel's error values, such as ``#N/A``. Normalisation treats it as
    blank and says so; ``str()`` gives the code, so the rejects file and logs show what was there."""

    code: str

    def __str__(self) -> str:
        return self.code


CellValue = str | int | float | bool | date | datetime | time | timedelta | ExcelErrorValue | None
Progress = Callable[[int], None]
CancelCheck = Callable[[], None]

# Safety limits. Generous for real rosters (a 1M-row export is ~60 MB as .xlsx, ~120 MB as .csv),
# small enough that a hostile or broken file is refused before it can eat the laptop's memory.
MAX_FILE_BYTES = 300 * 1024 * 1024
# Sum of the uncompressed sizes of all members of an .xlsx/.ods zip; 1M rows × 11 columns is
# ~650 MB of sheet XML.
MAX_DECOMPRESSED_BYTES = 1536 * 1024 * 1024
# Real sheet XML compresses 10–25×; deflate bombs reach ~1000×. Only checked on members bigger
# than RATIO_CHECK_MIN_BYTES, since tiny members can have any ratio without harm.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_MIN_BYTES = 8 * 1024 * 1024
# Excel's own sheet limit; a longer CSV should be split (and cannot be opened in Excel anyway).
MAX_ROWS = 1_048_576
# A roster has ~15 columns; 256 leaves room for wide exports and still bounds the grid.
MAX_COLUMNS = 256
# calamine's dense grid costs ~32 bytes a cell before any string data: 20M cells ≈ 640 MB.
MAX_SHEET_CELLS = 20_000_000
# Excel's own per-cell limit. Longer cells (only possible in CSV) are cut to MAX_CELL_CHARS + 1 so
# memory stays bounded and normalisation still sees them as too long and refuses that one cell.
MAX_CELL_CHARS = 32_767
# How often progress and cancel are called while streaming.
PROGRESS_EVERY = 1000
# Workbooks from this size on (about 250,000 roster rows as .xlsx) are loaded by a child process
# that spills the rows to a temporary file and exits; the app then streams that file. calamine
# holds a whole sheet (740 MB for 1,000,000 rows) and frees it in one step that holds the GIL
# (110 ms), after which glibc merges the freed blocks in the next large allocation (160 ms more,
# GIL still held): the window froze twice. In the child, neither the memory nor the pauses are
# the app's, and a file that crashes calamine takes down only the child. The child is gone before
# the app builds its preview, so the two never hold a sheet's worth of memory at once.
CHILD_READ_BYTES = 24 * 1024 * 1024
CHILD_BATCH_ROWS = 2000  # rows per pickle in the spill file
SPILL_PREFIX = "siyu-sheet-"  # then the owning app's pid: siyu-sheet-<pid>-<random>.rows
# A spill whose owner is gone is removed at once; one whose name says no owner (written by an
# older version) once this old; any spill this old in any case (its owner's pid was reused).
SPILL_UNOWNED_SECONDS = 10 * 60
SPILL_STALE_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """The limits above, injectable so tests can use small ones."""

    max_file_bytes: int = MAX_FILE_BYTES
    max_decompressed_bytes: int = MAX_DECOMPRESSED_BYTES
    max_compression_ratio: float = MAX_COMPRESSION_RATIO
    ratio_check_min_bytes: int = RATIO_CHECK_MIN_BYTES
    max_rows: int = MAX_ROWS
    max_columns: int = MAX_COLUMNS
    max_sheet_cells: int = MAX_SHEET_CELLS
    max_cell_chars: int = MAX_CELL_CHARS


DEFAULT_LIMITS = ReadLimits()


class FileKind(StrEnum):
    XLSX = "xlsx"
    XLS = "xls"
    ODS = "ods"
    CSV = "csv"


@dataclass(frozen=True, slots=True)
class SheetInfo:
    index: int
    name: str
    hidden: bool


class SheetRow(NamedTuple):
    number: int  # 1-based, as Excel shows it
    cells: list[CellValue]


@dataclass(frozen=True, slots=True)
class CsvFormat:
    encoding: str
    delimiter: str


_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
_EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".xltx", ".xltm"}
_OPEN_AS_XLSX_HINT = "请用 Excel 或 WPS 打开后另存为 .xlsx（或 CSV UTF-8）再导入。"
_OPEN_AS_XLSX_HINT_EN = "Open it in Excel or WPS, save it as .xlsx (or CSV UTF-8), then import that."


def _fail(message: str, hint: str, english: str, english_hint: str) -> ImportFormatError:
    return ImportFormatError(message, hint, english=english, english_hint=english_hint)


def detect_kind(path: str | os.PathLike[str], limits: ReadLimits = DEFAULT_LIMITS) -> FileKind:
    """What the file really is, judged by its first bytes, not by its name."""
    p = Path(path)
    try:
        size = p.stat().st_size
        with p.open("rb") as f:
            head = f.read(8192)
    except FileNotFoundError:
        raise _fail("找不到这个文件。", "它可能已被移动或删除，请重新选择。", "File not found.",
                    "It may have been moved or deleted; choose it again.") from None
    except OSError as exc:
        raise _fail(f"无法打开文件：{exc.strerror or exc}", "请关闭正在使用它的程序（如 Excel）后重试。",
                    "Cannot open the file.",
                    "Close the program using it (such as Excel) and try again.") from exc
    if size == 0 or not head.strip(b"\x00 \t\r\n"):
        raise _fail("文件是空的。", "请确认选对了文件，并且已经保存。", "The file is empty.",
                    "Make sure you chose the right file and that it was saved.")
    if size > limits.max_file_bytes:
        raise _fail(f"文件太大（{size / 1048576:.0f} MB），上限是 {limits.max_file_bytes // 1048576} MB。",
                    "请把名单拆成几个文件分批导入。", "The file is too large.",
                    "Split the roster into several files and import them one by one.")
    suffix = p.suffix.lower()
    if head.startswith(_CFB_MAGIC):
        if xlsx_guard.cfb_is_encrypted(p):
            raise _fail("文件设置了打开密码，无法读取。",
                        "请在 Excel 中打开，去掉密码（文件 → 信息 → 保护工作簿）后另存再导入。",
                        "The workbook is password-protected.",
                        "Open it in Excel, remove the password (File → Info → Protect Workbook), save, then import again.")
        return FileKind.XLS
    if head.startswith(_ZIP_MAGIC) or head.startswith(_EMPTY_ZIP_MAGIC):
        return FileKind.ODS if b"opendocument.spreadsheet" in head[:200] else FileKind.XLSX
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<html", b"<!doctype html", b"<?xml", b"<table")) or b"<table" in lowered:
        raise _fail("这是网页（HTML/XML）格式的表格，只是扩展名叫 Excel。", _OPEN_AS_XLSX_HINT,
                    "This is an HTML/XML table saved with an Excel extension.",
                    _OPEN_AS_XLSX_HINT_EN)
    if suffix in _EXCEL_SUFFIXES:
        raise _fail(f"这不是真正的 Excel 文件（内容是文本，扩展名却是 {suffix}）。",
                    "可能是 CSV 被改了扩展名：请把扩展名改回 .csv，或用 Excel 打开后另存为 .xlsx。",
                    "A text file renamed to an Excel extension.",
                    "It may be a CSV file renamed: change the extension back to .csv, or open it in Excel and save it as .xlsx.")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail("无法识别的文件格式。", "支持 .xlsx、.xls、.ods 和 .csv。", "Unknown file format.",
                    "Supported: .xlsx, .xls, .ods and .csv.")
    return FileKind.CSV


def list_sheets(path: str | os.PathLike[str], limits: ReadLimits = DEFAULT_LIMITS) -> list[SheetInfo]:
    """The sheets in workbook order with their hidden flag (a CSV has one sheet: its file name)."""
    return _sheets(Path(path), detect_kind(path, limits), limits)


def _sheets(path: Path, kind: FileKind, limits: ReadLimits) -> list[SheetInfo]:
    if kind is FileKind.CSV:
        return [SheetInfo(0, path.stem, False)]
    if kind in (FileKind.XLSX, FileKind.ODS):
        xlsx_guard.check_zip(path, kind.value, limits.max_decompressed_bytes,
                             limits.max_compression_ratio, limits.ratio_check_min_bytes)
    with _open_workbook(path) as wb:
        return [
            SheetInfo(i, m.name, m.visible != calamine.SheetVisibleEnum.Visible)
            for i, m in enumerate(wb.sheets_metadata)
            if m.typ in (calamine.SheetTypeEnum.WorkSheet, calamine.SheetTypeEnum.DialogSheet)
        ]


def default_sheet(sheets: list[SheetInfo]) -> SheetInfo:
    """The sheet to preselect: the first visible one."""
    if not sheets:
        raise _fail("文件里没有工作表。", _OPEN_AS_XLSX_HINT, "The workbook has no worksheets.",
                    _OPEN_AS_XLSX_HINT_EN)
    return next((s for s in sheets if not s.hidden), sheets[0])


def iter_rows(
    path: str | os.PathLike[str],
    sheet: str | int | None = None,
    *,
    limits: ReadLimits = DEFAULT_LIMITS,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> Iterator[SheetRow]:
    """Stream the non-blank rows of one sheet (by name or index; ``None`` = first visible).

    ``progress(rows_done)`` is called every ``PROGRESS_EVERY`` physical rows and once at the end;
    ``cancel()`` is called as often and raises ``Cancelled`` to stop. Raises ImportFormatError.
    """
    kind = detect_kind(path, limits)
    if cancel:
        cancel()
    if kind is FileKind.CSV:
        rows = _iter_csv(Path(path), limits)
    elif Path(path).stat().st_size >= CHILD_READ_BYTES:
        rows = _iter_workbook_in_child(Path(path), kind, sheet, limits, cancel)
    else:
        rows = _iter_workbook(Path(path), kind, sheet, limits, cancel)
    done = 0
    for number, raw in rows:
        done += 1
        if done % PROGRESS_EVERY == 0:
            if cancel:
                cancel()
            if progress:
                progress(done)
        cells = _tidy(raw, limits.max_cell_chars)
        if cells:
            if len(cells) > limits.max_columns:
                raise _fail(f"第 {number} 行有 {len(cells)} 列，超过上限 {limits.max_columns} 列。",
                            "请删除表格右侧多余的列后再导入。", "Too many columns.",
                            "Delete the extra columns on the right, then import again.")
            yield SheetRow(number, cells)
    if progress:
        progress(done)


def _tidy(raw: list[CellValue], max_chars: int) -> list[CellValue]:
    """Trailing empty cells dropped (``[]`` for a blank row); overlong text cut to max + 1; text
    that is exactly an error code (``#N/A``) marked as the error it was before a CSV export."""
    end = len(raw)
    while end and (raw[end - 1] is None or (isinstance(raw[end - 1], str) and not str(raw[end - 1]).strip())):
        end -= 1
    cells = raw[:end]
    for i, value in enumerate(cells):
        if value is None:
            cells[i] = ""
        elif isinstance(value, str) and len(value) > max_chars:
            cells[i] = value[: max_chars + 1]
    if not _ERROR_VALUES.keys().isdisjoint(cells):  # one set probe in C per row, not per cell
        cells = [_ERROR_VALUES.get(v, v) if isinstance(v, str) else v for v in cells]
    return cells


# Excel's error values (and the newer ones of Microsoft 365); WPS writes the same codes.
_ERROR_VALUES: dict[str, ExcelErrorValue] = {code: ExcelErrorValue(code) for code in (
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!",
    "#EXTERNAL!")}


def _error_value(code: str) -> ExcelErrorValue:
    """One shared value per code: a column of #N/A down a million rows is one object."""
    shared = _ERROR_VALUES.get(code)
    return shared if shared is not None else ExcelErrorValue(code)


def _open_workbook(path: str | os.PathLike[str]) -> calamine.CalamineWorkbook:
    try:
        return calamine.CalamineWorkbook.from_path(os.fspath(path))
    except calamine.PasswordError:
        raise _fail("文件设置了打开密码，无法读取。", "请在 Excel 中去掉密码后另存再导入。",
                    "The workbook is password-protected.",
                    "Remove the password in Excel, save, then import again.") from None
    except (calamine.CalamineError, ValueError, OSError) as exc:
        if "limit" in str(exc).lower():  # calamine's own guard against ODS repeat bombs
            raise _fail("表格的数据范围过大，无法读取。", "请删除表格中多余的行列后另存再导入。",
                        "The sheet is too large.",
                        "Delete the extra rows and columns, save, then import again.") from exc
        raise _fail("文件已损坏或不是受支持的表格格式，无法打开。", _OPEN_AS_XLSX_HINT,
                    f"Cannot open the workbook: {exc}",
                    _OPEN_AS_XLSX_HINT_EN) from exc


def _iter_workbook(
    path: Path, kind: FileKind, sheet: str | int | None, limits: ReadLimits,
    cancel: CancelCheck | None,
) -> Iterator[tuple[int, list[CellValue]]]:
    sheets = _sheets(path, kind, limits)
    if sheet is None:
        chosen = default_sheet(sheets)
    else:
        found = [s for s in sheets if (s.index if isinstance(sheet, int) else s.name) == sheet]
        if not found:
            raise _fail(f"找不到工作表「{sheet}」。", "请重新选择要导入的工作表。", "No such sheet.",
                        "Choose the sheet to import again.")
        chosen = found[0]
    errors = _ErrorCells()
    if kind is FileKind.XLSX:
        # The grid calamine is about to allocate, measured from the cells that really hold values;
        # the same pass notes the error cells, which calamine would hand us as empty.
        rows, cols = _scan_sheet(path, chosen.name, limits.max_decompressed_bytes, cancel, errors)
        _check_extent(rows, cols, limits)
    if cancel:
        cancel()
    with _open_workbook(path) as wb:
        try:
            data = wb.get_sheet_by_name(chosen.name)
        except calamine.CalamineError as exc:
            if "limit" in str(exc).lower():  # calamine's own ODS repeat guard
                raise _fail("表格的数据范围过大，无法读取。", "请删除表格中多余的行列后另存再导入。",
                            "The sheet is too large.",
                            "Delete the extra rows and columns, save, then import again.") from exc
            raise _fail("工作表已损坏，无法读取。", _OPEN_AS_XLSX_HINT, f"Bad sheet: {exc}",
                        _OPEN_AS_XLSX_HINT_EN) from exc
        _check_extent(data.height, data.width, limits)
        pad: list[CellValue] = [""] * (data.start[1] if data.start else 0)
        # calamine's iter_rows starts at row 0 but at the first used column: re-align columns.
        if not errors.rows:
            for index, row in enumerate(data.iter_rows()):
                cells: list[CellValue] = list(row)
                yield index + 1, (pad + cells) if pad else cells
            return
        yield from errors.put_back(data.iter_rows(), pad)


class _ErrorCells:
    """The error cells (``t="e"``) of a worksheet's XML, in document order, fed in chunks.

    Kept as three flat arrays, not objects per cell: a looked-up column that failed all the way
    down a million-row sheet is a million error cells. A chunk without ``t="e"`` costs one byte
    search. Cells without an ``r`` attribute (positions implicit) cannot be placed and are left
    to read as blank, as calamine reads them."""

    _CELL = re.compile(rb"<(?:\w+:)?c\s([^>]*?\bt=[\"']e[\"'][^>/]*)>(.*?)</(?:\w+:)?c>", re.S)
    _REF = re.compile(rb"\br=[\"']([A-Z]{1,3})([0-9]{1,7})[\"']")
    _VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</")
    _MAX_TAIL = 1 << 20  # a real cell is far smaller; past this, a partial cell is given up

    def __init__(self) -> None:
        self.rows = array("l")
        self.cols = array("l")
        self.codes: list[ExcelErrorValue] = []
        self.tail = b""
        self.start = b""  # "<c " with the sheet's namespace prefix, once known

    def feed(self, chunk: bytes) -> None:
        buf = self.tail + chunk
        if not self.start:
            root = re.search(rb"<(\w+:)?worksheet\b", buf)
            if root is None and len(buf) < self._MAX_TAIL:
                self.tail = buf
                return
            self.start = b"<" + ((root.group(1) or b"") if root else b"") + b"c "
        # Everything before the last cell start holds whole cells; the rest waits for more.
        cut = buf.rfind(self.start)
        if cut == -1 or (cut == 0 and len(buf) > self._MAX_TAIL):
            cut = max(len(buf) - len(self.start), 0)
        self.tail = buf[cut:]
        self._scan(buf[:cut])

    def finish(self) -> None:
        self._scan(self.tail)
        self.tail = b""
        if any(a > b for a, b in zip(self.rows, self.rows[1:], strict=False)):  # out of order
            order = sorted(range(len(self.rows)), key=lambda i: (self.rows[i], self.cols[i]))
            self.rows = array("l", [self.rows[i] for i in order])
            self.cols = array("l", [self.cols[i] for i in order])
            self.codes = [self.codes[i] for i in order]

    def _scan(self, buf: bytes) -> None:
        if b't="e"' not in buf and b"t='e'" not in buf:
            return
        for attrs, content in self._CELL.findall(buf):
            ref = self._REF.search(attrs)
            value = self._VALUE.search(content)
            if ref is None or value is None:
                continue
            col = 0
            for ch in ref.group(1):
                col = col * 26 + ch - 64
            self.rows.append(int(ref.group(2)))
            self.cols.append(col - 1)
            self.codes.append(_error_value(value.group(1).decode("utf-8", "replace").strip()))

    def put_back(self, rows: Iterator[Sequence[CellValue]], pad: list[CellValue],
                 ) -> Iterator[tuple[int, list[CellValue]]]:
        """calamine's rows with each error cell in its place."""
        todo, count = 0, len(self.rows)
        for index, row in enumerate(rows):
            number = index + 1
            cells: list[CellValue] = (pad + list(row)) if pad else list(row)
            while todo < count and self.rows[todo] <= number:
                if self.rows[todo] == number:
                    col = self.cols[todo]
                    if col >= len(cells):
                        cells.extend([""] * (col + 1 - len(cells)))
                    cells[col] = self.codes[todo]
                todo += 1
            yield number, cells


def _scan_sheet(path: Path, sheet_name: str, budget: int, cancel: CancelCheck | None,
                errors: _ErrorCells) -> tuple[int, int]:
    """``xlsx_guard.sheet_extent`` with the error cells of the same pass fed to ``errors``."""
    with xlsx_guard._open_zip(path) as zf:
        member = xlsx_guard._sheet_member(zf, sheet_name)
        if member is None or member not in zf.NameToInfo:
            # An unusual layout: the guard bounds it by all worksheets; errors stay unplaced.
            return xlsx_guard.sheet_extent(path, sheet_name, budget, cancel)
        extent = xlsx_guard._Extent()
        ticks = 0

        def each(chunk: bytes) -> None:
            nonlocal ticks
            extent.feed(chunk)
            errors.feed(chunk)
            ticks += 1
            if cancel and ticks % 16 == 0:
                cancel()

        xlsx_guard._drain(zf, zf.getinfo(member), budget, each)
        errors.finish()
        return extent.rows, extent.cols


_READER_DIED = "读取表格的进程意外退出，文件可能已损坏。"


def _iter_workbook_in_child(
    path: Path, kind: FileKind, sheet: str | int | None, limits: ReadLimits,
    cancel: CancelCheck | None,
) -> Iterator[tuple[int, list[CellValue]]]:
    """``_iter_workbook`` run by a spawned child that writes the rows to a spill file and exits;
    the rows are then streamed from that file. Cancel is checked while the child works (the load
    of a big sheet takes seconds) and stops it. The spill file is removed in every case."""
    context = multiprocessing.get_context("spawn")  # the same on Windows, macOS and Linux
    cleanup_stale_spills()
    handle, spill = tempfile.mkstemp(prefix=f"{SPILL_PREFIX}{os.getpid()}-", suffix=".rows")
    os.close(handle)
    receive, send = context.Pipe(duplex=False)
    # The child's lifeline: we hold the only sending end and never send. When this process dies,
    # however it dies, the OS closes that end and the child's read of it ends: the child exits.
    lifeline, keep_alive = context.Pipe(duplex=False)
    child = context.Process(target=_read_in_child, name="siyu-sheet-reader", daemon=True,
                            args=(send, str(path), kind.value, sheet, limits, spill, lifeline,
                                  os.getpid()))
    try:
        try:
            child.start()
        except (OSError, RuntimeError):  # no child possible here (limits, an unguarded main)
            send.close()
            lifeline.close()
            keep_alive.close()
            yield from _iter_workbook(path, kind, sheet, limits, cancel)
            return
        send.close()  # the child holds the only sending end: its death ends the pipe
        lifeline.close()
        while not receive.poll(0.1):
            if cancel:
                cancel()
            if not child.is_alive() and not receive.poll(0):
                raise _fail(_READER_DIED, _OPEN_AS_XLSX_HINT,
                            f"The sheet reader exited with code {child.exitcode}.",
                            _OPEN_AS_XLSX_HINT_EN)
        try:
            tag, payload = receive.recv()
        except EOFError:
            raise _fail(_READER_DIED, _OPEN_AS_XLSX_HINT, "The sheet reader closed the pipe.",
                        _OPEN_AS_XLSX_HINT_EN) from None
        if tag == "error":
            message, hint, english, english_hint = payload
            raise ImportFormatError(message, hint, english=english, english_hint=english_hint)
        if tag != "done":
            raise _fail("文件已损坏或不是受支持的表格格式，无法打开。", _OPEN_AS_XLSX_HINT,
                        f"The sheet reader failed: {payload}",
                        _OPEN_AS_XLSX_HINT_EN)
        child.join()  # its memory goes back to the system before the app builds anything big
        with open(spill, "rb") as spilled:
            while True:
                try:
                    batch = pickle.load(spilled)
                except EOFError:
                    return
                yield from batch
    finally:
        receive.close()
        if child.pid is not None:
            if child.is_alive():
                child.terminate()
            child.join(5)
        keep_alive.close()
        with suppress(OSError):
            os.remove(spill)


def cleanup_stale_spills(folder: str | os.PathLike[str] | None = None) -> int:
    """Remove the spill files that killed apps (or killed sheet readers) left in the temp folder
    (``folder``, for tests): those whose owning process is gone, those without an owner in their
    name after ``SPILL_UNOWNED_SECONDS``, and any older than ``SPILL_STALE_SECONDS``. Spills of a
    live app are left alone. Call it at app start; each big read calls it too. Returns how many
    were removed. Never raises."""
    now = wall_clock.time()
    removed = 0
    try:
        found = list(Path(folder or tempfile.gettempdir()).glob(f"{SPILL_PREFIX}*.rows"))
    except OSError:
        return 0
    for old in found:
        owner = _spill_owner(old.name)
        with suppress(OSError):
            age = now - old.stat().st_mtime
            if (age > SPILL_STALE_SECONDS
                    or (owner is None and age > SPILL_UNOWNED_SECONDS)
                    or (owner is not None and owner != os.getpid() and not _alive(owner))):
                old.unlink()
                removed += 1
    return removed


def _spill_owner(name: str) -> int | None:
    head = name[len(SPILL_PREFIX):].split("-", 1)[0]
    return int(head) if head.isdigit() and "-" in name[len(SPILL_PREFIX):] else None


def _alive(pid: int) -> bool:
    try:
        import psutil
    except ImportError:  # pragma: no cover - a dependency; without it, keep the file
        return True
    try:
        return bool(psutil.pid_exists(pid)) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _die_with_parent(lifeline: Any, parent_pid: int, spill: str) -> None:
    """In the child: exit as soon as the app that started it is gone, removing the spill.

    Everywhere: a thread waits on the lifeline pipe, whose other end only the parent holds, so
    the parent's death (even kill -9) ends the wait. On Linux the kernel also kills the child
    outright (``PR_SET_PDEATHSIG``), which works while calamine holds the GIL; the spill is then
    removed by ``cleanup_stale_spills`` at the next start."""
    import threading

    def watch() -> None:
        with suppress(EOFError, OSError):
            lifeline.recv()
        with suppress(OSError):
            os.remove(spill)
        os._exit(3)

    threading.Thread(target=watch, name="siyu-parent-watch", daemon=True).start()
    _linux_death_signal()
    if os.name == "posix" and os.getppid() != parent_pid:
        with suppress(OSError):
            os.remove(spill)
        os._exit(3)  # the parent died before the death signal was armed


def _linux_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    with suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG


def _read_in_child(send: Any, path: str, kind: str, sheet: str | int | None,
                   limits: ReadLimits, spill: str, lifeline: Any = None,
                   parent_pid: int | None = None) -> None:
    """The child's side: read the sheet into ``spill`` in pickled batches, then say "done"."""
    if lifeline is not None and parent_pid is not None:
        _die_with_parent(lifeline, parent_pid, spill)
    try:
        with open(spill, "wb") as out:
            batch: list[tuple[int, list[CellValue]]] = []
            for row in _iter_workbook(Path(path), FileKind(kind), sheet, limits, None):
                batch.append(row)
                if len(batch) >= CHILD_BATCH_ROWS:
                    pickle.dump(batch, out, pickle.HIGHEST_PROTOCOL)
                    batch = []
            pickle.dump(batch, out, pickle.HIGHEST_PROTOCOL)
        send.send(("done", None))
    except ImportFormatError as exc:
        send.send(("error", (exc.message, exc.hint, exc.english, exc.english_hint)))
    except Exception as exc:  # a full disk is said as such; anything else is an unreadable file
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            send.send(("error", ("磁盘空间不足，无法读取这个大表格。",
                                 "读取大表格需要和文件差不多大的临时空间：请清理磁盘后重试。",
                                 "The disk is full (reading a big sheet needs temporary space).")))
        else:
            send.send(("crash", f"{type(exc).__name__}: {exc}"))
    finally:
        send.close()


def _check_extent(rows: int, cols: int, limits: ReadLimits) -> None:
    if cols > limits.max_columns:
        raise _fail(f"表格有 {cols} 列，超过上限 {limits.max_columns} 列。",
                    "可能是很远的某个单元格里有内容：请删除表格右侧多余的列后再导入。", "Too many columns.",
                    "A cell far to the right may hold something: delete the extra columns on the right, then import again.")
    if rows > limits.max_rows + 1:  # + 1: the header
        raise _fail(f"表格有 {rows} 行，超过上限 {limits.max_rows} 行。",
                    "请把名单拆成几个文件分批导入；也可能是很靠下的某个单元格里有内容。", "Too many rows.",
                    "Split the roster into several files; or a cell far down may hold something.")
    if rows * cols > limits.max_sheet_cells:
        raise _fail(f"表格的数据范围过大（{rows} 行 × {cols} 列）。",
                    "请删除表格中多余的行列（例如很远处的零散内容）后另存再导入。", "The sheet is too large.",
                    "Delete the extra rows and columns (stray content far away, for example), save, then import again.")


# --- CSV ---------------------------------------------------------------------------------------

_DELIMITERS = (",", "\t", ";", "|")
_ESCAPED_FORMULA = re.compile(r"'+[=+\-@\t\r]")  # one apostrophe is ours (see writer.csv_safe)


def sniff_csv(path: str | os.PathLike[str]) -> CsvFormat:
    """Encoding (UTF-8 with or without BOM, UTF-16, else GB18030 ⊇ GBK) and delimiter."""
    p = Path(path)
    with p.open("rb") as f:
        head = f.read(4)
    if head.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"  # Excel's "Unicode text" export: tab-separated UTF-16
    elif _decodes_whole(p, "utf-8"):
        encoding = "utf-8"
    elif _decodes_whole(p, "gb18030"):
        encoding = "gb18030"  # what Excel on Chinese Windows saves as "CSV (逗号分隔)"
    else:
        raise _fail("无法识别文件的文字编码。", "请用 Excel 另存为「CSV UTF-8（逗号分隔）」后再导入。",
                    "Unknown text encoding.",
                    "Save it from Excel as CSV UTF-8 (Comma delimited), then import that.")
    with p.open(encoding=encoding, newline="") as f:
        sample = f.read(64 * 1024)
    return CsvFormat(encoding, _sniff_delimiter(sample))


def _decodes_whole(path: Path, encoding: str) -> bool:
    # A GBK file can look like valid UTF-8 for its first kilobytes (all ASCII headers), so decide
    # on the whole file; the incremental decoder runs in C at hundreds of MB/s.
    import codecs

    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _sniff_delimiter(sample: str) -> str:
    lines = [line for line in sample.splitlines()[:-1] or sample.splitlines() if line.strip()][:30]
    best, best_score = ",", (0.0, 0)
    for delim in _DELIMITERS:
        widths = [len(r) for r in csv.reader(lines, delimiter=delim)]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        if common < 2:
            continue
        score = (widths.count(common) / len(widths), common)
        if score > best_score:
            best, best_score = delim, score
    return best


def _iter_csv(path: Path, limits: ReadLimits) -> Iterator[tuple[int, list[CellValue]]]:
    fmt = sniff_csv(path)
    line = 0
    try:
        with path.open(encoding=fmt.encoding, newline="") as f:
            reader = csv.reader(f, delimiter=fmt.delimiter)
            for line, row in enumerate(reader, start=1):
                if line > limits.max_rows + 1:
                    raise _fail(f"文件超过 {limits.max_rows} 行。", "请把名单拆成几个文件分批导入。",
                                "Too many rows.",
                                "Split the roster into several files and import them one by one.")
                # Undo the apostrophe our own CSV export puts before =, +, -, @ (formula guard).
                yield line, [c[1:] if _ESCAPED_FORMULA.match(c) else c for c in row]
    except csv.Error as exc:
        raise _fail(f"CSV 文件第 {line + 1} 行附近格式有误（可能是引号没有成对）。",
                    "请用 Excel 打开检查该行，另存后再导入。", f"Malformed CSV: {exc}",
                    "Open it in Excel to check that row, save, then import again.") from exc
    except UnicodeDecodeError as exc:
        raise _fail("文件中有无法识别的文字编码。", "请用 Excel 另存为「CSV UTF-8（逗号分隔）」后再导入。",
                    "Undecodable text.",
                    "Save it from Excel as CSV UTF-8 (Comma delimited), then import that.") from exc

