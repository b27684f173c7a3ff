"""操作记录 History: every operation (who, what, when, how many rows), filtered by kind so syncs
don't drown the operator's own actions, with undo of the selected one or the reason it can't be.

Layout only: the controller fills it and listens to its signals.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.members import AuditBatch
from .. import labels
from ..models.record_model import ColumnSpec, RecordTableModel
from ..models.roster_model import RecordRole, SortRole
from ..widgets.tables import fit_columns, record_table

KINDS = ("mine", "system", "all")


class HistoryPage(QWidget):
    kind_changed = Signal(str)  # mine / system / all
    current_changed = Signal(int)  # batch id, -1 when none
    undo_requested = Signal(int)  # batch id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.setSpacing(8)

        head = QHBoxLayout()
        title = QLabel(self.tr("操作记录"))
        title.setObjectName("pageTitle")
        head.addWidget(title)
        self.summary = QLabel(self.tr("正在加载…"))
        self.summary.setObjectName("hintLabel")
        head.addWidget(self.summary, 1)
        head.addWidget(QLabel(self.tr("显示：")))
        self.kind = QComboBox()
        self.kind.setObjectName("historyKind")
        for code, text in zip(KINDS, (self.tr("我的操作"), self.tr("同步与发送"), self.tr("全部")),
                              strict=True):
            self.kind.addItem(text, code)
        self.kind.currentIndexChanged.connect(lambda _i: self.kind_changed.emit(self.current_kind()))
        head.addWidget(self.kind)
        layout.addLayout(head)

        columns: list[ColumnSpec[AuditBatch]] = [
            ColumnSpec(self.tr("编号"), lambda b: f"#{b.id}", sort=lambda b: b.id, align_right=True),
            ColumnSpec(self.tr("时间"), lambda b: labels.fmt_time(b.at), sort=lambda b: b.at),
            ColumnSpec(self.tr("操作人"), lambda b: labels.actor_name(b.actor)),
            ColumnSpec(self.tr("类型"), lambda b: labels.action_name(b.action)),
            ColumnSpec(self.tr("内容"), lambda b: labels.summary_text(b.summary), tooltip=True),
            ColumnSpec(self.tr("涉及行数"), lambda b: f"{b.changes:,}", sort=lambda b: b.changes,
                       align_right=True),
            ColumnSpec(self.tr("状态"), self._state),
        ]
        self.model: RecordTableModel[AuditBatch] = RecordTableModel(columns, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = record_table(self.proxy, object_name="historyTable")
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        fit_columns(self.table, {0: 70, 1: 140, 2: 110, 3: 110, 4: 420, 5: 90, 6: 90},
                    {2: [labels.actor_name(a) for a in ("sync", "outbox", "operator", "cli")]})
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._emit_current())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.empty = QLabel(self.tr("还没有操作记录。打标签、导入、修改客户资料后，会在这里出现，并可以撤销。"))
        self.empty.setObjectName("hintLabel")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

        foot = QHBoxLayout()
        self.detail = QLabel(self.tr("选择一条操作，查看能否撤销。"))
        self.detail.setObjectName("historyDetail")
        self.detail.setWordWrap(True)
        foot.addWidget(self.detail, 1)
        self.undo_button = QPushButton(self.tr("撤销这次操作"))
        self.undo_button.setObjectName("historyUndo")
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self._undo_clicked)
        foot.addWidget(self.undo_button)
        layout.addLayout(foot)

    def _state(self, b: AuditBatch) -> str:
        # Whether an undoable operation can still be undone depends on later changes: the line
        # below the table says so for the selected one (checking every row here would be slow).
        if b.undone_at:
            return self.tr("已撤销")
        return "" if b.undoable else self.tr("不可撤销")

    # -- filled by the controller --------------------------------------------------------------
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def set_batches(self, batches: Sequence[AuditBatch], keep: int | None) -> None:
        self.model.set_records(batches)
        self.stack.setCurrentIndex(0 if batches else 1)
        self.summary.setText(self.tr("最近 {n} 条").format(n=f"{len(batches):,}"))
        if keep is not None and self.select(keep):
            return
        self.set_detail(self.tr("选择一条操作，查看能否撤销。"), can_undo=False)

    def select(self, batch_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RecordRole).id == batch_id:
                self.table.setCurrentIndex(index)
                return True
        return False

    def current_batch(self) -> AuditBatch | None:
        index = self.table.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def set_detail(self, text: str, *, can_undo: bool) -> None:
        self.detail.setText(text)
        self.undo_button.setEnabled(can_undo)

    def _emit_current(self) -> None:
        batch = self.current_batch()
        self.current_changed.emit(batch.id if batch is not None else -1)

    def _undo_clicked(self) -> None:
        batch = self.current_batch()
        if batch is not None:
            self.undo_requested.emit(batch.id)
