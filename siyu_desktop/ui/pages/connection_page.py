"""企业微信 Connection: the connection form, sync with progress by phase, and the outbox.

Layout only: the controller fills it and listens to its signals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services.identity_issues import IdentityIssueRecord
from ...services.types import DELETED, Description, OutboxItem
from ..dialogs.identity_issues_dialog import IdentityIssuesDialog
from ..models.record_model import ColumnSpec, RecordTableModel

KIND_WORDS = {"mark_tag": QT_TRANSLATE_NOOP("ConnectionPage", "打标签"),
              "mark_tag-": QT_TRANSLATE_NOOP("ConnectionPage", "移除标签"),
              "add_corp_tag": QT_TRANSLATE_NOOP("ConnectionPage", "新建标签"),
              "edit_corp_tag": QT_TRANSLATE_NOOP("ConnectionPage", "标签改名"),
              "del_corp_tag": QT_TRANSLATE_NOOP("ConnectionPage", "删除标签"),
              "remark": QT_TRANSLATE_NOOP("ConnectionPage", "修改备注"),
              "group_msg": QT_TRANSLATE_NOOP("ConnectionPage", "客户群群发")}
STATUS_WORDS = {"pending": QT_TRANSLATE_NOOP("ConnectionPage", "待发送"),
                "sending": QT_TRANSLATE_NOOP("ConnectionPage", "发送中"),
                "waiting_confirm": QT_TRANSLATE_NOOP("ConnectionPage", "待员工确认"),
                "sent": QT_TRANSLATE_NOOP("ConnectionPage", "已发送"),
                "failed": QT_TRANSLATE_NOOP("ConnectionPage", "失败"),
                "discarded": QT_TRANSLATE_NOOP("ConnectionPage", "已放弃")}


class ConnectionPage(QWidget):
    save_requested = Signal()
    test_requested = Signal()
    sync_requested = Signal(str)  # "full" / "incremental"
    cancel_requested = Signal()
    push_requested = Signal()
    retry_requested = Signal(int)
    discard_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._descriptions: dict[int, Description] = {}
        layout = QVBoxLayout(self)

        form_box = QGroupBox(self.tr("连接设置"))
        form = QFormLayout(form_box)
        self.corp_id = QLineEdit()
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("已保存在系统钥匙串中；留空表示不修改"))
        self.base_url = QLineEdit()
        self.proxy_mode = QComboBox()
        for mode, label in (("none", self.tr("不使用代理（直连或中转地址）")),
                            ("system", self.tr("使用系统代理")),
                            ("custom", self.tr("使用自定义代理"))):
            self.proxy_mode.addItem(label, mode)
        self.proxy_url = QLineEdit()
        self.proxy_url.setPlaceholderText("http://proxy.example.com:3128")
        self.proxy_mode.currentIndexChanged.connect(self._proxy_mode_changed)
        form.addRow(self.tr("企业 ID（CorpID）"), self.corp_id)
        form.addRow(self.tr("应用 Secret"), self.secret)
        form.addRow(self.tr("接口地址 / 中转地址"), self.base_url)
        form.addRow(self.tr("代理"), self.proxy_mode)
        form.addRow(self.tr("代理地址"), self.proxy_url)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存"))
        self.test_button = QPushButton(self.tr("测试连接"))
        self.save_button.clicked.connect(self.save_requested)
        self.test_button.clicked.connect(self.test_requested)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        form.addRow(self.test_result)
        layout.addWidget(form_box)

        sync_box = QGroupBox(self.tr("同步"))
        sync = QVBoxLayout(sync_box)
        row = QHBoxLayout()
        self.sync_button = QPushButton(self.tr("立即同步（增量）"))
        self.full_button = QPushButton(self.tr("全量同步"))
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setEnabled(False)
        self.sync_button.clicked.connect(lambda: self.sync_requested.emit("incremental"))
        self.full_button.clicked.connect(lambda: self.sync_requested.emit("full"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        for w in (self.sync_button, self.full_button, self.cancel_button):
            row.addWidget(w)
        row.addStretch(1)
        sync.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 5)
        self.progress.setValue(0)
        self.progress_label = QLabel(self.tr("尚未同步"))
        self.progress_label.setWordWrap(True)  # a refusal comes with what to do: long lines
        # how fresh each part is between full syncs, and when the next full one runs
        self.freshness_label = QLabel()
        self.freshness_label.setWordWrap(True)
        self.freshness_label.setStyleSheet("color: #5f6b7a;")
        # the customers the last sync kept apart (their identity was not clear): 查看 lists them
        self._identity_issues: list[IdentityIssueRecord] = []
        self.identity_issues_dialog: IdentityIssuesDialog | None = None
        self.identity_issues_button = QPushButton(self.tr("查看"))
        self.identity_issues_button.setObjectName("identityIssuesButton")
        self.identity_issues_button.setToolTip(self.tr("查看身份无法确定、已单独建档的客户"))
        self.identity_issues_button.clicked.connect(self.show_identity_issues)
        self.identity_issues_button.hide()
        issues_row = QHBoxLayout()
        issues_row.addWidget(self.identity_issues_button)
        issues_row.addStretch(1)
        sync.addWidget(self.progress)
        sync.addWidget(self.progress_label)
        sync.addLayout(issues_row)
        sync.addWidget(self.freshness_label)
        layout.addWidget(sync_box)

        outbox_box = QGroupBox(self.tr("发件箱"))
        outbox = QVBoxLayout(outbox_box)
        self.outbox_summary = QLabel()
        outbox.addWidget(self.outbox_summary)
        self.outbox_model: RecordTableModel[OutboxItem] = RecordTableModel([
            ColumnSpec(self.tr("编号"), lambda i: str(i.id), lambda i: i.id, align_right=True),
            ColumnSpec(self.tr("类型"), self._kind_text),
            ColumnSpec(self.tr("内容"), self.describe, tooltip=True),
            ColumnSpec(self.tr("状态"), lambda i: self.tr(str(STATUS_WORDS.get(i.status, i.status)))),
            ColumnSpec(self.tr("尝试"), lambda i: str(i.attempts), lambda i: i.attempts),
            ColumnSpec(self.tr("原因"), self.reason, tooltip=True),
        ], self)
        self.outbox_table = QTableView()
        self.outbox_table.setModel(self.outbox_model)
        self.outbox_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.outbox_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.outbox_table.horizontalHeader()
        header.setStretchLastSection(True)
        self.outbox_table.verticalHeader().hide()
        for column, width in ((0, 70), (1, 100), (2, 520), (3, 90), (4, 80)):
            self.outbox_table.setColumnWidth(column, width)  # 内容 says who and which tag
        outbox.addWidget(self.outbox_table)
        row = QHBoxLayout()
        self.push_button = QPushButton(self.tr("立即发送"))
        self.retry_button = QPushButton(self.tr("重试"))
        self.discard_button = QPushButton(self.tr("放弃"))
        self.push_button.clicked.connect(self.push_requested)
        self.retry_button.clicked.connect(lambda: self._emit_selected(self.retry_requested))
        self.discard_button.clicked.connect(lambda: self._emit_selected(self.discard_requested))
        for w in (self.push_button, self.retry_button, self.discard_button):
            row.addWidget(w)
        row.addStretch(1)
        outbox.addLayout(row)
        layout.addWidget(outbox_box, 1)
        self._proxy_mode_changed()

    # -- setters -------------------------------------------------------------------------------
    def set_config(self, corp_id: str, base_url: str, proxy_mode: str, proxy_url: str,
                   has_secret: bool) -> None:
        self.corp_id.setText(corp_id)
        self.base_url.setText(base_url)
        self.proxy_mode.setCurrentIndex(max(0, self.proxy_mode.findData(proxy_mode)))
        self.proxy_url.setText(proxy_url)
        self.secret.clear()
        self.secret.setPlaceholderText(self.tr("已保存在系统钥匙串中；留空表示不修改") if has_secret
                                       else self.tr("在管理后台的应用详情中查看"))

    def config_values(self) -> tuple[str, str, str, str, str]:
        return (self.corp_id.text().strip(), self.base_url.text().strip(),
                str(self.proxy_mode.currentData()), self.proxy_url.text().strip(),
                self.secret.text())

    def set_test_result(self, ok: bool, text: str) -> None:
        self.test_result.setStyleSheet("color: #1a7f37;" if ok else "color: #c4314b;")
        self.test_result.setText(text)

    def set_syncing(self, running: bool) -> None:
        self.sync_button.setEnabled(not running)
        self.full_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def set_progress(self, phase_index: int, text: str) -> None:
        """The sync's phases (0–5)."""
        if self.progress.maximum() != 5:
            self.progress.setRange(0, 5)
        self.progress.setValue(phase_index)
        self.progress_label.setText(text)

    def set_status_text(self, text: str) -> None:
        """Words under the bar that leave the bar where it is (a failure, a cancel)."""
        self.progress_label.setText(text)

    def set_identity_issues(self, records: Sequence[IdentityIssueRecord]) -> None:
        """What the last sync could not place: 查看 shows when there is any."""
        self._identity_issues = list(records)
        self.identity_issues_button.setVisible(bool(records))

    def show_identity_issues(self) -> IdentityIssuesDialog:
        dialog = IdentityIssuesDialog(self._identity_issues, self)
        if self.identity_issues_dialog is not None:
            self.identity_issues_dialog.close()
            self.identity_issues_dialog.deleteLater()
        self.identity_issues_dialog = dialog
        dialog.open()  # window-modal, not a nested event loop (the sync's loop keeps running)
        return dialog

    def set_freshness(self, text: str) -> None:
        self.freshness_label.setText(text)
        self.freshness_label.setVisible(bool(text))

    def set_push_progress(self, done: int, total: int, text: str) -> None:
        """The outbox push, a phase of its own before the sync: the bar counts its items."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        self.progress_label.setText(text)

    def set_outbox(self, items: Sequence[OutboxItem], summary: str,
                   descriptions: Mapping[int, Description] | None = None) -> None:
        self._descriptions = dict(descriptions or {})
        self.outbox_model.set_records(items)
        self.outbox_summary.setText(summary)

    def describe(self, item: OutboxItem) -> str:
        """Who and what the item is about: 客户 "张三" · 标签 "宠物类型/猫" · 员工 "李四"."""
        d = self._descriptions.get(item.id)
        if d is None:
            return ""

        def name(value: str) -> str:
            return self.tr("已删除") if value == DELETED else f"“{value}”"
        parts: list[str] = []
        if d.member is not None:
            parts.append(self.tr("客户 {name}").format(name=name(d.member)))
        if d.tag is not None and not (item.kind == "del_corp_tag" and d.tag == DELETED):
            parts.append(self.tr("标签 {name}").format(name=name(d.tag)))
        if d.group is not None:
            parts.append(self.tr("标签组 {name}").format(name=name(d.group)))
        if item.kind == "del_corp_tag":
            if d.wecom_tags:
                parts.append(self.tr("{n} 个标签").format(n=d.wecom_tags))
            if d.wecom_groups:
                parts.append(self.tr("{n} 个标签组").format(n=d.wecom_groups))
        if d.staff is not None:
            parts.append(self.tr("员工 {name}").format(name=name(d.staff)))
        return " · ".join(parts)

    def reason(self, item: OutboxItem) -> str:
        """Why the item is where it is; one waiting after a transient error says when it is
        tried next: 重试 14:05 · 企业微信服务器繁忙…"""
        if item.status != "pending" or item.next_try_at is None:
            return item.last_error
        at = datetime.fromtimestamp(item.next_try_at)
        shown = at.strftime("%H:%M") if at.date() == datetime.now().date() \
            else at.strftime("%m-%d %H:%M")
        # "下次重试 {time}" would read better but needs a translation entry first.
        text = f"{self.tr('重试')} {shown}"
        return f"{text} · {item.last_error}" if item.last_error else text

    # -- internals -----------------------------------------------------------------------------
    def _kind_text(self, item: OutboxItem) -> str:
        kind = item.kind
        if kind == "mark_tag" and not item.payload.get("add", True):
            kind = "mark_tag-"
        return self.tr(str(KIND_WORDS.get(kind, kind)))

    def _proxy_mode_changed(self) -> None:
        self.proxy_url.setEnabled(self.proxy_mode.currentData() == "custom")

    def _emit_selected(self, signal: SignalInstance) -> None:
        rows = self.outbox_table.selectionModel().selectedRows()
        if rows:
            signal.emit(self.outbox_model.record(rows[0].row()).id)
