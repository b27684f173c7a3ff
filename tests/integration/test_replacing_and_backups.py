"""Replacing a workspace only under its lock, and backups that speak: real files, real processes,
a real full disk (a small tmpfs) where the machine allows mounting one."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from siyu_desktop.errors import WorkspaceError
from siyu_desktop.services import workspaces
from siyu_desktop.store import backups
from siyu_desktop.store.backups import BackupError
from siyu_desktop.store.db import Workspace
from siyu_desktop.store.demo import DemoSize

from .test_cli import siyu

TINY = DemoSize(members=300, groups=6, tags=30, roster_mean=10)

HOLDER = """
import sys
from siyu_desktop.store.db import Workspace
ws = Workspace.open(sys.argv[1], actor="holder")
print("open", flush=True)
sys.stdin.readline()
ws.set_setting("holder.wrote", "after the refused rebuild")
ws.close()
print("closed", flush=True)
"""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_demo_force_is_refused_while_another_process_has_the_demo_open(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert siyu("demo", "--members", "300", "--groups", "6", data_dir=data).returncode == 0
    demo = data / "demo.siyu.db"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(demo)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = _sha(demo)
        wal = Path(f"{demo}-wal")
        wal_before = wal.read_bytes() if wal.exists() else None
        out = siyu("demo", "--force", "--members", "300", "--groups", "6", data_dir=data)
        assert out.returncode == 1, out.stdout + out.stderr
        assert "正在使用中" in out.stderr and "Traceback" not in out.stderr
        assert _sha(demo) == before  # not deleted, not rebuilt
        assert (wal.read_bytes() if wal.exists() else None) == wal_before  # its WAL untouched
        assert not demo.with_name(demo.name + ".building").exists()
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "closed"
        assert holder.wait(30) == 0
    finally:
        if holder.poll() is None:
            holder.kill()
    # the holder's writer kept working on the same file: its write is there, the file intact
    conn = sqlite3.connect(demo)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT value FROM settings WHERE key = 'holder.wrote'").fetchone()
    conn.close()
    again = siyu("demo", "--force", "--members", "300", "--groups", "6", data_dir=data)
    assert again.returncode == 0, again.stderr  # once closed, the rebuild goes ahead


def test_a_rebuild_drops_the_old_files_stale_wal(tmp_path: Path) -> None:
    """A crash leaves ``-wal``/``-shm`` beside the demo; a rebuild must not replay them."""
    path = tmp_path / "demo.siyu.db"
    workspaces.create_demo(path, TINY, seed=3).close()
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE junk(x)")
    conn.executemany("INSERT INTO junk VALUES (?)", [(i,) for i in range(500)])
    conn.commit()
    shutil.copy(Path(f"{other}-wal"), Path(f"{path}-wal"))  # a stale WAL of another content
    conn.close()
    ws = workspaces.create_demo(path, TINY, seed=4)
    try:
        check = ws.reader().execute("PRAGMA integrity_check").fetchone()[0]
        assert check == "ok"
        assert ws.reader().execute("SELECT count(*) FROM members").fetchone()[0] == 300
    finally:
        ws.close()


# -- backups -----------------------------------------------------------------------------------

def test_the_cli_backs_up_daily_and_says_when(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert siyu("demo", "--members", "300", "--groups", "6", data_dir=data).returncode == 0
    first = siyu("info", data_dir=data)
    assert first.returncode == 0, first.stderr
    made = sorted((data / "backups").glob("demo.siyu.auto.*.db"))
    assert len(made) == 1 and "已自动备份" in first.stderr
    copy = sqlite3.connect(made[0])
    assert copy.execute("SELECT count(*) FROM members").fetchone()[0] == 300
    copy.close()
    second = siyu("info", data_dir=data)
    assert second.returncode == 0
    assert len(list((data / "backups").glob("demo.siyu.auto.*.db"))) == 1  # once a day
    now = siyu("backup", data_dir=data)
    assert now.returncode == 0 and "上次备份：" in now.stderr
    assert len(list((data / "backups").glob("demo.siyu.auto.*.db"))) == 2


def test_an_unwritable_backup_folder_is_said_and_leaves_nothing(workspace: Workspace) -> None:
    backup_dir = workspace.backup_dir
    backup_dir.parent.mkdir(parents=True, exist_ok=True)
    backup_dir.write_text("a file where the folder should be")  # cannot be a folder
    with pytest.raises(BackupError) as caught:
        workspace.backup_now().result()
    assert "无法写入备份文件夹" in caught.value.message and not caught.value.damaged
    assert "工作区本身完好" in caught.value.hint
    assert backup_dir.read_text() == "a file where the folder should be"


def test_a_leftover_partial_is_removed_by_the_next_backup(workspace: Workspace) -> None:
    workspace.backup_dir.mkdir(parents=True)
    leftover = workspace.backup_dir / "demo.siyu.auto.20260101-000000.db.partial"
    leftover.write_bytes(b"\0" * 4096)
    old_style = workspace.backup_dir / "demo.siyu.auto.20260101-000000.partial"
    old_style.write_bytes(b"\0" * 4096)
    made = workspace.backup_now().result()
    assert made.exists() and not leftover.exists() and not old_style.exists()


def _damage_an_index(path: Path) -> None:
    """Overwrite the root page of one index with garbage: the file opens, quick_check fails."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND "
                        "tbl_name = 'members' AND sql IS NOT NULL ORDER BY rootpage DESC").fetchone()[0]
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x0d" + os.urandom(page_size - 1))


