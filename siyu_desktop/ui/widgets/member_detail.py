"""The member detail panel: profile, tags, groups, following staff, change history.

The level and the local note are edited on the profile tab; each follow relationship's remark
(备注, what that staff member sees in WeCom) on the staff tab, shown as waiting (待同步) until
the outbox has pushed it. The panel only emits; the roster controller saves."""

from __future__ import annotations

import json

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import points as points_domain
from ...domain.members import Follow
from ...services.levels import MemberLevel
from ...services.workspace import MemberDetail, MemberPoints
from .. import labels

MAX_REMARK = 20  # WeCom's limit
STAFF_ROLE = Qt.ItemDataRole.UserRole
REMARK_ROLE = Qt.ItemDataRole.UserRole + 1
REMARK_STATUS = {"pending": QT_TRANSLATE_NOOP("MemberDetailPanel", "待同步"),
                 "sending": QT_TRANSLATE_NOOP("MemberDetailPanel", "待同步"),
                 "failed": QT_TRANSLATE_NOOP("MemberDetailPanel", "同步失败，原因见“企业微信”页")}
KIND_WORDS = {
    points_domain.Kind.EARN: QT_TRANSLATE_NOOP("MemberDetailPanel", "获得"),
    points_domain.Kind.SPEND: QT_TRANSLATE_NOOP("MemberDetailPanel", "使用"),
    points_domain.Kind.EXPIRE: QT_TRANSLATE_NOOP("MemberDetailPanel", "过期"),
    points_domain.Kind.ADJUST: QT_TRANSLATE_NOOP("MemberDetailPanel", "调整"),
    points_domain.Kind.REVERSE: QT_TRANSLATE_NOOP("MemberDetailPanel", "冲正"),
}
STATUS_COLORS = {"pending": "#b45309", "sending": "#b45309", "failed": "#b91c1c"}


def _describe_change(table: str, before: object, after: object) -> str:
    """One audit row in words (the history tab)."""
    b = before if isinstance(before, dict) else {}
    a = after if isinstance(after, dict) else {}
    if table == "member_tags":
        name = str((a or b).get("tag_name", ""))
        return (QCoreApplication.translate("MemberDetailPanel", "添加标签") if after
                else QCoreApplication.translate("MemberDetailPanel", "移除标签")) + f" “{name}”"
    if table == "members":
        if not before:
            return QCoreApplication.translate("MemberDetailPanel", "创建客户")
        fields = [k for k in a if k not in ("updated_at", "name_pinyin", "name_initials",
                                            "birth_md") and a.get(k) != b.get(k)]
        return QCoreApplication.translate("MemberDetailPanel", "修改资料") + ": " + ", ".join(
            f"{k} {json.dumps(b.get(k), ensure_ascii=False)} → "
            f"{json.dumps(a.get(k), ensure_ascii=False)}" for k in fields)
    if table == "points_entries":
        amount = int((a or b).get("amount", 0))
        return QCoreApplication.translate("MemberDetailPanel", "积分") + f" {amount:+,}"
    if table == "level_changes" and isinstance(after, dict):
        return QCoreApplication.translate("MemberDetailPanel", "等级") + \
            f" {labels.level_name(int(a.get('old_level', 0)))} → " \
            f"{labels.level_name(int(a.get('new_level', 0)))}：{a.get('reason', '')}"
    if table == "redemptions":
        row = a or b
        return QCoreApplication.translate("MemberDetailPanel", "兑换") + \
            f" #{row.get('id', '')} {labels.redemption_status_name(str(row.get('status', '')))}"
    if table == "follows" and before and after and a.get("remark") != b.get("remark"):
        return QCoreApplication.translate("MemberDetailPanel", "修改备注") + \
            f" “{b.get('remark', '')}” → “{a.get('remark', '')}”"
    return table


