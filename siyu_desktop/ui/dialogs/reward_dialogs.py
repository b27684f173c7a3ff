"""The rewards screen's dialogs: a catalog item's fields (new or edited), and the question before
a redemption is issued or cancelled (both are final).

Dumb: ``ItemDialog`` checks its fields against the catalog's rules (``domain/rewards.py``) when
accepted, says what is wrong inline and stays open; the controller reads ``item()`` and writes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain import rewards as R
from ...errors import ValidationError
from ..i18n import user_error_text
from ..labels import reward_kind_name

DAY = 86400


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class ItemDialog(QDialog):
    """Add (``item`` None) or edit a catalog item. A coupon has no stock of its own: its stock is
    its codes not yet given out, so the stock field is off for coupons."""

    def __init__(self, tz: ZoneInfo, item: R.Item | None = None, now: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._old = item
        self.setWindowTitle(self.tr("新增奖品") if item is None else self.tr("编辑奖品"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(item.name if item else "")
        self.name.setObjectName("rewardName")
        self.name.setPlaceholderText(self.tr("如：猫砂一袋、20元无门槛券"))
        form.addRow(self.tr("名称"), self.name)
        self.kind = QComboBox()
        self.kind.setObjectName("rewardKind")
        for kind in R.ItemKind:
            self.kind.addItem(reward_kind_name(kind), str(kind))
        if item is not None:
            self.kind.setCurrentIndex(list(R.ItemKind).index(item.kind))
            self.kind.setEnabled(False)  # a coupon's codes would not fit goods
        form.addRow(self.tr("类型"), self.kind)
        self.points = QSpinBox()
        self.points.setObjectName("rewardPoints")
        self.points.setRange(1, R.POINTS_MAX)
        self.points.setGroupSeparatorShown(True)
        self.points.setValue(item.points if item else 100)
        form.addRow(self.tr("所需积分"), self.points)
        self.cash = QLineEdit(R.fen_text(item.cash_fen) if item and item.cash_fen else "")
        self.cash.setObjectName("rewardCash")
        self.cash.setPlaceholderText(self.tr("如 19.90（元）"))
        form.addRow(self.tr("另付现金（元）"), self.cash)

        self.unlimited = QCheckBox(self.tr("不限库存"))
        self.stock = QSpinBox()
        self.stock.setObjectName("rewardStock")
        self.stock.setRange(0, 10_000_000)
        self.stock.setGroupSeparatorShown(True)
        self.stock.setValue(item.stock if item and item.stock is not None else 100)
        self.unlimited.setChecked(item is not None and item.stock is None)
        self.stock_note = QLabel(self.tr("优惠券的库存就是尚未发出的券码，导入券码即可补货。"))
        self.stock_note.setObjectName("hintLabel")
        self.stock_note.setWordWrap(True)
        form.addRow(self.tr("剩余库存"), self._row(self.stock, self.unlimited))
        form.addRow("", self.stock_note)

        self.limited = QCheckBox(self.tr("每位客户最多兑换"))
        self.per_member = QSpinBox()
        self.per_member.setObjectName("rewardLimit")
        self.per_member.setRange(1, 999)
        self.per_member.setSuffix(self.tr(" 次"))
        self.per_member.setValue(item.per_member if item and item.per_member else 1)
        self.limited.setChecked(item is not None and item.per_member is not None)
        form.addRow(self.tr("每人限兑"), self._row(self.limited, self.per_member))

        today = datetime.fromtimestamp(now, tz).date() if now else date.today()
        self.dated = QCheckBox(self.tr("限定兑换时间"))
        self.dated.setChecked(item is not None and (item.valid_from is not None
                                                    or item.valid_until is not None))
        self.valid_from = QDateEdit(_qdate(self._day(item.valid_from, today) if item else today))
        self.valid_until = QDateEdit(_qdate(
            self._day(item.valid_until - DAY if item and item.valid_until else None,
                      today + timedelta(days=30))))
        for edit in (self.valid_from, self.valid_until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        dates = self._row(self.dated, self.valid_from, QLabel(self.tr("至")), self.valid_until)
        form.addRow(self.tr("有效期"), dates)
        self.description = QLineEdit(item.description if item else "")
        self.description.setPlaceholderText(self.tr("给运营同事看的说明（可不填）"))
        form.addRow(self.tr("说明"), self.description)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setObjectName("rewardItemError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for box in (self.unlimited, self.limited, self.dated):
            box.toggled.connect(self._enable)
        self.kind.currentIndexChanged.connect(self._enable)
        self._enable()

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        for w in widgets:
            row.addWidget(w)
        row.addStretch(1)
        return holder

    def _day(self, at: int | None, default: date) -> date:
        return default if at is None else datetime.fromtimestamp(at, self._tz).date()

    def current_kind(self) -> R.ItemKind:
        return R.ItemKind(str(self.kind.currentData()))

    def _enable(self) -> None:
        coupon = self.current_kind() is R.ItemKind.COUPON
        self.cash.setEnabled(self.current_kind() is R.ItemKind.POINTS_CASH)
        self.unlimited.setEnabled(not coupon)
        self.stock.setEnabled(not coupon and not self.unlimited.isChecked())
        self.stock_note.setVisible(coupon)
        self.per_member.setEnabled(self.limited.isChecked())
        self.valid_from.setEnabled(self.dated.isChecked())
        self.valid_until.setEnabled(self.dated.isChecked())

    def _epoch(self, d: date) -> int:
        return int(datetime(d.year, d.month, d.day, tzinfo=self._tz).timestamp())

    def item(self) -> R.Item:
        """The item as the fields say (checked against the rules; raises ``RewardError``)."""
        kind = self.current_kind()
        cash = R.parse_yuan(self.cash.text()) if kind is R.ItemKind.POINTS_CASH else 0
        stock = None if kind is R.ItemKind.COUPON or self.unlimited.isChecked() else \
            self.stock.value()
        start = end = None
        if self.dated.isChecked():
            start = self._epoch(_pydate(self.valid_from.date()))
            end = self._epoch(_pydate(self.valid_until.date())) + DAY  # the last day counts
        old = self._old
        return R.check_item(R.Item(
            old.id if old else 0, kind, self.name.text(), self.points.value(), cash, stock,
            self.per_member.value() if self.limited.isChecked() else None, start, end,
            old.active if old else True, self.description.text()))

    def accept(self) -> None:
        try:
            self.item()
        except R.RewardError as exc:
            self.error.setText(user_error_text(ValidationError(exc.message,
                                                               english=exc.english)))
            self.error.show()
            return
        super().accept()


class DecisionDialog(QDialog):
    """Issue or cancel one redemption: what happens, that it is final, and an optional note
    (a tracking number, why it was cancelled)."""

    def __init__(self, title: str, text: str, action: str, note_hint: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.note = QLineEdit()
        self.note.setObjectName("redemptionNote")
        self.note.setPlaceholderText(note_hint)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox()
        self.action_button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        back = buttons.addButton(self.tr("返回"), QDialogButtonBox.ButtonRole.RejectRole)
        back.setDefault(True)  # Enter must not make a final decision
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.label.text()

    def note_text(self) -> str:
        return self.note.text().strip()
