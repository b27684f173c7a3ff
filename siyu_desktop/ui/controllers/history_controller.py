"""Owns the awaits of the history screen (操作记录): the list by kind, whether the selected
operation can still be undone (and why not), and its undo with progress and cancel."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from ...errors import Cancelled
from ...services.types import Changes
from ...services.workspace import WorkspaceService
from .. import labels
from ..feedback import Feedback
from ..pages.history_page import HistoryPage
from ..tasks import TaskRunner
from .undo import UndoProgress

LIMIT = 500


class HistoryController(QObject):
    def __init__(self, service: WorkspaceService, tasks: TaskRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = tasks
        self.feedback = feedback
        self.page = HistoryPage(parent)
        self.page.kind_changed.connect(lambda _k: self.reload())
        self.page.current_changed.connect(self._check)
        self.page.undo_requested.connect(self.undo)
        self.confirm = self._ask  # replaced in tests

    def start(self) -> asyncio.Task[None]:
        return self.reload()

    def reload(self) -> asyncio.Task[None]:
        return self.tasks.run(self._load(), name="history.load")

    async def _load(self) -> None:
        current = self.page.current_batch()
        batches = await self.service.recent_batches(LIMIT, self.page.current_kind())
        self.page.set_batches(batches, current.id if current is not None else None)

    def workspace_changed(self, _changes: Changes) -> None:
        self.reload()  # every write is an operation, or changes whether one can be undone

    def _check(self, batch_id: int) -> None:
        if batch_id < 0:
            self.page.set_detail(self.tr("选择一条操作，查看能否撤销。"), can_undo=False)
            return
        self.page.set_detail(self.tr("正在检查能否撤销…"), can_undo=False)
        self.tasks.run(self._check_one(batch_id), name="history.check")

    async def _check_one(self, batch_id: int) -> None:
        blocker = await self.service.undo_blocker(batch_id)
        batch = self.page.current_batch()
        if batch is None or batch.id != batch_id:
            return  # the selection moved on
        if blocker is None:
            self.page.set_detail(self.tr("#{id} 可以撤销：涉及 {n} 行，撤销后恢复为操作之前的样子。").format(
                id=batch_id, n=f"{batch.changes:,}"), can_undo=True)
        else:
            self.page.set_detail(self.tr("#{id} 不能撤销：{why}").format(
                id=batch_id, why=self.feedback.describe(blocker, " ")), can_undo=False)

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self.page, self.tr("撤销操作"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def undo(self, batch_id: int) -> asyncio.Task[None] | None:
        batch = self.page.current_batch()
        summary = (labels.summary_text(batch.summary) if batch is not None and batch.id == batch_id
                   else f"#{batch_id}")
        if not self.confirm(self.tr("撤销「{what}」？涉及企业微信标签的改动会再同步到企业微信。").format(
                what=summary)):
            return None
        progress = UndoProgress(self.page, summary)

        async def run() -> None:
            try:
                restored = await progress.run(self.service, batch_id)
            except Cancelled:
                self.feedback.info(self.tr("已取消撤销，什么都没有改变。"))
                return
            self.feedback.info(self.tr("已撤销：{what}（恢复 {n} 项）").format(
                what=summary, n=f"{restored:,}"))
            await self._load()
        return self.tasks.run_write(run())
