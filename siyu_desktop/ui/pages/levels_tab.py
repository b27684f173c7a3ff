"""积分 → 等级: member levels (普通 / 银卡 / 金卡 / 黑金). The policy — what levels are measured by,
the threshold of each level and what it gets (coupons a month, birthday and New Year gifts) — is
edited in one grid that also shows how many members hold each level now and, once an edit is
previewed, how many would hold it under the edited policy and who would go up or down. Below:
the recent level changes with their reasons (or, while a preview is shown, the changes the edited
policy would make).

Layout only: ``LevelsController`` fills it, listens to its signals and owns every await.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain import levels as L
from ...services.levels import ChangeRow, LevelSettings, Preview
from .. import i18n, labels
from ..models.record_model import ColumnSpec, RecordTableModel
from ..models.roster_model import SortRole
from ..widgets.tables import fit_columns, record_table

SHANGHAI = ZoneInfo("Asia/Shanghai")
LEVELS = range(L.TOP_LEVEL + 1)
EDIT_DELAY_MS = 400  # an edit is previewed once typing pauses
MAX_THRESHOLD = 100_000_000


@dataclass(frozen=True)
class PolicyForm:
    """What the form holds, as typed (the controller turns it into a policy, or an error)."""

    basis: str
    thresholds: tuple[int, int, int]
    benefits: tuple[tuple[int, str, str], ...]
    enabled: bool


@dataclass(frozen=True)
class PreviewRow:
    member_id: int
    name: str
    old: int
    new: int
    reason: str


def _table(model: RecordTableModel[ChangeRow] | RecordTableModel[PreviewRow], name: str
           ) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    table = record_table(proxy, object_name=name)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    proxy.sort(-1)  # the service's order (newest first) until a header is clicked
    table.horizontalHeader().setStretchLastSection(True)
    return table


class LevelsTab(QWidget):
    form_edited = Signal(object)  # PolicyForm, once typing pauses
    save_requested = Signal(object)  # PolicyForm
    revert_requested = Signal()
    recompute_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz = SHANGHAI
        self._filling = False
        self._saved: PolicyForm | None = None
        self._total = 0  # level changes in all
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.setSpacing(8)
        head = QHBoxLayout()
        title = QLabel(self.tr("会员等级"))
        title.setObjectName("pageTitle")
        head.addWidget(title)
        self.state = QLabel(self.tr("正在加载…"))
        self.state.setObjectName("hintLabel")
        self.state.setWordWrap(True)
        head.addWidget(self.state, 1)
        self.recompute_button = QPushButton(self.tr("重新定级"))
        self.recompute_button.setObjectName("levelsRecompute")
        self.recompute_button.setToolTip(self.tr(
            "按已保存的规则重新计算每位客户的等级；只记录有变化的客户。积分变动后会自动计算，"
            "一般不用手动点。"))
        head.addWidget(self.recompute_button)
        layout.addLayout(head)
        layout.addWidget(self._build_policy())

        self.list_title = QLabel(self.tr("最近的等级变化"))
        self.list_title.setObjectName("sectionTitle")
        layout.addWidget(self.list_title)
        self.changes_model: RecordTableModel[ChangeRow] = RecordTableModel([
            ColumnSpec(self.tr("时间"), lambda r: labels.fmt_time(r.at, True, self.tz),
                       sort=lambda r: (r.at, r.id)),
            ColumnSpec(self.tr("客户"), lambda r: r.name or str(r.member_id), tooltip=True),
            ColumnSpec(self.tr("变化"), self._move_text, sort=lambda r: (r.new - r.old, r.new)),
            ColumnSpec(self.tr("原因"), self._reason_text, tooltip=True),
        ], self)
        self.changes_table = _table(self.changes_model, "levelChanges")
        fit_columns(self.changes_table, {0: 130, 1: 110, 2: 120})
        self.preview_model: RecordTableModel[PreviewRow] = RecordTableModel([
            ColumnSpec(self.tr("客户"), lambda r: r.name or str(r.member_id), tooltip=True),
            ColumnSpec(self.tr("变化"), self._move_text, sort=lambda r: (r.new - r.old, r.new)),
            ColumnSpec(self.tr("原因"), lambda r: r.reason, tooltip=True),
        ], self)
        self.preview_table = _table(self.preview_model, "levelPreview")
        fit_columns(self.preview_table, {0: 130, 1: 120})
        self.lists = QStackedWidget()
        self.lists.addWidget(self.changes_table)
        self.lists.addWidget(self.preview_table)
        self.empty = QLabel(self.tr("还没有等级变化。保存等级规则后，客户的积分跨过门槛时会记在这里。"))
        self.empty.setObjectName("hintLabel")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.lists.addWidget(self.empty)
        layout.addWidget(self.lists, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(EDIT_DELAY_MS)
        self._timer.timeout.connect(lambda: self.form_edited.emit(self.form()))
        self.recompute_button.clicked.connect(self.recompute_requested)
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.form()))
        self.revert_button.clicked.connect(self.revert_requested)

    # -- the policy grid -----------------------------------------------------------------------
    def _build_policy(self) -> QGroupBox:
        box = QGroupBox(self.tr("定级规则"))
        outer = QVBoxLayout(box)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("定级依据")))
        self.basis = QComboBox()
        self.basis.setObjectName("levelsBasis")
        for basis in L.LevelBasis:
            self.basis.addItem(labels.level_basis_name(str(basis)), str(basis))
        top.addWidget(self.basis)
        self.basis_hint = QLabel()
        self.basis_hint.setObjectName("hintLabel")
        self.basis_hint.setWordWrap(True)
        top.addWidget(self.basis_hint, 1)
        self.enabled = QCheckBox(self.tr("按规则自动定级"))
        self.enabled.setObjectName("levelsEnabled")
        self.enabled.setToolTip(self.tr("开启后，客户的等级由积分和规则决定：积分变化后自动升降级，"
                                        "手工或导入的等级会被规则覆盖。关闭后保留现有等级。"))
        top.addWidget(self.enabled)
        outer.addLayout(top)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        heads = (self.tr("等级"), self.tr("门槛（至少）"), self.tr("每月券"), self.tr("生日礼"),
                 self.tr("新春礼"), self.tr("现有人数"), self.tr("按新规则"))
        for column, text in enumerate(heads):
            head = QLabel(text)
            head.setObjectName("sectionTitle")
            grid.addWidget(head, 0, column)
        self.thresholds: list[QSpinBox] = []
        self.coupons: list[QSpinBox] = []
        self.birthday: list[QLineEdit] = []
        self.new_year: list[QLineEdit] = []
        self.now_counts: list[QLabel] = []
        self.after_counts: list[QLabel] = []
        for level in LEVELS:
            row = level + 1
            grid.addWidget(QLabel(labels.level_name(level)), row, 0)
            if level == 0:
                floor = QLabel(self.tr("0（所有客户）"))
                floor.setObjectName("hintLabel")
                grid.addWidget(floor, row, 1)
            else:
                spin = QSpinBox()
                spin.setObjectName(f"levelThreshold{level}")
                spin.setRange(1, MAX_THRESHOLD)
                spin.setGroupSeparatorShown(True)
                spin.setSingleStep(100)
                spin.setMinimumWidth(110)
                self.thresholds.append(spin)
                grid.addWidget(spin, row, 1)
            coupons = QSpinBox()
            coupons.setRange(0, 99)
            coupons.setSuffix(self.tr(" 张"))
            self.coupons.append(coupons)
            grid.addWidget(coupons, row, 2)
            birthday, new_year = QLineEdit(), QLineEdit()
            for edit in (birthday, new_year):
                edit.setMaxLength(40)
                edit.setPlaceholderText(self.tr("无"))
                edit.setMinimumWidth(150)
            self.birthday.append(birthday)
            self.new_year.append(new_year)
            grid.addWidget(birthday, row, 3)
            grid.addWidget(new_year, row, 4)
            now, after = QLabel("—"), QLabel("—")
            for label in (now, after):
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                label.setMinimumWidth(90)
            self.now_counts.append(now)
            self.after_counts.append(after)
            grid.addWidget(now, row, 5)
            grid.addWidget(after, row, 6)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(4, 1)
        outer.addLayout(grid)

        bottom = QHBoxLayout()
        self.preview_text = QLabel()
        self.preview_text.setObjectName("levelsPreviewText")
        self.preview_text.setWordWrap(True)
        bottom.addWidget(self.preview_text, 1)
        self.revert_button = QPushButton(self.tr("撤回修改"))
        self.save_button = QPushButton(self.tr("保存规则"))
        self.save_button.setObjectName("levelsSave")
        self.save_button.setDefault(True)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)
        outer.addLayout(bottom)

        for spin in (*self.thresholds, *self.coupons):
            spin.valueChanged.connect(self._edited)
        for edit in (*self.birthday, *self.new_year):
            edit.textEdited.connect(self._edited)
        self.basis.currentIndexChanged.connect(self._edited)
        self.enabled.toggled.connect(self._edited)
        return box

    def _edited(self, *_args: object) -> None:
        if self._filling:
            return
        dirty = self.form() != self._saved
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self._timer.start()

    def form(self) -> PolicyForm:
        return PolicyForm(
            str(self.basis.currentData()),
            (self.thresholds[0].value(), self.thresholds[1].value(), self.thresholds[2].value()),
            tuple((self.coupons[lv].value(), self.birthday[lv].text().strip(),
                   self.new_year[lv].text().strip()) for lv in LEVELS),
            self.enabled.isChecked())

    def is_dirty(self) -> bool:
        return self.form() != self._saved

    # -- filling -------------------------------------------------------------------------------
    def set_settings(self, settings: LevelSettings, spend_available: bool, tz: ZoneInfo,
                     *, keep_edits: bool = False) -> None:
        """Show the saved policy (or the proposed default when none is saved); ``keep_edits``:
        a refresh leaves what the operator is editing alone."""
        self.tz = tz
        p = settings.policy
        saved = PolicyForm(str(p.basis), p.thresholds,
                           tuple((b.coupons_per_month, b.birthday_gift, b.new_year_gift)
                                 for b in p.benefits),
                           settings.enabled or not settings.saved)
        was_dirty = self.is_dirty()
        self._saved = saved if settings.saved else None
        model = self.basis.model()
        if isinstance(model, QStandardItemModel):  # what a QComboBox holds its items in
            spend_item = model.item(self.basis.findData(str(L.LevelBasis.SPEND)))
            if spend_item is not None:
                spend_item.setEnabled(spend_available)
        self.basis_hint.setText("" if spend_available else self.tr(
            "累计消费要等导入订单和消费金额后才能使用。"))
        if settings.saved:
            state = (self.tr("已启用：等级按{basis}自动计算").format(
                basis=labels.level_basis_name(str(p.basis))) if settings.enabled
                else self.tr("已停用：等级保持现状，不再按规则变化"))
        else:
            state = self.tr("尚未启用：现在的等级是导入或手工设置的。下面是建议的规则，保存后生效。")
        self.state.setText(state)
        if not (keep_edits and was_dirty):
            self.fill(saved)
        self._edited_state()

    def fill(self, form: PolicyForm) -> None:
        self._filling = True
        try:
            self.basis.setCurrentIndex(max(0, self.basis.findData(form.basis)))
            for spin, value in zip(self.thresholds, form.thresholds, strict=True):
                spin.setValue(value)
            for lv, (coupons, birthday, new_year) in enumerate(form.benefits):
                self.coupons[lv].setValue(coupons)
                self.birthday[lv].setText(birthday)
                self.new_year[lv].setText(new_year)
            self.enabled.setChecked(form.enabled)
        finally:
            self._filling = False
        self.show_preview(None)

    def _edited_state(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty and self._saved is not None)

    def set_counts(self, counts: Sequence[int]) -> None:
        for label, n in zip(self.now_counts, counts, strict=True):
            label.setText(f"{n:,}")

    def set_changes(self, rows: Sequence[ChangeRow], total: int) -> None:
        self.changes_model.set_records(rows)
        if self.lists.currentWidget() is not self.preview_table:
            self.lists.setCurrentWidget(self.changes_table if rows else self.empty)
            self._list_title(total)
        self._total = total

    def _list_title(self, total: int) -> None:
        self.list_title.setText(self.tr("最近的等级变化（共 {n} 条，列出最新 {shown} 条）").format(
            n=f"{total:,}", shown=f"{self.changes_model.rowCount():,}") if total
            else self.tr("最近的等级变化"))

    def show_preview(self, preview: Preview | None, error: str = "") -> None:
        """The edited policy's effect (None: no preview, back to the recent changes); ``error``
        says why the edited policy cannot be used."""
        if error:
            self.preview_text.setStyleSheet("color: #b91c1c;")
            self.preview_text.setText(error)
            self.save_button.setEnabled(False)
        else:
            self.preview_text.setStyleSheet("")
        if preview is None:
            for label in self.after_counts:
                label.setText("—")
                label.setStyleSheet("")
            if not error:
                self.preview_text.setText(self.tr("修改门槛或权益后，这里会先显示效果，保存后才生效。"))
            self.preview_model.set_records([])
            self.lists.setCurrentWidget(self.changes_table if self.changes_model.rowCount()
                                        else self.empty)
            self._list_title(self._total)
            return
        for lv, label in enumerate(self.after_counts):
            n, before = preview.after[lv], preview.now[lv]
            label.setText(f"{n:,}" if n == before else f"{n:,} ({n - before:+,})")
            label.setStyleSheet("" if n == before else
                                "color: #0b7a3e;" if n > before else "color: #b45309;")
        if preview.changed:
            text = self.tr("按修改后的规则：{up} 位升级，{down} 位降级（共 {n} 位客户）。保存后生效。").format(
                up=f"{preview.up:,}", down=f"{preview.down:,}", n=f"{preview.members:,}")
        else:
            text = self.tr("按修改后的规则，没有客户的等级会变化。")
        self.preview_text.setText(text)
        self.preview_model.set_records([
            PreviewRow(c.member_id, preview.names.get(c.member_id, ""), c.old, c.new,
                       self._reason(c.reason, c.reason_en)) for c in preview.changes])
        self.lists.setCurrentWidget(self.preview_table if preview.changes else
                                    (self.changes_table if self.changes_model.rowCount()
                                     else self.empty))
        if preview.changes:
            shown = len(preview.changes)
            self.list_title.setText(self.tr("预览：会变化的客户（{n} 位，列出 {shown} 位）").format(
                n=f"{preview.changed:,}", shown=f"{shown:,}"))

    def set_busy(self, busy: bool) -> None:
        self.recompute_button.setEnabled(not busy)
        self.recompute_button.setText(self.tr("正在定级…") if busy else self.tr("重新定级"))

    # -- cells ---------------------------------------------------------------------------------
    def _move_text(self, r: ChangeRow | PreviewRow) -> str:
        arrow = "↑" if r.new > r.old else "↓"
        return f"{labels.level_name(r.old)} → {labels.level_name(r.new)} {arrow}"

    def _reason(self, zh: str, en: str) -> str:
        # the reason is stored in both languages: the window shows the one it speaks
        return en if en and i18n.english() else zh

    def _reason_text(self, r: ChangeRow) -> str:
        return self._reason(r.reason, r.reason_en)
