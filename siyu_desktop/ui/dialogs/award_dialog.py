"""批量发放积分: who (a saved segment, or a pasted list of member ids, phone numbers or external
user ids), how many points (negative takes them back), why, and the batch key; a preview before
anything is written; the award with progress and 取消; then its undo.

Dumb: the controller resolves, previews, awards and undoes; this dialog shows what it is given
and says what the operator asked for through its signals. Any edit after a preview makes it
stale: 发放 waits for a new preview, so what is awarded is always what was shown."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.member_refs import Resolution
from ...domain.points_periods import award_key
from ...services.points_report import AwardPreview, AwardRow
from ..i18n import english
from ..models.record_model import ColumnSpec, RecordTableModel
from ..pages.points_tabs import n
from ..widgets.progress import ProgressRow
from ..widgets.tables import fit_columns, record_table

MAX_AMOUNT = 1_000_000
UNMATCHED_SHOWN = 50


class AwardDialog(QDialog):
    preview_requested = Signal()
    award_requested = Signal()
    cancel_requested = Signal()
    undo_requested = Signal()

    def __init__(self, segments: Sequence[tuple[int, str]], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("批量发放积分"))
        self.resize(960, 620)
        self._key_edited = False  # typed by the operator: no longer follows the reason
        self._today = today
        self._running = False
        self.preview: AwardPreview | None = None
        outer = QVBoxLayout(self)
        body = QHBoxLayout()
        outer.addLayout(body, 1)

        left = QVBoxLayout()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        who = QVBoxLayout()
        self.by_segment = QRadioButton(self.tr("人群包"))
        self.by_list = QRadioButton(self.tr("粘贴名单"))
        self._who = QButtonGroup(self)
        self._who.addButton(self.by_segment)
        self._who.addButton(self.by_list)
        self.segment = QComboBox()
        for segment_id, name in segments:
            self.segment.addItem(name, segment_id)
        seg_row = QHBoxLayout()
        seg_row.addWidget(self.by_segment)
        seg_row.addWidget(self.segment, 1)
        who.addLayout(seg_row)
        who.addWidget(self.by_list)
        self.pasted = QPlainTextEdit()
        self.pasted.setPlaceholderText(self.tr("客户编号、手机号或客户 ID（external_userid），"
                                               "每行一个，或用逗号、空格隔开"))
        self.pasted.setMinimumHeight(110)
        who.addWidget(self.pasted)
        form.addRow(self.tr("发给"), who)
        self.amount = QSpinBox()
        self.amount.setRange(-MAX_AMOUNT, MAX_AMOUNT)
        self.amount.setValue(10)
        self.amount.setToolTip(self.tr("每位客户的积分；负数为扣回"))
        form.addRow(self.tr("每位积分"), self.amount)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("例如：双十二预热活动奖励"))
        self.reason.setToolTip(self.tr("会出现在客户的积分明细里"))
        form.addRow(self.tr("原因"), self.reason)
        self.key = QLineEdit(award_key(today, ""))
        form.addRow(self.tr("批次标识"), self.key)
        key_hint = QLabel(self.tr("同一个批次标识对同一位客户只发一次：重跑或误点两次都不会重复发放。"))
        key_hint.setWordWrap(True)
        key_hint.setObjectName("hintLabel")
        form.addRow("", key_hint)
        left.addLayout(form)
        self.preview_button = QPushButton(self.tr("预览"))
        self.preview_button.setDefault(True)
        left.addWidget(self.preview_button)
        left.addStretch(1)
        holder = QWidget()
        holder.setLayout(left)
        holder.setFixedWidth(380)
        body.addWidget(holder)

        right = QVBoxLayout()
        self.summary = QLabel(self.tr("填好后点「预览」，看看发给谁、一共多少分；这时还没有写入任何东西。"))
        self.summary.setWordWrap(True)
        self.summary.setObjectName("awardSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right.addWidget(self.summary)
        self.unmatched = QPlainTextEdit()
        self.unmatched.setReadOnly(True)
        self.unmatched.setMaximumHeight(90)
        self.unmatched.hide()
        right.addWidget(self.unmatched)
        columns: list[ColumnSpec[AwardRow]] = [
            ColumnSpec(self.tr("客户编号"), lambda r: str(r.member_id), align_right=True),
            ColumnSpec(self.tr("客户"), lambda r: r.name or self.tr("（未命名）")),
            ColumnSpec(self.tr("手机号"), lambda r: r.phone),
            ColumnSpec(self.tr("当前积分"), lambda r: n(r.balance), align_right=True),
            ColumnSpec(self.tr("本次"), lambda r: f"{r.change:+,}" if r.change else "—",
                       align_right=True),
            ColumnSpec(self.tr("说明"), self._state),
        ]
        self.model: RecordTableModel[AwardRow] = RecordTableModel(columns, self)
        self.table = record_table(self.model, sortable=False, object_name="awardPreview")
        fit_columns(self.table, {0: 70, 1: 100, 2: 105, 3: 70, 4: 55, 5: 80})
        right.addWidget(self.table, 1)
        body.addLayout(right, 1)

        self.progress = ProgressRow()
        self.progress.cancel_requested.connect(self.cancel_requested)
        outer.addWidget(self.progress)
        buttons = QHBoxLayout()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setObjectName("awardResult")
        buttons.addWidget(self.result_label, 1)
        self.undo_button = QPushButton(self.tr("撤销这次发放"))
        self.undo_button.hide()
        self.award_button = QPushButton(self.tr("发放"))
        self.award_button.setObjectName("awardButton")
        self.award_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("关闭"))
        for b in (self.undo_button, self.award_button, self.close_button):
            buttons.addWidget(b)
        outer.addLayout(buttons)

        self.preview_button.clicked.connect(self.preview_requested)
        self.award_button.clicked.connect(self.award_requested)
        self.undo_button.clicked.connect(self.undo_requested)
        self.close_button.clicked.connect(self.reject)
        self.key.textEdited.connect(self._typed_key)
        self.reason.textChanged.connect(self._reason_changed)
        for signal in (self.amount.valueChanged, self.segment.currentIndexChanged,
                       self.pasted.textChanged, self.key.textChanged,
                       self._who.buttonToggled):
            signal.connect(lambda *_: self._stale())
        if segments:
            self.by_segment.setChecked(True)
        else:
            self.by_segment.setEnabled(False)
            self.segment.setEnabled(False)
            self.by_list.setChecked(True)
        self._who.buttonToggled.connect(lambda *_: self._enable_inputs())
        self._enable_inputs()

    # -- what the operator asked for -------------------------------------------------------
    def source(self) -> tuple[str, object]:
        if self.by_segment.isChecked():
            return "segment", self.segment.currentData()
        return "list", self.pasted.toPlainText()

    def values(self) -> tuple[int, str, str]:
        """(points each, reason, batch key)."""
        return self.amount.value(), self.reason.text().strip(), self.key.text().strip()

    def _typed_key(self, text: str) -> None:
        self._key_edited = bool(text.strip())  # emptied: follow the reason again

    def _reason_changed(self, text: str) -> None:
        if not self._key_edited:
            self.key.setText(award_key(self._today, text.strip()))

    def _enable_inputs(self) -> None:
        self.segment.setEnabled(self.by_segment.isChecked())
        self.pasted.setEnabled(self.by_list.isChecked())

    # -- what the controller shows ---------------------------------------------------------
    def _state(self, row: AwardRow) -> str:
        if row.state == "already":
            return self.tr("已发过，跳过")
        if row.state == "short":
            return self.tr("积分不足，跳过")
        return self.tr("扣回") if row.change < 0 else self.tr("发放")

    def _stale(self) -> None:
        if self.preview is not None:
            self.preview = None
            self.summary.setText(self.tr("内容已修改，请重新预览。"))
            self.model.set_records([])
        self.award_button.setEnabled(False)
        self.award_button.setText(self.tr("发放"))

    def set_busy(self, text: str) -> None:
        self.summary.setText(text)

    def set_error(self, text: str) -> None:
        self.preview = None
        self.summary.setText(text)
        self.model.set_records([])
        self.award_button.setEnabled(False)

    def set_unmatched(self, resolution: Resolution | None) -> None:
        if resolution is None or not resolution.unmatched:
            self.unmatched.hide()
            self.unmatched.clear()
            return
        en = english()
        lines = [self.tr("没有匹配上的 {k} 项：").format(k=n(len(resolution.unmatched)))]
        lines += [f"{u.text} — {u.why_en if en else u.why}"
                 for u in resolution.unmatched[:UNMATCHED_SHOWN]]
        if len(resolution.unmatched) > UNMATCHED_SHOWN:
            lines.append(self.tr("……另有 {k} 项").format(
                k=n(len(resolution.unmatched) - UNMATCHED_SHOWN)))
        self.unmatched.setPlainText("\n".join(lines))
        self.unmatched.show()

    def set_preview(self, preview: AwardPreview, resolution: Resolution | None) -> None:
        plan = preview.plan
        lines = []
        if resolution is not None:
            lines.append(self.tr("名单 {t} 项：匹配到 {k} 位客户，{u} 项没有匹配上，{r} 项重复。").format(
                t=n(resolution.tokens), k=n(len(resolution.member_ids)),
                u=n(len(resolution.unmatched)), r=n(resolution.repeated)))
        lines.append(self.tr("共 {k} 位客户。").format(k=n(plan.members)))
        if plan.already:
            lines.append(self.tr("其中 {k} 位已经在批次“{key}”里发过，这次跳过（同一批次不会重复发放）。")
                         .format(k=n(plan.already), key=plan.key))
        if preview.short:
            lines.append(self.tr("其中 {k} 位可用积分不足 {a} 分，无法扣回，这次跳过。").format(
                k=n(len(preview.short)), a=n(-plan.amount)))
        count = plan.to_award - len(preview.short)
        verb = self.tr("扣回") if plan.amount < 0 else self.tr("发放")
        lines.append(self.tr("本次{verb}：{k} 位 × {a} 分 = 合计 {t} 分。").format(
            verb=verb, k=n(count), a=f"{plan.amount:+,}", t=f"{preview.total:+,}"))
        if len(preview.rows) < plan.members:
            lines.append(self.tr("下表列出前 {k} 位。").format(k=n(len(preview.rows))))
        self.summary.setText("\n".join(lines))
        self.model.set_records(preview.rows)
        self.preview = preview
        self.award_button.setEnabled(count > 0)
        self.award_button.setText(self.tr("{verb}给 {k} 位客户").format(verb=verb, k=n(count))
                                  if plan.amount > 0 else
                                  self.tr("从 {k} 位客户扣回").format(k=n(count)))

    def reject(self) -> None:
        if not self._running:  # an award under way ends first (or is cancelled with 取消)
            super().reject()

    def set_running(self, running: bool) -> None:
        self._running = running
        for w in (self.preview_button, self.award_button, self.by_segment, self.by_list,
                  self.segment, self.pasted, self.amount, self.reason, self.key,
                  self.close_button):
            w.setEnabled(not running)
        if running:
            self.progress.start(self.tr("正在发放…"))
        else:
            self.progress.stop()
            self._enable_inputs()
            if not self.segment.count():
                self.by_segment.setEnabled(False)
                self.segment.setEnabled(False)

    def set_done(self, text: str, can_undo: bool) -> None:
        self.result_label.setText(text)
        self.undo_button.setVisible(can_undo)
        self.undo_button.setEnabled(can_undo)
        self.award_button.setEnabled(False)

    def set_undone(self, text: str) -> None:
        self.result_label.setText(text)
        self.undo_button.hide()
