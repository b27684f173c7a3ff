"""社群 Groups: the group list with kind and name filters, the selected group's roster and its
recent joins/leaves, members found in several groups, and joins/leaves across all groups.

Layout only: the controller fills it and listens to its signals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.members import Group, RosterEntry, RosterEvent
from ...services.types import DuplicateMember
from .. import labels
from ..models.record_model import ColumnSpec, RecordTableModel
from ..models.roster_model import RecordRole, SortRole
from ..widgets.tables import fit_columns, record_table

Index = QModelIndex | QPersistentModelIndex
JOIN_COLOR = QColor("#1a7f37")
LEAVE_COLOR = QColor("#c4314b")


class EventModel(RecordTableModel[RosterEvent]):
    """Joins green, leaves red: an operator scans the colour before reading the words. Only the
    action column is coloured; whole coloured rows were hard to read."""

    ACTION_COLUMN = 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if index.isValid() and index.column() == self.ACTION_COLUMN \
                    and 0 <= index.row() < self.rowCount():
                return JOIN_COLOR if self.record(index.row()).kind == "join" else LEAVE_COLOR
            return None
        return super().data(index, role)


class GroupFilterProxy(QSortFilterProxyModel):
    """Kind and name filters in memory: a few hundred (at most tens of thousands) groups."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._kind: str | None = None
        self._text = ""
        self.setSortRole(SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_kind(self, kind: str | None) -> None:
        self._refilter(lambda: setattr(self, "_kind", kind))

    def set_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_text", text.strip().lower()))

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 replaced invalidateRowsFilter (now deprecated) with begin/endFilterChange.
        if hasattr(self, "endFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        group: Group = self.sourceModel().index(row, 0, parent).data(RecordRole)
        if group is None:
            return False
        if self._kind is not None and group.kind != self._kind:
            return False
        return not self._text or self._text in group.name.lower()


def _table(model: Any, object_name: str, sortable: bool = True) -> QTableView:
    return record_table(model, sortable=sortable, object_name=object_name)


def _proxy(model: RecordTableModel[Any], parent: QWidget) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    return proxy


def _widths(view: QTableView, widths: Sequence[int],
            samples: dict[int, list[str]] | None = None) -> None:
    fit_columns(view, dict(enumerate(widths)), samples)


def _empty_or(view: QWidget, empty_text: str) -> tuple[QStackedWidget, QLabel]:
    """A table that says why it is empty instead of showing a blank grid."""
    stack = QStackedWidget()
    stack.addWidget(view)
    label = QLabel(empty_text)
    label.setObjectName("hintLabel")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    stack.addWidget(label)
    return stack, label


def _set_empty(stack: QStackedWidget, empty: bool) -> None:
    stack.setCurrentIndex(1 if empty else 0)


class GroupsPage(QWidget):
    current_group_changed = Signal(int)  # group id, -1 when none
    show_members_requested = Signal(int)  # group id: open its members in the roster screen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._detail_group: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.setSpacing(8)

        head = QHBoxLayout()
        title = QLabel(self.tr("社群"))
        title.setObjectName("pageTitle")
        head.addWidget(title)
        self.summary = QLabel(self.tr("正在加载…"))
        self.summary.setObjectName("hintLabel")
        head.addWidget(self.summary, 1)
        layout.addLayout(head)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        # -- tab 1: groups, the selected group's roster and events ----------------------------
        groups_tab = QWidget()
        groups_layout = QVBoxLayout(groups_tab)
        groups_layout.setContentsMargins(0, 8, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("群类型")))
        self.kind_combo = QComboBox()
        self.kind_combo.setMinimumWidth(140)
        self.kind_combo.addItem(self.tr("全部类型"), None)
        filters.addWidget(self.kind_combo)
        self.name_filter = QLineEdit()
        self.name_filter.setObjectName("searchBox")
        self.name_filter.setPlaceholderText(self.tr("按群名筛选"))
        self.name_filter.setClearButtonEnabled(True)
        filters.addWidget(self.name_filter, 1)
        self.shown_label = QLabel()
        self.shown_label.setObjectName("countLabel")
        filters.addWidget(self.shown_label)
        groups_layout.addLayout(filters)

        self.group_model: RecordTableModel[Group] = RecordTableModel([
            ColumnSpec(self.tr("群名称"), lambda g: g.name, tooltip=True),
            ColumnSpec(self.tr("类型"), lambda g: labels.group_kind_name(g.kind)),
            ColumnSpec(self.tr("群标签"), lambda g: "、".join(g.tags), tooltip=True),
            ColumnSpec(self.tr("群主"), lambda g: g.owner_name),
            ColumnSpec(self.tr("人数"), lambda g: f"{g.member_count:,}", sort=lambda g: g.member_count,
                       align_right=True),
            ColumnSpec(self.tr("创建时间"), lambda g: labels.fmt_time(g.created_at, with_time=False),
                       sort=lambda g: g.created_at or 0),
            ColumnSpec(self.tr("最近变动"), lambda g: labels.fmt_time(g.updated_at),
                       sort=lambda g: g.updated_at or 0),
        ], self)
        self.group_proxy = GroupFilterProxy(self)
        self.group_proxy.setSourceModel(self.group_model)
        self.name_filter.textChanged.connect(self.group_proxy.set_text)
        self.kind_combo.currentIndexChanged.connect(
            lambda _i: self.group_proxy.set_kind(self.kind_combo.currentData()))
        self.groups_table = _table(self.group_proxy, "groupsTable")
        _widths(self.groups_table, [210, 70, 150, 70, 56, 88, 120], {
            1: [labels.group_kind_name(k) for k in ("vip", "new", "sale", "region", "interest",
                                                   "service")]})
        self.groups_table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
        self.groups_table.selectionModel().currentRowChanged.connect(self._on_current_group)
        self.groups_stack, self.groups_empty = _empty_or(self.groups_table, self.tr("没有符合条件的社群。"))
        self.group_proxy.rowsInserted.connect(self._update_shown)
        self.group_proxy.rowsRemoved.connect(self._update_shown)
        self.group_proxy.modelReset.connect(self._update_shown)
        self.group_proxy.layoutChanged.connect(self._update_shown)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        self.group_title = QLabel(self.tr("群成员名单"))
        self.group_title.setObjectName("sectionTitle")
        title_row.addWidget(self.group_title, 1)
        self.show_members_button = QPushButton(self.tr("在成员中查看…"))
        self.show_members_button.setToolTip(self.tr("在“成员”页按这个群筛选客户，可以批量打标签或导出"))
        self.show_members_button.setEnabled(False)
        self.show_members_button.clicked.connect(self._on_show_members)
        title_row.addWidget(self.show_members_button)
        detail_layout.addLayout(title_row)
        self.roster_model: RecordTableModel[RosterEntry] = RecordTableModel([
            ColumnSpec(self.tr("姓名"), lambda r: r.name or self.tr("（未知）")),
            ColumnSpec(self.tr("身份"), self._roster_kind),
            ColumnSpec(self.tr("进群时间"), lambda r: labels.fmt_time(r.join_time),
                       sort=lambda r: r.join_time or 0),
            ColumnSpec(self.tr("进群方式"), lambda r: labels.join_scene_name(r.join_scene)),
            ColumnSpec(self.tr("邀请人"), lambda r: r.inviter),
            ColumnSpec(self.tr("群昵称"), lambda r: r.group_nickname, tooltip=True),
        ], self)
        self.roster_proxy = _proxy(self.roster_model, self)
        self.roster_table = _table(self.roster_proxy, "groupRosterTable")
        _widths(self.roster_table, [84, 56, 128, 72, 64, 90], {
            1: [self.tr("员工"), self.tr("客户"), self.tr("客户（未匹配）")],
            3: [labels.join_scene_name(s) for s in (1, 2, 3)]})
        self.roster_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # staff first, then by join
        self.roster_stack, self.roster_empty = _empty_or(
            self.roster_table, self.tr("选择左侧的一个社群，查看群成员名单"))
        self.roster_stack.setCurrentIndex(1)
        events_title = QLabel(self.tr("本群近 30 天进群/退群"))
        events_title.setObjectName("sectionTitle")
        self.group_events_model = EventModel(self._event_columns(with_group=False), self)
        self.group_events_table = _table(_proxy(self.group_events_model, self), "groupEventsTable")
        _widths(self.group_events_table, [128, 50, 110])
        self.group_events_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.group_events_stack, self.group_events_empty = _empty_or(
            self.group_events_table, self.tr("近 30 天没有人进群或退群。"))
        detail_split = QSplitter(Qt.Orientation.Vertical)
        detail_split.addWidget(self.roster_stack)
        events_box = QWidget()
        events_layout = QVBoxLayout(events_box)
        events_layout.setContentsMargins(0, 4, 0, 0)
        events_layout.addWidget(events_title)
        events_layout.addWidget(self.group_events_stack)
        detail_split.addWidget(events_box)
        detail_split.setSizes([420, 200])
        detail_layout.addWidget(detail_split, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.groups_stack)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([790, 560])
        groups_layout.addWidget(split, 1)
        self.tabs.addTab(groups_tab, self.tr("社群列表"))

        # -- tab 2: members in several groups --------------------------------------------------
        dup_tab = QWidget()
        dup_layout = QVBoxLayout(dup_tab)
        dup_layout.setContentsMargins(0, 8, 0, 0)
        self.dup_hint = QLabel()
        self.dup_hint.setObjectName("hintLabel")
        self.dup_hint.setWordWrap(True)
        dup_layout.addWidget(self.dup_hint)
        self.dup_model: RecordTableModel[DuplicateMember] = RecordTableModel([
            ColumnSpec(self.tr("姓名"), lambda d: d.name),
            ColumnSpec(self.tr("所在群数"), lambda d: str(d.group_count), sort=lambda d: d.group_count,
                       align_right=True),
            ColumnSpec(self.tr("所在社群"), lambda d: d.groups, tooltip=True),
        ], self)
        self.dup_table = _table(_proxy(self.dup_model, self), "duplicatesTable")
        _widths(self.dup_table, [140, 80])
        self.dup_table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.dup_stack, _ = _empty_or(self.dup_table, self.tr("没有同时在两个及以上社群里的客户。"))
        dup_layout.addWidget(self.dup_stack, 1)
        self.tabs.addTab(dup_tab, self.tr("多群重复成员"))

        # -- tab 3: joins and leaves in all groups ---------------------------------------------
        events_tab = QWidget()
        events_tab_layout = QVBoxLayout(events_tab)
        events_tab_layout.setContentsMargins(0, 8, 0, 0)
        self.events_hint = QLabel()
        self.events_hint.setObjectName("hintLabel")
        events_tab_layout.addWidget(self.events_hint)
        self.events_model = EventModel(self._event_columns(with_group=True), self)
        self.events_table = _table(_proxy(self.events_model, self), "recentEventsTable")
        _widths(self.events_table, [128, 50, 110, 260])
        self.events_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.events_stack, _ = _empty_or(self.events_table, self.tr("近 30 天没有人进群或退群。"))
        events_tab_layout.addWidget(self.events_stack, 1)
        self.tabs.addTab(events_tab, self.tr("最近进群/退群"))

    def _event_columns(self, with_group: bool) -> list[ColumnSpec[RosterEvent]]:
        columns: list[ColumnSpec[RosterEvent]] = [
            ColumnSpec(self.tr("时间"), lambda e: labels.fmt_time(e.at), sort=lambda e: e.at),
            ColumnSpec(self.tr("动作"), lambda e: self.tr("进群") if e.kind == "join" else self.tr("退群")),
            ColumnSpec(self.tr("姓名"), lambda e: e.name or self.tr("（未知）")),
        ]
        if with_group:
            columns.append(ColumnSpec(self.tr("社群"), lambda e: e.group_name, tooltip=True))
        return columns

    def _roster_kind(self, r: RosterEntry) -> str:
        if r.staff_id is not None:
            return self.tr("员工")
        return self.tr("客户") if r.member_id is not None else self.tr("客户（未匹配）")

    # -- setters the controller calls --------------------------------------------------------
    def set_kinds(self, kinds: Sequence[tuple[str, int]]) -> None:
        current = self.kind_combo.currentData()
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        self.kind_combo.addItem(self.tr("全部类型"), None)
        for kind, n in kinds:
            self.kind_combo.addItem(f"{labels.group_kind_name(kind)}（{n:,}）", kind)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(current)))
        self.kind_combo.blockSignals(False)
        self.group_proxy.set_kind(self.kind_combo.currentData())  # the old kind may be gone

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)

    def set_groups(self, groups: Sequence[Group]) -> None:
        self.group_model.set_records(groups)
        self._update_shown()

    def select_group(self, group_id: int) -> bool:
        for row in range(self.group_proxy.rowCount()):
            index = self.group_proxy.index(row, 0)
            if index.data(RecordRole).id == group_id:
                self.groups_table.setCurrentIndex(index)
                self.groups_table.scrollTo(index)
                return True
        return False

    def current_group(self) -> Group | None:
        index = self.groups_table.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def set_group_detail(self, group: Group | None, roster: Sequence[RosterEntry],
                         events: Sequence[RosterEvent]) -> None:
        self.roster_model.set_records(roster)
        self.group_events_model.set_records(events)
        self._detail_group = group.id if group is not None else None
        self.show_members_button.setEnabled(group is not None)
        if group is None:
            self.group_title.setText(self.tr("群成员名单"))
            self.roster_empty.setText(self.tr("选择左侧的一个社群，查看群成员名单"))
            self.group_events_empty.setText(self.tr("选择社群后，这里显示它近 30 天的进群和退群。"))
        else:
            self.group_events_empty.setText(self.tr("近 30 天没有人进群或退群。"))
            staff = sum(1 for r in roster if r.staff_id is not None)
            self.group_title.setText(self.tr("{name} · {n} 人（员工 {staff}）").format(
                name=group.name, n=f"{len(roster):,}", staff=staff))
            self.roster_empty.setText(self.tr("这个群里还没有成员。"))
        _set_empty(self.roster_stack, not roster)
        _set_empty(self.group_events_stack, not events)

    def _on_show_members(self) -> None:
        if self._detail_group is not None:
            self.show_members_requested.emit(self._detail_group)

    def set_duplicates(self, rows: Sequence[DuplicateMember], capped: bool) -> None:
        self.dup_model.set_records(rows)
        if capped:
            text = self.tr("至少 {n} 位客户同时在两个及以上社群里，这里列出重叠最多的 {n} 位。"
                           ).format(n=f"{len(rows):,}")
        else:
            text = self.tr("{n} 位客户同时在两个及以上社群里。").format(n=f"{len(rows):,}")
        text += self.tr("重复进群的客户会重复收到群发，可以考虑清理。")
        self.dup_hint.setText(text)
        _set_empty(self.dup_stack, not rows)

    def set_events(self, events: Sequence[RosterEvent], capped: bool) -> None:
        self.events_model.set_records(events)
        text = self.tr("所有社群近 30 天的进群和退群，最新的在前。")
        if capped:
            text += self.tr("（只列出最近 {n} 条）").format(n=f"{len(events):,}")
        self.events_hint.setText(text)
        _set_empty(self.events_stack, not events)

    # -- internal ------------------------------------------------------------------------------
    def _update_shown(self, *_: object) -> None:
        shown, total = self.group_proxy.rowCount(), self.group_model.rowCount()
        self.shown_label.setText(self.tr("显示 {shown} / {total} 个社群").format(
            shown=f"{shown:,}", total=f"{total:,}") if shown != total else "")
        _set_empty(self.groups_stack, shown == 0)
        self.groups_empty.setText(self.tr("没有符合条件的社群。") if total else
                                  self.tr("工作区里还没有社群。同步企业微信后，客户群会出现在这里。"))

    def _on_current_group(self, current: QModelIndex, _previous: QModelIndex) -> None:
        group = current.data(RecordRole) if current.isValid() else None
        self.current_group_changed.emit(group.id if group is not None else -1)
