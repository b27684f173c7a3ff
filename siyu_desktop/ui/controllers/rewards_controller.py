"""Owns the awaits of the rewards tabs (奖品目录 and 兑换记录, hosted by the 积分 page): load the
catalog and the redemptions, add and edit items, import a coupon's codes, redeem for a member,
issue and cancel.

Build it with ``RewardsController(RewardsService(workspace), tasks, feedback, parent)``, put
``catalog_tab`` and ``redemptions_tab`` where they belong, call ``start()`` once and pass the
workspace's changes to ``workspace_changed``. Every write method can be called directly (tests,
and the dialogs once accepted); ``issue`` and ``cancel`` ask first unless ``confirmed=True``,
since both are final (a redemption's write cannot be undone: cancelling is how one is taken
back, and it gives the points back by a reversal).
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from ...domain import rewards as R
from ...errors import ValidationError
from ...services.rewards import RewardsService
from ...services.types import Changes
from ..dialogs.reward_dialogs import DecisionDialog, ItemDialog
from ..feedback import Feedback
from ..pages.rewards_tabs import CatalogTab, RedemptionsTab
from ..tasks import TaskRunner

Task = asyncio.Task[None]
LIST_LIMIT = 2000


class RewardsController(QObject):
    def __init__(self, service: RewardsService, tasks: TaskRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = tasks
        self.feedback = feedback
        self.catalog_tab = CatalogTab(parent)
        self.redemptions_tab = RedemptionsTab(parent)
        self.dialog: QDialog | None = None  # the last dialog opened; tests accept it
        self._items: dict[int, R.Item] = {}
        self._rows: dict[int, R.Redemption] = {}
        self._redeem_key = secrets.token_hex(8)  # two quick clicks are one redemption
        self._tz = ZoneInfo("Asia/Shanghai")  # the workspace's, once loaded

        c, r = self.catalog_tab, self.redemptions_tab
        c.add_requested.connect(self._ask_new_item)
        c.edit_requested.connect(self._ask_edit_item)
        c.import_codes_requested.connect(self._ask_codes_file)
        c.shelf_requested.connect(self.set_active)
        r.status_changed.connect(lambda _s: self.reload_redemptions())
        r.member_changed.connect(self.lookup_member)
        r.redeem_requested.connect(self.redeem)
        r.issue_requested.connect(self.issue)
        r.cancel_requested.connect(self.cancel)

    # -- loading -------------------------------------------------------------------------------
    def start(self) -> Task:
        return self.tasks.run(self._load(), name="rewards.load")

    async def _load(self) -> None:
        tz = self._tz = await asyncio.to_thread(lambda: self.service.tz)
        items = await self.service.items()
        self._items = {i.id: i for i in items}
        self.catalog_tab.set_items(items, tz)
        self.redemptions_tab.set_items([i for i in items if i.active])
        await self._load_redemptions(tz)

    async def _load_redemptions(self, tz: ZoneInfo | None = None) -> None:
        status = self.redemptions_tab.current_status() or None
        rows, counts = await asyncio.gather(self.service.redemptions(status, limit=LIST_LIMIT),
                                            self.service.counts())
        self._rows = {x.id: x for x in rows}
        self.redemptions_tab.set_redemptions(rows, counts.pending, counts.issued,
                                             counts.cancelled, tz)

    def reload_redemptions(self) -> Task:
        return self.tasks.run(self._load_redemptions(), name="rewards.redemptions")

    def lookup_member(self, member_id: int) -> Task | None:
        """Say who the typed member id is and how many points they can spend."""
        tab = self.redemptions_tab
        if member_id <= 0:
            tab.set_member_info("")
            self.tasks.cancel("rewards.member")
            return None

        async def run() -> None:
            try:
                who = await self.service.member_points(member_id)
            except ValidationError:
                tab.set_member_info(self.tr("没有这位客户"))
                return
            tab.set_member_info(self.tr("{name} · 可用 {spendable} 积分").format(
                name=who.name or member_id, spendable=f"{who.spendable:,}"))
        return self.tasks.run(run(), name="rewards.member")

    # -- the catalog ---------------------------------------------------------------------------
    def add_item(self, item: R.Item) -> Task:
        async def run() -> None:
            it, _batch = await self.service.add_item(item)
            self.feedback.info(self.tr("已新增奖品“{name}”").format(name=it.name))
            await self._load()
            self.catalog_tab.select(it.id)
        return self._write(run())

    def edit_item(self, item: R.Item) -> Task:
        async def run() -> None:
            it, _batch = await self.service.edit_item(item)
            self.feedback.info(self.tr("已保存奖品“{name}”").format(name=it.name))
            await self._load()
        return self._write(run())

    def set_active(self, item_id: int, active: bool) -> Task:
        async def run() -> None:
            it, _batch = await self.service.set_active(item_id, active)
            text = self.tr("“{name}”已上架") if active else self.tr("“{name}”已下架，不能再兑换")
            self.feedback.info(text.format(name=it.name))
            await self._load()
        return self._write(run())

    def import_codes(self, item_id: int, path: Path) -> Task:
        async def run() -> None:
            done, _batch = await self.service.import_codes(item_id, Path(path))
            f = done.found
            name = self._items[item_id].name if item_id in self._items else str(item_id)
            text = self.tr("“{name}”新增 {added} 个券码（重复 {repeated}，已有 {existing}，空白 "
                           "{blank}，无效 {refused}）").format(
                name=name, added=f"{done.added:,}", repeated=len(f.repeated),
                existing=len(f.existing), blank=f.blank, refused=len(f.refused))
            await self._load()
            if done.added:
                self.feedback.info(text)
            else:
                self.feedback.user_error(ValidationError(
                    text, self.tr("文件里没有新的券码：请检查选的文件，券码放在第一列或“券码”列。")))
        return self._write(run())

    # -- redemptions ---------------------------------------------------------------------------
    def redeem(self, item_id: int, member_id: int) -> Task:
        key = self._redeem_key

        async def run() -> None:
            try:
                r = await self.service.redeem(item_id, member_id, request_key=key)
            finally:
                if self._redeem_key == key:
                    self._redeem_key = secrets.token_hex(8)
            self.feedback.info(self.tr("已为 {member} 兑换“{item}”，扣 {points} 积分，等待发放"
                                       "（#{id}）").format(member=r.member_name or member_id,
                                                         item=r.item_name,
                                                         points=f"{r.points:,}", id=r.id))
            await self._load()
            self.redemptions_tab.select(r.id)
            self.lookup_member(member_id)
        return self._write(run())

    def _who(self, r: R.Redemption) -> str:
        return f"{r.member_name}（{r.member_id}）" if r.member_name else str(r.member_id)

    def issue_text(self, r: R.Redemption) -> str:
        text = self.tr("把兑换 #{id} 的“{item}”发给 {member}。").format(
            id=r.id, item=r.item_name, member=self._who(r))
        if r.item_kind is R.ItemKind.COUPON:
            text += self.tr("会分配一个券码，请把它发给客户。")
        return text + self.tr("发放后不能再取消。")

    def cancel_text(self, r: R.Redemption) -> str:
        return self.tr("取消兑换 #{id}（{member} 的“{item}”）：{points} 积分会原路退回到原来的积分批次，"
                       "库存加回 1。取消后不能恢复。").format(
            id=r.id, member=self._who(r), item=r.item_name, points=f"{r.points:,}")

    def issue(self, redemption_id: int, note: str = "", confirmed: bool = False) -> Task | None:
        r = self._rows.get(redemption_id)
        if not confirmed:
            if r is None:
                return None
            self._decide(self.tr("发放兑换"), self.issue_text(r), self.tr("发放"),
                         self.tr("备注（可不填，如快递单号）"),
                         lambda text: self.issue(redemption_id, text, confirmed=True))
            return None

        async def run() -> None:
            done = await self.service.issue(redemption_id, note)
            if done.code:
                self.feedback.info(self.tr("兑换 #{id} 已发放，券码 {code}").format(
                    id=done.id, code=done.code))
            else:
                self.feedback.info(self.tr("兑换 #{id} 已发放").format(id=done.id))
            await self._load()
            self.redemptions_tab.select(done.id)
        return self._write(run())

    def cancel(self, redemption_id: int, note: str = "", confirmed: bool = False) -> Task | None:
        r = self._rows.get(redemption_id)
        if not confirmed:
            if r is None:
                return None
            self._decide(self.tr("取消兑换"), self.cancel_text(r), self.tr("取消兑换"),
                         self.tr("取消原因（可不填，如：缺货）"),
                         lambda text: self.cancel(redemption_id, text, confirmed=True))
            return None

        async def run() -> None:
            done = await self.service.cancel(redemption_id, note)
            self.feedback.info(self.tr("兑换 #{id} 已取消，{points} 积分已退回").format(
                id=done.id, points=f"{done.points:,}"))
            await self._load()
            self.redemptions_tab.select(done.id)
            self.lookup_member(self.redemptions_tab.member_id())
        return self._write(run())

    # -- plumbing ------------------------------------------------------------------------------
    def _write(self, work: Coroutine[Any, Any, None]) -> Task:
        return self.tasks.run_write(work, initiator=self, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.feedback.error(exc)
        self.start()  # show what the store really holds

    def _open_dialog(self, dialog: QDialog) -> None:
        # open(), never exec(), inside the asyncio loop (qasync)
        self.dialog = dialog
        dialog.finished.connect(lambda *_: dialog.deleteLater())
        dialog.open()

    def _decide(self, title: str, text: str, action: str, note_hint: str,
                on_yes: Callable[[str], object]) -> None:
        dialog = DecisionDialog(title, text, action, note_hint, self.redemptions_tab)
        dialog.accepted.connect(lambda: on_yes(dialog.note_text()))
        self._open_dialog(dialog)

    def _ask_item(self, item: R.Item | None) -> None:
        dialog = ItemDialog(self._tz, item, self.service.now(), self.catalog_tab)

        def save() -> None:
            try:
                it = dialog.item()
            except R.RewardError as exc:  # accept() checked it; a late change is said here
                self.feedback.user_error(ValidationError(exc.message, english=exc.english))
                return
            (self.add_item if item is None else self.edit_item)(it)
        dialog.accepted.connect(save)
        self._open_dialog(dialog)

    def _ask_new_item(self) -> None:
        self._ask_item(None)

    def _ask_edit_item(self, item_id: int) -> None:
        if item_id in self._items:
            self._ask_item(self._items[item_id])

    def _ask_codes_file(self, item_id: int) -> None:
        item = self._items.get(item_id)
        if item is None or item.kind is not R.ItemKind.COUPON:
            return
        dialog = QFileDialog(self.catalog_tab, self.tr("导入“{name}”的券码").format(name=item.name),
                             "", self.tr("表格文件 (*.xlsx *.xls *.ods *.csv)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.import_codes(item_id, Path(path)))
        self._open_dialog(dialog)

    # -- changes made elsewhere ----------------------------------------------------------------
    def workspace_changed(self, changes: Changes) -> None:
        if changes.initiator is self:
            return  # this controller reloads after its own writes
        if changes.rewards_changed or changes.full_rebuild:
            self.start()
        elif changes.members:  # points moved: the typed member's spendable points
            self.lookup_member(self.redemptions_tab.member_id())
