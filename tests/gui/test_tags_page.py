"""The tags screen against a real demo workspace: every write is checked in SQL and in the index,
and every confirmation says the number of members the store really touches."""

from __future__ import annotations

import gc
import re

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from siyu_desktop.errors import UserError
from siyu_desktop.store.index import Changes
from siyu_desktop.ui.controllers.tags_controller import TagsController
from siyu_desktop.ui.pages.tags_page import ConfirmDialog, TagGroupDialog


@pytest.fixture
def messages(driver, monkeypatch):  # type: ignore[no-untyped-def]
    """What the operator was told: user errors and status lines."""
    said: list[str] = []
    monkeypatch.setattr(driver.feedback, "user_error", lambda exc, **_: said.append(exc.message))
    monkeypatch.setattr(driver.feedback, "error", lambda exc: said.append(
        exc.message if isinstance(exc, UserError) else f"BUG: {exc!r}"))
    monkeypatch.setattr(driver.feedback, "info", lambda text, *_: said.append(text))
    return said


@pytest.fixture
def tags_screen(service, driver, qtbot, messages):  # type: ignore[no-untyped-def]
    controller = TagsController(service, driver.tasks, driver.feedback, None)
    controller.start()
    driver.idle()
    yield controller
    # Deleted here, on the test's thread: left to the garbage collector, a widget can die on a
    # worker thread ("Timers cannot be stopped from another thread").
    driver.idle()
    controller.page.close()
    shiboken6.delete(controller.page)
    shiboken6.delete(controller)
    gc.collect()


def members_of(conn, tag_id: int) -> set[int]:  # type: ignore[no-untyped-def]
    return {r[0] for r in conn.execute("SELECT member_id FROM member_tags WHERE tag_id = ?", (tag_id,))}


def writable_tags(conn, n: int) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    """The busiest tags the app may change (not from the admin console)."""
    return conn.execute(
        "SELECT t.id, t.name FROM tags t LEFT JOIN member_tags mt ON mt.tag_id = t.id "
        "WHERE t.source != 'admin' GROUP BY t.id HAVING count(mt.member_id) > 0 "
        "ORDER BY count(mt.member_id) DESC LIMIT ?", (n,)).fetchall()


