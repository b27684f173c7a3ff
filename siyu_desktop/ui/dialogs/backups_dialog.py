"""备份与恢复: the workspace's backups, newest first (time in the workspace's time zone, kind,
size, members), with 立即备份, 恢复所选备份… and 导出工作区副本….

A dumb dialog: it is given the backups (``set_backups``) and says what the operator wants through
``back_up_requested``, ``restore_requested`` (the chosen ``BackupInfo``) and ``export_requested``;
the backups controller does the work and shows busy state (``set_busy``) and results here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import IntEnum
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services.backups import AUTO, MIGRATION, SAFETY, BackupInfo
from .. import labels

Index = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(IntEnum):
    TIME = 0
    KIND = 1
    SIZE = 2
    MEMBERS = 3


def size_text(size_bytes: int) -> str:
    if size_bytes < 1024 * 1024:
        return f"{max(size_bytes, 0) / 1024:,.0f} KB"
    return f"{size_bytes / (1024 * 1024):,.1f} MB"


def backup_time(epoch: float, zone: ZoneInfo | None) -> str:
    """With seconds: two backups made now one after the other differ only there."""
    return datetime.fromtimestamp(epoch, zone or labels.TZ).strftime("%Y-%m-%d %H:%M:%S")


class BackupsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[BackupInfo] = []
        self.zone: ZoneInfo | None = None

    def set_rows(self, rows: Sequence[BackupInfo], zone: ZoneInfo | None) -> None:
        self.beginResetModel()
        self.rows = sorted(rows, key=lambda b: b.made_at, reverse=True)
        self.zone = zone
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {Column.TIME: self.tr("备份时间"), Column.KIND: self.tr("类型"),
                Column.SIZE: self.tr("大小"), Column.MEMBERS: self.tr("客户数")}[Column(section)]

    def kind_text(self, kind: str) -> str:
        return {AUTO: self.tr("备份"), SAFETY: self.tr("恢复前保留的副本"),
                MIGRATION: self.tr("升级前的副本")}.get(kind, kind)

    def members_text(self, members: int | None) -> str:
        return self.tr("无法读取") if members is None else labels.fmt_count(members)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = Column(index.column())
        if role == RECORD_ROLE:
            return row
        if role == SORT_ROLE:
            return {Column.TIME: row.made_at, Column.KIND: row.kind, Column.SIZE: row.size_bytes,
                    Column.MEMBERS: -1 if row.members is None else row.members}[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.TIME:
                return backup_time(row.made_at, self.zone)
            if column == Column.KIND:
                return self.kind_text(row.kind)
            if column == Column.SIZE:
                return size_text(row.size_bytes)
            return self.members_text(row.members)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(row.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.SIZE, Column.MEMBERS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BackupsDialog(QDialog):
    back_up_requested = Signal()
    restore_requested = Signal(object)  # BackupInfo
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("备份与恢复"))
        self.resize(720, 440)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr(
            "每天自动备份一次，保留最近几份；恢复前，当前的工作区文件会先另存一份副本，"
            "也列在这里。导出的副本可以交给同事，用“打开工作区文件”打开。"))
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.model = BackupsModel(self)
        self.table = QTableView()
        self.table.setObjectName("backupsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.KIND, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self._restore())
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("还没有备份。点“立即备份”做第一份。"))
        self.empty.setObjectName("hintLabel")
        self.empty.hide()
        layout.addWidget(self.empty)

        self.status = QLabel()
        self.status.setObjectName("backupsStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(6)
        self.busy_bar.hide()
        layout.addWidget(self.busy_bar)

        buttons = QHBoxLayout()
        self.back_up_button = QPushButton(self.tr("立即备份"))
        self.back_up_button.setObjectName("backUpNow")
        self.back_up_button.clicked.connect(self.back_up_requested)
        self.restore_button = QPushButton(self.tr("恢复所选备份…"))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.setEnabled(False)
        self.restore_button.setToolTip(self.tr("先在列表中选一份备份。"))
        self.restore_button.clicked.connect(self._restore)
        self.export_button = QPushButton(self.tr("导出工作区副本…"))
        self.export_button.setObjectName("exportCopy")
        self.export_button.clicked.connect(self.export_requested)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.close)
        for button in (self.back_up_button, self.restore_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self._busy = False

    # -- filled by the controller --------------------------------------------------------------
    def set_backups(self, rows: Sequence[BackupInfo], zone: ZoneInfo | None) -> None:
        self.model.set_rows(rows, zone)
        self.empty.setVisible(not rows)
        self._selection_changed()

    def set_busy(self, text: str) -> None:
        """Long work under way (``text`` says which) or over (``""``)."""
        self._busy = bool(text)
        self.busy_bar.setVisible(self._busy)
        self.back_up_button.setEnabled(not self._busy)
        self.export_button.setEnabled(not self._busy)
        self._selection_changed()
        if text:
            self.set_status(text)

    def set_status(self, text: str, error: bool = False) -> None:
        self.status.setProperty("error", error)
        self.status.setStyleSheet("color: #c0392b;" if error else "")
        self.status.setText(text)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def select_path(self, path: object) -> None:
        for i, row in enumerate(self.model.rows):
            if row.path == path:
                self.table.selectRow(i)
                return

    def _selection_changed(self, *_args: object) -> None:
        chosen = self.selected()
        can = chosen is not None and chosen.members is not None and not self._busy
        self.restore_button.setEnabled(can)
        if can or self._busy:
            tip = ""
        elif chosen is None:
            tip = self.tr("先在列表中选一份备份。")
        else:
            tip = self.tr("这份备份无法读取，不能用来恢复。")
        self.restore_button.setToolTip(tip)

    def _restore(self) -> None:
        chosen = self.selected()
        if chosen is not None and self.restore_button.isEnabled():
            self.restore_requested.emit(chosen)
