"""标签 Tags: the five dimensions on the left, their tag groups, the tags with member counts, and
the buttons to create, rename, merge and delete them. Plus the two small dialogs the screen uses.

Layout only: the controller fills it, listens to its signals and owns every write.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.members import Dimension, Tag, TagGroup
from .. import labels
from ..models.record_model import ColumnSpec, RecordTableModel
from ..models.roster_model import RecordRole, SortRole
from ..widgets.tables import fit_columns, record_table

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class GroupRow:
    group: TagGroup
    tag_count: int
    admin_tags: int  # a group holding console tags cannot be deleted as a whole


@dataclass(frozen=True)
class TagRow:
    tag: Tag
    group_name: str
    dimension: str
    admin: bool  # created in the WeCom admin console: read-only here


class RowFilter(QSortFilterProxyModel):
    """Filters records with a predicate the page rebuilds whenever a filter input changes."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._accept: Callable[[Any], bool] = lambda _r: True
        self.setSortRole(SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_predicate(self, accept: Callable[[Any], bool]) -> None:
        # Qt 6.10 replaced invalidateRowsFilter (now deprecated) with begin/endFilterChange.
        if hasattr(self, "endFilterChange"):
            self.beginFilterChange()
            self._accept = accept
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._accept = accept
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        record = self.sourceModel().index(row, 0, parent).data(RecordRole)
        return record is not None and self._accept(record)


def _table(model: QSortFilterProxyModel, multi: bool) -> QTableView:
    return record_table(model, multi=multi)


class TagsPage(QWidget):
    new_group_requested = Signal()
    rename_group_requested = Signal(int)
    delete_group_requested = Signal(int)
    new_tag_requested = Signal(int)  # tag group id
    rename_tag_requested = Signal(int)
    merge_requested = Signal(list)  # source tag ids
    delete_tags_requested = Signal(list)
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dimension: str | None = None
        self._group_id: int | None = None
        self._search = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.setSpacing(8)

        head = QHBoxLayout()
        title = QLabel(self.tr("标签"))
        title.setObjectName("pageTitle")
        head.addWidget(title)
        self.summary = QLabel(self.tr("正在加载…"))
        self.summary.setObjectName("hintLabel")
        head.addWidget(self.summary, 1)
        self.undo_button = QPushButton(self.tr("撤销"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_requested)
        head.addWidget(self.undo_button)
        layout.addLayout(head)

        self.dimensions = QListWidget()
        self.dimensions.setObjectName("dimensionList")
        self.dimensions.currentRowChanged.connect(self._on_dimension)

        # tag groups
        groups_box = QWidget()
        groups_layout = QVBoxLayout(groups_box)
        groups_layout.setContentsMargins(0, 0, 0, 0)
        groups_title = QLabel(self.tr("标签组"))
        groups_title.setObjectName("sectionTitle")
        groups_layout.addWidget(groups_title)
        group_buttons = QHBoxLayout()
        self.new_group_button = QPushButton(self.tr("新建标签组…"))
        self.rename_group_button = QPushButton(self.tr("重命名…"))
        self.delete_group_button = QPushButton(self.tr("删除…"))
        for b in (self.new_group_button, self.rename_group_button, self.delete_group_button):
            group_buttons.addWidget(b)
        group_buttons.addStretch(1)
        groups_layout.addLayout(group_buttons)
        self.group_model: RecordTableModel[GroupRow] = RecordTableModel([
            ColumnSpec(self.tr("标签组"), lambda r: r.group.name, tooltip=True),
            ColumnSpec(self.tr("维度"), lambda r: labels.dimension_name(r.group.dimension)),
            ColumnSpec(self.tr("标签数"), lambda r: str(r.tag_count), sort=lambda r: r.tag_count,
                       align_right=True),
            ColumnSpec(self.tr("来源"), lambda r: self.tr("本地") if r.group.wecom_group_id is None
                       else self.tr("企业微信")),
        ], self)
        self.group_proxy = RowFilter(self)
        self.group_proxy.setSourceModel(self.group_model)
        self.groups_table = _table(self.group_proxy, multi=False)
        fit_columns(self.groups_table, {0: 140, 1: 50, 2: 56}, {
            1: [labels.dimension_name(d) for d in ("basic", "behaviour", "preference", "channel",
                                                   "interest")]})
        self.groups_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the store's order
        self.groups_table.selectionModel().currentRowChanged.connect(self._on_group)
        groups_layout.addWidget(self.groups_table)

        # tags
        tags_box = QWidget()
        tags_layout = QVBoxLayout(tags_box)
        tags_layout.setContentsMargins(0, 0, 0, 0)
        self.tags_title = QLabel()
        self.tags_title.setObjectName("sectionTitle")
        tags_layout.addWidget(self.tags_title)
        tag_buttons = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("搜索全部标签"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        tag_buttons.addWidget(self.search, 1)
        self.new_tag_button = QPushButton(self.tr("新建标签…"))
        self.rename_tag_button = QPushButton(self.tr("重命名…"))
        self.merge_button = QPushButton(self.tr("合并到…"))
        self.delete_tags_button = QPushButton(self.tr("删除…"))
        for b in (self.new_tag_button, self.rename_tag_button, self.merge_button,
                  self.delete_tags_button):
            tag_buttons.addWidget(b)
        tags_layout.addLayout(tag_buttons)
        self.tag_model: RecordTableModel[TagRow] = RecordTableModel([
            ColumnSpec(self.tr("标签"), lambda r: r.tag.name, tooltip=True),
            ColumnSpec(self.tr("标签组"), lambda r: r.group_name),
            ColumnSpec(self.tr("人数"), lambda r: f"{r.tag.member_count:,}",
                       sort=lambda r: r.tag.member_count, align_right=True),
            ColumnSpec(self.tr("来源"), self._tag_source),
        ], self)
        self.tag_proxy = RowFilter(self)
        self.tag_proxy.setSourceModel(self.tag_model)
        self.tags_table = _table(self.tag_proxy, multi=True)
        fit_columns(self.tags_table, {0: 170, 1: 120, 2: 80})
        self.tags_table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # the busiest tags first
        self.tags_table.selectionModel().selectionChanged.connect(self._update_buttons)
        tags_layout.addWidget(self.tags_table, 1)
        self.selection_hint = QLabel()
        self.selection_hint.setObjectName("hintLabel")
        self.selection_hint.setWordWrap(True)
        tags_layout.addWidget(self.selection_hint)

        dimensions_box = QWidget()
        dimensions_layout = QVBoxLayout(dimensions_box)
        dimensions_layout.setContentsMargins(0, 0, 0, 0)
        dimensions_title = QLabel(self.tr("维度"))
        dimensions_title.setObjectName("sectionTitle")
        dimensions_layout.addWidget(dimensions_title)
        dimensions_layout.addWidget(self.dimensions)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(dimensions_box)
        split.addWidget(groups_box)
        split.addWidget(tags_box)
        split.setStretchFactor(2, 1)
        split.setSizes([150, 380, 640])
        layout.addWidget(split, 1)

        self.new_group_button.clicked.connect(self.new_group_requested)
        self.rename_group_button.clicked.connect(lambda: self._emit_group(self.rename_group_requested))
        self.delete_group_button.clicked.connect(lambda: self._emit_group(self.delete_group_requested))
        self.new_tag_button.clicked.connect(lambda: self._emit_group(self.new_tag_requested))
        self.rename_tag_button.clicked.connect(self._on_rename_tag)
        self.merge_button.clicked.connect(lambda: self.merge_requested.emit(self.selected_tag_ids()))
        self.delete_tags_button.clicked.connect(
            lambda: self.delete_tags_requested.emit(self.selected_tag_ids()))
        QShortcut(QKeySequence.StandardKey.Undo, self).activated.connect(self.undo_requested)
        self._update_buttons()

    def _tag_source(self, r: TagRow) -> str:
        if r.admin:
            return self.tr("管理后台（只读）")
        return self.tr("本地") if r.tag.is_local else self.tr("企业微信")

    # -- setters the controller calls --------------------------------------------------------
    def set_library(self, groups: Sequence[TagGroup], tags: Sequence[Tag], admin: set[int]) -> None:
        keep_group, keep_tags = self._group_id, set(self.selected_tag_ids())
        by_group: dict[int, list[Tag]] = {}
        for tag in tags:
            by_group.setdefault(tag.group_id, []).append(tag)
        info = {g.id: g for g in groups}
        self.group_model.set_records([
            GroupRow(g, len(by_group.get(g.id, [])),
                     sum(1 for tag in by_group.get(g.id, []) if tag.id in admin)) for g in groups])
        self.tag_model.set_records([
            TagRow(tag, info[tag.group_id].name if tag.group_id in info else "",
                   info[tag.group_id].dimension if tag.group_id in info else "", tag.id in admin)
            for tag in tags])
        self._fill_dimensions(groups, tags, info)
        self.summary.setText(self.tr("{groups} 个标签组 · {tags} 个标签 · 其中本地标签 {local} 个、"
                                     "管理后台标签 {admin} 个（只读）").format(
            groups=f"{len(groups):,}", tags=f"{len(tags):,}",
            local=f"{sum(1 for tag in tags if tag.is_local):,}", admin=f"{len(admin):,}"))
        self._group_id = keep_group if keep_group in info else None
        if self._group_id is not None:
            self.select_group(self._group_id)
        self._refilter()
        self.select_tags(keep_tags)

    def set_undo(self, text: str | None) -> None:
        self.undo_button.setEnabled(text is not None)
        self.undo_button.setToolTip(self.tr("撤销：{what}（Ctrl+Z）").format(what=text) if text else "")

    def select_group(self, group_id: int) -> bool:
        for row in range(self.group_proxy.rowCount()):
            index = self.group_proxy.index(row, 0)
            if index.data(RecordRole).group.id == group_id:
                self.groups_table.setCurrentIndex(index)
                return True
        return False

    def select_tags(self, tag_ids: set[int]) -> None:
        selection = self.tags_table.selectionModel()
        selection.clearSelection()
        for row in range(self.tag_proxy.rowCount()):
            index = self.tag_proxy.index(row, 0)
            if index.data(RecordRole).tag.id in tag_ids:
                selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        self._update_buttons()

    def selected_tag_rows(self) -> list[TagRow]:
        rows = self.tags_table.selectionModel().selectedRows()
        return [index.data(RecordRole) for index in sorted(rows, key=lambda i: i.row())]

    def selected_tag_ids(self) -> list[int]:
        return [r.tag.id for r in self.selected_tag_rows()]

    def current_group(self) -> TagGroup | None:
        index = self.groups_table.currentIndex()
        return index.data(RecordRole).group if index.isValid() else None

    # -- internal ------------------------------------------------------------------------------
    def _fill_dimensions(self, groups: Sequence[TagGroup], tags: Sequence[Tag],
                         info: dict[int, TagGroup]) -> None:
        counts: dict[str, int] = {}
        for tag in tags:
            if tag.group_id in info:
                counts[info[tag.group_id].dimension] = counts.get(info[tag.group_id].dimension, 0) + 1
        self.dimensions.blockSignals(True)
        self.dimensions.clear()
        for code, name in [(None, self.tr("全部维度"))] + [
                (d.value, labels.dimension_name(d.value)) for d in Dimension]:
            n = len(tags) if code is None else counts.get(code, 0)
            item = QListWidgetItem(self.tr("{name}（{n}）").format(name=name, n=n))
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.dimensions.addItem(item)
            if code == self._dimension:
                self.dimensions.setCurrentItem(item)
        self.dimensions.blockSignals(False)

    def _refilter(self) -> None:
        dimension, group_id, text = self._dimension, self._group_id, self._search
        self.group_proxy.set_predicate(
            lambda r: dimension is None or r.group.dimension == dimension)

        def accept(r: TagRow) -> bool:
            if dimension is not None and r.dimension != dimension:
                return False
            if text:  # a search looks through every group of the dimension
                return text in r.tag.name.lower()
            return group_id is None or r.tag.group_id == group_id
        self.tag_proxy.set_predicate(accept)
        group = self.current_group()
        if text:
            self.tags_title.setText(self.tr("搜索“{text}”：{n} 个标签").format(
                text=self.search.text().strip(), n=self.tag_proxy.rowCount()))
        elif group is not None:
            self.tags_title.setText(self.tr("“{group}”里的标签（{n}）").format(
                group=group.name, n=self.tag_proxy.rowCount()))
        else:
            scope = (labels.dimension_name(dimension) if dimension else self.tr("全部"))
            self.tags_title.setText(self.tr("{scope}标签（{n}）· 选择一个标签组可只看其中的标签").format(
                scope=scope, n=self.tag_proxy.rowCount()))
        self._update_buttons()

    def _on_dimension(self, row: int) -> None:
        item = self.dimensions.item(row)
        self._dimension = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        group = self.current_group()
        if group is not None and self._dimension not in (None, group.dimension):
            self.groups_table.setCurrentIndex(QModelIndex())
            self._group_id = None
        self._refilter()

    def _on_group(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(RecordRole) if current.isValid() else None
        self._group_id = row.group.id if row is not None else None
        self._refilter()

    def _on_search(self, text: str) -> None:
        self._search = text.strip().lower()
        self._refilter()

    def _emit_group(self, signal: Any) -> None:
        group = self.current_group()
        if group is not None:
            signal.emit(group.id)

    def _on_rename_tag(self) -> None:
        ids = self.selected_tag_ids()
        if len(ids) == 1:
            self.rename_tag_requested.emit(ids[0])

    def _update_buttons(self, *_: object) -> None:
        """Explain, rather than fail, what cannot be done with the current selection."""
        index = self.groups_table.currentIndex()
        group_row: GroupRow | None = index.data(RecordRole) if index.isValid() else None
        no_groups = self.group_model.rowCount() == 0
        pick_group = (self.tr("还没有标签组：先点「新建标签组…」建一个，再在里面新建标签")
                      if no_groups else self.tr("先在左侧选择一个标签组，新标签会放进这个组"))
        self.new_tag_button.setEnabled(group_row is not None)
        self.new_tag_button.setToolTip(pick_group if group_row is None else "")
        self.rename_group_button.setEnabled(group_row is not None)
        self.delete_group_button.setEnabled(group_row is not None and not group_row.admin_tags)
        self.delete_group_button.setToolTip(
            pick_group if group_row is None else
            self.tr("这个标签组里有 {n} 个在企业微信管理后台创建的标签，不能整组删除。").format(
                n=group_row.admin_tags) if group_row.admin_tags else "")
        rows = self.selected_tag_rows()
        admin = [r.tag.name for r in rows if r.admin]
        admin_text = self.tr("“{names}”在企业微信管理后台创建，只能在管理后台修改或删除。").format(
            names="、".join(admin[:3]) + ("…" if len(admin) > 3 else ""))
        pick_tags = self.tr("先在右侧表格里选择标签（按住 Ctrl 可多选）")
        for button, ok_count in ((self.rename_tag_button, len(rows) == 1),
                                 (self.merge_button, bool(rows)),
                                 (self.delete_tags_button, bool(rows))):
            button.setEnabled(ok_count and not admin)
            button.setToolTip(admin_text if admin else "" if ok_count else pick_tags)
        if admin:
            self.selection_hint.setText(admin_text)
        elif rows:
            members = sum(r.tag.member_count for r in rows)
            self.selection_hint.setText(self.tr("已选 {n} 个标签，共 {m} 人次").format(
                n=len(rows), m=f"{members:,}") if len(rows) > 1 else "")
        elif group_row is None:
            self.selection_hint.setText(
                self.tr("还没有标签组。先点「新建标签组…」建一个，再在里面新建标签；"
                        "也可以在「企业微信」页同步，把企业微信里的标签下载下来。") if no_groups
                else self.tr("要新建标签，先在左侧选择一个标签组。"))
        else:
            self.selection_hint.setText("")


class TagGroupDialog(QDialog):
    """Name and dimension of a new tag group. Read ``values()`` after ``accepted``."""

    def __init__(self, dimension: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建标签组"))
        self.setMinimumWidth(340)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setMaxLength(30)  # WeCom's limit for group names
        self.name.setPlaceholderText(self.tr("例如：宠物年龄"))
        form.addRow(self.tr("名称"), self.name)
        self.dimension = QComboBox()
        for d in Dimension:
            self.dimension.addItem(labels.dimension_name(d.value), d.value)
        self.dimension.setCurrentIndex(max(0, self.dimension.findData(dimension)))
        form.addRow(self.tr("维度"), self.dimension)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.name.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str]:
        return self.name.text().strip(), str(self.dimension.currentData())


class ConfirmDialog(QDialog):
    """Says exactly what a destructive action will touch before it happens."""

    def __init__(self, title: str, text: str, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        buttons = QDialogButtonBox()
        self.action_button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)  # Enter must not delete
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.label.text()
