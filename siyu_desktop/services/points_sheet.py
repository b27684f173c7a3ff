"""The plan of a points spreadsheet (batch award / take-back): what each row would do, which rows
are refused and why, and what was applied before. Built from a read transaction; nothing is
written until ``PointsExcel.apply``.

Rows are matched to members by 客户编号, 客户ID (external_userid) or 手机号, best first
(``domain.points_sheet.pick_member``). A row is refused, with its row number, column and the
reason in both languages, when its member is unknown or ambiguous, its amount is not a whole
non-zero number, it takes back more than the member can spend now, or its member already had a
row above (each member counts once per file). A row whose key (``sheet:{file key}:{member}``)
is in the ledger is "already applied": importing the same file twice adds nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..domain import points_sheet as rules
from ..domain.people import clean_text, normalise_phone
from ..excel.mapping import normalise_header
from ..excel.points_sheet import IDENTITY, LABELS, PointsColumns, error_cell
from ..excel.reader import CellValue, SheetRow
from ..store import points as ledger
from ..store import points_sheet as sheet_store

CancelCheck = Callable[[], None]
Step = Callable[[int, int], None]
RECENT_DAYS = 30  # how far back the "imported again after an edit?" warning looks
ROSTER_LOOKING = frozenset({"标签", "会员等级", "所在群", "跟进人", "渠道"})


@dataclass(frozen=True, slots=True)
class SheetLine:
    """A row that will be (or was) applied."""

    row: int
    member_id: int
    name: str
    amount: int
    reason: str
    key: str


@dataclass(frozen=True, slots=True)
class Refused:
    row: int
    column: str  # the header of the column at fault, as the file has it
    reason: str
    reason_en: str
    cells: tuple[CellValue, ...]  # the row as read, for the rejects file
    key: str  # the batch key the row carries (what the rejects file writes in 批次)

    def describe(self, english: bool = False) -> str:
        if english:
            return f"{self.column} column: {self.reason_en}" if self.column else self.reason_en
        return f"「{self.column}」列：{self.reason}" if self.column else self.reason


@dataclass(slots=True)
class SheetPlan:
    """Everything the operator sees before applying; ``PointsExcel.apply`` takes it back."""

    path: Path
    header: list[CellValue]
    header_row: int
    fields: dict[str, int]
    file_key: str
    key_source: str  # "column" (the 批次 cells), "given" (one key for the file), "content"
    reason: str  # the reason for rows whose 原因 is empty
    file_stamp: tuple[int, int]
    lines: list[SheetLine] = field(default_factory=list)
    already: list[SheetLine] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    batches: list[str] = field(default_factory=list)  # the keys the rows carry, first few

    @property
    def members(self) -> int:
        return len(self.lines)  # one line per member

    @property
    def given(self) -> int:
        return sum(line.amount for line in self.lines if line.amount > 0)

    @property
    def taken(self) -> int:
        return -sum(line.amount for line in self.lines if line.amount < 0)

    @property
    def can_apply(self) -> bool:
        return bool(self.lines)

    def problems(self, limit: int = 100) -> list[Refused]:
        return self.refused[:limit]

    def summary_lines(self, english: bool = False) -> list[str]:
        """The preview in the operator's words (the CLI prints it, the dialog shows it)."""
        src = {"column": ("来自「批次」列", "from the batch column"),
               "given": ("为整个文件指定", "given for the whole file"),
               "content": ("按文件内容生成：同一个文件再导入不会重复；改过的文件算新批次",
                           "made from the file's content: the same file again adds nothing; an "
                           "edited file is a new batch")}[self.key_source]
        shown = "、".join(self.batches[:3]) + (" …" if len(self.batches) > 3 else "")
        if english:
            lines = [f"Header in row {self.header_row}; batch {shown.replace('、', ', ')} "
                     f"({src[1]}).",
                     f"{len(self.lines):,} rows to apply: {self.members:,} members, "
                     f"+{self.given:,} given, -{self.taken:,} taken back.",
                     f"{len(self.already):,} rows already applied (same batch: not again) · "
                     f"{len(self.refused):,} rows refused (not applied).",
                     "Members are matched by member number, then customer id, then phone; "
                     "positive points expire by the workspace's policy, negative ones are "
                     "taken from the oldest points first."]
            return lines + [en for _, en in self.warnings]
        lines = [f"表头在第 {self.header_row} 行；批次 {shown}（{src[0]}）。",
                 f"可以导入 {len(self.lines):,} 行：{self.members:,} 位客户，发放 +{self.given:,}，"
                 f"扣回 −{self.taken:,}。",
                 f"已导入过 {len(self.already):,} 行（同一批次，不会重复）· 有问题 "
                 f"{len(self.refused):,} 行（不会导入）。",
                 "按客户编号、客户ID、手机号的顺序识别客户；正数按工作区的有效期规则到期，"
                 "负数从最早获得的积分扣起。"]
        return lines + [zh for zh, _ in self.warnings]


