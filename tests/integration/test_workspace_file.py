"""The workspace file is the app's alone (issue 15): the member index cache names the exact file
state it was built from, the single-writer lock holds under any name, foreign and damaged files
are refused untouched, and a stranger's ``-wal`` is never replayed into a file put in place.
Real SQLite files and real processes throughout."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from siyu_desktop.domain.segments import Segment
from siyu_desktop.errors import WorkspaceError
from siyu_desktop.services import workspaces
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store import db as store_db
from siyu_desktop.store import migrations
from siyu_desktop.store.db import Workspace
from siyu_desktop.store.demo import DemoSize

ROOT = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def python(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8")


def siyu(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SIYU_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8",
           "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "siyu_desktop.cli", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


# -- 1. the member index cache -------------------------------------------------------------------
async def test_a_workspace_copied_over_another_never_uses_the_others_index(
        demo_path: Path, tmp_path: Path) -> None:
    with Workspace.open(demo_path):  # leaves this (2,000-member) workspace's cache beside it
        pass
    cache = demo_path.with_name(demo_path.name + ".index")
    assert cache.exists()
    other = tmp_path / "other" / "big.siyu.db"
    other.parent.mkdir()
    workspaces.create_demo(other, DemoSize(members=3000, groups=20, tags=80), seed=5).close()
    shutil.copy2(other, demo_path)  # restoring by hand: the old cache stays beside it
    assert cache.exists()

    with Workspace.open(demo_path) as ws:
        conn = ws.reader()
        level1 = {r[0] for r in conn.execute("SELECT id FROM members WHERE level = 1")}
        tag_id = conn.execute("SELECT min(id) FROM tags").fetchone()[0]
        before = {r[0] for r in conn.execute(
            "SELECT member_id FROM member_tags WHERE tag_id = ?", (tag_id,))}
        service = WorkspaceService(ws)
        chosen = await service.evaluate(Segment(levels=(1,)))
        assert set(chosen) == level1
        await service.add_tag(tag_id, list(chosen))
        after = {r[0] for r in ws.reader().execute(
            "SELECT member_id FROM member_tags WHERE tag_id = ?", (tag_id,))}
    assert after == before | level1


def test_the_cache_is_refused_after_a_crash_that_wrote_past_it(demo_path: Path) -> None:
    """Same workspace, same change counter, different history: a backup restored, then as many
    writes as the cache had seen, then a crash before the cache was saved."""
    with Workspace.open(demo_path) as ws:
        ws.set_meta("probe", "a")
    backup = demo_path.with_name("backup.db")
    shutil.copy2(demo_path, backup)
    with Workspace.open(demo_path) as ws:  # the cache now knows tag 3 on members 1..3
        ws.write(lambda ctx: ctx.conn.execute(
            "INSERT OR IGNORE INTO member_tags VALUES (1, 3), (2, 3), (3, 3)"))
    shutil.copy2(backup, demo_path)
    child = python("""
        import os, signal, sys
        from siyu_desktop.store.db import Workspace
        ws = Workspace.open(sys.argv[1], build_index=False)
        ws.write(lambda ctx: ctx.conn.execute("DELETE FROM member_tags WHERE tag_id = 3"))
        os.kill(os.getpid(), signal.SIGKILL)
    """, str(demo_path))
    child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL
    with Workspace.open(demo_path) as ws:
        assert ws.index.count(3) == 0


# -- 2. the lock ---------------------------------------------------------------------------------
HOLDER = """
    import sys, time
    from siyu_desktop.store.db import Workspace
    ws = Workspace.open(sys.argv[1], actor="cli")
    print("open", flush=True)
    time.sleep(60)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="hard links and symlinks need privileges")
