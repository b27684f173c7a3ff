"""Backups the operator can use: made off the writer, listed, exported, restored — and a damaged
or foreign copy refused without changing anything. Real files, real SQLite."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import threading
from concurrent.futures import Future
from pathlib import Path

import pytest

from siyu_desktop.errors import UserError, WorkspaceError
from siyu_desktop.ops import Progress
from siyu_desktop.services import backups as backup_service
from siyu_desktop.services.backups import BackupsService
from siyu_desktop.store import backups
from siyu_desktop.store.audit import WriteContext
from siyu_desktop.store.db import Workspace


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fill(ctx: WriteContext, megabytes: int) -> None:
    ctx.conn.execute("CREATE TABLE IF NOT EXISTS filler(b BLOB)")
    ctx.conn.executemany("INSERT INTO filler VALUES (randomblob(1048576))",
                         [() for _ in range(megabytes)])


def _counts(path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return tuple(conn.execute(  # type: ignore[return-value]
            "SELECT (SELECT count(*) FROM members), (SELECT count(*) FROM settings), "
            "(SELECT count(*) FROM audit_batches)").fetchone())
    finally:
        conn.close()


def test_a_write_during_a_large_backup_completes_before_the_backup(workspace: Workspace) -> None:
    workspace.write(_fill, 50, audited=False)
    pages, size = workspace.reader().execute("SELECT * FROM pragma_page_count, "
                                             "pragma_page_size").fetchone()
    assert pages * size > 50 * 1024 * 1024
    copying = threading.Event()
    order: list[str] = []

    def progress(p: Progress) -> None:
        if p.step == "backup" and p.done == 0:
            copying.set()  # the copy is about to run: its snapshot is the next thing it reads

    backup = workspace.backup_now(progress)
    backup.add_done_callback(lambda _f: order.append("backup"))
    assert copying.wait(30)
    write: Future[None] = workspace.submit(
        lambda ctx: ctx.conn.execute("INSERT INTO settings(key, value) VALUES ('w', '1')"),
        audited=False)
    write.add_done_callback(lambda _f: order.append("write"))
    write.result(timeout=30)
    made = backup.result(timeout=120)
    assert order == ["write", "backup"]
    # the copy is the snapshot from before the write, and it is sound
    conn = sqlite3.connect(made)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM settings WHERE key = 'w'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM filler").fetchone()[0] == 50
    conn.close()


async def test_a_backup_made_during_writes_lists_and_restores(workspace: Workspace) -> None:
    service = BackupsService(workspace)
    stop = threading.Event()
    written: list[int] = []

    def keep_writing() -> None:
        n = 0
        while not stop.is_set():
            workspace.set_setting(f"during.{n}", n)
            written.append(n)
            n += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        made = await service.back_up_now()
    finally:
        stop.set()
        writer.join()
    assert written  # writes really went on around the copy
    listed = await service.list()
    assert [b.path for b in listed][:1] == [made]
    assert listed[0].members == _counts(made)[0] and listed[0].size_bytes == made.stat().st_size
    in_backup = _counts(made)
    path = workspace.path
    workspace.set_setting("after.backup", 1)
    workspace.close()
    safety = backup_service.restore(made, path)
    assert safety is not None and safety.exists() and safety.parent == path.parent / "backups"
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}.index").exists()
    with Workspace.open(path, create=False) as reopened:
        assert reopened.reader().execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert reopened.get_setting("after.backup") is None
    assert _counts(path) == in_backup
    # the safety copy holds what was replaced, and the rotation never pushes it out
    assert _counts(safety)[1] == in_backup[1] + len(written) - _written_in(made, written) + 1
    conn = sqlite3.connect(path)
    for _ in range(backups.BACKUPS_KEPT + 2):
        backups.backup_rotated(conn, path.parent / "backups", path.stem)
    conn.close()
    assert safety.exists()
    kinds = [b.kind for b in backup_service.list_backups(path)]
    assert kinds.count(backup_service.AUTO) == backups.BACKUPS_KEPT
    assert kinds.count(backup_service.SAFETY) == 1


def _written_in(copy: Path, written: list[int]) -> int:
    conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM settings WHERE key LIKE 'during.%'"
                                ).fetchone()[0])
    finally:
        conn.close()


def _truncate(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.truncate(path.stat().st_size // 2)


def _scribble(path: Path) -> None:
    """Garbage over the pages of the members table's largest index: opens, fails quick_check."""
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT max(rootpage) FROM sqlite_master WHERE type = 'index' "
                        "AND tbl_name = 'members'").fetchone()[0]
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x0d" + os.urandom(page_size - 1))


