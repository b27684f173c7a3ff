"""设置: the operator's name becomes the author of their later operations in 操作记录 — also
after the workspace is closed and opened again — and the language choice is kept for the next
start."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import shiboken6

from siyu_desktop.services import settings
from siyu_desktop.services.backups import BackupsService
from siyu_desktop.services.settings import SettingsService
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.services.workspace_settings import WorkspaceSettingsService
from siyu_desktop.store.db import Workspace
from siyu_desktop.ui import labels
from siyu_desktop.ui.controllers.backups_controller import BackupsController
from siyu_desktop.ui.controllers.history_controller import HistoryController
from siyu_desktop.ui.controllers.settings_controller import SettingsController


def _screen(ws: Workspace, data_dir: Path, driver: Any) -> SettingsController:
    backups = BackupsController(BackupsService(ws), WorkspaceSettingsService(ws), driver.tasks,
                                driver.feedback, None)
    return SettingsController(SettingsService(ws), WorkspaceSettingsService(ws),
                              WorkspaceService(ws), backups, data_dir, "zh_CN", driver.tasks,
                              driver.feedback, None)


def _delete(*objects: Any) -> None:
    for o in objects:
        shiboken6.delete(o)
    gc.collect()


def test_the_name_given_in_settings_is_the_author_in_history_after_a_restart(
        demo_path: Path, driver: Any, tmp_path: Path) -> None:
    ws = Workspace.open(demo_path, actor="operator")
    service = WorkspaceService(ws)
    screen = _screen(ws, tmp_path, driver)
    screen.start()
    driver.idle()
    assert screen.page.name.text() == ""
    _changed, before = driver.run(service.edit_member(1, {"note": "起名之前"}))

    screen.page.name.setText("operator")  # a word the app uses for itself: refused, said why
    screen.page.name_button.click()
    driver.idle()
    assert "内部" in screen.page.name_status.text() and ws.operator_name == ""

    screen.page.name.setText("  小美\n（社群运营） ")
    screen.page.name_button.click()
    driver.idle()
    assert screen.page.name.text() == "小美 （社群运营）"
    assert "小美" in screen.page.name_status.text()
    _changed, after = driver.run(service.edit_member(1, {"note": "起名之后"}))
    _delete(screen.page, screen)
    ws.close()

    ws = Workspace.open(demo_path, actor="operator")
    try:
        service = WorkspaceService(ws)
        history = HistoryController(service, driver.tasks, driver.feedback, None)
        history.start()
        driver.idle()
        shown = {b.id: labels.actor_name(b.actor) for b in history.page.model.records()}
        assert shown[after] == "小美 （社群运营）"
        assert shown[before] == "我（窗口）"  # recorded as it was when it ran
        _delete(history.page, history)
        again = _screen(ws, tmp_path, driver)
        again.start()
        driver.idle()
        assert again.page.name.text() == "小美 （社群运营）"
        _delete(again.page, again)
    finally:
        ws.close()


def test_choosing_a_language_is_kept_for_the_next_start(demo_path: Path, driver: Any,
                                                         tmp_path: Path) -> None:
    ws = Workspace.open(demo_path, actor="operator")
    try:
        screen = _screen(ws, tmp_path, driver)
        screen.start()
        driver.idle()
        assert settings.preferred_language(tmp_path) is None
        assert screen.page.language.currentData() == "zh_CN"
        screen.choose_language("en")
        assert settings.preferred_language(tmp_path) == "en"
        assert "English" in screen.page.language_status.text()
        _delete(screen.page, screen)
        again = _screen(ws, tmp_path, driver)
        again.start()
        driver.idle()
        assert again.page.language.currentData() == "en"
        _delete(again.page, again)
    finally:
        ws.close()
