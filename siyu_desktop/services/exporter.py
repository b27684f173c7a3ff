"""Exporting members to a roster .xlsx that imports back unchanged: the whole roster, a saved
segment, or a selection of ids. Channels go out by name and come back to the same codes.

Rows are read in id chunks from one read transaction (a consistent snapshot even while syncs or
imports write) and streamed to ``excel.writer.write_roster``: typed cells, phones and ids as text,
tags as 「分组:标签」, text that looks like a formula kept as text, and a new sheet after Excel's
last row. Runs on a worker thread; ``progress(done, total)`` and ``cancel()`` as for imports.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..domain.segments import Segment
from ..excel.normalize import RosterRow
from ..excel.writer import write_roster
from ..store import channels as channel_store
from .workspace import WorkspaceService

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], None]
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


class Exporter:
    def __init__(self, service: WorkspaceService) -> None:
        self.service = service
        self.ws = service.ws

    async def export(self, target: Segment | Sequence[int] | None, path: str | os.PathLike[str],
                     *, progress: Progress | None = None,
                     cancel: CancelCheck | None = None) -> int:
        """Write ``target`` (a segment; ids in the order given; None = everyone) to ``path``.
        Returns the number of members written. The file appears only when complete."""
        return await asyncio.to_thread(self.export_now, target, Path(path), progress, cancel)

    def export_now(self, target: Segment | Sequence[int] | None, path: Path,
                   progress: Progress | None = None, cancel: CancelCheck | None = None) -> int:
        conn = self.ws.reader()
        conn.execute("BEGIN")  # one snapshot for the whole file
        try:
            ids = self._ids(target)
            extras = extra_columns(conn)
            reader = RecordReader(conn)

            def rows() -> Iterator[RosterRow]:
                for start in range(0, len(ids), CHUNK):
                    yield from reader.records(ids[start:start + CHUNK])
            total = len(ids)
            return write_roster(path, rows(), extras=extras, tz=self.service.tz, cancel=cancel,
                                progress=(lambda n: progress(n, total)) if progress else None)
        finally:
            conn.execute("COMMIT")

    def _ids(self, target: Segment | Sequence[int] | None) -> list[int]:
        if target is None or isinstance(target, Segment):
            result = self.service.evaluate_now(target or Segment())
            return [int(i) for i in self.service.ordered_now(result)]
        return [int(i) for i in target]
