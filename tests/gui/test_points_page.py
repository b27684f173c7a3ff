"""积分: the points screen against a real demo workspace (a year of points history) — the batch
award's preview, the award, its undo by reversal entries (and a chain that still verifies), a
rerun with the same key that gives nothing; the expiry preview, reminder list and run; the
leaderboards' order; the checks."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import shiboken6
from PySide6.QtWidgets import QLabel

from siyu_desktop.domain import points as P
from siyu_desktop.domain.points_periods import PeriodKind
from siyu_desktop.errors import UserError
from siyu_desktop.services.points import PointsService
from siyu_desktop.services.points_report import PointsReport
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store import points as ledger
from siyu_desktop.store.db import Workspace
from siyu_desktop.ui.controllers.points_controller import PointsController
from siyu_desktop.ui.pages.points_page import PointsPage


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
    if c.dialog is not None:
        c.dialog.done(0)
    c.page.close()
    shiboken6.delete(c.page)
    shiboken6.delete(c)
    gc.collect()


def balances(ws: Workspace, ids: list[int]) -> dict[int, int]:
    marks = ", ".join("?" * len(ids))
    return dict(ws.reader().execute(f"SELECT id, points FROM members WHERE id IN ({marks})", ids))


def open_dialog(screen: PointsController, driver: Any) -> Any:
    screen.open_award()
    driver.idle()
    assert screen.dialog is not None and screen.dialog.isVisible()
    return screen.dialog


def test_a_batch_award_previews_awards_undoes_by_reversal_and_never_gives_twice(
        screen: PointsController, workspace: Workspace, driver: Any, said: list[str]) -> None:
    conn = workspace.reader()
    ids = [r[0] for r in conn.execute("SELECT id FROM members ORDER BY id LIMIT 6")]
    before = balances(workspace, ids)
    phone = conn.execute("SELECT phone FROM members WHERE id = ?", (ids[5],)).fetchone()[0]
    d = open_dialog(screen, driver)
    d.by_list.setChecked(True)
    d.pasted.setPlainText(f"{ids[0]}, {ids[1]} {ids[2]}\n{ids[3]}；{ids[4]} {phone or ids[5]}\n"
                          f"wmNOSUCH 99999999 {ids[0]}")
    d.amount.setValue(30)
    d.reason.setText("春季 猜谜:奖励")
    assert d.key.text().endswith("-春季-猜谜-奖励") and ":" not in d.key.text()
    key = d.key.text()
    screen.preview_award()
    driver.idle()
    preview = d.preview
    assert preview is not None and preview.plan.to_award == 6 and preview.total == 180
    assert "6 位 × +30 分 = 合计 +180 分" in d.summary.text()
    assert "2 项没有匹配上" in d.summary.text() and "1 项重复" in d.summary.text()
    assert "wmNOSUCH" in d.unmatched.toPlainText() and "99999999" in d.unmatched.toPlainText()
    assert d.model.rowCount() == 6 and {r.change for r in d.model.records()} == {30}
    assert [r.balance for r in d.model.records()] == [before[m] for m in ids]
    assert d.award_button.isEnabled() and "6" in d.award_button.text()

    entries_before = conn.execute("SELECT max(seq) FROM points_entries").fetchone()[0]
    d.award_button.click()
    driver.idle()
    after = balances(workspace, ids)
    assert all(after[m] == before[m] + 30 for m in ids)
    assert "6 位客户各 +30 分，合计 +180 分" in d.result_label.text()
    assert d.undo_button.isVisible()
    assert screen.page.award.model.rowCount() >= 1
    assert screen.page.award.current() is not None

    # the same key again: nobody gets anything
    screen.preview_award()
    driver.idle()
    assert d.preview is not None and d.preview.plan.already == 6 and d.preview.plan.to_award == 0
    assert not d.award_button.isEnabled() and "已经在批次" in d.summary.text()

    d.undo_button.click()
    driver.idle()
    assert balances(workspace, ids) == before
    rows = conn.execute("SELECT kind, amount, reverses FROM points_entries WHERE seq > ? "
                        "ORDER BY seq", (entries_before,)).fetchall()
    awards = [r for r in rows if r[0] == "earn"]
    reversals = [r for r in rows if r[0] == "reverse"]
    assert len(awards) == 6 and len(reversals) == 6 and all(r[1] == -30 for r in reversals)
    assert ledger.balance_mismatches(conn) == (0, [])
    assert P.verify_chain(ledger.walk(conn))[1] is None
    assert any("已撤销" in s for s in said) and not d.undo_button.isVisible()
    assert key in conn.execute("SELECT key FROM points_entries WHERE kind = 'earn' ORDER BY seq "
                               "DESC LIMIT 1").fetchone()[0]

    # and after the undo, the key still gives nothing (each member had it once)
    screen.preview_award()
    driver.idle()
    assert d.preview is not None and d.preview.plan.to_award == 0


def test_taking_back_skips_those_without_enough_points(
        screen: PointsController, workspace: Workspace, driver: Any) -> None:
    conn = workspace.reader()
    rich = [r[0] for r in conn.execute("SELECT id FROM members WHERE points >= 500 ORDER BY id "
                                       "LIMIT 3")]
    poor = [r[0] for r in conn.execute("SELECT id FROM members WHERE points = 0 ORDER BY id "
                                       "LIMIT 2")]
    before = balances(workspace, rich + poor)
    d = open_dialog(screen, driver)
    d.by_list.setChecked(True)
    d.pasted.setPlainText(" ".join(map(str, rich + poor)))
    d.amount.setValue(-100)
    d.reason.setText("误发扣回")
    screen.preview_award()
    driver.idle()
    assert d.preview is not None and {m for m, _ in d.preview.short} == set(poor)
    assert "2 位可用积分不足 100 分" in d.summary.text()
    assert "3 位 × -100 分 = 合计 -300 分" in d.summary.text()
    d.award_button.click()
    driver.idle()
    after = balances(workspace, rich + poor)
    assert [after[m] - before[m] for m in rich + poor] == [-100, -100, -100, 0, 0]


def test_an_edit_after_the_preview_needs_a_new_one(screen: PointsController,
                                                   driver: Any) -> None:
    d = open_dialog(screen, driver)
    assert d.by_segment.isChecked() and d.segment.count() > 0  # the demo's saved segments
    d.reason.setText("人群包发放")
    screen.preview_award()
    driver.idle()
    assert d.preview is not None and d.preview.plan.members > 0
    d.amount.setValue(99)
    assert d.preview is None and not d.award_button.isEnabled()


def test_expiry_preview_export_and_run(screen: PointsController, workspace: Workspace,
                                       driver: Any, tmp_path: Path) -> None:
    tab = screen.page.expiry
    day = tab.day_text()  # the start picks the next day points expire
    assert day > screen.report.today().isoformat()
    screen.preview_expiry(day)
    driver.idle()
    plan = screen.expiry_preview.plan if screen.expiry_preview else None
    assert plan is not None and plan.members > 0
    on = P.day_start(day, screen.points.tz)
    conn = workspace.reader()
    expected = conn.execute("SELECT count(DISTINCT member_id), sum(remaining) FROM points_lots "
                            "WHERE remaining > 0 AND expires_at <= ?", (on,)).fetchone()
    assert (plan.members, plan.points) == expected
    assert f"{plan.members:,} 位客户共 {plan.points:,} 分" in tab.summary.text()
    top = tab.model.records()
    assert [r.expiring for r in top] == sorted((r.expiring for r in top), reverse=True)

    out = tmp_path / "提醒.xlsx"
    screen.export_expiry(out)
    driver.idle()
    sheet = openpyxl.load_workbook(out, read_only=True).worksheets[0]
    assert sum(1 for _ in sheet.iter_rows()) == plan.members + 1

    screen.run_expiry(day)
    driver.idle()
    assert conn.execute("SELECT count(*) FROM points_lots WHERE remaining > 0 AND "
                        "expires_at <= ?", (on,)).fetchone()[0] == 0
    assert "已执行" in tab.summary.text() and f"{plan.points:,} 分" in tab.summary.text()
    screen.preview_expiry(day)
    driver.idle()
    assert screen.expiry_preview is not None and screen.expiry_preview.plan.members == 0
    assert ledger.balance_mismatches(conn) == (0, [])


def _earned(ws: Workspace, start: int, end: int, members: set[int] | None) -> list[int]:
    """The leaderboard worked out in Python over every entry: earns of the period not
    reversed."""
    conn = ws.reader()
    reversed_ = {r[0] for r in conn.execute("SELECT reverses FROM points_entries "
                                            "WHERE reverses IS NOT NULL")}
    total: dict[int, int] = defaultdict(int)
    for seq, m, amount, kind, at in conn.execute(
            "SELECT seq, member_id, amount, kind, at FROM points_entries"):
        if kind == "earn" and start <= at < end and seq not in reversed_ and (
                members is None or m in members):
            total[m] += amount
    return sorted((p for p in total.values() if p > 0), reverse=True)


def test_leaderboards_show_the_right_order(screen: PointsController, workspace: Workspace,
                                          driver: Any) -> None:
    board = screen.page.board
    screen.show_board(PeriodKind.WEEK, 1, None)  # last week, everyone
    driver.idle()
    period = board.current_period()
    assert period is not None and period.kind is PeriodKind.WEEK
    shown = [r.points for r in board.model.records()]
    assert shown and shown == _earned(workspace, period.start, period.end, None)[:100]
    assert [r.rank for r in board.model.records()][:1] == [1]

    conn = workspace.reader()
    group = conn.execute("SELECT group_id FROM roster WHERE member_id IS NOT NULL GROUP BY "
                         "group_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    members = {r[0] for r in conn.execute("SELECT member_id FROM roster WHERE group_id = ? "
                                          "AND member_id IS NOT NULL", (group,))}
    screen.show_board(PeriodKind.MONTH, 1, group)  # last month, the biggest group
    driver.idle()
    period = board.current_period()
    assert period is not None and board.current_group() == group
    rows = board.model.records()
    assert [r.points for r in rows] == _earned(workspace, period.start, period.end, members)
    assert all(r.member_id in members for r in rows)
    assert "位客户获得积分" in board.summary.text()


def test_overview_and_checks(screen: PointsController, workspace: Workspace,
                             driver: Any) -> None:
    page = screen.page
    total = workspace.reader().execute("SELECT sum(points) FROM members").fetchone()[0]
    assert page.overview.circulating.value.text() == f"{total:,}"
    assert page.overview.model.rowCount() == 12
    assert len(page.overview.chart.bar_values()) == 3
    assert "获得后第 12 个月月底过期" in page.overview.policy.text()
    screen.check()
    driver.idle()
    assert "全部一致" in page.check.check_result.text()
    assert not page.check.rebuild_button.isEnabled()
    screen.verify()
    driver.idle()
    assert "哈希链完好" in page.check.verify_result.text()
    assert page.check.progress.isHidden()


def test_more_tabs_can_be_added(qtbot: Any) -> None:
    page = PointsPage()
    qtbot.addWidget(page)
    index = page.add_tab("积分商城", QLabel("…"))
    assert index == 5 and page.tabs.tabText(5) == "积分商城"
