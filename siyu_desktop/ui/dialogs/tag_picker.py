"""Pick one or several tags from the library, grouped by tag group, with a filter box."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.members import Tag, TagGroup
from .. import labels


class TagPickerDialog(QDialog):
    """``multi``: checkboxes; otherwise a single choice. Read ``chosen()`` after ``accepted``."""

    def __init__(self, title: str, groups: Sequence[TagGroup], tags: Sequence[Tag],
                 selected: Sequence[int] = (), multi: bool = True, prompt: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(420, 560)
        self._multi = multi
        layout = QVBoxLayout(self)
        if prompt:
            label = QLabel(prompt)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("输入标签名筛选"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        layout.addWidget(self.filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("标签"), self.tr("人数")])
        self.tree.setColumnWidth(0, 260)
        self.tree.setUniformRowHeights(True)
        layout.addWidget(self.tree)
        chosen = set(selected)
        by_group: dict[int, list[Tag]] = {}
        for tag in tags:
            by_group.setdefault(tag.group_id, []).append(tag)
        for group in groups:
            members = by_group.get(group.id, [])
            if not members:
                continue
            parent_item = QTreeWidgetItem(
                [f"{group.name}（{labels.dimension_name(group.dimension)}）", ""])
            parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(parent_item)
            for tag in members:
                item = QTreeWidgetItem([tag.name, f"{tag.member_count:,}"])
                item.setData(0, Qt.ItemDataRole.UserRole, tag.id)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                if multi:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(0, Qt.CheckState.Checked if tag.id in chosen
                                       else Qt.CheckState.Unchecked)
                parent_item.addChild(item)
            parent_item.setExpanded(len(groups) <= 8 or any(t.id in chosen for t in members))
        if not multi:
            self.tree.itemDoubleClicked.connect(lambda *_: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.filter.setFocus()

    def _rows(self) -> Iterator[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]]:
        """Each tag group's row with its tags' rows (indexes in range: never None)."""
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group is None:
                continue
            children = (group.child(j) for j in range(group.childCount()))
            yield group, [c for c in children if c is not None]

    def _apply_filter(self, text: str) -> None:
        text = text.strip().lower()
        for group, children in self._rows():
            visible_children = 0
            group_match = bool(text) and text in group.text(0).lower()
            for child in children:
                show = not text or group_match or text in child.text(0).lower()
                child.setHidden(not show)
                visible_children += show
            group.setHidden(visible_children == 0)
            if text:
                group.setExpanded(True)

    def chosen(self) -> list[int]:
        out: list[int] = []
        for _group, children in self._rows():
            for child in children:
                tag_id = child.data(0, Qt.ItemDataRole.UserRole)
                if self._multi and child.checkState(0) == Qt.CheckState.Checked or not self._multi and child.isSelected():
                    out.append(int(tag_id))
        return out

    def select(self, tag_ids: Sequence[int]) -> None:
        """Programmatic choice (tests, keyboard users)."""
        wanted = set(tag_ids)
        for _group, children in self._rows():
            for child in children:
                hit = int(child.data(0, Qt.ItemDataRole.UserRole)) in wanted
                if self._multi:
                    child.setCheckState(0, Qt.CheckState.Checked if hit else Qt.CheckState.Unchecked)
                else:
                    child.setSelected(hit)
