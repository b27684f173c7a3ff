"""成员 Roster: the filter bar, search, the big table, tag facets and the member detail panel.

Layout only: the controller fills it and listens to its signals.
"""

from __future__ import annotations

from PySide6.QtCore import SIGNAL, QItemSelection, QSettings, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import labels
from ..models.record_model import ColumnSpec, RecordTableModel
from ..models.roster_model import Column, RosterModel, SortRole
from ..widgets.columns import ColumnChooser, ElidedTipDelegate, FillColumn, preferences
from ..widgets.member_detail import MemberDetailPanel
from ..widgets.segment_bar import SegmentBar
from ..widgets.tables import fit_columns

# designed widths, widened by fit_columns to the header and sample values in the current language;
# 标签 takes what the others leave (never less than TAGS_MIN_WIDTH, then the table scrolls)
COLUMN_WIDTHS: dict[int, int] = {Column.NAME: 72, Column.PHONE: 100, Column.LEVEL: 52, Column.CHANNEL: 64,
                 Column.TAGS: 160, Column.STAFF: 84, Column.JOINED: 84, Column.ACTIVE: 84,
                 Column.BIRTHDAY: 56, Column.POINTS: 64, Column.REMARK: 140}
COLUMN_SAMPLES: dict[int, list[str]] = {
    Column.NAME: ["欧阳娜娜"],
    Column.PHONE: ["13800138000"],
    Column.JOINED: ["2026-12-28"],
    Column.ACTIVE: ["2026-12-28"],
    Column.BIRTHDAY: ["12-28"],
    Column.POINTS: ["88,888"],
}
TAGS_MIN_WIDTH = 140
# shown until the operator chooses otherwise (right-click on the header)
DEFAULT_HIDDEN = (Column.BIRTHDAY, Column.POINTS, Column.REMARK)
HIDDEN_COLUMNS_KEY = "roster/hidden_columns"
# the tag distribution folds away when the table would not fit its columns beside it (its
# button brings it back); margins, splitter handles and the scroll bar around the table
PAGE_CHROME_WIDTH = 24 + 2 * 6 + 20


