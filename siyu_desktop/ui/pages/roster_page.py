"""成员 Roster: the filter bar, search, the big table, tag facets and the member detail panel.

Layout only: the controller fills it and listens to its signals.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import labels
from ..models.record_model import ColumnSpec, RecordTableModel
from ..models.roster_model import Column, RosterModel, SortRole
from ..widgets.member_detail import MemberDetailPanel
from ..widgets.segment_bar import SegmentBar
from ..widgets.tables import fit_columns

COLUMN_WIDTHS = {Column.NAME: 110, Column.PHONE: 110, Column.LEVEL: 56, Column.CHANNEL: 80,
                 Column.TAGS: 240, Column.STAFF: 90, Column.JOINED: 92, Column.ACTIVE: 92,
                 Column.BIRTHDAY: 60, Column.POINTS: 70, Column.REMARK: 140}


class RosterPage(QWidget):
    search_changed = Signal(str)
    add_tag_requested = Signal()
    remove_tag_requested = Signal()
    undo_requested = Signal()
    import_requested = Signal()
    export_requested = Signal()
    save_segment_requested = Signal()
    saved_segment_chosen = Signal(int)
    delete_segment_requested = Signal(int)
    facet_activated = Signal(int)
    current_member_changed = Signal(int)

    def __init__(self, model: RosterModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.setSpacing(8)

        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("搜索姓名、手机号、备注或拼音首字母（如 zs）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.search_changed)
        top.addWidget(self.search, 3)
        self.saved = QComboBox()
        self.saved.setMinimumWidth(160)
        self.saved.activated.connect(self._on_saved_chosen)
        top.addWidget(QLabel(self.tr("人群包")))
        top.addWidget(self.saved, 1)
        self.save_button = QPushButton(self.tr("保存为人群包…"))
        self.save_button.clicked.connect(self.save_segment_requested)
        top.addWidget(self.save_button)
        self.delete_segment_button = QPushButton(self.tr("删除人群包"))
        self.delete_segment_button.clicked.connect(self._on_delete_segment)
        self.delete_segment_button.setEnabled(False)
        top.addWidget(self.delete_segment_button)
        layout.addLayout(top)

        self.segment_bar = SegmentBar()
        layout.addWidget(self.segment_bar)

        actions = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        actions.addWidget(self.count_label)
        self.selection_label = QLabel()
        actions.addWidget(self.selection_label)
        actions.addStretch(1)
        self.add_tag_button = QPushButton(self.tr("添加标签…"))
        self.remove_tag_button = QPushButton(self.tr("移除标签…"))
        self.undo_button = QPushButton(self.tr("撤销"))
        self.undo_button.setEnabled(False)
        self.add_tag_button.clicked.connect(self.add_tag_requested)
        self.remove_tag_button.clicked.connect(self.remove_tag_requested)
        self.undo_button.clicked.connect(self.undo_requested)
        for b in (self.add_tag_button, self.remove_tag_button, self.undo_button):
            actions.addWidget(b)
        actions.addSpacing(12)
        self.import_button = QPushButton(self.tr("导入 Excel…"))
        self.import_button.setToolTip(self.tr("从 Excel / CSV 导入客户名单，先预览再写入"))
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.setToolTip(self.tr("导出选中的客户；没有选中时导出当前筛选出的全部客户"))
        self.import_button.clicked.connect(self.import_requested)
        self.export_button.clicked.connect(self.export_requested)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        layout.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        # facets: members per tag inside the current filter
        facet_box = QWidget()
        facet_layout = QVBoxLayout(facet_box)
        facet_layout.setContentsMargins(0, 0, 0, 0)
        facet_title = QLabel(self.tr("标签分布（当前筛选）"))
        facet_title.setObjectName("sectionTitle")
        facet_layout.addWidget(facet_title)
        self.facet_filter = QLineEdit()
        self.facet_filter.setPlaceholderText(self.tr("筛选标签"))
        self.facet_filter.setClearButtonEnabled(True)
        facet_layout.addWidget(self.facet_filter)
        self.facet_model: RecordTableModel[tuple[int, str, int]] = RecordTableModel([
            ColumnSpec(self.tr("标签"), lambda r: r[1]),
            ColumnSpec(self.tr("人数"), lambda r: f"{r[2]:,}", sort=lambda r: r[2], align_right=True),
        ])
        self.facet_proxy = QSortFilterProxyModel(self)
        self.facet_proxy.setSourceModel(self.facet_model)
        self.facet_proxy.setSortRole(SortRole)
        self.facet_proxy.setFilterKeyColumn(0)
        self.facet_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.facet_filter.textChanged.connect(self.facet_proxy.setFilterFixedString)
        self.facets = QTableView()
        self.facets.setModel(self.facet_proxy)
        self.facets.setSortingEnabled(True)
        self.facets.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.facets.verticalHeader().hide()
        self.facets.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.facets.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.facets.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.facets.setToolTip(self.tr("双击一个标签，把它加入筛选"))
        self.facets.doubleClicked.connect(self._on_facet)
        facet_layout.addWidget(self.facets)
        splitter.addWidget(facet_box)

        self.table = QTableView()
        self.table.setObjectName("rosterTable")
        self.table.setModel(model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().hide()
        fit_columns(self.table, COLUMN_WIDTHS, {
            Column.LEVEL: [labels.level_name(level) for level in range(4)],
            Column.CHANNEL: [labels.channel_name(c) for c in ("package_card", "offline_event",
                                                              "live_stream", "mini_program")],
        })
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        model.modelReset.connect(self._on_reset)
        splitter.addWidget(self.table)

        self.detail = MemberDetailPanel()
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        splitter.setSizes([210, 800, 320])
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence.StandardKey.Undo, self, activated=self.undo_requested.emit)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)

    # -- setters the controller calls --------------------------------------------------------
    def set_count(self, shown: int, total: int) -> None:
        if shown == total:
            self.count_label.setText(self.tr("共 {n} 位客户").format(n=f"{total:,}"))
        else:
            self.count_label.setText(self.tr("筛选出 {n} / {total} 位客户").format(
                n=f"{shown:,}", total=f"{total:,}"))

    def set_facets(self, rows: list[tuple[int, str, int]]) -> None:
        self.facet_model.set_records(rows)

    def set_saved_segments(self, items: list[tuple[int, str]], current: int | None = None) -> None:
        self.saved.blockSignals(True)
        self.saved.clear()
        self.saved.addItem(self.tr("（当前筛选）"), None)
        for segment_id, name in items:
            self.saved.addItem(name, segment_id)
        index = self.saved.findData(current) if current is not None else 0
        self.saved.setCurrentIndex(max(0, index))
        self.delete_segment_button.setEnabled(current is not None)
        self.saved.blockSignals(False)

    def set_undo(self, text: str | None) -> None:
        self.undo_button.setEnabled(text is not None)
        self.undo_button.setToolTip(text or "")

    def selected_rows(self) -> list[tuple[int, int]]:
        """Selected row ranges (top, bottom inclusive): never a list of a million indexes."""
        return [(r.top(), r.bottom()) for r in self.table.selectionModel().selection()]

    def selected_count(self) -> int:
        return sum(bottom - top + 1 for top, bottom in self.selected_rows())

    # -- internal ------------------------------------------------------------------------------
    def _on_saved_chosen(self, index: int) -> None:
        segment_id = self.saved.itemData(index)
        self.delete_segment_button.setEnabled(segment_id is not None)
        if segment_id is not None:
            self.saved_segment_chosen.emit(int(segment_id))

    def _on_delete_segment(self) -> None:
        segment_id = self.saved.currentData()
        if segment_id is not None:
            self.delete_segment_requested.emit(int(segment_id))

    def _on_facet(self, index: object) -> None:
        source = self.facet_proxy.mapToSource(index)  # type: ignore[arg-type]
        if source.isValid():
            self.facet_activated.emit(self.facet_model.record(source.row())[0])

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        n = self.selected_count()
        self.selection_label.setText(self.tr("已选 {n} 人").format(n=f"{n:,}") if n else "")

    def _on_reset(self) -> None:
        # a new id list: the old selection and the member shown may no longer be in it
        self.selection_label.clear()
        self.detail.set_detail(None)

    def _on_current(self, current: object, _previous: object) -> None:
        row = current.row() if current.isValid() else -1  # type: ignore[attr-defined]
        if 0 <= row < self.model.rowCount():
            self.current_member_changed.emit(self.model.id_at(row))
