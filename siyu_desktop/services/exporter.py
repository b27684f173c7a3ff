"""Exporting members to a roster .xlsx (or .csv) that imports back unchanged: the whole roster, a saved
segment, or a selection of ids. Channels go out by name and come back to the same codes.

Rows are read in id chunks from one read transaction (a consistent snapshot even while syncs or
imports write) and streamed to ``excel.writer.write_roster``: typed cells, phones and ids as text,
tags as 「分组:标签」, text that looks like a formula kept as text, and a new sheet after Excel's
last row. Runs on a worker thread; ``ops.Progress`` (step ``write``) and ``ops.CancelToken`` as
for imports.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..domain.segments import Segment
from ..errors import ValidationError
from ..excel.normalize import RosterRow
from ..excel.writer import MAX_SHEET_DATA_ROWS, export_suffix, write_roster
from ..ops import CancelToken, ProgressFn, checker, report
from ..store import channels as channel_store
from ..store import workspace_file
from .workspace import WorkspaceService

CHUNK = 2000  # members read per query round


class RecordReader:
    """Members as roster rows, for exports: the names of tags, staff and groups are read once,
    and each member's links come back as one ``group_concat`` of ids per member instead of a
    row per link (an exported member has five tags on average: this is most of the reading)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # (rank, (group, tag)): tags listed in library order (group, then tag), as the roster
        # screen lists them.
        self.tags = {tag_id: (rank, (group, name)) for rank, (tag_id, group, name) in enumerate(
            conn.execute("SELECT t.id, g.name, t.name FROM tags t JOIN tag_groups g "
                         "ON g.id = t.group_id ORDER BY g.id, t.id"))}
        self.staff = dict(conn.execute("SELECT id, name FROM staff"))
        self.groups = dict(conn.execute("SELECT id, name FROM groups"))
        # Channels are written by name (包裹卡, not package_card): an import maps them back.
        self.channels = channel_store.load(conn)

    def records(self, ids: Sequence[int]) -> list[RosterRow]:
        """These members, in the order of ``ids`` (ids that no longer exist skipped)."""
        if not ids:
            return []
        found: dict[int, RosterRow] = {}
        tags, staff, groups = self.tags, self.staff, self.groups
        for (member_id, name, phone, eid, union, level, channel, birthday, joined, points, remark,
             gender, extra, tag_ids, follows, rosters) in self.conn.execute(
                "SELECT id, name, phone, external_userid, unionid, level, channel, birthday, "
                "joined_at, points, remark, gender, extra, "
                "(SELECT group_concat(tag_id) FROM member_tags WHERE member_id = m.id), "
                # follow-ups by when they were added, then staff id; groups by when joined
                "(SELECT group_concat(coalesce(add_time, -1) || ':' || staff_id, ',') "
                " FROM follows WHERE member_id = m.id), "
                "(SELECT group_concat(coalesce(join_time, -1) || ':' || group_id, ',') "
                " FROM roster WHERE member_id = m.id) "
                f"FROM members m WHERE id IN ({','.join('?' * len(ids))})", list(ids)):
            extras = _extras(extra)
            found[member_id] = RosterRow(
                name=name, phone=phone, external_userid=eid, unionid=union, level=level,
                channel=self.channels.name_of(channel) if channel else "", birthday=birthday,
                added_at=joined,
                staff=_ordered_names(follows, staff), groups=_ordered_names(rosters, groups),
                tags=tuple(pair for _, pair in sorted(
                    tags[t] for t in map(int, tag_ids.split(",")) if t in tags))
                if tag_ids else (),
                points=points, remark=remark, gender=gender,
                extras={str(k): "" if v is None else str(v) for k, v in extras.items()})
        return [found[i] for i in ids if i in found]


def _ordered_names(pairs: str | None, names: dict[int, str]) -> tuple[str, ...]:
    """``"t:id,t:id"`` (time, id) → the names, by time then id."""
    if not pairs:
        return ()
    keyed = sorted(tuple(map(int, p.split(":"))) for p in pairs.split(","))
    return tuple(names[i] for _, i in keyed if i in names)


