"""Owns the awaits of the roster screen: evaluate the filter, feed the id list, tag in bulk, undo,
and the member detail panel's edits (profile fields; remarks, which go out through the outbox)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMessageBox, QProgressDialog, QWidget

from ...domain.channels import ChannelList
from ...domain.segments import Segment
from ...errors import Cancelled, UserError
from ...services.outbox import OutboxService
from ...services.types import Changes
from ...services.workspace import WorkspaceService
from .. import labels
from ..dialogs.channels_dialog import ChannelsDialog
from ..dialogs.tag_picker import TagPickerDialog
from ..feedback import Feedback
from ..models.roster_model import RosterModel
from ..pages.roster_page import RosterPage
from ..tasks import TaskRunner
from ..widgets.ask import answer_of, ask
from .undo import UndoProgress

SEARCH_DEBOUNCE = 0.18
CHANGE_COALESCE = 0.4


@dataclass
class UndoState:
    batch_id: int
    summary: str


class RosterController(QObject):
    def __init__(self, service: WorkspaceService, outbox: OutboxService, tasks: TaskRunner,
                 feedback: Feedback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.outbox = outbox
        self.tasks = tasks
        self.feedback = feedback
        self.model = RosterModel(service.rows_now)
        self.page = RosterPage(self.model, parent)
        self._segment = Segment()
        self._search = ""
        self._sort: tuple[str, bool] = ("id", False)
        self._total = 0
        self._shown = 0
        self._undo: list[UndoState] = []
        self.confirm = self._ask  # replaced in tests
        self.undo_dialog: QProgressDialog | None = None
        self._tag_names: dict[int, str] = {}
        self._current_segment_id: int | None = None
        self._current_segment_definition: Segment | None = None  # what that saved one filters
        self._dialog: QWidget | None = None
        self.channels_dialog: ChannelsDialog | None = None

        p = self.page
        p.segment_bar.changed.connect(self._on_segment_changed)
        p.segment_bar.pick_tags_requested.connect(self._pick_filter_tags)
        p.segment_bar.edit_channels_requested.connect(self.edit_channels)
        p.search_changed.connect(self._on_search)
        self.model.sort_requested.connect(self._on_sort)
        p.current_member_changed.connect(self._show_member)
        p.detail.save_requested.connect(self.save_member)
        p.detail.remark_requested.connect(self.save_remark)
        p.add_tag_requested.connect(lambda: self._bulk_tag(add=True))
        p.remove_tag_requested.connect(lambda: self._bulk_tag(add=False))
        p.undo_requested.connect(self.undo)
        p.facet_activated.connect(p.segment_bar.add_tag)
        p.save_segment_requested.connect(self._ask_segment_name)
        p.saved_segment_chosen.connect(self._load_saved)
        p.delete_segment_requested.connect(self._delete_saved)

    # -- loading -------------------------------------------------------------------------------
    def start(self) -> asyncio.Task[None]:
        return self.tasks.run(self._load_choices(), name="roster.choices")

    async def _load_choices(self) -> None:
        s = self.service
        tags, staff, channels, kinds, saved = await asyncio.gather(
            s.tags(), s.staff(), s.channel_overview(), s.group_kinds(), s.saved_segments())
        self._tag_names = {t.id: t.name for t in tags}
        names = {u.channel.code: u.channel.name for u in channels}
        self.model.set_channel_names(names)
        self.page.detail.set_channel_names(names)
        bar = self.page.segment_bar
        bar.set_tag_names(self._tag_names)
        bar.set_choices(
            levels=[(level, labels.level_name(level)) for level in range(4)],
            channels=[(u.channel.code, f"{u.channel.name}（{u.members:,}）")
                      for u in channels if u.members],
            staff=[(st.id, st.name) for st in staff],
            group_kinds=[(k, f"{labels.group_kind_name(k)}（{n}）") for k, n in kinds],
        )
        self.page.set_saved_segments([(i, n) for i, n, _ in saved], self._current_segment_id)
        await self._refresh()

    def refresh(self) -> asyncio.Task[None]:
        return self.tasks.run(self._refresh(), name="roster.refresh")

    async def _refresh(self, keep_position: bool = False) -> None:
        segment, search, (key, desc) = self._segment, self._search, self._sort

        def compute() -> tuple[np.ndarray, int, dict[int, int]]:
            result = self.service.evaluate_now(segment, search)
            ids = self.service.ordered_now(result, key, desc)
            filtered = not segment.is_empty() or bool(search.strip())
            facets = self.service.facets_now(result if filtered else None)
            return ids, self.service.member_count_now(), facets

        ids, total, facets = await asyncio.to_thread(compute)
        self._total, self._shown = total, len(ids)
        if keep_position and len(ids) == len(self.model.ids) and np.array_equal(ids, self.model.ids):
            self.model.refresh_rows()
        else:
            self.model.set_ids(ids)
        self.page.set_count(len(ids), total)
        self.page.set_facets(sorted(
            ((t, self._tag_names.get(t, str(t)), n) for t, n in facets.items() if n),
            key=lambda r: -r[2]))

    # -- filter, search, sort ------------------------------------------------------------------
    def _on_segment_changed(self, segment: Segment) -> None:
        self._segment = segment
        if self._current_segment_id is not None and segment != self._current_segment_definition:
            # cleared or edited: the filter is no longer the saved segment the box names
            self._current_segment_id = None
            self._current_segment_definition = None
            self.page.set_current_saved(None)
        self.refresh()

    def _on_search(self, text: str) -> None:
        self._search = text

        async def debounced() -> None:
            await asyncio.sleep(SEARCH_DEBOUNCE)
            await self._refresh()
        self.tasks.run(debounced(), name="roster.refresh")

    def _on_sort(self, key: str, descending: bool) -> None:
        self._sort = (key, descending)
        self.page.table.horizontalHeader().setSortIndicatorShown(True)
        self.refresh()

    def filter_group(self, group_id: int, name: str) -> None:
        """Show one group's members (asked for from the groups screen)."""
        self.page.segment_bar.set_groups([group_id], name)

    def _pick_filter_tags(self, field: str) -> None:
        self.tasks.run(self._open_filter_picker(field), name="roster.picker")

    async def _open_filter_picker(self, field: str) -> None:
        groups, tags = await asyncio.gather(self.service.tag_groups(), self.service.tags())
        titles = {"all_tags": self.tr("包含全部这些标签"), "any_tags": self.tr("包含任一标签"),
                  "none_tags": self.tr("排除这些标签")}
        dialog = TagPickerDialog(titles[field], groups, tags, getattr(self._segment, field),
                                 multi=True, parent=self.page)
        dialog.accepted.connect(lambda: self.page.segment_bar.set_tags(field, dialog.chosen()))
        self._open_dialog(dialog)

    def export_target(self) -> tuple[Segment | list[int], str]:
        """What an export takes: the selection, else the filter (a search narrows to its ids)."""
        if self.page.selected_rows():
            return self.target_ids(), self.tr("选中的客户.xlsx")
        if self._search.strip():
            return [int(i) for i in self.model.ids], self.tr("搜索结果.xlsx")
        return self._segment, self.tr("客户名单.xlsx")

    # -- member detail -------------------------------------------------------------------------
    def _show_member(self, member_id: int) -> None:
        async def load() -> None:
            self.page.detail.set_detail(await self.service.member_detail(member_id))
        self.tasks.run(load(), name="roster.detail")

    def save_member(self, member_id: int, values: dict[str, object]) -> asyncio.Task[None]:
        async def run() -> None:
            changed, batch = await self.service.edit_member(member_id, values)
            if not changed:
                self.feedback.info(self.tr("没有修改。"))
                return
            self._undo.append(UndoState(batch, self.tr("修改客户资料")))
            self.page.set_undo(self._undo[-1].summary)
            self.feedback.info(self.tr("已保存（可按 Ctrl+Z 撤销）"))
            self.page.detail.set_detail(await self.service.member_detail(member_id))
            await self._refresh(keep_position=True)
        return self.tasks.run_write(run())

    def save_remark(self, member_id: int, staff_id: int, remark: str) -> asyncio.Task[None]:
        async def run() -> None:
            if not await self.outbox.edit_remark(member_id, staff_id, remark):
                self.feedback.info(self.tr("备注没有变化。"))
                return
            self.feedback.info(self.tr("备注已保存，待同步到企业微信。"))
            detail = await self.service.member_detail(member_id)
            if self.page.detail.member_id == member_id:
                self.page.detail.set_detail(detail, keep_edits=True)  # an unsaved note stays
            await self._refresh(keep_position=True)
        return self.tasks.run_write(run())

    def _reload_member(self) -> None:
        """The shown member may have changed underneath (a sync, a push): show it again,
        leaving what the operator is typing alone."""
        async def run() -> None:
            await asyncio.sleep(CHANGE_COALESCE)
            member_id = self.page.detail.member_id
            if member_id is not None:
                detail = await self.service.member_detail(member_id)
                if self.page.detail.member_id == member_id:
                    self.page.detail.set_detail(detail, keep_edits=True)
        self.tasks.run(run(), name="roster.detail_refresh")

    # -- bulk tagging --------------------------------------------------------------------------
    def target_ids(self) -> list[int]:
        ranges = self.page.selected_rows()
        ids = self.model.ids
        if not ranges:
            return [int(i) for i in ids]
        return [int(i) for top, bottom in ranges for i in ids[top:bottom + 1]]

    def _bulk_tag(self, add: bool) -> None:
        self.tasks.run(self._open_bulk_picker(add), name="roster.picker")

    async def _open_bulk_picker(self, add: bool) -> None:
        groups, tags = await asyncio.gather(self.service.tag_groups(), self.service.tags())
        selected = self.page.selected_count()
        who = (self.tr("选中的 {n} 位客户").format(n=f"{selected:,}") if selected
               else self.tr("筛选出的全部 {n} 位客户").format(n=f"{self._shown:,}"))
        title = self.tr("添加标签") if add else self.tr("移除标签")
        prompt = (self.tr("给{who}添加标签：") if add else self.tr("从{who}移除标签：")).format(who=who)
        dialog = TagPickerDialog(title, groups, tags, multi=False, prompt=prompt, parent=self.page)

        def accepted() -> None:
            chosen = dialog.chosen()
            if chosen:
                self.tasks.run(self.confirm_and_apply(chosen[0], add), name="roster.confirm")
        dialog.accepted.connect(accepted)
        self._open_dialog(dialog)

    async def confirm_and_apply(self, tag_id: int, add: bool) -> None:
        """A change bound for WeCom says how many calls it queues before it runs; a local tag
        (nothing to send) is applied at once."""
        targets = self.target_ids()
        members, pushes = await self.service.preview_tag_change(tag_id, targets, add)
        if pushes:
            tag = self._tag_names.get(tag_id, "")
            text = (self.tr("给 {n} 位客户打上“{tag}”") if add else
                    self.tr("从 {n} 位客户移除“{tag}”")).format(n=f"{members:,}", tag=tag)
            text += self.tr("，并同步到企业微信：将向企业微信发送 {pushes} 次修改（每位客户的每个跟进员工各一次），"
                            "在下次同步或“立即发送”时发出。继续吗？").format(pushes=f"{pushes:,}")
            if not await answer_of(self.confirm, text):
                return
        self.apply_tag(tag_id, add, targets)

    async def _ask(self, text: str) -> bool:
        # awaited, not exec(): a sync running meanwhile keeps going while the operator reads
        return await ask(self.page, self.tr("确认批量修改标签"), text, self.tr("确定"),
                         self.tr("取消"))

    def apply_tag(self, tag_id: int, add: bool, ids: list[int] | None = None) -> asyncio.Task[None]:
        targets = ids if ids is not None else self.target_ids()
        # a write: a second tag clicked right after must not cancel this one
        return self.tasks.run_write(self._apply_tag(tag_id, add, targets))

    async def _apply_tag(self, tag_id: int, add: bool, ids: list[int]) -> None:
        if add:
            changed, batch = await self.service.add_tag(tag_id, ids)
            text = self.tr("已给 {n} 位客户打上“{tag}”").format(
                n=f"{changed:,}", tag=self._tag_names.get(tag_id, ""))
        else:
            changed, batch = await self.service.remove_tag(tag_id, ids)
            text = self.tr("已从 {n} 位客户移除“{tag}”").format(
                n=f"{changed:,}", tag=self._tag_names.get(tag_id, ""))
        if changed:
            self._undo.append(UndoState(batch, text))
        self.page.set_undo(self._undo[-1].summary if self._undo else None)
        self.feedback.info(text + ("" if not changed else self.tr("（可按 Ctrl+Z 撤销）")))
        await self._refresh(keep_position=True)

    def remember_import(self, outcome: object) -> None:
        """An import from this screen can be undone with the same button (its audit batch)."""
        batch_id = getattr(outcome, "batch_id", None)
        if batch_id:
            self._undo.append(UndoState(int(batch_id), self.tr("导入：新增 {new}，更新 {updated}").format(
                new=f"{getattr(outcome, 'inserted', 0):,}", updated=f"{getattr(outcome, 'updated', 0):,}")))
            self.page.set_undo(self._undo[-1].summary)

    def undo(self) -> asyncio.Task[None] | None:
        if not self._undo:
            return None
        state = self._undo.pop()
        progress = UndoProgress(self.page, state.summary)
        self.undo_dialog = progress.dialog

        async def run() -> None:
            # a cancel rolls the undo back whole and the operation stays on the undo stack
            try:
                restored = await progress.run(self.service, state.batch_id)
            except Cancelled:
                self._undo.append(state)
                self.feedback.info(self.tr("已取消撤销，什么都没有改变。"))
                return
            except BaseException:
                self._undo.append(state)
                raise
            finally:
                self.undo_dialog = None
                self.page.set_undo(self._undo[-1].summary if self._undo else None)
            self.feedback.info(self.tr("已撤销：{what}（恢复 {n} 项）").format(
                what=state.summary, n=f"{restored:,}"))
            await self._refresh(keep_position=True)
        return self.tasks.run_write(run())

    # -- the channel list (渠道) ----------------------------------------------------------------
    def edit_channels(self) -> asyncio.Task[None]:
        return self.tasks.run(self._open_channels(), name="roster.channels")

    async def _open_channels(self) -> None:
        dialog = ChannelsDialog(self.page)
        dialog.set_channels(await self.service.channel_overview())
        dialog.save_requested.connect(
            lambda edited: self.tasks.run_write(self._save_channels(dialog, edited)))
        dialog.merge_requested.connect(
            lambda source, target: self.tasks.run_write(self._merge_channels(dialog, source, target)))
        self.channels_dialog = dialog
        dialog.finished.connect(lambda *_: setattr(self, "channels_dialog", None))
        self._open_dialog(dialog)

    async def _save_channels(self, dialog: ChannelsDialog, edited: ChannelList) -> None:
        try:
            changed, batch = await self.service.save_channels(edited)
        except UserError as exc:
            dialog.show_user_error(exc)
            return
        if changed:
            self._undo.append(UndoState(batch, self.tr("修改渠道列表")))
            self.page.set_undo(self._undo[-1].summary)
        status = self.tr("已保存（可按 Ctrl+Z 撤销）") if changed else self.tr("没有修改。")
        dialog.set_channels(await self.service.channel_overview(), status)
        await self._load_choices()

    async def _merge_channels(self, dialog: ChannelsDialog, source: str, target: str) -> None:
        try:
            moved, batch = await self.service.merge_channels(source, target)
        except UserError as exc:
            dialog.show_user_error(exc)
            return
        text = self.tr("已合并渠道，{n} 位客户移到了新渠道").format(n=f"{moved:,}")
        self._undo.append(UndoState(batch, self.tr("合并渠道")))
        self.page.set_undo(self._undo[-1].summary)
        self.feedback.info(text + self.tr("（可按 Ctrl+Z 撤销）"))
        dialog.set_channels(await self.service.channel_overview(), text)
        dialog.select_code(target)
        await self._load_choices()

    # -- saved segments ------------------------------------------------------------------------
    def _ask_segment_name(self) -> None:
        dialog = QInputDialog(self.page)
        dialog.setWindowTitle(self.tr("保存人群包"))
        dialog.setLabelText(self.tr("给当前筛选起个名字（{n} 位客户）：").format(n=f"{self._shown:,}"))
        dialog.textValueSelected.connect(lambda name: self.tasks.run_write(self._save_segment(name)))
        self._open_dialog(dialog)

    async def _save_segment(self, name: str) -> None:
        self._current_segment_id = await self.service.save_segment(name, self._segment)
        self._current_segment_definition = self._segment
        saved = await self.service.saved_segments()
        self.page.set_saved_segments([(i, n) for i, n, _ in saved], self._current_segment_id)
        self.feedback.info(self.tr("已保存人群包“{name}”").format(name=name))

    def _load_saved(self, segment_id: int) -> None:
        async def run() -> None:
            for i, _name, segment in await self.service.saved_segments():
                if i == segment_id:
                    self._current_segment_id = segment_id
                    self._current_segment_definition = segment
                    self.page.segment_bar.set_segment(segment)
        self.tasks.run(run(), name="roster.saved")

    def _delete_saved(self, segment_id: int) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("删除人群包"),
                          self.tr("删除这个人群包？客户和标签不受影响。"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.page)

        def done(result: int) -> None:
            if result == QMessageBox.StandardButton.Yes:
                async def run() -> None:
                    await self.service.delete_segment(segment_id)
                    self._current_segment_id = None
                    self._current_segment_definition = None
                    saved = await self.service.saved_segments()
                    self.page.set_saved_segments([(i, n) for i, n, _ in saved])
                self.tasks.run_write(run())
        box.finished.connect(done)
        self._open_dialog(box)

    # -- changes made elsewhere ----------------------------------------------------------------
    def workspace_changed(self, changes: Changes) -> None:
        shown = self.page.detail.member_id
        if shown is not None and (changes.outbox_changed or changes.follows_changed
                                  or shown in changes.members or changes.full_rebuild):
            self._reload_member()
        if changes.library_changed or changes.full_rebuild or changes.channels_changed:
            self.tasks.run(self._load_choices(), name="roster.choices")
        elif changes.touches_members:
            # a sync or an import commits page after page: one refresh for a burst of them
            async def coalesced() -> None:
                await asyncio.sleep(CHANGE_COALESCE)
                await self._refresh(keep_position=True)
            self.tasks.run(coalesced(), name="roster.refresh")

    def _open_dialog(self, dialog: QWidget) -> None:
        # open(), never exec(), inside the asyncio loop (qasync)
        self._dialog = dialog
        dialog.finished.connect(lambda *_: dialog.deleteLater())  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]
