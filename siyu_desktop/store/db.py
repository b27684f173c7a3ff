"""Opening a workspace file: checks, pragmas, migrations, the single writer, reader connections.

One SQLite file per brand. All writes go through ``Workspace.write`` on one dedicated thread and
each is one transaction with its audit batch; readers get their own connection per thread (WAL
lets them read while the writer writes).
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import filelock
import sqlite_utils

from ..domain import authors
from ..errors import WorkspaceError
from . import migrations
from .audit import WriteContext
from .index import Changes, MemberIndex

log = logging.getLogger(__name__)
T = TypeVar("T")

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUPS_KEPT = 5
BACKUP_EVERY_SECONDS = 24 * 3600
OPERATOR_NAME_KEY = "operator_name"


def _disk_error(exc: BaseException) -> WorkspaceError | None:
    """Turn the environment's SQLite failures into messages for the operator; None for bugs."""
    text = str(exc).lower()
    if "disk is full" in text or "disk full" in text:
        return WorkspaceError(
            "磁盘空间已满，刚才的修改没有保存。",
            "请清理磁盘空间后重试；工作区中原有的数据完好无损。",
            english="The disk is full; the change was not saved.",
        )
    if "readonly" in text or "read-only" in text:
        return WorkspaceError(
            "工作区文件是只读的，无法保存修改。",
            "请检查文件或文件夹的写入权限，或把工作区移到可写的位置。",
            english="The workspace file is read-only.",
        )
    if "locked" in text or "busy" in text:
        return WorkspaceError(
            "工作区正被其他程序占用。",
            "请关闭正在使用该文件的程序（例如另一个私域运营台窗口或备份软件）后重试。",
            english="The workspace is locked by another program.",
        )
    if "malformed" in text or "not a database" in text or "disk i/o" in text:
        return WorkspaceError(
            "工作区文件已损坏，无法读取。",
            "请从备份文件夹恢复最近的备份（设置 → 备份），原文件不会被修改。",
            english="The workspace file is damaged.",
        )
    return None


