"""The roster table's model: an id list (numpy) over the whole workspace, rows loaded a page at a
time on demand and kept in a small cache — never every row in Python objects (after Anki's
browser table). Sorting is asked of the controller, which hands back a new id list."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ...services.types import RosterRow
from .. import labels

Index = QModelIndex | QPersistentModelIndex
RecordRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
SortRole = Qt.ItemDataRole.UserRole + 3


class Column(IntEnum):
    NAME = 0
    PHONE = 1
    LEVEL = 2
    CHANNEL = 3
    TAGS = 4
    STAFF = 5
    JOINED = 6
    ACTIVE = 7
    BIRTHDAY = 8
    POINTS = 9
    REMARK = 10


SORT_KEYS: dict[Column, str] = {
    Column.NAME: "name", Column.LEVEL: "level", Column.CHANNEL: "channel",
    Column.JOINED: "joined_at", Column.ACTIVE: "last_active_at", Column.BIRTHDAY: "birth_md",
    Column.POINTS: "points",
}


def header_text(column: Column) -> str:
    return QCoreApplication.translate("RosterModel", str(HEADERS[column]))


HEADERS = {
    Column.NAME: QT_TRANSLATE_NOOP("RosterModel", "姓名"),
    Column.PHONE: QT_TRANSLATE_NOOP("RosterModel", "手机号"),
    Column.LEVEL: QT_TRANSLATE_NOOP("RosterModel", "等级"),
    Column.CHANNEL: QT_TRANSLATE_NOOP("RosterModel", "渠道"),
    Column.TAGS: QT_TRANSLATE_NOOP("RosterModel", "标签"),
    Column.STAFF: QT_TRANSLATE_NOOP("RosterModel", "跟进员工"),
    Column.JOINED: QT_TRANSLATE_NOOP("RosterModel", "添加时间"),
    Column.ACTIVE: QT_TRANSLATE_NOOP("RosterModel", "最近活跃"),
    Column.BIRTHDAY: QT_TRANSLATE_NOOP("RosterModel", "生日"),
    Column.POINTS: QT_TRANSLATE_NOOP("RosterModel", "积分"),
    Column.REMARK: QT_TRANSLATE_NOOP("RosterModel", "备注"),
}


class RosterModel(QAbstractTableModel):
    sort_requested = Signal(str, bool)  # key, descending

    PAGE = 200
    PAGES_KEPT = 64

    def __init__(self, fetch_rows: Callable[[Sequence[int]], dict[int, RosterRow]],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch = fetch_rows
        self._ids = np.zeros(0, dtype=np.int64)
        self._pages: OrderedDict[int, list[RosterRow | None]] = OrderedDict()
        self._channel_names: dict[str, str] = {}

    # -- feeding -------------------------------------------------------------------------------
    def set_ids(self, ids: np.ndarray) -> None:
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self.endResetModel()

    def set_channel_names(self, names: dict[str, str]) -> None:
        """Channel code → name, from the workspace's channel list (渠道)."""
        self._channel_names = dict(names)
        if len(self._ids):
            self.dataChanged.emit(self.index(0, int(Column.CHANNEL)),
                                  self.index(len(self._ids) - 1, int(Column.CHANNEL)))

    def refresh_rows(self) -> None:
        """Data changed but the list did not (tags added): drop the cache, repaint."""
        self._pages.clear()
        if len(self._ids):
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(Column) - 1))

    @property
    def ids(self) -> np.ndarray:
        return self._ids

    def id_at(self, row: int) -> int:
        return int(self._ids[row])

    def row_of(self, member_id: int) -> int:
        hits = np.flatnonzero(self._ids == member_id)
        return int(hits[0]) if len(hits) else -1

    def record(self, row: int) -> RosterRow | None:
        page_no = row // self.PAGE
        page = self._pages.get(page_no)
        if page is None:
            start = page_no * self.PAGE
            chunk = [int(i) for i in self._ids[start:start + self.PAGE]]
            fetched = self._fetch(chunk)
            page = [fetched.get(i) for i in chunk]
            self._pages[page_no] = page
            while len(self._pages) > self.PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[row % self.PAGE]

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            return header_text(Column(section))
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        if role == IdRole:
            return int(self._ids[index.row()])
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RecordRole,
                        SortRole, Qt.ItemDataRole.TextAlignmentRole):
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == Column.POINTS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        r = self.record(index.row())
        if r is None:
            return None
        if role == RecordRole:
            return r
        if role == SortRole:
            return _sort_value(r, column, self._channel_names)
        if role == Qt.ItemDataRole.ToolTipRole:
            # the view shows any cut-short cell's whole text; dates add the time of day here
            if column == Column.JOINED:
                return labels.fmt_time(r.joined_at) or None
            if column == Column.ACTIVE:
                return labels.fmt_time(r.last_active_at) or None
            return None
        return _display(r, column, self._channel_names)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(Column(column)) if 0 <= column < len(Column) else None
        if key is not None:
            self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)


def _display(r: RosterRow, column: Column, channels: dict[str, str] | None = None) -> str:
    match column:
        case Column.NAME:
            return r.name
        case Column.PHONE:
            return r.phone
        case Column.LEVEL:
            return labels.level_name(r.level)
        case Column.CHANNEL:
            return labels.channel_name(r.channel, channels)
        case Column.TAGS:
            return r.tags
        case Column.STAFF:
            return r.staff
        case Column.JOINED:
            return labels.fmt_time(r.joined_at, with_time=False)
        case Column.ACTIVE:
            return labels.fmt_time(r.last_active_at, with_time=False)
        case Column.BIRTHDAY:
            return r.birthday[5:] if r.birthday else ""
        case Column.POINTS:
            return f"{r.points:,}"
        case Column.REMARK:
            return r.remark
    return ""


def _sort_value(r: RosterRow, column: Column, channels: dict[str, str] | None = None) -> Any:
    match column:
        case Column.LEVEL:
            return r.level
        case Column.JOINED:
            return r.joined_at or 0
        case Column.ACTIVE:
            return r.last_active_at or 0
        case Column.POINTS:
            return r.points
    return _display(r, column, channels)
