"""Owns the awaits of the points screen (积分): the overview, leaderboards, the batch award
dialog (resolve, preview, award with progress and 取消, undo by reversal), the expiry run's
preview, reminder list and run, and the balance check and hash chain verify.

Every action can be called directly (tests, and the page's signals); ``confirm`` (replaced in
tests) asks before an expiry run and before undoing an award."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from ...domain.points import ExpiryPolicy
from ...domain.points_periods import PeriodKind
from ...domain.segments import Segment
from ...errors import Cancelled, UserError
from ...services.points import PointsService
from ...services.points_report import ExpiryPreview, PointsReport
from ...services.types import Changes
from ...services.workspace import WorkspaceService
from .. import labels
from ..dialogs.award_dialog import AwardDialog
from ..dialogs.expiry_policy_dialog import ExpiryPolicyDialog
from ..feedback import Feedback
from ..i18n import english
from ..pages.points_page import PointsPage
from ..pages.points_tabs import n
from ..tasks import TaskRunner
from ..widgets.ask import Confirm, answer_of, ask
from ..widgets.progress import ProgressWatch
from .undo import UndoProgress

Task = asyncio.Task[Any]


class PointsController(QObject):
    def __init__(self, points: PointsService, report: PointsReport, service: WorkspaceService,
                 tasks: TaskRunner, feedback: Feedback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points, self.report, self.service = points, report, service
        self.tasks, self.feedback = tasks, feedback
        self.page = PointsPage(parent)
        self.dialog: AwardDialog | None = None
        self.policy_dialog: ExpiryPolicyDialog | None = None
        self.confirm: Confirm = self._ask
        self.expiry_preview: ExpiryPreview | None = None
        self._segments: dict[int, Segment] = {}
        self._last_award: tuple[int, str] | None = None  # (audit batch, summary) of the dialog's
        self._file_dialog: QFileDialog | None = None
        p = self.page
        p.overview.refresh_requested.connect(self.load_overview)
        p.board.kind_changed.connect(lambda _k: self._kind_changed())
        p.board.board_requested.connect(self.load_board)
        p.award.award_requested.connect(self.open_award)
        p.award.undo_requested.connect(self.undo_award)
        p.expiry.preview_requested.connect(self.preview_expiry)
        p.expiry.run_requested.connect(self.run_expiry)
        p.expiry.export_requested.connect(self.ask_export_file)
        p.expiry.policy_requested.connect(self.open_policy)
        p.check.check_requested.connect(self.check)
        p.check.rebuild_requested.connect(self.rebuild)
        p.check.verify_requested.connect(self.verify)

    # -- loading -------------------------------------------------------------------------------
    def start(self) -> Task:
        self.page.expiry.set_day(self.report.today().isoformat())
        self.page.expiry.set_policy(self._policy_text())
        self._kind_changed(load=False)
        return self.tasks.run(self._start(), name="points.start")

    async def _start(self) -> None:
        await asyncio.gather(self._load_overview(), self._load_groups(), self._load_awards())
        missed, coming = await self.report.expiry_days()
        if missed is not None or coming is not None:  # the day worth a look first
            self.page.expiry.set_day(str(missed or coming))
        await self._load_board()

    def workspace_changed(self, changes: Changes) -> None:
        if changes.members or changes.full_rebuild:
            self.load_overview()
            self.tasks.run(self._load_awards(), name="points.awards")
        if changes.groups_changed or changes.full_rebuild:
            self.tasks.run(self._load_groups(), name="points.groups")

    def _policy_text(self) -> str:
        zh, en = self.points.policy.describe()
        return en if english() else zh

    def load_overview(self) -> Task:
        return self.tasks.run(self._load_overview(), name="points.overview")

    async def _load_overview(self) -> None:
        self.page.overview.set_overview(await self.report.overview(), english())
        missed, coming = await self.report.expiry_days()
        self.page.expiry.set_policy(self._policy_text(), str(missed or ""), str(coming or ""))

    async def _load_groups(self) -> None:
        groups = sorted(await self.service.groups(), key=lambda g: (-g.member_count, g.id))
        self.page.board.set_groups([(g.id, g.name, g.member_count) for g in groups])

    async def _load_awards(self) -> None:
        self.page.award.set_awards(await self.report.recent_awards())

    # -- leaderboards --------------------------------------------------------------------------
    def _kind_changed(self, load: bool = True) -> None:
        board = self.page.board
        board.set_periods(self.report.periods(board.current_kind()), self.report.today())
        if load:
            self.load_board()

    def load_board(self) -> Task | None:
        return self.tasks.run(self._load_board(), name="points.board")

    async def _load_board(self) -> None:
        board = self.page.board
        period = board.current_period()
        if period is None:
            return
        board.set_loading()
        result = await self.report.board(period, board.current_group())
        board.set_board(result, board.scope_name(), self.report.today())

    def show_board(self, kind: PeriodKind, index: int, group_id: int | None) -> Task | None:
        """Pick a leaderboard as the operator would (tests): kind, period (0: this one), group."""
        board = self.page.board
        board.kind.setCurrentIndex(board.kind.findData(str(kind)))
        board.period.setCurrentIndex(index)
        board.select_group(group_id)
        return self.load_board()

    # -- batch award ---------------------------------------------------------------------------
    def open_award(self) -> Task:
        return self.tasks.run(self._open_award(), name="points.award_dialog")

    async def _open_award(self) -> AwardDialog:
        saved = await self.service.saved_segments()
        self._segments = {i: s for i, _name, s in saved}
        dialog = AwardDialog([(i, name) for i, name, _s in saved], self.report.today(),
                             self.page)
        dialog.preview_requested.connect(self.preview_award)
        dialog.award_requested.connect(self.award)
        dialog.undo_requested.connect(self._undo_last)
        dialog.finished.connect(lambda *_: self._dialog_closed(dialog))
        self.dialog = dialog
        self._last_award = None
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: AwardDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _inputs(self, dialog: AwardDialog) -> tuple[object, ...]:
        return (*dialog.source(), *dialog.values())

    def preview_award(self) -> Task | None:
        dialog = self.dialog
        if dialog is None:
            return None
        return self.tasks.run(self._preview(dialog), name="points.award_preview")

    async def _preview(self, dialog: AwardDialog) -> None:
        asked = self._inputs(dialog)
        kind, what = dialog.source()
        amount, reason, key = dialog.values()
        dialog.set_busy(self.tr("正在预览…"))
        resolution = None
        if kind == "segment":
            segment = self._segments.get(what) if isinstance(what, int) else None
            if segment is None:
                dialog.set_error(self.tr("请选择一个人群包。"))
                return
            ids = [int(i) for i in await self.service.evaluate(segment)]
        else:
            resolution = await self.report.resolve(str(what))
            ids = list(resolution.member_ids)
        if self.dialog is not dialog or self._inputs(dialog) != asked:
            return  # edited meanwhile: this preview is of something else
        dialog.set_unmatched(resolution)
        if not ids:
            dialog.set_error(self.tr("没有匹配到任何客户。") if kind == "list"
                             else self.tr("这个人群包现在没有客户。"))
            return
        try:
            preview = await self.report.award_preview(ids, amount, reason, key)
        except UserError as exc:
            dialog.set_error(self.feedback.describe(exc))
            return
        if self.dialog is dialog and self._inputs(dialog) == asked:
            dialog.set_preview(preview, resolution)

    def award(self) -> Task | None:
        dialog = self.dialog
        if dialog is None or dialog.preview is None:
            return None
        preview = dialog.preview
        skip = {m for m, _ in preview.short}
        ids = [m for m in preview.member_ids if m not in skip]
        plan = preview.plan
        watch = ProgressWatch(self, dialog.progress, self.tr("正在发放…"))
        dialog.set_running(True)

        async def run() -> None:
            try:
                done, batch = await self.points.award(ids, plan.amount, plan.reason, plan.key,
                                                      progress=watch.box, cancel=watch.token)
            except Cancelled:
                dialog.set_done(self.tr("已取消，什么都没有写入。"), False)
                return
            finally:
                watch.stop()
                dialog.set_running(False)
            verb = self.tr("扣回") if done.amount < 0 else self.tr("发放")
            text = self.tr("已{verb}：{k} 位客户各 {a} 分，合计 {t} 分（批次“{key}”）。").format(
                verb=verb, k=n(done.to_award), a=f"{done.amount:+,}", t=f"{done.total:+,}",
                key=done.key)
            if done.already:
                text += self.tr("{k} 位之前已经发过，没有重复发放。").format(k=n(done.already))
            if skip:
                text += self.tr("{k} 位积分不足，没有扣。").format(k=n(len(skip)))
            summary = self.tr("积分{verb}「{reason}」").format(verb=verb, reason=done.reason)
            self._last_award = (batch, summary) if batch is not None and done.to_award else None
            dialog.set_done(text, self._last_award is not None)
            self.feedback.info(text)
            await asyncio.gather(self._load_awards(), self._load_overview())
            if batch is not None:
                self.page.award.select(batch)
        return self.tasks.run_write(run(), initiator=self, on_error=self._award_failed)

    def _award_failed(self, exc: BaseException) -> None:
        if self.dialog is not None and isinstance(exc, UserError):
            self.dialog.set_done(self.feedback.describe(exc, " "), False)
        self.feedback.error(exc)

    def _undo_last(self) -> Task | None:
        if self._last_award is None:
            return None
        batch, summary = self._last_award
        return self.undo_award(batch, summary)

    def undo_award(self, batch_id: int, summary: str = "") -> Task:
        if not summary:
            current = self.page.award.current()
            summary = (labels.summary_text(current.summary)
                       if current is not None and current.batch_id == batch_id else f"#{batch_id}")
        return self.tasks.run_write(self._undo(batch_id, summary), initiator=self)

    async def _undo(self, batch_id: int, summary: str) -> None:
        if not await answer_of(self.confirm, self.tr(
                "撤销「{what}」？会给这次涉及的每位客户追加一条冲正记录，抵消这次的积分；"
                "账本里原来的记录保留。").format(what=summary)):
            return
        parent = self.dialog if self.dialog is not None else self.page
        try:
            restored = await UndoProgress(parent, summary).run(self.service, batch_id)
        except Cancelled:
            self.feedback.info(self.tr("已取消撤销，什么都没有改变。"))
            return
        text = self.tr("已撤销：{what}（追加 {k} 条冲正记录）").format(what=summary, k=n(restored))
        self.feedback.info(text)
        if self.dialog is not None and self._last_award and self._last_award[0] == batch_id:
            self.dialog.set_undone(text)
            self._last_award = None
        await asyncio.gather(self._load_awards(), self._load_overview())

    # -- expiry --------------------------------------------------------------------------------
    def preview_expiry(self, day: str) -> Task:
        return self.tasks.run(self._preview_expiry(day), name="points.expiry_preview")

    async def _preview_expiry(self, day: str) -> None:
        tab = self.page.expiry
        tab.set_loading()
        self.expiry_preview = None
        preview = await self.report.expiry_preview(day)
        if tab.day_text() == day:
            self.expiry_preview = preview
            tab.set_preview(preview)

    def open_policy(self) -> ExpiryPolicyDialog:
        dialog = ExpiryPolicyDialog(self.points.policy, self.points.tz, self.report.now(),
                                    self.page)
        dialog.accepted.connect(lambda: self.save_policy(dialog.policy()))
        dialog.finished.connect(lambda *_: dialog.deleteLater())
        self.policy_dialog = dialog
        dialog.open()
        return dialog

    def save_policy(self, policy: ExpiryPolicy) -> Task:
        async def run() -> None:
            if await self.points.set_policy(policy):
                zh, en = policy.describe()
                self.feedback.info(self.tr("到期规则已改为：{rule}。今后获得的积分按新规则定到期日，"
                                           "已经获得的积分到期日不变。").format(
                    rule=en if english() else zh))
            await self._load_overview()
        return self.tasks.run_write(run(), initiator=self)

    def ask_export_file(self) -> None:
        if self.expiry_preview is None:
            return
        dialog = QFileDialog(self.page, self.tr("导出积分到期提醒名单"),
                             self.tr("积分到期提醒-{day}.xlsx").format(
                                 day=self.expiry_preview.plan.day),
                             self.tr("Excel 文件 (*.xlsx)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        dialog.fileSelected.connect(lambda chosen: self.export_expiry(Path(chosen)))
        dialog.finished.connect(lambda *_: dialog.deleteLater())
        self._file_dialog = dialog
        dialog.open()

    def export_expiry(self, path: Path) -> Task | None:
        preview = self.expiry_preview
        if preview is None:
            return None
        tab = self.page.expiry
        watch = ProgressWatch(self, tab.progress, self.tr("正在导出…"))
        tab.set_running(True)

        async def run() -> None:
            try:
                rows = await self.report.export_expiry(path, preview.plan, watch.box,
                                                       watch.token)
            except Cancelled:
                self.feedback.info(self.tr("已取消导出。"))
                return
            finally:
                watch.stop()
                tab.set_running(False)
                tab.export_button.setEnabled(True)
            self.feedback.info(self.tr("已导出 {k} 位客户到“{file}”。").format(k=n(rows),
                                                                          file=path.name))
        return self.tasks.run_exclusive("points.expiry", run())

    def run_expiry(self, day: str) -> Task | None:
        return self.tasks.run_exclusive("points.expiry", self._run_expiry(day), initiator=self)

    async def _run_expiry(self, day: str) -> None:
        tab = self.page.expiry
        tab.set_loading()
        preview = await self.report.expiry_preview(day)
        tab.set_preview(preview)
        self.expiry_preview = preview
        plan = preview.plan
        if not plan.members:
            return
        if not await answer_of(self.confirm, self.tr(
                "为 {day} 执行积分到期：{k} 位客户共 {p} 分会被清零，每位记一条“过期”记录。"
                "同一天只会执行一次。").format(day=plan.day, k=n(plan.members), p=n(plan.points))):
            return
        watch = ProgressWatch(self, tab.progress, self.tr("正在执行到期…"))
        tab.set_running(True)
        try:
            done = await self.points.expire(day, progress=watch.box, cancel=watch.token)
        except Cancelled:
            tab.set_result(self.tr("已取消，什么都没有写入。"))
            return
        finally:
            watch.stop()
            tab.set_running(False)
        self.expiry_preview = None
        text = self.tr("已执行 {day} 的到期：{k} 位客户共 {p} 分已过期。").format(
            day=done.day, k=n(done.members), p=n(done.points))
        tab.set_result(text)
        self.feedback.info(text)
        await self._load_overview()

    # -- checks --------------------------------------------------------------------------------
    def check(self) -> Task:
        return self.tasks.run(self._check(), name="points.check")

    async def _check(self) -> None:
        tab = self.page.check
        tab.set_check(self.tr("正在核对…"), False)
        count, mismatches = await self.points.check(limit=3)
        if not count:
            tab.set_check(self.tr("全部一致：每位客户的余额都等于他的积分明细之和。"), False)
            return
        examples = "；".join(self.tr("客户 {id} 显示 {cached}，明细合计 {ledger}").format(
            id=m.member_id, cached=n(m.cached), ledger=n(m.ledger)) for m in mismatches)
        tab.set_check(self.tr("有 {k} 位客户的余额与明细不一致（{examples}）。可以按明细重建余额。").format(
            k=n(count), examples=examples), True)

    def rebuild(self) -> Task:
        async def run() -> None:
            changed = await self.points.rebuild_balances()
            self.feedback.info(self.tr("已按明细改正 {k} 位客户的余额。").format(k=n(changed)))
            await self._check()
        return self.tasks.run_write(run(), initiator=self)

    def verify(self) -> Task | None:
        return self.tasks.run_exclusive("points.verify", self._verify())

    async def _verify(self) -> None:
        tab = self.page.check
        watch = ProgressWatch(self, tab.progress, self.tr("正在校验…"))
        tab.set_verifying(True)
        tab.set_verify("")
        try:
            result = await self.points.verify(progress=watch.box, cancel=watch.token)
        except Cancelled:
            tab.set_verify(self.tr("已取消校验（已校验约 {k} 条）。").format(k=n(watch.done)))
            return
        finally:
            watch.stop()
            tab.set_verifying(False)
        if result.broken is None:
            tab.set_verify(self.tr("哈希链完好：{k} 条积分记录逐条校验通过，没有被改动、删除或调换。").format(
                k=n(result.entries)))
            return
        why = result.broken.why_en if english() else result.broken.why
        tab.set_verify(self.tr("哈希链在第 {seq} 条记录处断开：{why} 这说明账本在本应用之外被改动过。"
                               "请从「备份与恢复」恢复一份之前的备份，或联系技术支持。").format(
            seq=n(result.broken.seq), why=why))

    async def _ask(self, text: str) -> bool:
        return await ask(self.dialog or self.page, self.tr("积分"), text, self.tr("确定"))
