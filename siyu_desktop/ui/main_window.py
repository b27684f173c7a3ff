"""The main window: left navigation, the pages, and the status bar. Wiring only."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)


class MainWindow(QMainWindow):
    close_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("私域运营台"))
        self.resize(1440, 880)
        self.setMinimumSize(1000, 640)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        side = QWidget()
        side.setObjectName("sideBar")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 12, 0, 12)
        brand = QLabel(self.tr("私域运营台"))
        brand.setObjectName("brandLabel")
        brand.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side_layout.addWidget(brand)
        self.demo_badge = QLabel(self.tr("演示工作区"))
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_badge.setToolTip(self.tr("这是自动生成的演示数据，可以随意尝试，不会影响真实客户。"))
        self.demo_badge.hide()
        side_layout.addWidget(self.demo_badge)
        self.nav = QListWidget()
        self.nav.setObjectName("navList")
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setFixedWidth(168)
        self.nav.currentRowChanged.connect(self._on_nav)
        side_layout.addWidget(self.nav, 1)
        layout.addWidget(side)

        self.stack = QStackedWidget()
        self.placeholder = QLabel(self.tr("正在打开工作区…"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.placeholder)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        bar = self.statusBar()
        self.workspace_label = QLabel()
        self.members_label = QLabel()
        self.connection_label = QLabel(self.tr("企业微信：未连接"))
        self.connection_label.setObjectName("connectionLabel")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(12)
        self.busy.hide()
        for w in (self.busy, self.members_label, self.connection_label, self.workspace_label):
            bar.addPermanentWidget(w)
        self._pages: list[QWidget] = []

    def add_page(self, title: str, page: QWidget) -> None:
        self._pages.append(page)
        self.stack.addWidget(page)
        QListWidgetItem(title, self.nav)
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def _on_nav(self, row: int) -> None:
        if 0 <= row < len(self._pages):
            self.stack.setCurrentWidget(self._pages[row])

    def set_workspace(self, name: str, demo: bool) -> None:
        suffix = self.tr("（演示）") if demo else ""
        self.setWindowTitle(self.tr("私域运营台 — {name}{suffix}").format(name=name, suffix=suffix))
        self.workspace_label.setText(self.tr("工作区：{name}{suffix}").format(name=name, suffix=suffix))
        self.demo_badge.setVisible(demo)

    def set_member_count(self, n: int) -> None:
        self.members_label.setText(self.tr("客户 {n}").format(n=f"{n:,}"))

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)

    def show_message(self, text: str) -> None:
        self.placeholder.setText(text)
        self.stack.setCurrentWidget(self.placeholder)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.close_requested.emit()
        super().closeEvent(event)
