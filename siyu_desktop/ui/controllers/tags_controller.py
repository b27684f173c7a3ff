"""Owns the awaits of the tags screen: load the library, create, rename, merge and delete tags and
tag groups, say how many members a delete or merge touches before doing it, and undo.

Every write method can be called directly (tests, and the screen's dialogs once accepted);
``delete_*``, ``merge_tags`` and ``rename_tag`` of a WeCom tag open a confirmation first unless
``confirmed=True``. A confirmation of a change that the outbox will push says so, because the
operator is about to edit the corp's shared tag library, not just this workspace.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QWidget

from ...domain.members import Tag, TagGroup
from ...errors import ValidationError
from ...services.types import Changes
from ...services.workspace import WorkspaceService
from ..dialogs.tag_picker import TagPickerDialog
from ..feedback import Feedback
from ..pages.tags_page import ConfirmDialog, TagGroupDialog, TagsPage
from ..tasks import TaskRunner

Task = asyncio.Task[None]


@dataclass
class UndoState:
    batch_ids: list[int]  # a multi-tag delete writes one audit batch per tag
    summary: str


class TagsController(QObject):
    def __init__(self, service: WorkspaceService, tasks: TaskRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = tasks
        self.feedback = feedback
        self.page = TagsPage(parent)
        self.dialog: QWidget | None = None  # the last dialog opened; tests accept it
        self._groups: dict[int, TagGroup] = {}
        self._tags: dict[int, Tag] = {}
        self._admin: set[int] = set()
        self._undo: list[UndoState] = []

        p = self.page
        p.new_group_requested.connect(self._ask_new_group)
        p.rename_group_requested.connect(self._ask_rename_group)
        p.delete_group_requested.connect(self.delete_group)
        p.new_tag_requested.connect(self._ask_new_tag)
        p.rename_tag_requested.connect(self._ask_rename_tag)
        p.merge_requested.connect(self._ask_merge_target)
        p.delete_tags_requested.connect(self.delete_tags)
        p.undo_requested.connect(self.undo)

    # -- loading -------------------------------------------------------------------------------
    def start(self) -> Task:
        return self.tasks.run(self._load(), name="tags.load")

    async def _load(self) -> None:
        groups, tags = await asyncio.gather(self.service.tag_groups(), self.service.tags())

        self._admin = {t.id for t in tags if t.read_only}
        self._groups = {g.id: g for g in groups}
        self._tags = {t.id: t for t in tags}
        self.page.set_library(groups, tags, self._admin)

    # -- create and rename ---------------------------------------------------------------------
    def create_group(self, name: str, dimension: str) -> Task:
        return self._write(self.service.create_tag_group(name, dimension),
                           self.tr("新建标签组“{name}”").format(name=name.strip()))

    def create_tag(self, group_id: int, name: str) -> Task:
        return self._write(self.service.create_tag(group_id, name),
                           self.tr("新建标签“{name}”").format(name=name.strip()))

    def rename_text(self, tag_id: int, name: str) -> str:
        return self._synced(self.tr("把标签“{old}”改名为“{new}”。此操作可以撤销。").format(
            old=self._name(tag_id), new=name.strip()), [tag_id])

    def rename_tag(self, tag_id: int, name: str, confirmed: bool = False) -> Task | None:
        """A local tag is renamed at once; a WeCom tag's new name reaches every staff member's
        WeCom, so that is confirmed first."""
        if self._refuse_admin([tag_id]):
            return None
        if not confirmed and self._reaches_wecom([tag_id]):
            self._confirm(self.tr("重命名标签"), self.rename_text(tag_id, name), self.tr("改名"),
                          lambda: self.rename_tag(tag_id, name, confirmed=True))
            return None
        old = self._tags[tag_id].name if tag_id in self._tags else ""
        return self._write(self.service.rename_tag(tag_id, name),
                           self.tr("标签“{old}”改名为“{new}”").format(old=old, new=name.strip()))

    def rename_group(self, group_id: int, name: str) -> Task:
        old = self._groups[group_id].name if group_id in self._groups else ""
        return self._write(self.service.rename_tag_group(group_id, name),
                           self.tr("标签组“{old}”改名为“{new}”").format(old=old, new=name.strip()))

    # -- delete and merge (confirmed first) ----------------------------------------------------
    def delete_text(self, tag_ids: Sequence[int]) -> str:
        n = f"{self.service.tag_impact(tag_ids).members:,}"
        # only tags WeCom already has are deleted there; a waiting creation is just dropped
        in_wecom = [i for i in tag_ids if i in self._tags and not self._tags[i].is_local]
        if len(tag_ids) == 1:
            return self._synced(self.tr("删除标签“{tag}”会从 {n} 位客户身上移除它。此操作可以撤销。")
                                .format(tag=self._name(tag_ids[0]), n=n), in_wecom)
        return self._synced(self.tr("删除 {k} 个标签（{names}）会影响 {n} 位客户，这些标签会从他们"
                                    "身上移除。此操作可以撤销。").format(
            k=len(tag_ids), names=self._names(tag_ids), n=n), in_wecom)

    def delete_tags(self, tag_ids: Sequence[int], confirmed: bool = False) -> Task | None:
        ids = [i for i in tag_ids if i in self._tags]
        if not ids or self._refuse_admin(ids):
            return None
        if not confirmed:
            self._confirm(self.tr("删除标签"), self.delete_text(ids), self.tr("删除"),
                          lambda: self.delete_tags(ids, confirmed=True))
            return None
        summary = self.tr("删除标签 {names}").format(names=self._names(ids))

        return self._write(self.service.delete_tags(ids), summary)

    def delete_group_text(self, group_id: int) -> str:
        impact = self.service.group_impact(group_id)
        group = self._groups[group_id]
        inside = [t.id for t in self._tags.values() if t.group_id == group_id]
        text = self.tr("删除标签组“{group}”及其中 {k} 个标签，会从 {n} 位客户身上移除这些标签。"
                       "此操作可以撤销。").format(group=group.name, k=impact.tags,
                                          n=f"{impact.members:,}")
        return self._synced(text, inside, wecom=group.wecom_group_id is not None)

    def delete_group(self, group_id: int, confirmed: bool = False) -> Task | None:
        if group_id not in self._groups:
            return None
        inside = [t.id for t in self._tags.values() if t.group_id == group_id]
        if self._refuse_admin(inside):
            return None
        if not confirmed:
            self._confirm(self.tr("删除标签组"), self.delete_group_text(group_id), self.tr("删除"),
                          lambda: self.delete_group(group_id, confirmed=True))
            return None
        return self._write(self.service.delete_tag_group(group_id), self.tr(
            "删除标签组“{group}”").format(group=self._groups[group_id].name))

    def merge_text(self, source_ids: Sequence[int], target_id: int) -> str:
        carrying = self.service.tag_impact(source_ids).members
        newly = self.service.merge_impact(source_ids, target_id).members
        text = self.tr("把 {sources} 合并到“{target}”：带有这些标签的 {m} 位客户都会带上“{target}”"
                       "（其中 {n} 位是新打上的），随后删除 {sources}。此操作可以撤销。").format(
            sources=self._names(source_ids), target=self._name(target_id),
            m=f"{carrying:,}", n=f"{newly:,}")
        return self._synced(text, [*source_ids, target_id])

    def merge_tags(self, source_ids: Sequence[int], target_id: int,
                   confirmed: bool = False) -> Task | None:
        ids = [i for i in source_ids if i != target_id and i in self._tags]
        if not ids or self._refuse_admin([*ids, target_id]):
            return None
        if not confirmed:
            self._confirm(self.tr("合并标签"), self.merge_text(ids, target_id), self.tr("合并"),
                          lambda: self.merge_tags(ids, target_id, confirmed=True))
            return None
        return self._write(self.service.merge_tags(ids, target_id), self.tr(
            "把 {sources} 合并到“{target}”").format(sources=self._names(ids),
                                                 target=self._name(target_id)))

    # -- undo ----------------------------------------------------------------------------------
    def undo(self) -> Task | None:
        if not self._undo:
            return None
        state = self._undo.pop()

        async def run() -> None:
            try:
                for batch_id in sorted(state.batch_ids, reverse=True):
                    await self.service.undo(batch_id)
                    state.batch_ids.remove(batch_id)
            except BaseException:
                if state.batch_ids:  # whatever was not undone can still be tried again
                    self._undo.append(state)
                raise
            finally:
                self.page.set_undo(self._undo[-1].summary if self._undo else None)
            self.feedback.info(self.tr("已撤销：{what}").format(what=state.summary))
            await self._load()
        return self.tasks.run_write(run(), on_error=self._failed)

    # -- plumbing ------------------------------------------------------------------------------
    def _write(self, work: Awaitable[tuple[object, int]], summary: str) -> Task:
        async def run() -> None:
            _result, batch_id = await work
            if batch_id:
                self._undo.append(UndoState([batch_id], summary))
                self.page.set_undo(summary)
            self.feedback.info(self.tr("已完成：{what}（可按 Ctrl+Z 撤销）").format(what=summary))
            await self._load()
        # a write: a second write must not cancel the bookkeeping of the first
        return self.tasks.run_write(run(), on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.feedback.error(exc)
        self.tasks.run(self._load(), name="tags.load")  # show what the store really holds

    def _refuse_admin(self, tag_ids: Sequence[int]) -> bool:
        admin = [self._name(i) for i in tag_ids if i in self._admin]
        if not admin:
            return False
        self.feedback.user_error(ValidationError(
            self.tr("标签“{names}”是在企业微信管理后台创建的，本应用不能修改或删除它。").format(
                names="、".join(admin)),
            self.tr("请在企业微信管理后台 → 客户联系 → 客户标签中修改。")))
        return True

    def _reaches_wecom(self, tag_ids: Sequence[int]) -> bool:
        """Whether the outbox will push a change to these tags: they are in WeCom, or in a WeCom
        tag group (then their creation is waiting and carries the change)."""
        for tag_id in tag_ids:
            tag = self._tags.get(tag_id)
            group = self._groups.get(tag.group_id) if tag is not None else None
            if tag is not None and (not tag.is_local or (
                    group is not None and group.wecom_group_id is not None)):
                return True
        return False

    def _synced(self, text: str, tag_ids: Sequence[int], wecom: bool = False) -> str:
        """``text``, plus the warning that WeCom changes too when the outbox will push it; a
        local-only change must not claim that."""
        if not wecom and not self._reaches_wecom(tag_ids):
            return text
        return self.tr("{text}确认后会同步到企业微信。").format(text=text)

    def _name(self, tag_id: int) -> str:
        return self._tags[tag_id].name if tag_id in self._tags else str(tag_id)

    def _names(self, tag_ids: Sequence[int]) -> str:
        names = [f"“{self._name(i)}”" for i in tag_ids[:5]]
        more = self.tr("等 {n} 个").format(n=len(tag_ids)) if len(tag_ids) > 5 else ""
        return "、".join(names) + more

    # -- dialogs -------------------------------------------------------------------------------
    def _confirm(self, title: str, text: str, action: str, on_yes: object) -> None:
        dialog = ConfirmDialog(title, text, action, self.page)
        dialog.accepted.connect(on_yes)
        self._open_dialog(dialog)

    def _ask_new_group(self) -> None:
        current = self.page.current_group()
        dialog = TagGroupDialog(current.dimension if current else None, self.page)
        dialog.accepted.connect(lambda: self.create_group(*dialog.values()))
        self._open_dialog(dialog)

    def _ask_text(self, title: str, label: str, value: str, on_text: object) -> None:
        dialog = QInputDialog(self.page)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(value)
        dialog.textValueSelected.connect(on_text)
        self._open_dialog(dialog)

    def _ask_new_tag(self, group_id: int) -> None:
        group = self._groups.get(group_id)
        if group is not None:
            self._ask_text(self.tr("新建标签"), self.tr("在“{group}”里新建标签：").format(
                group=group.name), "", lambda name: self.create_tag(group_id, name))

    def _ask_rename_tag(self, tag_id: int) -> None:
        if not self._refuse_admin([tag_id]):
            self._ask_text(self.tr("重命名标签"), self.tr("标签“{tag}”的新名称：").format(
                tag=self._name(tag_id)), self._name(tag_id),
                lambda name: self.rename_tag(tag_id, name))

    def _ask_rename_group(self, group_id: int) -> None:
        group = self._groups.get(group_id)
        if group is not None:
            self._ask_text(self.tr("重命名标签组"), self.tr("标签组“{group}”的新名称：").format(
                group=group.name), group.name, lambda name: self.rename_group(group_id, name))

    def _ask_merge_target(self, source_ids: list[int]) -> None:
        if not source_ids or self._refuse_admin(source_ids):
            return
        # the target must be writable too, and cannot be one of the sources
        choices = [t for t in self._tags.values() if t.id not in self._admin
                   and t.id not in source_ids]
        dialog = TagPickerDialog(self.tr("合并到…"), list(self._groups.values()), choices,
                                 multi=False, parent=self.page, prompt=self.tr(
                                     "把 {sources} 合并到哪个标签？").format(
                                     sources=self._names(source_ids)))

        def picked() -> None:
            chosen = dialog.chosen()
            if chosen:
                self.merge_tags(source_ids, chosen[0])
        dialog.accepted.connect(picked)
        self._open_dialog(dialog)

    def _open_dialog(self, dialog: QWidget) -> None:
        # open(), never exec(), inside the asyncio loop (qasync)
        self.dialog = dialog
        dialog.finished.connect(lambda *_: dialog.deleteLater())  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    # -- changes made elsewhere ----------------------------------------------------------------
    def workspace_changed(self, changes: Changes) -> None:
        if (changes.library_changed or changes.full_rebuild or changes.tag_added
                or changes.tag_removed):
            self.tasks.run(self._load(), name="tags.load")

