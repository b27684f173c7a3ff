"""Backup copies of a workspace: made with SQLite's online backup API, checked before they count.

A copy is written to ``<name>.partial`` and checked with ``PRAGMA quick_check``; only a copy that
passes is renamed into place and enters the rotation, so a damaged workspace can never push the
last good backups out. Every failure is a ``BackupError`` that says whose fault it is: the disk
(full, unwritable, I/O) — the workspace itself is fine — or the workspace (damaged), which then
needs attention. Nothing is left behind when a copy fails.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any, Protocol

import filelock

from ..errors import WorkspaceError

log = logging.getLogger(__name__)

BACKUPS_KEPT = 5
BACKUP_EVERY_SECONDS = 24 * 3600
PARTIAL = ".partial"


class BackupError(WorkspaceError):
    """A backup copy could not be made; ``damaged`` when the workspace itself is the cause."""

    def __init__(self, message: str, hint: str = "", *, english: str = "",
                 damaged: bool = False) -> None:
        super().__init__(message, hint, english=english)
        self.damaged = damaged


def auto_backups(backup_dir: Path, stem: str) -> list[Path]:
    """The rotation's copies, oldest first (the stamp in the name sorts by time)."""
    try:
        return sorted(backup_dir.glob(f"{stem}.auto.*.db"))
    except OSError:
        return []


def last_backup(backup_dir: Path, stem: str) -> Path | None:
    autos = auto_backups(backup_dir, stem)
    return autos[-1] if autos else None


def is_due(backup_dir: Path, stem: str, now: float | None = None) -> bool:
    last = last_backup(backup_dir, stem)
    if last is None:
        return True
    try:
        age = (time.time() if now is None else now) - last.stat().st_mtime
    except OSError:
        return True
    return age >= BACKUP_EVERY_SECONDS


def remove_leftovers(backup_dir: Path) -> None:
    """Half-written copies of an earlier, interrupted backup (a crash, a full disk)."""
    try:
        found = list(backup_dir.glob(f"*{PARTIAL}*"))
    except OSError:
        return
    for leftover in found:
        with contextlib.suppress(OSError):
            leftover.unlink()
            log.info("removed the unfinished backup %s", leftover.name)


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):
            p.unlink()


def _error(exc: BaseException, folder: Path) -> BackupError:
    text = str(exc).lower()
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC or "disk is full" in text or "disk full" in text:
        return BackupError(
            "备份失败：备份所在的磁盘空间已满。",
            f"请清理磁盘空间（备份文件夹：{folder}）。工作区本身完好，没有被修改；已有的备份保留不动。",
            english="The backup failed: the disk is full. The workspace itself is fine.")
    if "malformed" in text or "not a database" in text:
        return BackupError(
            "备份失败：工作区文件本身有损坏。",
            "已有的备份都保留着。工作区需要处理：请从最近的备份恢复（设置 → 备份），或联系技术支持。",
            english="The backup failed because the workspace itself is damaged.", damaged=True)
    if (isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM, errno.EROFS,
                                                            errno.EEXIST, errno.ENOTDIR)
            or "readonly" in text or "read-only" in text or "unable to open" in text):
        return BackupError(
            f"备份失败：无法写入备份文件夹“{folder}”。",
            "请检查该文件夹的写入权限，或在设置中换一个备份位置。工作区本身完好，没有被修改。",
            english=f"The backup failed: cannot write in the backup folder {folder}.")
    return BackupError(
        "备份失败：写入备份时出现磁盘读写错误。",
        f"请检查磁盘（备份文件夹：{folder}）。工作区本身完好，没有被修改；已有的备份保留不动。",
        english="The backup failed with a disk I/O error. The workspace itself is fine.")


def backup_to(source: sqlite3.Connection, target: Path) -> Path:
    """Copy ``source`` into ``target``, checked; raises ``BackupError``, leaving nothing behind."""
    folder = target.parent
    tmp = target.with_name(target.name + PARTIAL)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_leftovers(folder)
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest, pages=4096)
            check = [row[0] for row in dest.execute("PRAGMA quick_check").fetchall()]
        finally:
            dest.close()
    except (OSError, sqlite3.Error) as exc:
        _remove(tmp)
        error = _error(exc, folder)
        log.error("backup to %s failed: %s", target, exc)
        raise error from exc
    if check != ["ok"]:
        _remove(tmp)
        log.error("backup to %s refused, the copy fails quick_check: %s", target, check[:5])
        raise BackupError(
            "工作区文件本身有损坏，这次备份没有保存。",
            "已有的备份都保留着，不会被这份损坏的副本挤掉。工作区需要处理：请从最近的备份恢复"
            "（设置 → 备份），或联系技术支持。",
            english="The workspace itself is damaged; this backup was not kept (the earlier "
                    "backups are untouched).", damaged=True)
    try:
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise _error(exc, folder) from exc
    return target


def backup_rotated(source: sqlite3.Connection, backup_dir: Path, stem: str,
                   kept: int = BACKUPS_KEPT, now: float | None = None) -> Path:
    """A new checked copy in the rotation; only then are the oldest beyond ``kept`` removed."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    target = backup_dir / f"{stem}.auto.{stamp}.db"
    n = 1
    while target.exists():  # two backups within one second (tests, a manual one)
        target = backup_dir / f"{stem}.auto.{stamp}_{n}.db"  # "_" sorts after "."
        n += 1
    backup_to(source, target)
    for old in auto_backups(backup_dir, stem)[:-kept]:
        with contextlib.suppress(OSError):
            old.unlink()
    log.info("backup made: %s", target)
    return target


def describe_last(backup_dir: Path, stem: str, now: float | None = None) -> str:
    """“上次备份：…” for the command line."""
    last = last_backup(backup_dir, stem)
    if last is None:
        return "还没有备份。"
    try:
        at = last.stat().st_mtime
    except OSError:
        return "还没有备份。"
    hours = ((time.time() if now is None else now) - at) / 3600
    return f"上次备份：{time.strftime('%Y-%m-%d %H:%M', time.localtime(at))}" + (
        f"（{int(hours)} 小时前）" if hours >= 1 else "")


class _Lock(Protocol):
    def acquire(self, timeout: float = ...) -> Any: ...
    def release(self) -> Any: ...


def restore(backup: Path, target: Path, lock: _Lock) -> None:
    """``db.restore_backup``: copy ``backup`` over ``target`` while holding ``lock``."""
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        raise WorkspaceError(
            f"工作区“{target.name}”正在使用中，不能用备份替换。",
            "请先关闭正在使用它的窗口或命令，再恢复备份；文件没有被修改。",
            english=f"{target.name} is open elsewhere; close it before restoring.") from None
    try:
        kept = target.with_suffix(".replaced.db")
        tmp = target.with_name(target.name + ".restoring")
        try:
            if target.exists():
                shutil.copy2(target, kept)
                for suffix in ("-wal", "-shm"):
                    side = Path(f"{target}{suffix}")
                    if side.exists():
                        shutil.copy2(side, Path(f"{kept}{suffix}"))
            shutil.copy2(backup, tmp)
            for suffix in ("-wal", "-shm", "-journal", ".index", ".session"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            os.replace(tmp, target)
        except OSError as exc:
            _remove(tmp)
            err = _error(exc, target.parent)
            raise BackupError("恢复备份失败：" + err.message.removeprefix("备份失败："), err.hint,
                              english="Restoring the backup failed: " + err.english) from exc
    finally:
        lock.release()
