"""An in-memory index of members next to SQLite, so segments and facets feel instant at 1M.

SQL stays the source of truth. The index holds, per tag and per staff member, a roaring bitmap of
member ids (tag algebra and facet counts in well under a millisecond), and a few low-cardinality
or numeric member fields as numpy columns indexed by member id (level, channel, joined, last
active, birthday, points) so every filter on them is one vectorised comparison. It is built when
a workspace opens and kept current by every write (``Changes``), applied after commit.

Threads: the writer thread changes the index while worker threads read it (facets, segments),
so changes are copy-on-write. A writer builds new ``tags``/``staff`` dicts, a new ``all``
bitmap and, when they must grow, new ``cols``, and swaps the reference in; a bitmap in those
dicts is never changed in place (only a changed member's row in ``cols`` is, value by value).
Readers take the reference once and work on it with no lock: iterating a dict the writer is
changing would raise "dictionary changed size during iteration", and holding the lock for a
1M-member facet count would stall the writer. Writers still serialize on ``_lock``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from pyroaring import BitMap

IntArray = npt.NDArray[np.int64]
MISSING = np.iinfo(np.int64).min  # "no value" in int64 columns (never matches a range)


@dataclass
class Changes:
    """What one committed write touched, so the index (and screens) update just that."""

    members: set[int] = field(default_factory=set)
    members_deleted: set[int] = field(default_factory=set)
    tag_added: dict[int, list[int]] = field(default_factory=dict)
    tag_removed: dict[int, list[int]] = field(default_factory=dict)
    tags_dropped: set[int] = field(default_factory=set)
    library_changed: bool = False  # tags or tag groups created, renamed, merged or deleted
    follows_changed: bool = False
    groups_changed: bool = False
    segments_changed: bool = False
    outbox_changed: bool = False  # items queued, sent, failed or given up
    channels_changed: bool = False  # the channel list (渠道) edited, merged or grown
    rewards_changed: bool = False  # the rewards catalog, its codes or redemptions
    levels_changed: bool = False  # members' levels recomputed, or the level policy saved
    full_rebuild: bool = False
    # who started the write (``ops.INITIATOR`` when it was submitted): a screen's controller,
    # the scheduler; None when unknown, or when writes of several initiators were folded
    initiator: object | None = field(default=None, compare=False)

    def add_tag(self, tag_id: int, member_ids: Iterable[int]) -> None:
        self.tag_added.setdefault(tag_id, []).extend(member_ids)

    def remove_tag(self, tag_id: int, member_ids: Iterable[int]) -> None:
        self.tag_removed.setdefault(tag_id, []).extend(member_ids)

    def merge(self, other: Changes) -> None:
        """Fold a later write's changes into these (screens refresh once for both)."""
        self.members |= other.members
        self.members_deleted |= other.members_deleted
        for tag_id, ids in other.tag_added.items():
            self.add_tag(tag_id, ids)
        for tag_id, ids in other.tag_removed.items():
            self.remove_tag(tag_id, ids)
        self.tags_dropped |= other.tags_dropped
        if self.initiator is not other.initiator:
            self.initiator = None
        for f in fields(self):  # the flags: any one set stays set
            if f.name != "initiator" and getattr(other, f.name) is True:
                setattr(self, f.name, True)

    @property
    def touches_members(self) -> bool:
        return bool(self.members or self.members_deleted or self.tag_added or self.tag_removed
                    or self.tags_dropped or self.follows_changed or self.full_rebuild)


def _ids_from_concat(text: str | None) -> BitMap:
    if not text:
        return BitMap()
    return BitMap(np.fromstring(text, dtype=np.uint32, sep=","))


CACHE_FORMAT = 2  # 2: keyed by the identity of the file (``Workspace._identity``)


def _pack(bitmaps: dict[int, BitMap], prefix: str, arrays: dict[str, npt.NDArray[Any]]) -> None:
    keys = sorted(bitmaps)
    blobs = [bitmaps[k].serialize() for k in keys]
    arrays[f"{prefix}_ids"] = np.array(keys, dtype=np.int64)
    arrays[f"{prefix}_lens"] = np.array([len(b) for b in blobs], dtype=np.int64)
    arrays[f"{prefix}_data"] = np.frombuffer(b"".join(blobs), dtype=np.uint8)


def _unpack(data: Any, prefix: str) -> dict[int, BitMap]:
    raw = data[f"{prefix}_data"].tobytes()
    out: dict[int, BitMap] = {}
    offset = 0
    for key, length in zip(data[f"{prefix}_ids"].tolist(), data[f"{prefix}_lens"].tolist(),
                           strict=True):
        out[int(key)] = BitMap.deserialize(raw[offset:offset + length])
        offset += length
    return out


