"""Importing a roster file: open it, pick a sheet, map its columns, preview what would change
against the workspace without writing, then commit the good rows in one transaction.

The GUI and the CLI drive the same steps. Blocking work runs on a worker thread (reading and
comparing) or on the workspace's writer (the commit); ``progress`` receives ``ops.Progress``
from those threads (step ``read``, ``compare`` or ``write``; ``total`` 0 while unknown), and a
flipped ``ops.CancelToken`` stops the work. A cancel before the commit's transaction ends leaves
the workspace exactly as it was.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain import summaries
from ..errors import UserError
from ..excel import reader
from ..excel.mapping import (
    FIELD_LABELS,
    HEADER_SCAN_ROWS,
    ColumnMapping,
    HeaderGuess,
    auto_map,
    detect_header,
    drop_totals,
    header_signature,
)
from ..excel.normalize import NormalisedRoster, normalise_rows
from ..excel.reader import FileKind, SheetInfo, SheetRow
from ..excel.writer import write_rejects
from ..ops import CancelToken, Progress, ProgressFn, checker
from ..paths import resource
from ..store import importing, outbox
from ..store.audit import WriteContext
from ..store.import_apply import ImportOutcome, apply_import
from ..store.importing import ImportPlan
from .workspace import WorkspaceService

StepFn = Callable[[str, int, int], None]  # (step, done, total), inside this module
CancelCheck = Callable[[], None]  # raises ``Cancelled``: what the lower layers take
MAPPINGS_SETTING = "excel.mappings"
MAPPINGS_KEPT = 50
PROBLEMS_SHOWN = 100
CHANNELS_SHOWN = 20
# Progress phases, in order; the UI names them.
READ, COMPARE, WRITE = "read", "compare", "write"
STEPS = (READ, COMPARE, WRITE)


def _steps(progress: ProgressFn | None) -> StepFn | None:
    if progress is None:
        return None
    return lambda step, done, total: progress(Progress(step, done, total, STEPS.index(step)))
MATCH_RULE = ("按客户ID匹配已有客户，没有客户ID时按 unionid，再没有时按手机号；"
              "对应多位客户或指向不同客户的行不会导入。")


@dataclass(frozen=True, slots=True)
class FileInfo:
    path: Path
    kind: FileKind
    sheets: list[SheetInfo]
    default: SheetInfo


@dataclass(slots=True)
class ImportPreview:
    """Everything the operator sees before committing; ``commit`` takes it back."""

    path: Path
    sheet: str
    header: HeaderGuess
    mapping: ColumnMapping
    mapping_source: str  # "given" (corrected by the operator), "saved" or "auto"
    roster: NormalisedRoster
    plan: ImportPlan
    blocking: list[str]  # problems of the mapping itself: nothing can be imported
    totals_dropped: list[int]
    file_stamp: tuple[int, int]  # size and mtime when read, to notice edits before "save rejects"
    rejected_rows: dict[int, str] = field(default_factory=dict)  # file row → reason
    samples: list[list[Any]] = field(default_factory=list)  # first data rows, as read
    # The sheets an export split over (「客户名单(2)」…) read after ``sheet``, same header; their
    # rows are numbered on from the sheet before, as if the file were one long sheet.
    sheets_read: list[str] = field(default_factory=list)
    sheets_skipped: list[str] = field(default_factory=list)  # looked split, header differs

    @property
    def new(self) -> int:
        return len(self.plan.inserts)

    @property
    def updated(self) -> int:
        return self.plan.updated

    @property
    def unchanged(self) -> int:
        return self.plan.unchanged

    @property
    def rejected(self) -> int:
        return len(self.rejected_rows)

    @property
    def can_commit(self) -> bool:
        return not self.blocking and not self.plan.is_empty

    def problems(self, limit: int = PROBLEMS_SHOWN) -> list[tuple[int, str]]:
        """(file row, reason) of the first rejected rows."""
        return sorted(self.rejected_rows.items())[:limit]

    def summary_lines(self, *, heading: bool = True) -> list[str]:
        """The preview in the operator's words (the CLI prints it; the dialog shows it, without
        the ``heading`` lines that its own widgets already say: sheet, header row, counts)."""
        p = self.plan
        also = "（连同" + "、".join(f"「{n}」" for n in self.sheets_read) + "，行号接着往下数）" \
            if self.sheets_read else ""
        lines = [f"工作表「{self.sheet}」{also}，表头在第 {self.header.row_number} 行。"] \
            if heading else []
        lines += [f"无法导入：{b}" for b in self.blocking]
        lines += [f"工作表「{n}」的表头和「{self.sheet}」不同，没有一起读取；需要的话请单独导入它。"
                  for n in self.sheets_skipped]
        if heading:
            lines.append(f"新增 {self.new:,} 位 · 更新 {self.updated:,} 位 · 不变 {self.unchanged:,} 位 · "
                         f"有问题 {self.rejected:,} 行（不会导入）")
        lines.append(MATCH_RULE + ("（" + "，".join(
            f"{FIELD_LABELS.get(k, k)} {n:,} 位" for k, n in p.matched_by.most_common()) + "）"
            if p.matched_by else ""))
        if p.field_changes:
            lines.append("将修改：" + "、".join(
                f"{FIELD_LABELS.get(k, '附加信息' if k == 'extras' else k)} {n:,} 位"
                for k, n in p.field_changes.most_common()))
        lines += channel_lines(p)
        if p.new_tags:
            shown = [f"{g}:{t}（{n:,} 人）" for (g, t), n in sorted(p.new_tags.items())[:20]]
            more = f" 等共 {len(p.new_tags)} 个" if len(p.new_tags) > 20 else ""
            lines.append("将新建标签：" + "、".join(shown) + more)
        if p.tag_links:
            lines.append(f"将添加标签 {len(p.tag_links):,} 个（导入只添加标签，不会移除已有标签）。")
        if "points" in self.mapping.fields:
            if p.points_mode == "ignore":
                lines.append("积分：已选择忽略文件里的积分列，不会改动任何人的积分。")
            elif p.points_changes:
                up = sum(t - n for _, n, t in p.points_changes if t > n)
                down = sum(n - t for _, n, t in p.points_changes if t < n)
                lines.append(f"积分：{len(p.points_changes):,} 位客户的积分与文件不同，将各记一条"
                             f"「导入调整」积分流水（共 +{up:,} / −{down:,}），不会直接覆盖余额；"
                             "同一个文件再导入一次不会重复调整。")
            else:
                lines.append("积分：文件里的积分与现在的余额一致，不需要调整。")
        if p.follow_links or p.roster_links:
            lines.append(f"将添加跟进人 {len(p.follow_links):,} 条、所在群 {len(p.roster_links):,} 条。")
        for what, names in (("跟进人", p.unknown_staff), ("群", p.unknown_groups)):
            if names:
                listed = "、".join(f"{n}（{c} 行）" for n, c in names.most_common(10))
                lines.append(f"找不到这些{what}，已跳过（不会新建，请先同步企业微信）：{listed}")
        if p.ambiguous:
            lines.append("有重名、无法确定是哪一个，已跳过：" + "、".join(
                f"{n}（{c} 行）" for n, c in p.ambiguous.most_common(10)))
        if self.mapping.extras:
            # Unmapped columns are kept, not dropped; say which, so a misspelt header (「手机」
            # for 「手机号」) is noticed before it lands in 附加信息 instead of its field.
            lines.append("这些列没有对应的字段，已作为附加信息保存：" + "、".join(
                f"「{title}」" for title in self.mapping.extras))
        for note in self.roster.merges[:10]:
            rows = "、".join(str(r) for r in note.rows)
            conflict = ("，不同之处以后面的行为准：" + "、".join(
                FIELD_LABELS.get(c, c) for c in note.conflicts)) if note.conflicts else ""
            lines.append(f"第 {rows} 行是同一位客户，已合并{conflict}。")
        lines += self.roster.notes[:10]
        if len(self.roster.notes) > 10:
            lines.append(f"另有 {len(self.roster.notes) - 10} 条类似的提示未列出。")
        if len(self.roster.merges) > 10:
            lines.append(f"另有 {len(self.roster.merges) - 10} 处重复行已合并。")
        if self.totals_dropped:
            lines.append("已忽略末尾的合计行：第 " + "、".join(map(str, self.totals_dropped)) + " 行。")
        return lines


def channel_lines(plan: ImportPlan, limit: int = CHANNELS_SHOWN) -> list[str]:
    """How the file's channel cells map onto the channel list: 「直播间 → 直播（120 行）」,
    「抖音 → 新渠道「抖音」（3 行）」, most rows first."""
    if not plan.channel_rows:
        return []
    new = set(plan.new_channels)
    shown: list[str] = []
    for text, rows in plan.channel_rows.most_common(limit):
        code = plan.channel_codes[text]
        target = (f"新渠道「{plan.channel_list.name_of(code)}」" if code in new
                  else plan.channel_list.name_of(code))
        shown.append(f"{text} → {target}（{rows:,} 行）")
    more = len(plan.channel_rows) - len(shown)
    return ["渠道：" + "、".join(shown) + (f" 等共 {len(plan.channel_rows)} 种写法" if more > 0 else "")]


def _settle(*_: object) -> None:
    """Move every object alive into the cycle collector's permanent generation (O(1)).

    Called every few thousand rows while a roster is built or written: otherwise the collector's
    full passes walk millions of young row objects, holding the GIL for 100–300 ms each and
    freezing the window. The rows form no cycles, so reference counting still frees them when
    the preview goes. Nothing is unfrozen afterwards: that would also hand back what the app
    froze at start (``ui.gc_collector``) and bring the long passes back; the price is that a
    reference cycle frozen mid-import (rare, small) is kept until the app exits."""
    gc.freeze()


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def continuation_sheets(sheets: list[SheetInfo], first: str) -> list[str]:
    """The sheets an export continued ``first`` on past Excel's last row: 「名(2)」, 「名(3)」…
    in a row, named as ``excel.writer`` names them."""
    names = {s.name for s in sheets}
    found: list[str] = []
    while (name := f"{first}({len(found) + 2})"[:31]) in names and name != first:
        found.append(name)
    return found


def _split_rows(path: Path, first: str, follow: list[str], header: list[list[Any]],
                read: list[str], skipped: list[str], progress: StepFn | None,
                cancel: CancelCheck | None) -> Iterator[SheetRow]:
    """The rows of ``first``, then of each sheet in ``follow`` whose first row is the header
    (``header[0]``, set by the caller once it has found it): without that header row, and
    numbered on from the sheet before. At the first sheet with another header, stop; its name
    goes to ``skipped``, the names of those read to ``read``."""
    last = before = 0
    top_row: list[Any] | None = None  # stands in for the header while it is not known yet

    def counted(n: int) -> None:
        if progress:
            progress(READ, before + n, 0)
    for row in reader.iter_rows(path, first, progress=counted if progress else None,
                                cancel=cancel):
        if top_row is None:
            top_row = row.cells
        last = row.number
        yield row
    for name in follow:
        before = last
        rows = reader.iter_rows(path, name, progress=counted if progress else None, cancel=cancel)
        top = next(rows, None)
        if top is None:
            continue
        if top.cells != (header[0] if header else top_row):
            skipped.append(name)
            return
        read.append(name)
        offset = last - top.number
        for row in rows:
            last = row.number + offset
            yield SheetRow(last, row.cells)


class Importer:
    """The import use case over one workspace."""

    def __init__(self, service: WorkspaceService) -> None:
        self.service = service
        self._ws = service._ws  # services share the workspace; screens never reach it

    # -- steps ---------------------------------------------------------------------------------
    async def inspect(self, path: str | os.PathLike[str]) -> FileInfo:
        return await asyncio.to_thread(self.inspect_now, Path(path))

    def inspect_now(self, path: Path) -> FileInfo:
        kind = reader.detect_kind(path)
        sheets = reader.list_sheets(path)
        return FileInfo(path, kind, sheets, reader.default_sheet(sheets))

    async def preview(self, path: str | os.PathLike[str], sheet: str | None = None,
                      mapping: ColumnMapping | None = None, *, progress: ProgressFn | None = None,
                      cancel: CancelToken | None = None, points: str = "adjust"
                      ) -> ImportPreview:
        """``points``: "adjust" (a 积分 column that differs from a balance becomes an adjust
        entry for the difference) or "ignore" (the column changes nothing)."""
        return await asyncio.to_thread(self.preview_now, Path(path), sheet, mapping, progress,
                                       cancel, points)

    def preview_now(self, path: Path, sheet: str | None = None,
                    mapping: ColumnMapping | None = None, progress: ProgressFn | None = None,
                    cancel_token: CancelToken | None = None, points: str = "adjust"
                    ) -> ImportPreview:
        return self._preview(path, sheet, mapping, _steps(progress), checker(cancel_token),
                             points)

    def _preview(self, path: Path, sheet: str | None, mapping: ColumnMapping | None,
                 progress: StepFn | None, cancel: CancelCheck | None,
                 points: str = "adjust") -> ImportPreview:
        stamp = _stamp(path)
        info = self.inspect_now(path)
        chosen = sheet if sheet is not None else info.default.name
        header: list[list[Any]] = []  # the header's cells, once found
        read: list[str] = []
        skipped: list[str] = []
        rows = _split_rows(path, chosen, continuation_sheets(info.sheets, chosen), header, read,
                           skipped, progress, cancel)
        head = list(itertools.islice(rows, HEADER_SCAN_ROWS))
        guess = detect_header(head)
        header.append(guess.cells)
        signature = header_signature(guess.cells)
        source = "given"
        if mapping is None or mapping.signature != signature:
            saved = self.saved_mapping(signature)
            mapping, source = (saved, "saved") if saved is not None else (auto_map(guess.cells),
                                                                           "auto")
        blocking = mapping.problems()
        dropped: list[int] = []
        data: Iterator[SheetRow] = drop_totals(itertools.chain(head[guess.index + 1:], rows),
                                               dropped)
        roster = normalise_rows(data, mapping, tz=self.service.tz, cancel=cancel,
                                progress=_settle)
        plan = self._plan(roster, blocking, progress, cancel, points)
        _settle()
        preview = ImportPreview(path, chosen, guess, mapping, source, roster, plan, blocking,
                                dropped, stamp)
        preview.samples = [r.cells for r in head[guess.index + 1:guess.index + 4]]
        preview.sheets_read, preview.sheets_skipped = read, skipped
        for row, problems in roster.rejected:
            preview.rejected_rows[row.number] = "；".join(p.describe() for p in problems)
        for pos, reason in plan.refused:
            for number in roster.rows[pos].source_rows:
                preview.rejected_rows[number] = reason
        return preview

    def _plan(self, roster: NormalisedRoster, blocking: list[str], progress: StepFn | None,
              cancel: CancelCheck | None, points: str = "adjust") -> ImportPlan:
        conn = self._ws.reader()
        # One read transaction: every chunk compares against the same state of the workspace.
        conn.execute("BEGIN")
        try:
            if blocking:
                return ImportPlan(importing.data_version(conn))
            def compared(done: int, total: int) -> None:
                if done % 10_000 < importing.CHUNK:
                    _settle()
                if progress:
                    progress(COMPARE, done, total)
            return importing.plan_import(conn, roster.rows, cancel=cancel, progress=compared,
                                         points_mode=points)
        finally:
            conn.execute("COMMIT")

    async def commit(self, preview: ImportPreview, *, progress: ProgressFn | None = None,
                     cancel: CancelToken | None = None) -> ImportOutcome:
        """Write the preview's good rows in one transaction; nothing at all when there is
        nothing to change (a second import of the same file leaves no trace)."""
        return await self._commit(preview, _steps(progress), checker(cancel))

    async def _commit(self, preview: ImportPreview, progress: StepFn | None,
                      cancel: CancelCheck | None) -> ImportOutcome:
        if preview.blocking:
            raise UserError(preview.blocking[0], "请在列对应表中指定能识别客户的列。",
                            english="The column mapping cannot identify members.",
                            english_hint="In the column mapping, choose a column that identifies members.")
        if cancel:
            cancel()
        if preview.plan.is_empty:
            return ImportOutcome(None, 0, 0, 0, 0, False)
        summary = summaries.summary("导入「{file}」：新增 {new} 位，更新 {updated} 位",
                                    file=preview.path.name, new=preview.new,
                                    updated=preview.updated)

        def written(done: int, total: int) -> None:
            _settle()
            if progress:
                progress(WRITE, done, total)

        def run(ctx: WriteContext) -> ImportOutcome:
            outcome = apply_import(ctx, preview.roster.rows, preview.plan, cancel=cancel,
                                   progress=written)
            # New tags in WeCom tag groups are created there first, then the members' WeCom
            # tags added here are marked: both queued in this commit.
            for tag_id in outcome.new_tag_ids:
                outbox.enqueue_new_tag(ctx, tag_id)
            outbox.enqueue_tag_changes(ctx)
            self._remember(ctx, preview.mapping)
            if outcome.replanned:
                ctx.summary = summaries.summary(
                    "导入「{file}」：新增 {new} 位，更新 {updated} 位", file=preview.path.name,
                    new=outcome.inserted, updated=outcome.updated)
            return outcome
        return await asyncio.wrap_future(self._ws.submit(run, action="import", summary=summary))

    async def discard(self, preview: ImportPreview) -> None:
        """Let go of a preview's rows without a pause: freed a slice at a time on a worker
        thread (one ``del`` of a million rows would hold the GIL for half a second)."""
        def run() -> None:
            rows = preview.roster.rows
            while rows:
                del rows[-10_000:]
            preview.plan = ImportPlan(preview.plan.data_version)
        await asyncio.to_thread(run)

    async def save_rejects(self, preview: ImportPreview, target: str | os.PathLike[str], *,
                           cancel: CancelToken | None = None) -> int:
        """The rejected rows as they were in the file, with the reason first, as .xlsx."""
        return await asyncio.to_thread(self.save_rejects_now, preview, Path(target), cancel)

    def save_rejects_now(self, preview: ImportPreview, target: Path,
                         cancel_token: CancelToken | None = None) -> int:
        cancel = checker(cancel_token)
        if _stamp(preview.path) != preview.file_stamp:
            raise UserError("预览之后文件被修改过了。", "请重新预览后再保存错误行。",
                            english="The file changed after the preview.",
                            english_hint="Preview again, then save the rejected rows.")
        wanted = preview.rejected_rows

        def rows() -> Iterator[tuple[list[Any], str]]:
            for row in _split_rows(preview.path, preview.sheet, preview.sheets_read,
                                   [preview.header.cells], [], [], None, cancel):
                if row.number in wanted:
                    yield row.cells, wanted[row.number]
        return write_rejects(target, preview.header.cells, rows(), cancel=cancel)

    @staticmethod
    async def copy_template(target: str | os.PathLike[str]) -> Path:
        source = resource("templates", "roster_template.xlsx")
        return Path(await asyncio.to_thread(shutil.copyfile, source, target))

    # -- saved mappings ------------------------------------------------------------------------
    def saved_mapping(self, signature: str) -> ColumnMapping | None:
        saved = self._ws.get_setting(MAPPINGS_SETTING, {})
        text = saved.get(signature) if isinstance(saved, dict) else None
        try:
            return ColumnMapping.from_json(text) if isinstance(text, str) else None
        except (ValueError, TypeError):
            return None  # a mapping saved by a future version: map afresh

    @staticmethod
    def _remember(ctx: WriteContext, mapping: ColumnMapping) -> None:
        """Save the mapping under its header signature, in the import's own transaction."""
        row = ctx.conn.execute("SELECT value FROM settings WHERE key = ?",
                               (MAPPINGS_SETTING,)).fetchone()
        saved: dict[str, str] = {}
        if row:
            loaded = json.loads(row[0])
            saved = loaded if isinstance(loaded, dict) else {}
        saved.pop(mapping.signature, None)
        saved[mapping.signature] = mapping.to_json()
        saved = dict(list(saved.items())[-MAPPINGS_KEPT:])
        ctx.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
            "value = excluded.value", (MAPPINGS_SETTING, json.dumps(saved, ensure_ascii=False)))
