"""Columns of a wide table that must stay usable on a small screen: one column takes whatever
width the others leave, cut text shows its full value on hover, and a right-click on the header
chooses which columns are shown (remembered on this computer)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

SETTINGS_ORGANISATION = "SiyuDesktop"
SETTINGS_APPLICATION = "SiyuDesktop"


def preferences() -> QSettings:
    """This computer's view preferences (column choices): not part of any workspace."""
    return QSettings(SETTINGS_ORGANISATION, SETTINGS_APPLICATION)


class ElidedTipDelegate(QStyledItemDelegate):
    """Cells cut short by the column end ("…") show their whole text as a tooltip; a cell that
    fits shows the model's own tooltip, if any."""

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView,  # noqa: N802
                  option: QStyleOptionViewItem,
                  index: QModelIndex | QPersistentModelIndex) -> bool:
        if event is None or event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        tip = self.tooltip(view, option, index)
        if not tip:
            return False  # as Qt's own: the view's tooltip, if any, shows instead
        QToolTip.showText(event.globalPos(), tip, view)
        return True

    @staticmethod
    def tooltip(view: QAbstractItemView, option: QStyleOptionViewItem,
                index: QModelIndex | QPersistentModelIndex) -> str | None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        if text and not tip and is_elided(view, option, index):
            tip = text
        return str(tip) if tip else None


def is_elided(view: QAbstractItemView, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> bool:
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if not text:
        return False
    margin = 2 * (view.style().pixelMetric(view.style().PixelMetric.PM_FocusFrameHMargin) + 1)
    return option.fontMetrics.horizontalAdvance(str(text)) + margin > option.rect.width()


class FillColumn(QObject):
    """Gives one column the width the other shown columns leave in the viewport (never less
    than ``minimum``; below that the table scrolls sideways). The others keep their widths,
    which the operator may drag."""

    def __init__(self, view: QTableView, column: int, minimum: int) -> None:
        super().__init__(view)
        self.view = view
        self.column = column
        self.minimum = minimum
        self._busy = False
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._on_section_resized)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _on_section_resized(self, section: int, _old: int, _new: int) -> None:
        if section != self.column:
            self.fit()

    def fit(self) -> None:
        if self._busy:
            return
        header = self.view.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != self.column and not header.isSectionHidden(c))
        width = max(self.minimum, self.view.viewport().width() - others)
        self._busy = True
        try:
            header.resizeSection(self.column, width)
        finally:
            self._busy = False


class ColumnChooser(QObject):
    """Right-click on the header: a checkable list of the columns. The choice is stored under
    ``key`` in ``settings`` as the hidden columns' names, so a column added later shows."""

    changed = Signal()

    def __init__(self, view: QTableView, names: Mapping[int, str], key: str, settings: QSettings,
                 *, default_hidden: Collection[int] = (), locked: Collection[int] = ()) -> None:
        super().__init__(view)
        self.view = view
        self.names = dict(names)  # column → stable name (stored)
        self.key = key
        self.settings = settings
        self.locked = set(locked)
        self.menu: QMenu | None = None
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._open_menu)
        stored = settings.value(key)
        if stored is None:
            hidden = set(default_hidden)
        else:
            by_name = {name: column for column, name in self.names.items()}
            hidden = {by_name[n] for n in str(stored).split(",") if n in by_name}
        for column in self.names:
            view.setColumnHidden(column, column in hidden and column not in self.locked)

    def hidden(self) -> set[int]:
        return {c for c in self.names if self.view.isColumnHidden(c)}

    def set_shown(self, column: int, shown: bool) -> None:
        if column in self.locked:
            return
        self.view.setColumnHidden(column, not shown)
        if shown and self.view.columnWidth(column) < 20:  # hidden before any width was set
            self.view.resizeColumnToContents(column)
        names = sorted(self.names[c] for c in self.hidden())
        self.settings.setValue(self.key, ",".join(names))
        self.settings.sync()
        self.changed.emit()

    def build_menu(self) -> QMenu:
        menu = QMenu(self.view)
        menu.setObjectName("columnChooser")
        model = self.view.model()
        for column in sorted(self.names):
            title = model.headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(str(title))
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(column))
            action.setEnabled(column not in self.locked)
            action.setData(column)
            action.toggled.connect(lambda on, c=column: self.set_shown(c, on))
        return menu

    def _open_menu(self, pos: QPoint) -> None:
        header: QHeaderView = self.view.horizontalHeader()
        self.menu = self.build_menu()
        self.menu.aboutToHide.connect(self.menu.deleteLater)
        self.menu.popup(header.mapToGlobal(pos))
