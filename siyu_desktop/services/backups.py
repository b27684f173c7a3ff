"""Backups the operator can use: list them, make one now, export a copy for a handover, restore.

Backing up and exporting work on the open workspace (off its writer: writes go on meanwhile).
Restoring works on a closed workspace file (``restore``): the window closes the workspace, calls
it, and opens the file again; the command line refuses while the file is open anywhere.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from ..ops import ProgressFn
from ..store import backups
from ..store.db import Workspace, restore_backup

AUTO, SAFETY, MIGRATION = backups.AUTO, backups.SAFETY, backups.MIGRATION
KIND_LABELS = {AUTO: "自动备份", SAFETY: "恢复前保留的副本", MIGRATION: "升级前的副本"}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: float  # epoch seconds
    size_bytes: int
    members: int | None  # None when the copy cannot be read
    kind: str = AUTO  # AUTO, SAFETY (kept before a restore) or MIGRATION (before an upgrade)


def backup_dir(workspace_path: Path) -> Path:
    """Where the backups of the workspace file ``workspace_path`` are kept."""
    return workspace_path.parent / "backups"


def list_backups(workspace_path: Path) -> list[BackupInfo]:
    """Every backup of the workspace file, newest first; works with the workspace closed (or
    damaged). Reads each copy's member count read-only."""
    return [BackupInfo(c.path, c.made_at, c.size_bytes, backups.member_count(c.path), c.kind)
            for c in backups.copies(backup_dir(workspace_path), workspace_path.stem)]


def restore(backup: Path, workspace_path: Path) -> Path | None:
    """Replace the CLOSED workspace file with ``backup``: verified first (a damaged or foreign
    file is refused with a ``UserError`` and nothing changes), the current file kept as a safety
    copy in ``backups/`` (returned; None when there was no file), then replaced in one rename.
    Refused while the workspace is open anywhere. Blocking: run it in a thread."""
    return restore_backup(Path(backup), Path(workspace_path))


def stored_timezone(workspace_path: Path, default: str) -> str:
    """The workspace's time zone without opening it (for listing backups of a closed or damaged
    workspace): from the file, else from its newest backup, else ``default``."""
    sql = "SELECT json_extract(value, '$') FROM settings WHERE key = 'timezone'"
    for path in (workspace_path, *(c.path for c in backups.copies(
            backup_dir(workspace_path), workspace_path.stem))):
        value = backups.read_one(path, sql) if path.exists() else None
        if isinstance(value, str) and value:
            return value
    return default


class BackupsService:
    def __init__(self, ws: Workspace) -> None:
        self._ws = ws

    async def list(self) -> list[BackupInfo]:
        return await asyncio.to_thread(list_backups, self._ws.path)

    async def back_up_now(self, progress: ProgressFn | None = None) -> Path:
        """A checked copy in the rotation now; raises ``BackupError`` in the operator's words."""
        return await asyncio.wrap_future(self._ws.backup_now(progress))

    async def export_copy(self, target: Path, progress: ProgressFn | None = None) -> Path:
        """A checked, consistent copy at ``target`` for a handover (never the workspace file)."""
        return await asyncio.wrap_future(self._ws.export_copy(Path(target), progress))

    def last_backup_text(self) -> str:
        return backups.describe_last(self._ws.backup_dir, self._ws.path.stem)
