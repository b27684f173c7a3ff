"""Writing rosters, rejected rows and the blank template as .xlsx (and CSV) files.

XlsxWriter in constant_memory mode streams rows to disk: about 2× faster than openpyxl's
write-only mode on a 100,000-row roster, with flat memory. Every string goes through
``write_string``, so a cell such as ``=HYPERLINK(...)`` from a hostile nickname stays text and can
never run as a formula; text that starts like a formula also carries Excel's quote prefix (a cell
style, not a character), so an operator editing the cell in Excel keeps it text too, and the value
reads back unchanged. CSV has no styles and gets the usual leading apostrophe instead. The file appears under its
name only once complete (written beside it, then renamed), so a cancelled export leaves nothing.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import math
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import xlsxwriter
import xlsxwriter.exceptions

from siyu_desktop.domain.members import LEVEL_NAMES
from siyu_desktop.errors import FileSaveError, ValidationError
from siyu_desktop.excel.mapping import FIELD_LABELS
from siyu_desktop.excel.normalize import (
    DEFAULT_TZ,
    GENDER_NAMES,
    RosterRow,
    format_items,
    format_tags,
)
from siyu_desktop.excel.reader import CellValue

Progress = Callable[[int], None]
CancelCheck = Callable[[], None]

# Excel's last row is 1,048,576; one goes to the header.
MAX_SHEET_DATA_ROWS = 1_048_575
# Column widths are estimated from the header and this many rows per sheet.
WIDTH_SAMPLE_ROWS = 2000
MAX_COLUMN_WIDTH = 60
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
REASON_HEADER = "错误原因"
# The roster columns, in export order; headers are the mapping's first aliases, so they map back.
ROSTER_FIELDS = ("name", "phone", "external_userid", "unionid", "level", "channel", "birthday",
                 "added_at", "staff", "groups", "tags", "points", "gender", "remark")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def display_width(value: CellValue) -> int:
    """Columns a value needs in Excel: CJK and full-width characters count as two."""
    if isinstance(value, datetime):
        return 19
    if isinstance(value, date):
        return 10
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# The file formats a roster can be exported to, by file name ending.
EXPORT_SUFFIXES = (".xlsx", ".csv")


def export_suffix(path: str | os.PathLike[str]) -> str:
    """The format ``path``'s name asks for (``.xlsx`` or ``.csv``); any other is refused."""
    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        shown = suffix or "（没有扩展名）"
        raise ValidationError(
            f"不能导出为 {shown} 文件。", "文件名请以 .xlsx（Excel）或 .csv（CSV UTF-8）结尾。",
            english=f"Cannot export to a {suffix or 'no-extension'} file: use .xlsx or .csv.",
            english_hint="End the file name with .xlsx (Excel) or .csv (CSV UTF-8).")
    return suffix


def save_error(exc: BaseException, target: Path) -> FileSaveError:
    """An OS error met while writing ``target``, in the operator's words."""
    cause: BaseException = exc
    # XlsxWriter wraps the OSError of its final write: FileCreateError(OSError(...)).
    if isinstance(exc, xlsxwriter.exceptions.XlsxWriterException) and exc.args \
            and isinstance(exc.args[0], BaseException):
        cause = exc.args[0]
    code = getattr(cause, "errno", None)
    winerror = getattr(cause, "winerror", None)
    name = target.name
    if isinstance(exc, xlsxwriter.exceptions.FileSizeError):
        return FileSaveError("文件太大，Excel 格式放不下。", "请分批导出（例如按人群包），或导出为 .csv。",
                             english="The file is too large for the .xlsx format.",
                             english_hint="Export in parts (for example by segment), or export to .csv.")
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)) or winerror in (39, 112):
        return FileSaveError(f"磁盘空间不足，“{name}”没有保存。",
                             "请清理磁盘（或临时文件夹所在的磁盘）或换一个位置后重试；没有留下不完整的文件。",
                             english=f"The disk is full: {name} was not saved.",
                             english_hint="Free some disk space (also on the disk of the temporary folder) or choose another place, then try again; no partial file was left.")
    if code == errno.ENAMETOOLONG or winerror in (206, 3) and len(str(target)) > 240:
        return FileSaveError("文件路径太长，无法保存。", "请用短一些的文件名，或存到层级浅一些的文件夹（如桌面）。",
                             english="The file path is too long.",
                             english_hint="Use a shorter file name, or save to a folder nearer the top (such as the Desktop).")
    if code == errno.EROFS:
        return FileSaveError(f"“{target.parent}”是只读的，无法保存。", "请换一个文件夹（如桌面或文档）。",
                             english="The folder is read-only.",
                             english_hint="Choose another folder (such as the Desktop or Documents).")
    if isinstance(cause, IsADirectoryError):
        return FileSaveError(f"“{name}”是一个文件夹。", "请另取一个文件名。",
                             english="The target is a folder.",
                             english_hint="Choose another file name.")
    if isinstance(cause, PermissionError) or winerror in (5, 32, 33):
        if target.exists():
            return FileSaveError(f"无法覆盖“{name}”：没有权限，或文件正在 Excel/WPS 中打开。",
                                 "请关闭打开它的程序，或换一个文件名后重试。",
                                 english=f"Cannot overwrite {name}: no permission or it is open.",
                                 english_hint="Close the program that has it open, or choose another file name, then try again.")
        return FileSaveError(f"没有权限在“{target.parent}”里保存文件。", "请换一个文件夹（如桌面或文档）。",
                             english="No permission to write in that folder.",
                             english_hint="Choose another folder (such as the Desktop or Documents).")
    if isinstance(cause, FileNotFoundError | NotADirectoryError):
        return FileSaveError(f"保存的位置“{target.parent}”不存在。", "请重新选择保存位置。",
                             english="The folder does not exist.",
                             english_hint="Choose where to save it again.")
    reason = getattr(cause, "strerror", None) or str(cause)
    return FileSaveError(f"无法保存“{name}”：{reason}", "请换一个位置或文件名后重试。",
                         english=f"Cannot save {name}: {reason}",
                         english_hint="Choose another place or file name and try again.")


