"""The WeCom screen against the emulator: save and test, sync with progress, the outbox list
with retry and discard, the status-bar indicator."""

from __future__ import annotations

import dataclasses
import gc

import pytest
import shiboken6
from PySide6.QtCore import Qt

from siyu_desktop.services.connection import ConnectionService
from siyu_desktop.services.outbox import OutboxService, enqueue_tag_changes
from siyu_desktop.services.sync import SyncService
from siyu_desktop.store import tags as tag_store
from siyu_desktop.ui.controllers.connection_controller import ConnectionController
from siyu_desktop.wecom.emulator import running_emulator


@pytest.fixture
def emu():  # type: ignore[no-untyped-def]
    with running_emulator(seed=6, members=40, groups=3, staff=3, latency_ms=0) as running:
        yield running


@pytest.fixture
def controller(connection_controller):  # type: ignore[no-untyped-def]
    return connection_controller


def test_connect_test_sync_and_outbox(controller, driver, emu, empty_workspace, qtmodeltester):  # type: ignore[no-untyped-def]
    page = controller.page
    texts: list[str] = []
    controller.indicator.changed.connect(texts.append)
    page.corp_id.setText(emu.corp.corp_id)
    page.secret.setText(emu.corp.secret)
    page.base_url.setText(emu.base_url)
    page.test_button.click()
    driver.idle()
    assert "连接成功" in page.test_result.text()
    assert texts and texts[-1].startswith("企业微信：在线")

    emu.corp.set_faults(ip_blocked=True)
    page.test_button.click()
    driver.idle()
    assert "可信 IP" in page.test_result.text() and "未使用代理" in page.test_result.text()
    emu.corp.reset_faults()

    page.full_button.click()
    driver.idle()
    assert "同步完成" in page.progress_label.text()
    assert page.progress.value() == 5 and page.sync_button.isEnabled()
    c = empty_workspace.reader()
    assert c.execute("SELECT count(*) FROM members").fetchone()[0] == len(emu.corp.members)

    # two tag changes: one WeCom will refuse (the relationship is gone), one it accepts
    corp = emu.corp
    members = [m for m in corp.members.values() if len(m.follows) == 1][:2]
    tag = next(iter(corp.all_tags()))
    tid = c.execute("SELECT id FROM tags WHERE wecom_tag_id = ?", (tag,)).fetchone()[0]
    ids = [c.execute("SELECT id FROM members WHERE external_userid = ?", (m.external_userid,))
           .fetchone()[0] for m in members if tag not in m.follows[0].tag_ids]

    def tag_them(ctx):  # type: ignore[no-untyped-def]
        tag_store.add_tag(ctx, tid, ids)
        enqueue_tag_changes(ctx)
    empty_workspace.write(tag_them)
    controller.workspace_changed(type("C", (), {"tag_added": {tid: ids}, "tag_removed": {},
                                                "follows_changed": False})())
    driver.idle()
    assert page.outbox_model.rowCount() == len(ids) >= 1
    qtmodeltester.check(page.outbox_model)
    with corp.lock:
        gone = members[0].follows.pop()
    page.push_button.click()
    driver.idle()
    failed = [page.outbox_model.record(r) for r in range(page.outbox_model.rowCount())]
    assert [i.status for i in failed] == ["failed"] and "好友关系" in failed[0].last_error
    page.outbox_table.selectRow(0)
    with corp.lock:
        members[0].follows.append(gone)
    page.retry_button.click()
    driver.idle()
    assert page.outbox_model.record(0).status == "pending"
    page.outbox_table.selectRow(0)
    page.discard_button.click()
    driver.idle()
    assert page.outbox_model.rowCount() == 0
    assert "失败 0" in page.outbox_summary.text()


