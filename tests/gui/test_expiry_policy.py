"""积分 → 到期 → 修改到期规则…: the dialog against a real demo workspace — the rule chosen, the
example date it shows, the statement that lots already earned keep their date (and they do:
only what is earned afterwards gets the new rule's date), the change in the operation history
(undoable), and a rule that is not one (29 February, unchanged) refused before anything is
written."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
import shiboken6

from siyu_desktop.domain import points as P
from siyu_desktop.domain import summaries
from siyu_desktop.errors import UserError
from siyu_desktop.services.points import PointsService
from siyu_desktop.services.points_report import PointsReport
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace
from siyu_desktop.ui.controllers.points_controller import PointsController
from siyu_desktop.ui.dialogs.expiry_policy_dialog import ExpiryPolicyDialog


@pytest.fixture
def said(driver: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    out: list[str] = []
    monkeypatch.setattr(driver.feedback, "info", lambda text, *_: out.append(text))
    monkeypatch.setattr(driver.feedback, "error", lambda exc: out.append(
        exc.message if isinstance(exc, UserError) else f"BUG: {exc!r}"))
    return out


@pytest.fixture
def screen(workspace: Workspace, driver: Any, qtbot: Any, said: list[str]
           ) -> Iterator[PointsController]:
    points = PointsService(workspace)
    c = PointsController(points, PointsReport(workspace, points), WorkspaceService(workspace),
                         driver.tasks, driver.feedback, None)
    c.confirm = lambda _text: True
    c.page.resize(1280, 720)
    c.start()
    driver.idle()
    yield c
    driver.idle()
    if c.policy_dialog is not None and shiboken6.isValid(c.policy_dialog):
        c.policy_dialog.done(0)
    driver.idle()
    c.page.close()
    shiboken6.delete(c.page)
    shiboken6.delete(c)
    gc.collect()


def open_policy(screen: PointsController, driver: Any) -> ExpiryPolicyDialog:
    screen.page.expiry.policy_button.click()
    driver.idle()
    dialog = screen.policy_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def lots_of(ws: Workspace, member_id: int) -> dict[int, int | None]:
    return dict(ws.reader().execute(
        "SELECT seq, expires_at FROM points_lots WHERE member_id = ? ORDER BY seq", (member_id,)))


def test_a_new_rule_dates_what_is_earned_from_now_on_and_leaves_earned_lots_alone(
        screen: PointsController, workspace: Workspace, driver: Any, said: list[str]) -> None:
    points = screen.points
    tz = points.tz
    member = int(workspace.reader().execute(
        "SELECT member_id FROM points_lots WHERE expires_at IS NOT NULL ORDER BY seq DESC "
        "LIMIT 1").fetchone()[0])
    before = lots_of(workspace, member)
    old_rule = points.policy
    assert old_rule.kind is P.ExpiryKind.MONTHS_AFTER

    d = open_policy(screen, driver)
    assert d.months_after.isChecked() and d.months.value() == old_rule.months
    assert "已经获得的积分保留原来的到期日" in d.notice.text()
    assert "这就是现在的规则" in d.example.text() and not d.save_button.isEnabled()

    d.yearly.setChecked(True)
    d.month.setValue(12)
    d.day.setValue(31)
    d.grace.setCurrentIndex(d.grace.findData(1))
    assert not d.months.isEnabled() and d.day.isEnabled()
    now = screen.report.now()
    local = datetime.fromtimestamp(now, tz)
    assert f"{local.year + 1}-12-31（含这一天）" in d.example.text()
    assert "每年 12 月 31 日" in d.example.text() and d.save_button.isEnabled()
    d.save_button.click()
    driver.idle()

    new_rule = P.ExpiryPolicy(P.ExpiryKind.YEARLY, month=12, day=31, grace_years=1)
    assert points.policy == new_rule
    assert workspace.get_setting("points_expiry") == {"kind": "yearly", "month": 12, "day": 31,
                                                      "grace_years": 1}
    assert "每年 12 月 31 日清零" in screen.page.expiry.policy.text()
    assert any("已经获得的积分到期日不变" in s for s in said), said
    batch, action, summary = workspace.reader().execute(
        "SELECT id, action, summary FROM audit_batches ORDER BY id DESC LIMIT 1").fetchone()
    assert action == "points_policy"
    assert summaries.render(summary) == "积分到期规则改为：每年 12 月 31 日清零 1 年前获得的积分"

    # what was earned keeps its date; what is earned now gets the new rule's
    assert lots_of(workspace, member) == before
    driver.run(points.award([member], 7, "签到", "after-rule"))
    after = lots_of(workspace, member)
    (new_seq,) = set(after) - set(before)
    expected = P.expires_at(new_rule, now, tz)
    assert after[new_seq] == expected
    assert datetime.fromtimestamp(expected, tz) - timedelta(days=1) == datetime(
        local.year + 1, 12, 31, tzinfo=tz)

    # the change is an operation like any other: undo puts the old rule back
    driver.run(screen.service.undo(batch))
    assert points.policy == old_rule


def test_never_and_a_rule_that_is_not_one(screen: PointsController, workspace: Workspace,
                                          driver: Any) -> None:
    d = open_policy(screen, driver)
    d.yearly.setChecked(True)
    d.month.setValue(2)
    d.day.setValue(30)
    assert d.error.isVisible() and "2 月 30 日不是有效日期" in d.error.text()
    assert not d.save_button.isEnabled()
    d.day.setValue(29)
    assert "2 月 29 日不是每年都有" in d.error.text() and not d.save_button.isEnabled()
    d.accept()  # even if asked directly: it stays open and writes nothing
    driver.idle()
    assert d.isVisible() and workspace.get_setting("points_expiry") is None

    d.never.setChecked(True)
    assert not d.error.isVisible() and not d.month.isEnabled()
    assert "一直有效" in d.example.text()
    d.save_button.click()
    driver.idle()
    assert screen.points.policy.kind is P.ExpiryKind.NEVER
    assert "积分永不过期" in screen.page.expiry.policy.text()
    member = int(workspace.reader().execute("SELECT min(id) FROM members").fetchone()[0])
    seen = set(lots_of(workspace, member))
    driver.run(screen.points.award([member], 5, "签到", "never-rule"))
    fresh = {s: e for s, e in lots_of(workspace, member).items() if s not in seen}
    assert list(fresh.values()) == [None]

    d = open_policy(screen, driver)  # opens on the rule now in force
    assert d.never.isChecked() and not d.save_button.isEnabled()
