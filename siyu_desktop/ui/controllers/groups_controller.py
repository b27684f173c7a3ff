"""Owns the awaits of the groups screen: the group list, one group's roster and events, members
in several groups, and joins/leaves across all groups."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ...domain.members import Group
from ...services.types import Changes
from ...services.workspace import WorkspaceService
from ..feedback import Feedback
from ..pages.groups_page import GroupsPage
from ..tasks import TaskRunner

EVENT_DAYS = 30
# The store caps these lists; reaching the cap means the list (and counts over it) are partial.
EVENTS_CAP = 1000
DUPLICATES_CAP = 2000


class GroupsController(QObject):
    def __init__(self, service: WorkspaceService, tasks: TaskRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = tasks
        self.feedback = feedback
        self.page = GroupsPage(parent)
        self._groups: dict[int, Group] = {}
        self.current_group_id: int | None = None
        self.page.current_group_changed.connect(self.show_group)

    # -- loading -------------------------------------------------------------------------------
    def start(self) -> asyncio.Task[None]:
        return self.tasks.run(self._load(), name="groups.load")

    async def _load(self) -> None:
        s = self.service
        groups, kinds, duplicates, events, counts = await asyncio.gather(
            s.groups(), s.group_kinds(), s.duplicates(2), s.recent_events(EVENT_DAYS),
            s.roster_event_counts(EVENT_DAYS))
        self._groups = {g.id: g for g in groups}
        self.page.set_kinds(kinds)
        self.page.set_groups(groups)
        self.page.set_duplicates(duplicates, capped=len(duplicates) >= DUPLICATES_CAP)
        self.page.set_events(events, capped=len(events) >= EVENTS_CAP)
        self.page.set_summary(self._summary(groups, counts))
        # Re-selecting reloads that group's roster (it may be what changed); a group that is
        # gone or filtered out leaves the detail empty rather than stale.
        keep = self.current_group_id
        if keep is None or keep not in self._groups or not self.page.select_group(keep):
            self.current_group_id = None
            self.page.set_group_detail(None, [], [])

    def _summary(self, groups: list[Group], counts: dict[str, int]) -> str:
        return self.tr("{groups} 个社群 · {people} 人次 · 近 {days} 天 进群 {joins} / 退群 {leaves}"
                       ).format(groups=f"{len(groups):,}",
                                people=f"{sum(g.member_count for g in groups):,}",
                                days=EVENT_DAYS, joins=f"{counts['join']:,}",
                                leaves=f"{counts['leave']:,}")

    def group_name(self, group_id: int) -> str:
        group = self._groups.get(group_id)
        return group.name if group is not None else str(group_id)

    # -- one group -----------------------------------------------------------------------------
    def show_group(self, group_id: int) -> asyncio.Task[None] | None:
        if group_id < 0:
            self.current_group_id = None
            self.page.set_group_detail(None, [], [])
            return None
        self.current_group_id = group_id
        return self.tasks.run(self._load_group(group_id), name="groups.detail")

    async def _load_group(self, group_id: int) -> None:
        roster, events = await asyncio.gather(
            self.service.group_roster(group_id), self.service.recent_events(EVENT_DAYS, group_id))
        if self.current_group_id != group_id:
            return  # the operator moved on while this loaded
        self.page.set_group_detail(self._groups.get(group_id), roster, events)

    # -- changes made elsewhere ----------------------------------------------------------------
    def workspace_changed(self, changes: Changes) -> None:
        if changes.groups_changed or changes.full_rebuild or changes.library_changed:
            self.tasks.run(self._load(), name="groups.load")