@pytest.mark.parametrize("damage", [_truncate, _scribble], ids=["truncated", "scribbled"])
def test_a_damaged_backup_is_refused_and_changes_nothing(workspace: Workspace, tmp_path: Path,
                                                         damage: object) -> None:
    made = workspace.backup_now().result()
    path = workspace.path
    workspace.close()
    damaged = made.with_name(made.stem + ".copy.db")
    shutil.copyfile(made, damaged)
    damage(damaged)  # type: ignore[operator]
    before = {p.name: _sha(p) for p in path.parent.rglob("*") if p.is_file()}
    with pytest.raises(UserError) as caught:
        backup_service.restore(damaged, path)
    assert "已损坏" in caught.value.message and "没有用它恢复" in caught.value.message
    assert "工作区没有被修改" in caught.value.hint
    after = {p.name: _sha(p) for p in path.parent.rglob("*") if p.is_file()}
    assert after == before  # the workspace, its companions and the backups: byte for byte


def test_a_foreign_file_is_refused_and_changes_nothing(workspace: Workspace,
                                                       tmp_path: Path) -> None:
    path = workspace.path
    workspace.close()
    other = tmp_path / "notes.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes(x)")
    conn.commit()
    conn.close()
    text = tmp_path / "roster.xlsx"
    text.write_bytes(b"PK\x03\x04 not a database")
    before = _sha(path)
    for wrong, words in ((other, "另一个程序的数据库"), (text, "不是私域运营台的备份文件"),
                         (tmp_path / "missing.db", "找不到备份文件")):
        with pytest.raises(UserError) as caught:
            backup_service.restore(wrong, path)
        assert words in caught.value.message
    assert _sha(path) == before
    assert not list((path.parent / "backups").glob("*before-restore*"))


def test_a_restore_is_refused_while_the_workspace_is_open(workspace: Workspace) -> None:
    made = workspace.backup_now().result()
    with pytest.raises(WorkspaceError) as caught:
        backup_service.restore(made, workspace.path)
    assert "正在使用中" in caught.value.message
    workspace.set_setting("still.writable", 1)


async def test_export_copy_is_checked_and_never_the_workspace_itself(workspace: Workspace,
                                                                    tmp_path: Path) -> None:
    service = BackupsService(workspace)
    target = tmp_path / "handover" / "给同事.siyu.db"
    made = await service.export_copy(target)
    assert made == target and _counts(target) == _counts(workspace.path)
    assert backups.verify(target) is None
    before = _sha(workspace.path)
    with pytest.raises(UserError) as caught:
        await service.export_copy(workspace.path)
    assert "它自己的文件" in caught.value.message
    assert _sha(workspace.path) == before


def test_no_backup_thread_outlives_its_copy_and_a_closed_workspace_refuses(
        workspace: Workspace) -> None:
    workspace.backup_now().result()
    workspace.export_copy(workspace.path.parent / "copy.db").result()
    for thread in threading.enumerate():
        if thread.name.startswith("siyu-backup"):
            thread.join(timeout=10)
    assert not [t for t in threading.enumerate() if t.name.startswith("siyu-backup")]
    workspace._wait_for_backups()  # what close() waits on: nothing pending now
    workspace.close()
    with pytest.raises(WorkspaceError):
        workspace.backup_now().result()