@contextlib.contextmanager
def _written_atomically(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; it becomes ``target`` only when the block
    finishes, so a cancelled or failed export never leaves a half file behind. An OS error on
    the way (a full disk, a read-only folder, a path too long) becomes a ``FileSaveError``."""
    temp = target.with_name(f".{target.stem}.partial{target.suffix}")
    try:
        yield temp
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        if isinstance(exc, OSError | xlsxwriter.exceptions.XlsxFileError
                      | xlsxwriter.exceptions.FileSizeError):
            raise save_error(exc, target) from exc
        raise


class _SheetWriter:
    """Typed cells into one workbook, starting a new sheet (header repeated) when one is full."""

    def __init__(self, book: Any, base_name: str, header: Sequence[str], per_sheet: int) -> None:
        self.book = book
        self.base_name = base_name
        self.header = list(header)
        self.per_sheet = per_sheet
        self.bold = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
        self.date = book.add_format({"num_format": DATE_FORMAT})
        self.datetime = book.add_format({"num_format": DATETIME_FORMAT})
        # Excel's 'quote prefix' style: the cell shows and stores the text as is, and re-typing
        # in it keeps it text. A literal apostrophe would be read back as part of the value.
        self.quoted = book.add_format({"quote_prefix": True})
        self.sheets = 0
        self.sheet: Any = None
        self.text: Any = None  # the sheet's text and number writers, set per sheet
        self.number: Any = None
        self.row = 0
        self.widths: list[int] = []

    def _new_sheet(self) -> None:
        self._finish_sheet()
        self.sheets += 1
        name = self.base_name if self.sheets == 1 else f"{self.base_name}({self.sheets})"
        self.sheet = self.book.add_worksheet(name[:31])
        # Text and numbers, the bulk of a roster, go to XlsxWriter's typed writers without the
        # public methods' "A1"-notation wrapper: a quarter less time per cell, the same output
        # (tests compare exported files). Falls back to the public methods if they move.
        self.text = getattr(self.sheet, "_write_string", self.sheet.write_string)
        self.number = getattr(self.sheet, "_write_number", self.sheet.write_number)
        self.sheet.freeze_panes(1, 0)
        # Phones and ids are text on purpose; don't let Excel flag every one of them.
        self.sheet.ignore_errors({"number_stored_as_text": "A1:XFD1048576"})
        for col, title in enumerate(self.header):
            self.sheet.write_string(0, col, title, self.bold)
        self.widths = [display_width(h) for h in self.header]
        self.row = 0

    def _finish_sheet(self) -> None:
        if self.sheet is None:
            return
        for col, width in enumerate(self.widths):
            self.sheet.set_column(col, col, min(max(width + 2, 8), MAX_COLUMN_WIDTH))
        self.sheet.autofilter(0, 0, self.row, max(len(self.header), 1) - 1)

    def write(self, cells: Sequence[CellValue]) -> None:
        if self.sheet is None or self.row >= self.per_sheet:
            self._new_sheet()
        self.row += 1
        sample = self.row <= WIDTH_SAMPLE_ROWS
        for col, value in enumerate(cells):
            if value is None or value == "":
                continue
            self._cell(col, value)
            if sample:
                if col >= len(self.widths):
                    self.widths.extend([8] * (col + 1 - len(self.widths)))
                self.widths[col] = max(self.widths[col], display_width(value))

    def _cell(self, col: int, value: CellValue) -> None:
        ws, row = self.sheet, self.row
        if isinstance(value, str):
            # never write(): that would turn "=..." into a formula
            if value.startswith(_FORMULA_STARTS):
                self.text(row, col, value, self.quoted)
            else:
                self.text(row, col, value)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value)
        elif isinstance(value, int | float):
            if isinstance(value, float) and not math.isfinite(value):
                self.text(row, col, str(value))
            else:
                self.number(row, col, value)
        elif isinstance(value, datetime):
            ws.write_datetime(row, col, value.replace(tzinfo=None), self.datetime)
        elif isinstance(value, date):
            ws.write_datetime(row, col, value, self.date)
        else:  # time, timedelta: rare in rosters; as text they read back the same
            ws.write_string(row, col, str(value))

    def close(self) -> None:
        if self.sheet is None:
            self._new_sheet()
        self._finish_sheet()


def write_xlsx(
    path: str | os.PathLike[str], header: Sequence[str], rows: Iterable[Sequence[CellValue]], *,
    sheet_name: str = "客户名单", progress: Progress | None = None,
    cancel: CancelCheck | None = None, max_rows_per_sheet: int = MAX_SHEET_DATA_ROWS,
) -> int:
    """Write ``rows`` under ``header``; returns the number of data rows written.

    ``progress(rows_done)`` and ``cancel()`` (raises Cancelled) run every 1000 rows. Past
    ``max_rows_per_sheet`` rows the export continues on 「sheet_name(2)」 with the header again.
    """
    return write_xlsx_sheets(path, [(sheet_name, header, rows)], progress=progress,
                             cancel=cancel, max_rows_per_sheet=max_rows_per_sheet)[0]


Sheet = tuple[str, Sequence[str], Iterable[Sequence[CellValue]]]  # (name, header, rows)


def write_xlsx_sheets(
    path: str | os.PathLike[str], sheets: Iterable[Sheet], *, progress: Progress | None = None,
    cancel: CancelCheck | None = None, max_rows_per_sheet: int = MAX_SHEET_DATA_ROWS,
) -> list[int]:
    """Several sheets in one workbook, each written whole before the next (streamed: the rows
    of each are consumed as written); the data rows written per sheet. ``progress`` counts the
    rows of all sheets together. As ``write_xlsx``: atomic, formula-safe, split past
    ``max_rows_per_sheet``."""
    done = 0
    counts: list[int] = []
    target = Path(path)
    # XlsxWriter's own temporary files (one per sheet, then one per zip member) go to a folder of
    # our own, removed in every case: on a full disk it would leave them behind in the temp folder.
    with _written_atomically(target) as temp, _scratch_folder(target) as scratch:
        book = xlsxwriter.Workbook(str(temp), {"constant_memory": True, "nan_inf_to_errors": True,
                                               "tmpdir": scratch})
        book.set_properties({"created": datetime(2024, 1, 1)})
        try:
            for sheet_name, header, rows in sheets:
                out = _SheetWriter(book, sheet_name, header, max_rows_per_sheet)
                count = 0
                for cells in rows:
                    out.write(cells)
                    done += 1
                    count += 1
                    _tick(done, cancel, progress)
                out.close()
                counts.append(count)
            book.close()
        except BaseException as exc:
            _abandon(book, exc)
            raise
    if progress:
        progress(done)
    return counts


@contextlib.contextmanager
def _scratch_folder(target: Path) -> Iterator[str]:
    try:
        folder = tempfile.mkdtemp(prefix="siyu-xlsx-")
    except OSError as exc:
        raise save_error(exc, target) from exc
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _abandon(book: Any, exc: BaseException) -> None:
    """Let go of a workbook that will never be written: close its sheets' temporary files
    (Windows cannot remove an open file) and the half-written zip XlsxWriter had open when
    ``exc`` stopped it (else its finaliser tries to finish the zip on the full disk again and
    prints a second error), and mark it closed so its own finaliser leaves it alone."""
    for sheet in book.worksheets():
        handle = getattr(sheet, "row_data_fh", None)
        with contextlib.suppress(Exception):
            if handle is not None:
                handle.close()
    book.fileclosed = True
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        error = todo.pop()
        if error is None or id(error) in seen:
            continue
        seen.add(id(error))
        todo += [error.__context__, error.__cause__,
                 *(a for a in error.args if isinstance(a, BaseException))]
        tb = error.__traceback__
        while tb is not None:
            for value in list(tb.tb_frame.f_locals.values()):
                if isinstance(value, zipfile.ZipFile) and value.fp is not None:
                    handle, value.fp = value.fp, None
                    with contextlib.suppress(Exception):
                        handle.close()
            tb = tb.tb_next


# Text our CSV export prefixes with an apostrophe: what Excel would run as a formula, and text
# that already starts with apostrophes before such a character (so the reader, which removes
# exactly one apostrophe before =, +, -, @, tab or CR, gives the text back as it was).
_CSV_GUARDED = re.compile(r"'*[=+\-@\t\r]")


def csv_safe(value: CellValue) -> str:
    """A cell as CSV text; text that Excel would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if isinstance(value, str) and _CSV_GUARDED.match(text):
        return "'" + text
    return text


def write_csv(
    path: str | os.PathLike[str], header: Sequence[str], rows: Iterable[Sequence[CellValue]], *,
    progress: Progress | None = None, cancel: CancelCheck | None = None,
) -> int:
    """UTF-8 with BOM (so Excel on Chinese Windows opens it without mojibake)."""
    done = 0
    with _written_atomically(Path(path)) as temp, \
            temp.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow([csv_safe(h) for h in header])
        for cells in rows:
            out.writerow([csv_safe(c) for c in cells])
            done += 1
            _tick(done, cancel, progress)
    if progress:
        progress(done)
    return done


def roster_header(extras: Sequence[str] = ()) -> list[str]:
    return [FIELD_LABELS[f] for f in ROSTER_FIELDS] + list(extras)


def roster_cells(row: RosterRow, extras: Sequence[str] = (), tz: ZoneInfo | None = None) -> list[CellValue]:
    """A RosterRow as typed cells in ``roster_header`` order, in the exact formats the reader and
    ``normalise_row`` turn back into the same RosterRow."""
    zone = tz or ZoneInfo(DEFAULT_TZ)
    birthday: CellValue = None
    if row.birthday and row.birthday.startswith("--"):
        birthday = f"{int(row.birthday[2:4])}月{int(row.birthday[5:7])}日"
    elif row.birthday:
        birthday = date.fromisoformat(row.birthday)
    added: CellValue = None
    if row.added_at is not None:
        added = datetime.fromtimestamp(row.added_at, zone).replace(tzinfo=None)
    return [
        row.name, row.phone, row.external_userid, row.unionid,
        LEVEL_NAMES.get(row.level) if row.level is not None else None,
        row.channel, birthday, added, format_items(row.staff), format_items(row.groups),
        format_tags(row.tags), row.points,
        GENDER_NAMES.get(row.gender) if row.gender is not None else None,
        row.remark, *(row.extras.get(k) for k in extras),
    ]


def write_roster(
    path: str | os.PathLike[str], rows: Iterable[RosterRow], *, extras: Sequence[str] = (),
    tz: ZoneInfo | None = None, progress: Progress | None = None,
    cancel: CancelCheck | None = None, max_rows_per_sheet: int = MAX_SHEET_DATA_ROWS,
) -> int:
    """The roster as the file name asks: ``.xlsx`` (typed cells, a new sheet past Excel's last
    row) or ``.csv`` (UTF-8 with BOM, formula guard); any other name is refused."""
    zone = tz or ZoneInfo(DEFAULT_TZ)
    cells = (roster_cells(r, extras, zone) for r in rows)
    if export_suffix(path) == ".csv":
        return write_csv(path, roster_header(extras), cells, progress=progress, cancel=cancel)
    return write_xlsx(path, roster_header(extras), cells,
                      progress=progress, cancel=cancel, max_rows_per_sheet=max_rows_per_sheet)


def write_rejects(
    path: str | os.PathLike[str], header: Sequence[CellValue],
    rows_with_reasons: Iterable[tuple[Sequence[CellValue], str]], *,
    progress: Progress | None = None, cancel: CancelCheck | None = None,
) -> int:
    """The rows an import refused, as they were, with 「错误原因」 first. The mapping ignores that
    column, so the operator fixes the cells and imports this same file again."""
    titles = [REASON_HEADER, *("" if h is None else str(h) for h in header)]
    return write_xlsx(path, titles, ([reason, *cells] for cells, reason in rows_with_reasons),
                      sheet_name="未导入的行", progress=progress, cancel=cancel)


_TEMPLATE_NOTES: tuple[tuple[str, str, str], ...] = (
    ("客户名称", "客户名称、手机号、客户ID、unionid 至少填一项", "张三"),
    ("手机号", "11 位手机号；可带 +86、空格或横线。请保持本列为「文本」格式，否则 Excel 会把长数字变成科学计数法并丢掉末尾几位", "13812345678"),
    ("客户ID", "企业微信的外部联系人 ID（external_userid），从企业微信导出的名单里有", "wmAbCdEf..."),
    ("unionid", "微信 unionid，没有可不填", ""),
    ("会员等级", "普通、银卡、金卡、黑金 之一", "金卡"),
    ("渠道", "客户来源，如 包裹卡、AI外呼、短信、裂变、线下活动", "包裹卡"),
    ("生日", "2023-05-01、2023/5/1、2023年5月1日；不知道年份可写 5月1日", "1990-05-01"),
    ("添加时间", "加好友的时间，如 2023-05-01 14:03；按工作区时区（默认北京时间）理解", "2023-05-01 14:03"),
    ("跟进人", "员工姓名，多个用 、 分隔", "王小明"),
    ("所在群", "群名称，多个用 、 分隔", "福利1群、会员群"),
    ("标签", "多个标签用 、 分隔；带分组写成 分组:标签（中英文冒号都可以）", "兴趣:猫粮、新客"),
    ("积分", "非负整数", "120"),
    ("性别", "男、女 或 未知", "女"),
    ("备注", "任意文字，最多 1000 字", "老客户，喜欢冻干"),
)


def write_template(path: str | os.PathLike[str]) -> None:
    """The blank roster template operators fill in, with a 「填写说明」 sheet. Deterministic
    (fixed creation date) so the checked-in copy only changes when this code does."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(target))
    book.set_properties({"title": "客户名单模板", "created": datetime(2024, 1, 1)})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    text = book.add_format({"num_format": "@"})
    formats = {"phone": text, "external_userid": text, "unionid": text,
               "birthday": book.add_format({"num_format": DATE_FORMAT}),
               "added_at": book.add_format({"num_format": DATETIME_FORMAT})}
    sheet = book.add_worksheet("客户名单")
    sheet.freeze_panes(1, 0)
    for col, fld in enumerate(ROSTER_FIELDS):
        title = FIELD_LABELS[fld]
        sheet.write_string(0, col, title, bold)
        sheet.set_column(col, col, max(display_width(title) + 4, 14), formats.get(fld))
    lists = {"level": list(LEVEL_NAMES.values()), "gender": ["男", "女", "未知"]}
    for fld, choices in lists.items():
        col = ROSTER_FIELDS.index(fld)
        sheet.data_validation(1, col, 10000, col, {"validate": "list", "source": choices,
                                                   "ignore_blank": True, "error_type": "warning"})
    notes = book.add_worksheet("填写说明")
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    for col, title in enumerate(("列名", "怎么填", "示例")):
        notes.write_string(0, col, title, bold)
    for r, (title, how, example) in enumerate(_TEMPLATE_NOTES, start=1):
        notes.write_string(r, 0, title, wrap)
        notes.write_string(r, 1, how, wrap)
        if example:
            notes.write_string(r, 2, example, wrap)
    last = len(_TEMPLATE_NOTES) + 2
    notes.write_string(last, 0, "提示", bold)
    notes.write_string(last, 1, "第一行是表头，请不要修改列名；不需要的列可以留空或删除，也可以在右侧添加"
                       "自己的列（导入后作为附加信息保存）。同一个客户ID或手机号出现多行时会合并："
                       "后面的行覆盖前面的值，标签和所在群合并。", wrap)
    notes.set_column(0, 0, 12)
    notes.set_column(1, 1, 70)
    notes.set_column(2, 2, 22)
    book.close()


def _tick(done: int, cancel: CancelCheck | None, progress: Progress | None) -> None:
    """Every thousand rows: let a cancel stop the write, and say how far it got."""
    if done % 1000 == 0:
        if cancel:
            cancel()
        if progress:
            progress(done)
