"""Points and Excel: statements out (one member, a saved segment, everyone) and batch awards /
take-backs in, with the roster import's preview-and-reject flow.

Export: sheet 积分明细 (one row per entry, oldest first per member, with the balance after it),
sheet 余额 (balance, spendable now, points expiring in the next 30 days, the next expiry date)
and a short 说明. Members are read in chunks inside one read transaction and streamed to
``excel.writer.write_xlsx_sheets`` (XlsxWriter constant-memory, formula-safe text, written beside
the target and renamed when complete), so a 100,000-member segment with two million entries never
sits in memory, and a cancel or a full disk leaves no file.

Import: ``plan`` reads the file and compares it with the workspace without writing
(``services.points_sheet``), ``apply`` writes the plan's rows in one write transaction through
``store.points.append`` (earn entries with the workspace's expiry for positive amounts, adjust
entries drawn oldest-first for negative ones) as one audit batch that undo reverses, and
``save_rejects`` writes the refused rows with their reasons, to be fixed and imported again.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from ..domain import points as P
from ..domain import points_sheet as rules
from ..domain import summaries
from ..domain.segments import Segment
from ..errors import ValidationError
from ..excel import reader
from ..excel.mapping import normalise_header
from ..excel.points_sheet import read_sheet
from ..excel.reader import CellValue
from ..excel.writer import REASON_HEADER, write_rejects, write_xlsx_sheets
from ..ops import NEVER, CancelToken, Progress, ProgressFn, checker
from ..store import points as ledger
from ..store import points_sheet as sheet_store
from ..store.audit import WriteContext
from .exporter import check_not_workspace
from .points_sheet import Refused, SheetLine, SheetPlan, plan_rows
from .workspace import WorkspaceService

STATEMENT_SHEET, BALANCE_SHEET, NOTES_SHEET = "积分明细", "余额", "说明"
STATEMENT_HEADER = ("客户编号", "客户名称", "手机号", "时间", "类型", "积分", "变动后余额", "原因",
                    "来源", "关联", "有效期至", "操作人", "幂等键", "流水号")
BALANCE_HEADER = ("客户编号", "客户名称", "手机号", "余额", "可用积分", "30天内到期", "最近到期日")
EXPIRING_DAYS = 30
MEMBER_CHUNK = 500  # members per query round of an export


@dataclass(frozen=True, slots=True)
class StatementExport:
    path: Path
    members: int
    entries: int


@dataclass(frozen=True, slots=True)
class SheetOutcome:
    batch_id: int | None  # the audit batch (``siyu undo``), None when nothing was written
    entries: int
    given: int
    taken: int
    already: int  # rows whose key was in the ledger by the time of writing


def _xlsx_only(path: Path) -> None:
    if path.suffix.lower() != ".xlsx":
        raise ValidationError("积分表格只能保存为 .xlsx 文件。", "请把文件名改成以 .xlsx 结尾。",
                              english="Points sheets are saved as .xlsx files only.",
                              english_hint="End the file name with .xlsx.")


def _user(exc: rules.CellError) -> ValidationError:
    return ValidationError(exc.message, english=exc.english)


class PointsExcel:
    def __init__(self, service: WorkspaceService) -> None:
        self.service = service
        self._ws = service._ws  # services share the workspace; screens never reach it

    # -- statements ------------------------------------------------------------------------------
    async def export(self, path: str | os.PathLike[str], *, member: int | None = None,
                     segment: Segment | str | Sequence[int] | None = None,
                     progress: ProgressFn | None = None, cancel: CancelToken | None = None) -> StatementExport:
        """One member's statement, a segment's (a ``Segment``, a saved segment's name, or
        member ids such as a screen's selection), or, with neither, every member's, as .xlsx."""
        target = Path(path)
        self.check_target(target)
        return await asyncio.to_thread(self.export_now, target, member, segment, progress,
                                       cancel)

    def check_target(self, path: Path) -> None:
        check_not_workspace(path, self._ws.path, getattr(self._ws, "backup_dir", None))
        _xlsx_only(path)

    def _members(self, member: int | None, segment: Segment | str | Sequence[int] | None
                 ) -> tuple[list[int], str]:
        conn = self._ws.reader()
        if member is not None:
            if conn.execute("SELECT 1 FROM members WHERE id = ?", (member,)).fetchone() is None:
                raise ValidationError(f"没有编号为 {member} 的客户。",
                                      english=f"There is no member {member}.")
            return [member], f"客户 {member}"
        scope = "全部客户"
        if isinstance(segment, str):
            scope, found = f"人群包「{segment}」", self._find_segment(segment)
            if found is None:
                raise ValidationError(f"找不到人群包“{segment}”。", "用 `siyu info` 查看已保存的人群包。",
                                      english=f"No segment named {segment}.",
                                      english_hint="`siyu info` lists the saved segments.")
            segment = found
        elif isinstance(segment, Segment):
            scope = "人群包"
        elif segment is not None:
            picked = sorted({int(i) for i in segment})
            known = sheet_store.names(conn, picked)  # ids gone since they were picked: left out
            return [i for i in picked if i in known], "选中的客户"
        result = self.service.evaluate_now(segment or Segment())
        return [int(i) for i in self.service.ordered_now(result)], scope  # by id

    def _find_segment(self, name: str) -> Segment | None:
        from ..store import segments

        return segments.find_saved(self._ws.reader(), name)

    def export_now(self, path: Path, member: int | None = None,
                   segment: Segment | str | Sequence[int] | None = None,
                   progress: ProgressFn | None = None,
                   cancel: CancelToken | None = None) -> StatementExport:
        self.check_target(path)
        token = cancel or NEVER
        conn = self._ws.reader()
        conn.execute("BEGIN")  # one snapshot for the whole file
        try:
            ids, scope = self._members(member, segment)
            tz = self.service.tz
            now = int(self._ws.clock.now())
            until = _ValidUntil(tz)
            total = len(ids)
            counted = {"entries": 0}

            def tick(done: int) -> None:
                token.check()
                if progress is not None:
                    progress(Progress("write", done, 2 * total))

            def statement() -> Iterator[list[CellValue]]:
                for start in range(0, total, MEMBER_CHUNK):
                    chunk = ids[start:start + MEMBER_CHUNK]
                    tick(start)
                    who = sheet_store.names(conn, chunk)
                    running: dict[int, int] = {}
                    for (seq, m, amount, kind, reason, source, ref, operator, at, key,
                         expires) in sheet_store.entries_of(conn, chunk):
                        balance = running[m] = running.get(m, 0) + amount
                        name, phone = who.get(m, ("", ""))
                        counted["entries"] += 1
                        yield [m, name, phone,
                               datetime.fromtimestamp(at, tz).replace(tzinfo=None),
                               rules.KIND_NAMES[P.Kind(kind)][0], amount, balance, reason,
                               rules.SOURCE_NAMES[P.Source(source)][0], ref, until(expires),
                               operator, key, seq]

            def balances() -> Iterator[list[CellValue]]:
                horizon = now + EXPIRING_DAYS * 86400
                for start in range(0, total, MEMBER_CHUNK):
                    chunk = ids[start:start + MEMBER_CHUNK]
                    tick(total + start)
                    who = sheet_store.names(conn, chunk)
                    sums = sheet_store.balances_of(conn, chunk, now, horizon)
                    for m in chunk:
                        name, phone = who.get(m, ("", ""))
                        balance, spendable, soon, first = sums.get(m, (0, 0, 0, None))
                        yield [m, name, phone, balance, spendable, soon, until(first)]

            notes: list[list[CellValue]] = [
                ["范围", f"{scope}，共 {total:,} 位客户"],
                ["导出时间", datetime.fromtimestamp(now, tz).replace(tzinfo=None)],
                ["时区", f"{tz.key}（「时间」「有效期至」都按这个时区）"],
                ["积分明细", "每条积分流水一行，每位客户按时间先后排列；「变动后余额」是这条之后的余额。"],
                ["有效期至", "这批积分可以使用的最后一天；过期处理之后余额才减少。"],
                ["可用积分", "余额中还没有过期的部分（已过期、尚未处理的积分不能再用）。"],
                ["30天内到期", f"可用积分中在今后 {EXPIRING_DAYS} 天内到期的部分。"]]
            counts = write_xlsx_sheets(
                path, [(STATEMENT_SHEET, STATEMENT_HEADER, statement()),
                       (BALANCE_SHEET, BALANCE_HEADER, balances()),
                       (NOTES_SHEET, ("项目", "内容"), notes)],
                cancel=token.check)
            tick(2 * total)
            return StatementExport(path, total, counts[0])
        finally:
            conn.execute("COMMIT")

    # -- batch award / take-back from a sheet ----------------------------------------------------
    async def plan(self, path: str | os.PathLike[str], *, reason: str = "",
                   key: str | None = None, sheet: str | None = None,
                   progress: ProgressFn | None = None,
                   cancel: CancelToken | None = None) -> SheetPlan:
        """Read the file and say what it would do; writes nothing. ``reason`` is for rows
        without a 原因; ``key`` the batch for rows without a 批次 (default: the file's hash)."""
        return await asyncio.to_thread(self.plan_now, Path(path), reason, key, sheet, progress,
                                       cancel)

    def plan_now(self, path: Path, reason: str = "", key: str | None = None,
                 sheet: str | None = None, progress: ProgressFn | None = None,
                 cancel: CancelToken | None = None) -> SheetPlan:
        try:
            file_reason = rules.tidy_reason(reason)
            given = rules.check_key(key) if key is not None else None
        except rules.CellError as exc:
            raise _user(exc) from None
        check = checker(cancel)
        reader.detect_kind(path)  # a missing, empty or unknown file is said before anything
        stamp = (path.stat().st_size, path.stat().st_mtime_ns)
        content = rules.content_key(_chunks(path))
        columns, rows = read_sheet(
            path, sheet, cancel=check,
            progress=(lambda n: progress(Progress("read", n, 0, 0))) if progress else None)
        data = list(rows)
        if not data:
            raise ValidationError("表头下面没有数据。", "请在表头下面每行写一位客户和积分。",
                                  english="There are no rows under the header.",
                                  english_hint="Write one member and their points per row "
                                               "under the header.")
        if "reason" not in columns.fields and not file_reason:
            raise ValidationError("请写明积分的原因。",
                                  "在表格里加一列「原因」，或为整个文件指定一个原因（--reason）。",
                                  english="Say why the points are given.",
                                  english_hint="Add a reason column, or give one reason for "
                                               "the whole file (--reason).")
        plan = SheetPlan(path, list(columns.header.cells), columns.header.number,
                         dict(columns.fields), given or content,
                         "column" if "batch" in columns.fields else
                         ("given" if given else "content"), file_reason, stamp)
        conn = self._ws.reader()
        conn.execute("BEGIN")  # one snapshot: keys, balances and members agree
        try:
            return plan_rows(conn, plan, columns, data, int(self._ws.clock.now()),
                             step=(lambda d, t: progress(Progress("compare", d, t, 1)))
                             if progress else None, cancel=check)
        finally:
            conn.execute("COMMIT")

    async def apply(self, plan: SheetPlan, progress: ProgressFn | None = None,
                    cancel: CancelToken | None = None) -> SheetOutcome:
        """Write the plan's rows in one transaction, one audit batch (undo reverses it)."""
        token = cancel or NEVER
        token.check()
        if not plan.lines:
            return SheetOutcome(None, 0, 0, 0, len(plan.already))
        summary = summaries.summary("表格积分「{file}」：{members} 位客户，发放 {given} 分，扣回 {taken} 分",
                                    file=plan.path.name, members=plan.members, given=plan.given,
                                    taken=plan.taken)
        inner = asyncio.wrap_future(self._ws.submit(
            lambda ctx: self.apply_now(ctx, plan, progress, token), action="points_sheet",
            summary=summary))
        result: SheetOutcome = await asyncio.shield(inner)
        return result

    def apply_now(self, ctx: WriteContext, plan: SheetPlan, progress: ProgressFn | None = None,
                  cancel: CancelToken = NEVER) -> SheetOutcome:
        """The plan's rows in the caller's write transaction. Rows applied since the preview
        are left out; a member gone, or without the points to take back any more, refuses
        the whole file (preview again)."""
        conn = ctx.conn
        expiry, tz = ledger.policy(conn)
        done = ledger.existing_keys(conn, [line.key for line in plan.lines])
        todo = [line for line in plan.lines if line.key not in done]
        present = sheet_store.names(conn, [line.member_id for line in todo])
        accounts = ledger.accounts(conn, [line.member_id for line in todo if line.amount < 0])
        expires = P.expires_at(expiry, ctx.now, tz)
        planned: list[ledger.Planned] = []
        for i, line in enumerate(todo):
            if i % 1000 == 0:
                cancel.check()
                if progress is not None:
                    progress(Progress("plan", i, len(todo), 2))
            if line.member_id not in present:
                raise _changed(line, "这位客户已不在工作区里", "the member is no longer in the "
                                                                "workspace")
            ref = f"{plan.path.name} 第{line.row}行"
            if line.amount > 0:
                planned.append((P.Draft(line.member_id, line.amount, P.Kind.EARN, line.reason,
                                        P.Source.IMPORT, ref, ctx.actor, ctx.now, line.key,
                                        expires), ()))
                continue
            try:
                draws = P.plan_spend(accounts[line.member_id], -line.amount, ctx.now)
            except P.LedgerError as exc:
                raise _changed(line, exc.message, exc.english) from None
            planned.append((P.Draft(line.member_id, line.amount, P.Kind.ADJUST, line.reason,
                                    P.Source.IMPORT, ref, ctx.actor, ctx.now, line.key), draws))

        def written(n: int) -> None:
            cancel.check()
            if progress is not None:
                progress(Progress("write", n, len(planned), 2))
        ledger.append(ctx, planned, progress=written)
        cancel.check()  # the last look before the commit
        given = sum(d.amount for d, _ in planned if d.amount > 0)
        taken = -sum(d.amount for d, _ in planned if d.amount < 0)
        return SheetOutcome(ctx.batch_id if planned else None, len(planned), given, taken,
                            len(plan.already) + len(done))

    async def save_rejects(self, plan: SheetPlan, target: str | os.PathLike[str], *,
                           english: bool = False, cancel: CancelToken | None = None) -> int:
        return await asyncio.to_thread(self.save_rejects_now, plan, Path(target), english,
                                       cancel)

    def save_rejects_now(self, plan: SheetPlan, target: Path, english: bool = False,
                         cancel: CancelToken | None = None) -> int:
        """The refused rows as they were, 错误原因 first, and the batch they belong to in 批次
        (so the fixed file, imported again, carries the same keys: nobody gets a row twice)."""
        self.check_target(target)
        keep = [i for i, h in enumerate(plan.header) if normalise_header(h) != REASON_HEADER]
        header: list[CellValue] = [plan.header[i] for i in keep]
        batch_col = plan.fields.get("batch")
        if batch_col is None:
            header.append("批次")

        def cells(r: Refused) -> list[CellValue]:
            padded = list(r.cells) + [""] * (len(plan.header) - len(r.cells))
            row = [padded[i] for i in keep]
            return row + [r.key] if batch_col is None else row
        return write_rejects(target, header, ((cells(r), r.describe(english))
                                              for r in plan.refused), cancel=checker(cancel))


def _changed(line: SheetLine, why: str, why_en: str) -> ValidationError:
    return ValidationError(f"第 {line.row} 行（客户 {line.member_id}）：{why.rstrip('。')}。", "预览之后数据变了：请重新预览再导入。",
                           english=f"Row {line.row} (member {line.member_id}): {why_en.rstrip('.')}.",
                           english_hint="The data changed after the preview: preview again, "
                                        "then import.")


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            yield chunk


class _ValidUntil:
    """An expiry (the first second expired) as the last day valid, in the time zone; cached,
    since a ledger's lots share a few month ends."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self.seen: dict[int, date] = {}

    def __call__(self, expires_at: int | None) -> date | None:
        if expires_at is None:
            return None
        day = self.seen.get(expires_at)
        if day is None:
            day = self.seen[expires_at] = (datetime.fromtimestamp(expires_at, self.tz)
                                           - timedelta(seconds=1)).date()
        return day