@pytest.mark.parametrize("kind", ["hardlink", "symlink"])
@pytest.mark.parametrize("mode", ["file", "identity"])  # identity: what macOS and the BSDs use
def test_one_file_under_two_names_has_one_writer(demo_path: Path, kind: str, mode: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    if mode == "identity":
        monkeypatch.setenv("SIYU_LOCK_MODE", "identity")  # the child processes inherit it
    other = demo_path.with_name("another-name.db")
    if kind == "hardlink":
        os.link(demo_path, other)
    else:
        other.symlink_to(demo_path)
    holder = python(HOLDER, str(demo_path))
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open", holder.stderr
        with pytest.raises(WorkspaceError, match="已被另一个窗口或命令打开"):
            Workspace.open(other)
        second = python(HOLDER, str(other))
        _, err = second.communicate(timeout=60)
        assert second.returncode != 0 and "已被另一个窗口或命令打开" in err
    finally:
        holder.kill()
        holder.communicate()
    with Workspace.open(other) as ws:  # released with its process
        assert ws.reader().execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_lock_is_released_and_a_refused_create_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "w.siyu.db"
    lock = store_db.workspace_lock(path)
    lock.acquire()
    with pytest.raises(WorkspaceError, match="另一个"):
        Workspace.open(path)
    lock.release()
    assert not path.exists()  # the lock made an empty file to hold, and took it away again
    Workspace.open(path).close()
    assert path.exists()


# -- 4. foreign files, missing files ---------------------------------------------------------------
def foreign_file(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT)")
    conn.executemany("INSERT INTO orders(item) VALUES (?)", [("茶",), ("书",)])
    conn.commit()
    conn.close()
    return path


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = foreign_file(tmp_path / "shop.db")
    before = digest(path)
    with pytest.raises(WorkspaceError, match="另一个程序的 SQLite 数据库") as info:
        Workspace.open(path)
    assert "another program" in info.value.english
    assert digest(path) == before
    out = siyu("--workspace", str(path), "info", data_dir=tmp_path / "data")
    assert out.returncode != 0
    assert "另一个程序的 SQLite 数据库" in out.stderr and "Traceback" not in out.stderr
    assert digest(path) == before
    assert not (tmp_path / "backups").exists()  # not "migrated", so no backup before it


def test_a_workspace_says_whose_it_is(empty_workspace: Workspace, demo_path: Path) -> None:
    for conn in (empty_workspace.reader(), sqlite3.connect(demo_path)):
        assert conn.execute("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
        assert len(conn.execute("SELECT value FROM meta WHERE key = 'workspace_id'")
                   .fetchone()[0]) == 32


def test_a_workspace_from_before_v5_is_recognised_and_migrated(demo_path: Path) -> None:
    conn = sqlite3.connect(demo_path)
    conn.execute("PRAGMA application_id = 0")
    conn.execute("DELETE FROM meta WHERE key = 'workspace_id'")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with Workspace.open(demo_path) as ws:
        conn = ws.reader()
        assert conn.execute("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
        assert ws.meta("workspace_id")
    assert list((demo_path.parent / "backups").glob("*.before-v5.*.db"))


def test_a_missing_file_is_not_created_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "w.siyu.db"
    with pytest.raises(WorkspaceError, match="不存在") as info:
        Workspace.open(path, create=False)
    assert "does not exist" in info.value.english
    assert not path.exists() and not path.parent.exists()
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(WorkspaceError, match="空文件"):
        Workspace.open(empty, create=False)
    assert empty.stat().st_size == 0


# -- 7. damaged files, stale -wal, disk errors -----------------------------------------------------
def test_a_damaged_index_page_is_refused_before_any_write(demo_path: Path) -> None:
    conn = sqlite3.connect(demo_path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'member_tags_tag'"
                        ).fetchone()[0]
    conn.close()
    data = bytearray(demo_path.read_bytes())
    start = (root - 1) * page_size
    data[start + 8:start + page_size] = b"\x07" * (page_size - 8)
    demo_path.write_bytes(bytes(data))
    before = digest(demo_path)
    with pytest.raises(WorkspaceError, match="已损坏") as info:
        Workspace.open(demo_path)
    assert "backups" in info.value.hint
    assert digest(demo_path) == before
    wal = demo_path.with_name(demo_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # a read-only look, nothing written


WRITER_THEN_CRASH = """
    import os, signal, sqlite3, sys
    from siyu_desktop.store.db import Workspace
    ws = Workspace.open(sys.argv[1], build_index=False)
    ws.write(lambda ctx: ctx.conn.execute("UPDATE members SET remark = 'before'"))
    dest = sqlite3.connect(sys.argv[2])
    ws.reader().backup(dest)  # a consistent copy, as the backup folder holds
    dest.close()
    for i in range(5):  # later writes, then a crash: they stay in the -wal only
        ws.write(lambda ctx: ctx.conn.execute("UPDATE members SET remark = 'later' "
                                              "WHERE id % 2 = 0"))
        ws.write(lambda ctx: ctx.conn.execute("DELETE FROM member_tags WHERE member_id < 500"))
    os.kill(os.getpid(), signal.SIGKILL)
"""


def dump(conn: sqlite3.Connection) -> tuple[object, ...]:
    return (conn.execute("SELECT id, remark, level FROM members ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM member_tags ORDER BY member_id, tag_id").fetchall(),
            conn.execute("SELECT key, value FROM meta ORDER BY key").fetchall())


def crash_after_writes(path: Path, backup: Path) -> None:
    child = python(WRITER_THEN_CRASH, str(path), str(backup))
    _, err = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL, err
    assert path.with_name(path.name + "-wal").stat().st_size > 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_backup_copied_in_beside_a_stale_wal_opens_as_the_backup(demo_path: Path) -> None:
    backup = demo_path.parent / "backups" / "copy.db"
    backup.parent.mkdir()
    crash_after_writes(demo_path, backup)
    expected = dump(sqlite3.connect(f"file:{backup}?mode=ro", uri=True))
    shutil.copy2(backup, demo_path)  # the operator restores by hand; the -wal is still there
    with Workspace.open(demo_path) as ws:
        conn = ws.reader()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert dump(conn) == expected
        aside = list(demo_path.parent.glob("*-wal.stale-*"))
        assert aside  # kept aside, not thrown away, and the operator is told so
        assert len(ws.notices) == 1 and aside[0].name in ws.notices[0]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_crash_keeps_its_last_writes(demo_path: Path) -> None:
    crash_after_writes(demo_path, demo_path.parent / "unused.db")
    with Workspace.open(demo_path) as ws:
        conn = ws.reader()
        assert conn.execute("SELECT count(*) FROM members WHERE remark = 'later'").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM member_tags WHERE member_id < 500"
                            ).fetchone()[0] == 0
    assert not list(demo_path.parent.glob("*-wal.stale-*"))


def test_a_disk_io_error_is_not_called_damage() -> None:
    for exc in (sqlite3.OperationalError("disk I/O error"), OSError(5, "Input/output error")):
        error = store_db._disk_error(exc)
        assert error is not None and "I/O" in error.message
        assert "损坏" not in error.message and "恢复" not in error.hint
    full = store_db._disk_error(OSError(28, "No space left on device"))
    assert full is not None and "磁盘空间已满" in full.message

