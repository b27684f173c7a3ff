"""操作记录: the history screen against a real demo workspace — operations listed by kind, undo
of one that can still be undone, a clear reason for one that can't (a later edit of the same
member), and the same after the workspace is closed and opened again."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import shiboken6

from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace
from siyu_desktop.ui.controllers.history_controller import HistoryController


def _screen(service: WorkspaceService, driver: Any) -> HistoryController:
    controller = HistoryController(service, driver.tasks, driver.feedback, None)
    controller.confirm = lambda _text: True
    controller.start()
    driver.idle()
    return controller


def _close(controller: HistoryController, driver: Any) -> None:
    driver.idle()
    controller.page.close()
    shiboken6.delete(controller.page)
    shiboken6.delete(controller)
    gc.collect()


def _shown(controller: HistoryController) -> list[int]:
    return [b.id for b in controller.page.model.records()]


def _sync_like(ctx: Any) -> None:
    from siyu_desktop.store.audit import rows_as_dicts

    before = rows_as_dicts(ctx.conn, "SELECT * FROM members WHERE id = 3")[0]
    ctx.conn.execute("UPDATE members SET name = ? WHERE id = 3", (before["name"] + "·",))
    ctx.log("members", before, {**before, "name": before["name"] + "·"})


def test_history_lists_by_kind_undoes_and_explains_after_a_restart(
        demo_path: Path, driver: Any, qtbot: Any, monkeypatch: Any) -> None:
    said: list[str] = []
    monkeypatch.setattr(driver.feedback, "info", lambda text, *_: said.append(text))
    ws = Workspace.open(demo_path, actor="operator")
    service = WorkspaceService(ws)
    c = ws.reader()
    level0, note0 = c.execute("SELECT level, note FROM members WHERE id = 1").fetchone()
    _changed, first = driver.run(service.edit_member(1, {"note": "第一次"}))
    _changed, second = driver.run(service.edit_member(1, {"note": "第二次", "level": 2}))
    tag = c.execute("SELECT id FROM tags WHERE source = 'app' ORDER BY id LIMIT 1").fetchone()[0]
    _n, tagged = driver.run(service.add_tag(tag, [5, 6, 7]))
    ws.write(_sync_like, action="sync_members", actor="sync")
    system = c.execute("SELECT max(id) FROM audit_batches").fetchone()[0]

    screen = _screen(service, driver)
    try:
        page = screen.page
        assert page.current_kind() == "mine"
        assert _shown(screen)[:3] == [tagged, second, first] and system not in _shown(screen)
        page.kind.setCurrentIndex(page.kind.findData("system"))
        driver.idle()
        assert _shown(screen) == [system]
        page.kind.setCurrentIndex(page.kind.findData("all"))
        driver.idle()
        assert system in _shown(screen) and first in _shown(screen)

        # the older edit can't be undone: the newer one changed the same member
        assert page.select(first)
        driver.idle()
        assert not page.undo_button.isEnabled()
        assert "不能撤销" in page.detail.text() and "1 位客户" in page.detail.text()
        screen.undo(first)  # asked anyway: refused with the reason, nothing changes
        driver.run(driver.tasks.wait_idle())
        assert len(driver.errors) == 1 and "1 位客户" in driver.errors[0].message
        driver.errors.clear()
        assert c.execute("SELECT level, note FROM members WHERE id = 1").fetchone() == (2, "第二次")
    finally:
        _close(screen, driver)
    ws.close()

    # after a restart: the same list, and the newest edit then the older one undo in turn
    ws = Workspace.open(demo_path, actor="operator")
    try:
        service = WorkspaceService(ws)
        c = ws.reader()
        screen = _screen(service, driver)
        try:
            page = screen.page
            assert _shown(screen)[:3] == [tagged, second, first]
            assert page.select(second)
            driver.idle()
            assert page.undo_button.isEnabled() and "可以撤销" in page.detail.text()
            page.undo_button.click()
            driver.idle()
            assert c.execute("SELECT level, note FROM members WHERE id = 1").fetchone() == \
                (0 if level0 is None else level0, "第一次")
            assert any("已撤销" in s for s in said)
            assert page.select(second)
            driver.idle()
            assert not page.undo_button.isEnabled() and "已经撤销" in page.detail.text()
            assert page.select(first)
            driver.idle()
            assert page.undo_button.isEnabled()
            page.undo_button.click()
            driver.idle()
            assert c.execute("SELECT level, note FROM members WHERE id = 1").fetchone() == \
                (level0, note0)
            # the tagging is still undoable, and shown as such
            assert page.select(tagged)
            driver.idle()
            assert page.undo_button.isEnabled()
        finally:
            _close(screen, driver)
    finally:
        ws.close()


def test_history_reads_in_english_with_the_english_translation(
        demo_path: Path, driver: Any) -> None:
    """Summaries are stored as template + values, so an English window shows English words —
    with the tag's name and the counts filled in — and the CLI still prints Chinese."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    from siyu_desktop import paths
    from siyu_desktop.domain import summaries

    ws = Workspace.open(demo_path, actor="operator")
    service = WorkspaceService(ws)
    c = ws.reader()
    tag, name = c.execute("SELECT id, name FROM tags WHERE source = 'app' ORDER BY id "
                          "LIMIT 1").fetchone()
    have = {m for (m,) in c.execute("SELECT member_id FROM member_tags WHERE tag_id = ?", (tag,))}
    ids = [m for (m,) in c.execute("SELECT id FROM members ORDER BY id LIMIT 2000")
           if m not in have][:1200]
    _n, tagged = driver.run(service.add_tag(tag, ids))
    _changed, edited = driver.run(service.edit_member(1, {"note": "英文界面"}))
    stored = c.execute("SELECT summary FROM audit_batches WHERE id = ?", (tagged,)).fetchone()[0]
    assert summaries.render(stored) == f"给 1,200 位客户打上标签“{name}”"

    translator = QTranslator()
    assert translator.load(str(paths.resource("translations", "siyu_en.qm")))
    QCoreApplication.installTranslator(translator)
    try:
        screen = _screen(service, driver)
        shown = {b.id: screen.page.model.data(screen.page.model.index(row, 4))
                 for row, b in enumerate(screen.page.model.records())}
        assert shown[tagged] == f'Tagged 1,200 members "{name}"'
        assert shown[edited] == "Edited a member's profile"
        _close(screen, driver)
    finally:
        QCoreApplication.removeTranslator(translator)
        ws.close()
