"""设置 → 工作区设置: what the operator edits and saves is what the workspace stores (read again
by a new service); a refused value is said inline in the operator's words and nothing is stored;
a changed brand name is announced for the window title."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QTime

from siyu_desktop.domain.workspace_settings import CAP_DAY_1, WorkspaceSettings
from siyu_desktop.services.backups import BackupsService
from siyu_desktop.services.settings import SettingsService
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.services.workspace_settings import WorkspaceSettingsService
from siyu_desktop.store.db import Workspace
from siyu_desktop.ui.controllers.backups_controller import BackupsController
from siyu_desktop.ui.controllers.settings_controller import SettingsController


@pytest.fixture
def screen(workspace: Workspace, driver: Any, tmp_path: Path) -> Iterator[SettingsController]:
    backups = BackupsController(BackupsService(workspace), WorkspaceSettingsService(workspace),
                                driver.tasks, driver.feedback, None)
    c = SettingsController(SettingsService(workspace), WorkspaceSettingsService(workspace),
                           WorkspaceService(workspace), backups, tmp_path, "zh_CN", driver.tasks,
                           driver.feedback, None)
    c.start()
    driver.idle()
    yield c
    driver.idle()
    backups.close()
    for o in (c.page, c, backups):
        shiboken6.delete(o)
    gc.collect()


def test_the_form_shows_the_stored_settings_and_the_workspace_s_tag_groups(
        screen: SettingsController, service: WorkspaceService, driver: Any) -> None:
    page = screen.page
    assert page.ws_timezone.currentText() == "Asia/Shanghai"
    assert page.ws_timezone.itemText(0) == "Asia/Shanghai"
    assert page.ws_cap.currentData() == WorkspaceSettings().mass_message_cap
    assert page.ws_cap.count() == 3
    assert page.ws_send_start.time() == QTime(9, 0) and page.ws_send_end.time() == QTime(21, 0)
    groups = [g.name for g in driver.run(service.tag_groups())]
    assert groups
    offered = [page.ws_tag_group.itemText(i) for i in range(page.ws_tag_group.count())]
    assert offered == ["", *groups]
    assert page.ws_tag_group.currentText() == ""


def test_edited_settings_are_saved_in_the_workspace(
        screen: SettingsController, workspace: Workspace, service: WorkspaceService,
        driver: Any) -> None:
    page = screen.page
    brands: list[str] = []
    screen.brand_changed.connect(brands.append)
    group = driver.run(service.tag_groups())[0].name

    page.ws_brand.setText("汪星人补给站")
    page.ws_timezone.setCurrentText("Asia/Hong_Kong")
    page.ws_cap.setCurrentIndex(page.ws_cap.findData(CAP_DAY_1))
    page.ws_send_start.setTime(QTime(8, 30))
    page.ws_send_end.setTime(QTime(20, 0))
    page.ws_tag_group.setCurrentText(group)
    page.ws_save_button.click()
    driver.idle()

    assert "已保存" in page.ws_status.text() and not page.ws_status.property("error")
    assert brands == ["汪星人补给站"]
    again = WorkspaceSettingsService(workspace).load()
    assert again == WorkspaceSettings(brand="汪星人补给站", timezone="Asia/Hong_Kong",
                                      mass_message_cap=CAP_DAY_1, send_start="08:30",
                                      send_end="20:00", import_tag_group=group)
    assert driver.run(service.info()).brand == "汪星人补给站"  # what the window title reads

    page.ws_send_end.setTime(QTime(21, 0))  # saved again without a new brand: no announcement
    page.ws_save_button.click()
    driver.idle()
    assert brands == ["汪星人补给站"]
    assert WorkspaceSettingsService(workspace).load().send_end == "21:00"


@pytest.mark.parametrize(("edit", "said"), [
    (lambda p: p.ws_timezone.setCurrentText("Mars/Olympus"), "不认识时区"),
    (lambda p: (p.ws_send_start.setTime(QTime(22, 0)), p.ws_send_end.setTime(QTime(9, 0))),
     "必须早于结束"),
    (lambda p: p.ws_tag_group.setCurrentText("导入\t标签"), "标签组"),
])
def test_a_refused_value_is_said_inline_and_nothing_is_saved(
        screen: SettingsController, workspace: Workspace, driver: Any, edit: Any,
        said: str) -> None:
    page = screen.page
    brands: list[str] = []
    screen.brand_changed.connect(brands.append)
    before = WorkspaceSettingsService(workspace).load()
    page.ws_cap.setCurrentIndex(page.ws_cap.findData(CAP_DAY_1))  # a valid change alongside
    edit(page)
    page.ws_save_button.click()
    driver.idle()

    assert said in page.ws_status.text(), page.ws_status.text()
    assert page.ws_status.property("error") is True
    assert WorkspaceSettingsService(workspace).load() == before
    assert brands == []
    assert page.ws_save_button.isEnabled()
    page.ws_brand.setText("改了就清掉提示")
    page.ws_brand.textEdited.emit("改了就清掉提示")
    assert page.ws_status.text() == ""


def test_the_backups_button_opens_the_backups_dialog(screen: SettingsController,
                                                     driver: Any) -> None:
    page = screen.page
    assert page.last_backup.text() == "还没有备份。"
    page.backups_button.click()
    driver.idle()
    dialog = screen.backups.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.back_up_button.click()
    driver.idle()
    assert page.last_backup.text().startswith("上次备份：")
    assert dialog.model.rows[0].path.name in dialog.status.text()
