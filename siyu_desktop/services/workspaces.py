"""Finding, creating and opening workspace files (the demo one included)."""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import filelock

from .. import paths
from ..domain import workspace_settings as settings_rules
from ..errors import Cancelled, ValidationError, WorkspaceError
from ..ops import CancelToken, Progress, ProgressFn
from ..store import db, demo, workspace_file
from ..store.db import Workspace
from .connection import ConnectionConfig, ConnectionService

log = logging.getLogger(__name__)

WORKSPACE_SUFFIX = ".siyu.db"
RECENT_FILE = "recent-workspaces.json"
RECENT_KEPT = 10


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
    """``workspace`` is the one plain starts open from now on, and first in the recent list."""
    workspace = Path(workspace).resolve()
    marker = data_dir / "last-workspace.txt"
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(str(workspace), encoding="utf-8")
    os.replace(tmp, marker)
    recent = [workspace, *(p for p in recent_workspaces(data_dir) if p != workspace)]
    listing = data_dir / RECENT_FILE
    tmp = listing.with_suffix(".tmp")
    try:
        tmp.write_text(json.dumps([str(p) for p in recent[:RECENT_KEPT]], ensure_ascii=False),
                       encoding="utf-8")
        os.replace(tmp, listing)
    except OSError:
        log.warning("could not update the recent workspaces list")


def recent_workspaces(data_dir: Path) -> list[Path]:
    """The workspaces opened lately, most recent first, those that still exist."""
    try:
        names = json.loads((data_dir / RECENT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        names = []
    found = [Path(n) for n in names if isinstance(n, str)] if isinstance(names, list) else []
    last = last_workspace(data_dir)
    if last is not None and last.resolve() not in found:
        found.insert(0, last.resolve())
    return [p for p in found if p.exists()]


@dataclass(frozen=True)
class KnownWorkspace:
    path: Path
    current: bool  # what a plain start opens
    demo: bool
    recent: bool  # in the recent list (else only found in the data folder)


def known_workspaces(data_dir: Path) -> list[KnownWorkspace]:
    """The recent workspaces (most recent first), then the other workspace files in the data
    folder (by name). The current one is what a plain start opens: the last one used, else the
    demo."""
    recent = recent_workspaces(data_dir)
    current = (last_workspace(data_dir) or demo_workspace(data_dir)).resolve()
    demo_path = demo_workspace(data_dir).resolve()
    try:
        in_folder = sorted(p.resolve() for p in data_dir.glob(f"*{WORKSPACE_SUFFIX}"))
    except OSError:
        in_folder = []
    ordered = [*recent, *(p for p in in_folder if p not in recent)]
    return [KnownWorkspace(p, p == current, p == demo_path, p in recent) for p in ordered]


def use_workspace(data_dir: Path, path: Path) -> Path:
    """Make the existing workspace file ``path`` the one plain starts open. Never creates a
    file: a missing one, or a file that is not a workspace, is a ``WorkspaceError``."""
    path = Path(path).expanduser().resolve()
    if not path.is_file():
        raise WorkspaceError(
            f"工作区文件“{path}”不存在。",
            "请检查路径是否写对；新建工作区请用 `siyu new 品牌名`。",
            english=f"The workspace file {path} does not exist.",
            english_hint="Check the path; to create a workspace use `siyu new BRAND`.")
    db.check_file(path)
    try:
        kind, _version = workspace_file.inspect(path)
    except (OSError, sqlite3.Error):
        kind = "unreadable"
    if kind != "ours":
        raise WorkspaceError(
            f"“{path.name}”不是私域运营台的工作区文件。",
            "请选择一个工作区文件（通常以 .siyu.db 结尾）；没有做任何改动。",
            english=f"{path.name} is not a Siyu workspace file.",
            english_hint="Choose a workspace file (usually ending in .siyu.db); nothing was changed.")
    remember(data_dir, path)
    return path


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}


def file_name_for(brand: str) -> str:
    """A workspace file name for a brand name, valid on Windows, macOS and Linux."""
    stem = _UNSAFE.sub("_", brand.strip()).strip(" .")[:60] or "workspace"
    if stem.lower() in _RESERVED:
        stem += "_"
    return stem + WORKSPACE_SUFFIX


def create_workspace(data_dir: Path, brand: str, timezone: str = settings_rules.DEFAULT_TIMEZONE,
                     corp_id: str = "") -> Path:
    """A new, empty workspace for ``brand`` in the data folder (named after the brand), with its
    time zone and, optionally, its WeCom corp id; it becomes the one plain starts open. Refuses
    an invalid brand or time zone and a name already taken; leaves nothing behind on failure."""
    brand = brand.strip()
    if not brand:
        raise ValidationError("请填写品牌名称。", "例如：毛孩子食堂。",
                              english="The brand name is required.",
                              english_hint="For example: Happy Paws Kitchen.")
    settings = settings_rules.parse({"brand": brand, "timezone": timezone})
    path = (data_dir / file_name_for(brand)).resolve()
    if path == demo_workspace(data_dir).resolve():
        raise ValidationError(f"“{brand}”是演示工作区用的名字。", "请换一个品牌名称。",
                              english=f"{brand} is the demo workspace's name.",
                              english_hint="Choose another brand name.")
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)  # claims the name
    except FileExistsError:
        raise ValidationError(
            f"已经有名为“{brand}”的工作区（{path.name}）。",
            "请换一个名称，或用 `siyu use` 打开已有的那个。",
            english=f"A workspace named {brand} already exists.",
            english_hint="Choose another name, or open the existing one with `siyu use`.") from None
    except OSError as exc:
        raise paths.data_dir_error(data_dir, exc) from exc
    os.close(fd)
    try:
        ws = Workspace.open(path, create=True, build_index=False)
        try:
            ws.set_meta("brand", settings.brand)
            ws.set_setting("timezone", settings.timezone)
            if corp_id.strip():
                ConnectionService(ws).save(ConnectionConfig(corp_id=corp_id.strip()))
        finally:
            ws.close()
    except BaseException:
        _remove_build(path)
        raise
    remember(data_dir, path)
    log.info("created the workspace %s", path)
    return path


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
            english_hint="Close the window or command using it first, then try again; the file was not changed.",
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
            english="The disk is full; the demo workspace was not built. Nothing was left behind.",
            english_hint=f"Free some space on the disk holding {path.parent} and try again; the unfinished file was deleted and the existing files were not changed.")
    if any(isinstance(c, PermissionError) for c in _causes(exc)) or "read-only" in texts \
            or "readonly" in texts:
        return WorkspaceError(
            f"无法在“{path.parent}”中写入，演示工作区没有建成。",
            "请检查文件夹的写入权限，或用 --data-dir 换一个可写的数据文件夹。",
            english=f"Cannot write in {path.parent}; the demo workspace was not built.",
            english_hint="Check the folder's write permission, or use --data-dir to pick a writable data folder.")
    return WorkspaceError(
        "写入磁盘时出错（磁盘读写错误），演示工作区没有建成。",
        f"请检查“{path.parent}”所在的磁盘后重试；未完成的文件已删除，原有的文件没有改动。",
        english="A disk I/O error stopped the demo build. Nothing was left behind.",
        english_hint=f"Check the disk holding {path.parent} and try again; the unfinished file was deleted and the existing files were not changed.")


