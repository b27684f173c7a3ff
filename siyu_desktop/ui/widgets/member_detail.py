"""The member detail panel: profile, tags, groups, following staff, change history."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.workspace import MemberDetail
from .. import labels


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
    return table


class MemberDetailPanel(QWidget):
    save_requested = Signal(int, object)  # member id, {"level": ..., "note": ...}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(300)
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
        self.tabs.addTab(profile, self.tr("资料"))
        self.tags = QListWidget()
        self.tabs.addTab(self.tags, self.tr("标签"))
        self.groups = QListWidget()
        self.tabs.addTab(self.groups, self.tr("社群"))
        self.follows = QListWidget()
        self.tabs.addTab(self.follows, self.tr("跟进员工"))
        self.history = QListWidget()
        self.history.setWordWrap(True)
        self.tabs.addTab(self.history, self.tr("变更记录"))
        self.set_detail(None)

    def set_detail(self, detail: MemberDetail | None) -> None:
        for w in (self.tags, self.groups, self.follows, self.history):
            w.clear()
        self._member_id = detail.member.id if detail is not None else None
        if detail is None:
            self.title.setText(self.tr("选择一位客户查看详情"))
            for value in self.fields.values():
                value.clear()
            self.tabs.setEnabled(False)
            return
        self.tabs.setEnabled(True)
        m = detail.member
        self.title.setText(f"{m.name}  ·  {labels.level_name(m.level)}")
        values = {
            "phone": m.phone or "", "level": labels.level_name(m.level),
            "channel": labels.channel_name(m.channel), "birthday": m.birthday or "",
            "joined": labels.fmt_time(m.joined_at), "active": labels.fmt_time(m.last_active_at),
            "external_userid": m.external_userid or self.tr("（未关联企业微信）"),
            "remark": m.remark, "note": m.note,
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        self.level_edit.setCurrentIndex(max(0, self.level_edit.findData(m.level)))
        self.note_edit.setPlainText(m.note)
        for tag in detail.tags:
            self.tags.addItem(tag.name + ("" if tag.wecom_tag_id else self.tr("（本地）")))
        if not detail.tags:
            self.tags.addItem(self.tr("（没有标签）"))
        joined_word = self.tr("入群")
        remark_word = self.tr("备注")
        for _gid, name, joined in detail.groups:
            self.groups.addItem(f"{name}  ·  {joined_word} {labels.fmt_time(joined, False)}")
        if not detail.groups:
            self.groups.addItem(self.tr("（不在任何社群中）"))
        for f in detail.follows:
            text = f"{f.staff_name}  ·  {labels.add_way_name(f.add_way)}  ·  {labels.fmt_time(f.add_time, False)}"
            if f.remark:
                text += f"\n{remark_word}: {f.remark}"
            self.follows.addItem(text)
        for entry in detail.history:
            self.history.addItem(f"{labels.fmt_time(entry.at)}  {entry.actor}\n"
                                 f"{_describe_change(entry.entity, entry.before, entry.after)}")
        if not detail.history:
            self.history.addItem(self.tr("（暂无变更）"))

    def _on_save(self) -> None:
        if self._member_id is not None:
            self.save_requested.emit(self._member_id, {
                "level": int(self.level_edit.currentData()),
                "note": self.note_edit.toPlainText().strip()})
