"""Owns the awaits of the 规则 tab (hosted by the 积分 page): load the rules, add and edit one,
preview it, switch it on (always from its preview) or off, and pay today's rule points.

Build it with ``RulesController(PointsRulesService(workspace), tasks, feedback, parent)``, put
``tab`` where it belongs, call ``start()`` once and pass the workspace's changes to
``workspace_changed``. A new or changed rule is saved only from its preview: the operator sees
who would have got what over the last 30 days (the days can be changed), the total and who a cap
cut, and then chooses 保存并启用 or 保存，先不启用. ``add_rule``, ``edit_rule``, ``set_enabled``
and ``run_today(confirmed=True)`` write directly (tests, and the dialogs once confirmed).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ...domain.points_rules import Rule
from ...services.points_rules import PREVIEW_DAYS, PointsRulesService, RunPlan
from ...services.types import Changes
from ..dialogs.rule_dialog import PreviewDialog, RuleDialog
from ..feedback import Feedback
from ..pages.points_rules_tab import PointsRulesTab
from ..tasks import TaskRunner

Task = asyncio.Task[None]


class RulesController(QObject):
    def __init__(self, service: PointsRulesService, tasks: TaskRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = tasks
        self.feedback = feedback
        self.tab = PointsRulesTab(parent)
        self.dialog: QDialog | QMessageBox | None = None  # the last one opened; tests use it
        self._rules: dict[str, Rule] = {}
        t = self.tab
        t.add_requested.connect(self._ask_new)
        t.edit_requested.connect(self._ask_edit)
        t.preview_requested.connect(self._ask_preview)
        t.toggle_requested.connect(self._toggle)
        t.run_requested.connect(lambda: self.run_today())

    # -- loading -------------------------------------------------------------------------------
    def start(self) -> Task:
        return self.tasks.run(self._load(), name="rules.load")

    async def _load(self) -> None:
        tz = await asyncio.to_thread(lambda: self.service.tz)
        rules = await self.service.rules()
        self._rules = {s.rule.id: s.rule for s in rules}
        self.tab.set_rules(rules, tz)

    # -- writes ----------------------------------------------------------------------------------
    def add_rule(self, rule: Rule, enabled: bool) -> Task:
        async def run() -> None:
            done, _batch = await self.service.add(replace(rule, enabled=enabled))
            text = (self.tr("已新增并启用规则“{name}”") if enabled
                    else self.tr("已新增规则“{name}”（未启用）"))
            self.feedback.info(text.format(name=done.name))
            await self._load()
            self.tab.select(done.id)
        return self._write(run())

    def edit_rule(self, rule: Rule, enabled: bool) -> Task:
        async def run() -> None:
            done, _batch = await self.service.edit(replace(rule, enabled=enabled))
            text = (self.tr("已保存规则“{name}”，已启用") if enabled
                    else self.tr("已保存规则“{name}”，已停用"))
            self.feedback.info(text.format(name=done.name))
            await self._load()
            self.tab.select(done.id)
        return self._write(run())

    def set_enabled(self, rule_id: str, enabled: bool) -> Task:
        async def run() -> None:
            done, _batch = await self.service.set_enabled(rule_id, enabled)
            text = self.tr("规则“{name}”已启用") if enabled else self.tr("规则“{name}”已停用")
            self.feedback.info(text.format(name=done.name))
            await self._load()
            self.tab.select(done.id)
        return self._write(run())

    # -- asking --------------------------------------------------------------------------------
    def _open(self, dialog: QDialog | QMessageBox) -> None:
        # open(), never exec(), inside the asyncio loop (qasync)
        self.dialog = dialog
        dialog.finished.connect(lambda *_: dialog.deleteLater())
        dialog.open()

    def _ask_rule(self, rule: Rule | None) -> None:
        dialog = RuleDialog(rule, self.tab)

        def next_step() -> None:
            changed = dialog.rule()  # accept() checked it
            if rule is None:
                self.confirm(changed, self.tr("保存并启用"), self.tr("保存，先不启用"),
                             lambda on: self.add_rule(changed, on))
            else:
                self.confirm(changed, self.tr("保存并启用"), self.tr("保存，先停用"),
                             lambda on: self.edit_rule(changed, on))
        dialog.accepted.connect(next_step)
        self._open(dialog)

    def _ask_new(self) -> None:
        self._ask_rule(None)

    def _ask_edit(self, rule_id: str) -> None:
        if rule_id in self._rules:
            self._ask_rule(self._rules[rule_id])

    def _ask_preview(self, rule_id: str) -> None:
        rule = self._rules.get(rule_id)
        if rule is None:
            return
        if rule.enabled:
            self.confirm(rule, self.tr("关闭"), "", lambda _on: None)
        else:
            self.confirm(rule, self.tr("启用"), "", lambda _on: self.set_enabled(rule.id, True))

    def _toggle(self, rule_id: str, enabled: bool) -> None:
        rule = self._rules.get(rule_id)
        if rule is None:
            return
        if enabled:  # switching on goes through the preview
            self.confirm(rule, self.tr("启用"), "", lambda _on: self.set_enabled(rule.id, True))
        else:
            self.set_enabled(rule_id, False)

    def confirm(self, rule: Rule, primary: str, secondary: str,
                then: Callable[[bool], object], days: int = PREVIEW_DAYS) -> PreviewDialog:
        """Show ``rule``'s preview; ``then(True)`` on the primary action, ``then(False)`` on
        the secondary one."""
        dialog = PreviewDialog(rule, primary, secondary, days, self.tab)
        dialog.accepted.connect(lambda: then(True))
        dialog.secondary_chosen.connect(lambda: then(False))
        dialog.days_changed.connect(lambda n: self.preview(dialog, n))
        self._open(dialog)
        self.preview(dialog, days)
        return dialog

    def preview(self, dialog: PreviewDialog, days: int) -> Task:
        async def run() -> None:
            report = await self.service.preview(dialog.rule, days)
            dialog.set_report(report)
        return self.tasks.run(run(), name="rules.preview", on_error=self._preview_failed)

    def _preview_failed(self, exc: BaseException) -> None:
        self.feedback.error(exc)

    # -- paying today's points -------------------------------------------------------------------
    def plan_text(self, plan: RunPlan) -> str:
        lines = [self.tr("{name}：{n} 笔，{points} 分（已发过 {paid}）").format(
            name=r.rule.name, n=len(r.awards), points=f"{r.total:,}", paid=r.paid_before)
            for r in plan.rules]
        head = self.tr("{day}：按启用的规则给 {members} 位客户发放 {total} 分。").format(
            day=plan.day, members=f"{plan.members:,}", total=f"{plan.total:,}")
        return "\n".join([head, *lines])

    def run_today(self, confirmed: bool = False) -> Task:
        async def run() -> None:
            if not confirmed:
                plan = await self.service.plan_run()
                if not plan.awards:
                    self.feedback.info(self.tr("今天按规则该发的积分都已发过，没有新的要发。"))
                    return
                box = QMessageBox(QMessageBox.Icon.Question, self.tr("发放今天的规则积分"),
                                  self.plan_text(plan), QMessageBox.StandardButton.NoButton,
                                  self.tab)
                go = box.addButton(self.tr("发放"), QMessageBox.ButtonRole.AcceptRole)
                box.addButton(self.tr("返回"), QMessageBox.ButtonRole.RejectRole)

                def decided(*_: object) -> None:
                    if box.clickedButton() is go:
                        self.run_today(confirmed=True)
                box.finished.connect(decided)
                self._open(box)
                return
            done, batch = await self.service.run()
            if batch is None:
                self.feedback.info(self.tr("没有新的积分要发。"))
            else:
                self.feedback.info(self.tr("已按规则给 {members} 位客户发放 {total} 分（可在操作记录"
                                           "中撤销）").format(members=f"{done.members:,}",
                                                        total=f"{done.total:,}"))
        return self._write(run())

    # -- plumbing ------------------------------------------------------------------------------
    def _write(self, work: Coroutine[Any, Any, None]) -> Task:
        return self.tasks.run_write(work, initiator=self, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.feedback.error(exc)
        self.start()  # show what the store really holds

    def workspace_changed(self, changes: Changes) -> None:
        if changes.initiator is self:
            return  # this controller reloads after its own writes
        self.start()  # a handful of rules: an undo in 操作记录 or the CLI may have changed them