class MemberIndex:
    COLUMNS = ("level", "channel", "joined_at", "last_active_at", "birth_md", "points")

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.tags: dict[int, BitMap] = {}
        self.staff: dict[int, BitMap] = {}
        self.all = BitMap()
        self.size = 1
        self.cols: dict[str, IntArray] = {c: np.full(1, MISSING, np.int64) for c in self.COLUMNS}
        self.channel_codes: dict[str, int] = {"": 0}
        self._name_rank: IntArray | None = None
        self.generation = 0  # bumps on every change; caches key on it
        self.saved_generation = -1
        self.ready = threading.Event()

    # -- the cache file next to the workspace --------------------------------------------------
    def save(self, path: Path, identity: dict[str, Any]) -> None:
        """Write the index beside the workspace (numpy .npz, no pickle) for a fast next open.
        ``identity`` names the exact state of the file it was built from (workspace id, write
        session, change counter); ``load`` refuses the cache for anything else."""
        with self._lock:
            arrays: dict[str, npt.NDArray[Any]] = {f"col_{n}": c for n, c in self.cols.items()}
            _pack(self.tags, "tag", arrays)
            _pack(self.staff, "staff", arrays)
            arrays["all"] = np.frombuffer(self.all.serialize(), dtype=np.uint8)
            meta = {"format": CACHE_FORMAT, "identity": identity, "size": self.size,
                    "channels": self.channel_codes}
            arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
            generation = self.generation
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("wb") as fh:
            np.savez(fh, **arrays)  # type: ignore[arg-type]
        os.replace(tmp, path)
        self.saved_generation = generation

    def load(self, path: Path, identity: dict[str, Any]) -> bool:
        """Use the cache file if it was built from exactly this state of this file (``identity``
        equal in every field); False means rebuild, which is always safe."""
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(data["meta"].tobytes())
                if meta.get("format") != CACHE_FORMAT or meta.get("identity") != identity:
                    return False
                cols = {n: data[f"col_{n}"] for n in self.COLUMNS}
                tags, staff = _unpack(data, "tag"), _unpack(data, "staff")
                everyone = BitMap.deserialize(data["all"].tobytes())
        except (OSError, ValueError, KeyError, json.JSONDecodeError):
            return False  # missing, partial or from another version: rebuilding is always safe
        with self._lock:
            self.cols, self.tags, self.staff, self.all = cols, tags, staff, everyone
            self.size = int(meta["size"])
            self.channel_codes = {str(k): int(v) for k, v in meta["channels"].items()}
            self._name_rank = None
            self.generation += 1
            self.saved_generation = self.generation
            self.ready.set()
        return True

    @property
    def dirty(self) -> bool:
        return self.generation != self.saved_generation

    # -- building ------------------------------------------------------------------------------
    def rebuild(self, conn: sqlite3.Connection) -> None:
        with self._lock:
            tags = {
                tag_id: _ids_from_concat(ids)
                for tag_id, ids in conn.execute(
                    "SELECT tag_id, group_concat(member_id) FROM member_tags GROUP BY tag_id")
            }
            for (tag_id,) in conn.execute("SELECT id FROM tags"):
                tags.setdefault(tag_id, BitMap())
            staff = {
                staff_id: _ids_from_concat(ids)
                for staff_id, ids in conn.execute(
                    "SELECT staff_id, group_concat(member_id) FROM follows GROUP BY staff_id")
            }
            max_id = conn.execute("SELECT coalesce(max(id), 0) FROM members").fetchone()[0]
            self.channel_codes = {"": 0}
            # filled off to the side, then swapped in: readers meanwhile see the old index whole
            size = max(max_id + 1024, self.size)  # never shorter than what readers may hold
            cols = {c: np.full(size, MISSING, np.int64) for c in self.COLUMNS}
            cols, everyone, size = self._load_members(conn, None, cols, BitMap(), size)
            self.cols, self.all, self.size = cols, everyone, size
            self.tags, self.staff = tags, staff
            self._name_rank = None
            self.generation += 1
            self.ready.set()

    @staticmethod
    def _grown(cols: dict[str, IntArray], size: int,
               max_id: int) -> tuple[dict[str, IntArray], int]:
        """Columns long enough for ``max_id``: a new dict of new arrays when they must grow."""
        if max_id < size:
            return cols, size
        new_size = max(max_id + 1, size * 2)
        grown: dict[str, IntArray] = {}
        for name, col in cols.items():
            grown[name] = np.full(new_size, MISSING, np.int64)
            grown[name][:size] = col
        return grown, new_size

    def channel_code(self, channel: str) -> int:
        code = self.channel_codes.get(channel)
        if code is None:
            code = self.channel_codes[channel] = len(self.channel_codes)
        return code

    def _load_members(self, conn: sqlite3.Connection, ids: list[int] | None,
                      cols: dict[str, IntArray], everyone: BitMap,
                      size: int) -> tuple[dict[str, IntArray], BitMap, int]:
        """Member fields into ``cols`` and ``everyone``; returns them (new ones if they grew).

        Rows are written into the arrays in place (a reader sees a changed member's old or new
        value), but a grown column set and the member bitmap are new objects, never mutated."""
        sql = ("SELECT id, level, channel, coalesce(joined_at, ?), coalesce(last_active_at, ?), "
               "coalesce(birth_md, ?), points FROM members")
        params: list[object] = [int(MISSING)] * 3
        chunks: list[list[int] | None] = [None]
        if ids is not None:
            chunks = [ids[i:i + 900] for i in range(0, len(ids), 900)]
        for chunk in chunks:
            if chunk is None:
                cur = conn.execute(sql, params)
            else:
                cur = conn.execute(sql + f" WHERE id IN ({','.join('?' * len(chunk))})",
                                   [*params, *chunk])
            while rows := cur.fetchmany(100_000):
                arr = np.array([(r[0], r[1], self.channel_code(r[2]), r[3], r[4], r[5], r[6])
                                for r in rows], dtype=np.int64)
                member_ids = arr[:, 0]
                cols, size = self._grown(cols, size, int(member_ids.max()))
                for i, name in enumerate(self.COLUMNS, start=1):
                    cols[name][member_ids] = arr[:, i]
                everyone = everyone | BitMap(member_ids.astype(np.uint32))
        return cols, everyone, size

    # -- keeping current -----------------------------------------------------------------------
    def apply(self, changes: Changes, conn: sqlite3.Connection) -> None:
        if changes.full_rebuild:
            self.rebuild(conn)
            return
        if not (changes.touches_members or changes.library_changed):
            return
        with self._lock:
            # a new dict, published whole: a reader iterating the old one is never disturbed
            tags = dict(self.tags)
            for tag_id, ids in changes.tag_removed.items():
                tags[tag_id] = tags.get(tag_id, BitMap()) - BitMap(ids)
            for tag_id, ids in changes.tag_added.items():
                tags[tag_id] = tags.get(tag_id, BitMap()) | BitMap(ids)
            for tag_id in changes.tags_dropped:
                tags.pop(tag_id, None)
            if changes.members_deleted:
                gone = BitMap(changes.members_deleted)
                self.all = self.all - gone
                tags = {t: bm - gone for t, bm in tags.items()}
                self.staff = {s: bm - gone for s, bm in self.staff.items()}
            if changes.members:
                cols, everyone, size = self._load_members(
                    conn, sorted(changes.members), self.cols, self.all, self.size)
                # columns before the size and the bitmap: a reader never indexes past them
                self.cols = cols
                self.size, self.all = size, everyone
                self._name_rank = None
            if changes.follows_changed:
                self.staff = {
                    staff_id: _ids_from_concat(ids)
                    for staff_id, ids in conn.execute(
                        "SELECT staff_id, group_concat(member_id) FROM follows GROUP BY staff_id")
                }
            # Published last: a reader that sees a new member in a tag then reads the columns
            # finds them already long enough (segments.evaluate reads in that order).
            self.tags = tags
            self.generation += 1

    # -- reading -------------------------------------------------------------------------------
    # Each reader takes ``self.tags`` (or another published container) once, lock-free: that
    # dict is never changed after it is published (see the module docstring).
    def tag(self, tag_id: int) -> BitMap:
        return self.tags.get(tag_id, BitMap())

    def count(self, tag_id: int) -> int:
        return len(self.tags.get(tag_id, ()))

    def facet_counts(self, within: BitMap | None) -> dict[int, int]:
        """Members per tag inside ``within`` (all members when None), as of one moment."""
        tags = self.tags
        if within is None:
            return {t: len(bm) for t, bm in tags.items()}
        return {t: within.intersection_cardinality(bm) for t, bm in tags.items()}

    def channel_counts(self) -> dict[str, int]:
        """Members per channel code (the empty code included), from the channel column."""
        codes, everyone, col = self.channel_codes, self.all, self.cols["channel"]
        if not everyone:
            return {}
        values = col[np.frombuffer(everyone.to_array(), dtype=np.uint32)]
        counts = np.bincount(values[values >= 0])
        names = {v: k for k, v in list(codes.items())}
        return {names[i]: int(n) for i, n in enumerate(counts) if n and i in names}

    def name_rank(self, conn: sqlite3.Connection) -> IntArray:
        rank, size, generation = self._name_rank, self.size, self.generation
        if rank is None or len(rank) < size:
            ordered = np.fromiter(
                (r[0] for r in conn.execute("SELECT id FROM members ORDER BY name_pinyin, id")),
                dtype=np.int64)
            rank = np.full(max(size, int(ordered.max(initial=0)) + 1),
                           np.iinfo(np.int64).max, np.int64)
            rank[ordered] = np.arange(len(ordered), dtype=np.int64)
            with self._lock:  # a write meanwhile made this rank stale: use it, do not keep it
                if self.generation == generation:
                    self._name_rank = rank
        return rank
