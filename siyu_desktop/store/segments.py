"""Evaluating and saving segments. Tags and staff go through bitmaps, member fields through the
numpy columns of the index, group membership through SQL; the parts are intersected."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import date
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt
from pyroaring import BitMap

from ..domain.segments import Segment, resolve_times
from ..errors import ValidationError
from .audit import WriteContext, rows_as_dicts
from .index import MISSING, IntArray, MemberIndex


def evaluate(index: MemberIndex, conn: sqlite3.Connection, segment: Segment,
             today: date, tz: ZoneInfo) -> BitMap:
    result: BitMap | None = None

    def narrow(bm: BitMap) -> None:
        nonlocal result
        result = bm if result is None else result & bm

    if segment.all_tags:
        for bm in sorted((index.tag(t) for t in segment.all_tags), key=len):
            narrow(bm)
    if segment.any_tags:
        narrow(BitMap.union(*(index.tag(t) for t in segment.any_tags)))
    if segment.staff:
        narrow(BitMap.union(*(index.staff.get(s, BitMap()) for s in segment.staff)))
    if segment.ids is not None:
        narrow(BitMap(segment.ids))
    if segment.groups or segment.group_kinds:
        narrow(_group_members(conn, segment.groups, segment.group_kinds))

    times = resolve_times(segment, today, tz)
    checks: list[tuple[str, Callable[[IntArray], npt.NDArray[np.bool_]]]] = []
    # The writer thread may publish a newer index meanwhile: read the bitmaps before the
    # columns (the writer publishes in the other order), so every id is inside the columns.
    everyone = index.all
    cols = index.cols
    size = len(cols["level"])
    if segment.levels:
        checks.append(("level", lambda v: np.isin(v, segment.levels)))
    if segment.channels:
        codes = [index.channel_codes.get(c, -1) for c in segment.channels]
        checks.append(("channel", lambda v: np.isin(v, codes)))
    if times.joined_min is not None or times.joined_max is not None:
        lo = times.joined_min if times.joined_min is not None else MISSING + 1
        hi = times.joined_max if times.joined_max is not None else np.iinfo(np.int64).max
        checks.append(("joined_at", lambda v: (v >= lo) & (v <= hi)))
    if times.active_min is not None or times.active_max is not None:
        alo = times.active_min if times.active_min is not None else MISSING + 1
        ahi = times.active_max if times.active_max is not None else np.iinfo(np.int64).max
        checks.append(("last_active_at", lambda v: (v >= alo) & (v <= ahi)))
    if times.birthdays is not None:
        days = sorted(times.birthdays)
        checks.append(("birth_md", lambda v: np.isin(v, days)))
    if segment.points_min is not None or segment.points_max is not None:
        plo = segment.points_min if segment.points_min is not None else MISSING + 1
        phi = segment.points_max if segment.points_max is not None else np.iinfo(np.int64).max
        checks.append(("points", lambda v: (v >= plo) & (v <= phi)))

    if checks:
        # Small candidate sets are checked row by row; otherwise whole columns at once.
        if result is not None and len(result) < size // 16:
            ids: IntArray = np.asarray(result.to_array(), dtype=np.int64)
            keep = np.ones(len(ids), dtype=bool)
            for column, test in checks:
                keep &= test(cols[column][ids])
            result = BitMap(ids[keep].astype(np.uint32))
        else:
            mask = np.zeros(size, dtype=bool)
            mask[np.asarray(everyone.to_array(), dtype=np.int64)] = True
            for column, test in checks:
                mask &= test(cols[column])
            narrow(BitMap(np.flatnonzero(mask).astype(np.uint32)))

    final = index.all.copy() if result is None else result & index.all
    if segment.none_tags:
        final = final - BitMap.union(*(index.tag(t) for t in segment.none_tags))
    return final


def _group_members(conn: sqlite3.Connection, group_ids: Sequence[int],
                   kinds: Sequence[str]) -> BitMap:
    bm = BitMap()
    if group_ids:
        bm |= BitMap(r[0] for r in conn.execute(
            "SELECT member_id FROM roster WHERE member_id IS NOT NULL AND group_id IN "
            f"({','.join('?' * len(group_ids))})", list(group_ids)))
    if kinds:
        bm |= BitMap(r[0] for r in conn.execute(
            "SELECT r.member_id FROM roster r JOIN groups g ON g.id = r.group_id "
            f"WHERE r.member_id IS NOT NULL AND g.kind IN ({','.join('?' * len(kinds))})",
            list(kinds)))
    return bm


SORT_KEYS = ("id", "name", "level", "channel", "joined_at", "last_active_at", "birth_md", "points")


def ordered_ids(index: MemberIndex, conn: sqlite3.Connection, members: BitMap,
                key: str = "id", descending: bool = False) -> IntArray:
    """The members in display order, as a numpy id array (the roster model's id list)."""
    ids: IntArray = np.asarray(members.to_array(), dtype=np.int64)
    if key != "id":
        values = index.name_rank(conn)[ids] if key == "name" else index.cols[key][ids]
        ids = ids[np.argsort(values, kind="stable")]
    return ids[::-1].copy() if descending else ids


# -- saved segments ----------------------------------------------------------------------------
def list_saved(conn: sqlite3.Connection) -> list[tuple[int, str, Segment]]:
    return [(r[0], r[1], Segment.from_json(r[2]))
            for r in conn.execute("SELECT id, name, definition FROM segments ORDER BY name")]


def find_saved(conn: sqlite3.Connection, name: str) -> Segment | None:
    row = conn.execute("SELECT definition FROM segments WHERE name = ?", (name,)).fetchone()
    return Segment.from_json(row[0]) if row else None


def save(ctx: WriteContext, name: str, segment: Segment) -> int:
    name = name.strip()
    if not name:
        raise ValidationError("人群包名称不能为空。", english="The segment needs a name.")
    existing = rows_as_dicts(ctx.conn, "SELECT * FROM segments WHERE name = ?", (name,))
    if existing:
        ctx.conn.execute("UPDATE segments SET definition = ?, updated_at = ? WHERE id = ?",
                         (segment.to_json(), ctx.now, existing[0]["id"]))
        segment_id = int(existing[0]["id"])
    else:
        cur = ctx.conn.execute("INSERT INTO segments(name, definition, created_at, updated_at) "
                               "VALUES (?, ?, ?, ?)", (name, segment.to_json(), ctx.now, ctx.now))
        segment_id = int(cur.lastrowid or 0)
    after = rows_as_dicts(ctx.conn, "SELECT * FROM segments WHERE id = ?", (segment_id,))[0]
    ctx.log("segments", existing[0] if existing else None, after)
    ctx.changes.segments_changed = True
    return segment_id


def delete_saved(ctx: WriteContext, segment_id: int) -> None:
    before = rows_as_dicts(ctx.conn, "SELECT * FROM segments WHERE id = ?", (segment_id,))
    if before:
        ctx.conn.execute("DELETE FROM segments WHERE id = ?", (segment_id,))
        ctx.log("segments", before[0], None)
        ctx.changes.segments_changed = True
