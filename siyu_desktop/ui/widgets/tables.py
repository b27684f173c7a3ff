"""Column widths that survive translation: a designed width, widened to fit the header and any
known labels in the current language (level names, channel names...). Cheap: no data is read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

HEADER_PADDING = 30  # sort indicator and margins
CELL_PADDING = 16


def fit_columns(view: QTableView, widths: Mapping[int, int],
                samples: Mapping[int, Iterable[str]] | None = None) -> None:
    model = view.model()
    header_metrics = view.horizontalHeader().fontMetrics()
    cell_metrics = view.fontMetrics()
    for column, designed in widths.items():
        width = designed
        title = model.headerData(column, Qt.Orientation.Horizontal)
        if title:
            width = max(width, header_metrics.horizontalAdvance(str(title)) + HEADER_PADDING)
        for text in (samples or {}).get(column, ()):
            width = max(width, cell_metrics.horizontalAdvance(text) + CELL_PADDING)
        view.setColumnWidth(column, width)


def record_table(model: QAbstractItemModel, *, multi: bool = False, sortable: bool = True,
                 object_name: str = "") -> QTableView:
    """The read-only list table every screen uses: whole rows, no edits, compact rows."""
    view = QTableView()
    if object_name:
        view.setObjectName(object_name)
    view.setModel(model)
    view.setSortingEnabled(sortable)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setHighlightSections(False)
    return view
