"""Owns the awaits of the 等级 tab (hosted by the 积分 page) and of the level shown on the member
panel: load the policy, members per level and recent changes; preview an edited policy; save it
and recompute; keep levels current as points move.

Build it with ``LevelsController(LevelsService(workspace), tasks, feedback, parent)``, put
``tab`` where it belongs, ``attach_member_panel(panel)`` for the roster's member panel, call
``start()`` once and pass the workspace's changes to ``workspace_changed``.

When levels are recomputed (with a policy saved and on): when the workspace opens (writes made
meanwhile by ``siyu`` or another window, and the rolling 12-month window moving on), right after
a policy is saved, on the tab's 重新定级, and — for just the members a write touched — after
every write of this window that touches members (awards, redemptions, expiry runs, imports,
undo), gathered for a moment first so a burst of writes is one recomputation.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from ...errors import UserError, ValidationError
from ...ops import CancelToken
from ...services import levels as levels_service
from ...services.levels import LevelSettings, LevelsService
from ...services.types import Changes
from ..feedback import Feedback
from ..pages.levels_tab import LevelsTab, PolicyForm
from ..tasks import TaskRunner
from ..widgets.member_detail import MemberDetailPanel

Task = asyncio.Task[None]
FOLLOW_MS = 800  # members touched by writes are gathered this long before their recompute
FULL_FROM = 20_000  # from this many touched members on, everyone is recomputed in one pass


class LevelsController(QObject):
    def __init__(self, service: LevelsService, tasks: TaskRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = tasks
        self.feedback = feedback
        self.tab = LevelsTab(parent)
        self.settings: LevelSettings | None = None
        self.panel: MemberDetailPanel | None = None
        self._touched: set[int] = set()
        self._everyone = False
        self._cancel = CancelToken()
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(FOLLOW_MS)
        self._follow.timeout.connect(self._recompute_touched)
        t = self.tab
        t.form_edited.connect(self.preview)
        t.save_requested.connect(self.save)
        t.revert_requested.connect(self._revert)
        t.recompute_requested.connect(lambda: self.recompute())

    # -- loading -------------------------------------------------------------------------------
    def start(self) -> Task:
        async def run() -> None:
            await self._load()
            if self.settings is not None and self.settings.enabled:
                self.recompute(quiet=True)
        return self.tasks.run(run(), name="levels.start")

    def reload(self) -> Task:
        return self.tasks.run(self._load(keep_edits=True), name="levels.load")

    async def _load(self, keep_edits: bool = False) -> None:
        o = await self.service.overview()
        tz = await asyncio.to_thread(lambda: self.service.tz)
        self.settings = o.settings
        self.tab.set_settings(o.settings, o.spend_available, tz, keep_edits=keep_edits)
        self.tab.set_counts(o.counts)
        self.tab.set_changes(o.recent, o.total_changes)

    # -- the policy ----------------------------------------------------------------------------
    def _policy(self, form: PolicyForm) -> Any:
        return levels_service.make_policy(form.basis, form.thresholds, form.benefits)

    def preview(self, form: PolicyForm) -> Task | None:
        """Show what ``form``'s policy would do; nothing when it is the saved one."""
        if not self.tab.is_dirty():
            self.tab.show_preview(None)
            self.tasks.cancel("levels.preview")
            return None
        try:
            policy = self._policy(form)
        except ValidationError as exc:
            self.tasks.cancel("levels.preview")
            self.tab.show_preview(None, self.feedback.describe(exc))
            return None

        async def run() -> None:
            try:
                done = await self.service.preview(policy)
            except UserError as exc:
                self.tab.show_preview(None, self.feedback.describe(exc))
                return
            if self.tab.form() == form:  # not edited again meanwhile
                self.tab.show_preview(done)
        self.tab.preview_text.setText(self.tr("正在计算修改后的效果…"))
        return self.tasks.run(run(), name="levels.preview")

    def save(self, form: PolicyForm) -> Task | None:
        """Save the policy; when it is on, recompute everyone at once."""
        try:
            policy = self._policy(form)
        except ValidationError as exc:
            self.tab.show_preview(None, self.feedback.describe(exc))
            return None

        async def run() -> None:
            self._cancel.cancel()  # a follow-up recompute under the old policy is moot
            await self.service.set_policy(policy, form.enabled)
            await self._load()
            if not form.enabled:
                self.feedback.info(self.tr("已停用按规则定级：客户保持现有等级"))
                return
            done = await self._recompute()
            self.feedback.info(self.tr("等级规则已保存：{up} 位客户升级，{down} 位降级").format(
                up=f"{done.up:,}", down=f"{done.down:,}"))
        return self._write(run())

    def _revert(self) -> Task:
        return self.tasks.run(self._load(), name="levels.load")  # the saved policy, refilled

    # -- recomputing ---------------------------------------------------------------------------
    async def _recompute(self, member_ids: list[int] | None = None
                         ) -> levels_service.Recomputed:
        self._cancel = cancel = CancelToken()
        self.tab.set_busy(True)
        try:
            done = await self.service.recompute(cancel=cancel, member_ids=member_ids)
        finally:
            self.tab.set_busy(False)
        if done.changed:
            await self._load(keep_edits=True)
        return done

    def recompute(self, quiet: bool = False) -> Task | None:
        """Everyone, now (the tab's button; ``quiet``: on opening, said only when levels
        changed)."""
        async def run() -> None:
            done = await self._recompute()
            if done.changed or not quiet:
                self.feedback.info(self.tr("重新定级：{up} 位客户升级，{down} 位降级").format(
                    up=f"{done.up:,}", down=f"{done.down:,}") if done.changed
                    else self.tr("等级都已是最新，没有变化"))
        return self.tasks.run_exclusive("levels.recompute", run(), initiator=self,
                                        on_error=self._quiet if quiet else self._failed)

    def _quiet(self, exc: BaseException) -> None:
        """An automatic recomputation that could not run (the policy was switched off or
        changed meanwhile) is not the operator's business; a bug still is."""
        if not isinstance(exc, UserError):
            self.feedback.error(exc)
        self.reload()

    def _recompute_touched(self) -> None:
        if self.settings is None or not self.settings.enabled or self.service.closed:
            self._touched.clear()  # nothing to follow (or the workspace went meanwhile)
            return
        try:
            asyncio.get_event_loop()
        except RuntimeError:  # the loop ended before the timer did (shutting down)
            return
        if self.tasks.running("levels.recompute"):
            self._follow.start()  # after the one running
            return
        ids = None if self._everyone or len(self._touched) >= FULL_FROM else sorted(
            self._touched)
        self._touched.clear()
        self._everyone = False

        async def run() -> None:
            await self._recompute(ids)
        self.tasks.run_exclusive("levels.recompute", run(), initiator=self,
                                 on_error=self._quiet)

    # -- the member panel ----------------------------------------------------------------------
    def attach_member_panel(self, panel: MemberDetailPanel) -> None:
        self.panel = panel
        panel.member_shown.connect(self.show_member)

    def show_member(self, member_id: int) -> Task | None:
        panel = self.panel
        if panel is None:
            return None

        async def run() -> None:
            try:
                level = await self.service.member_level(member_id)
            except UserError:
                level = None
            if panel.member_id == member_id:
                panel.set_level(level)
        return self.tasks.run(run(), name="levels.member")

    # -- plumbing ------------------------------------------------------------------------------
    def _write(self, work: Coroutine[Any, Any, None]) -> Task:
        return self.tasks.run_write(work, initiator=self, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.feedback.error(exc)
        self.reload()  # show what the store really holds

    # -- changes made elsewhere ----------------------------------------------------------------
    def workspace_changed(self, changes: Changes) -> None:
        if changes.initiator is self:
            return  # this controller reloads after its own writes
        if changes.full_rebuild or changes.levels_changed:
            self.reload()
            self._everyone = self._everyone or changes.full_rebuild
        if changes.members or changes.full_rebuild:
            self._touched |= changes.members
            self._follow.start()
