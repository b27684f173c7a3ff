"""从表格发放积分 and 导出积分明细.

``SheetDialog`` shows a batch sheet's preview (who gets or gives back how many points, the rows
already imported, the rows refused and why) before anything is written, then the import with
progress and 取消, then its outcome; the refused rows can be saved as a file to fix and import
again. ``StatementDialog`` asks whose statement to export (everyone, a saved segment, one member).

Both are dumb: the controller reads, plans, applies and exports; these show what they are given
and say what the operator asked for through their signals. Editing the default reason makes the
preview stale: 导入 waits for a new preview, so what is written is what was shown."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.points_sheet import Refused, SheetLine, SheetPlan
from ..i18n import english
from ..models.record_model import ColumnSpec, RecordTableModel
from ..pages.points_tabs import n
from ..widgets.progress import ProgressRow
from ..widgets.tables import fit_columns, record_table

SHOWN = 2000  # rows listed in each table; the counts above always cover the whole file


class SheetDialog(QDialog):
    preview_requested = Signal()
    apply_requested = Signal()
    cancel_requested = Signal()
    rejects_requested = Signal()
    undo_requested = Signal()

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("从表格发放积分：{file}").format(file=file_name))
        self.resize(900, 600)
        self.plan: SheetPlan | None = None
        self._running = False
        outer = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "表格里每行一位客户（客户编号、手机号或客户 ID）和积分（负数为扣回），可有「原因」「批次」列。"
            "先看预览，确认后再导入；同一批次对同一位客户只记一次，同一个文件再导入不会重复。"))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setObjectName("sheetReason")
        self.reason.setPlaceholderText(self.tr("「原因」列为空的行用这个原因，例如：门店活动补发"))
        self.reason.textEdited.connect(lambda _t: self._stale())
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason, 1)
        self.preview_button = QPushButton(self.tr("重新预览"))
        self.preview_button.clicked.connect(self.preview_requested)
        reason_row.addWidget(self.preview_button)
        form.addRow(self.tr("默认原因"), reason_row)
        outer.addLayout(form)

        self.summary = QLabel(self.tr("正在读取表格…"))
        self.summary.setObjectName("sheetSummary")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        self.tabs = QTabWidget()
        lines: list[ColumnSpec[SheetLine]] = [
            ColumnSpec(self.tr("行"), lambda x: str(x.row), align_right=True),
            ColumnSpec(self.tr("客户编号"), lambda x: str(x.member_id), align_right=True),
            ColumnSpec(self.tr("客户"), lambda x: x.name or self.tr("（未命名）")),
            ColumnSpec(self.tr("积分"), lambda x: f"{x.amount:+,}", align_right=True),
            ColumnSpec(self.tr("原因"), lambda x: x.reason, tooltip=True),
            ColumnSpec(self.tr("批次"), lambda x: x.key, tooltip=True),
        ]
        self.lines_model: RecordTableModel[SheetLine] = RecordTableModel(lines, self)
        self.lines_table = record_table(self.lines_model, sortable=False,
                                        object_name="sheetLines")
        fit_columns(self.lines_table, {0: 50, 1: 80, 2: 140, 3: 80, 4: 220, 5: 160})
        refused: list[ColumnSpec[Refused]] = [
            ColumnSpec(self.tr("行"), lambda x: str(x.row), align_right=True),
            ColumnSpec(self.tr("问题"), lambda x: x.describe(english()), tooltip=True),
        ]
        self.refused_model: RecordTableModel[Refused] = RecordTableModel(refused, self)
        self.refused_table = record_table(self.refused_model, sortable=False,
                                          object_name="sheetRefused")
        fit_columns(self.refused_table, {0: 50, 1: 600})
        already: list[ColumnSpec[SheetLine]] = lines[:5]
        self.already_model: RecordTableModel[SheetLine] = RecordTableModel(already, self)
        self.already_table = record_table(self.already_model, sortable=False,
                                          object_name="sheetAlready")
        fit_columns(self.already_table, {0: 50, 1: 80, 2: 140, 3: 80, 4: 300})
        self.tabs.addTab(self.lines_table, self.tr("将导入"))
        self.tabs.addTab(self.refused_table, self.tr("有问题"))
        self.tabs.addTab(self.already_table, self.tr("已导入过"))
        outer.addWidget(self.tabs, 1)
        self.outcome = QLabel("")
        self.outcome.setObjectName("sheetOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        outer.addWidget(self.outcome)
        self.progress = ProgressRow()
        self.progress.cancel_requested.connect(self.cancel_requested)
        outer.addWidget(self.progress)
        buttons = QHBoxLayout()
        self.rejects_button = QPushButton(self.tr("保存有问题的行…"))
        self.rejects_button.setToolTip(self.tr(
            "把有问题的行连同错误原因存成表格：改好后再导入，批次不变，不会重复发放。"))
        self.rejects_button.clicked.connect(self.rejects_requested)
        self.rejects_button.setEnabled(False)
        buttons.addWidget(self.rejects_button)
        buttons.addStretch(1)
        self.undo_button = QPushButton(self.tr("撤销这次导入"))
        self.undo_button.clicked.connect(self.undo_requested)
        self.undo_button.hide()
        buttons.addWidget(self.undo_button)
        self.apply_button = QPushButton(self.tr("导入"))
        self.apply_button.setObjectName("primaryButton")
        self.apply_button.setDefault(True)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply_requested)
        buttons.addWidget(self.apply_button)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)

    # -- what the controller shows -------------------------------------------------------------
    def set_reading(self) -> None:
        self.summary.setText(self.tr("正在读取表格…"))
        self.apply_button.setEnabled(False)

    def set_plan(self, plan: SheetPlan) -> None:
        self.plan = plan
        text = "\n".join(plan.summary_lines(english()))
        if len(plan.lines) > SHOWN:
            text += "\n" + self.tr("下表列出前 {k} 行。").format(k=n(SHOWN))
        self.summary.setText(text)
        self.lines_model.set_records(plan.lines[:SHOWN])
        self.refused_model.set_records(plan.refused[:SHOWN])
        self.already_model.set_records(plan.already[:SHOWN])
        self.tabs.setTabText(0, self.tr("将导入（{k}）").format(k=n(len(plan.lines))))
        self.tabs.setTabText(1, self.tr("有问题（{k}）").format(k=n(len(plan.refused))))
        self.tabs.setTabText(2, self.tr("已导入过（{k}）").format(k=n(len(plan.already))))
        if not plan.lines and plan.refused:
            self.tabs.setCurrentIndex(1)
        self.rejects_button.setEnabled(bool(plan.refused))
        self.apply_button.setEnabled(plan.can_apply and not self._running)
        self.apply_button.setText(self.tr("导入 {k} 行").format(k=n(len(plan.lines)))
                                  if plan.can_apply else self.tr("导入"))

    def set_problem(self, text: str) -> None:
        self.plan = None
        self.summary.setText(text)
        self.apply_button.setEnabled(False)

    def set_running(self, running: bool) -> None:
        self._running = running
        for widget in (self.reason, self.preview_button, self.apply_button, self.close_button):
            widget.setEnabled(not running)
        if running:
            self.progress.start(self.tr("正在导入…"))
        else:
            self.progress.stop()

    def set_done(self, text: str, can_undo: bool) -> None:
        self.outcome.setText(text)
        self.outcome.show()
        self.apply_button.setEnabled(False)
        self.reason.setEnabled(False)
        self.preview_button.setEnabled(False)
        self.undo_button.setVisible(can_undo)
        self.undo_button.setEnabled(can_undo)

    def set_undone(self, text: str) -> None:
        self.outcome.setText(text)
        self.undo_button.setEnabled(False)

    def _stale(self) -> None:
        if self.plan is not None:
            self.apply_button.setEnabled(False)
            self.summary.setText(self.tr("默认原因已修改，请点「重新预览」。"))


class StatementDialog(QDialog):
    """Whose statement: everyone, a saved segment, or one member by number."""

    def __init__(self, segments: Sequence[tuple[int, str]], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出积分明细"))
        self.setMinimumWidth(480)
        outer = QVBoxLayout(self)
        intro = QLabel(self.tr("导出为 Excel：一张表是每位客户的余额，一张表是每一条积分记录（获得、使用、"
                               "过期、调整），带积分到期日。客户多时需要几分钟，可以随时取消。"))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        self.everyone = QRadioButton(self.tr("全部客户"))
        self.by_segment = QRadioButton(self.tr("人群包"))
        self.by_member = QRadioButton(self.tr("一位客户"))
        group = QButtonGroup(self)
        form = QFormLayout()
        self.segment = QComboBox()
        for segment_id, name in segments:
            self.segment.addItem(name, segment_id)
        self.member = QLineEdit()
        self.member.setPlaceholderText(self.tr("客户编号"))
        for radio, field in ((self.everyone, None), (self.by_segment, self.segment),
                             (self.by_member, self.member)):
            group.addButton(radio)
            if field is None:
                form.addRow(radio)
            else:
                form.addRow(radio, field)
        self.by_segment.setEnabled(bool(segments))
        self.everyone.setChecked(True)
        outer.addLayout(form)
        self.problem = QLabel("")
        self.problem.setObjectName("errorLabel")
        outer.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._accept)
        buttons.addWidget(self.export_button)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        outer.addLayout(buttons)
        self.segment.currentIndexChanged.connect(lambda _i: self.by_segment.setChecked(True))
        self.member.textEdited.connect(lambda _t: self.by_member.setChecked(True))

    def target(self) -> tuple[str, int | None, str]:
        """("all" | "segment" | "member", the segment or member id, a name for the file)."""
        if self.by_segment.isChecked() and self.segment.count():
            return "segment", int(self.segment.currentData()), self.segment.currentText()
        if self.by_member.isChecked():
            text = self.member.text().strip()
            return "member", int(text) if text.isdigit() else None, text
        return "all", None, ""

    def _accept(self) -> None:
        kind, value, _name = self.target()
        if kind == "member" and value is None:
            self.problem.setText(self.tr("请填写客户编号（数字）。"))
            return
        self.accept()
