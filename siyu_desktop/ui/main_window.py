"""The main window: the 工作区 menu, left navigation, the pages (or the welcome screen when no
workspace is open), and the status bar. Wiring only: the composition root acts on its signals."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .pages.welcome_page import WelcomePage, workspace_name


class MainWindow(QMainWindow):
    close_requested = Signal()
    new_workspace_requested = Signal()
    open_file_requested = Signal()
    open_recent_requested = Signal(object)  # Path
    demo_requested = Signal()
    rebuild_demo_requested = Signal()
    reveal_requested = Signal()
    close_workspace_requested = Signal()
    backups_requested = Signal()

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
        self.own_button = QPushButton(self.tr("新建我的工作区…"))
        self.own_button.setObjectName("ownWorkspaceButton")
        self.own_button.setToolTip(self.tr("演示看够了？为自己的品牌建一个工作区（演示工作区保留，随时可以切换回来）。"))
        self.own_button.clicked.connect(self.new_workspace_requested)
        self.own_button.hide()
        side_layout.addWidget(self.own_button)
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
        self.placeholder.setWordWrap(True)
        self.stack.addWidget(self.placeholder)
        self.welcome = WelcomePage()
        self.welcome.new_requested.connect(self.new_workspace_requested)
        self.welcome.open_file_requested.connect(self.open_file_requested)
        self.welcome.demo_requested.connect(self.demo_requested)
        self.welcome.open_requested.connect(self.open_recent_requested)
        self.stack.addWidget(self.welcome)
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
        self._build_menu()

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("工作区(&W)"))
        self.workspace_menu = menu

        def action(text: str, signal: object, shortcut: QKeySequence | None = None) -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(shortcut)
            act.triggered.connect(lambda *_: signal.emit())  # type: ignore[attr-defined]
            menu.addAction(act)
            return act
        self.new_action = action(self.tr("新建我的工作区…"), self.new_workspace_requested,
                                 QKeySequence(QKeySequence.StandardKey.New))
        self.open_action = action(self.tr("打开工作区文件…"), self.open_file_requested,
                                  QKeySequence(QKeySequence.StandardKey.Open))
        self.recent_menu = QMenu(self.tr("最近打开"), self)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        self.demo_action = action(self.tr("切换到演示工作区"), self.demo_requested)
        self.rebuild_demo_action = action(self.tr("重新生成演示工作区…"),
                                          self.rebuild_demo_requested)
        menu.addSeparator()
        self.backups_action = action(self.tr("备份与恢复…"), self.backups_requested)
        self.reveal_action = action(self.tr("在文件夹中显示"), self.reveal_requested)
        self.close_action = action(self.tr("关闭工作区"), self.close_workspace_requested,
                                   QKeySequence(QKeySequence.StandardKey.Close))
        self.set_workspace_open(False)

    def set_recent(self, entries: list[tuple[Path, bool]]) -> None:
        """The recent workspaces, most recent first, as (path, is the demo), in the menu and on
        the welcome screen."""
        self.recent_menu.clear()
        for path, demo in entries:
            name = workspace_name(path)
            text = self.tr("{name}（演示）").format(name=name) if demo else name
            act = self.recent_menu.addAction(text)
            act.setToolTip(str(path))
            act.triggered.connect(lambda *_, p=path: self.open_recent_requested.emit(p))
        self.recent_menu.setEnabled(bool(entries))
        self.welcome.set_recent(entries)

    def set_workspace_open(self, is_open: bool) -> None:
        """What the menu offers: with no workspace open, nothing that acts on one."""
        for act in (self.backups_action, self.reveal_action, self.close_action):
            act.setEnabled(is_open)

    def add_page(self, title: str, page: QWidget) -> None:
        self._pages.append(page)
        self.stack.addWidget(page)
        QListWidgetItem(title, self.nav)
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)

    def clear_pages(self) -> None:
        """Take every page away (closing a workspace); each is deleted."""
        self.nav.clear()
        for page in self._pages:
            self.stack.removeWidget(page)
            page.deleteLater()
        self._pages = []
        self.stack.setCurrentWidget(self.placeholder)

    def show_welcome(self, status: str = "") -> None:
        """No workspace is open: the welcome screen, with why the last one did not open."""
        self.setWindowTitle(self.tr("私域运营台"))
        self.workspace_label.clear()
        self.members_label.clear()
        self.demo_badge.hide()
        self.own_button.hide()
        self.welcome.set_status(status)
        self.set_workspace_open(False)
        self.stack.setCurrentWidget(self.welcome)

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def _on_nav(self, row: int) -> None:
        if 0 <= row < len(self._pages):
            self.stack.setCurrentWidget(self._pages[row])

    def set_workspace(self, name: str, demo: bool) -> None:
        # the application display name is added by Qt (… — 私域运营台): not repeated here
        suffix = self.tr("（演示）") if demo else ""
        self.setWindowTitle(f"{name}{suffix}")
        self.workspace_label.setText(self.tr("工作区：{name}{suffix}").format(name=name, suffix=suffix))
        self.demo_badge.setVisible(demo)
        self.own_button.setVisible(demo)
        self.set_workspace_open(True)

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
