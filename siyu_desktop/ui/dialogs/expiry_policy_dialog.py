"""修改到期规则: choose how points expire — never, at the end of the Nth month after the month
they were earned, or every year on a fixed day — with the rule and an example date shown as it
is edited, and the plain statement that a new rule applies to points earned from now on (each
earning's expiry date is fixed, and hashed into the ledger, when it is earned).

Dumb: builds an ``ExpiryPolicy`` from its fields (the domain checks them, and what is wrong is
said inline while the dialog stays open); the controller reads ``policy()`` and saves it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain import points as P
from ...errors import ValidationError
from ..i18n import english, user_error_text

MAX_GRACE_YEARS = 10


class ExpiryPolicyDialog(QDialog):
    def __init__(self, current: P.ExpiryPolicy, tz: ZoneInfo, now: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current, self._tz, self._now = current, tz, now
        self.setWindowTitle(self.tr("修改积分到期规则"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        zh, en = current.describe()
        now_rule = QLabel(self.tr("现在的规则：{rule}。").format(rule=en if english() else zh))
        now_rule.setWordWrap(True)
        layout.addWidget(now_rule)

        self.kinds = QButtonGroup(self)
        self.never = QRadioButton(self.tr("永不过期"))
        self.never.setObjectName("policyNever")
        self.months_after = QRadioButton(self.tr("按获得的月份过期"))
        self.months_after.setObjectName("policyMonthsAfter")
        self.yearly = QRadioButton(self.tr("每年固定日期清零"))
        self.yearly.setObjectName("policyYearly")
        for i, b in enumerate((self.never, self.months_after, self.yearly)):
            self.kinds.addButton(b, i)

        layout.addWidget(self.never)

        layout.addWidget(self.months_after)
        row = QHBoxLayout()
        row.setContentsMargins(24, 0, 0, 0)
        row.addWidget(QLabel(self.tr("获得后第")))
        self.months = QSpinBox()
        self.months.setObjectName("policyMonths")
        self.months.setRange(1, 120)
        self.months.setValue(current.months)
        row.addWidget(self.months)
        row.addWidget(QLabel(self.tr("个月的月底过期")))
        row.addStretch(1)
        layout.addLayout(row)
        hint = QLabel(self.tr("例：填 12，2026 年 3 月获得的积分在 2027 年 3 月 31 日之后过期。"))
        hint.setContentsMargins(24, 0, 0, 0)
        hint.setStyleSheet("color: palette(placeholder-text);")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        layout.addWidget(self.yearly)
        row = QHBoxLayout()
        row.setContentsMargins(24, 0, 0, 0)
        row.addWidget(QLabel(self.tr("每年")))
        self.month = QSpinBox()
        self.month.setObjectName("policyMonth")
        self.month.setRange(1, 12)
        self.month.setValue(current.month)
        self.month.setSuffix(self.tr(" 月"))
        row.addWidget(self.month)
        self.day = QSpinBox()
        self.day.setObjectName("policyDay")
        self.day.setRange(1, 31)
        self.day.setValue(current.day)
        self.day.setSuffix(self.tr(" 日"))
        row.addWidget(self.day)
        row.addWidget(QLabel(self.tr("清零")))
        self.grace = QComboBox()
        self.grace.setObjectName("policyGrace")
        self.grace.addItem(self.tr("当年"), 0)
        for years in range(1, MAX_GRACE_YEARS + 1):
            self.grace.addItem(self.tr("{n} 年前").format(n=years), years)
        self.grace.setCurrentIndex(max(0, self.grace.findData(current.grace_years)))
        row.addWidget(self.grace)
        row.addWidget(QLabel(self.tr("获得的积分")))
        row.addStretch(1)
        layout.addLayout(row)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        self.example = QLabel()
        self.example.setObjectName("policyExample")
        self.example.setWordWrap(True)
        layout.addWidget(self.example)
        self.notice = QLabel(self.tr(
            "新规则只对今后获得的积分生效。已经获得的积分保留原来的到期日：每一笔积分的到期日在获得时就定下了，"
            "并记在积分账本里，改规则不会让它们提前或推迟过期。"))
        self.notice.setObjectName("policyNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.notice)
        self.error = QLabel("")
        self.error.setObjectName("policyError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.save_button.setObjectName("policySave")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        {P.ExpiryKind.NEVER: self.never, P.ExpiryKind.MONTHS_AFTER: self.months_after,
         P.ExpiryKind.YEARLY: self.yearly}[current.kind].setChecked(True)
        self.kinds.idToggled.connect(lambda _i, _on: self._changed())
        for spin in (self.months, self.month, self.day):
            spin.valueChanged.connect(lambda _v: self._changed())
        self.grace.currentIndexChanged.connect(lambda _i: self._changed())
        self._changed()

    def kind(self) -> P.ExpiryKind:
        if self.never.isChecked():
            return P.ExpiryKind.NEVER
        return P.ExpiryKind.YEARLY if self.yearly.isChecked() else P.ExpiryKind.MONTHS_AFTER

    def policy(self) -> P.ExpiryPolicy:
        """The rule as filled in; raises ``LedgerError`` (in the operator's words) if it is not
        one."""
        return P.ExpiryPolicy(self.kind(), self.months.value(), self.month.value(),
                              self.day.value(), int(self.grace.currentData()))

    def _changed(self) -> None:
        kind = self.kind()
        self.months.setEnabled(kind is P.ExpiryKind.MONTHS_AFTER)
        for w in (self.month, self.day, self.grace):
            w.setEnabled(kind is P.ExpiryKind.YEARLY)
        try:
            policy = self.policy()
        except P.LedgerError as exc:
            self._say_error(exc)
            self.example.setText("")
            self.save_button.setEnabled(False)
            return
        self.error.hide()
        zh, en = policy.describe()
        same = P.policy_to_setting(policy) == P.policy_to_setting(self._current)
        text = (self.tr("这就是现在的规则，选一条不同的再保存。") if same else
                self.tr("新的规则：{rule}。").format(rule=en if english() else zh))
        until = P.expires_at(policy, self._now, self._tz)
        if until is None:
            text += self.tr("今天获得的积分一直有效。")
        else:
            last = datetime.fromtimestamp(until, self._tz) - timedelta(days=1)
            text += self.tr("按这条规则，今天获得的积分可以用到 {day}（含这一天）。").format(
                day=last.date().isoformat())
        self.example.setText(text)
        self.save_button.setEnabled(not same)

    def _say_error(self, exc: P.LedgerError) -> None:
        self.error.setText(user_error_text(ValidationError(exc.message, english=exc.english)))
        self.error.show()

    def accept(self) -> None:
        try:
            self.policy()
        except P.LedgerError as exc:
            self._say_error(exc)
            return
        super().accept()
