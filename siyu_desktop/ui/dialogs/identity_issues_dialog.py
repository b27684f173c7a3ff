"""身份无法确定的客户: the WeCom customers a sync kept apart because their phone or unionid
pointed at several existing members, or at different ones (``SyncService.identity_issues``).

A dumb dialog: it is given the records and only shows them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services.identity_issues import IdentityIssueRecord, Pointer
from .. import labels
from ..models.record_model import ColumnSpec, RecordTableModel


class IdentityIssuesDialog(QDialog):
    def __init__(self, records: Sequence[IdentityIssueRecord],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identityIssuesDialog")
        self.setWindowTitle(self.tr("身份无法确定的客户"))
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        self.hint = QLabel(self.tr(
            "这些企业微信客户的手机号或 unionid 指向了不同的已有客户，同步无法确定是哪一位，"
            "已为他们单独建档，没有合并到任何已有客户。请在客户列表里核对。"))
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.model: RecordTableModel[IdentityIssueRecord] = RecordTableModel([
            ColumnSpec(self.tr("客户"), lambda r: r.name),
            ColumnSpec(self.tr("企业微信客户ID"), lambda r: r.external_userid, tooltip=True),
            ColumnSpec(self.tr("单独建档为"),
                       lambda r: f"#{r.member_id}" if r.member_id else "",
                       lambda r: r.member_id or 0, align_right=True),
            ColumnSpec(self.tr("指向的已有客户"), self.pointing_text, tooltip=True),
            ColumnSpec(self.tr("原因"), self.reason_text, tooltip=True),
            ColumnSpec(self.tr("记录时间"), lambda r: labels.fmt_time(r.at), lambda r: r.at),
        ], self)
        self.model.set_records(records)
        self.table = QTableView()
        self.table.setObjectName("identityIssuesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((0, 110), (1, 170), (2, 90), (3, 300), (4, 170)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _key(self, key: str) -> str:
        return self.tr("手机号") if key == "phone" else "unionid" if key == "unionid" else key

    def _said(self, p: Pointer) -> str:
        return (self.tr("{key}「{value}」").format(key=self._key(p.key), value=p.value)
                if p.value else self._key(p.key))

    def pointing_text(self, r: IdentityIssueRecord) -> str:
        """unionid「u-1」→ #3 丙；手机号「138…」→ #4 丁"""
        def who(p: Pointer) -> str:
            return self.tr("、").join(
                f"#{m.member_id} {m.name}" if m.name else
                self.tr("#{id}（已删除）").format(id=m.member_id) if not m.exists else
                f"#{m.member_id}" for m in p.members)
        return self.tr("；").join(self.tr("{said} → {members}").format(said=self._said(p),
                                                                      members=who(p))
                                 for p in r.pointing)

    def reason_text(self, r: IdentityIssueRecord) -> str:
        if r.kind == "ambiguous" and r.pointing:
            p = r.pointing[0]
            return self.tr("{key}对应 {n} 位已有客户，无法确定是哪一位").format(
                key=self._key(p.key), n=len(p.members))
        return self.tr("{keys}指向不同的客户").format(
            keys=self.tr("和").join(self._key(p.key) for p in r.pointing))