def check_file(path: Path) -> None:
    """Refuse files that are not SQLite before SQLite gets a chance to misread them."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != SQLITE_HEADER:
        raise WorkspaceError(
            f"“{path.name}”不是私域运营台的工作区文件（或已损坏）。",
            "请选择正确的工作区文件，或从备份恢复。该文件未被修改。",
            english=f"{path.name} is not a Siyu workspace file.",
        )


class Workspace:
    """One open workspace file. Build with ``Workspace.open``; close with ``close()``."""

    def __init__(self, path: Path, actor: str) -> None:
        self.path = path
        self.actor = actor  # a role: "operator" (the window), "cli"; see domain.authors
        self.operator_name = ""  # 设置 → 你的名字; writes by a person are stored under it
        self.backup_dir = path.parent / "backups"
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="siyu-writer")
        self._write_conn: sqlite3.Connection | None = None
        self._lock = filelock.FileLock(str(path) + ".lock", timeout=0)
        self.index = MemberIndex()
        self._listeners: list[Callable[[Changes], None]] = []
        self.closed = False

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], *, actor: str = "operator",
             build_index: bool = True) -> Workspace:
        path = Path(path).resolve()
        check_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and not os.access(path, os.W_OK):
            raise WorkspaceError(
                f"工作区文件“{path.name}”是只读的。",
                "请检查文件权限，或把它复制到可写的文件夹后再打开。",
                english="The workspace file is read-only.",
            )
        ws = cls(path, actor)
        try:
            ws._lock.acquire()
        except filelock.Timeout:
            raise WorkspaceError(
                "这个工作区已在另一个私域运营台窗口中打开。",
                "请切换到那个窗口；同一工作区同时只能由一个窗口修改。",
                english="This workspace is already open in another window.",
            ) from None
        except OSError as exc:
            raise _disk_error(exc) or WorkspaceError(
                "无法在工作区所在的文件夹中写入。", "请检查文件夹权限或磁盘空间。",
                english="Cannot write in the workspace folder.",
            ) from exc
        try:
            ws._writer.submit(ws._open_writer).result()
            ws.operator_name = str(ws.get_setting(OPERATOR_NAME_KEY, "") or "")
            if build_index:
                ws._load_index()
        except BaseException:
            ws.close()
            raise
        return ws

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                               timeout=5.0)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        return conn

    def _open_writer(self) -> None:
        try:
            conn = self._connect()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > migrations.CURRENT_VERSION:
                conn.close()
                raise WorkspaceError(
                    "这个工作区由更新版本的私域运营台创建，当前版本无法打开。",
                    "请升级私域运营台后再打开；文件未被修改。",
                    english="This workspace was written by a newer version of Siyu Desktop.",
                )
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            self._write_conn = conn
            steps = migrations.pending(version)
            if steps and version > 0:
                self._backup_to(self.backup_dir / f"{self.path.stem}.before-v{steps[0][0]}."
                                f"{time.strftime('%Y%m%d-%H%M%S')}.db")
            for target, step in steps:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    step(conn)
                    conn.execute(f"PRAGMA user_version = {target}")
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
            if version == 0:
                self._set_meta(conn, "created_at", str(int(time.time())))
        except sqlite3.DatabaseError as exc:
            raise _disk_error(exc) or WorkspaceError(
                "无法打开工作区文件。", "请从备份恢复，或选择其他工作区。",
                english="Cannot open the workspace file.",
            ) from exc

    @property
    def index_path(self) -> Path:
        return self.path.with_name(self.path.name + ".index")

    def _load_index(self) -> None:
        version = self._data_version(self.reader())
        if not self.index.load(self.index_path, version):
            self.index.rebuild(self.reader())

    def _save_index(self) -> None:
        """At close: keep the index for the next open (it matches the file's data_version)."""
        if not self.index.ready.is_set() or not self.index.dirty or self._write_conn is None:
            return
        try:
            self.index.save(self.index_path, self._data_version(self._write_conn))
        except OSError:
            log.warning("could not save the member index cache; it will be rebuilt")

    @staticmethod
    def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) "
                     "DO UPDATE SET value = excluded.value", (key, value))

    # -- reading -------------------------------------------------------------------------------
    def reader(self) -> sqlite3.Connection:
        """This thread's read connection (created on first use)."""
        if self.closed:
            raise WorkspaceError("工作区已关闭。", english="The workspace is closed.")
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    def db(self) -> sqlite_utils.Database:
        return sqlite_utils.Database(self.reader())

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.reader().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    @property
    def is_demo(self) -> bool:
        return self.meta("demo") == "1"

    # -- writing -------------------------------------------------------------------------------
    def submit(self, fn: Callable[..., T], *args: Any, action: str = "",
               summary: str = "", audited: bool = True, actor: str | None = None,
               **kwargs: Any) -> Future[T]:
        """Run ``fn(ctx, *args, **kwargs)`` on the writer thread in one transaction."""
        call = functools.partial(fn, **kwargs) if kwargs else fn
        return self._writer.submit(self._run_write, call, args, action or fn.__name__, summary,
                                   audited, actor or authors.author(self.actor, self.operator_name))

    def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``submit`` and wait: for the CLI, tests and code already off the UI thread."""
        return self.submit(fn, *args, **kwargs).result()

    def _run_write(self, fn: Callable[..., T], args: tuple[Any, ...], action: str, summary: str,
                   audited: bool, actor: str) -> T:
        conn = self._write_conn
        if conn is None or self.closed:
            raise WorkspaceError("工作区已关闭。", english="The workspace is closed.")
        changes = Changes()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                ctx = WriteContext(conn, actor, action, summary, changes, audited)
                result = fn(ctx, *args)
                ctx.finish()
                self._set_meta(conn, "data_version", str(self._data_version(conn) + 1))
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            user = _disk_error(exc)
            if user is not None:
                raise user from exc
            raise
        try:
            self.index.apply(changes, conn)
        except Exception:  # committed already: never report a saved change as failed
            log.exception("member index update failed; rebuilding it from the file")
            self.index.rebuild(conn)
        for listener in list(self._listeners):
            try:
                listener(changes)
            except Exception:  # a listener's bug must not undo a committed write
                log.exception("change listener failed")
        return result

    @staticmethod
    def _data_version(conn: sqlite3.Connection) -> int:
        row = conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        return int(row[0]) if row else 0

    def on_change(self, listener: Callable[[Changes], None]) -> None:
        """Called on the writer thread after each commit (the UI re-posts to its own thread)."""
        self._listeners.append(listener)

    def set_meta(self, key: str, value: str) -> None:
        def _set(ctx: WriteContext) -> None:
            self._set_meta(ctx.conn, key, value)
        self.write(_set, audited=False)

    # -- settings ------------------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self.reader().execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        def _set(ctx: WriteContext) -> None:
            ctx.conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                "value = excluded.value", (key, json.dumps(value, ensure_ascii=False)))
        self.write(_set, audited=False)

    # -- backups -------------------------------------------------------------------------------
    def _backup_to(self, target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".partial")
        dest = sqlite3.connect(tmp)
        try:
            assert self._write_conn is not None
            self._write_conn.backup(dest, pages=4096)
        finally:
            dest.close()
        os.replace(tmp, target)
        return target

    def backup_now(self) -> Future[Path]:
        """A consistent copy in ``backups/`` (online backup API); keeps the newest few."""
        def run() -> Path:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            target = self._backup_to(self.backup_dir / f"{self.path.stem}.auto.{stamp}.db")
            autos = sorted(self.backup_dir.glob(f"{self.path.stem}.auto.*.db"))
            for old in autos[:-BACKUPS_KEPT]:
                with contextlib.suppress(OSError):
                    old.unlink()
            return target
        return self._writer.submit(run)

    def backup_if_due(self) -> Future[Path] | None:
        autos = sorted(self.backup_dir.glob(f"{self.path.stem}.auto.*.db"))
        if autos and time.time() - autos[-1].stat().st_mtime < BACKUP_EVERY_SECONDS:
            return None
        return self.backup_now()

    # -- closing -------------------------------------------------------------------------------
    def close(self) -> None:
        if self.closed:
            return
        self.closed = True

        def _close_writer() -> None:
            if self._write_conn is not None:
                self._save_index()
                with contextlib.suppress(sqlite3.Error):
                    self._write_conn.execute("PRAGMA optimize")
                self._write_conn.close()
                self._write_conn = None
        with contextlib.suppress(RuntimeError):
            self._writer.submit(_close_writer).result()
        self._writer.shutdown(wait=True)
        with self._readers_lock:
            for conn in self._readers:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._readers.clear()
        with contextlib.suppress(Exception):
            self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def opened(path: str | os.PathLike[str], **kwargs: Any) -> Iterator[Workspace]:
    ws = Workspace.open(path, **kwargs)
    try:
        yield ws
    finally:
        ws.close()


def restore_backup(backup: Path, target: Path) -> None:
    """Replace ``target`` with a backup copy (the current file is kept as ``.replaced``)."""
    if target.exists():
        shutil.copy2(target, target.with_suffix(".replaced.db"))
    shutil.copy2(backup, target)
