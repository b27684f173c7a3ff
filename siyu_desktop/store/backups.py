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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import filelock

from ..errors import WorkspaceError
from ..ops import ProgressFn, report
from . import migrations
from .workspace_file import OUR_TABLES, SQLITE_HEADER

log = logging.getLogger(__name__)

BACKUPS_KEPT = 5
BACKUP_EVERY_SECONDS = 24 * 3600
PARTIAL = ".partial"


class BackupError(WorkspaceError):
    """A backup copy could not be made; ``damaged`` when the workspace itself is the cause."""

    def __init__(self, message: str, hint: str = "", *, english: str = "",
                 english_hint: str = "", damaged: bool = False) -> None:
        super().__init__(message, hint, english=english, english_hint=english_hint)
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
            english="The backup failed: the disk is full. The workspace itself is fine.",
            english_hint=f"Free some disk space (backup folder: {folder}). The workspace itself is fine and unchanged; the existing backups are kept.")
    if "malformed" in text or "not a database" in text:
        return BackupError(
            "备份失败：工作区文件本身有损坏。",
            "已有的备份都保留着。工作区需要处理：请从最近的备份恢复（设置 → 备份），或联系技术支持。",
            english="The backup failed because the workspace itself is damaged.",
            english_hint="The existing backups are all kept. The workspace needs attention: restore the latest backup (Settings → Backups), or contact support.", damaged=True)
    if (isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM, errno.EROFS,
                                                            errno.EEXIST, errno.ENOTDIR)
            or "readonly" in text or "read-only" in text or "unable to open" in text):
        return BackupError(
            f"备份失败：无法写入备份文件夹“{folder}”。",
            "请检查该文件夹的写入权限，或在设置中换一个备份位置。工作区本身完好，没有被修改。",
            english=f"The backup failed: cannot write in the backup folder {folder}.",
            english_hint="Check that folder's write permission, or choose another backup location in the settings. The workspace itself is fine and unchanged.")
    return BackupError(
        "备份失败：写入备份时出现磁盘读写错误。",
        f"请检查磁盘（备份文件夹：{folder}）。工作区本身完好，没有被修改；已有的备份保留不动。",
        english="The backup failed with a disk I/O error. The workspace itself is fine.",
        english_hint=f"Check the disk (backup folder: {folder}). The workspace itself is fine and unchanged; the existing backups are kept.")


def backup_to(source: sqlite3.Connection, target: Path, progress: ProgressFn | None = None,
              ) -> Path:
    """Copy ``source`` into ``target``, checked; raises ``BackupError``, leaving nothing behind.

    One step (``pages=-1``): the copy is one read transaction on ``source``, a consistent
    snapshot that in WAL mode never blocks the writer (a copy in several steps would start over
    whenever another connection wrote between them)."""
    folder = target.parent
    tmp = target.with_name(target.name + PARTIAL)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_leftovers(folder)
        dest = sqlite3.connect(tmp)
        try:
            pages = int(source.execute("PRAGMA page_count").fetchone()[0])
            report(progress, "backup", 0, pages)
            source.backup(dest)
            report(progress, "backup", pages, pages)
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
                    "backups are untouched).",
            english_hint="The existing backups are all kept and are not pushed out by this damaged copy. The workspace needs attention: restore the latest backup (Settings → Backups), or contact support.", damaged=True)
    try:
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise _error(exc, folder) from exc
    return target


def backup_rotated(source: sqlite3.Connection, backup_dir: Path, stem: str,
                   kept: int = BACKUPS_KEPT, now: float | None = None,
                   progress: ProgressFn | None = None) -> Path:
    """A new checked copy in the rotation; only then are the oldest beyond ``kept`` removed."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    target = backup_dir / f"{stem}.auto.{stamp}.db"
    n = 1
    while target.exists():  # two backups within one second (tests, a manual one)
        target = backup_dir / f"{stem}.auto.{stamp}_{n}.db"  # "_" sorts after "."
        n += 1
    backup_to(source, target, progress)
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



# -- copies from a file by path (off the writer) -----------------------------------------------
def read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to a live workspace file (WAL: it reads while the writer writes)."""
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=5.0)


def _immutable(path: Path) -> sqlite3.Connection:
    """A copy nobody writes to: no locks, no ``-wal``/``-shm`` created or read beside it."""
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)


