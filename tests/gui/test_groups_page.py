"""The groups screen against a real demo workspace: what it lists is what the store holds."""

from __future__ import annotations

import gc

import pytest
import shiboken6
from PySide6.QtCore import Qt

from siyu_desktop.store.index import Changes
from siyu_desktop.ui.controllers.groups_controller import GroupsController
from siyu_desktop.ui.models.roster_model import RecordRole


@pytest.fixture
def screens(driver):  # type: ignore[no-untyped-def]
    """Deletes each screen on the test's own thread: left to the garbage collector, a widget
    can die on a worker thread ("Timers cannot be stopped from another thread")."""
    made: list[GroupsController] = []
    yield made
    driver.idle()
    for controller in made:
        controller.page.close()
        shiboken6.delete(controller.page)
        shiboken6.delete(controller)
    gc.collect()


def _controller(service, driver, qtbot, screens=None):  # type: ignore[no-untyped-def]
    controller = GroupsController(service, driver.tasks, driver.feedback, None)
    screens.append(controller)
    controller.start()
    driver.idle()
    return controller


def test_groups_load_and_match_the_store(screens, service, driver, qtbot, qtmodeltester, workspace):  # type: ignore[no-untyped-def]
    c = _controller(service, driver, qtbot, screens)
    conn = workspace.reader()
    n_groups, people = conn.execute("SELECT count(*), sum(member_count) FROM groups").fetchone()
    page = c.page
    assert page.group_model.rowCount() == n_groups
    assert page.group_proxy.rowCount() == n_groups
    assert f"{n_groups:,} 个社群" in page.summary.text()
    assert f"{people:,} 人次" in page.summary.text()
    qtmodeltester.check(page.group_model)
    qtmodeltester.check(page.group_proxy)
    qtmodeltester.check(page.dup_model)
    qtmodeltester.check(page.events_model)


def test_kind_and_name_filters(screens, service, driver, qtbot, workspace):  # type: ignore[no-untyped-def]
    c = _controller(service, driver, qtbot, screens)
    conn = workspace.reader()
    kind, n = conn.execute("SELECT kind, count(*) FROM groups GROUP BY kind ORDER BY kind").fetchone()
    page = c.page
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(kind))
    assert page.group_proxy.rowCount() == n
    assert "显示" in page.shown_label.text()
    name = conn.execute("SELECT name FROM groups WHERE kind = ? LIMIT 1", (kind,)).fetchone()[0]
    page.name_filter.setText(name)
    expected = conn.execute("SELECT count(*) FROM groups WHERE kind = ? AND instr(lower(name), lower(?)) > 0",
                            (kind, name)).fetchone()[0]
    assert page.group_proxy.rowCount() == expected >= 1
    page.name_filter.setText("不存在的群名xyz")
    assert page.group_proxy.rowCount() == 0
    assert page.groups_stack.currentIndex() == 1  # the empty state, not a blank grid
    page.name_filter.clear()
    page.kind_combo.setCurrentIndex(0)
    assert page.group_proxy.rowCount() == conn.execute("SELECT count(*) FROM groups").fetchone()[0]


def test_sorting_by_member_count_is_numeric(screens, service, driver, qtbot):  # type: ignore[no-untyped-def]
    c = _controller(service, driver, qtbot, screens)
    page = c.page
    page.groups_table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    counts = [page.group_proxy.index(r, 0).data(RecordRole).member_count
              for r in range(page.group_proxy.rowCount())]
    assert counts == sorted(counts, reverse=True)


def test_selecting_a_group_shows_its_roster(screens, service, driver, qtbot, qtmodeltester, workspace):  # type: ignore[no-untyped-def]
    c = _controller(service, driver, qtbot, screens)
    conn = workspace.reader()
    group_id, name = conn.execute(
        "SELECT g.id, g.name FROM groups g JOIN roster r ON r.group_id = g.id "
        "GROUP BY g.id ORDER BY count(*) DESC LIMIT 1").fetchone()
    assert c.page.select_group(group_id)
    driver.idle()
    rows = conn.execute("SELECT count(*) FROM roster WHERE group_id = ?", (group_id,)).fetchone()[0]
    assert c.page.roster_model.rowCount() == rows > 0
    assert name in c.page.group_title.text()
    assert c.page.roster_stack.currentIndex() == 0
    staff_rows = conn.execute("SELECT count(*) FROM roster WHERE group_id = ? AND staff_id IS NOT NULL",
                              (group_id,)).fetchone()[0]
    kinds = [c.page.roster_proxy.index(r, 1).data() for r in range(c.page.roster_proxy.rowCount())]
    assert kinds.count("员工") == staff_rows
    events = conn.execute("SELECT count(*) FROM roster_events WHERE group_id = ? "
                          "AND at >= strftime('%s','now') - 30 * 86400", (group_id,)).fetchone()[0]
    assert c.page.group_events_model.rowCount() == events
    qtmodeltester.check(c.page.roster_model)
    qtmodeltester.check(c.page.group_events_model)


def test_duplicates_are_members_really_in_several_groups(screens, service, driver, qtbot, workspace):  # type: ignore[no-untyped-def]
    c = _controller(service, driver, qtbot, screens)
    conn = workspace.reader()
    expected = {m: n for m, n in conn.execute(
        "SELECT member_id, count(DISTINCT group_id) FROM roster WHERE member_id IS NOT NULL "
        "GROUP BY member_id HAVING count(DISTINCT group_id) >= 2")}
    shown = {d.member_id: d.group_count for d in c.page.dup_model.records()}
    assert shown == expected
    assert expected, "the demo should have members in several groups"
    some = next(iter(shown))
    names = {r[0] for r in conn.execute(
        "SELECT g.name FROM roster r JOIN groups g ON g.id = r.group_id WHERE r.member_id = ?", (some,))}
    record = next(d for d in c.page.dup_model.records() if d.member_id == some)
    assert set(record.groups.split("、")) == names


def test_recent_events_are_coloured_and_counted(screens, service, driver, qtbot, workspace):  # type: ignore[no-untyped-def]
    c = _controller(service, driver, qtbot, screens)
    conn = workspace.reader()
    counts = dict(conn.execute("SELECT kind, count(*) FROM roster_events "
                               "WHERE at >= strftime('%s','now') - 30 * 86400 GROUP BY kind").fetchall())
    model = c.page.events_model
    assert model.rowCount() == min(1000, sum(counts.values()))
    assert f"进群 {counts.get('join', 0):,}" in c.page.summary.text()
    assert f"退群 {counts.get('leave', 0):,}" in c.page.summary.text()
    colours = {model.record(r).kind: model.index(r, 1).data(Qt.ItemDataRole.ForegroundRole).name()
               for r in range(model.rowCount())}
    assert colours["join"] != colours["leave"]
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None  # only the action


def test_reload_on_group_change_keeps_the_selection(screens, service, driver, qtbot, workspace):  # type: ignore[no-untyped-def]
    c = _controller(service, driver, qtbot, screens)
    group_id = workspace.reader().execute("SELECT id FROM groups ORDER BY id LIMIT 1").fetchone()[0]
    c.page.select_group(group_id)
    driver.idle()
    rows = c.page.roster_model.rowCount()
    c.workspace_changed(Changes(groups_changed=True))
    driver.idle()
    assert c.current_group_id == group_id
    assert c.page.current_group().id == group_id
    assert c.page.roster_model.rowCount() == rows
    c.workspace_changed(Changes(segments_changed=True))  # not ours: nothing to do
    assert not driver.tasks.busy