def test_a_failed_sync_explains_itself_and_a_later_success_replaces_it(  # type: ignore[no-untyped-def]
        controller, driver, emu):
    from PySide6.QtWidgets import QStatusBar

    from siyu_desktop.ui.feedback import Feedback

    bar = QStatusBar()
    controller.feedback = Feedback(None, bar)
    states: list[str] = []
    controller.indicator.changed.connect(states.append)
    page = controller.page
    driver.save_connection(page, emu)
    emu.corp.set_faults(ip_blocked=True)
    page.full_button.click()
    driver.idle()
    assert "可信 IP" in page.progress_label.text() and "中转" in page.progress_label.text()
    assert "可信 IP" in bar.currentMessage()
    assert states and states[-1].startswith("企业微信：离线")
    emu.corp.reset_faults()
    page.full_button.click()
    driver.idle()
    assert "同步完成" in page.progress_label.text()
    assert "同步完成" in bar.currentMessage() and "可信 IP" not in bar.currentMessage()


def test_a_sync_shows_the_push_as_its_own_phase(controller, driver, emu, empty_workspace):  # type: ignore[no-untyped-def]
    page = controller.page
    driver.save_connection(page, emu)
    page.full_button.click()
    driver.idle()
    c = empty_workspace.reader()
    tag = next(iter(emu.corp.all_tags()))
    tid = c.execute("SELECT id FROM tags WHERE wecom_tag_id = ?", (tag,)).fetchone()[0]
    have = {m for (m,) in c.execute("SELECT member_id FROM member_tags WHERE tag_id = ?", (tid,))}
    ids = [m for (m,) in c.execute("SELECT id FROM members ORDER BY id") if m not in have]

    def tag_them(ctx):  # type: ignore[no-untyped-def]
        tag_store.add_tag(ctx, tid, ids)
        return enqueue_tag_changes(ctx)
    queued = empty_workspace.write(tag_them)
    assert queued >= 20
    seen: list[tuple[int, int, str]] = []
    original = page.set_push_progress

    def spy(done: int, total: int, text: str) -> None:
        seen.append((done, total, text))
        original(done, total, text)
    page.set_push_progress = spy  # type: ignore[method-assign]
    emu.corp.set_faults(extra_latency_ms=60)  # about 1.5 s of pushing: enough for a rate
    page.sync_button.click()
    driver.idle()
    emu.corp.reset_faults()
    assert seen[0][:2] == (0, queued) and f"0/{queued} 项" in seen[0][2]
    assert seen[-1][:2] == (queued, queued)
    assert any("每秒" in text and "还需约" in text for _d, _t, text in seen), seen
    final = page.progress_label.text()
    assert "同步完成（用时" in final and f"发送到企业微信 {queued} 项" in final, final
    assert page.progress.maximum() == 5 and page.progress.value() == 5


def test_outbox_rows_name_the_customer_tag_and_staff(controller, driver, emu, empty_workspace):  # type: ignore[no-untyped-def]
    from siyu_desktop.store import outbox as outbox_store

    page = controller.page
    driver.save_connection(page, emu)
    page.full_button.click()
    driver.idle()
    c = empty_workspace.reader()
    tag = next(iter(emu.corp.all_tags()))
    tid, tag_name, group_name = c.execute(
        "SELECT t.id, t.name, g.name FROM tags t JOIN tag_groups g ON g.id = t.group_id "
        "WHERE t.wecom_tag_id = ?", (tag,)).fetchone()
    mid, member_name = c.execute(
        "SELECT m.id, m.name FROM members m JOIN follows f ON f.member_id = m.id WHERE m.name != '' "
        "AND m.external_userid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follow_tags ft WHERE "
        "ft.member_id = m.id AND ft.tag_id = ?) ORDER BY m.id LIMIT 1", (tid,)).fetchone()

    def tag_them(ctx):  # type: ignore[no-untyped-def]
        tag_store.add_tag(ctx, tid, [mid])
        return enqueue_tag_changes(ctx)
    assert empty_workspace.write(tag_them) >= 1
    controller.workspace_changed(type("C", (), {"tag_added": {tid: [mid]}, "tag_removed": {},
                                                "follows_changed": False})())
    driver.idle()
    model = page.outbox_model
    assert model.rowCount() >= 1
    column = next(col for col in range(model.columnCount())
                  if model.headerData(col, Qt.Orientation.Horizontal) == "内容")
    item = model.record(0)
    text = model.data(model.index(0, column))
    staff_name = c.execute("SELECT name FROM staff WHERE id = ?", (item.staff_id,)).fetchone()[0]
    assert member_name in text and f"{group_name}/{tag_name}" in text, text
    assert staff_name in text, text
    assert model.data(model.index(0, 1)) == "打标签"

    # a member, staff member or tag deleted meanwhile: the row says so instead of crashing
    gone = dataclasses.replace(item, id=item.id + 10_000, member_id=999_999, staff_id=999_999,
                               tag_id=999_999)
    expected = {"mark_tag": "客户 已删除 · 标签 已删除 · 员工 已删除",
                "remark": "客户 已删除 · 员工 已删除",
                "add_corp_tag": "标签 已删除", "edit_corp_tag": "标签 已删除",
                "del_corp_tag": "1 个标签"}
    for kind, words in expected.items():
        odd = dataclasses.replace(gone, kind=kind, payload={"tag_ids": ["x"], "group_ids": []}
                                  if kind == "del_corp_tag" else item.payload)
        page.set_outbox([odd], "", outbox_store.describe_items(c, [odd]))
        assert model.data(model.index(0, column)) == words, kind


