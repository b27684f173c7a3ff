"""Reading a points spreadsheet (batch award / take-back): finding its header and columns.

The columns are matched as the roster's are (``mapping.normalise_header``: case, spaces, notes in
brackets ignored), against their own aliases: a member is identified by 客户编号 (the workspace's
member number), 客户ID (WeCom's external_userid, as the roster export writes it) or 手机号; 积分 is
the signed amount; 原因 and 批次 are optional. A balance column (积分余额, 当前积分, 余额) is never
taken for the amount: a roster export's balances imported as awards would double everyone's points.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from siyu_desktop.domain.points_sheet import CellError
from siyu_desktop.errors import ImportFormatError
from siyu_desktop.excel import reader
from siyu_desktop.excel.mapping import (
    FIELD_ALIASES,
    HEADER_SCAN_ROWS,
    IGNORED_HEADERS,
    drop_totals,
    normalise_header,
)
from siyu_desktop.excel.reader import CancelCheck, CellValue, ExcelErrorValue, Progress, SheetRow

IDENTITY = ("member_id", "external_userid", "phone")  # best first: the order rows are matched in
ALIASES: dict[str, tuple[str, ...]] = {
    "member_id": ("客户编号", "会员编号", "客户编码", "编号", "memberid", "membernumber", "id"),
    "external_userid": FIELD_ALIASES["external_userid"],
    "phone": FIELD_ALIASES["phone"],
    "amount": ("积分", "积分变动", "变动积分", "本次积分", "发放积分", "调整积分", "积分数",
               "积分数量", "points", "point", "amount"),
    "reason": ("原因", "积分原因", "发放原因", "调整原因", "变动原因", "事由", "说明", "reason",
               "memo"),
    "batch": ("批次", "批次号", "批次标识", "key", "batch", "batchkey", "batchid"),
}
LABELS: dict[str, tuple[str, str]] = {
    "member_id": ("客户编号", "member number"), "external_userid": ("客户ID", "customer id"),
    "phone": ("手机号", "phone"), "amount": ("积分", "points"), "reason": ("原因", "reason"),
    "batch": ("批次", "batch")}
BALANCE_HEADERS = frozenset({"余额", "积分余额", "当前积分", "可用积分", "变动后余额"})
# A statement export (services/points_excel.py) names these: it is a record, not a batch to give.
STATEMENT_HEADERS = frozenset({"流水号", "幂等键"})
_EXACT = {alias: fld for fld, aliases in ALIASES.items() for alias in aliases}


@dataclass(frozen=True, slots=True)
class PointsColumns:
    header: SheetRow
    fields: dict[str, int]  # field → 0-based column

    def title(self, fld: str) -> str:
        """The column's header as the file has it (what the operator reads)."""
        col = self.fields.get(fld)
        if col is None or col >= len(self.header.cells):
            return LABELS[fld][0]
        return str(self.header.cells[col]).strip() or LABELS[fld][0]

    def cell(self, cells: Sequence[CellValue], fld: str) -> CellValue:
        col = self.fields.get(fld)
        return cells[col] if col is not None and col < len(cells) else ""


def match_columns(cells: Sequence[CellValue]) -> dict[str, int]:
    """Field → column for one header row (the leftmost column of a field wins)."""
    fields: dict[str, int] = {}
    for col, cell in enumerate(cells):
        norm = normalise_header(cell)
        if not norm or norm in IGNORED_HEADERS:
            continue
        fld = _EXACT.get(norm)
        if fld is not None and fld not in fields:
            fields[fld] = col
    return fields


_NO_HEADER_HINT = ("第一行请写表头：「客户编号」「客户ID」或「手机号」之一，加上「积分」（正数发放、负数扣回），"
                   "可选「原因」「批次」。")
_NO_HEADER_HINT_EN = ("Give the sheet a header row: one of member id, external userid or phone, "
                      "and points (positive gives, negative takes back); reason and batch are "
                      "optional.")


def find_columns(rows: Sequence[SheetRow]) -> tuple[int, PointsColumns]:
    """The header among the first rows (its index there) and its columns; a file without an
    amount column or without a column that identifies members is refused in words."""
    if not rows:
        raise ImportFormatError("工作表是空的，没有找到表头。", _NO_HEADER_HINT,
                                english="The sheet is empty.", english_hint=_NO_HEADER_HINT_EN)
    best: tuple[int, dict[str, int]] | None = None
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        found = match_columns(row.cells)
        norms = {normalise_header(c) for c in row.cells}
        if found and norms & STATEMENT_HEADERS:
            raise ImportFormatError(
                "这是积分明细（对账单）导出的表格，不能当作批量发放表导入。",
                "批量发放请新建一个表格：客户编号（或手机号）、积分、原因。",
                english="This is an exported points statement, not a batch to award.",
                english_hint="For a batch, make a sheet with the member number (or phone), the "
                             "points and a reason.")
        if "amount" in found and any(f in found for f in IDENTITY):
            return i, PointsColumns(row, found)
        if best is None and found:
            best = (i, found)
    if best is not None and "amount" in best[1]:
        raise ImportFormatError("没有找到能识别客户的列。",
                                "请加一列「客户编号」「客户ID」或「手机号」。",
                                english="No column identifies the members.",
                                english_hint="Add a column headed member id, external userid "
                                             "or phone.")
    balance = next((str(c).strip() for r in rows[:HEADER_SCAN_ROWS] for c in r.cells
                    if normalise_header(c) in BALANCE_HEADERS), "")
    if balance:
        raise ImportFormatError(f"没有找到「积分」列（「{balance}」是余额，不是要发放或扣回的数量）。",
                                "请另加一列「积分」，写每位客户要加（正数）或扣（负数）的积分。",
                                english=f"No points column: {balance!r} is a balance, not an "
                                        f"amount to give or take.",
                                english_hint="Add a column headed points with the points to "
                                             "give (positive) or take back (negative) per "
                                             "member.")
    raise ImportFormatError("没有找到「积分」列。", _NO_HEADER_HINT,
                            english="No points column.", english_hint=_NO_HEADER_HINT_EN)


def read_sheet(path: str | os.PathLike[str], sheet: str | int | None = None, *,
               progress: Progress | None = None, cancel: CancelCheck | None = None
               ) -> tuple[PointsColumns, Iterator[SheetRow]]:
    """The columns and the data rows below the header (a totals line at the bottom dropped)."""
    rows = reader.iter_rows(Path(path), sheet, progress=progress, cancel=cancel)
    head = list(itertools.islice(rows, HEADER_SCAN_ROWS))
    index, columns = find_columns(head)
    return columns, drop_totals(itertools.chain(head[index + 1:], rows))


def error_cell(value: CellValue, title: str) -> None:
    """An Excel error value (``#N/A`` from a failed formula) is refused, never read as blank."""
    if isinstance(value, ExcelErrorValue):
        raise CellError(f"「{title}」是错误值 {value.code}（公式没有算出结果）。",
                        f"{title} holds the error {value.code} (a formula that failed).")
