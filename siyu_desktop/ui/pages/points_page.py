"""积分: the points screen, one tab per job — 概览, 排行, 批量发放, 到期, 校验 — and room for more
(``add_tab``: the rewards catalog and redemptions come as tabs of their own). A dumb page: the
tabs' setters and signals are the controller's to use (``page.overview``, ``page.board``, …)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from .points_ops_tabs import AwardTab, CheckTab, ExpiryTab
from .points_tabs import BoardTab, OverviewTab


class PointsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pointsPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("pointsTabs")
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs)
        self.overview = OverviewTab()
        self.board = BoardTab()
        self.award = AwardTab()
        self.expiry = ExpiryTab()
        self.check = CheckTab()
        for widget, title in ((self.overview, self.tr("概览")), (self.board, self.tr("排行")),
                              (self.award, self.tr("批量发放")), (self.expiry, self.tr("到期")),
                              (self.check, self.tr("校验"))):
            self.tabs.addTab(widget, title)

    def add_tab(self, title: str, widget: QWidget) -> int:
        """Another tab (the rewards catalog, redemptions), after the built-in ones; its index."""
        return self.tabs.addTab(widget, title)

    def show_tab(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)