def copy_file(source: Path, target: Path, progress: ProgressFn | None = None) -> Path:
    """A checked, consistent copy of the workspace file ``source`` at ``target`` (export for a
    handover), made on the calling thread from a connection of its own."""
    if target.resolve() == source.resolve() or (
            target.exists() and os.path.samefile(target, source)):
        raise BackupError(
            "不能把工作区导出到它自己的文件上。",
            "请选择另一个文件名或文件夹；工作区没有被修改。",
            english="The export target is the workspace file itself; choose another file.",
            english_hint="Choose another file name or folder; the workspace was not changed.")
    conn = read_only(source)
    try:
        return backup_to(conn, target, progress)
    finally:
        conn.close()


def rotate_file(source: Path, backup_dir: Path, stem: str, kept: int = BACKUPS_KEPT,
                now: float | None = None, progress: ProgressFn | None = None) -> Path:
    """``backup_rotated`` from a connection of its own to ``source``."""
    conn = read_only(source)
    try:
        return backup_rotated(conn, backup_dir, stem, kept, now, progress)
    finally:
        conn.close()


# -- listing -----------------------------------------------------------------------------------
AUTO, SAFETY, MIGRATION = "auto", "safety", "migration"
SAFETY_INFIX = "before-restore"  # never matches the rotation's ``<stem>.auto.*.db``


@dataclass(frozen=True)
class BackupCopy:
    path: Path
    made_at: float  # epoch seconds (the file's mtime: set when the copy was put in place)
    size_bytes: int
    kind: str  # AUTO (the rotation), SAFETY (kept before a restore), MIGRATION (before an upgrade)


def copies(backup_dir: Path, stem: str) -> list[BackupCopy]:
    """Every backup copy of the workspace ``stem``, newest first."""
    found: list[BackupCopy] = []
    patterns = ((AUTO, f"{stem}.auto.*.db"), (SAFETY, f"{stem}.{SAFETY_INFIX}.*.db"),
                (MIGRATION, f"{stem}.before-v*.db"))
    for kind, pattern in patterns:
        try:
            paths = list(backup_dir.glob(pattern))
        except OSError:
            continue
        for path in paths:
            try:
                st = path.stat()
            except OSError:
                continue
            found.append(BackupCopy(path, st.st_mtime, st.st_size, kind))
    return sorted(found, key=lambda c: (c.made_at, c.path.name), reverse=True)


def read_one(path: Path, sql: str) -> Any | None:
    """One value from a backup copy, read-only and cheaply; None when it cannot be read."""
    try:
        conn = _immutable(path)
        try:
            row = conn.execute(sql).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def member_count(path: Path) -> int | None:
    value = read_one(path, "SELECT count(*) FROM members")
    return int(value) if value is not None else None