@dataclass(slots=True)
class _Row:
    number: int
    cells: tuple[CellValue, ...]
    ids: list[tuple[str, object]]  # (field, value to look up), in IDENTITY order
    amount: int = 0
    reason: str = ""
    key: str = ""
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (column, zh, en)


def _blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parse(row: SheetRow, cols: PointsColumns, default_key: str, file_reason: str) -> _Row:
    out = _Row(row.number, tuple(row.cells), [])

    def problem(fld: str, exc: rules.CellError) -> None:
        out.problems.append((cols.title(fld), exc.message, exc.english))

    for fld in IDENTITY:
        value = cols.cell(row.cells, fld)
        if fld not in cols.fields or _blank(value):
            continue
        try:
            error_cell(value, cols.title(fld))
            if fld == "member_id":
                out.ids.append((fld, rules.parse_member_id(value)))
            elif fld == "external_userid":
                out.ids.append((fld, clean_text(value)))
            else:
                phone = normalise_phone(value)
                if phone is None:
                    raise rules.CellError(f"手机号“{value}”格式不对。",
                                          f"The phone {str(value)!r} is not a valid number.")
                out.ids.append((fld, phone))
        except rules.CellError as exc:
            problem(fld, exc)
    try:
        value = cols.cell(row.cells, "amount")
        error_cell(value, cols.title("amount"))
        out.amount = rules.parse_amount(value)
    except rules.CellError as exc:
        problem("amount", exc)
    try:
        value = cols.cell(row.cells, "reason")
        error_cell(value, cols.title("reason"))
        out.reason = rules.tidy_reason(value) or file_reason
        if not out.reason:
            raise rules.CellError("没有填写原因（原因会出现在客户的积分明细里）。",
                                  "No reason given (it shows on the member's statement).")
    except rules.CellError as exc:
        problem("reason", exc)
    out.key = default_key
    batch = cols.cell(row.cells, "batch")
    if not _blank(batch):
        try:
            error_cell(batch, cols.title("batch"))
            out.key = rules.check_key(str(batch))
        except rules.CellError as exc:
            problem("batch", exc)
    return out


