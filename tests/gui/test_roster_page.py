"""The roster screen over a real demo workspace: model contract, filter, search, bulk tags, undo."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QPushButton

from siyu_desktop.domain.segments import Segment
from siyu_desktop.services.outbox import OutboxService
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace
from siyu_desktop.store.members import RosterRow
from siyu_desktop.ui.controllers.roster_controller import RosterController
from siyu_desktop.ui.models.roster_model import Column, RecordRole, RosterModel

from .conftest import Driver


@pytest.fixture
def roster(driver: Driver, workspace: Workspace, service: WorkspaceService, qtbot: object) -> RosterController:
    controller = RosterController(service, OutboxService(workspace), driver.tasks, driver.feedback)
    qtbot.addWidget(controller.page)  # type: ignore[attr-defined]
    controller.page.resize(1300, 800)
    controller.page.show()
    driver.run(controller.start())
    driver.idle()
    return controller


def sql(workspace: Workspace, query: str, *params: object) -> list[tuple[object, ...]]:
    return workspace.reader().execute(query, params).fetchall()


def test_model_contract(qtmodeltester: object, service: WorkspaceService) -> None:
    model = RosterModel(service.rows_now)
    model.set_ids(np.arange(1, 501, dtype=np.int64))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 500
    record = model.index(0, 0).data(RecordRole)
    assert isinstance(record, RosterRow) and record.id == 1


def test_model_loads_only_the_pages_it_shows(service: WorkspaceService) -> None:
    calls: list[int] = []

    def fetch(ids: list[int]) -> dict[int, RosterRow]:
        calls.append(len(ids))
        return service.rows_now(ids)

    model = RosterModel(fetch)
    model.set_ids(np.arange(1, 2001, dtype=np.int64))
    assert calls == []
    assert model.index(1999, Column.NAME).data()  # jump to the last row: one page
    assert calls == [RosterModel.PAGE]


def test_opens_with_every_member(roster: RosterController, workspace: Workspace, service: WorkspaceService) -> None:
    assert roster.model.rowCount() == 2000
    assert "2,000" in roster.page.count_label.text()
    facets = roster.page.facet_model.records()
    top_tag, _name, top_count = max(facets, key=lambda r: r[2])
    assert top_count == sql(workspace, "SELECT count(*) FROM member_tags WHERE tag_id = ?", top_tag)[0][0]


def test_filter_by_level_and_tag(roster: RosterController, workspace: Workspace, driver: Driver, service: WorkspaceService) -> None:
    bar = roster.page.segment_bar
    tag = sql(workspace, "SELECT tag_id FROM member_tags GROUP BY tag_id ORDER BY count(*) DESC")[0][0]
    bar.levels.set_values([2])
    bar._emit()
    bar.set_tags("all_tags", [tag])
    driver.idle()
    expected = {r[0] for r in sql(workspace, "SELECT m.id FROM members m JOIN member_tags t ON "
                                           "t.member_id = m.id WHERE m.level = 2 AND t.tag_id = ?", tag)}
    assert set(int(i) for i in roster.model.ids) == expected
    assert roster.model.rowCount() == len(expected) > 0
    for row in range(roster.model.rowCount()):
        assert roster.model.index(row, Column.LEVEL).data() == "金卡"
    # facets now count inside the filter: the filter's own tag covers everyone
    counts = {t: n for t, _name, n in roster.page.facet_model.records()}
    assert counts[tag] == len(expected)
    bar.clear()
    driver.idle()
    assert roster.model.rowCount() == 2000


def test_search_as_you_type(roster: RosterController, workspace: Workspace, driver: Driver, service: WorkspaceService) -> None:
    phone = sql(workspace, "SELECT phone FROM members WHERE phone IS NOT NULL LIMIT 1")[0][0]
    roster.page.search.setText(phone[:3])
    roster.page.search.setText(phone[-6:])  # the earlier search is cancelled, not shown late
    driver.run(__import__("asyncio").sleep(0.3))
    driver.idle()
    expected = {r[0] for r in sql(workspace, "SELECT id FROM members WHERE phone LIKE ?", f"%{phone[-6:]}%")}
    assert set(int(i) for i in roster.model.ids) == expected


def test_sort_by_points(roster: RosterController, workspace: Workspace, driver: Driver, service: WorkspaceService) -> None:
    roster.page.table.sortByColumn(Column.POINTS, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.SortOrder.DescendingOrder)
    driver.idle()
    top = sql(workspace, "SELECT max(points) FROM members")[0][0]
    assert roster.model.index(0, Column.POINTS).data() == f"{top:,}"


def test_bulk_tag_the_selection_then_undo(roster: RosterController, workspace: Workspace, driver: Driver,
                                          service: WorkspaceService) -> None:
    tag = sql(workspace, "SELECT id FROM tags WHERE source = 'app' ORDER BY id DESC LIMIT 1")[0][0]
    before = {r[0] for r in sql(workspace, "SELECT member_id FROM member_tags WHERE tag_id = ?", tag)}
    table = roster.page.table
    table.selectRow(0)
    for row in range(1, 50):
        table.selectionModel().select(roster.model.index(row, 0),
                                      table.selectionModel().SelectionFlag.Select
                                      | table.selectionModel().SelectionFlag.Rows)
    assert roster.page.selected_count() == 50
    chosen = set(roster.target_ids())
    assert len(chosen) == 50
    driver.run(roster.apply_tag(tag, add=True))
    driver.idle()
    after = {r[0] for r in sql(workspace, "SELECT member_id FROM member_tags WHERE tag_id = ?", tag)}
    assert after == before | chosen
    assert roster.page.undo_button.isEnabled()
    row_tags = roster.model.index(0, Column.TAGS).data()
    name = sql(workspace, "SELECT name FROM tags WHERE id = ?", tag)[0][0]
    assert name in row_tags  # the visible row repainted with its new tag

    task = roster.undo()  # cancelled from its progress dialog: rolled back whole, still undoable
    assert task is not None and roster.undo_dialog is not None
    roster.undo_dialog.findChild(QPushButton).click()  # the dialog's 取消
    driver.run(task)
    driver.idle()
    assert {r[0] for r in sql(workspace, "SELECT member_id FROM member_tags WHERE tag_id = ?", tag)} == after
    assert roster.page.undo_button.isEnabled() and roster.undo_dialog is None

    task = roster.undo()
    assert task is not None
    driver.run(task)
    driver.idle()
    assert {r[0] for r in sql(workspace, "SELECT member_id FROM member_tags WHERE tag_id = ?", tag)} == before
    assert not roster.page.undo_button.isEnabled()


def test_member_detail_shows_tags_groups_and_history(roster: RosterController, workspace: Workspace, driver: Driver,
                                                     service: WorkspaceService) -> None:
    member = sql(workspace, "SELECT member_id FROM roster WHERE member_id IS NOT NULL LIMIT 1")[0][0]
    tag = sql(workspace, "SELECT id FROM tags WHERE id NOT IN (SELECT tag_id FROM member_tags "
                       "WHERE member_id = ?) LIMIT 1", member)[0][0]
    driver.run(roster.apply_tag(tag, add=True, ids=[member]))
    driver.idle()
    roster._show_member(member)
    driver.idle()
    detail = roster.page.detail
    name = sql(workspace, "SELECT name FROM members WHERE id = ?", member)[0][0]
    assert name in detail.title.text()
    tag_count = sql(workspace, "SELECT count(*) FROM member_tags WHERE member_id = ?", member)[0][0]
    assert detail.tags.count() == tag_count
    group_count = sql(workspace, "SELECT count(*) FROM roster WHERE member_id = ?", member)[0][0]
    assert detail.groups.count() == group_count
    tag_name = sql(workspace, "SELECT name FROM tags WHERE id = ?", tag)[0][0]
    assert tag_name in detail.history.item(0).text()


def test_save_and_reload_a_segment(roster: RosterController, driver: Driver) -> None:
    bar = roster.page.segment_bar
    bar.levels.set_values([3])
    bar._emit()
    driver.idle()
    vip = roster.model.rowCount()
    driver.run(roster._save_segment("黑金客户"))
    bar.clear()
    driver.idle()
    assert roster.model.rowCount() == 2000
    index = roster.page.saved.findText("黑金客户")
    assert index > 0
    roster.page.saved.setCurrentIndex(index)
    roster.page._on_saved_chosen(index)
    driver.idle()
    assert roster.model.rowCount() == vip


def test_filter_by_one_group(roster: RosterController, workspace: Workspace, driver: Driver, service: WorkspaceService) -> None:
    group_id, name = sql(workspace, "SELECT id, name FROM groups ORDER BY member_count DESC LIMIT 1")[0]
    roster.filter_group(group_id, name)
    driver.idle()
    expected = {r[0] for r in sql(workspace, "SELECT member_id FROM roster WHERE group_id = ? "
                                           "AND member_id IS NOT NULL", group_id)}
    assert set(int(i) for i in roster.model.ids) == expected
    assert roster.page.segment_bar.groups_chip.isVisible()
    roster.page.segment_bar.groups_chip.click()
    driver.idle()
    assert roster.model.rowCount() == 2000


def test_export_takes_the_selection_else_the_filter(roster: RosterController, driver: Driver) -> None:
    from siyu_desktop.domain.segments import Segment

    roster.page.segment_bar.levels.set_values([1])
    roster.page.segment_bar._emit()
    driver.idle()
    target, _name = roster.export_target()
    assert target == Segment(levels=(1,))
    roster.page.table.selectRow(2)
    target, _name = roster.export_target()
    assert target == [roster.model.id_at(2)]


def test_edit_level_and_note_then_undo(roster: RosterController, workspace: Workspace, driver: Driver,
                                       service: WorkspaceService) -> None:
    member = sql(workspace, "SELECT id FROM members WHERE level = 0 LIMIT 1")[0][0]
    roster._show_member(member)
    driver.idle()
    detail = roster.page.detail
    gold_before = sql(workspace, "SELECT count(*) FROM members WHERE level = 2")[0][0]
    detail.level_edit.setCurrentIndex(detail.level_edit.findData(2))
    detail.note_edit.setPlainText("喜欢三文鱼冻干，双11前提醒")
    detail.save_button.click()
    driver.idle()
    assert sql(workspace, "SELECT level, note FROM members WHERE id = ?", member)[0] == (
        2, "喜欢三文鱼冻干，双11前提醒")
    assert service.evaluate_now(Segment(levels=(2,))).__len__() == gold_before + 1
    assert member in service.evaluate_now(Segment(), "三文鱼冻干")  # the note is searchable
    assert "level" in detail.history.item(0).text()
    task = roster.undo()
    assert task is not None
    driver.run(task)
    driver.idle()
    assert sql(workspace, "SELECT level, note FROM members WHERE id = ?", member)[0] == (0, "")


def test_edit_a_remark_from_the_member_panel(roster: RosterController, workspace: Workspace, driver: Driver,
                                            service: WorkspaceService, qtbot: object) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    from siyu_desktop.services.connection import ConnectionService, start_demo_emulator
    from siyu_desktop.store import outbox as outbox_store
    from siyu_desktop.ui.change_bus import ChangeBus
    from siyu_desktop.ui.widgets.member_detail import STAFF_ROLE

    ws = workspace
    bus = ChangeBus()  # as in the app: commits reach the screens through the bus
    ws.on_change(bus.post)
    bus.changed.connect(roster.workspace_changed)
    member, staff, name = sql(workspace, "SELECT f.member_id, f.staff_id, s.name FROM follows f "
                                       "JOIN members m ON m.id = f.member_id JOIN staff s ON "
                                       "s.id = f.staff_id WHERE m.external_userid IS NOT NULL "
                                       "ORDER BY f.member_id LIMIT 1")[0]
    roster._show_member(member)
    driver.idle()
    panel = roster.page.detail
    panel.tabs.setCurrentIndex(3)
    item = next(panel.follows.item(i) for i in range(panel.follows.count())
                if panel.follows.item(i).data(STAFF_ROLE) == staff)
    panel.follows.setCurrentItem(item)
    assert panel.remark_edit.isEnabled() and str(name) in panel.remark_label.text()
    panel.remark_edit.selectAll()
    typed = QInputMethodEvent()  # Chinese arrives from the input method, not as key presses
    typed.setCommitString("老客户-王姐")
    QApplication.sendEvent(panel.remark_edit, typed)
    assert panel.remark_edit.text() == "老客户-王姐"
    qtbot.mouseClick(panel.remark_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    driver.idle()
    # stored here at once, audited, and queued for WeCom
    assert sql(workspace, "SELECT remark FROM follows WHERE member_id = ? AND staff_id = ?",
               member, staff)[0][0] == "老客户-王姐"
    assert sql(workspace, "SELECT action FROM audit_batches ORDER BY id DESC LIMIT 1")[0][0] == \
        "edit_remark"
    queued = [i for i in outbox_store.items(ws.reader(), ("pending",)) if i.kind == "remark"]
    assert [(i.member_id, i.staff_id, i.payload["remark"]) for i in queued] == \
        [(member, staff, "老客户-王姐")]
    driver.wait_for(lambda: "待同步" in panel.follows.currentItem().text())
    assert "老客户-王姐" in panel.follows.currentItem().text()
    history = [panel.history.item(i).text() for i in range(panel.history.count())]
    assert any("修改备注" in h and "老客户-王姐" in h for h in history)
    # the same remark again changes nothing and queues nothing
    qtbot.mouseClick(panel.remark_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    driver.idle()
    assert len(outbox_store.items(ws.reader(), ("pending",))) == len(queued)

    # Pushed to (the demo's) WeCom: the panel no longer says it is waiting.
    emulator = start_demo_emulator(ws, ConnectionService(ws), latency_ms=0)
    try:
        async def push() -> None:
            async with ConnectionService(ws).make_client() as client:
                report = await roster.outbox.push(client)
            assert report.sent == 1, report
        driver.run(push())
        ext = sql(workspace, "SELECT external_userid FROM members WHERE id = ?", member)[0][0]
        userid = sql(workspace, "SELECT userid FROM staff WHERE id = ?", staff)[0][0]
        follow = next(f for f in emulator.corp.members[ext].follows if f.userid == userid)
        assert follow.remark == "老客户-王姐"
    finally:
        emulator.stop()
    driver.wait_for(lambda: "待同步" not in panel.follows.currentItem().text())
    driver.idle()



def test_two_quick_tag_writes_both_land(roster: RosterController, workspace: Workspace, driver: Driver,
                                        service: WorkspaceService) -> None:
    """Writes share a task name but are never "latest wins": the first one is not dropped."""
    first, second = (r[0] for r in sql(
        workspace, "SELECT id FROM tags WHERE source = 'app' ORDER BY id DESC LIMIT 2"))
    member = sql(workspace, "SELECT id FROM members WHERE id NOT IN (SELECT member_id FROM "
                          "member_tags WHERE tag_id IN (?, ?)) ORDER BY id LIMIT 1",
                 first, second)[0][0]
    tasks = [roster.apply_tag(first, add=True, ids=[member]),
             roster.apply_tag(second, add=True, ids=[member])]  # back to back, one name
    driver.idle()
    assert not any(t.cancelled() for t in tasks)
    landed = {r[0] for r in sql(workspace, "SELECT tag_id FROM member_tags WHERE member_id = ?",
                                member)}
    assert {first, second} <= landed
    assert member in workspace.index.tag(first) and member in workspace.index.tag(second)


def test_bulk_tagging_bound_for_wecom_says_how_many_pushes_first(
        roster: RosterController, workspace: Workspace, driver: Driver, service: WorkspaceService) -> None:
    """The picker's choice asks first when the change will be pushed: the number of calls it
    queues is the number the outbox then holds; declining writes and queues nothing."""
    tag = sql(workspace, "SELECT id FROM tags WHERE wecom_tag_id IS NOT NULL AND source = 'app' "
                       "ORDER BY id DESC LIMIT 1")[0][0]
    table = roster.page.table
    table.selectRow(0)
    for row in range(1, 40):
        table.selectionModel().select(roster.model.index(row, 0),
                                      table.selectionModel().SelectionFlag.Select
                                      | table.selectionModel().SelectionFlag.Rows)
    chosen = roster.target_ids()
    before = {r[0] for r in sql(workspace, "SELECT member_id FROM member_tags WHERE tag_id = ?", tag)}
    changing = [m for m in chosen if m not in before]
    relationships = sql(workspace, "SELECT count(*) FROM follows WHERE member_id IN ({})".format(
        ",".join("?" * len(changing))), *changing)[0][0]
    asked: list[str] = []
    roster.confirm = lambda text: asked.append(text) or False  # type: ignore[method-assign]
    driver.run(roster.confirm_and_apply(tag, add=True))
    driver.idle()
    assert len(asked) == 1
    assert f"给 {len(changing)} 位客户" in asked[0] and f"发送 {relationships} 次修改" in asked[0]
    assert "同步到企业微信" in asked[0]
    assert sql(workspace, "SELECT count(*) FROM outbox")[0][0] == 0
    assert {r[0] for r in sql(workspace, "SELECT member_id FROM member_tags WHERE tag_id = ?",
                              tag)} == before

    roster.confirm = lambda text: asked.append(text) or True  # type: ignore[method-assign]
    driver.run(roster.confirm_and_apply(tag, add=True))
    driver.idle()
    assert sql(workspace, "SELECT count(*) FROM outbox WHERE kind = 'mark_tag' AND tag_id = ?",
               tag)[0][0] == relationships
    after = {r[0] for r in sql(workspace, "SELECT member_id FROM member_tags WHERE tag_id = ?", tag)}
    assert after == before | set(chosen)

    # a local-only tag has nothing to send: applied without asking
    from siyu_desktop.store import tags as tag_store

    local = workspace.write(lambda ctx: tag_store.create_tag(
        ctx, tag_store.ensure_group(ctx, "本地分组"), "本地标签"))
    asked.clear()
    driver.run(roster.confirm_and_apply(local, add=True))
    driver.idle()
    assert not asked
    assert len(sql(workspace, "SELECT member_id FROM member_tags WHERE tag_id = ?", local)) == 40


def test_the_bulk_confirmation_does_not_stop_work_running_meanwhile(
        roster: RosterController, workspace: Workspace, driver: Driver, service: WorkspaceService) -> None:
    """The real question box, answered after a while: a task running meanwhile (a sync, in the
    app) keeps making progress, and no step of it is refused by asyncio."""
    import asyncio

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    tag = sql(workspace, "SELECT id FROM tags WHERE wecom_tag_id IS NOT NULL AND source = 'app' "
                       "ORDER BY id DESC LIMIT 1")[0][0]
    roster.page.show()  # the box is window-modal over the roster, as in the app
    roster.page.table.selectRow(0)
    loop = asyncio.get_event_loop()
    failures: list[dict[str, object]] = []
    loop.set_exception_handler(lambda _l, ctx: failures.append(ctx))
    ticks: list[int] = []
    shown: list[str] = []

    async def background() -> None:
        while True:
            ticks.append(1)
            await asyncio.sleep(0.01)

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible())
        shown.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    async def scenario() -> int:
        ticker = asyncio.ensure_future(background())
        await asyncio.sleep(0.05)
        before = len(ticks)
        QTimer.singleShot(300, answer)
        await roster.confirm_and_apply(tag, add=True)
        during = len(ticks) - before
        ticker.cancel()
        return during
    try:
        during = driver.run(scenario())
        driver.idle()
    finally:
        loop.set_exception_handler(None)
        roster.page.hide()
    assert shown and "同步到企业微信" in shown[0]
    assert during >= 10 and not failures, (during, failures)
    assert sql(workspace, "SELECT count(*) FROM outbox WHERE tag_id = ?", tag)[0][0] >= 1
