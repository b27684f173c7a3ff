"""The points screen's tabs that change the ledger or walk it: 批量发放 (the award dialog's
entry and the recent awards, each undoable by reversal), 到期 (preview an expiry run for a day,
export the reminder list, run it) and 校验 (the balance check and the hash chain's verify).
Dumb widgets: setters, and signals the controller acts on."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.points_report import AwardBatch, ExpiryPreview, ExpiryRow
from .. import labels
from ..models.record_model import ColumnSpec, RecordTableModel
from ..widgets.progress import ProgressRow
from ..widgets.tables import fit_columns, record_table
from .points_tabs import n


class AwardTab(QWidget):
    award_requested = Signal()
    undo_requested = Signal(int)  # audit batch id
    sheet_requested = Signal()  # 从表格发放…
    statement_requested = Signal()  # 导出积分明细…

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("给一个人群包或一份名单里的客户发放积分（填负数就是扣回）。先预览人数和总分，"
                               "确认后再发放；发放可以撤销：撤销会追加冲正记录抵消它，账本里的记录不删不改。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.award_button = QPushButton(self.tr("批量发放积分…"))
        self.award_button.setObjectName("awardButton")
        self.award_button.clicked.connect(self.award_requested)
        row.addWidget(self.award_button)
        self.sheet_button = QPushButton(self.tr("从表格发放…"))
        self.sheet_button.setToolTip(self.tr(
            "Excel 或 CSV：每行一位客户（客户编号、手机号或客户 ID）和积分，可有「原因」「批次」列；"
            "导入前先预览，有问题的行可以存下来改好再导入。"))
        self.sheet_button.clicked.connect(self.sheet_requested)
        row.addWidget(self.sheet_button)
        row.addStretch(1)
        self.statement_button = QPushButton(self.tr("导出积分明细…"))
        self.statement_button.clicked.connect(self.statement_requested)
        row.addWidget(self.statement_button)
        layout.addLayout(row)
        self.progress = ProgressRow()
        layout.addWidget(self.progress)
        layout.addWidget(QLabel(self.tr("最近的批量发放")))
        columns: list[ColumnSpec[AwardBatch]] = [
            ColumnSpec(self.tr("时间"), lambda b: labels.fmt_time(b.at)),
            ColumnSpec(self.tr("操作人"), lambda b: labels.actor_name(b.actor)),
            ColumnSpec(self.tr("客户数"), lambda b: n(b.entries), align_right=True),
            ColumnSpec(self.tr("状态"), lambda b: self.tr("已撤销 {at}").format(
                at=labels.fmt_time(b.undone_at)) if b.undone_at else self.tr("已发放")),
            ColumnSpec(self.tr("内容"), lambda b: labels.summary_text(b.summary), tooltip=True),
        ]
        self.model: RecordTableModel[AwardBatch] = RecordTableModel(columns, self)
        self.table = record_table(self.model, sortable=False, object_name="awardTable")
        fit_columns(self.table, {0: 130, 1: 90, 2: 70, 3: 150, 4: 300})
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.detail = QLabel(self.tr("选择一次发放，可以撤销它。"))
        self.detail.setWordWrap(True)
        bottom.addWidget(self.detail, 1)
        self.undo_button = QPushButton(self.tr("撤销所选发放…"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self._undo)
        bottom.addWidget(self.undo_button)
        layout.addLayout(bottom)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())

    def set_awards(self, batches: Sequence[AwardBatch]) -> None:
        current = self.current()
        self.model.set_records(batches)
        if current is not None:
            for row, b in enumerate(self.model.records()):
                if b.batch_id == current.batch_id:
                    self.table.selectRow(row)
        self._selected()

    def current(self) -> AwardBatch | None:
        index = self.table.currentIndex()
        rows = self.model.records()
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def select(self, batch_id: int) -> bool:
        for row, b in enumerate(self.model.records()):
            if b.batch_id == batch_id:
                self.table.selectRow(row)
                self._selected()
                return True
        return False

    def _selected(self) -> None:
        b = self.current()
        self.undo_button.setEnabled(b is not None and b.undone_at is None)
        if b is None:
            self.detail.setText(self.tr("选择一次发放，可以撤销它。"))
        elif b.undone_at:
            self.detail.setText(self.tr("这次发放已经撤销过了。"))
        else:
            self.detail.setText(self.tr("撤销会给这 {k} 位客户各追加一条冲正记录；已经用掉的积分无法撤回，"
                                        "那时整次撤销不会执行。").format(k=n(b.entries)))

    def _undo(self) -> None:
        b = self.current()
        if b is not None:
            self.undo_requested.emit(b.batch_id)


class ExpiryTab(QWidget):
    preview_requested = Signal(str)  # YYYY-MM-DD
    export_requested = Signal()
    run_requested = Signal(str)
    policy_requested = Signal()  # 修改到期规则…

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("选一个到期日：预览在这一天执行到期会清掉哪些客户的多少积分（到期日在这一天或之前、"
                               "还没用完的积分）。可以先导出名单提醒客户尽快使用。过去漏掉的日期也可以补跑；"
                               "同一天只会执行一次。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rule = QHBoxLayout()
        self.policy = QLabel()
        self.policy.setWordWrap(True)
        self.policy.setObjectName("expiryPolicy")
        rule.addWidget(self.policy, 1)
        self.policy_button = QPushButton(self.tr("修改到期规则…"))
        self.policy_button.setObjectName("policyButton")
        self.policy_button.clicked.connect(self.policy_requested)
        rule.addWidget(self.policy_button)
        layout.addLayout(rule)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("到期日")))
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate.currentDate())
        row.addWidget(self.day)
        self.preview_button = QPushButton(self.tr("预览"))
        self.export_button = QPushButton(self.tr("导出提醒名单…"))
        self.run_button = QPushButton(self.tr("执行到期…"))
        self.run_button.setObjectName("runExpiryButton")
        for b in (self.preview_button, self.export_button, self.run_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary = QLabel(self.tr("选好日期后点「预览」。"))
        self.summary.setWordWrap(True)
        self.summary.setObjectName("expirySummary")
        layout.addWidget(self.summary)
        self.progress = ProgressRow()
        layout.addWidget(self.progress)
        columns: list[ColumnSpec[ExpiryRow]] = [
            ColumnSpec(self.tr("客户"), lambda r: r.name or self.tr("（未命名）")),
            ColumnSpec(self.tr("手机号"), lambda r: r.phone),
            ColumnSpec(self.tr("客户编号"), lambda r: str(r.member_id), align_right=True),
            ColumnSpec(self.tr("当前积分"), lambda r: n(r.balance), align_right=True),
            ColumnSpec(self.tr("将过期"), lambda r: n(r.expiring), align_right=True),
            ColumnSpec(self.tr("过期后"), lambda r: n(r.balance - r.expiring), align_right=True),
        ]
        self.model: RecordTableModel[ExpiryRow] = RecordTableModel(columns, self)
        self.table = record_table(self.model, sortable=False, object_name="expiryTable")
        fit_columns(self.table, {0: 180, 1: 130, 2: 90, 3: 90, 4: 90, 5: 90})
        layout.addWidget(self.table, 1)
        self.preview_button.clicked.connect(lambda: self.preview_requested.emit(self.day_text()))
        self.run_button.clicked.connect(lambda: self.run_requested.emit(self.day_text()))
        self.export_button.clicked.connect(self.export_requested)
        self.day.dateChanged.connect(lambda _d: self._stale())
        self._stale()

    def day_text(self) -> str:
        return str(self.day.date().toString("yyyy-MM-dd"))

    def set_day(self, day: str) -> None:
        self.day.setDate(QDate.fromString(day, "yyyy-MM-dd"))

    def set_policy(self, text: str, missed: str = "", coming: str = "") -> None:
        line = self.tr("到期规则：{rule}。").format(rule=text)
        if missed:
            line += self.tr("{day} 起有到期的积分还没有清零（漏跑了到期），可以选这一天补跑。").format(
                day=missed)
        if coming:
            line += self.tr("下一次有积分到期的日期：{day}。").format(day=coming)
        self.policy.setText(line)

    def _stale(self) -> None:
        self.export_button.setEnabled(False)
        self.model.set_records([])
        self.summary.setText(self.tr("选好日期后点「预览」。"))

    def set_loading(self) -> None:
        self.summary.setText(self.tr("正在计算…"))

    def set_preview(self, preview: ExpiryPreview) -> None:
        plan = preview.plan
        if not plan.members:
            self.summary.setText(self.tr("{day} 执行到期：没有要过期的积分。").format(day=plan.day))
        else:
            more = (self.tr("下面列出最多的 {k} 位。").format(k=n(len(preview.rows)))
                    if len(preview.rows) < plan.members else "")
            self.summary.setText(self.tr("{day} 执行到期：{k} 位客户共 {p} 分会过期。{more}").format(
                day=plan.day, k=n(plan.members), p=n(plan.points), more=more))
        self.model.set_records(preview.rows)
        self.export_button.setEnabled(bool(plan.members))

    def set_result(self, text: str) -> None:
        self.summary.setText(text)
        self.model.set_records([])
        self.export_button.setEnabled(False)

    def set_running(self, running: bool) -> None:
        for b in (self.preview_button, self.run_button, self.day):
            b.setEnabled(not running)
        if running:
            self.export_button.setEnabled(False)


class CheckTab(QWidget):
    check_requested = Signal()
    rebuild_requested = Signal()
    verify_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        balances = QGroupBox(self.tr("余额核对"))
        b = QVBoxLayout(balances)
        text = QLabel(self.tr("每位客户显示的积分余额是根据积分明细算出后存下来的。核对会逐一重新计算，"
                              "找出不一致的客户；重建会按明细改正这些余额（明细本身不变）。"))
        text.setWordWrap(True)
        b.addWidget(text)
        row = QHBoxLayout()
        self.check_button = QPushButton(self.tr("核对余额"))
        self.rebuild_button = QPushButton(self.tr("按明细重建余额"))
        self.rebuild_button.setEnabled(False)
        row.addWidget(self.check_button)
        row.addWidget(self.rebuild_button)
        row.addStretch(1)
        b.addLayout(row)
        self.check_result = QLabel()
        self.check_result.setWordWrap(True)
        self.check_result.setObjectName("checkResult")
        b.addWidget(self.check_result)
        layout.addWidget(balances)

        chain = QGroupBox(self.tr("哈希链校验"))
        c = QVBoxLayout(chain)
        text = QLabel(self.tr("每条积分记录都带着前一条的哈希，任何一条被改动、删除或调换顺序都会被发现。"
                              "校验会从第一条读到最后一条；记录多时需要几分钟，可以随时取消。"))
        text.setWordWrap(True)
        c.addWidget(text)
        row = QHBoxLayout()
        self.verify_button = QPushButton(self.tr("校验哈希链"))
        row.addWidget(self.verify_button)
        row.addStretch(1)
        c.addLayout(row)
        self.progress = ProgressRow()
        c.addWidget(self.progress)
        self.verify_result = QLabel()
        self.verify_result.setWordWrap(True)
        self.verify_result.setObjectName("verifyResult")
        c.addWidget(self.verify_result)
        layout.addWidget(chain)
        layout.addStretch(1)
        self.check_button.clicked.connect(self.check_requested)
        self.rebuild_button.clicked.connect(self.rebuild_requested)
        self.verify_button.clicked.connect(self.verify_requested)

    def set_check(self, text: str, can_rebuild: bool) -> None:
        self.check_result.setText(text)
        self.rebuild_button.setEnabled(can_rebuild)

    def set_verify(self, text: str) -> None:
        self.verify_result.setText(text)

    def set_verifying(self, running: bool) -> None:
        self.verify_button.setEnabled(not running)
