"""The workspace file on disk, before and around SQLite: the single-writer lock, recognising a
workspace positively, the session marker and leftover ``-wal`` files that are not its own.

**The lock** is held on the database file itself, so it holds whatever name the file is opened
under (a hard link, a symlink, another spelling of the path): on POSIX an ``flock`` on the file
(the open file's inode); on Windows a byte-range lock on one byte of SQLite's lock-byte page
(offset 1 GiB + 3840), which SQLite never reads, writes or locks (its own locks use the first
512 bytes of that page). ``flock`` and SQLite's POSIX ``fcntl`` locks are independent on Linux,
so ours can neither release nor be released by SQLite's (an ``fcntl`` lock of our own would be
dropped whenever SQLite closed any descriptor of the file). On macOS and the BSDs the two kinds
*do* interact (Linux's flock(2) says so; the BSD lock manager keeps both in one list with
different owners), so an ``flock`` on the database would block SQLite's own locks in our own
process: there the lock is an ``flock`` on a small file named by the database file's identity
(st_dev, st_ino) in the user's temporary folder. Every name of the file has the same identity;
a file replaced while open is impossible (replacing takes this lock first), and an inode number
is not reused while the old file is still open. Not chosen:
a lock file keyed by path (what failed: two names, two locks), a lock file keyed by (st_dev,
st_ino) (a file replaced by ``os.replace`` gets a new inode while the old lock file stays), or
SQLite's own exclusive locking mode (it would shut out our own reader connections).
Weak spot: on NFS ``flock`` is emulated with ``fcntl``, so the lock is per process there.

**The session marker** (``<file>.session``, JSON) says whether the file was closed cleanly and
what the database file looked like (size, mtime, a hash of its first page) whenever nothing
but the file itself held the data (after the checkpoint at open, after each checkpoint, at
close). SQLite replays any ``-wal`` whose own checksums are valid, whether or not it belongs to
the file beside it: a backup copied into place beside the ``-wal`` of a crashed session gets
that session's pages mixed into it (a corrupt file, or undone changes brought back). A ``-wal``
is ours only when the marker says a session was still open and the file is the one it saw.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

import filelock

from ..errors import WorkspaceError
from .migrations import APPLICATION_ID

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", ".index", ".session")
WINDOWS_LOCK_OFFSET = 0x40000000 + 3840  # in SQLite's lock-byte page, past its lock bytes
OUR_TABLES = {"meta", "settings", "members", "audit_batches"}  # a workspace before v5


def companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


# -- the lock --------------------------------------------------------------------------------
class WorkspaceLock:
    """The single-writer lock on ``path``'s database file (see the module notes).

    ``acquire(timeout=0)`` raises ``filelock.Timeout`` when another window or command holds it
    (the same interface as ``filelock``). ``create``: make an empty file to lock when none exists;
    it is removed again on release if it is still empty (nothing was built into it)."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        self.create = create
        self._fd: int | None = None
        self._lock_fd: int | None = None  # the database's own fd, or its identity file's
        self._created = False

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def acquire(self, timeout: float = 0) -> None:
        if self._fd is not None:
            return
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
        existed = self.path.exists()
        if not existed and self.create:
            flags |= os.O_CREAT
        fd = os.open(self.path, flags, 0o644)
        self._created = not existed
        try:
            target = fd if lock_on_the_file_itself() else os.open(
                identity_lock_path(os.fstat(fd)), os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            os.close(fd)
            raise
        deadline = time.monotonic() + timeout
        while True:
            try:
                _lock_fd(target)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    if target != fd:
                        os.close(target)
                    os.close(fd)
                    self._remove_if_empty_and_ours(None)
                    raise filelock.Timeout(str(self.path)) from None
                time.sleep(0.05)
        self._fd, self._lock_fd = fd, target

    def release(self) -> None:
        fd, self._fd = self._fd, None
        target, self._lock_fd = self._lock_fd, None
        if fd is None:
            return
        self._remove_if_empty_and_ours(fd)
        with contextlib.suppress(OSError):
            _unlock_fd(target if target is not None else fd)
        if target is not None and target != fd:
            os.close(target)
        os.close(fd)

    def _remove_if_empty_and_ours(self, fd: int | None) -> None:
        """A file this lock created and nothing was written into (a refused or failed open)."""
        if not self._created:
            return
        with contextlib.suppress(OSError):
            st = os.stat(self.path)
            if st.st_size == 0 and (fd is None or os.fstat(fd).st_ino == st.st_ino):
                self.path.unlink()

    def __enter__(self) -> WorkspaceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def lock_on_the_file_itself() -> bool:
    """Linux and Windows lock the database file; elsewhere its identity file (module notes).
    ``SIYU_LOCK_MODE=identity`` picks the identity file anywhere (tests of that path)."""
    if os.environ.get("SIYU_LOCK_MODE") == "identity":
        return False
    return sys.platform.startswith("linux") or sys.platform == "win32"


def identity_lock_path(st: os.stat_result) -> Path:
    import tempfile

    folder = Path(tempfile.gettempdir()) / "siyu-workspace-locks"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder / f"{st.st_dev}-{st.st_ino}.lock"


if sys.platform == "win32":
    import msvcrt

    def _lock_fd(fd: int) -> None:
        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def workspace_lock(path: Path) -> WorkspaceLock:
    """The lock ``Workspace.open`` takes; hold it to replace the file (demo rebuild, restore)."""
    return WorkspaceLock(Path(path).resolve())


# -- recognising the file ------------------------------------------------------------------------
def read_only_uri(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def inspect(path: Path) -> tuple[str, int]:
    """What ``path`` is, read-only: ``("empty"|"ours"|"foreign", user_version)``. A file of
    ours before v5 has no application_id but our own tables."""
    if path.stat().st_size == 0:
        return "empty", 0
    conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=5.0)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()
    if app_id == APPLICATION_ID or (app_id == 0 and version > 0 and tables >= OUR_TABLES):
        return "ours", version
    if app_id == 0 and version == 0 and not tables:
        return "empty", 0
    return "foreign", version


def foreign_file_error(path: Path) -> WorkspaceError:
    return WorkspaceError(
        f"“{path.name}”是另一个程序的 SQLite 数据库，不是私域运营台的工作区文件。",
        "请选择私域运营台的工作区文件（通常是 .siyu.db）；该文件没有被打开，也没有被修改。",
        english=f"{path.name} is another program's SQLite database, not a Siyu workspace; "
                "it was left untouched.",
        english_hint="Choose a Siyu Desktop workspace file (usually .siyu.db); this file was neither opened nor changed.")


def quick_check(path: Path) -> list[str]:
    """``PRAGMA quick_check`` on a read-only connection: [] when the file is sound."""
    conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=5.0)
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(20)")]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def damaged_error(path: Path, problems: list[str]) -> WorkspaceError:
    log.error("quick_check failed for %s: %s", path, "; ".join(problems[:5]))
    return WorkspaceError(
        f"工作区文件“{path.name}”已损坏（完整性检查未通过），为保护数据没有打开它。",
        f"请从备份恢复：备份在“{path.parent / 'backups'}”中，关闭私域运营台后把最近的一份复制到"
        f"“{path}”（原文件请先改名保留）；文件没有被修改。",
        english=f"{path.name} is damaged (the integrity check failed); it was not opened or "
                "changed. Restore the latest backup from the backups folder.",
        english_hint=f"Restore from a backup: the backups are in {path.parent / 'backups'}; close Siyu Desktop and copy the latest one to {path} (rename the original first to keep it). The file was not changed.")