def plan_rows(conn: sqlite3.Connection, plan: SheetPlan, cols: PointsColumns,
              rows: Iterable[SheetRow], now: int, step: Step | None = None,
              cancel: CancelCheck | None = None) -> SheetPlan:
    """Fill ``plan`` from the data rows (in the caller's read transaction)."""
    parsed = [_parse(r, cols, plan.file_key, plan.reason) for r in rows]
    plan.batches = list(dict.fromkeys(r.key for r in parsed if r.key))[:4]
    if cancel:
        cancel()
    found = {fld: sheet_store.members_by(conn, "id" if fld == "member_id" else fld,
                                         [v for r in parsed for f, v in r.ids if f == fld])
             for fld in IDENTITY if fld in cols.fields}
    seen: dict[int, int] = {}  # member → the row that counts
    good: list[tuple[_Row, int]] = []
    for i, r in enumerate(parsed):
        if i % 5000 == 0:
            if cancel:
                cancel()
            if step:
                step(i, len(parsed))
        member: int | None = None
        if not r.problems:
            looked = [rules.Lookup(LABELS[f][0], LABELS[f][1], str(v),
                                   tuple(found[f].get(v, ()))) for f, v in r.ids]
            try:
                member = rules.pick_member(looked)
            except rules.CellError as exc:
                title = cols.title(r.ids[0][0]) if r.ids else "、".join(
                    cols.title(f) for f in IDENTITY if f in cols.fields)
                r.problems.append((title, exc.message, exc.english))
        if member is not None and member in seen:
            title = cols.title(r.ids[0][0])
            r.problems.append((title, f"同一位客户已在第 {seen[member]} 行出现，这一行没有计入"
                                      f"（一个文件里每位客户只计一行；要再给，请合并成一行或另做一个文件）。",
                               f"The same member is already in row {seen[member]}; this row was "
                               f"not counted (one row per member in a file: merge them, or "
                               f"use another file)."))
        if r.problems or member is None:
            _refuse(plan, r)
            continue
        seen[member] = r.number
        good.append((r, member))
    keys = {rules.row_key(r.key, m) for r, m in good}
    done = ledger.existing_keys(conn, list(keys))
    accounts = ledger.accounts(conn, [m for r, m in good if r.amount < 0])
    names = sheet_store.names(conn, [m for _, m in good])
    for r, m in good:
        line = SheetLine(r.number, m, names.get(m, ("", ""))[0], r.amount, r.reason,
                         rules.row_key(r.key, m))
        if line.key in done:
            plan.already.append(line)
            continue
        if r.amount < 0 and accounts[m].spendable(now) < -r.amount:
            have = accounts[m].spendable(now)
            r.problems.append((cols.title("amount"),
                               f"要扣回 {-r.amount:,} 分，但这位客户现在只有 {have:,} 分可用。",
                               f"Takes back {-r.amount:,} points, but the member has only "
                               f"{have:,} to spend now."))
            _refuse(plan, r)
            continue
        plan.lines.append(line)
    plan.refused.sort(key=lambda x: x.row)
    _warn(conn, plan, now)
    return plan


def _refuse(plan: SheetPlan, r: _Row) -> None:
    plan.refused.append(Refused(r.number, "、".join(dict.fromkeys(c for c, _, _ in r.problems)),
                                "；".join(zh.rstrip("。") for _, zh, _ in r.problems) + "。",
                                "; ".join(en for _, _, en in r.problems), r.cells, r.key))


def _warn(conn: sqlite3.Connection, plan: SheetPlan, now: int) -> None:
    heads = {normalise_header(h) for h in plan.header}
    if heads & ROSTER_LOOKING:
        plan.warnings.append((
            "这个文件看起来是客户名单：「积分」列会被当作每位客户要加（或扣）的积分，而不是余额。",
            "This file looks like a roster: its 积分 column is read as points to give (or take), "
            "not as balances."))
    if plan.key_source != "content" or not plan.lines:
        return
    recent = sheet_store.sheet_keys_since(conn, [line.member_id for line in plan.lines],
                                          now - RECENT_DAYS * 86400)
    twice = [line.row for line in plan.lines
             if (line.amount, line.reason) in recent.get(line.member_id, ())]
    if twice:
        rows = "、".join(map(str, twice[:10])) + (" 等" if len(twice) > 10 else "")
        plan.warnings.append((
            f"注意：{len(twice):,} 行的客户在最近 {RECENT_DAYS} 天内已经从表格得到过同样的积分和原因"
            f"（第 {rows} 行）。如果这是改过后重新导入的同一个文件，这些行会再记一次；"
            f"请只导入错误行文件，或给文件加「批次」列。",
            f"Note: {len(twice):,} rows give members the same points and reason a sheet gave "
            f"them in the last {RECENT_DAYS} days (rows {rows}). If this is the same file "
            f"edited and imported again, they would count twice: import only the rejects file, "
            f"or give the file a batch column."))
