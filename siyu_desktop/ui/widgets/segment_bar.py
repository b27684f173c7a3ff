"""The filter bar above the roster: edits a ``Segment`` and says so through ``changed``.

A dumb widget: it is given the choices (tags, levels, channels, staff, group kinds) and never
reads the workspace. Tag choices are asked for through ``pick_tags_requested`` so the screen's
controller opens the picker with fresh counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.segments import Segment
from .flow_layout import FlowLayout

JOINED_CHOICES = (None, 7, 30, 90, 180, 365)
ACTIVE_CHOICES = ("", "in7", "in30", "out30", "out90", "out180")
BIRTHDAY_CHOICES = ("", "in7", "in30", *(f"m{m}" for m in range(1, 13)))


class MultiChoiceButton(QToolButton):
    """A button with a menu of checkable choices; shows what is chosen in its text."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._menu = QMenu(self)
        self.setMenu(self._menu)
        self._footer: QAction | None = None
        self._refresh_text()

    def set_footer(self, text: str) -> QAction:
        """A plain (not checkable) entry kept below the choices, e.g. 「编辑渠道…」."""
        self._footer = QAction(text, self)
        self._append_footer()
        return self._footer

    def _append_footer(self) -> None:
        if self._footer is not None:
            self._menu.addSeparator()
            self._menu.addAction(self._footer)

    def set_choices(self, choices: Sequence[tuple[object, str]]) -> None:
        chosen = set(self.values())
        self._menu.clear()
        for value, text in choices:
            action = self._menu.addAction(text)
            action.setCheckable(True)
            action.setData(value)
            action.setChecked(value in chosen)
            action.toggled.connect(self._on_toggled)
        self._append_footer()
        self._refresh_text()

    def values(self) -> list[object]:
        return [a.data() for a in self._menu.actions() if a.isCheckable() and a.isChecked()]

    def set_values(self, values: Sequence[object]) -> None:
        wanted = set(values)
        for action in self._menu.actions():
            if not action.isCheckable():
                continue
            action.blockSignals(True)
            action.setChecked(action.data() in wanted)
            action.blockSignals(False)
        self._refresh_text()

    def _on_toggled(self, _checked: bool) -> None:
        self._refresh_text()
        self.changed.emit()

    def _refresh_text(self) -> None:
        names = [a.text() for a in self._menu.actions() if a.isChecked()]
        if not names:
            self.setText(self._title)
        elif len(names) <= 2:
            self.setText(f"{self._title}: {'、'.join(names)}")
        else:
            self.setText(self.tr("{title}: {n} 项").format(title=self._title, n=len(names)))
        self.setProperty("active", bool(names))
        self.style().unpolish(self)
        self.style().polish(self)


