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
from ..domain.clock import Clock, SystemClock
from ..errors import WorkspaceError, WorkspaceInUseError
from ..ops import INITIATOR, ProgressFn
from . import backups, migrations
from . import workspace_file as wsfile
from .audit import WriteContext
from .index import Changes, MemberIndex

log = logging.getLogger(__name__)
T = TypeVar("T")

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUPS_KEPT = 5
BACKUP_EVERY_SECONDS = 24 * 3600
OPERATOR_NAME_KEY = "operator_name"
APPLICATION_ID = migrations.APPLICATION_ID  # PRAGMA application_id of every workspace file
QUICK_CHECK_ALWAYS_BYTES = 256 * 1024 * 1024  # measured: 11 MB 0.1 s, 110 MB 0.4 s (warm)
QUICK_CHECK_EVERY_SECONDS = 24 * 3600
WAL_CHECKPOINT_BYTES = 4 * 1024 * 1024  # SQLite's own default (1,000 pages of 4 KiB)
WRITER_CACHE_KIB = 64 * 1024
workspace_lock = wsfile.workspace_lock  # the single-writer lock; hold it to replace a file


def _disk_error(exc: BaseException) -> WorkspaceError | None:
    """Turn the environment's SQLite failures into messages for the operator; None for bugs."""
    text = str(exc).lower()
    if "disk is full" in text or "disk full" in text or "no space left" in text:
        return WorkspaceError(
            "磁盘空间已满，刚才的修改没有保存。",
            "请清理磁盘空间后重试；工作区中原有的数据完好无损。",
            english="The disk is full; the change was not saved.",
            english_hint="Free some disk space and try again; the data already in the workspace is intact.",
        )
    if "readonly" in text or "read-only" in text:
        return WorkspaceError(
            "工作区文件是只读的，无法保存修改。",
            "请检查文件或文件夹的写入权限，或把工作区移到可写的位置。",
            english="The workspace file is read-only.",
            english_hint="Check the write permission of the file and its folder, or move the workspace somewhere writable.",
        )
    if "locked" in text or "busy" in text:
        return WorkspaceError(
            "工作区正被其他程序占用。",
            "请关闭正在使用该文件的程序（例如另一个私域运营台窗口或备份软件）后重试。",
            english="The workspace is locked by another program.",
            english_hint="Close the program using the file (another Siyu Desktop window or backup software, for example) and try again.",
        )
    if "disk i/o" in text or "input/output error" in text:  # the disk or its connection failed, not the file's contents
        return WorkspaceError(
            "读写磁盘时出错（磁盘 I/O 错误），工作区没有被修改。",
            "请检查磁盘或 U 盘/网络盘的连接后重试；这不表示文件损坏，不要用备份覆盖它。",
            english="A disk I/O error occurred; the workspace was not changed.",
            english_hint="Check the disk, or the connection of the USB or network drive, and try again; this does not mean the file is damaged: do not overwrite it with a backup.",
        )
    if "malformed" in text or "not a database" in text:
        return WorkspaceError(
            "工作区文件已损坏，无法读取。",
            "请从备份文件夹恢复最近的备份（设置 → 备份），原文件不会被修改。",
            english="The workspace file is damaged.",
            english_hint="Restore the latest backup from the backup folder (Settings → Backups); the original file will not be changed.",
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
            english_hint="Choose the right workspace file, or restore from a backup. The file was not changed.",
        )