# -- restoring ---------------------------------------------------------------------------------
def verify(path: Path, shown: Path | None = None) -> None:
    """Refuse a copy that must not replace a workspace: missing, not SQLite, another program's
    database, written by a newer version, or damaged (``quick_check``). Read-only."""
    name = (shown or path).name
    untouched = "工作区没有被修改。"
    untouched_en = "The workspace was not changed."
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError:
        raise BackupError(f"找不到备份文件“{name}”，或无法读取它。",
                          f"请用 `siyu backup list` 查看现有的备份。{untouched}",
                          english=f"The backup {name} is missing or unreadable.",
                          english_hint=f"`siyu backup list` shows the existing backups. {untouched_en}") from None
    if header != SQLITE_HEADER:
        raise BackupError(
            f"“{name}”不是私域运营台的备份文件（或已损坏），没有用它恢复。",
            f"请选择备份文件夹中的一份备份。{untouched}",
            english=f"{name} is not a Siyu backup (or it is damaged); nothing was restored.",
            english_hint=f"Choose one of the backups in the backup folder. {untouched_en}",
            damaged=True)
    try:
        conn = _immutable(path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            problems = [str(r[0]) for r in conn.execute("PRAGMA quick_check(20)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        problems, app_id, version, tables = [str(exc)], 0, 0, set()
    if problems != ["ok"]:
        log.error("restore refused, %s fails quick_check: %s", path, problems[:5])
        raise BackupError(
            f"备份“{name}”已损坏（完整性检查未通过），没有用它恢复。",
            f"请换一份较早的备份（`siyu backup list`）。{untouched}",
            english=f"The backup {name} is damaged; nothing was restored.",
            english_hint=f"Choose an earlier backup (`siyu backup list`). {untouched_en}", damaged=True)
    ours = app_id == migrations.APPLICATION_ID or (app_id == 0 and tables >= OUR_TABLES)
    if not ours or "meta" not in tables or "members" not in tables:
        raise BackupError(
            f"“{name}”是另一个程序的数据库，不是私域运营台的备份，没有用它恢复。",
            f"请选择备份文件夹中的一份备份。{untouched}",
            english=f"{name} is another program's database, not a Siyu backup.",
            english_hint=f"Choose one of the backups in the backup folder. {untouched_en}")
    if version > migrations.CURRENT_VERSION:
        raise BackupError(
            f"备份“{name}”由更新版本的私域运营台创建，当前版本不能用它恢复。",
            f"请先升级私域运营台。{untouched}",
            english=f"The backup {name} was written by a newer version.",
            english_hint=f"Update Siyu Desktop first. {untouched_en}")


def safety_copy_path(target: Path, now: float | None = None) -> Path:
    folder = target.parent / "backups"
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    path = folder / f"{target.stem}.{SAFETY_INFIX}.{stamp}.db"
    n = 1
    while path.exists():
        path = folder / f"{target.stem}.{SAFETY_INFIX}.{stamp}_{n}.db"
        n += 1
    return path


class _Lock(Protocol):
    def acquire(self, timeout: float = ...) -> Any: ...
    def release(self) -> Any: ...


def restore(backup: Path, target: Path, lock: _Lock) -> Path | None:
    """Replace the closed workspace ``target`` with ``backup``, holding ``lock`` (refused while
    it is open anywhere). Returns the safety copy of the replaced file, None when there was none.

    The backup is copied beside the workspace first and that copy is verified (it is what will
    be put in place); a refused one changes nothing. Then the current file (with its ``-wal``,
    if a crash left one) is kept in ``backups/`` as ``<stem>.before-restore.<time>.db``, which
    the rotation never removes; its ``-wal``/``-shm``/member index cache/session marker are
    removed, so nothing of the old file is replayed into or trusted for the restored one; and
    the copy replaces the file in one rename."""
    backup, target = backup.resolve(), target.resolve()
    if backup == target:
        raise BackupError("不能用工作区文件自己来恢复它。", "请选择备份文件夹中的一份备份。",
                          english="The backup is the workspace file itself.",
                          english_hint="Choose one of the backups in the backup folder.")
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        raise WorkspaceError(
            f"工作区“{target.name}”正在使用中，不能用备份替换。",
            "请先关闭正在使用它的窗口或命令，再恢复备份；文件没有被修改。",
            english=f"{target.name} is open elsewhere; close it before restoring.",
            english_hint="Close the window or command using it first, then restore; the file was not changed.") from None
    tmp = target.with_name(target.name + ".restoring")
    try:
        _remove(tmp)
        try:
            shutil.copyfile(backup, tmp)
        except OSError as exc:
            _remove(tmp)
            if not backup.exists():
                verify(backup)  # says it is missing
            raise _restore_error(exc, target) from exc
        try:
            verify(tmp, shown=backup)
        except BaseException:
            _remove(tmp)
            raise
        safety: Path | None = None
        try:
            if target.exists() and target.stat().st_size > 0:
                safety = safety_copy_path(target)
                _keep(target, safety)
            for suffix in ("-wal", "-shm", "-journal", ".index", ".session"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            os.replace(tmp, target)
        except OSError as exc:
            _remove(tmp)
            raise _restore_error(exc, target) from exc
        log.info("restored %s from %s (kept the replaced file as %s)", target, backup, safety)
        return safety
    finally:
        lock.release()


def _keep(target: Path, safety: Path) -> None:
    """Byte copies (the file may be the damaged one): the file, then its ``-wal`` if any."""
    safety.parent.mkdir(parents=True, exist_ok=True)
    partial = safety.with_name(safety.name + PARTIAL)
    try:
        shutil.copyfile(target, partial)
        wal = Path(f"{target}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            shutil.copyfile(wal, Path(f"{safety}-wal"))
        os.replace(partial, safety)
    except OSError:
        _remove(partial)
        _remove(safety)
        raise


def _restore_error(exc: OSError, target: Path) -> BackupError:
    err = _error(exc, target.parent)
    return BackupError("恢复备份失败：" + err.message.removeprefix("备份失败："),
                       err.hint.replace("工作区本身完好，没有被修改", "工作区没有被替换"),
                       english="Restoring the backup failed: " + err.english,
                       english_hint=err.english_hint.replace("The workspace itself is fine and unchanged", "The workspace was not replaced"))
