"""Finding, creating and opening workspace files (the demo one included)."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

import filelock

from .. import paths
from ..errors import Cancelled, WorkspaceError
from ..store import db, demo
from ..store.db import Workspace

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]


def default_workspace(data_dir: Path) -> Path:
    return data_dir / paths.WORKSPACE_FILE


def demo_workspace(data_dir: Path) -> Path:
    return data_dir / paths.DEMO_WORKSPACE_FILE


def last_workspace(data_dir: Path) -> Path | None:
    """The workspace opened last time, if it still exists (remembered in the data dir)."""
    marker = data_dir / "last-workspace.txt"
    try:
        path = Path(marker.read_text(encoding="utf-8").strip())
    except OSError:
        return None
    return path if path.exists() else None


def remember(data_dir: Path, workspace: Path) -> None:
    marker = data_dir / "last-workspace.txt"
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(str(workspace), encoding="utf-8")
    os.replace(tmp, marker)


COMPANIONS = ("-wal", "-shm", "-journal")


class _Lock(Protocol):
    def acquire(self, timeout: float = ...) -> Any: ...
    def release(self) -> Any: ...


def _locks_for(path: Path) -> list[_Lock]:
    """The locks ``Workspace.open`` takes for ``path``: the store's lock on the file itself, and
    the older ``<file>.lock`` lock file while a process of an earlier version may hold it."""
    locks: list[_Lock] = []
    make = getattr(db, "workspace_lock", None)
    if make is not None:
        locks.append(make(path))
    legacy = Path(str(path) + ".lock")
    if make is None or legacy.exists():
        locks.append(filelock.FileLock(str(legacy), timeout=0))
    return locks


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[None]:
    """Hold ``path``'s workspace lock while it is replaced: refused while the workspace is open
    anywhere (a window, a command), and its stale ``-wal``/``-shm`` (from a crash) are removed
    first so SQLite can never replay them into the new file."""
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    held: list[_Lock] = []
    try:
        for lock in _locks_for(path):
            lock.acquire(timeout=0)
            held.append(lock)
    except filelock.Timeout:
        for lock in reversed(held):
            lock.release()
        raise WorkspaceError(
            f"工作区“{path.name}”正在使用中（另一个私域运营台窗口或命令打开着它），不能替换。",
            "请先关闭正在使用它的窗口或命令，再重试；文件没有被修改。",
            english=f"{path.name} is open elsewhere; close it first. The file was not changed.",
        ) from None
    except OSError as exc:
        for lock in reversed(held):
            lock.release()
        raise _build_error(exc, path) from exc
    try:
        for suffix in (*COMPANIONS, ".session"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        yield
    finally:
        for lock in reversed(held):
            lock.release()


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: BaseException | None = exc
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__


def _build_error(exc: BaseException, path: Path) -> WorkspaceError:
    """A failed build's cause in the operator's words: a full disk or an I/O error is said as
    such, never as a damaged file."""
    texts = " ".join(f"{c} {getattr(c, 'english', '')}".lower() for c in _causes(exc))
    if any(getattr(c, "errno", None) == errno.ENOSPC for c in _causes(exc)) or "full" in texts:
        return WorkspaceError(
            "磁盘空间已满，演示工作区没有建成。",
            f"请清理“{path.parent}”所在磁盘的空间后重试；未完成的文件已删除，原有的文件没有改动。",
            english="The disk is full; the demo workspace was not built. Nothing was left behind.")
    if any(isinstance(c, PermissionError) for c in _causes(exc)) or "read-only" in texts \
            or "readonly" in texts:
        return WorkspaceError(
            f"无法在“{path.parent}”中写入，演示工作区没有建成。",
            "请检查文件夹的写入权限，或用 --data-dir 换一个可写的数据文件夹。",
            english=f"Cannot write in {path.parent}; the demo workspace was not built.")
    return WorkspaceError(
        "写入磁盘时出错（磁盘读写错误），演示工作区没有建成。",
        f"请检查“{path.parent}”所在的磁盘后重试；未完成的文件已删除，原有的文件没有改动。",
        english="A disk I/O error stopped the demo build. Nothing was left behind.")


def _remove_build(partial: Path) -> None:
    suffixes = (*COMPANIONS, ".index", ".lock", ".session", ".session.tmp")
    for leftover in (partial, *(Path(str(partial) + s) for s in suffixes)):
        with contextlib.suppress(OSError):
            leftover.unlink()


def create_demo(path: Path, size: demo.DemoSize | None = None, seed: int = 7,
                progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                ) -> Workspace:
    """Build the demo brand into a fresh file and put it in place under the workspace's lock
    (refused while the old one is open anywhere); a half-built file never stays behind."""
    partial = path.with_name(path.name + ".building")
    with replacing(path):
        _remove_build(partial)
        try:
            ws = Workspace.open(partial, build_index=False)
            try:
                ws.write(demo.generate, size or demo.DemoSize(), seed, audited=False,
                         progress=progress, cancelled=cancelled)
            finally:
                ws.close()
            os.replace(partial, path)
            built_index = partial.with_name(partial.name + ".index")
            target_index = path.with_name(path.name + ".index")
            if built_index.exists():
                os.replace(built_index, target_index)
            else:
                target_index.unlink(missing_ok=True)  # the old file's cache must not be trusted
        except Cancelled:
            _remove_build(partial)
            raise
        except (OSError, sqlite3.Error, WorkspaceError) as exc:
            _remove_build(partial)
            log.error("demo build into %s failed: %s", partial, exc)
            if isinstance(exc, WorkspaceError) and not _is_disk(exc):
                raise
            raise _build_error(exc, path) from exc
        _remove_build(partial)
    return Workspace.open(path)


def _is_disk(exc: WorkspaceError) -> bool:
    """A store error that is really the disk's (full, I/O, read-only), not the file's."""
    words = " ".join(str(c).lower() for c in _causes(exc) if c is not exc)
    return isinstance(exc.__cause__, (OSError, sqlite3.OperationalError)) or any(
        w in words for w in ("full", "disk i/o", "readonly", "read-only"))


def open_or_create_demo(data_dir: Path, progress: Progress | None = None) -> Workspace:
    path = demo_workspace(data_dir)
    if path.exists():
        return Workspace.open(path)
    return create_demo(path, progress=progress)