class MemberDetailPanel(QWidget):
    save_requested = Signal(int, object)  # member id, {"level": ..., "note": ...}
    remark_requested = Signal(int, int, str)  # member id, staff id, new remark
    member_shown = Signal(int)  # a member (again) on the panel: their level is loaded apart

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(300)
        self.channel_names: dict[str, str] = {}  # code → name, from the channel list
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)

        profile = QWidget()
        profile_layout = QVBoxLayout(profile)
        self.form = QFormLayout()
        profile_layout.addLayout(self.form)
        profile_layout.addStretch(1)  # rows stay compact; the space goes below them
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.fields: dict[str, QLabel] = {}
        for key, text in (("phone", self.tr("手机号")), ("level", self.tr("等级")),
                          ("channel", self.tr("来源渠道")), ("birthday", self.tr("生日")),
                          ("joined", self.tr("添加时间")), ("active", self.tr("最近活跃")),
                          ("external_userid", self.tr("企业微信 ID")), ("remark", self.tr("备注")),
                          ("note", self.tr("本地笔记"))):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.fields[key] = value
            self.form.addRow(text, value)
        # the two fields that are the operator's own (WeCom knows neither): editable here
        self.level_edit = QComboBox()
        for level in range(4):
            self.level_edit.addItem(labels.level_name(level), level)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(self.tr("只保存在本机工作区，不会同步到企业微信"))
        self.note_edit.setMaximumHeight(80)
        self.save_button = QPushButton(self.tr("保存修改"))
        self.save_button.clicked.connect(self._on_save)
        self.form.addRow(self.tr("修改等级"), self.level_edit)
        self.form.addRow(self.tr("修改笔记"), self.note_edit)
        self.form.addRow("", self.save_button)
        self._member_id: int | None = None
        self._in_wecom = False  # remarks live in WeCom: only its customers have them
        self.tabs.addTab(profile, self.tr("资料"))
        self.tags = QListWidget()
        self.tabs.addTab(self.tags, self.tr("标签"))
        self.groups = QListWidget()
        self.tabs.addTab(self.groups, self.tr("社群"))
        self.tabs.addTab(self._build_follows_tab(), self.tr("跟进员工"))
        self.tabs.addTab(self._build_points_tab(), self.tr("积分"))
        self.history = QListWidget()
        self.history.setWordWrap(True)
        self.tabs.addTab(self.history, self.tr("变更记录"))
        self.set_detail(None)

    def _build_points_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.level_summary = QLabel()
        self.level_summary.setObjectName("levelSummary")
        self.level_summary.setWordWrap(True)
        self.level_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.level_summary)
        self.points_summary = QLabel()
        self.points_summary.setObjectName("pointsSummary")
        self.points_summary.setWordWrap(True)
        layout.addWidget(self.points_summary)
        self.lots = QListWidget()
        self.lots.setMaximumHeight(96)
        self.lots.setToolTip(self.tr("每次获得的积分各有有效期；使用时先扣最早获得的。"))
        layout.addWidget(QLabel(self.tr("未用完的积分（先到期的先用）")))
        layout.addWidget(self.lots)
        layout.addWidget(QLabel(self.tr("积分明细（最新在前）")))
        self.statement = QTreeWidget()
        self.statement.setRootIsDecorated(False)
        self.statement.setUniformRowHeights(True)
        self.statement.setHeaderLabels([self.tr("时间"), self.tr("类型"), self.tr("积分"),
                                        self.tr("余额"), self.tr("原因")])
        layout.addWidget(self.statement, 1)
        return tab

    def _show_points(self, held: MemberPoints | None) -> None:
        self.lots.clear()
        self.statement.clear()
        if held is None:
            self.points_summary.clear()
            return
        text = self.tr("余额 {balance} 分").format(balance=f"{held.balance:,}")
        if held.spendable != held.balance:
            text += self.tr("（可用 {n} 分，其余已到期，等待过期清零）").format(
                n=f"{held.spendable:,}")
        self.points_summary.setText(text)
        for lot in held.lots:
            until = (self.tr("至 {day}").format(day=labels.fmt_time(lot.expires_at - 1, False))
                     if lot.expires_at is not None else self.tr("不过期"))
            lot_item = QListWidgetItem(self.tr("{left}/{amount} 分 · {until}").format(
                left=f"{lot.remaining:,}", amount=f"{lot.amount:,}", until=until))
            lot_item.setToolTip(self.tr("{earned} 获得 {amount} 分，还剩 {left} 分").format(
                earned=labels.fmt_time(lot.at), amount=f"{lot.amount:,}",
                left=f"{lot.remaining:,}"))
            self.lots.addItem(lot_item)
        if not held.lots:
            self.lots.addItem(self.tr("（没有可用积分）"))
        for entry, balance in held.statement:
            item = QTreeWidgetItem([
                labels.fmt_time(entry.at, False),
                QCoreApplication.translate("MemberDetailPanel", str(KIND_WORDS[entry.kind])),
                f"{entry.amount:+,}", f"{balance:,}", entry.reason])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, labels.fmt_time(entry.at))
            item.setToolTip(4, entry.reason)
            if entry.amount < 0:
                item.setForeground(2, QBrush(QColor("#b91c1c")))
            self.statement.addTopLevelItem(item)
        if held.entries > len(held.statement):
            more = QTreeWidgetItem(["", "", "", "", self.tr("更早的 {n} 条未列出").format(
                n=f"{held.entries - len(held.statement):,}")])
            self.statement.addTopLevelItem(more)
        for column in range(4):
            self.statement.resizeColumnToContents(column)

    def _build_follows_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 0, 0, 0)
        self.follows = QListWidget()
        self.follows.setWordWrap(True)
        self.follows.setSpacing(3)
        self.follows.setResizeMode(QListView.ResizeMode.Adjust)
        self.follows.currentItemChanged.connect(self._on_follow_chosen)
        layout.addWidget(self.follows, 1)
        self.remark_label = QLabel(self.tr("备注"))
        layout.addWidget(self.remark_label)
        row = QHBoxLayout()
        self.remark_edit = QLineEdit()
        self.remark_edit.setMaxLength(MAX_REMARK)
        self.remark_edit.setPlaceholderText(self.tr("最多 20 个字"))
        self.remark_edit.returnPressed.connect(self._on_save_remark)
        self.remark_button = QPushButton(self.tr("保存备注"))
        self.remark_button.clicked.connect(self._on_save_remark)
        row.addWidget(self.remark_edit, 1)
        row.addWidget(self.remark_button)
        layout.addLayout(row)
        self.remark_hint = QLabel()
        self.remark_hint.setObjectName("hintLabel")
        self.remark_hint.setWordWrap(True)
        layout.addWidget(self.remark_hint)
        return tab

    def set_channel_names(self, names: dict[str, str]) -> None:
        self.channel_names = dict(names)

    def set_detail(self, detail: MemberDetail | None, *, keep_edits: bool = False) -> None:
        """Show a member. ``keep_edits``: a refresh of the member already shown (after a sync or
        a push) leaves what the operator is typing alone."""
        keep = keep_edits and detail is not None and detail.member.id == self._member_id
        for w in (self.tags, self.groups, self.history):
            w.clear()
        self._member_id = detail.member.id if detail is not None else None
        if detail is None:
            self.title.setText(self.tr("选择一位客户查看详情"))
            for value in self.fields.values():
                value.clear()
            self.follows.clear()
            self._show_points(None)
            self.set_level(None)
            self._update_remark_editor()
            self.tabs.setEnabled(False)
            return
        self.tabs.setEnabled(True)
        self._show_read_only(detail)
        if not keep:
            self.level_edit.setCurrentIndex(max(0, self.level_edit.findData(detail.member.level)))
            self.note_edit.setPlainText(detail.member.note)
        for tag in detail.tags:
            self.tags.addItem(tag.name + ("" if tag.wecom_tag_id else self.tr("（本地）")))
        if not detail.tags:
            self.tags.addItem(self.tr("（没有标签）"))
        joined_word = self.tr("入群")
        for _gid, name, joined in detail.groups:
            self.groups.addItem(f"{name}  ·  {joined_word} {labels.fmt_time(joined, False)}")
        if not detail.groups:
            self.groups.addItem(self.tr("（不在任何社群中）"))
        self._show_follows(detail, keep_edits=keep)
        self._show_points(detail.points)
        for entry in detail.history:
            self.history.addItem(f"{labels.fmt_time(entry.at)}  {labels.actor_name(entry.actor)}\n"
                                 f"{_describe_change(entry.entity, entry.before, entry.after)}")
        if not detail.history:
            self.history.addItem(self.tr("（暂无变更）"))
        if not keep:
            self.set_level(None)
        self.member_shown.emit(detail.member.id)

    def set_level(self, info: MemberLevel | None) -> None:
        """The shown member's level (on the 积分 tab): since when, the basis value, the level's
        benefits and what is missing for the next level; None clears it."""
        if info is None or info.member_id != self._member_id:
            self.level_summary.clear()
            self.level_edit.setEnabled(True)
            self.level_edit.setToolTip("")
            return
        name = labels.level_name(info.level)
        lines = [self.tr("等级：{level}（{since} 起）").format(
            level=name, since=labels.fmt_time(info.since, False)) if info.since
            else self.tr("等级：{level}").format(level=name)]
        basis = labels.level_basis_name(str(info.basis))
        if info.value is not None:
            value = self.tr("{basis} {value}").format(basis=basis, value=f"{info.value:,}")
            if info.next_level is not None and info.to_next is not None:
                value += self.tr("，距{level}还差 {n}").format(
                    level=labels.level_name(info.next_level), n=f"{info.to_next:,}")
            lines.append(value)
        b = info.benefits
        none = self.tr("无")
        lines.append(self.tr("权益：每月券 {coupons} 张 · 生日：{birthday} · 新春：{new_year}").format(
            coupons=b.coupons_per_month, birthday=b.birthday_gift or none,
            new_year=b.new_year_gift or none))
        if not info.enabled:
            lines.append(self.tr("（未启用按规则定级：等级是导入或手工设置的）"))
        elif info.computed is not None and info.computed != info.level:
            lines.append(self.tr("（按规则应为{level}，稍后自动更新）").format(
                level=labels.level_name(info.computed)))
        self.level_summary.setText("\n".join(lines))
        self.level_edit.setEnabled(not info.enabled)
        self.level_edit.setToolTip(self.tr("已开启按规则定级：等级由积分决定，在“积分 → 等级”里修改规则。")
                                   if info.enabled else "")

    def _show_read_only(self, detail: MemberDetail) -> None:
        m = detail.member
        self.title.setText(f"{m.name}  ·  {labels.level_name(m.level)}")
        values = {
            "phone": m.phone or "", "level": labels.level_name(m.level),
            "channel": labels.channel_name(m.channel, self.channel_names),
            "birthday": m.birthday or "",
            "joined": labels.fmt_time(m.joined_at), "active": labels.fmt_time(m.last_active_at),
            "external_userid": m.external_userid or self.tr("（未关联企业微信）"),
            "remark": m.remark, "note": m.note,
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        self._in_wecom = bool(m.external_userid)

    # -- follow relationships and their remarks ------------------------------------------------
    def _show_follows(self, detail: MemberDetail, *, keep_edits: bool) -> None:
        current = self.follows.currentItem() if keep_edits else None
        chosen = current.data(STAFF_ROLE) if current is not None else None
        typed = self.remark_edit.text() if keep_edits and self.remark_edit.isModified() else None
        self.follows.blockSignals(True)
        self.follows.clear()
        for f in detail.follows:
            status = detail.remark_status.get(f.staff_id)
            item = QListWidgetItem(self._follow_text(f, status))
            if status is not None:
                item.setForeground(QBrush(QColor(STATUS_COLORS.get(status, "#b45309"))))
                item.setToolTip(self.tr("改过的备注还没有发送到企业微信。"))
            # Qt measures the lines in the Latin font; CJK fallback glyphs are taller, and a
            # two-line item would lose its second line in English
            lines = item.text().count("\n") + 1
            item.setSizeHint(QSize(0, int(lines * self.follows.fontMetrics().height() * 1.4) + 4))
            item.setData(STAFF_ROLE, f.staff_id)
            item.setData(REMARK_ROLE, f.remark)
            self.follows.addItem(item)
            if f.staff_id == chosen or (chosen is None and self.follows.count() == 1):
                self.follows.setCurrentItem(item)
        if not detail.follows:
            none = QListWidgetItem(self.tr("（没有跟进员工：不是企业微信客户）"))
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.follows.addItem(none)
        self.follows.blockSignals(False)
        self._update_remark_editor()
        if typed is not None and self.follows.currentItem() is not None:
            self.remark_edit.setText(typed)
            self.remark_edit.setModified(True)

    def _follow_text(self, f: Follow, status: str | None) -> str:
        text = (f"{f.staff_name}  ·  {labels.add_way_name(f.add_way)}  ·  "
                f"{labels.fmt_time(f.add_time, False)}")
        remark = f.remark or self.tr("（无备注）")
        text += "\n" + self.tr("备注：{remark}").format(remark=remark)
        if status is not None:
            text += "  ·  " + self.tr(str(REMARK_STATUS.get(status, status)))
        return text

    def _on_follow_chosen(self, *_args: object) -> None:
        self._update_remark_editor()

    def _update_remark_editor(self) -> None:
        item = self.follows.currentItem()
        staff_id = item.data(STAFF_ROLE) if item is not None else None
        usable = staff_id is not None and self._in_wecom
        self.remark_edit.setText(item.data(REMARK_ROLE) if usable and item is not None else "")
        for w in (self.remark_edit, self.remark_button, self.remark_label):
            w.setEnabled(usable)
        if usable and item is not None:
            name = item.text().split("  ·  ", 1)[0]
            self.remark_label.setText(self.tr("{staff} 给这位客户的备注").format(staff=name))
            self.remark_hint.setText(self.tr("先保存在本机（待同步），连接企业微信后发送。"))
        else:
            self.remark_label.setText(self.tr("备注"))
            self.remark_hint.setText(self.tr("选择一位跟进员工后可以修改备注。")
                                     if self.follows.count() else "")

    def _on_save_remark(self) -> None:
        item = self.follows.currentItem()
        if self._member_id is None or item is None or item.data(STAFF_ROLE) is None:
            return
        self.remark_requested.emit(self._member_id, int(item.data(STAFF_ROLE)),
                                   self.remark_edit.text().strip())

    @property
    def member_id(self) -> int | None:
        return self._member_id

    def _on_save(self) -> None:
        if self._member_id is not None:
            self.save_requested.emit(self._member_id, {
                "level": int(self.level_edit.currentData()),
                "note": self.note_edit.toPlainText().strip()})
