"""渠道列表: the workspace's channels with their names, codes, aliases and member counts.

A dumb dialog: it is given the channels (``set_channels``) and says what the operator wants
through ``save_requested`` (the edited list: names, aliases, channels added or removed) and
``merge_requested`` (source code, target code). The roster controller does the writes and shows
the result or the error (``show_error``) here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.channels import Channel, ChannelList, ChannelUse, format_aliases, parse_aliases
from ...errors import UserError
from ..i18n import user_error_text

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    CODE = 1
    ALIASES = 2
    MEMBERS = 3


@dataclass(frozen=True, slots=True)
class ChannelRow:
    code: str  # "" for a channel added here and not saved yet (its code will be its name)
    name: str
    aliases: str  # as the operator edits them: 「直播间、抖音直播」
    members: int
    listed: bool = True


class ChannelTableModel(QAbstractTableModel):
    """The rows being edited; names and aliases are editable in place."""

    edited = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ChannelRow] = []

    def set_rows(self, rows: Sequence[ChannelRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {Column.NAME: self.tr("名称"), Column.CODE: self.tr("代码"),
                Column.ALIASES: self.tr("别名（用、或逗号分隔）"),
                Column.MEMBERS: self.tr("客户数")}[Column(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r, column = self.rows[index.row()], Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            match column:
                case Column.NAME:
                    return r.name
                case Column.CODE:
                    if not r.code:
                        return self.tr("（保存后生成）")
                    return r.code if r.listed else self.tr("{code}（未登记）").format(code=r.code)
                case Column.ALIASES:
                    return r.aliases
                case Column.MEMBERS:
                    return f"{r.members:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.MEMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and not r.listed:
            return self.tr("企业微信带来的渠道代码，还不在渠道列表里；保存后加入列表。")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (Column.NAME, Column.ALIASES):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        r = self.rows[index.row()]
        if index.column() == Column.NAME:
            self.rows[index.row()] = replace(r, name=str(value).strip())
        elif index.column() == Column.ALIASES:
            self.rows[index.row()] = replace(r, aliases=str(value))
        else:
            return False
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def add_row(self) -> int:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(ChannelRow("", "", "", 0))
        self.endInsertRows()
        self.edited.emit()
        return len(self.rows) - 1

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self.endRemoveRows()
        self.edited.emit()

    def channel_list(self) -> ChannelList:
        """The rows as a channel list; raises ValidationError (in the operator's words)."""
        return ChannelList.of(
            Channel(r.code or r.name.strip(), r.name.strip(), parse_aliases(r.aliases))
            for r in self.rows)


class ChannelsDialog(QDialog):
    save_requested = Signal(object)  # ChannelList
    merge_requested = Signal(str, str)  # source code, target code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("渠道列表"))
        self.resize(720, 460)
        self.dirty = False
        # asks before a merge; replaced in tests
        self.confirm: Callable[[str], bool] = self._ask
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("导入和企业微信带来的渠道写法（别名）都会归到这里的渠道；"
                               "客户保存的是渠道代码，改名不影响已有客户。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.model = ChannelTableModel(self)
        self.model.edited.connect(self._on_edited)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.ALIASES, QHeaderView.ResizeMode.Stretch)
        for column, width in ((Column.NAME, 120), (Column.CODE, 130), (Column.MEMBERS, 80)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("新增渠道"))
        self.add_button.clicked.connect(self._add)
        self.delete_button = QPushButton(self.tr("删除渠道"))
        self.delete_button.clicked.connect(self._delete)
        row.addWidget(self.add_button)
        row.addWidget(self.delete_button)
        row.addSpacing(16)
        row.addWidget(QLabel(self.tr("把选中的渠道合并到")))
        self.merge_target = QComboBox()
        self.merge_target.setMinimumWidth(120)
        row.addWidget(self.merge_target)
        self.merge_button = QPushButton(self.tr("合并"))
        self.merge_button.clicked.connect(self._merge)
        row.addWidget(self.merge_button)
        row.addStretch(1)
        layout.addLayout(row)

        self.error = QLabel()
        self.error.setObjectName("inlineError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        layout.addWidget(self.error)

        buttons = QHBoxLayout()
        self.status = QLabel()
        buttons.addWidget(self.status, 1)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- fed by the controller -----------------------------------------------------------------
    def set_channels(self, uses: Sequence[ChannelUse], status: str = "") -> None:
        """Show the workspace's channels as saved (edits not saved yet are dropped)."""
        self.model.set_rows([ChannelRow(u.channel.code, u.channel.name,
                                        format_aliases(u.channel.aliases), u.members, u.listed)
                             for u in uses])
        self.dirty = False
        self.error.hide()
        self.status.setText(status)
        self._update_buttons()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def show_user_error(self, exc: UserError) -> None:
        self.show_error(user_error_text(exc, " "))

    # -- the operator --------------------------------------------------------------------------
    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def select_code(self, code: str) -> None:
        for i, r in enumerate(self.model.rows):
            if r.code == code:
                self.table.selectRow(i)
                return

    def _on_edited(self) -> None:
        self.dirty = True
        self.status.setText(self.tr("有未保存的修改"))
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        row = self.selected_row()
        r = self.model.rows[row] if row is not None else None
        self.delete_button.setEnabled(r is not None and r.members == 0)
        self.delete_button.setToolTip(
            self.tr("还有客户的渠道不能删除，可以把它合并到另一个渠道。")
            if r is not None and r.members else "")
        current = self.merge_target.currentData()
        self.merge_target.clear()
        for other in self.model.rows:
            if r is not None and other.code and other.code != r.code and other.listed:
                self.merge_target.addItem(other.name, other.code)
        if current is not None and self.merge_target.findData(current) >= 0:
            self.merge_target.setCurrentIndex(self.merge_target.findData(current))
        self.merge_button.setEnabled(r is not None and bool(r.code)
                                     and self.merge_target.count() > 0)

    def _add(self) -> None:
        row = self.model.add_row()
        index = self.model.index(row, Column.NAME)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def _delete(self) -> None:
        row = self.selected_row()
        if row is not None and self.model.rows[row].members == 0:
            self.model.remove_row(row)

    def _save(self) -> None:
        try:
            edited = self.model.channel_list()
        except UserError as exc:
            self.show_user_error(exc)
            return
        self.error.hide()
        self.save_requested.emit(edited)

    def _merge(self) -> None:
        row = self.selected_row()
        target = self.merge_target.currentData()
        if row is None or target is None:
            return
        if self.dirty:
            self.show_error(self.tr("请先保存或放弃（关闭后重新打开）其他修改，再合并渠道。"))
            return
        source = self.model.rows[row]
        text = self.tr("把渠道「{a}」的 {n} 位客户移到「{b}」，并把「{a}」作为「{b}」的别名？"
                       "可以在操作记录中撤销。").format(
            a=source.name, b=self.merge_target.currentText(), n=f"{source.members:,}")
        if self.confirm(text):
            self.merge_requested.emit(source.code, str(target))

    def _ask(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("合并渠道"), text,
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("合并"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("取消"))
        return box.exec() == QMessageBox.StandardButton.Ok