class RosterPage(QWidget):
    search_changed = Signal(str)
    add_tag_requested = Signal()
    remove_tag_requested = Signal()
    undo_requested = Signal()
    import_requested = Signal()
    connect_requested = Signal()  # the empty workspace's 「连接企业微信并同步」: show that screen
    export_requested = Signal()
    save_segment_requested = Signal()
    saved_segment_chosen = Signal(int)
    delete_segment_requested = Signal(int)
    facet_activated = Signal(int)
    current_member_changed = Signal(int)

    def __init__(self, model: RosterModel, parent: QWidget | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.settings = settings if settings is not None else preferences()
        self._facets_auto = True  # until the operator shows or hides them with the button
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
        self.facets_button = QToolButton()
        self.facets_button.setObjectName("facetsButton")
        self.facets_button.setText(self.tr("标签分布"))
        self.facets_button.setToolTip(self.tr("显示或隐藏左侧的标签分布"))
        self.facets_button.setCheckable(True)
        self.facets_button.setChecked(True)
        self.facets_button.clicked.connect(self._on_facets_button)
        actions.addWidget(self.facets_button)
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
        facet_box = self.facet_box = QWidget()
        facet_box.setMinimumWidth(150)
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
        self.facets.setItemDelegate(ElidedTipDelegate(self.facets))  # a cut tag name in full
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
        self.table.setItemDelegate(ElidedTipDelegate(self.table))
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setHighlightSections(False)
        fit_columns(self.table, COLUMN_WIDTHS, {
            **COLUMN_SAMPLES,
            Column.LEVEL: [labels.level_name(level) for level in range(4)],
            Column.CHANNEL: [labels.channel_name(c) for c in ("package_card", "offline_event",
                                                              "live_stream", "mini_program")],
        })
        self.fill = FillColumn(self.table, Column.TAGS, TAGS_MIN_WIDTH)
        self.columns = ColumnChooser(
            self.table, {c: c.name.lower() for c in Column}, HIDDEN_COLUMNS_KEY, self.settings,
            default_hidden=DEFAULT_HIDDEN, locked=(Column.NAME,))
        self.columns.changed.connect(self._auto_facets)
        self.table.horizontalHeader().setToolTip(self.tr("右键点击表头，选择显示哪些列"))
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        model.modelReset.connect(self._on_reset)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self._empty_state())
        splitter.addWidget(self.table_stack)

        self.detail = MemberDetailPanel()
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        splitter.setSizes([190, 760, 300])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence.StandardKey.Undo, self).activated.connect(self.undo_requested)
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.search.setFocus)

    def _empty_state(self) -> QWidget:
        """What the table says when there is nothing to list, with the next step as buttons."""
        box = QWidget()
        box.setObjectName("rosterEmpty")
        outer = QVBoxLayout(box)
        outer.addStretch(1)
        self.empty_title = QLabel()
        self.empty_title.setObjectName("detailTitle")
        self.empty_text = QLabel()
        self.empty_text.setObjectName("hintLabel")
        self.empty_text.setWordWrap(True)
        self.empty_text.setFixedWidth(480)  # a readable line length; wraps to its height
        for label in (self.empty_title, self.empty_text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            outer.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.empty_import_button = QPushButton(self.tr("导入 Excel 名单…"))
        self.empty_import_button.clicked.connect(self.import_requested)
        self.empty_connect_button = QPushButton(self.tr("连接企业微信并同步…"))
        self.empty_connect_button.clicked.connect(self.connect_requested)
        self.empty_clear_button = QPushButton(self.tr("清空筛选和搜索"))
        self.empty_clear_button.clicked.connect(self._clear_filter_and_search)
        for b in (self.empty_import_button, self.empty_connect_button, self.empty_clear_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        outer.addStretch(2)
        return box

    def _clear_filter_and_search(self) -> None:
        self.search.clear()
        self.segment_bar.clear()

    def _connect_wired(self) -> bool:
        # shown only where the window wired it to its 企业微信 screen
        return bool(self.receivers(SIGNAL("connect_requested()")))

    # -- setters the controller calls --------------------------------------------------------
    def set_count(self, shown: int, total: int) -> None:
        self._show_empty(shown, total)
        if shown == total:
            self.count_label.setText(self.tr("共 {n} 位客户").format(n=f"{total:,}"))
        else:
            self.count_label.setText(self.tr("筛选出 {n} / {total} 位客户").format(
                n=f"{shown:,}", total=f"{total:,}"))

    def _show_empty(self, shown: int, total: int) -> None:
        if total == 0:
            self.empty_title.setText(self.tr("这个工作区还没有客户"))
            self.empty_text.setText(self.tr(
                "有两种方式把客户放进来：导入一份 Excel / CSV 客户名单（先预览再写入），"
                "或在「企业微信」页连接企业微信并同步，客户、标签和客户群会一起下载。"))
        elif shown == 0:
            self.empty_title.setText(self.tr("没有符合条件的客户"))
            self.empty_text.setText(self.tr("换个搜索词，或放宽筛选条件。"))
        self.empty_import_button.setVisible(total == 0)
        self.empty_connect_button.setVisible(total == 0 and self._connect_wired())
        self.empty_clear_button.setVisible(total > 0)
        self.table_stack.setCurrentIndex(1 if shown == 0 else 0)

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

    def set_current_saved(self, segment_id: int | None) -> None:
        """Name the saved segment the filter is (None: 「（当前筛选）」), without re-listing."""
        index = self.saved.findData(segment_id) if segment_id is not None else 0
        self.saved.blockSignals(True)
        self.saved.setCurrentIndex(max(0, index))
        self.saved.blockSignals(False)
        self.delete_segment_button.setEnabled(segment_id is not None and index > 0)

    def set_undo(self, text: str | None) -> None:
        self.undo_button.setEnabled(text is not None)
        self.undo_button.setToolTip(text or "")

    def selected_rows(self) -> list[tuple[int, int]]:
        """Selected row ranges (top, bottom inclusive): never a list of a million indexes."""
        selection = self.table.selectionModel().selection()  # a list of ranges in PySide6
        return [(r.top(), r.bottom()) for r in selection]  # type: ignore[attr-defined]

    def selected_count(self) -> int:
        return sum(bottom - top + 1 for top, bottom in self.selected_rows())

    # -- internal ------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._auto_facets(event.size().width())

    def _auto_facets(self, page_width: int | None = None) -> None:
        """Until the operator chooses, the tag distribution shows only where the table still
        fits every shown column beside it (标签 at its least)."""
        if not self._facets_auto:
            return
        header = self.table.horizontalHeader()
        needed = TAGS_MIN_WIDTH + sum(
            header.sectionSize(c) for c in range(header.count())
            if c != Column.TAGS and not header.isSectionHidden(c))
        facets, _table, detail = self.splitter.sizes()
        beside = ((page_width or self.width()) - PAGE_CHROME_WIDTH - (facets or 190)
                  - max(detail, self.detail.minimumWidth()))
        self._show_facets(beside >= needed)

    def _on_facets_button(self, checked: bool) -> None:
        self._facets_auto = False
        self._show_facets(checked)

    def _show_facets(self, shown: bool) -> None:
        self.facet_box.setVisible(shown)
        self.facets_button.setChecked(shown)

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