def _extras(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def extra_columns(conn: sqlite3.Connection) -> list[str]:
    """The operator's own columns kept by earlier imports, in the order first seen."""
    keys: dict[str, None] = {}
    for (text,) in conn.execute("SELECT extra FROM members WHERE extra IS NOT NULL "
                                "AND extra NOT IN ('', '{}')"):
        for key in _extras(text):
            keys.setdefault(str(key), None)
    return list(keys)


# Files that live beside a workspace and belong to it: the store's own list, and the lock file
# older versions kept.
COMPANION_SUFFIXES = (*workspace_file.COMPANION_SUFFIXES, ".lock", ".session.tmp")


def check_not_workspace(target: Path, workspace: Path, backup_dir: Path | None = None) -> None:
    """Raise ``ValidationError`` if writing ``target`` would overwrite the workspace file, one of
    its companions (``-wal``, ``-shm``, ``.index``, ``.lock``…) or anything in its backups folder.
    Paths are compared resolved, and by file identity where the target exists."""
    own = [workspace, *(workspace.with_name(workspace.name + s) for s in COMPANION_SUFFIXES)]
    resolved = _resolved(target)
    hit = any(resolved == _resolved(p) for p in own)
    if not hit and _exists(target):
        for path in own:
            with contextlib.suppress(OSError):
                if path.exists() and os.path.samefile(target, path):
                    hit = True
                    break
    in_backups = False
    if backup_dir is not None:
        folder = _resolved(backup_dir)
        in_backups = folder == resolved or folder in resolved.parents
        if not in_backups and _exists(target):
            with contextlib.suppress(OSError):
                in_backups = any(os.path.samefile(target, b) for b in backup_dir.iterdir())
    if hit or in_backups:
        raise ValidationError(
            "不能导出到这个位置：它是当前工作区的数据文件" + ("的备份。" if in_backups and not hit else "。"),
            "覆盖它会毁掉工作区里的数据。请换一个文件名，例如「客户名单.xlsx」。",
            english="Refused: the target is the open workspace's own file.",
            english_hint="Overwriting it would destroy the workspace's data. Choose another file name, for example members.xlsx.")


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name too long, a folder we may not look into: writing will say so
        return False


def _resolved(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError):
        return path.absolute()


class Exporter:
    def __init__(self, service: WorkspaceService) -> None:
        self.service = service
        self._ws = service._ws  # services share the workspace; screens never reach it

    # Rows per sheet of an .xlsx export (Excel's limit); tests make it small.
    rows_per_sheet = MAX_SHEET_DATA_ROWS

    async def export(self, target: Segment | Sequence[int] | None, path: str | os.PathLike[str],
                     *, progress: ProgressFn | None = None,
                     cancel: CancelToken | None = None) -> int:
        """Write ``target`` (a segment; ids in the order given; None = everyone) to ``path``,
        as .xlsx or .csv by its name. Returns the number of members written. The file appears
        only when complete; a full disk, a read-only folder or a path too long raises
        ``FileSaveError``; the workspace's own files and an unknown format ``ValidationError``."""
        self.check_target(Path(path))
        return await asyncio.to_thread(self.export_now, target, Path(path), progress, cancel)

    def check_target(self, path: Path) -> None:
        """Refuse a target that is the open workspace or one of its companion files (under any
        name: a hard link counts), then any format but .xlsx and .csv."""
        check_not_workspace(path, self._ws.path, getattr(self._ws, "backup_dir", None))
        export_suffix(path)

    def export_now(self, target: Segment | Sequence[int] | None, path: Path,
                   progress: ProgressFn | None = None, cancel: CancelToken | None = None) -> int:
        self.check_target(path)
        conn = self._ws.reader()
        conn.execute("BEGIN")  # one snapshot for the whole file
        try:
            ids = self._ids(target)
            extras = extra_columns(conn)
            reader = RecordReader(conn)

            def rows() -> Iterator[RosterRow]:
                for start in range(0, len(ids), CHUNK):
                    yield from reader.records(ids[start:start + CHUNK])
            total = len(ids)
            return write_roster(path, rows(), extras=extras, tz=self.service.tz,
                                cancel=checker(cancel),
                                progress=(lambda n: report(progress, "write", n, total))
                                if progress else None,
                                max_rows_per_sheet=self.rows_per_sheet)
        finally:
            conn.execute("COMMIT")

    def _ids(self, target: Segment | Sequence[int] | None) -> list[int]:
        if target is None or isinstance(target, Segment):
            result = self.service.evaluate_now(target or Segment())
            return [int(i) for i in self.service.ordered_now(result)]
        return [int(i) for i in target]