def _remove_build(partial: Path) -> None:
    suffixes = (*COMPANIONS, ".index", ".lock", ".session", ".session.tmp")
    for leftover in (partial, *(Path(str(partial) + s) for s in suffixes)):
        with contextlib.suppress(OSError):
            leftover.unlink()


DEMO_STEPS = ("members", "follows", "tags", "groups", "points")  # the demo build's steps, in order


def _phases(progress: ProgressFn | None) -> Any:
    """The demo generator's ``(phase, done, total)`` reports as ``Progress`` (step = phase)."""
    if progress is None:
        return None

    def report(phase: str, done: int, total: int) -> None:
        index = DEMO_STEPS.index(phase) if phase in DEMO_STEPS else len(DEMO_STEPS)
        progress(Progress(phase, done, total, index))
    return report


def create_demo(path: Path, size: demo.DemoSize | None = None, seed: int = 7,
                progress: ProgressFn | None = None, cancel: CancelToken | None = None,
                ) -> Workspace:
    """Build the demo brand into a fresh file and put it in place under the workspace's lock
    (refused while the old one is open anywhere); a half-built file never stays behind.
    ``progress`` gets ``Progress(step=phase)``; a flipped ``cancel`` raises ``Cancelled``."""
    cancelled = (lambda: cancel.cancelled) if cancel is not None else None
    partial = path.with_name(path.name + ".building")
    with replacing(path):
        _remove_build(partial)
        try:
            ws = Workspace.open(partial, build_index=False)
            try:
                ws.write(demo.generate, size or demo.DemoSize(), seed, audited=False,
                         progress=_phases(progress), cancelled=cancelled)
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


def open_or_create_demo(data_dir: Path, progress: ProgressFn | None = None,
                        cancel: CancelToken | None = None) -> Workspace:
    path = demo_workspace(data_dir)
    if path.exists():
        return Workspace.open(path)
    return create_demo(path, progress=progress, cancel=cancel)