def _reopened(driver, ws):  # type: ignore[no-untyped-def]
    """A new screen over the same workspace: what the window shows after a restart."""
    c = ConnectionController(ConnectionService(ws), SyncService(ws), OutboxService(ws),
                             driver.tasks, driver.feedback, None)
    states: list[str] = []
    c.indicator.changed.connect(states.append)
    c.start()
    driver.idle()
    return c, states


def _drop(c):  # type: ignore[no-untyped-def]
    shiboken6.delete(c.page)
    shiboken6.delete(c)
    gc.collect()


def test_after_a_restart_the_screen_and_the_status_bar_tell_the_same_story(  # type: ignore[no-untyped-def]
        controller, driver, emu, empty_workspace):
    from siyu_desktop.store import wecom_sync_groups as gs

    page = controller.page
    driver.save_connection(page, emu)
    page.full_button.click()
    driver.idle()
    assert "同步完成" in page.progress_label.text()

    again, states = _reopened(driver, empty_workspace)
    try:
        text = again.page.progress_label.text()
        assert "尚未同步" not in text
        assert text.startswith("上次同步：") and "全量" in text and "新客户 40" in text, text
        assert again.page.progress.value() == again.page.progress.maximum()
        assert states[-1].startswith("企业微信：已配置") and "同步" in states[-1]
        assert "待发送" not in states[-1]
        assert "待发送 0 项" in again.page.outbox_summary.text()
    finally:
        _drop(again)

    # the app killed during a sync: the run is left "running"; the next start says so
    run = empty_workspace.write(gs.start_run, "incremental", 2_000_000_000, audited=False)
    assert run
    again, states = _reopened(driver, empty_workspace)
    try:
        text = again.page.progress_label.text()
        assert "没有做完" in text and "增量" in text, text
        assert states[-1].startswith("企业微信：已配置")
    finally:
        _drop(again)


def test_a_refused_ip_stops_a_push_once_and_the_next_good_test_sends_it(  # type: ignore[no-untyped-def]
        controller, driver, emu, empty_workspace):
    from PySide6.QtWidgets import QStatusBar

    from siyu_desktop.store import outbox as outbox_store
    from siyu_desktop.ui.feedback import Feedback

    bar = QStatusBar()
    controller.feedback = Feedback(None, bar)
    page = controller.page
    driver.save_connection(page, emu)
    page.full_button.click()
    driver.idle()
    c = empty_workspace.reader()
    tag = next(iter(emu.corp.all_tags()))
    tid = c.execute("SELECT id FROM tags WHERE wecom_tag_id = ?", (tag,)).fetchone()[0]
    have = {m for (m,) in c.execute("SELECT member_id FROM member_tags WHERE tag_id = ?", (tid,))}
    ids = [m for (m,) in c.execute("SELECT id FROM members ORDER BY id") if m not in have][:5]

    def tag_them(ctx):  # type: ignore[no-untyped-def]
        tag_store.add_tag(ctx, tid, ids)
        return enqueue_tag_changes(ctx)
    empty_workspace.write(tag_them)
    waiting = outbox_store.counts(c)["pending"]
    assert waiting >= 5
    emu.corp.set_faults(ip_blocked=True)
    before = sum(emu.corp.stats.calls.values())
    controller.push()
    driver.idle()
    emu.corp.reset_faults()
    assert sum(emu.corp.stats.calls.values()) - before == 1  # stopped at the first refusal
    assert "可信 IP" in bar.currentMessage()
    counts = outbox_store.counts(c)
    assert counts["pending"] == waiting and counts["failed"] == 0
    page.test_button.click()  # the next successful connection sends what waited
    driver.idle()
    assert "连接成功" in page.test_result.text()
    assert outbox_store.counts(c)["pending"] == 0
    assert outbox_store.counts(c)["failed"] == 0