class SegmentBar(QWidget):
    changed = Signal(object)  # Segment
    pick_tags_requested = Signal(str)  # "all_tags" | "any_tags" | "none_tags"
    edit_channels_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._segment = Segment()
        self._tag_names: dict[int, str] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)

        row1 = FlowLayout(spacing=6)
        self.all_tags = QPushButton()
        self.any_tags = QPushButton()
        self.none_tags = QPushButton()
        for button, field in ((self.all_tags, "all_tags"), (self.any_tags, "any_tags"),
                              (self.none_tags, "none_tags")):
            button.setObjectName("filterChip")
            button.clicked.connect(lambda _=False, f=field: self.pick_tags_requested.emit(f))
            row1.addWidget(button)
        self.levels = MultiChoiceButton(self.tr("等级"))
        self.channels = MultiChoiceButton(self.tr("渠道"))
        self.edit_channels = self.channels.set_footer(self.tr("编辑渠道…"))
        self.edit_channels.triggered.connect(self.edit_channels_requested.emit)
        self.staff = MultiChoiceButton(self.tr("跟进员工"))
        self.group_kinds = MultiChoiceButton(self.tr("所在群类型"))
        for chip in (self.levels, self.channels, self.staff, self.group_kinds):
            chip.setObjectName("filterChip")
            chip.changed.connect(self._emit)
            row1.addWidget(chip)
        # set from the groups screen ("在成员中查看"); shown only while it filters, click to drop
        self.groups_chip = QPushButton()
        self.groups_chip.setObjectName("filterChip")
        self.groups_chip.setProperty("active", True)
        self.groups_chip.setToolTip(self.tr("点击取消按社群筛选"))
        self.groups_chip.clicked.connect(lambda: self.set_groups((), ""))
        self.groups_chip.hide()
        row1.addWidget(self.groups_chip)
        outer.addLayout(row1)

        row2 = QHBoxLayout()
        row2.setSpacing(6)
        self.joined = QComboBox()
        for days in JOINED_CHOICES:
            self.joined.addItem(self.tr("添加时间不限") if days is None
                                else self.tr("{n} 天内添加").format(n=days), days)
        self.active = QComboBox()
        for key, text in zip(ACTIVE_CHOICES, (
                self.tr("活跃不限"), self.tr("7 天内活跃"), self.tr("30 天内活跃"),
                self.tr("30 天未活跃"), self.tr("90 天未活跃"), self.tr("180 天未活跃")), strict=True):
            self.active.addItem(text, key)
        self.birthday = QComboBox()
        self.birthday.addItem(self.tr("生日不限"), "")
        self.birthday.addItem(self.tr("7 天内生日"), "in7")
        self.birthday.addItem(self.tr("30 天内生日"), "in30")
        for month in range(1, 13):
            self.birthday.addItem(self.tr("{m} 月生日").format(m=month), f"m{month}")
        for combo in (self.joined, self.active, self.birthday):
            combo.currentIndexChanged.connect(self._emit)
            row2.addWidget(combo)
        row2.addWidget(QLabel(self.tr("积分")))
        self.points_min = QSpinBox()
        self.points_max = QSpinBox()
        for spin in (self.points_min, self.points_max):
            spin.setRange(-1, 10_000_000)
            spin.setSpecialValueText(self.tr("不限"))
            spin.setValue(-1)
            spin.setSingleStep(100)
            spin.setMinimumWidth(80)
            spin.valueChanged.connect(self._emit)
        row2.addWidget(self.points_min)
        row2.addWidget(QLabel("–"))
        row2.addWidget(self.points_max)
        row2.addStretch(1)
        self.clear_button = QPushButton(self.tr("清空筛选"))
        self.clear_button.clicked.connect(self.clear)
        row2.addWidget(self.clear_button)
        outer.addLayout(row2)
        self._refresh_tag_buttons()

    # -- choices -------------------------------------------------------------------------------
    def set_tag_names(self, names: dict[int, str]) -> None:
        self._tag_names = dict(names)
        self._refresh_tag_buttons()

    def set_choices(self, *, levels: Sequence[tuple[int, str]], channels: Sequence[tuple[str, str]],
                    staff: Sequence[tuple[int, str]], group_kinds: Sequence[tuple[str, str]]) -> None:
        self.levels.set_choices(levels)
        self.channels.set_choices(channels)
        self.staff.set_choices(staff)
        self.group_kinds.set_choices(group_kinds)

    # -- state ---------------------------------------------------------------------------------
    def segment(self) -> Segment:
        return self._segment

    def set_segment(self, segment: Segment) -> None:
        """Show a saved segment (no ``changed`` echo for each control)."""
        self._segment = segment
        widgets = (self.levels, self.channels, self.staff, self.group_kinds, self.joined,
                   self.active, self.birthday, self.points_min, self.points_max)
        for w in widgets:
            w.blockSignals(True)
        self.levels.set_values(segment.levels)
        self.channels.set_values(segment.channels)
        self.staff.set_values(segment.staff)
        self.group_kinds.set_values(segment.group_kinds)
        self.joined.setCurrentIndex(max(0, self.joined.findData(segment.joined_within_days)))
        active_key = (f"in{segment.active_within_days}" if segment.active_within_days
                      else f"out{segment.inactive_days}" if segment.inactive_days else "")
        self.active.setCurrentIndex(max(0, self.active.findData(active_key)))
        if segment.birthday_within_days:
            self.birthday.setCurrentIndex(max(0, self.birthday.findData(
                f"in{segment.birthday_within_days}")))
        elif segment.birthday_month:
            self.birthday.setCurrentIndex(self.birthday.findData(f"m{segment.birthday_month}"))
        else:
            self.birthday.setCurrentIndex(0)
        self.points_min.setValue(-1 if segment.points_min is None else segment.points_min)
        self.points_max.setValue(-1 if segment.points_max is None else segment.points_max)
        for w in widgets:
            w.blockSignals(False)
        self.groups_chip.setVisible(bool(segment.groups))
        self.groups_chip.setText(self.tr("所在群: {n} 个 ✕").format(n=len(segment.groups)))
        self._refresh_tag_buttons()
        self.changed.emit(self._segment)

    def set_tags(self, field: str, tag_ids: Sequence[int]) -> None:
        # field is one of all_tags / any_tags / none_tags, each a tuple of tag ids
        self._segment = replace(self._segment, **{field: tuple(tag_ids)})  # type: ignore[arg-type]
        self._refresh_tag_buttons()
        self.changed.emit(self._segment)

    def set_groups(self, group_ids: Sequence[int], label: str) -> None:
        self._segment = replace(self._segment, groups=tuple(group_ids))
        self.groups_chip.setText(self.tr("所在群: {name} ✕").format(name=label))
        self.groups_chip.setVisible(bool(group_ids))
        self.changed.emit(self._segment)

    def add_tag(self, tag_id: int) -> None:
        if tag_id not in self._segment.all_tags:
            self.set_tags("all_tags", (*self._segment.all_tags, tag_id))

    def clear(self) -> None:
        self.set_segment(Segment())

    def _refresh_tag_buttons(self) -> None:
        for button, field, title in (
                (self.all_tags, "all_tags", self.tr("包含全部标签")),
                (self.any_tags, "any_tags", self.tr("包含任一标签")),
                (self.none_tags, "none_tags", self.tr("排除标签"))):
            ids = getattr(self._segment, field)
            names = [self._tag_names.get(t, str(t)) for t in ids]
            if not names:
                button.setText(title)
            elif len(names) <= 3:
                button.setText(f"{title}: {'、'.join(names)}")
            else:
                button.setText(self.tr("{title}: {first} 等 {n} 个").format(
                    title=title, first="、".join(names[:2]), n=len(names)))
            button.setToolTip("、".join(names))
            button.setProperty("active", bool(names))
            button.style().unpolish(button)
            button.style().polish(button)

    def _emit(self, *_: object) -> None:
        active = self.active.currentData() or ""
        birthday = self.birthday.currentData() or ""
        self._segment = replace(
            self._segment,
            levels=tuple(int(v) for v in self.levels.values()),  # type: ignore[call-overload]
            channels=tuple(str(v) for v in self.channels.values()),
            staff=tuple(int(v) for v in self.staff.values()),  # type: ignore[call-overload]
            group_kinds=tuple(str(v) for v in self.group_kinds.values()),
            joined_within_days=self.joined.currentData(),
            active_within_days=int(active[2:]) if active.startswith("in") else None,
            inactive_days=int(active[3:]) if active.startswith("out") else None,
            birthday_within_days=int(birthday[2:]) if birthday.startswith("in") else None,
            birthday_month=int(birthday[1:]) if birthday.startswith("m") else None,
            points_min=None if self.points_min.value() < 0 else self.points_min.value(),
            points_max=None if self.points_max.value() < 0 else self.points_max.value(),
        )
        self.changed.emit(self._segment)
