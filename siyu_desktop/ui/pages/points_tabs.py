"""The points screen's read-only tabs: 概览 (points in circulation, twelve weeks of flows as a
chart and a table, the expiry policy) and 排行 (points earned per member in a week or a month,
overall or in one group). Dumb widgets: setters, and signals the controller acts on."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.points_periods import Flow, Period, PeriodKind, monday_of
from ...services.points_report import Board, BoardRow, Overview
from ..models.record_model import ColumnSpec, RecordTableModel
from ..widgets.points_chart import FlowChart
from ..widgets.tables import fit_columns, record_table


def n(value: int) -> str:
    return f"{value:,}"


def period_range(p: Period) -> str:
    if p.kind is PeriodKind.MONTH:
        return f"{p.first:%Y-%m}"
    return f"{p.first:%m-%d} – {p.last:%m-%d}"


def period_name(p: Period, today: date) -> str:
    """本周（12-01 – 12-07）, 上月（2025-11）, or the dates alone for older ones."""
    here = p.first <= today <= p.last
    current = monday_of(today) if p.kind is PeriodKind.WEEK else today.replace(day=1)
    before = p.last + timedelta(days=1) == current
    if p.kind is PeriodKind.WEEK:
        words = (QCoreApplication.translate("PointsPage", "本周") if here
                 else QCoreApplication.translate("PointsPage", "上周") if before else "")
        dates = f"{p.first:%Y-%m-%d} – {p.last:%m-%d}"
    else:
        words = (QCoreApplication.translate("PointsPage", "本月") if here
                 else QCoreApplication.translate("PointsPage", "上月") if before else "")
        dates = f"{p.first:%Y-%m}"
    if not words:
        return dates
    return QCoreApplication.translate("PointsPage", "{words}（{dates}）").format(words=words,
                                                                             dates=dates)


class StatBox(QFrame):
    """A figure with its caption and a line below it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        self.caption = QLabel(caption)
        self.caption.setObjectName("statCaption")
        self.value = QLabel("—")
        self.value.setObjectName("statValue")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.value.setFont(font)
        self.note = QLabel("")
        self.note.setObjectName("statNote")
        self.note.setWordWrap(True)
        for w in (self.caption, self.value, self.note):
            layout.addWidget(w)

    def set(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)


class OverviewTab(QWidget):
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        stats = QGridLayout()
        self.circulating = StatBox(self.tr("流通中的积分"))
        self.issued = StatBox(self.tr("本周发放"))
        self.spent = StatBox(self.tr("本周使用"))
        self.expired = StatBox(self.tr("本周过期"))
        self.soon = StatBox(self.tr("30 天内到期"))
        for i, box in enumerate((self.circulating, self.issued, self.spent, self.expired,
                                 self.soon)):
            stats.addWidget(box, 0, i)
        layout.addLayout(stats)
        row = QHBoxLayout()
        self.policy = QLabel()
        self.policy.setObjectName("expiryPolicy")
        self.policy.setWordWrap(True)
        row.addWidget(self.policy, 1)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh_requested)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.chart = FlowChart()
        split.addWidget(self.chart)
        columns: list[ColumnSpec[Flow]] = [
            ColumnSpec(self.tr("周一至周日"), lambda f: period_range(f.period)),
            ColumnSpec(self.tr("发放"), lambda f: n(f.issued), align_right=True),
            ColumnSpec(self.tr("使用"), lambda f: n(f.spent), align_right=True),
            ColumnSpec(self.tr("过期"), lambda f: n(f.expired), align_right=True),
            ColumnSpec(self.tr("其他变动"), lambda f: f"{f.other:+,}" if f.other else "0",
                       align_right=True),
            ColumnSpec(self.tr("净变化"), lambda f: f"{f.net:+,}", align_right=True),
        ]
        self.model: RecordTableModel[Flow] = RecordTableModel(columns, self)
        self.table = record_table(self.model, sortable=False, object_name="flowTable")
        self.table.setToolTip(self.tr("发放：获得与正数调整（含期初余额、导入）；其他变动：负数调整"
                                      "（批量扣回）和冲正记录的净额。"))
        fit_columns(self.table, {0: 100, 1: 72, 2: 72, 3: 80, 4: 72, 5: 80})
        split.addWidget(self.table)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setSizes([600, 490])
        layout.addWidget(split, 1)

    def set_overview(self, overview: Overview, english: bool = False) -> None:
        c = overview.circulation
        self.circulating.set(n(c.points), self.tr("{k} 位客户持有").format(k=n(c.holders)))
        week = overview.weeks[-1] if overview.weeks else None
        last = overview.weeks[-2] if len(overview.weeks) > 1 else None
        for box, field in ((self.issued, "issued"), (self.spent, "spent"),
                           (self.expired, "expired")):
            box.set(n(getattr(week, field)) if week else "0",
                    self.tr("上周 {v}").format(v=n(getattr(last, field))) if last else "")
        self.soon.set(n(c.expiring_soon), self.tr("{k} 位客户").format(k=n(c.expiring_members)))
        zh, en = overview.policy.describe()
        text = self.tr("到期规则：{rule}。").format(rule=en if english else zh)
        if c.expired_waiting:
            text += self.tr("另有 {p} 分（{k} 位客户）已过到期日、还没有执行到期清零，这些积分不能再使用；"
                            "可在「到期」页补跑。").format(p=n(c.expired_waiting),
                                                 k=n(c.expired_members))
        self.policy.setText(text)
        weeks = list(reversed(overview.weeks))  # the table: this week first
        self.model.set_records(weeks)
        self.chart.set_flows([f"{f.period.first:%m/%d}" for f in overview.weeks], [
            (self.tr("发放"), [f.issued for f in overview.weeks]),
            (self.tr("使用"), [f.spent for f in overview.weeks]),
            (self.tr("过期"), [f.expired for f in overview.weeks])])