def test_a_failed_phase_is_named_and_the_others_are_said_to_be_saved(  # type: ignore[no-untyped-def]
        controller, driver, emu, empty_workspace):
    from datetime import timedelta

    from siyu_desktop.wecom import groups as wecom_groups

    page = controller.page
    driver.save_connection(page, emu)
    # Ahead of WeCom's calendar: the statistics days asked for reach today (600018).
    ahead = wecom_groups.beijing_today() + timedelta(days=3)
    controller.sync._today = lambda: ahead
    page.full_button.click()
    driver.idle()
    text = page.progress_label.text()
    assert text.startswith("客户、客户群已同步；群统计失败：统计日期不正确"), text
    assert text.endswith("（下次同步会补上）")
    c = empty_workspace.reader()
    assert c.execute("SELECT count(*) FROM members").fetchone()[0] == len(emu.corp.members)
    controller.sync._today = wecom_groups.beijing_today
    page.full_button.click()
    driver.idle()
    assert "同步完成" in page.progress_label.text()


def test_a_sync_on_bad_wifi_says_so_throughout_and_ends_complete(  # type: ignore[no-untyped-def]
        controller, driver, emu, empty_workspace):
    """Answers dropped, cut short or replaced by HTML pages: the progress keeps saying the
    network is unstable and how often it retried, and the finish says the data is complete."""
    page = controller.page
    driver.save_connection(page, emu)
    emu.corp.set_faults(drop_after_apply_rate=0.1, html_error_rate=0.1, truncate_rate=0.1,
                        fault_seed=5)
    seen: list[str] = []
    original = page.set_progress

    def spy(phase: int, text: str) -> None:
        seen.append(text)
        original(phase, text)
    page.set_progress = spy  # type: ignore[method-assign]
    page.full_button.click()
    driver.idle()
    emu.corp.reset_faults()
    assert sum(emu.corp.stats.injected.values()) > 0
    final = page.progress_label.text()
    assert "同步完成" in final and "自动重试了" in final and "数据完整" in final, final
    assert any("网络不稳定，已自动重试" in t for t in seen), seen


def test_the_screen_says_how_fresh_each_part_is_and_when_the_next_full_sync_runs(  # type: ignore[no-untyped-def]
        controller, driver, emu, empty_workspace):
    page = controller.page
    assert page.freshness_label.isHidden()  # nothing read from WeCom yet: nothing to say
    driver.save_connection(page, emu)
    page.full_button.click()
    driver.idle()
    text = page.freshness_label.text()
    assert not page.freshness_label.isHidden()
    assert f"客户 {len(emu.corp.members)} 位，最久未读的一位读于：刚刚" in text
    assert f"客户群 {len(emu.corp.groups)} 个" in text and "下次完整核对" in text
    # an advisor edits a remark in the WeCom client; the next incremental sync re-reads it
    with emu.corp.lock:
        member = next(iter(emu.corp.members.values()))
        member.follows[0].remark = "企业微信里改的备注"
    page.sync_button.click()
    driver.idle()
    assert "重读了 40 位客户的资料，1 位有变化" in page.progress_label.text()
    remarks = {r[0] for r in empty_workspace.reader().execute("SELECT remark FROM follows")}
    assert "企业微信里改的备注" in remarks