def test_a_damaged_workspace_never_rotates_the_good_backups_out(demo_path: Path,
                                                                tmp_path: Path) -> None:
    backup_dir = tmp_path / "backups"
    source = sqlite3.connect(demo_path)
    good = [backups.backup_rotated(source, backup_dir, "demo", kept=2) for _ in range(2)]
    source.close()
    _damage_an_index(demo_path)
    damaged = sqlite3.connect(demo_path)
    assert damaged.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    for _ in range(3):  # five days of a damaged workspace
        with pytest.raises(BackupError) as caught:
            backups.backup_rotated(damaged, backup_dir, "demo", kept=2)
        assert caught.value.damaged and "工作区需要处理" in caught.value.hint
    damaged.close()
    assert backups.auto_backups(backup_dir, "demo") == good
    assert not list(backup_dir.glob("*.partial*"))
    for copy in good:
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        conn.close()


# -- a full disk -------------------------------------------------------------------------------

@contextlib.contextmanager
def small_disk(where: Path, size: str = "300k") -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield where
    finally:
        for _ in range(20):
            if subprocess.run(["umount", str(where)], capture_output=True).returncode == 0:
                break
            time.sleep(0.1)


def test_a_backup_onto_a_full_disk_says_so_and_leaves_nothing(workspace: Workspace,
                                                              tmp_path: Path) -> None:
    with small_disk(tmp_path / "small") as disk:
        workspace.backup_dir = disk / "backups"
        with pytest.raises(BackupError) as caught:
            workspace.backup_now().result()
        error = caught.value
        assert "磁盘空间已满" in error.message and "damaged" not in error.english
        assert not error.damaged and "恢复" not in error.hint  # never "restore a backup"
        assert list((disk / "backups").iterdir()) == []  # no .partial keeping the disk full
        assert workspace.reader().execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_a_demo_build_on_a_full_disk_says_so_and_leaves_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "small") as disk:
        out = siyu("--data-dir", str(disk), "demo", "--members", "2000", "--groups", "20",
                   data_dir=disk)
        assert out.returncode == 1, out.stdout + out.stderr
        assert "磁盘空间已满" in out.stderr and "损坏" not in out.stderr
        assert "Traceback" not in out.stderr
        left = [p.name for p in disk.iterdir() if p.name.startswith("demo.siyu.db")]
        assert left == []  # no .building (nor its -wal/-journal) keeping the disk full


def test_a_read_only_backup_folder_is_said(workspace: Workspace, tmp_path: Path) -> None:
    with small_disk(tmp_path / "ro") as disk:
        (disk / "backups").mkdir()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        workspace.backup_dir = disk / "backups"
        with pytest.raises(BackupError) as caught:
            workspace.backup_now().result()
        assert "无法写入备份文件夹" in caught.value.message and not caught.value.damaged


def test_a_restore_is_refused_while_open_and_never_replays_a_stale_wal(
        demo_path: Path, tmp_path: Path) -> None:
    from siyu_desktop.store.db import restore_backup

    with Workspace.open(demo_path) as ws:
        backup = ws.backup_now().result()
        ws.set_setting("after.backup", 1)
        with pytest.raises(WorkspaceError) as caught:
            restore_backup(backup, demo_path)
        assert "正在使用中" in caught.value.message
        assert ws.get_setting("after.backup") == 1  # untouched, still writable
    # a crashed session's -wal beside the file: the restored copy must not get its pages
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE junk(x)")
    conn.executemany("INSERT INTO junk VALUES (?)", [(i,) for i in range(500)])
    conn.commit()
    shutil.copy(Path(f"{other}-wal"), Path(f"{demo_path}-wal"))
    conn.close()
    restore_backup(backup, demo_path)
    check = sqlite3.connect(demo_path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert check.execute("SELECT count(*) FROM settings WHERE key = 'after.backup'").fetchone()[0] == 0
    check.close()
    kept = list((demo_path.parent / "backups").glob("demo.siyu.before-restore.*.db"))
    assert len(kept) == 1 and Path(f"{kept[0]}-wal").exists()  # the replaced file and its -wal
