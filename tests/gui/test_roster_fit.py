"""The roster fits a small screen: at 1280×720 and 1440×880 every shown column shows its whole
header and values, 标签 takes the rest, cut text shows in full on hover, and the columns the
operator hides with the header's menu stay hidden in the next window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QMenu, QStyleOptionViewItem, QToolTip

from siyu_desktop.services.outbox import OutboxService
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace
from siyu_desktop.ui.controllers.roster_controller import RosterController
from siyu_desktop.ui.main_window import MainWindow
from siyu_desktop.ui.models.roster_model import Column
from siyu_desktop.ui.pages.roster_page import TAGS_MIN_WIDTH

from .conftest import Driver

HEADER_MARGINS = 12  # the style sheet's header padding, both sides


def open_roster(driver: Driver, workspace: Workspace, qtbot: object,
                size: tuple[int, int]) -> tuple[MainWindow, RosterController]:
    service = WorkspaceService(workspace)
    window = MainWindow()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    controller = RosterController(service, OutboxService(workspace), driver.tasks,
                                  driver.feedback, window)
    window.add_page("成员", controller.page)
    window.resize(*size)
    window.show()
    driver.run(controller.start())
    driver.idle()
    QApplication.processEvents()
    return window, controller


def shown_columns(controller: RosterController) -> list[Column]:
    return [c for c in Column if not controller.page.table.isColumnHidden(c)]


@pytest.mark.parametrize("size", [(1280, 720), (1440, 880)])
def test_every_shown_column_fits(driver: Driver, workspace: Workspace, qtbot: object,
                                 size: tuple[int, int]) -> None:
    _window, roster = open_roster(driver, workspace, qtbot, size)
    table = roster.page.table
    header = table.horizontalHeader()
    shown = shown_columns(roster)
    assert shown == [Column.NAME, Column.PHONE, Column.LEVEL, Column.CHANNEL, Column.TAGS,
                     Column.STAFF, Column.JOINED, Column.ACTIVE]
    for column in shown:
        title = roster.model.headerData(column, Qt.Orientation.Horizontal)
        assert table.columnWidth(column) >= header.fontMetrics().horizontalAdvance(title) + HEADER_MARGINS, title
    # no sideways scrolling: the shown columns fill the table exactly, 标签 taking the rest
    assert sum(table.columnWidth(c) for c in shown) == table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    assert table.columnWidth(Column.TAGS) >= TAGS_MIN_WIDTH
    # values: whole dates and phone numbers, never "2"
    metrics = table.fontMetrics()
    for row in range(min(30, roster.model.rowCount())):
        for column in (Column.PHONE, Column.JOINED, Column.ACTIVE, Column.LEVEL, Column.CHANNEL):
            text = roster.model.index(row, column).data()
            assert metrics.horizontalAdvance(text) + 8 <= table.columnWidth(column), text
    assert roster.page.facet_box.isVisible() == (size[0] >= 1440)


def test_facets_fold_away_on_a_small_screen_and_come_back(
        driver: Driver, workspace: Workspace, qtbot: object) -> None:
    _window, roster = open_roster(driver, workspace, qtbot, (1280, 720))
    page = roster.page
    assert not page.facet_box.isVisible() and not page.facets_button.isChecked()
    page.facets_button.click()
    QApplication.processEvents()
    assert page.facet_box.isVisible()
    assert page.table.columnWidth(Column.TAGS) >= TAGS_MIN_WIDTH


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen tooltip window
def test_cut_text_shows_in_full_on_hover(driver: Driver, workspace: Workspace,
                                         qtbot: object) -> None:
    _window, roster = open_roster(driver, workspace, qtbot, (1280, 720))
    table = roster.page.table
    delegate = table.itemDelegate()
    metrics = table.fontMetrics()
    width = table.columnWidth(Column.TAGS)
    long_row = next(r for r in range(roster.model.rowCount())
                    if metrics.horizontalAdvance(roster.model.index(r, Column.TAGS).data()) > width)
    short_row = next(r for r in range(roster.model.rowCount())
                     if metrics.horizontalAdvance(roster.model.index(r, Column.NAME).data()) + 20
                     < table.columnWidth(Column.NAME))

    def option_for(row: int, column: Column) -> tuple[QStyleOptionViewItem, object]:
        index = roster.model.index(row, column)
        option = QStyleOptionViewItem()
        option.initFrom(table)
        option.rect = table.visualRect(index)
        return option, index

    def tip(row: int, column: Column) -> str | None:
        option, index = option_for(row, column)
        return delegate.tooltip(table, option, index)  # type: ignore[attr-defined]

    assert tip(long_row, Column.TAGS) == roster.model.index(long_row, Column.TAGS).data()
    assert tip(short_row, Column.NAME) is None  # it fits: nothing to add
    joined = roster.model.index(short_row, Column.JOINED).data()
    assert tip(short_row, Column.JOINED).startswith(joined + " ")  # the date with its time
    # hovering shows it
    option, index = option_for(long_row, Column.TAGS)
    event = QHelpEvent(QEvent.Type.ToolTip, option.rect.center(),
                       table.viewport().mapToGlobal(option.rect.center()))
    assert delegate.helpEvent(event, table, option, index)
    assert QToolTip.text() == roster.model.index(long_row, Column.TAGS).data()
    QToolTip.hideText()


def test_the_header_menu_hides_and_restores_columns_and_remembers(
        driver: Driver, workspace: Workspace, qtbot: object) -> None:
    _window, roster = open_roster(driver, workspace, qtbot, (1280, 720))
    table = roster.page.table
    menu = roster.page.columns.build_menu()
    actions = {a.data(): a for a in menu.actions()}
    assert [a.text() for a in menu.actions()][:3] == ["姓名", "手机号", "等级"]
    assert not actions[Column.NAME].isEnabled()  # the name always shows
    assert not actions[Column.POINTS].isChecked()
    actions[Column.PHONE].setChecked(False)
    actions[Column.POINTS].setChecked(True)
    QApplication.processEvents()
    assert table.isColumnHidden(Column.PHONE) and not table.isColumnHidden(Column.POINTS)
    assert table.columnWidth(Column.POINTS) >= 40
    shown = shown_columns(roster)
    assert sum(table.columnWidth(c) for c in shown) == table.viewport().width()

    # the next window (a new page instance) opens with the same choice
    _window2, again = open_roster(driver, workspace, qtbot, (1280, 720))
    assert again.page.table.isColumnHidden(Column.PHONE)
    assert not again.page.table.isColumnHidden(Column.POINTS)
    assert again.page.table.isColumnHidden(Column.BIRTHDAY)

    # and the phone number comes back from the menu
    menu = again.page.columns.build_menu()
    next(a for a in menu.actions() if a.data() == Column.PHONE).setChecked(True)
    assert not again.page.table.isColumnHidden(Column.PHONE)
    assert again.page.table.columnWidth(Column.PHONE) >= again.page.table.fontMetrics().horizontalAdvance("13800138000")


def test_the_header_menu_opens_on_right_click(driver: Driver, workspace: Workspace,
                                              qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    _window, roster = open_roster(driver, workspace, qtbot, (1280, 720))
    popped: list[QPoint] = []
    # the offscreen platform cannot grab the keyboard for a real popup
    monkeypatch.setattr(QMenu, "popup", lambda _menu, pos, *_a: popped.append(pos))
    header = roster.page.table.horizontalHeader()
    header.customContextMenuRequested.emit(QPoint(10, 5))
    menu = roster.page.columns.menu
    assert menu is not None and len(menu.actions()) == len(Column) and popped
    assert popped[0] == header.mapToGlobal(QPoint(10, 5))


def test_clearing_the_filter_no_longer_names_the_saved_segment(
        driver: Driver, workspace: Workspace, qtbot: object) -> None:
    _window, roster = open_roster(driver, workspace, qtbot, (1440, 880))
    page = roster.page
    bar = page.segment_bar
    bar.levels.set_values([3])
    bar._emit()
    driver.idle()
    vip = roster.model.rowCount()
    driver.run(roster._save_segment("黑金客户"))
    assert page.saved.currentText() == "黑金客户" and page.delete_segment_button.isEnabled()

    bar.clear_button.click()
    driver.idle()
    assert roster.model.rowCount() == 2000
    assert page.saved.currentData() is None and page.saved.currentIndex() == 0
    assert page.saved.currentText() == "（当前筛选）"
    assert not page.delete_segment_button.isEnabled()

    # chosen again from the box, it filters and is named; changing the filter drops the name
    index = page.saved.findText("黑金客户")
    page.saved.setCurrentIndex(index)
    page.saved.activated.emit(index)
    driver.idle()
    assert roster.model.rowCount() == vip and page.saved.currentText() == "黑金客户"
    assert page.delete_segment_button.isEnabled()
    bar.levels.set_values([2, 3])
    bar._emit()
    driver.idle()
    assert page.saved.currentData() is None and not page.delete_segment_button.isEnabled()
    assert page.saved.findText("黑金客户") > 0  # still saved, just no longer what is shown


def test_in_english_the_headers_fit_too(driver: Driver, workspace: Workspace, qtbot: object) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from siyu_desktop import paths

    translator = QTranslator()
    assert translator.load(str(paths.resource("translations", "siyu_en.qm")))
    QCoreApplication.installTranslator(translator)
    try:
        _window, roster = open_roster(driver, workspace, qtbot, (1280, 720))
        table = roster.page.table
        header = table.horizontalHeader()
        assert roster.model.headerData(Column.JOINED, Qt.Orientation.Horizontal) != "添加时间"
        for column in shown_columns(roster):
            title = roster.model.headerData(column, Qt.Orientation.Horizontal)
            assert table.columnWidth(column) >= header.fontMetrics().horizontalAdvance(title) + HEADER_MARGINS, title
        assert table.horizontalScrollBar().maximum() == 0
    finally:
        QCoreApplication.removeTranslator(translator)
