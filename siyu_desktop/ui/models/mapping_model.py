"""The column mapping of an import as a table: one row per column of the file, with its header,
a few sample values and the member field it feeds. The field column is editable (a combo box via
``FieldDelegate``); every edit yields a new ``ColumnMapping`` through ``mapping_edited``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ...excel.mapping import FIELD_ALIASES, ColumnMapping
from ...excel.normalize import cell_text
from ...excel.reader import CellValue

Index = QModelIndex | QPersistentModelIndex
EXTRA = "__extra__"  # kept as-is in the member's extra information
SKIP = "__skip__"  # not imported
COL_HEADER, COL_SAMPLE, COL_FIELD = range(3)


class MappingModel(QAbstractTableModel):
    mapping_edited = Signal(object)  # ColumnMapping

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._header: list[str] = []
        self._samples: list[str] = []
        self._mapping = ColumnMapping()
        self._labels = self.field_labels()

    def field_labels(self) -> dict[str, str]:
        """Every choice of the field column, in the order the combo shows them."""
        names = {
            "name": self.tr("客户名称"), "phone": self.tr("手机号"),
            "external_userid": self.tr("客户ID"), "unionid": self.tr("unionid"),
            "level": self.tr("会员等级"), "channel": self.tr("渠道"), "birthday": self.tr("生日"),
            "added_at": self.tr("添加时间"), "staff": self.tr("跟进人"), "groups": self.tr("所在群"),
            "tags": self.tr("标签"), "points": self.tr("积分"), "gender": self.tr("性别"),
            "remark": self.tr("备注"),
        }
        return {**{f: names.get(f, f) for f in FIELD_ALIASES},
                EXTRA: self.tr("附加信息（原样保存）"), SKIP: self.tr("不导入")}

    def set_mapping(self, header: Sequence[CellValue], samples: Sequence[Sequence[CellValue]],
                    mapping: ColumnMapping) -> None:
        self.beginResetModel()
        self._header = [cell_text(h) for h in header]
        self._samples = [
            " / ".join(t for row in samples if col < len(row) and (t := cell_text(row[col])))
            for col in range(len(header))]
        self._mapping = mapping
        self.endResetModel()

    def mapping(self) -> ColumnMapping:
        return self._mapping

    def choice(self, column: int) -> str:
        """The field key (or EXTRA / SKIP) of a file column."""
        for fld, col in self._mapping.fields.items():
            if col == column:
                return fld
        return EXTRA if column in self._mapping.extras.values() else SKIP

    def choose(self, column: int, key: str) -> None:
        """Point a file column at a field, at the extras, or at nothing."""
        if key == self.choice(column):
            return
        mapping = self._mapping
        if key in FIELD_ALIASES:
            mapping = mapping.with_field(key, column)
        else:
            fields = {f: c for f, c in mapping.fields.items() if c != column}
            extras = {h: c for h, c in mapping.extras.items() if c != column}
            if key == EXTRA:
                title = self._header[column] or self.tr("第{n}列").format(n=column + 1)
                while title in extras or title in FIELD_ALIASES:
                    title += "'"
                extras[title] = column
            mapping = replace(mapping, fields=fields, extras=extras)
        self._mapping = mapping
        self.dataChanged.emit(self.index(0, COL_FIELD), self.index(self.rowCount() - 1, COL_FIELD))
        self.mapping_edited.emit(mapping)

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._header)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            titles = (self.tr("文件中的列"), self.tr("示例"), self.tr("导入为"))
            return titles[section] if 0 <= section < 3 else None
        return section + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._header):
            return None
        row, col = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == COL_HEADER:
                return self._header[row] or self.tr("（无表头）")
            if col == COL_SAMPLE:
                return self._samples[row]
            # The arrow says "this is a choice" before anyone clicks it.
            label = self._labels[self.choice(row)]
            return f"{label}  ▾" if role == Qt.ItemDataRole.DisplayRole else label
        if role == Qt.ItemDataRole.EditRole and col == COL_FIELD:
            return self.choice(row)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_FIELD and self.choice(row) == SKIP:
            return Qt.GlobalColor.gray
        return None

    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or index.column() != COL_FIELD or role != Qt.ItemDataRole.EditRole
                or value not in self._labels):
            return False
        self.choose(index.row(), str(value))
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == COL_FIELD else flags


class FieldDelegate(QStyledItemDelegate):
    """A combo box of the fields for the "导入为" column."""

    def __init__(self, model: MappingModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        for key, label in self._model.field_labels().items():
            combo.addItem(label, key)
        # Commit as soon as the operator picks, not when the editor loses focus.
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