class Workspace:
    """One open workspace file. Build with ``Workspace.open``; close with ``close()``."""

    def __init__(self, path: Path, actor: str, clock: Clock | None = None) -> None:
        self.path = path
        self.clock: Clock = clock or SystemClock()  # every "now" of this workspace
        self.actor = actor  # a role: "operator" (the window), "cli"; see domain.authors
        self.operator_name = ""  # 设置 → 你的名字; writes by a person are stored under it
        self.backup_dir = path.parent / "backups"
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="siyu-writer")
        self._write_conn: sqlite3.Connection | None = None
        self._checkpoint_queued = False
        self._lock = wsfile.WorkspaceLock(path)
        self._session = os.urandom(8).hex()  # meta.write_session once this session writes
        self._session_recorded = False
        self._marked = False  # the session marker says "open" (see store/workspace_file.py)
        self._checked_at = 0  # when PRAGMA quick_check last passed on this file
        self.index = MemberIndex()
        self._listeners: list[Callable[[Changes], None]] = []
        self.closed = False
        self.notices: list[str] = []  # what opening did that the operator should hear of

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], *, actor: str = "operator",
             build_index: bool = True, create: bool = True,
             clock: Clock | None = None) -> Workspace:
        """Open the workspace file at ``path`` as its single writer.

        ``create=False`` (opening what the operator named: ``--workspace``, 打开): a missing or
        empty file is refused instead of becoming a new empty workspace. Nothing writes to the
        file until it is known to be a workspace (``application_id``), not newer than us and
        sound (``quick_check``), and any ``-wal`` beside it is known to be its own."""
        path = Path(path).resolve()
        check_file(path)
        if not path.exists() and not create:
            raise WorkspaceError(
                f"工作区文件“{path}”不存在。",
                "请检查路径是否写对；新建工作区请用 `siyu new` 或窗口里的「新建」。",
                english=f"The workspace file {path} does not exist.",
                english_hint="Check the path; to create a workspace use `siyu new` or New in the window.",
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _disk_error(exc) or WorkspaceError(
                f"无法创建文件夹“{path.parent}”。", "请检查文件夹权限或磁盘空间。",
                english=f"Cannot create the folder {path.parent}.",
                english_hint="Check the folder's permissions and free disk space.",
            ) from exc
        if path.exists() and not os.access(path, os.W_OK):
            raise WorkspaceError(
                f"工作区文件“{path.name}”是只读的。",
                "请检查文件权限，或把它复制到可写的文件夹后再打开。",
                english="The workspace file is read-only.",
                english_hint="Check the file's permissions, or copy it to a writable folder and open it there.",
            )
        ws = cls(path, actor, clock)
        ws._lock.create = create
        try:
            ws._lock.acquire()
        except filelock.Timeout:
            raise WorkspaceInUseError(
                "这个工作区已被另一个窗口或命令打开。",
                "请切换到那个窗口；同一工作区同时只能由一个窗口修改。",
                english="This workspace is already open in another window or command.",
                english_hint="Switch to that window; one workspace can be changed from one window at a time.",
            ) from None
        except OSError as exc:
            raise _disk_error(exc) or WorkspaceError(
                "无法在工作区所在的文件夹中写入。", "请检查文件夹权限或磁盘空间。",
                english="Cannot write in the workspace folder.",
                english_hint="Check the folder's permissions and free disk space.",
            ) from exc
        try:
            ws._check_before_writing(create)
            ws._writer.submit(ws._open_writer).result()
            ws.operator_name = str(ws.get_setting(OPERATOR_NAME_KEY, "") or "")
            if build_index:
                ws._load_index()
        except BaseException:
            ws.close()
            raise
        return ws

    def _check_before_writing(self, create: bool) -> None:
        """Read-only, before any connection that could write: a stranger's ``-wal`` set aside,
        the file recognised, a newer version refused, the file checked."""
        try:
            aside = wsfile.set_aside_stale_wal(self.path)
            if aside is not None:
                self.notices.append(
                    f"“{self.path.name}”旁边有一个不属于它的日志文件（-wal，可能来自手动复制的"
                    f"备份），没有使用，已改名保留为“{aside.name}”。工作区按文件本身打开。")
            kind, version = wsfile.inspect(self.path)
            if kind == "foreign":
                raise wsfile.foreign_file_error(self.path)
            if kind == "empty" and not create:
                raise WorkspaceError(
                    f"“{self.path.name}”是一个空文件，不是工作区文件。",
                    "请检查路径是否写对；新建工作区请用 `siyu new` 或窗口里的「新建」。",
                    english=f"{self.path.name} is empty, not a workspace file.",
                    english_hint="Check the path; to create a workspace use `siyu new` or New in the window.",
                )
            if version > migrations.CURRENT_VERSION:
                raise WorkspaceError(
                    "这个工作区由更新版本的私域运营台创建，当前版本无法打开。",
                    "请升级私域运营台后再打开；文件未被修改。",
                    english="This workspace was written by a newer version of Siyu Desktop.",
                    english_hint="Update Siyu Desktop and open it again; the file was not changed.",
                )
            state = wsfile.read_state(self.path) or {}
            self._checked_at = int(state.get("checked_at", 0) or 0)
            if kind == "ours" and self._quick_check_due(state):
                problems = wsfile.quick_check(self.path)
                if problems:
                    raise wsfile.damaged_error(self.path, problems)
                self._checked_at = int(time.time())
        except sqlite3.DatabaseError as exc:
            raise _disk_error(exc) or WorkspaceError(
                "无法打开工作区文件。", "请从备份恢复，或选择其他工作区。文件未被修改。",
                english="Cannot open the workspace file.",
                english_hint="Restore from a backup, or choose another workspace. The file was not changed.",
            ) from exc
        except OSError as exc:
            raise _disk_error(exc) or WorkspaceError(
                f"无法读取工作区文件“{self.path.name}”。", "请检查文件权限和磁盘后重试。",
                english=f"Cannot read {self.path.name}.",
                english_hint="Check the file's permissions and the disk, then try again.",
            ) from exc

    def _quick_check_due(self, state: dict[str, Any]) -> bool:
        """Always on files up to 256 MB (~0.5 s); on bigger ones after an unclean shutdown, a
        file put in place by hand, or once a day."""
        if self.path.stat().st_size <= QUICK_CHECK_ALWAYS_BYTES:
            return True
        if state.get("state") != "clean" or not wsfile.same_file(state, self.path):
            return True
        return time.time() - self._checked_at > QUICK_CHECK_EVERY_SECONDS

    def _mark(self, state: str, *, durable: bool) -> None:
        wsfile.write_state(self.path, state, durable=durable, checked_at=self._checked_at,
                           pid=os.getpid())

    def _checkpoint_if_due(self, conn: sqlite3.Connection) -> None:
        """Our own checkpoints (SQLite's automatic ones are off on the writer): the session
        marker records the file as each leaves it, so a crash's ``-wal`` is told from another's."""
        try:
            if os.stat(wsfile.companion(self.path, "-wal")).st_size < WAL_CHECKPOINT_BYTES:
                return
        except OSError:
            return
        self._mark("checkpointing", durable=True)
        conn.execute("PRAGMA busy_timeout = 250")  # readers mid-query: finish it next time
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            conn.execute("PRAGMA busy_timeout = 5000")
        self._mark("open", durable=False)

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
                    english_hint="Update Siyu Desktop and open it again; the file was not changed.",
                )
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            # 64 MB of page cache for the one writer (SQLite's default is 2 MB): a batch over a
            # big ledger or roster inserts into indexes of millions of rows, and every page
            # read back from the OS for each row costs more than the memory
            conn.execute(f"PRAGMA cache_size = {-WRITER_CACHE_KIB}")
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
                self._set_meta(conn, "created_at", str(int(self.clock.now())))
            conn.execute("PRAGMA wal_autocheckpoint = 0")  # see _checkpoint_if_due
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            self._mark("open", durable=True)
            self._marked = True
        except sqlite3.DatabaseError as exc:
            raise _disk_error(exc) or WorkspaceError(
                "无法打开工作区文件。", "请从备份恢复，或选择其他工作区。",
                english="Cannot open the workspace file.",
                english_hint="Restore from a backup, or choose another workspace.",
            ) from exc

    @property
    def index_path(self) -> Path:
        return self.path.with_name(self.path.name + ".index")

    def _load_index(self) -> None:
        if not self.index.load(self.index_path, self._identity(self.reader())):
            self.index.rebuild(self.reader())

    @staticmethod
    def _identity(conn: sqlite3.Connection) -> dict[str, Any]:
        """The exact state of this file, for the member index cache: which workspace (a random
        id from its creation), which session last wrote it and how many writes it has seen,
        with the member count and highest id as a cross-check. A copy put in place by hand, a
        restored backup, another workspace's cache or a crash after writes all differ."""
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN "
                                 "('workspace_id', 'write_session', 'data_version')").fetchall())
        count, top = conn.execute("SELECT count(*), coalesce(max(id), 0) FROM members").fetchone()
        return {"workspace_id": str(meta.get("workspace_id", "")),
                "write_session": str(meta.get("write_session", "")),
                "data_version": str(meta.get("data_version", "0")),
                "members": int(count), "max_id": int(top)}

    def _save_index(self) -> None:
        """At close: keep the index for the next open (it names the file state it matches)."""
        if not self.index.ready.is_set() or not self.index.dirty or self._write_conn is None:
            return
        try:
            self.index.save(self.index_path, self._identity(self._write_conn))
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
                                   audited, actor or authors.author(self.actor, self.operator_name),
                                   INITIATOR.get())

    def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``submit`` and wait: for the CLI, tests and code already off the UI thread."""
        return self.submit(fn, *args, **kwargs).result()

    def _run_write(self, fn: Callable[..., T], args: tuple[Any, ...], action: str, summary: str,
                   audited: bool, actor: str, initiator: object | None = None) -> T:
        changes = Changes(initiator=initiator)

        def body(conn: sqlite3.Connection) -> T:
            ctx = WriteContext(conn, actor, action, summary, changes, audited,
                               now=self.clock.now())
            result = fn(ctx, *args)
            ctx.finish()
            if not self._session_recorded:  # the member index cache keys on it
                self._set_meta(conn, "write_session", self._session)
            self._set_meta(conn, "data_version", str(self._data_version(conn) + 1))
            return result

        conn, result = self._transaction(body)
        self._session_recorded = True
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

    def submit_bookkeeping(self, fn: Callable[[sqlite3.Connection], T]) -> Future[T]:
        """Run ``fn(conn)`` on the writer thread in one transaction, for the workspace's own
        bookkeeping (the scheduler's leases and runs): no audit batch, no change notice to the
        screens, no new ``data_version`` (nothing the member index or history shows changes)."""
        return self._writer.submit(lambda: self._transaction(fn)[1])

    def _transaction(self, body: Callable[[sqlite3.Connection], T]
                     ) -> tuple[sqlite3.Connection, T]:
        """``body(conn)`` in one IMMEDIATE transaction on the writer connection (writer thread
        only): rolled back on any error, a full disk said in the operator's words, and a WAL
        checkpoint when one is due once it has committed."""
        conn = self._write_conn
        if conn is None or self.closed:
            raise WorkspaceError("工作区已关闭。", english="The workspace is closed.")
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = body(conn)
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
        self._queue_checkpoint()
        return conn, result

    def _queue_checkpoint(self) -> None:
        """A checkpoint due after a commit runs as the writer's next job, so the write's caller
        (and the screen waiting on it) has its result without waiting for the WAL to be folded
        back; a write queued behind still waits for it, and readers never do (WAL)."""
        if self._checkpoint_queued:
            return
        self._checkpoint_queued = True

        def run() -> None:
            self._checkpoint_queued = False
            conn = self._write_conn
            if conn is None:
                return
            try:
                self._checkpoint_if_due(conn)
            except Exception:  # committed already: a checkpoint can wait for the next write
                log.exception("checkpoint after a write failed")
        try:
            self._writer.submit(run)
        except RuntimeError:  # shutting down: closing folds the WAL in anyway
            self._checkpoint_queued = False

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

    # -- backups (store/backups.py) ------------------------------------------------------------
    _backup_serial = threading.Lock()  # one copy at a time (the rotation's names and pruning)
    _backups_pending: tuple[Future[Path], ...] = ()  # for ``_wait_for_backups``

    def _backup_to(self, target: Path) -> Path:
        """A checked copy (raises ``backups.BackupError``); on the writer thread, for the copy
        before a migration (nothing else may write then)."""
        assert self._write_conn is not None
        return backups.backup_to(self._write_conn, target)

    def _off_the_writer(self, fn: Callable[[], Path]) -> Future[Path]:
        """``fn`` on a thread of its own that ends with it (no idle thread is left behind)."""
        def run() -> Path:
            with self._backup_serial:
                if self.closed:
                    raise WorkspaceError("工作区已关闭。", english="The workspace is closed.")
                return fn()
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="siyu-backup")
        future = pool.submit(run)
        pool.shutdown(wait=False)
        self._backups_pending = (*(f for f in self._backups_pending if not f.done()), future)
        return future

    def backup_now(self, progress: ProgressFn | None = None) -> Future[Path]:
        """A checked, consistent copy in ``backups/``; keeps the newest few good ones.

        Off the writer: a thread of its own copies from a read connection of its own in one
        step (a WAL snapshot), so writes go on meanwhile — at 650 MB the copy takes seconds and
        must not hold up the first write after the start. Backups run one at a time."""
        return self._off_the_writer(lambda: backups.rotate_file(
            self.path, self.backup_dir, self.path.stem, BACKUPS_KEPT, now=self.clock.now(),
            progress=progress))

    def export_copy(self, target: Path, progress: ProgressFn | None = None) -> Future[Path]:
        """A checked, consistent copy at ``target`` (a handover), off the writer like
        ``backup_now``; never onto the workspace file itself."""
        return self._off_the_writer(lambda: backups.copy_file(self.path, Path(target), progress))

    def _wait_for_backups(self) -> None:
        """For ``close``: a copy under way finishes (its connection closed) before the file is
        let go of."""
        for future in self._backups_pending:
            with contextlib.suppress(Exception):
                future.result()

    def backup_if_due(self) -> Future[Path] | None:
        """The daily backup (window and command line alike); None when the last is recent."""
        if not backups.is_due(self.backup_dir, self.path.stem, self.clock.now()):
            return None
        return self.backup_now()

    # -- closing -------------------------------------------------------------------------------
    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self._wait_for_backups()  # a copy still reading the file finishes first

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
        if self._marked:  # still under the lock: the last connection has folded the -wal in
            wal = wsfile.companion(self.path, "-wal")
            gone = not wal.exists() or wal.stat().st_size == 0
            self._mark("clean" if gone else "unknown", durable=False)
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


def restore_backup(backup: Path, target: Path) -> Path | None:
    """Replace the closed workspace ``target`` with a verified backup copy, under its lock
    (refused while it is open anywhere; a damaged or foreign copy is refused and changes
    nothing). The current file (with its ``-wal``) is kept in ``backups/`` as a safety copy,
    which is returned; its companions are removed, so no ``-wal`` of the old file is ever
    replayed into the restored one (see ``backups.restore``)."""
    return backups.restore(backup, target, workspace_lock(target))
