"""The workspace lifecycle in the window, as a newcomer meets it: the demo opens first, with a
visible way to 新建我的工作区; the brand's own workspace is created from a dialog and opened in
place of the demo; the 工作区 menu switches back, opens a file and closes; with no workspace
open the welcome screen offers the three ways in and the recent list."""

from __future__ import annotations

import shutil
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QFileDialog

from siyu_desktop import app as appmod
from siyu_desktop.services import workspaces
from siyu_desktop.store.db import Workspace
from siyu_desktop.ui.main_window import MainWindow

from .conftest import Driver


def _flush() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def _shell(tmp_path: Path, demo_path: Path, driver: Driver) -> tuple[appmod.App, MainWindow, Path]:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(demo_path, workspaces.demo_workspace(data))  # as if built on an earlier start
    args = appmod.parse_args(["--data-dir", str(data)])
    window = MainWindow()
    shell = appmod.App(args, window, driver.tasks, driver.feedback)
    shell.connect_window()
    return shell, window, data


def _wait_switch(driver: Driver, shell: appmod.App) -> None:
    driver.idle()
    driver.wait_for(lambda: not driver.tasks.running(appmod.WORKSPACE_OP), timeout=30)
    driver.run(shell.tasks.wait_idle())


def test_from_the_demo_to_my_own_workspace_and_back(tmp_path: Path, demo_path: Path,
                                                    driver: Driver) -> None:
    shell, window, data = _shell(tmp_path, demo_path, driver)
    try:
        driver.run(shell.open_workspace())  # a first start: nothing chosen yet → the demo
        driver.run(shell.tasks.wait_idle())
        assert shell.session is not None and shell.session.is_demo
        assert not window.own_button.isHidden() and not window.demo_badge.isHidden()
        demo_members = shell.session.member_count()

        window.own_button.click()  # 新建我的工作区… from the demo
        dialog = shell._new_dialog
        assert dialog is not None and dialog.isVisible()
        assert not dialog.create_button.isEnabled()  # no brand yet
        assert dialog.timezone.currentText() == "Asia/Shanghai"
        dialog.brand.setText("喵星补给站")
        dialog.corp_id.setText("ww0123456789abcdef")
        dialog.create_button.click()
        _wait_switch(driver, shell)
        own = shell.session
        assert own is not None and not own.is_demo and own.path.parent == data
        assert own.path.name == "喵星补给站.siyu.db"
        assert "喵星补给站" in window.windowTitle() and "（演示）" not in window.windowTitle()
        assert window.windowTitle().count("私域运营台") == 0  # Qt adds the app's name once
        assert window.own_button.isHidden() and window.demo_badge.isHidden()
        assert window.stack.currentWidget() is shell.controllers[0].page  # type: ignore[attr-defined]
        assert own.connection.config().corp_id == "ww0123456789abcdef"
        assert own.workspace_settings.load().brand == "喵星补给站"
        assert own.workspace_settings.load().timezone == "Asia/Shanghai"
        assert workspaces.last_workspace(data) == own.path  # a plain start opens it next time

        window.demo_action.trigger()  # 工作区 → 切换到演示工作区
        _wait_switch(driver, shell)
        assert shell.session is not None and shell.session.is_demo
        assert shell.session.member_count() == demo_members
        assert own.closed

        opened = shell.ask_open_file()  # 打开工作区文件…
        assert isinstance(opened, QFileDialog)
        opened.fileSelected.emit(str(own.path))
        _wait_switch(driver, shell)
        assert shell.session is not None and shell.session.path == own.path

        window.close_action.trigger()  # 关闭工作区 → the welcome screen
        _wait_switch(driver, shell)
        _flush()
        assert shell.session is None and window.stack.currentWidget() is window.welcome
        assert window.nav.count() == 0 and not window.close_action.isEnabled()
        listed = [window.welcome.recent.item(i).text() for i in range(window.welcome.recent.count())]
        assert listed[0].startswith("喵星补给站") and any(t.startswith("演示工作区（") for t in listed)
        assert window.recent_menu.actions()[0].text() == "喵星补给站"

        window.welcome.recent.itemActivated.emit(window.welcome.recent.item(0))
        _wait_switch(driver, shell)
        assert shell.session is not None and shell.session.path == own.path
        window.welcome.demo_requested.emit()  # the welcome screen's 试用演示工作区 also works
        _wait_switch(driver, shell)
        assert shell.session is not None and shell.session.is_demo
    finally:
        shell.close()
        window.close()


def test_a_name_taken_is_said_in_the_dialog_which_stays_open(tmp_path: Path, demo_path: Path,
                                                            driver: Driver) -> None:
    shell, window, data = _shell(tmp_path, demo_path, driver)
    try:
        Workspace.open(data / "喵星补给站.siyu.db").close()
        shell.show_welcome()
        window.welcome.new_button.click()
        dialog = shell._new_dialog
        assert dialog is not None
        dialog.brand.setText("喵星补给站")
        dialog.create_button.click()
        driver.idle()
        assert dialog.isVisible() and not dialog.error.isHidden()
        assert "喵星补给站" in dialog.error.text() and shell.session is None
        dialog.timezone.setEditText("Mars/Olympus")
        dialog.brand.setText("另一个品牌")
        dialog.create_button.click()
        driver.idle()
        assert dialog.isVisible() and not dialog.error.isHidden()  # no such time zone
        assert not (data / "另一个品牌.siyu.db").exists()  # nothing left behind
        dialog.reject()
        _flush()
        assert not shiboken6.isValid(dialog)
    finally:
        shell.close()
        window.close()
