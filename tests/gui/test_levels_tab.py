"""The 等级 tab against a real demo workspace (its policy on, its levels built with it): the
counts per level on first start, an edited threshold previewed before anything is saved, saved
and applied with the changes listed with their reasons; a refused policy said in place; levels
following the points of a write made elsewhere; and the member panel's level, benefits and
points to the next level."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6

from siyu_desktop.errors import UserError
from siyu_desktop.services.levels import LevelsService
from siyu_desktop.services.points import PointsService
from siyu_desktop.services.types import Changes
from siyu_desktop.services.workspace import MemberDetail, WorkspaceService
from siyu_desktop.store import levels as store
from siyu_desktop.store.db import Workspace
from siyu_desktop.ui.controllers.levels_controller import LevelsController
from siyu_desktop.ui.widgets.member_detail import MemberDetailPanel

from .conftest import Driver


@pytest.fixture
def messages(driver: Driver, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(driver.feedback, "user_error", lambda exc, **_: said.append(exc.message))
    monkeypatch.setattr(driver.feedback, "error", lambda exc: said.append(
        exc.message if isinstance(exc, UserError) else f"BUG: {exc!r}"))
    monkeypatch.setattr(driver.feedback, "info", lambda text, *_: said.append(text))
    return said


@pytest.fixture
def levels(workspace: Workspace, driver: Driver, messages: list[str]
           ) -> Iterator[LevelsController]:
    controller = LevelsController(LevelsService(workspace), driver.tasks, driver.feedback, None)
    controller.tab.resize(1100, 760)
    controller.tab.show()
    controller.start()
    driver.idle()
    yield controller
    driver.idle()
    controller.tab.close()
    shiboken6.delete(controller.tab)
    shiboken6.delete(controller)
    gc.collect()


def db_counts(ws: Workspace) -> list[int]:
    got = store.counts(ws.reader())
    return [got.get(level, 0) for level in range(4)]


def shown(labels: Any) -> list[int]:
    return [int(label.text().split(" ")[0].replace(",", "")) for label in labels]


def test_edit_a_threshold_preview_it_then_save_and_apply(levels: LevelsController,
                                                         driver: Driver, workspace: Workspace,
                                                         messages: list[str],
                                                         qtmodeltester: Any) -> None:
    tab = levels.tab
    qtmodeltester.check(tab.changes_model)
    assert "已启用" in tab.state.text() and "累计积分" in tab.state.text()
    assert shown(tab.now_counts) == db_counts(workspace)
    assert [s.value() for s in tab.thresholds] == [800, 1500, 2200]
    assert tab.changes_model.rowCount() > 0  # the demo's year of level changes
    assert tab.lists.currentWidget() is tab.changes_table
    assert not tab.save_button.isEnabled()  # nothing edited yet
    before = db_counts(workspace)
    changes_before = store.change_count(workspace.reader())

    tab.thresholds[0].setValue(600)  # 银卡 from 800 down to 600
    driver.wait_for(lambda: "升级" in tab.preview_text.text())
    driver.idle()
    after = shown(tab.after_counts)
    assert after[1] > before[1] and after[0] < before[0] and sum(after) == sum(before)
    assert "(+" in tab.after_counts[1].text()
    assert tab.lists.currentWidget() is tab.preview_table
    qtmodeltester.check(tab.preview_model)
    first = tab.preview_model.record(0)
    assert (first.old, first.new) == (0, 1) and "银卡门槛 600" in first.reason
    assert db_counts(workspace) == before  # a preview changes nobody
    assert tab.save_button.isEnabled()

    tab.save_button.click()
    driver.idle()
    assert db_counts(workspace) == after
    assert shown(tab.now_counts) == after
    assert store.change_count(workspace.reader()) == changes_before + (before[0] - after[0])
    assert tab.lists.currentWidget() is tab.changes_table
    newest = tab.changes_model.record(0)
    assert (newest.old, newest.new) == (0, 1) and "银卡门槛 600" in newest.reason
    assert any("等级规则已保存" in m and "升级" in m for m in messages)
    assert not tab.save_button.isEnabled()
    assert not [m for m in messages if m.startswith("BUG")]

    # the button: nothing left to do
    tab.recompute_button.click()
    driver.idle()
    assert messages[-1] == "等级都已是最新，没有变化"


def test_a_policy_that_does_not_rise_is_refused_in_place(levels: LevelsController,
                                                       driver: Driver, workspace: Workspace
                                                       ) -> None:
    tab = levels.tab
    tab.thresholds[1].setValue(700)  # 金卡 below 银卡 (800)
    driver.wait_for(lambda: "逐级升高" in tab.preview_text.text())
    assert not tab.save_button.isEnabled()
    tab.revert_button.click()
    driver.idle()
    assert [s.value() for s in tab.thresholds] == [800, 1500, 2200]
    assert "逐级升高" not in tab.preview_text.text()


def test_levels_follow_points_written_elsewhere(levels: LevelsController, driver: Driver,
                                                workspace: Workspace) -> None:
    conn = workspace.reader()
    member = int(conn.execute("SELECT id FROM members WHERE level = 0 ORDER BY id LIMIT 1"
                              ).fetchone()[0])
    earned = int(store.earned(conn, store.member_ids(conn))[member - 1])
    driver.run(PointsService(workspace).award([member], 2200 - earned, "线下活动", "event1"))
    levels.workspace_changed(Changes(members={member}))  # what the change bus delivers
    driver.wait_for(lambda: workspace.reader().execute(
        "SELECT level FROM members WHERE id = ?", (member,)).fetchone()[0] == 3)
    driver.idle()
    assert levels.tab.changes_model.record(0).member_id == member
    assert "黑金门槛 2200" in levels.tab.changes_model.record(0).reason


def test_the_member_panel_shows_level_benefits_and_the_next_level(
        levels: LevelsController, driver: Driver, workspace: Workspace,
        service: WorkspaceService) -> None:
    panel = MemberDetailPanel()
    panel.resize(420, 640)
    levels.attach_member_panel(panel)
    member = int(workspace.reader().execute(
        "SELECT member_id FROM member_levels WHERE level = 1 ORDER BY member_id LIMIT 1"
    ).fetchone()[0])
    detail = driver.run(service.member_detail(member))
    assert isinstance(detail, MemberDetail)
    panel.set_detail(detail)
    driver.wait_for(lambda: bool(panel.level_summary.text()))
    text = panel.level_summary.text()
    assert text.startswith("等级：银卡（") and "起）" in text
    assert "累计积分" in text and "距金卡还差" in text
    assert "每月券 1 张" in text and "生日 20 元券" in text and "新春红包" in text
    assert not panel.level_edit.isEnabled()  # levels follow the policy
    panel.set_detail(None)
    assert panel.level_summary.text() == "" and panel.level_edit.isEnabledTo(panel.tabs)
    panel.close()
    shiboken6.delete(panel)
