"""Empty screens say what to do next: an empty workspace's roster offers an import and the
WeCom sync, a filter that matches nobody offers to clear it, 新建标签… says why it is disabled,
and the groups and history screens explain their blank tables."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from siyu_desktop.services.outbox import OutboxService
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace
from siyu_desktop.ui.controllers.groups_controller import GroupsController
from siyu_desktop.ui.controllers.history_controller import HistoryController
from siyu_desktop.ui.controllers.roster_controller import RosterController
from siyu_desktop.ui.controllers.tags_controller import TagsController

from .conftest import Driver


def start(driver: Driver, qtbot: object, controller: object) -> QWidget:
    page: QWidget = controller.page  # type: ignore[attr-defined]
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.resize(1280, 720)
    page.show()
    task = controller.start()  # type: ignore[attr-defined]
    if task is not None:
        driver.run(task)
    driver.idle()
    QApplication.processEvents()
    return page


def roster_on(driver: Driver, workspace: Workspace) -> RosterController:
    return RosterController(WorkspaceService(workspace), OutboxService(workspace), driver.tasks,
                            driver.feedback)


def test_an_empty_roster_says_how_to_fill_it(driver: Driver, empty_workspace: Workspace,
                                             qtbot: object) -> None:
    roster = roster_on(driver, empty_workspace)
    connects: list[bool] = []
    roster.page.connect_requested.connect(lambda: connects.append(True))  # as the window wires it
    page = start(driver, qtbot, roster)
    assert roster.model.rowCount() == 0
    assert page.table_stack.currentIndex() == 1 and not page.table.isVisible()
    assert page.empty_title.text() == "这个工作区还没有客户"
    assert "Excel" in page.empty_text.text() and "企业微信" in page.empty_text.text()
    assert page.empty_import_button.isVisible() and page.empty_connect_button.isVisible()
    assert not page.empty_clear_button.isVisible()
    imports: list[bool] = []
    page.import_requested.connect(lambda: imports.append(True))
    page.empty_import_button.click()
    page.empty_connect_button.click()
    assert imports == [True] and connects == [True]


def test_without_a_wecom_screen_the_text_still_says_where(driver: Driver, empty_workspace: Workspace,
                                                          qtbot: object) -> None:
    page = start(driver, qtbot, roster_on(driver, empty_workspace))
    assert page.empty_import_button.isVisible()
    assert not page.empty_connect_button.isVisible()  # nothing to take the operator there
    assert "「企业微信」页" in page.empty_text.text()


def test_a_filter_matching_nobody_offers_to_clear_it(driver: Driver, workspace: Workspace,
                                                     qtbot: object) -> None:
    roster = roster_on(driver, workspace)
    page = start(driver, qtbot, roster)
    assert page.table_stack.currentIndex() == 0 and page.table.isVisible()
    page.search.setText("没有这样的客户zzzz")
    driver.run(asyncio.sleep(0.3))
    driver.idle()
    assert roster.model.rowCount() == 0 and page.table_stack.currentIndex() == 1
    assert page.empty_title.text() == "没有符合条件的客户"
    assert page.empty_clear_button.isVisible() and not page.empty_import_button.isVisible()
    page.empty_clear_button.click()
    driver.run(asyncio.sleep(0.3))
    driver.idle()
    assert page.search.text() == "" and roster.model.rowCount() == 2000
    assert page.table_stack.currentIndex() == 0


def test_new_tag_says_why_it_is_disabled(driver: Driver, empty_workspace: Workspace,
                                        qtbot: object) -> None:
    tags = TagsController(WorkspaceService(empty_workspace), driver.tasks, driver.feedback, None)
    page = start(driver, qtbot, tags)
    assert not page.new_tag_button.isEnabled()
    assert "新建标签组" in page.new_tag_button.toolTip()
    assert page.selection_hint.isVisible() and "新建标签组" in page.selection_hint.text()
    assert page.new_group_button.isEnabled()


def test_new_tag_with_groups_asks_for_one(driver: Driver, workspace: Workspace,
                                         qtbot: object) -> None:
    tags = TagsController(WorkspaceService(workspace), driver.tasks, driver.feedback, None)
    page = start(driver, qtbot, tags)
    if page.current_group() is not None:
        pytest.skip("a group is chosen on opening")
    assert not page.new_tag_button.isEnabled()
    assert "选择一个标签组" in page.new_tag_button.toolTip()
    assert "选择一个标签组" in page.selection_hint.text()
    page.groups_table.setCurrentIndex(page.group_proxy.index(0, 0))
    assert page.new_tag_button.isEnabled() and page.selection_hint.text() == ""


def test_groups_and_history_explain_an_empty_workspace(driver: Driver, empty_workspace: Workspace,
                                                      qtbot: object) -> None:
    service = WorkspaceService(empty_workspace)
    groups = start(driver, qtbot, GroupsController(service, driver.tasks, driver.feedback, None))
    assert groups.groups_empty.isVisible()
    assert "同步企业微信" in groups.groups_empty.text()
    history = start(driver, qtbot, HistoryController(service, driver.tasks, driver.feedback, None))
    assert history.empty.isVisible() and "还没有操作记录" in history.empty.text()
