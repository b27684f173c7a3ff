"""积分 → 规则: the points earning rules — what taking part in a game, a game rank, a birthday, an
invited friend who stayed or a purchase is worth, with the per-member caps — and buttons to add,
edit, preview, switch a rule on or off, and pay today's rule points.

Layout only: ``RulesController`` fills it, listens to its signals and owns every await.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.points_rules import Rule, RuleKind
from ...services.points_rules import StoredRule
from .. import labels
from ..models.record_model import ColumnSpec, RecordTableModel
from ..models.roster_model import RecordRole, SortRole
from ..widgets.tables import fit_columns, record_table

SHANGHAI = ZoneInfo("Asia/Shanghai")


def kind_name(kind: RuleKind) -> str:
    """A rule's kind (规则类型) in the window's language."""
    names = {
        RuleKind.PARTICIPATION: QCoreApplication.translate("points_rules", "参与游戏"),
        RuleKind.RANK: QCoreApplication.translate("points_rules", "游戏名次"),
        RuleKind.BIRTHDAY: QCoreApplication.translate("points_rules", "生日"),
        RuleKind.INVITE_STAYED: QCoreApplication.translate("points_rules", "邀请好友留存"),
        RuleKind.PURCHASE: QCoreApplication.translate("points_rules", "消费"),
        RuleKind.MANUAL: QCoreApplication.translate("points_rules", "手动"),
    }
    return names.get(kind, str(kind))


def amount_text(rule: Rule) -> str:
    """What one event earns under ``rule``, briefly."""
    if rule.kind is RuleKind.RANK:
        return QCoreApplication.translate("points_rules", "第1名 {first} 分").format(first=rule.amounts[0]) + "".join(
            QCoreApplication.translate("points_rules", " · 第{n}名 {points}").format(n=i + 2, points=a)
            for i, a in enumerate(rule.amounts[1:]))
    if rule.kind is RuleKind.PURCHASE:
        return QCoreApplication.translate("points_rules", "每消费 1 元 {rate} 分").format(rate=rule.rate)
    if rule.kind is RuleKind.INVITE_STAYED:
        return QCoreApplication.translate("points_rules", "{points} 分（好友留存满 {days} 天）").format(points=rule.amount,
                                                          days=rule.stay_days)
    if rule.kind is RuleKind.MANUAL:
        return QCoreApplication.translate("points_rules", "发放时填写")
    return QCoreApplication.translate("points_rules", "{points} 分").format(points=rule.amount)


def describe(rule: Rule) -> str:
    """A sentence saying what the rule does, caps included."""
    text = {
        RuleKind.PARTICIPATION: QCoreApplication.translate("points_rules", "客户每参与一期互动游戏得 {points} 分。"),
        RuleKind.RANK: QCoreApplication.translate("points_rules", "每期互动游戏按名次发放：{ranks}。"),
        RuleKind.BIRTHDAY: QCoreApplication.translate("points_rules", "客户生日当天得 {points} 分，每年一次。"),
        RuleKind.INVITE_STAYED: QCoreApplication.translate("points_rules", "客户邀请的好友入群并留存满 {days} 天，邀请人得 {points} 分，"
                                   "每位好友只算一次。"),
        RuleKind.PURCHASE: QCoreApplication.translate("points_rules", "每消费 1 元得 {rate} 分（不足 1 分的部分不计）。"),
        RuleKind.MANUAL: QCoreApplication.translate("points_rules", "手动发放，积分在发放时填写。"),
    }[rule.kind].format(points=rule.amount, days=rule.stay_days, rate=rule.rate,
                        ranks=amount_text(rule))
    caps = []
    if rule.daily_cap is not None:
        caps.append(QCoreApplication.translate("points_rules", "每人每天最多 {cap} 分").format(cap=f"{rule.daily_cap:,}"))
    if rule.monthly_cap is not None:
        caps.append(QCoreApplication.translate("points_rules", "每人每月最多 {cap} 分").format(cap=f"{rule.monthly_cap:,}"))
    if caps:
        text += QCoreApplication.translate("points_rules", "上限：{caps}。").format(caps=QCoreApplication.translate("points_rules", "，").join(caps))
    return text


def cap_text(cap: int | None) -> str:
    return QCoreApplication.translate("points_rules", "不限") if cap is None else f"{cap:,}"


class PointsRulesTab(QWidget):
    add_requested = Signal()
    edit_requested = Signal(str)  # rule id
    preview_requested = Signal(str)  # rule id
    toggle_requested = Signal(str, bool)  # rule id, on afterwards
    run_requested = Signal()  # pay today's rule points

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz = SHANGHAI
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.setSpacing(8)
        head = QHBoxLayout()
        title = QLabel(self.tr("积分规则"))
        title.setObjectName("pageTitle")
        head.addWidget(title)
        self.summary = QLabel(self.tr("正在加载…"))
        self.summary.setObjectName("hintLabel")
        head.addWidget(self.summary, 1)
        self.add_button = QPushButton(self.tr("新增规则"))
        self.add_button.setObjectName("ruleAdd")
        self.edit_button = QPushButton(self.tr("编辑"))
        self.edit_button.setObjectName("ruleEdit")
        self.preview_button = QPushButton(self.tr("预览"))
        self.preview_button.setObjectName("rulePreview")
        self.preview_button.setToolTip(self.tr("看看这条规则在过去 30 天会给谁发多少分"))
        self.toggle_button = QPushButton(self.tr("启用…"))
        self.toggle_button.setObjectName("ruleToggle")
        self.run_button = QPushButton(self.tr("发放今天的规则积分…"))
        self.run_button.setObjectName("ruleRun")
        self.run_button.setToolTip(self.tr("按启用的规则，给今天的生日、游戏、邀请等发放积分；"
                                           "已经发过的不会再发。"))
        for b in (self.add_button, self.edit_button, self.preview_button, self.toggle_button,
                  self.run_button):
            head.addWidget(b)
        layout.addLayout(head)

        columns: list[ColumnSpec[StoredRule]] = [
            ColumnSpec(self.tr("名称"), lambda s: s.rule.name, tooltip=True),
            ColumnSpec(self.tr("类型"), lambda s: kind_name(s.rule.kind)),
            ColumnSpec(self.tr("积分"), lambda s: amount_text(s.rule), tooltip=True),
            ColumnSpec(self.tr("每日上限"), lambda s: cap_text(s.rule.daily_cap),
                       sort=lambda s: s.rule.daily_cap or 2**40, align_right=True),
            ColumnSpec(self.tr("每月上限"), lambda s: cap_text(s.rule.monthly_cap),
                       sort=lambda s: s.rule.monthly_cap or 2**40, align_right=True),
            ColumnSpec(self.tr("状态"), lambda s: self.tr("启用") if s.rule.enabled
                       else self.tr("停用"), sort=lambda s: not s.rule.enabled),
            ColumnSpec(self.tr("修改时间"), lambda s: labels.fmt_time(s.updated_at, True, self.tz),
                       sort=lambda s: s.updated_at),
        ]
        self.model: RecordTableModel[StoredRule] = RecordTableModel(columns, self)
        self.proxy = QSortFilterProxyModel(self.model)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = record_table(self.proxy, object_name="pointsRules")
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        fit_columns(self.table, {0: 180, 1: 110, 2: 260, 3: 90, 4: 90, 5: 70, 6: 140},
                    {1: [kind_name(k) for k in RuleKind]})
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.empty = QLabel(self.tr("还没有积分规则。点“新增规则”设定参与游戏、名次、生日、邀请好友"
                                    "或消费各得多少积分。"))
        self.empty.setObjectName("hintLabel")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.detail = QLabel("")
        self.detail.setObjectName("ruleDetail")
        self.detail.setWordWrap(True)
        layout.addWidget(self.detail)
        hint = QLabel(self.tr("启用或修改规则前会先预览它在过去 30 天的效果。同一事件只发一次积分："
                              "重复发放不会多发，上限按工作区时区的自然日、自然月计算。"))
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(lambda: self._with_current(self.edit_requested.emit))
        self.preview_button.clicked.connect(
            lambda: self._with_current(self.preview_requested.emit))
        self.toggle_button.clicked.connect(self._toggle_clicked)
        self.run_button.clicked.connect(self.run_requested)
        self.table.doubleClicked.connect(lambda *_: self._with_current(self.edit_requested.emit))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self._selected()

    # -- filled by the controller --------------------------------------------------------------
    def set_rules(self, rules: Sequence[StoredRule], tz: ZoneInfo | None = None) -> None:
        keep = self.current_rule()
        if tz is not None:
            self.tz = tz
        self.model.set_records(rules)
        self.stack.setCurrentIndex(0 if rules else 1)
        on = sum(1 for s in rules if s.rule.enabled)
        self.summary.setText(self.tr("{n} 条规则，{k} 条启用").format(n=len(rules), k=on))
        if keep is not None:
            self.select(keep.id)
        elif rules:
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._selected()

    def select(self, rule_id: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RecordRole).rule.id == rule_id:
                self.table.setCurrentIndex(index)
                return True
        return False

    def current_rule(self) -> Rule | None:
        index = self.table.currentIndex()
        return index.data(RecordRole).rule if index.isValid() else None

    def set_busy(self, busy: bool) -> None:
        self.run_button.setEnabled(not busy)

    def _with_current(self, emit: Callable[[str], object]) -> None:
        rule = self.current_rule()
        if rule is not None:
            emit(rule.id)

    def _toggle_clicked(self) -> None:
        rule = self.current_rule()
        if rule is not None:
            self.toggle_requested.emit(rule.id, not rule.enabled)

    def _selected(self) -> None:
        rule = self.current_rule()
        for b in (self.edit_button, self.preview_button, self.toggle_button):
            b.setEnabled(rule is not None)
        self.toggle_button.setText(self.tr("停用", "button") if rule is not None and rule.enabled
                                   else self.tr("启用…"))
        self.detail.setText("" if rule is None else describe(rule))