def accept(dialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog is not None and dialog.isVisible()
    dialog.accept()


def test_library_loads_with_counts_and_sources(tags_screen, workspace, qtmodeltester):  # type: ignore[no-untyped-def]
    conn = workspace.reader()
    page = tags_screen.page
    assert page.group_model.rowCount() == conn.execute("SELECT count(*) FROM tag_groups").fetchone()[0]
    assert page.tag_model.rowCount() == conn.execute("SELECT count(*) FROM tags").fetchone()[0]
    for row in page.tag_model.records():
        assert row.tag.member_count == len(members_of(conn, row.tag.id))
        assert row.admin == (conn.execute("SELECT source FROM tags WHERE id = ?",
                                          (row.tag.id,)).fetchone()[0] == "admin")
    qtmodeltester.check(page.group_model)
    qtmodeltester.check(page.tag_model)
    qtmodeltester.check(page.tag_proxy)
    # the dimension list narrows the groups to that dimension
    page.dimensions.setCurrentRow(2)  # 行为
    assert page.group_proxy.rowCount() == conn.execute(
        "SELECT count(*) FROM tag_groups WHERE dimension = 'behaviour'").fetchone()[0]


def test_create_group_and_tag_through_the_dialogs(tags_screen, driver, workspace, messages):  # type: ignore[no-untyped-def]
    page = tags_screen.page
    page.new_group_button.click()
    dialog = tags_screen.dialog
    assert isinstance(dialog, TagGroupDialog)
    dialog.name.setText("宠物年龄")
    dialog.dimension.setCurrentIndex(dialog.dimension.findData("interest"))
    accept(dialog)
    driver.idle()
    conn = workspace.reader()
    group_id, dimension = conn.execute(
        "SELECT id, dimension FROM tag_groups WHERE name = '宠物年龄'").fetchone()
    assert dimension == "interest"
    assert page.select_group(group_id)
    page.new_tag_button.click()
    dialog = tags_screen.dialog
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue("幼犬")
    accept(dialog)
    driver.idle()
    tag_id, wecom_id = conn.execute("SELECT id, wecom_tag_id FROM tags WHERE group_id = ? AND name = '幼犬'",
                                    (group_id,)).fetchone()
    assert wecom_id is None
    row = next(r for r in page.tag_model.records() if r.tag.id == tag_id)
    assert page.tag_model.index(page.tag_model.records().index(row), 3).data() == "本地"
    assert page.tag_proxy.rowCount() == 1  # only the selected group's tags
    assert not [m for m in messages if m.startswith("BUG")]


def test_rename_tag_and_group(tags_screen, driver, workspace, messages):  # type: ignore[no-untyped-def]
    conn = workspace.reader()
    (tag_id, _name), = writable_tags(conn, 1)
    driver.run(tags_screen.rename_tag(tag_id, "猫咪", confirmed=True))
    driver.idle()
    assert conn.execute("SELECT name FROM tags WHERE id = ?", (tag_id,)).fetchone()[0] == "猫咪"
    assert any(r.tag.name == "猫咪" for r in tags_screen.page.tag_model.records())
    group_id = conn.execute("SELECT group_id FROM tags WHERE id = ?", (tag_id,)).fetchone()[0]
    driver.run(tags_screen.rename_group(group_id, "宠物信息"))
    driver.idle()
    assert conn.execute("SELECT name FROM tag_groups WHERE id = ?", (group_id,)).fetchone()[0] == "宠物信息"
    # a name that exists is refused with the store's words; nothing changes
    other = conn.execute("SELECT name FROM tags WHERE group_id = ? AND id != ? AND source != 'admin'",
                         (group_id, tag_id)).fetchone()[0]
    tags_screen.rename_tag(tag_id, other, confirmed=True)
    driver.idle()
    assert any("已经有" in m for m in messages)
    assert conn.execute("SELECT name FROM tags WHERE id = ?", (tag_id,)).fetchone()[0] == "猫咪"


def test_merge_two_tags(tags_screen, driver, workspace, service, qtbot):  # type: ignore[no-untyped-def]
    conn = workspace.reader()
    (target, _t), (source, _s) = writable_tags(conn, 2)
    before_target, before_source = members_of(conn, target), members_of(conn, source)
    tags_screen.merge_tags([source], target)
    dialog = tags_screen.dialog
    assert isinstance(dialog, ConfirmDialog)
    newly = len(before_source - before_target)
    assert f"其中 {newly:,} 位是新打上的" in dialog.text()
    assert f"{len(before_source):,} 位客户" in dialog.text()
    accept(dialog)
    driver.idle()
    union = before_target | before_source
    assert members_of(conn, target) == union
    assert conn.execute("SELECT count(*) FROM tags WHERE id = ?", (source,)).fetchone()[0] == 0
    assert set(workspace.index.tag(target)) == union
    row = next(r for r in tags_screen.page.tag_model.records() if r.tag.id == target)
    assert row.tag.member_count == len(union)
    assert all(r.tag.id != source for r in tags_screen.page.tag_model.records())
    # undo puts both tags back as they were
    driver.run(tags_screen.undo())
    driver.idle()
    assert members_of(conn, target) == before_target
    assert members_of(conn, source) == before_source
    assert set(workspace.index.tag(source)) == before_source
    assert set(workspace.index.tag(target)) == before_target


def test_delete_says_the_real_impact_and_undo_restores_every_link(tags_screen, driver, workspace, service, messages):  # type: ignore[no-untyped-def]
    conn = workspace.reader()
    (tag_id, name), = writable_tags(conn, 1)
    before = members_of(conn, tag_id)
    page = tags_screen.page
    page.select_tags({tag_id})
    assert page.delete_tags_button.isEnabled()
    page.delete_tags_button.click()
    dialog = tags_screen.dialog
    assert isinstance(dialog, ConfirmDialog)
    assert dialog.text() == f"删除标签“{name}”会从 {len(before):,} 位客户身上移除它。此操作可以撤销。" \
        "确认后会同步到企业微信。"
    dialog.reject()  # cancel: nothing happens
    driver.idle()
    assert members_of(conn, tag_id) == before
    tags_screen.delete_tags([tag_id])
    accept(tags_screen.dialog)
    driver.idle()
    assert conn.execute("SELECT count(*) FROM tags WHERE id = ?", (tag_id,)).fetchone()[0] == 0
    assert not members_of(conn, tag_id)
    assert page.undo_button.isEnabled()
    page.undo_button.click()
    driver.idle()
    assert members_of(conn, tag_id) == before
    assert set(workspace.index.tag(tag_id)) == before
    assert any(r.tag.id == tag_id and r.tag.member_count == len(before)
               for r in page.tag_model.records())
    assert not page.undo_button.isEnabled()
    assert not [m for m in messages if m.startswith("BUG")]


def test_delete_several_tags_counts_their_union_and_undoes_all(tags_screen, driver, workspace):  # type: ignore[no-untyped-def]
    conn = workspace.reader()
    picked = writable_tags(conn, 3)
    before = {t: members_of(conn, t) for t, _ in picked}
    union = set().union(*before.values())
    tags_screen.delete_tags([t for t, _ in picked])
    text = tags_screen.dialog.text()
    assert f"会影响 {len(union):,} 位客户" in text
    accept(tags_screen.dialog)
    driver.idle()
    assert all(not members_of(conn, t) for t in before)
    driver.run(tags_screen.undo())
    driver.idle()
    assert {t: members_of(conn, t) for t in before} == before


def test_delete_group_confirms_impact(tags_screen, driver, workspace):  # type: ignore[no-untyped-def]
    conn = workspace.reader()
    group_id, tag_count = conn.execute(
        "SELECT g.id, count(t.id) FROM tag_groups g JOIN tags t ON t.group_id = g.id GROUP BY g.id "
        "HAVING sum(t.source = 'admin') = 0 ORDER BY g.id LIMIT 1").fetchone()
    union = {r[0] for r in conn.execute(
        "SELECT DISTINCT mt.member_id FROM member_tags mt JOIN tags t ON t.id = mt.tag_id "
        "WHERE t.group_id = ?", (group_id,))}
    tags_screen.delete_group(group_id)
    assert f"其中 {tag_count} 个标签，会从 {len(union):,} 位客户" in tags_screen.dialog.text()
    accept(tags_screen.dialog)
    driver.idle()
    assert conn.execute("SELECT count(*) FROM tag_groups WHERE id = ?", (group_id,)).fetchone()[0] == 0
    driver.run(tags_screen.undo())
    driver.idle()
    assert conn.execute("SELECT count(*) FROM tags WHERE group_id = ?", (group_id,)).fetchone()[0] == tag_count


def test_admin_console_tag_cannot_be_changed(tags_screen, driver, workspace, messages):  # type: ignore[no-untyped-def]
    conn = workspace.reader()
    tag_id, name = conn.execute("SELECT id, name FROM tags WHERE source = 'admin' ORDER BY id LIMIT 1").fetchone()
    before = members_of(conn, tag_id)
    page = tags_screen.page
    page.select_tags({tag_id})
    assert not page.delete_tags_button.isEnabled()
    assert not page.rename_tag_button.isEnabled()
    assert "管理后台" in page.delete_tags_button.toolTip()
    assert tags_screen.delete_tags([tag_id], confirmed=True) is None
    assert tags_screen.dialog is None  # refused before asking
    driver.idle()
    assert any(name in m and "管理后台" in m for m in messages)
    assert members_of(conn, tag_id) == before
    assert conn.execute("SELECT name FROM tags WHERE id = ?", (tag_id,)).fetchone()[0] == name
    assert tags_screen.rename_tag(tag_id, "新名字") is None
    # and if the screen's view is stale, the store itself refuses with its own message
    tags_screen._admin.clear()
    messages.clear()
    assert tags_screen.delete_tags([tag_id], confirmed=True) is not None
    driver.idle()
    assert messages and "管理后台" in messages[0] and not messages[0].startswith("BUG")
    assert members_of(conn, tag_id) == before
    assert tags_screen._admin  # reloaded from the store after the refusal


def test_reloads_on_changes_made_elsewhere(tags_screen, driver, service):  # type: ignore[no-untyped-def]
    gid, _batch = driver.run(service.create_tag_group("外部新建", "channel"))
    tags_screen.workspace_changed(Changes(library_changed=True))
    driver.idle()
    assert any(r.group.id == gid for r in tags_screen.page.group_model.records())
    tags_screen.workspace_changed(Changes(groups_changed=True))
    assert not driver.tasks.busy


def test_ctrl_z_undoes_the_last_operation(tags_screen, driver, workspace, qtbot):  # type: ignore[no-untyped-def]
    gid = workspace.reader().execute("SELECT id FROM tag_groups LIMIT 1").fetchone()[0]
    driver.run(tags_screen.create_tag(gid, "临时标签"))
    driver.idle()
    assert re.search("新建标签“临时标签”", tags_screen.page.undo_button.toolTip())
    page = tags_screen.page
    with qtbot.waitActive(page):  # shortcuts only reach the active window
        page.show()
        page.activateWindow()
    with qtbot.waitSignal(page.undo_requested, timeout=2000):
        qtbot.keyClick(page.tags_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    driver.idle()
    assert not page.undo_button.isEnabled()
    assert workspace.reader().execute("SELECT count(*) FROM tags WHERE name = '临时标签'").fetchone()[0] == 0


SYNC_NOTE = "确认后会同步到企业微信。"


def edit_items(conn) -> int:  # type: ignore[no-untyped-def]
    return conn.execute("SELECT count(*) FROM outbox WHERE kind = 'edit_corp_tag' AND status = "
                        "'pending'").fetchone()[0]


def test_renaming_a_wecom_tag_is_confirmed_first(tags_screen, driver, workspace, messages):  # type: ignore[no-untyped-def]
    """The new name reaches every staff member's WeCom, so it is asked like a merge or a delete."""
    conn = workspace.reader()
    (tag_id, name), = writable_tags(conn, 1)
    page = tags_screen.page

    def ask_rename(new: str) -> ConfirmDialog:
        page.select_tags({tag_id})
        page.rename_tag_button.click()
        ask = tags_screen.dialog
        assert isinstance(ask, QInputDialog)
        ask.setTextValue(new)
        accept(ask)
        confirm = tags_screen.dialog
        assert isinstance(confirm, ConfirmDialog)
        return confirm

    confirm = ask_rename("猫咪")
    current = tags_screen._name(tag_id)
    assert confirm.text() == f"把标签“{current}”改名为“猫咪”。此操作可以撤销。{SYNC_NOTE}"
    assert confirm.action_button.text() == "改名"
    confirm.reject()  # cancel: nothing changes, nothing is queued for WeCom
    driver.idle()
    assert conn.execute("SELECT name FROM tags WHERE id = ?", (tag_id,)).fetchone()[0] == name
    assert edit_items(conn) == 0
    accept(ask_rename("猫咪"))
    driver.idle()
    assert conn.execute("SELECT name FROM tags WHERE id = ?", (tag_id,)).fetchone()[0] == "猫咪"
    assert edit_items(conn) == 1
    assert any(r.tag.name == "猫咪" for r in page.tag_model.records())
    assert not [m for m in messages if m.startswith("BUG")]


def test_only_changes_bound_for_wecom_say_they_sync(tags_screen, driver, workspace, service):  # type: ignore[no-untyped-def]
    """Every confirmation of a change the outbox will push says so; a local-only one must not."""
    conn = workspace.reader()
    (wecom_a, _a), (wecom_b, _b) = writable_tags(conn, 2)
    local_group, _batch = driver.run(service.create_tag_group("本地分组", "interest"))
    local_a, _batch = driver.run(service.create_tag(local_group, "本地甲"))
    local_b, _batch = driver.run(service.create_tag(local_group, "本地乙"))
    tags_screen.workspace_changed(Changes(library_changed=True))
    driver.idle()
    wecom_group = conn.execute("SELECT group_id FROM tags WHERE id = ?", (wecom_a,)).fetchone()[0]

    assert tags_screen.delete_text([wecom_a]).endswith(SYNC_NOTE)
    assert tags_screen.delete_text([wecom_a, local_a]).endswith(SYNC_NOTE)
    assert tags_screen.merge_text([wecom_a], wecom_b).endswith(SYNC_NOTE)
    assert tags_screen.merge_text([local_a], wecom_b).endswith(SYNC_NOTE)  # tags WeCom members
    assert tags_screen.delete_group_text(wecom_group).endswith(SYNC_NOTE)
    for text in (tags_screen.delete_text([local_a]), tags_screen.delete_text([local_a, local_b]),
                 tags_screen.merge_text([local_a], local_b),
                 tags_screen.delete_group_text(local_group)):
        assert "企业微信" not in text and text.endswith("此操作可以撤销。")

    # A local tag is renamed without asking: nothing leaves this computer.
    task = tags_screen.rename_tag(local_a, "本地丙")
    assert task is not None and tags_screen.dialog is None
    driver.run(task)
    driver.idle()
    assert conn.execute("SELECT name FROM tags WHERE id = ?", (local_a,)).fetchone()[0] == "本地丙"
    assert edit_items(conn) == 0