class BoardTab(QWidget):
    """Pick overall or a group, week or month, and which one."""

    board_requested = Signal()
    kind_changed = Signal(str)  # PeriodKind

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("范围")))
        self.scope = QComboBox()
        self.scope.setObjectName("boardScope")
        self.scope.setEditable(True)
        self.scope.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.scope.setMinimumWidth(260)
        completer = self.scope.completer()
        if completer is not None:  # typing part of a group's name finds it
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.scope.addItem(self.tr("全部客户"), None)
        row.addWidget(self.scope)
        row.addSpacing(12)
        row.addWidget(QLabel(self.tr("周期")))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("按周"), str(PeriodKind.WEEK))
        self.kind.addItem(self.tr("按月"), str(PeriodKind.MONTH))
        row.addWidget(self.kind)
        self.period = QComboBox()
        self.period.setMinimumWidth(220)
        row.addWidget(self.period)
        self.show_button = QPushButton(self.tr("查看排行"))
        self.show_button.setDefault(True)
        row.addWidget(self.show_button)
        row.addStretch(1)
        layout.addLayout(row)
        rule = QLabel(self.tr("积分 = 这段时间里获得的积分（参与游戏、规则奖励、批量发放等“获得”记录），"
                              "之后被冲正或撤销的不算；期初余额、导入余额等调整不算。"
                              "群排行只看现在还在群里的客户。"))
        rule.setWordWrap(True)
        rule.setObjectName("boardRule")
        layout.addWidget(rule)
        self.summary = QLabel()
        self.summary.setObjectName("boardSummary")
        layout.addWidget(self.summary)
        columns: list[ColumnSpec[BoardRow]] = [
            ColumnSpec(self.tr("名次"), lambda r: str(r.rank), align_right=True),
            ColumnSpec(self.tr("客户"), lambda r: r.name or self.tr("（未命名）")),
            ColumnSpec(self.tr("手机号"), lambda r: r.phone),
            ColumnSpec(self.tr("客户编号"), lambda r: str(r.member_id), align_right=True),
            ColumnSpec(self.tr("获得积分"), lambda r: n(r.points), align_right=True),
        ]
        self.model: RecordTableModel[BoardRow] = RecordTableModel(columns, self)
        self.table = record_table(self.model, sortable=False, object_name="boardTable")
        fit_columns(self.table, {0: 60, 1: 180, 2: 130, 3: 90, 4: 90})
        layout.addWidget(self.table, 1)
        self.kind.currentIndexChanged.connect(
            lambda _i: self.kind_changed.emit(self.kind.currentData()))
        self.show_button.clicked.connect(self.board_requested)
        self.period.activated.connect(lambda _i: self.board_requested.emit())
        self.scope.activated.connect(lambda _i: self.board_requested.emit())

    def set_groups(self, groups: Sequence[tuple[int, str, int]]) -> None:
        """(group id, name, members), biggest first is the caller's choice."""
        current = self.current_group()
        self.scope.blockSignals(True)
        while self.scope.count() > 1:
            self.scope.removeItem(1)
        for group_id, name, members in groups:
            self.scope.addItem(self.tr("{name}（{k} 人）").format(name=name or str(group_id),
                                                              k=n(members)), group_id)
        index = self.scope.findData(current) if current is not None else 0
        self.scope.setCurrentIndex(max(index, 0))
        self.scope.blockSignals(False)

    def set_periods(self, periods: Sequence[Period], today: date) -> None:
        self.period.clear()
        for p in periods:
            self.period.addItem(period_name(p, today), p)

    def current_group(self) -> int | None:
        value = self.scope.currentData()
        return int(value) if value is not None else None

    def select_group(self, group_id: int | None) -> None:
        self.scope.setCurrentIndex(max(self.scope.findData(group_id), 0))

    def current_kind(self) -> PeriodKind:
        return PeriodKind(self.kind.currentData())

    def current_period(self) -> Period | None:
        value = self.period.currentData()
        return value if isinstance(value, Period) else None

    def set_loading(self) -> None:
        self.summary.setText(self.tr("正在计算排行…"))

    def set_board(self, board: Board, scope_name: str, today: date) -> None:
        when = period_name(board.period, today)
        if not board.rows:
            self.summary.setText(self.tr("{scope} · {when}：这段时间没有人获得积分。").format(
                scope=scope_name, when=when))
        else:
            self.summary.setText(self.tr(
                "{scope} · {when}：{k} 位客户获得积分，合计 {p} 分；显示前 {shown} 名。").format(
                scope=scope_name, when=when, k=n(board.members), p=n(board.points),
                shown=n(len(board.rows))))
        self.model.set_records(board.rows)

    def scope_name(self) -> str:
        return self.scope.currentText()
