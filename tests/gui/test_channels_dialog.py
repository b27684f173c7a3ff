"""渠道列表 from the roster's 渠道 filter, over a real demo workspace: edit an alias in the table,
a conflict shown inline, merge two channels, the filter and the roster follow, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from siyu_desktop.services.outbox import OutboxService
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace
from siyu_desktop.ui.controllers.roster_controller import RosterController
from siyu_desktop.ui.dialogs.channels_dialog import ChannelsDialog, Column
from siyu_desktop.ui.models.roster_model import Column as RosterColumn

from .conftest import Driver


@pytest.fixture
def roster(driver: Driver, service: WorkspaceService, workspace: Workspace, qtbot: object) -> RosterController:
    from siyu_desktop.ui.change_bus import ChangeBus

    controller = RosterController(service, OutboxService(workspace), driver.tasks, driver.feedback)
    qtbot.addWidget(controller.page)  # type: ignore[attr-defined]
    bus = ChangeBus()  # as in the app: commits (an undo too) reach the screen through the bus
    workspace.on_change(bus.post)
    bus.changed.connect(controller.workspace_changed)
    controller._bus = bus  # type: ignore[attr-defined]  # kept alive with the controller
    controller.page.resize(1300, 800)
    controller.page.show()
    driver.run(controller.start())
    driver.idle()
    return controller


def filter_choices(roster: RosterController) -> dict[str, str]:
    """code → text of the checkable entries of the 渠道 filter's menu."""
    menu = roster.page.segment_bar.channels.menu()
    return {a.data(): a.text() for a in menu.actions() if a.isCheckable()}


def open_dialog(roster: RosterController, driver: Driver) -> ChannelsDialog:
    bar = roster.page.segment_bar
    assert bar.edit_channels in bar.channels.menu().actions()
    bar.edit_channels.trigger()
    driver.idle()
    dialog = roster.channels_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def row_of(dialog: ChannelsDialog, code: str) -> int:
    return next(i for i, r in enumerate(dialog.model.rows) if r.code == code)


def members_with(workspace: Workspace, code: str) -> int:
    return int(workspace.reader().execute("SELECT count(*) FROM members WHERE channel = ?",
                                           (code,)).fetchone()[0])


def test_filter_lists_each_channel_once_with_counts(roster: RosterController,
                                                   service: WorkspaceService, workspace: Workspace) -> None:
    choices = filter_choices(roster)
    assert set(choices) == {c for (c,) in workspace.reader().execute(
        "SELECT DISTINCT channel FROM members WHERE channel != ''")}
    assert choices["live_stream"] == f"直播（{members_with(workspace, 'live_stream'):,}）"


def test_edit_an_alias_in_the_table(roster: RosterController, driver: Driver,
                                    service: WorkspaceService, workspace: Workspace, qtbot: object) -> None:
    dialog = open_dialog(roster, driver)
    row = row_of(dialog, "live_stream")
    assert dialog.model.index(row, Column.MEMBERS).data() == f"{members_with(workspace, 'live_stream'):,}"
    index = dialog.model.index(row, Column.ALIASES)
    dialog.table.setCurrentIndex(index)
    dialog.table.edit(index)
    editor = dialog.table.findChild(QLineEdit)
    assert editor is not None and editor.text() == "直播间、抖音直播、视频号直播、淘宝直播"
    editor.setText("直播间，快手直播")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.dirty)  # type: ignore[attr-defined]  # a queued commit
    assert dialog.model.rows[row].aliases == "直播间，快手直播"
    assert driver.run(service.channel_list()).resolve("快手直播") is None  # type: ignore[attr-defined]
    dialog.save_button.click()  # a click without processing events outside the running loop
    driver.idle()
    saved = driver.run(service.channel_list())
    assert saved.resolve("快手直播") == "live_stream"  # type: ignore[attr-defined]
    assert saved.resolve("抖音直播") is None  # type: ignore[attr-defined]
    assert not dialog.dirty and "已保存" in dialog.status.text()
    assert roster.page.undo_button.isEnabled()


def test_a_conflict_is_shown_in_the_dialog_and_nothing_is_saved(
        roster: RosterController, driver: Driver, service: WorkspaceService, qtbot: object) -> None:
    dialog = open_dialog(roster, driver)
    before = driver.run(service.channel_list())
    dialog.model.setData(dialog.model.index(row_of(dialog, "sms"), Column.ALIASES), "短信营销、直播间")
    dialog.save_button.click()  # a click without processing events outside the running loop
    driver.idle()
    assert not dialog.error.isHidden()
    assert "「直播间」同时是渠道「短信」和「直播」" in dialog.error.text()
    assert driver.run(service.channel_list()) == before


def test_merge_then_the_filter_and_roster_follow_and_undo(
        roster: RosterController, driver: Driver, service: WorkspaceService, workspace: Workspace, qtbot: object) -> None:
    sms, ai = members_with(workspace, "sms"), members_with(workspace, "ai_call")
    member = int(workspace.reader().execute(
        "SELECT id FROM members WHERE channel = 'sms' ORDER BY id LIMIT 1").fetchone()[0])
    dialog = open_dialog(roster, driver)
    asked: list[str] = []
    dialog.confirm = lambda text: asked.append(text) or True
    dialog.table.selectRow(row_of(dialog, "sms"))
    dialog.merge_target.setCurrentIndex(dialog.merge_target.findData("ai_call"))
    assert dialog.merge_button.isEnabled() and not dialog.delete_button.isEnabled()
    dialog.merge_button.click()  # a click without processing events outside the running loop
    driver.idle()
    assert asked and f"{sms:,} 位客户" in asked[0]

    assert members_with(workspace, "sms") == 0 and members_with(workspace, "ai_call") == sms + ai
    assert "sms" not in [r.code for r in dialog.model.rows]
    merged = dialog.model.rows[row_of(dialog, "ai_call")]
    assert merged.members == sms + ai and "短信" in merged.aliases
    choices = filter_choices(roster)
    assert "sms" not in choices and choices["ai_call"] == f"AI外呼（{sms + ai:,}）"
    row = int(roster.model.row_of(member))
    assert roster.model.index(row, RosterColumn.CHANNEL).data() == "AI外呼"

    driver.run(roster.undo())
    driver.idle()
    driver.wait_for(lambda: "sms" in filter_choices(roster))
    assert members_with(workspace, "sms") == sms
    assert filter_choices(roster)["sms"] == f"短信（{sms:,}）"
