"""The welcome screen, shown whenever no workspace is open: start one for the operator's own
brand, open a file a colleague handed over, try the demo, or pick a recent one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PATH_ROLE = Qt.ItemDataRole.UserRole


class WelcomePage(QWidget):
    new_requested = Signal()
    open_file_requested = Signal()
    demo_requested = Signal()
    open_requested = Signal(object)  # Path of a recent workspace

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 40, 48, 32)
        outer.addStretch(1)
        card = QFrame()
        card.setObjectName("welcomeCard")
        card.setMaximumWidth(720)
        layout = QVBoxLayout(card)
        layout.setSpacing(12)
        title = QLabel(self.tr("欢迎使用私域运营台"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        intro = QLabel(self.tr(
            "客户、标签、客户群和积分都保存在这台电脑上的一个工作区文件里。"
            "为自己的品牌新建一个，打开同事交给你的工作区文件，或先用演示工作区试一试。"))
        intro.setObjectName("hintLabel")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新建我的工作区…"))
        self.new_button.setObjectName("primaryButton")
        self.new_button.setDefault(True)
        self.open_button = QPushButton(self.tr("打开工作区文件…"))
        self.demo_button = QPushButton(self.tr("试用演示工作区"))
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setMinimumHeight(36)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_file_requested)
        self.demo_button.clicked.connect(self.demo_requested)

        self.recent_title = QLabel(self.tr("最近打开"))
        self.recent_title.setObjectName("sectionTitle")
        layout.addSpacing(8)
        layout.addWidget(self.recent_title)
        self.recent = QListWidget()
        self.recent.setObjectName("recentList")
        self.recent.setMinimumHeight(140)
        self.recent.itemActivated.connect(self._activated)
        layout.addWidget(self.recent)
        self.recent_hint = QLabel(self.tr("双击打开。"))
        self.recent_hint.setObjectName("hintLabel")
        layout.addWidget(self.recent_hint)
        self.status = QLabel()
        self.status.setObjectName("hintLabel")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def set_recent(self, entries: list[tuple[Path, bool]]) -> None:
        """(path, is the demo) pairs, most recent first."""
        self.recent.clear()
        for path, demo in entries:
            name = workspace_name(path)
            text = self.tr("演示工作区（{name}）").format(name=name) if demo else name
            item = QListWidgetItem(f"{text}\n{path.parent}")
            # measured with the text itself: a CJK name falls back to a taller font than the
            # list's, and a height from the list's font alone clips the folder line
            box = self.recent.fontMetrics().boundingRect(
                QRect(0, 0, 4000, 400), int(Qt.AlignmentFlag.AlignLeft), item.text())
            item.setSizeHint(QSize(box.width(), box.height() + 10))
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        has = bool(entries)
        self.recent_title.setVisible(has)
        self.recent.setVisible(has)
        self.recent_hint.setVisible(has)

    def set_status(self, text: str) -> None:
        """Why the last workspace did not open, or what is happening now."""
        self.status.setText(text)

    def _activated(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(Path(item.data(PATH_ROLE)))


def workspace_name(path: Path) -> str:
    """A workspace file's name without its endings (``我的品牌.siyu.db`` → 我的品牌)."""
    name = path.name
    for suffix in (".db", ".siyu"):
        name = name.removesuffix(suffix)
    return name or path.name