# -- the session marker ----------------------------------------------------------------------
def fingerprint(path: Path) -> dict[str, Any]:
    st = os.stat(path)
    with path.open("rb") as fh:
        head = hashlib.sha256(fh.read(4096)).hexdigest()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "head": head}


def read_state(path: Path) -> dict[str, Any] | None:
    try:
        state = json.loads(companion(path, ".session").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def write_state(path: Path, state: str, *, durable: bool, **extra: Any) -> None:
    """Record the session's state; ``durable``: on disk before the caller goes on (an ``open``
    marker must outlive a power cut, or the crash's ``-wal`` would be taken for a stranger)."""
    target = companion(path, ".session")
    body = {"state": state, "at": int(time.time()), **extra}
    if state in ("open", "clean"):
        body.update(fingerprint(path))
    tmp = target.with_name(target.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(body, fh)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
        if durable and sys.platform != "win32":
            dir_fd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except OSError as exc:
        # Without a marker the next open trusts the -wal as SQLite would; never fail a write.
        log.warning("could not record the session state of %s: %s", path, exc)
        with contextlib.suppress(OSError):
            target.unlink()


def same_file(state: dict[str, Any], path: Path) -> bool:
    current = fingerprint(path)
    return all(state.get(k) == current[k] for k in ("size", "mtime_ns", "head"))


def set_aside_stale_wal(path: Path) -> Path | None:
    """Before any connection opens ``path``: a non-empty ``-wal`` that is not this file's own
    (see the module notes) is renamed aside (kept, never replayed) and its ``-shm`` removed.
    Returns the new name, or None when there was nothing to set aside."""
    wal = companion(path, "-wal")
    try:
        if wal.stat().st_size == 0:
            return None
    except OSError:
        return None
    state = read_state(path)
    if state is None or state.get("state") not in ("open", "clean"):
        return None  # no record (an older version, a file from elsewhere): SQLite decides
    if state.get("state") == "open" and same_file(state, path):
        return None  # a crash: the -wal holds this file's last committed writes
    if _wal_in_use(path):
        return None  # another program has the file open: its -wal, not ours to judge
    aside = wal.with_name(f"{wal.name}.stale-{time.strftime('%Y%m%d-%H%M%S')}")
    os.replace(wal, aside)
    companion(path, "-shm").unlink(missing_ok=True)
    log.warning("%s: a -wal that does not belong to the file was set aside as %s",
                path, aside.name)
    return aside


def _wal_in_use(path: Path) -> bool:
    """Whether some process holds SQLite's shared-memory lock of ``path`` (it has it open)."""
    shm = companion(path, "-shm")
    if sys.platform == "win32" or not shm.exists():
        return False
    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return True
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128)  # SQLite's DMS byte
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, 128)
        return False
    finally:
        os.close(fd)
