"""The points rules' dialogs: a rule's fields (new or edited; the fields follow its kind), and the
preview an operator confirms before a rule is switched on — who would have got what over the
last days, the total, and who a cap cut.

Dumb: ``RuleDialog`` checks its fields with the service's ``make_rule`` when accepted (the
problem in the operator's words, inline; the dialog stays open); ``PreviewDialog`` shows the
report it is given and asks for another number of days through ``days_changed``.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.points_rules import Rule, RuleKind
from ...errors import ValidationError
from ...services import points_rules as S
from ..i18n import user_error_text
from ..models.record_model import ColumnSpec, RecordTableModel
from ..pages.points_rules_tab import describe, kind_name
from ..widgets.tables import fit_columns, record_table

MAX_CAP = 10_000_000


def _row(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    return holder


class RuleDialog(QDialog):
    """Add (``rule`` None) or edit a rule. The kind of a saved rule stays (its awards' keys and
    history are that kind's): it is shown but cannot be changed."""

    def __init__(self, rule: Rule | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._old = rule
        self.setWindowTitle(self.tr("新增积分规则") if rule is None else self.tr("编辑积分规则"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("ruleKind")
        for kind in S.CONFIGURABLE:
            self.kind.addItem(kind_name(kind), str(kind))
        if rule is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(str(rule.kind)), 0))
            self.kind.setEnabled(False)
        form.addRow(self.tr("类型"), self.kind)
        self.name = QLineEdit(rule.name if rule else "")
        self.name.setObjectName("ruleName")
        self.name.setPlaceholderText(self.tr("如：参与游戏、生日积分（会写进客户的积分明细）"))
        form.addRow(self.tr("名称"), self.name)

        self.amount = QSpinBox()
        self.amount.setObjectName("ruleAmount")
        self.amount.setRange(0, S.MAX_POINTS)
        self.amount.setGroupSeparatorShown(True)
        self.amount.setSuffix(self.tr(" 分"))
        self.amount.setValue(rule.amount if rule and rule.amount else 10)
        self.amount_label = QLabel(self.tr("每次积分"))
        form.addRow(self.amount_label, self.amount)
        self.ranks = QLineEdit(", ".join(str(a) for a in rule.amounts) if rule and rule.amounts
                               else "50, 30, 20")
        self.ranks.setObjectName("ruleRanks")
        self.ranks.setPlaceholderText(self.tr("第 1 名、第 2 名…的积分，用逗号隔开，如 50, 30, 20"))
        self.ranks_label = QLabel(self.tr("名次积分"))
        form.addRow(self.ranks_label, self.ranks)
        self.rate = QLineEdit(str(rule.rate) if rule and rule.rate else "1")
        self.rate.setObjectName("ruleRate")
        self.rate.setPlaceholderText(self.tr("如 1 或 0.5"))
        self.rate_label = QLabel(self.tr("每消费 1 元得"))
        form.addRow(self.rate_label, self.rate)
        self.stay_days = QSpinBox()
        self.stay_days.setObjectName("ruleStayDays")
        self.stay_days.setRange(0, 365)
        self.stay_days.setSuffix(self.tr(" 天"))
        self.stay_days.setValue(rule.stay_days if rule and rule.kind is RuleKind.INVITE_STAYED
                                else 7)
        self.stay_label = QLabel(self.tr("好友至少留存"))
        form.addRow(self.stay_label, self.stay_days)

        self.daily_on, self.daily_cap = self._cap(self.tr("每人每天最多"),
                                                  rule.daily_cap if rule else None, 100)
        self.daily_on.setObjectName("ruleDailyOn")
        self.daily_cap.setObjectName("ruleDailyCap")
        form.addRow(self.tr("每日上限"), _row(self.daily_on, self.daily_cap))
        self.monthly_on, self.monthly_cap = self._cap(self.tr("每人每月最多"),
                                                      rule.monthly_cap if rule else None, 1000)
        self.monthly_on.setObjectName("ruleMonthlyOn")
        self.monthly_cap.setObjectName("ruleMonthlyCap")
        form.addRow(self.tr("每月上限"), _row(self.monthly_on, self.monthly_cap))
        layout.addLayout(form)
        self.note = QLabel("")
        self.note.setObjectName("hintLabel")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.error = QLabel("")
        self.error.setObjectName("ruleError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.next_button = buttons.addButton(self.tr("下一步：预览"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.next_button.setObjectName("ruleNext")
        self.next_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for box in (self.daily_on, self.monthly_on):
            box.toggled.connect(self._enable)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for w in (self.amount, self.stay_days, self.daily_cap, self.monthly_cap):
            w.valueChanged.connect(self._describe)
        for e in (self.ranks, self.rate):
            e.textChanged.connect(self._describe)
        self._kind_changed()

    def _cap(self, text: str, cap: int | None, default: int) -> tuple[QCheckBox, QSpinBox]:
        on = QCheckBox(text)
        on.setChecked(cap is not None)
        spin = QSpinBox()
        spin.setRange(1, MAX_CAP)
        spin.setGroupSeparatorShown(True)
        spin.setSuffix(self.tr(" 分"))
        spin.setValue(cap if cap is not None else default)
        return on, spin

    def current_kind(self) -> RuleKind:
        return RuleKind(str(self.kind.currentData()))

    def _enable(self) -> None:
        kind = self.current_kind()
        uses_amount = kind not in (RuleKind.RANK, RuleKind.PURCHASE)
        for widget, shown in ((self.amount, uses_amount), (self.amount_label, uses_amount),
                              (self.ranks, kind is RuleKind.RANK),
                              (self.ranks_label, kind is RuleKind.RANK),
                              (self.rate, kind is RuleKind.PURCHASE),
                              (self.rate_label, kind is RuleKind.PURCHASE),
                              (self.stay_days, kind is RuleKind.INVITE_STAYED),
                              (self.stay_label, kind is RuleKind.INVITE_STAYED)):
            widget.setVisible(shown)
        self.daily_cap.setEnabled(self.daily_on.isChecked())
        self.monthly_cap.setEnabled(self.monthly_on.isChecked())
        self._describe()

    def _kind_changed(self) -> None:
        # a new rule's name follows its kind until the operator names it
        kind_names = {kind_name(k) for k in S.CONFIGURABLE}
        if self._old is None and self.name.text().strip() in kind_names | {""}:
            self.name.setText(kind_name(self.current_kind()))
        self._enable()

    def _describe(self) -> None:
        try:
            rule = self.rule()
        except ValidationError:
            text = ""
        else:
            text = describe(rule)
        if self.current_kind() is RuleKind.PURCHASE:
            text += self.tr("（还没有导入订单，这条规则暂时不会发放积分。）")
        self.note.setText(text)

    def _ranks(self) -> tuple[int, ...]:
        parts = [p.strip() for p in self.ranks.text().replace("，", ",").split(",")]
        try:
            return tuple(int(p) for p in parts if p)
        except ValueError:
            raise ValidationError(self.tr("名次积分“{text}”看不懂：请写成 50, 30, 20 这样，依次是第 1 名、"
                                          "第 2 名…的积分。").format(text=self.ranks.text())
                                  ) from None

    def rule(self) -> Rule:
        """The rule as the fields say (raises ``ValidationError`` in the operator's words)."""
        kind = self.current_kind()
        old = self._old
        return S.make_rule(
            id=old.id if old else str(kind), name=self.name.text(), kind=kind,
            amount=self.amount.value(),
            amounts=self._ranks() if kind is RuleKind.RANK else (),
            rate=S.parse_rate(self.rate.text()) if kind is RuleKind.PURCHASE else Decimal(0),
            stay_days=self.stay_days.value(),
            daily_cap=self.daily_cap.value() if self.daily_on.isChecked() else None,
            monthly_cap=self.monthly_cap.value() if self.monthly_on.isChecked() else None,
            enabled=old.enabled if old else False)

    def accept(self) -> None:
        try:
            self.rule()
        except ValidationError as exc:
            self.error.setText(user_error_text(exc))
            self.error.show()
            return
        self.error.hide()
        super().accept()


class PreviewDialog(QDialog):
    """What a rule would have paid over the last days; the operator confirms from here.

    ``primary`` is the action (保存并启用, 启用); ``secondary`` an optional other one (保存，先不
    启用), which emits ``secondary_chosen`` and closes. 返回 closes without doing anything."""

    days_changed = Signal(int)
    secondary_chosen = Signal()

    def __init__(self, rule: Rule, primary: str, secondary: str = "", days: int = 30,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule = rule
        self.setWindowTitle(self.tr("预览规则“{name}”").format(name=rule.name))
        self.resize(720, 560)
        layout = QVBoxLayout(self)
        self.what = QLabel(describe(rule))
        self.what.setWordWrap(True)
        layout.addWidget(self.what)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("按过去")))
        self.days = QSpinBox()
        self.days.setObjectName("previewDays")
        self.days.setRange(1, S.MAX_PREVIEW_DAYS)
        self.days.setValue(days)
        self.days.setSuffix(self.tr(" 天"))
        self.days.setKeyboardTracking(False)
        top.addWidget(self.days)
        top.addWidget(QLabel(self.tr("的记录回放")))
        top.addStretch(1)
        layout.addLayout(top)
        self.summary = QLabel(self.tr("正在计算…"))
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.summary)
        self.note = QLabel("")
        self.note.setObjectName("previewNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #a05a00;")
        self.note.hide()
        layout.addWidget(self.note)
        columns: list[ColumnSpec[S.PreviewRow]] = [
            ColumnSpec(self.tr("客户编号"), lambda r: str(r.member_id), sort=lambda r: r.member_id,
                       align_right=True),
            ColumnSpec(self.tr("姓名"), lambda r: r.name),
            ColumnSpec(self.tr("次数"), lambda r: f"{r.awards:,}", sort=lambda r: r.awards,
                       align_right=True),
            ColumnSpec(self.tr("积分"), lambda r: f"{r.points:,}", sort=lambda r: r.points,
                       align_right=True),
            ColumnSpec(self.tr("上限"), self._capped, sort=lambda r: r.uncapped - r.points),
        ]
        self.model: RecordTableModel[S.PreviewRow] = RecordTableModel(columns, self)
        self.table = record_table(self.model, sortable=False, object_name="previewRows")
        fit_columns(self.table, {0: 90, 1: 140, 2: 70, 3: 90, 4: 160})
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox()
        self.primary = buttons.addButton(primary, QDialogButtonBox.ButtonRole.AcceptRole)
        self.primary.setObjectName("previewPrimary")
        self.primary.setEnabled(False)  # until the numbers are in
        self.secondary: QPushButton | None = None
        if secondary:
            self.secondary = buttons.addButton(secondary, QDialogButtonBox.ButtonRole.ActionRole)
            self.secondary.setObjectName("previewSecondary")
            self.secondary.clicked.connect(self._secondary)
        back = buttons.addButton(self.tr("返回"), QDialogButtonBox.ButtonRole.RejectRole)
        back.setDefault(True)  # Enter does not switch a rule on
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.days.valueChanged.connect(self._days)
        self.report: S.RuleReport | None = None

    def _capped(self, r: S.PreviewRow) -> str:
        if not r.capped:
            return ""
        return self.tr("触到上限（原应 {uncapped}）").format(uncapped=f"{r.uncapped:,}")

    def _days(self, days: int) -> None:
        self.primary.setEnabled(False)
        self.summary.setText(self.tr("正在计算…"))
        self.days_changed.emit(days)

    def set_report(self, report: S.RuleReport) -> None:
        self.report = report
        if report.members:
            text = self.tr("过去 {days} 天：{members} 位客户共得 {total} 分（{events} 个事件）。"
                           ).format(days=report.days, members=f"{report.members:,}",
                                    total=f"{report.total:,}", events=f"{report.events:,}")
        else:
            text = self.tr("过去 {days} 天：没有客户会得到积分（{events} 个事件）。").format(
                days=report.days, events=f"{report.events:,}")
        if report.capped:
            text += self.tr(" {capped} 位客户触到上限，共截去 {cut} 分。").format(
                capped=f"{report.capped:,}", cut=f"{report.cut:,}")
        elif report.members and (self.rule.daily_cap or self.rule.monthly_cap):
            text += self.tr(" 没有人触到上限。")
        self.summary.setText(text)
        note = self.note_text(report)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.model.set_records(report.rows)
        self.primary.setEnabled(True)

    def note_text(self, report: S.RuleReport) -> str:
        if report.note is S.Note.NO_ORDERS:
            return self.tr("还没有导入订单，这条规则暂时不会发放积分；导入订单后会按规则发放。")
        if report.note is S.Note.NO_INVITES:
            return self.tr("群成员名单里没有“客户邀请客户”的记录：企业微信只记下由员工邀请入群的情况，"
                           "所以这条规则暂时不会发放积分。")
        if report.note is S.Note.NO_EVENTS:
            return self.tr("过去 {days} 天没有符合这条规则的事件。").format(days=report.days)
        return ""

    def _secondary(self) -> None:
        self.secondary_chosen.emit()
        self.done(QDialog.DialogCode.Rejected)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # Enter after typing the days must neither confirm nor close the preview
        super().keyPressEvent(event)
